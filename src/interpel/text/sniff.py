"""Tell what a file is from its bytes (never from its name) and which encoding a text file is in."""

from __future__ import annotations

import io
import re
import zipfile

from interpel.errors import DocumentUnreadable

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML = "text/html"
TEXT = "text/plain"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
# Types we recognise only to refuse them with a message that says what they are.
OLE = "application/x-ole-storage"
ODT = "application/vnd.oasis.opendocument.text"
ZIP = "application/zip"
RTF = "application/rtf"
BINARY = "application/octet-stream"

POLISH = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|article)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def sniff(data: bytes) -> str:
    """Return the media type of data, found from magic bytes and structure.

    A PDF may start after some junk (the header must be within the first 1024 bytes, as readers accept);
    a ZIP is a DOCX only when it holds word/document.xml.
    """
    if not data.strip():
        raise DocumentUnreadable("pusty plik (empty file)")
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLE
    if data.startswith(b"{\\rtf"):
        return RTF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            head = data[len(bom) : 1024 + len(bom)].decode(encoding, "ignore").encode("utf-8")
            break
    if _HTML_START.match(head):
        return HTML
    return TEXT if looks_like_text(data) else BINARY


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            mimetype = (
                zf.read("mimetype")[:100]
                if "mimetype" in names and zf.getinfo("mimetype").file_size < 100
                else b""
            )
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        # Without the central directory at its end a ZIP cannot be read: the usual sign of a cut-off download.
        kind = "DOCX" if b"word/" in data[:4096] or b"[Content_Types].xml" in data[:4096] else "ZIP"
        raise DocumentUnreadable(
            f"uszkodzony lub ucięty plik {kind} (truncated or corrupt {kind}: {e})"
        ) from e
    if "word/document.xml" in names:
        return DOCX
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return ODT
    return ZIP


def looks_like_text(data: bytes) -> bool:
    """True unless data holds NUL bytes or many control characters, as binary files do."""
    sample = data[:65536]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 text is full of NULs by design
    if b"\x00" in sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls <= len(sample) // 200


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text file; return (text, encoding). UTF-8 first, then CP1250 or ISO-8859-2 for Polish.

    The two Polish 8-bit code pages differ in ą, ś, ź (and capitals); each decodes the other's text without error
    into wrong letters, so we count which reading yields more Polish letters and fewer impossible characters.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = [
        (_polish_score(t), t, e) for e in ("cp1250", "iso-8859-2") for t in [data.decode(e, "replace")]
    ]
    best = max(candidates, key=lambda c: c[0])  # the first wins a tie, as CP1250 should
    if best[0] <= 0:
        # Not Polish after all: let charset-normalizer guess among every encoding it knows.
        from charset_normalizer import from_bytes

        match = from_bytes(data).best()
        if match is not None:
            return str(match), match.encoding
    return best[1], best[2]


def _polish_score(text: str) -> float:
    polish = sum(1 for ch in text if ch in POLISH)
    # C1 controls and the replacement mark never occur in a letter; these are what ą ś ź Ą Ś Ź become when
    # read in the other code page (ˇ ¦ ¬ ± µ ¶ Ľ ľ š), and are all but absent from Polish text.
    wrong = sum(1 for ch in text if "\x80" <= ch <= "\x9f" or ch in "\ufffdˇ¦¬±µ¶Ľľš")
    return polish - 3 * wrong
