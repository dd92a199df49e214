"""Text of a PDF: pypdfium2 with the page layout, pypdf when pdfium cannot open the file, OCR for scanned pages."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from interpel.errors import DocumentTooLarge, DocumentUnreadable
from interpel.text import ocr
from interpel.text.clean import Line, clean_pages, clean_text_pages, starts_line

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
            pages.append(ocr_lines(page, deadline))
            ocr_pages += 1
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
    after") or by a first-line indent, so both are turned back into blank lines here. Lines a word processor
    wrapped are marked as such (see _mark_wraps), so that a field written on one line stays on one line.
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
                # The first word ends before the first space after the line's first character.
                gap = text.lstrip().find(" ")
                word_end = first + gap - 1 if gap > 0 else last
                clean = "".join(ch for ch in text if ch != "\x00")
                if any("\ud800" <= ch <= "\udfff" for ch in clean):
                    clean = clean.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
                first_box = textpage.get_charbox(first, loose=True)
                last_box = textpage.get_charbox(last, loose=True)
                word_box = textpage.get_charbox(word_end, loose=True)
                # The space after the first word, measured: fonts' spaces run from a fifth to a third of an em.
                space = textpage.get_charbox(word_end + 2, loose=True)[0] - word_box[2] if gap > 0 else -1.0
                placed.append(
                    (
                        clean,
                        Box(
                            first_box[0],
                            first_box[1],
                            last_box[1],
                            first_box[3] - first_box[1],
                            last_box[2],
                            max(0.0, word_box[2] - first_box[0]),
                            space,
                        ),
                    )
                )
            start += len(text) + 2
    finally:
        textpage.close()
    return _with_paragraphs(placed, float(page.get_width()))


class Box(NamedTuple):
    """Where a line stands. A line pdfium joined with the next across a hyphen starts on one line and ends on the
    next, so the bottoms of its first and last characters differ."""

    left: float
    bottom: float  # of the first character
    bottom_last: float  # of the last character
    height: float
    right: float  # of the last character
    first_word: float  # width of the first word
    space: float = -1.0  # width of the space after it, -1 when unknown


def ocr_lines(page: Any, deadline: ocr.Deadline) -> list[Line]:
    """A scanned page's lines by OCR, with paragraph breaks and wrapped lines found from the boxes as for text."""
    found, pixels = ocr.ocr_page_lines(page, deadline)
    width, height = (float(v) for v in page.get_size())
    scale = width / pixels if pixels else 1.0
    placed: list[tuple[str, Box]] = []
    for line in found:
        # Measured from the line's top, not its bottom: whether a line has letters with descenders moves the
        # bottom of its box, while capitals and ascenders put nearly every line's top at the same height.
        y = height - line.top * scale
        space = (
            (line.second_word_left - line.first_word_right) * scale if line.second_word_left >= 0 else -1.0
        )
        placed.append(
            (
                line.text,
                Box(
                    line.left * scale,
                    y,
                    y,
                    (line.bottom - line.top) * scale,
                    line.right * scale,
                    (line.first_word_right - line.left) * scale,
                    space,
                ),
            )
        )
    return _with_paragraphs(placed, width)


def _with_paragraphs(placed: list[tuple[str, Box]], page_width: float = 0.0) -> list[Line]:
    drops = [prev[1].bottom_last - cur[1].bottom for prev, cur in zip(placed, placed[1:], strict=False)]
    heights = sorted(b.height for _, b in placed)
    height = heights[len(heights) // 2] if heights else 0.0
    pitches = sorted(d for d, (_, b) in zip(drops, placed, strict=False) if 0 < d < 4 * b.height)
    # The usual line pitch: a low quantile, because in a page of one-line paragraphs (addresses, headings)
    # most pitches include a gap; and never above 1.35 line heights, what 1.5 line spacing gives at most.
    pitch = min(pitches[len(pitches) // 4], 1.35 * height) if pitches else 1.35 * height
    lefts = sorted(b.left for _, b in placed)
    margin = lefts[len(lefts) // 4] if lefts else 0.0  # most lines start at the left margin
    wraps = _mark_wraps(placed, margin, page_width)
    out: list[Line] = []
    for i, (text, box) in enumerate(placed):
        if i:
            drop = drops[i - 1]
            indent = box.left - margin
            ended = placed[i - 1][0].rstrip().endswith((".", ":", ";", "!", "?"))
            if (
                (pitch and drop > PARAGRAPH_GAP * pitch)
                or drop < -pitch  # back up the page: a new block
                or (ended and 8 < indent < 60 and text.strip()[:1].isupper())
            ):
                out.append(Line("", box.bottom))
                if out[-2].wraps:  # a paragraph break is a hard break, however full its last line
                    out[-2] = Line(out[-2].text, out[-2].y)
        out.append(Line(text, box.bottom, wraps[i]))
    return out


def _mark_wraps(placed: list[tuple[str, Box]], margin: float, page_width: float) -> list[bool]:
    """Which lines a word processor wrapped: the next line's first word would not have fitted after them.

    Word and LibreOffice fill a line, left-aligned or justified, until the next word does not fit; a line ended
    by the writer (an address line, a heading, the last line of a paragraph) stops short of the right edge by
    more than that word. The right edge of the text is the mirror of the left margin (office letters have
    equal margins) or, when lines run further, where most of the longest ones end. Only lines starting at the
    left margin (or a paragraph indent) count: a right-aligned place/date line also touches the right edge.
    """
    out = [False] * len(placed)
    if len(placed) < 2 or page_width <= 0:
        return out
    rights = sorted(b.right for _, b in placed if b.right <= page_width)
    edge = max(page_width - margin, rights[(len(rights) * 9) // 10] if rights else 0.0)
    column = edge - margin
    if column < 100:  # no real column of text (a form, a table cell, a label)
        return out
    # The space of the page's font, from the lines that show one; a justified line's is stretched, so the
    # lower quartile; 0.2 em when none can be measured.
    spaces = sorted(b.space for _, b in placed if 0 < b.space < b.height)
    for i, ((_text, box), (next_text, nxt)) in enumerate(zip(placed, placed[1:], strict=False)):
        space = spaces[len(spaces) // 4] if spaces else 0.2 * box.height
        out[i] = (
            -2 <= box.left - margin < 40
            and -2 <= nxt.left - margin < 40
            and abs(nxt.height - box.height) <= 0.35 * box.height  # one font; OCR boxes vary with descenders
            and box.right - box.left > 0.6 * column
            and box.right + space + nxt.first_word
            > edge - 0.2 * box.height  # glyph boxes end short of advances
            and 0 < box.bottom_last - nxt.bottom < 2 * box.height  # the very next line, not a jump
            and not starts_line(next_text)
        )
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
