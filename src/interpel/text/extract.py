"""Text out of any document an office receives or a BIP publishes, dispatched on the detected media type."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from interpel.errors import DocumentTooLarge, DocumentUnreadable
from interpel.text import ocr, sniff
from interpel.text.html import html_to_text
from interpel.text.pdf import read_pdf
from interpel.text.word import read_docx

MIB = 1 << 20


@dataclass(frozen=True)
class Limits:
    """Bounds on what one document may cost; over them a document is refused, never half-read."""

    max_bytes: int = 50 * MIB
    max_pages: int = 500
    max_unpacked_bytes: int = 200 * MIB
    ocr: bool = True
    ocr_timeout_s: float = 60


@dataclass(frozen=True)
class Extracted:
    """The text of a document, paragraphs separated by blank lines, and how it was obtained."""

    text: str
    media_type: str
    pages: int
    ocr_pages: int
    warnings: tuple[str, ...]


def extract_text(data: bytes, limits: Limits) -> Extracted:
    """Plain text in UTF-8, CP1250 or ISO-8859-2: what councils' old systems and e-mail exports still write."""
    if not sniff.looks_like_text(data):
        raise DocumentUnreadable("plik binarny, nie tekst (binary data, not a text document)")
    text, encoding = sniff.decode_text(data)
    warnings = () if encoding in ("utf-8", "ascii") else (f"kodowanie {encoding} (decoded as {encoding})",)
    return Extracted(text, sniff.TEXT, 1, 0, warnings)


def extract_html(data: bytes, limits: Limits) -> Extracted:
    """A BIP or eSesja page (Kalisz eSesja, Oświęcim, Szczecin, Gryfino BIP): the document without the page chrome."""
    return Extracted(html_to_text(data), sniff.HTML, 1, 0, ())


def extract_pdf(data: bytes, limits: Limits) -> Extracted:
    """A PDF: the answers of the Mayor of Kalisz and of the ministers to the Sejm; scanned pages go to OCR."""
    result = read_pdf(data, limits.max_pages, limits.ocr, limits.ocr_timeout_s)
    return Extracted(result.text, sniff.PDF, result.pages, result.ocr_pages, tuple(result.warnings))


def extract_docx(data: bytes, limits: Limits) -> Extracted:
    """A Word file: how councillors file interpellations and departments draft answers before signing."""
    text, pages = read_docx(data, limits.max_unpacked_bytes)
    return Extracted(text, sniff.DOCX, pages, 0, ())


def extract_image(data: bytes, limits: Limits) -> Extracted:
    """A PNG or JPEG scan or photo of a letter, as attached to interpellations on eSesja pages."""
    if not limits.ocr:
        raise DocumentUnreadable("obraz bez tekstu, OCR wyłączone (image, OCR disabled)")
    text = ocr.ocr_image_file(data, ocr.Deadline(limits.ocr_timeout_s))
    from interpel.text.clean import clean_text_pages

    return Extracted(clean_text_pages([text]), sniff.sniff(data), 1, 1, ("OCR: obraz (image read by OCR)",))


EXTRACTORS: dict[str, Callable[[bytes, Limits], Extracted]] = {
    sniff.TEXT: extract_text,
    sniff.HTML: extract_html,
    sniff.PDF: extract_pdf,
    sniff.DOCX: extract_docx,
    sniff.PNG: extract_image,
    sniff.JPEG: extract_image,
}

# Why a recognised but unsupported type is refused, in the one line the user sees.
_REFUSED = {
    sniff.OLE: "stary format Word .doc lub zaszyfrowany dokument Office; zapisz jako DOCX lub PDF "
    "(legacy .doc or encrypted Office file is not supported)",
    sniff.ODT: "format ODT nie jest obsługiwany; zapisz jako DOCX lub PDF (ODT is not supported)",
    sniff.RTF: "format RTF nie jest obsługiwany; zapisz jako DOCX lub PDF (RTF is not supported)",
    sniff.ZIP: "archiwum ZIP, nie dokument (a ZIP archive, not a document)",
    sniff.TIFF: "obraz TIFF nie jest obsługiwany; zapisz jako PDF (TIFF is not supported)",
    sniff.BINARY: "plik binarny, nie tekst (binary data, not a text document)",
}
_SUFFIX_TYPES = {
    ".pdf": sniff.PDF,
    ".docx": sniff.DOCX,
    ".html": sniff.HTML,
    ".htm": sniff.HTML,
    ".txt": sniff.TEXT,
}


def extract_bytes(data: bytes, name: str = "", limits: Limits = Limits()) -> Extracted:  # noqa: B008
    """Extract the text of a document given as bytes; name only serves to warn about a misleading extension."""
    if len(data) > limits.max_bytes:
        raise DocumentTooLarge(f"plik ma {len(data)} bajtów, limit {limits.max_bytes} (file too large)")
    media_type = sniff.sniff(data)
    extractor = EXTRACTORS.get(media_type)
    if extractor is None:
        if media_type == sniff.OLE and "EncryptedPackage".encode("utf-16-le") in data:
            raise DocumentUnreadable("dokument Office zabezpieczony hasłem (encrypted Office document)")
        raise DocumentUnreadable(
            _REFUSED.get(media_type, f"nieobsługiwany typ {media_type} (unsupported type)")
        )
    result = extractor(data, limits)
    # A text file is kept as written (the parser's golden bodies are exact substrings of it); others are tidied.
    text = _tidy(result.text) if media_type != sniff.TEXT else result.text.replace("\r\n", "\n").strip()
    if not text:
        detail = "; ".join(result.warnings)
        raise DocumentUnreadable(
            "brak tekstu w dokumencie (no text found)" + (f": {detail}" if detail else "")
        )
    warnings = result.warnings
    claimed = _SUFFIX_TYPES.get(Path(name).suffix.lower())
    if claimed and claimed != media_type and not (claimed == sniff.TEXT and media_type == sniff.HTML):
        warnings = (f"rozszerzenie {Path(name).suffix} nie pasuje do treści ({media_type})", *warnings)
    return Extracted(text, media_type, result.pages, result.ocr_pages, warnings)


def extract_file(path: Path, limits: Limits = Limits()) -> Extracted:  # noqa: B008
    """Extract the text of a file, refusing one over limits.max_bytes before reading it."""
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise DocumentTooLarge(f"plik ma {size} bajtów, limit {limits.max_bytes} (file too large)")
        with path.open("rb") as f:
            data = f.read(limits.max_bytes + 1)  # the file may have grown since stat()
    except OSError as e:
        raise DocumentUnreadable(f"nie można odczytać pliku (cannot read file: {e.strerror})") from e
    return extract_bytes(data, path.name, limits)


def _tidy(text: str) -> str:
    """Common form of every extractor's output: NFC letters, \\n line ends, no trailing spaces, one blank line."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\x00", "").replace("\ufeff", "")
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", text).strip()
