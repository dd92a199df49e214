"""Text of a PDF: pypdfium2 with the page layout, pypdf when pdfium cannot open the file, OCR for scanned pages."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from interpel.errors import DocumentTooLarge, DocumentUnreadable
from interpel.text import ocr
from interpel.text.clean import Line, clean_pages, clean_text_pages

# Fewer visible characters than this and a page counts as having no text layer (a scan may carry a stray
# "1" or a stamp's date as text).
MIN_PAGE_CHARS = 16
# A line starting this much lower than the previous one's usual pitch starts a new paragraph.
PARAGRAPH_GAP = 1.45
_PASSWORD_ERRORS = {pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY}


@dataclass
class PdfText:
    """What the PDF readers return before it becomes an Extracted."""

    text: str
    pages: int
    ocr_pages: int = 0
    warnings: list[str] = field(default_factory=list)


def check_complete(data: bytes) -> None:
    """Refuse a PDF cut short: every complete PDF ends with %%EOF within its last 1024 bytes."""
    if b"%%EOF" not in data[-1024:]:
        raise DocumentUnreadable("ucięty plik PDF: brak znacznika %%EOF (truncated PDF)")


def read_pdf(data: bytes, max_pages: int, use_ocr: bool, ocr_timeout_s: float) -> PdfText:
    """Read a PDF with pdfium, falling back to pypdf when pdfium cannot open it."""
    check_complete(data)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) in _PASSWORD_ERRORS:
            raise DocumentUnreadable("PDF zabezpieczony hasłem (encrypted PDF, password required)") from e
        result = read_pdf_pypdf(data, max_pages)
        result.warnings.insert(0, f"pdfium could not open the file ({e}); text read with pypdf")
        return result
    try:
        return _read_pdfium(pdf, max_pages, use_ocr, ocr_timeout_s)
    finally:
        pdf.close()


def _check_pages(n: int, max_pages: int) -> None:
    if n > max_pages:
        raise DocumentTooLarge(f"PDF ma {n} stron, limit to {max_pages} (too many pages)")
    if n == 0:
        raise DocumentUnreadable("PDF bez stron (PDF has no pages)")


def _read_pdfium(pdf: Any, max_pages: int, use_ocr: bool, ocr_timeout_s: float) -> PdfText:
    n = len(pdf)
    _check_pages(n, max_pages)  # by page count, before a single page is parsed or rendered
    pages: list[list[Line]] = []
    warnings: list[str] = []
    deadline: ocr.Deadline | None = None
    ocr_pages = 0
    for i in range(n):
        page = pdf[i]
        try:
            lines = page_lines(page)
            if sum(len(line.text.strip()) for line in lines) >= MIN_PAGE_CHARS or not _has_images(page):
                pages.append(lines)
                continue
            if not use_ocr:
                warnings.append(
                    f"strona {i + 1}: brak warstwy tekstowej, OCR wyłączone (no text layer, OCR off)"
                )
                pages.append(lines)
                continue
            if not ocr.tesseract_available():
                warnings.append(
                    f"strona {i + 1}: brak warstwy tekstowej, brak tesseract (no text layer, no OCR)"
                )
                pages.append(lines)
                continue
            deadline = deadline or ocr.Deadline(ocr_timeout_s)
            text = ocr.ocr_pdf_page(page, deadline)
            ocr_pages += 1
            pages.append([Line(t) for t in text.split("\n")])
        finally:
            page.close()
    if ocr_pages:
        warnings.append(f"OCR: {ocr_pages} z {n} stron (pages read by OCR)")
    return PdfText(clean_pages(pages), n, ocr_pages, warnings)


def _has_images(page: Any) -> bool:
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3))


def page_lines(page: Any) -> list[Line]:
    """The lines of a page in pdfium's reading order, each with its height, and "" where a paragraph ends.

    pdfium gives no paragraph breaks; office letters mark them by extra space between lines (Word's "space
    after") or by a first-line indent, so both are turned back into blank lines here.
    """
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        raw = textpage.get_text_range()
        if len(raw) != count:
            # Glyphs without a Unicode mapping (bullets of symbol fonts) and characters beyond the BMP make
            # pdfium's string shorter than its character index: rebuild it one character per index.
            raw = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, k)) for k in range(count))
        placed: list[tuple[str, Box]] = []
        start = 0
        for text in raw.split("\r\n"):
            visible = text.strip().replace("\x00", "")
            if visible:
                first = start + len(text) - len(text.lstrip())
                last = start + len(text.rstrip()) - 1
                clean = "".join(ch for ch in text if ch != "\x00")
                if any("\ud800" <= ch <= "\udfff" for ch in clean):
                    clean = clean.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
                first_box = textpage.get_charbox(first, loose=True)
                last_box = textpage.get_charbox(last, loose=True)
                placed.append((clean, (first_box[0], first_box[1], last_box[1], first_box[3] - first_box[1])))
            start += len(text) + 2
    finally:
        textpage.close()
    return _with_paragraphs(placed)


# (left, bottom of the first character, bottom of the last character, line height): a line pdfium joined
# with the next across a hyphen starts on one line and ends on the next.
Box = tuple[float, float, float, float]


def _with_paragraphs(placed: list[tuple[str, Box]]) -> list[Line]:
    drops = [prev[1][2] - cur[1][1] for prev, cur in zip(placed, placed[1:], strict=False)]
    heights = sorted(b[3] for _, b in placed)
    height = heights[len(heights) // 2] if heights else 0.0
    pitches = sorted(d for d, (_, b) in zip(drops, placed, strict=False) if 0 < d < 4 * b[3])
    # The usual line pitch: a low quantile, because in a page of one-line paragraphs (addresses, headings)
    # most pitches include a gap; and never above 1.35 line heights, what 1.5 line spacing gives at most.
    pitch = min(pitches[len(pitches) // 4], 1.35 * height) if pitches else 1.35 * height
    lefts = sorted(b[0] for _, b in placed)
    margin = lefts[len(lefts) // 4] if lefts else 0.0  # most lines start at the left margin
    out: list[Line] = []
    for i, (text, box) in enumerate(placed):
        if i:
            drop = drops[i - 1]
            indent = box[0] - margin
            ended = placed[i - 1][0].rstrip().endswith((".", ":", ";", "!", "?"))
            if (
                (pitch and drop > PARAGRAPH_GAP * pitch)
                or drop < -pitch  # back up the page: a new block
                or (ended and 8 < indent < 60 and text.strip()[:1].isupper())
            ):
                out.append(Line("", box[1]))
        out.append(Line(text, box[1]))
    return out


def read_pdf_pypdf(data: bytes, max_pages: int) -> PdfText:
    """Read a PDF with pypdf (pure Python, more forgiving of some broken files, no layout, no rendering)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentUnreadable("PDF zabezpieczony hasłem (encrypted PDF, password required)")
        n = len(reader.pages)
        _check_pages(n, max_pages)
        texts = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError) as e:
        raise DocumentUnreadable(f"uszkodzony plik PDF (corrupt PDF: {e})") from e
    warnings = []
    if sum(len(t.strip()) for t in texts) < MIN_PAGE_CHARS:
        warnings.append("PDF bez warstwy tekstowej; OCR niemożliwe bez pdfium (no text layer; cannot render)")
    return PdfText(clean_text_pages(texts), n, 0, warnings)
