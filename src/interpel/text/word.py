"""Text of a Word (DOCX) file in body order, tables included, with the archive checked before anything is inflated."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from interpel.errors import DocumentTooLarge, DocumentUnreadable

# More members than any letter needs (a DOCX from Word holds 10 to 30; images add one each).
MAX_MEMBERS = 2000
# A declared compression ratio above this on a member of a megabyte or more is a zip bomb, not XML.
MAX_RATIO = 200
CHUNK = 1 << 16
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Not text: paragraph and run properties (their w:tab are tab stops), deleted text, and the VML fallback copy
# that Word writes beside every modern text box.
_SKIP = {
    f"{_W}pPr",
    f"{_W}rPr",
    f"{_W}del",
    f"{_W}instrText",
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}


def check_archive(data: bytes, max_unpacked: int) -> None:
    """Refuse a zip bomb from the central directory (declared sizes), then by inflating it with a running cap.

    zipfile never inflates a member past its declared size (it checks the CRC at the end), so once the
    declared sizes pass, the streamed pass below bounds memory to one chunk and time to max_unpacked bytes.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        raise DocumentUnreadable(f"uszkodzony lub ucięty plik DOCX (truncated or corrupt DOCX: {e})") from e
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise DocumentTooLarge(f"DOCX ma {len(infos)} plików w archiwum (too many ZIP members)")
        declared = sum(i.file_size for i in infos)
        if declared > max_unpacked:
            raise DocumentTooLarge(
                f"DOCX po rozpakowaniu ma {declared} bajtów, limit {max_unpacked} (unpacks too large: zip bomb?)"
            )
        for info in infos:
            if info.file_size >= 1 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise DocumentTooLarge(
                    f"DOCX: {info.filename} kompresja {info.file_size // max(info.compress_size, 1)}:1 (zip bomb)"
                )
        total = 0
        try:
            for info in infos:
                with zf.open(info) as member:
                    while chunk := member.read(CHUNK):
                        total += len(chunk)
                        if total > max_unpacked:
                            raise DocumentTooLarge(
                                f"DOCX rozpakowuje się ponad {max_unpacked} bajtów (zip bomb)"
                            )
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError) as e:
            # RuntimeError: an encrypted member; NotImplementedError: a compression method zipfile lacks.
            raise DocumentUnreadable(f"uszkodzony plik DOCX (corrupt DOCX: {e})") from e


def read_docx(data: bytes, max_unpacked: int) -> tuple[str, int]:
    """Return (text, pages) of a DOCX: paragraphs and tables in body order, the first page header on top.

    pages comes from docProps/app.xml as Word saved it, 1 when absent.
    """
    import docx
    from lxml.etree import XMLSyntaxError

    check_archive(data, max_unpacked)
    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, XMLSyntaxError, zipfile.BadZipFile, AttributeError, TypeError) as e:
        raise DocumentUnreadable(f"uszkodzony plik DOCX (corrupt DOCX: {type(e).__name__}: {e})") from e
    except Exception as e:  # python-docx has its own PackageNotFoundError and friends with no common base
        if type(e).__module__.startswith("docx"):
            raise DocumentUnreadable(f"uszkodzony plik DOCX (corrupt DOCX: {e})") from e
        raise
    blocks: list[str] = []
    header = _header_text(document)
    if header:
        blocks.append(header)
    _blocks(document.element.body, blocks)
    text = "\n\n".join(b for b in blocks if b.strip())
    return re.sub(r"\n{3,}", "\n\n", text).strip(), _pages(data)


def _header_text(document: Any) -> str:
    """The letterhead: Word keeps it in the first section's header, printed on every page but read once here."""
    try:
        section = document.sections[0]
        header = section.first_page_header if section.different_first_page_header_footer else section.header
        if header.is_linked_to_previous and not header.paragraphs:
            return ""
        out: list[str] = []
        _blocks(header._element, out)
        return "\n".join(b for b in out if b.strip())
    except (IndexError, AttributeError, KeyError, ValueError):
        return ""


def _paragraph_text(p: Any) -> str:
    """Text of a w:p: runs, hyperlinks, fields, tabs and breaks; text boxes inline, each once."""
    parts: list[str] = []

    def walk(el: Any) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag == f"{_W}tab":
                parts.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{_W}p":  # a paragraph inside a text box
                walk(child)
                parts.append("\n")
            else:
                walk(child)

    walk(p)
    return "".join(parts).strip()


def _blocks(container: Any, out: list[str]) -> None:
    """Append the text of each paragraph and table of a body, header or cell, in document order."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{_W}p":
            out.append(_paragraph_text(child))
        elif tag == f"{_W}tbl":
            out.append(_table_text(child))
        elif tag == f"{_W}sdt":  # content controls (forms, templates) wrap ordinary paragraphs
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                _blocks(content, out)


def _table_text(tbl: Any) -> str:
    """A table row by row, each cell on its own line: letters use tables for layout (sign left, date right)."""
    rows: list[str] = []
    for tr in tbl.iterchildren(f"{_W}tr"):
        cells: list[str] = []
        for tc in tr.iterchildren(f"{_W}tc"):
            # A vertically merged cell repeats nothing: only the cell that starts the merge holds text.
            inner: list[str] = []
            _blocks(tc, inner)
            text = "\n".join(b for b in inner if b.strip())
            if text:
                cells.append(text)
        if cells:
            rows.append("\n".join(cells))
    return "\n".join(rows)


def _pages(data: bytes) -> int:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            app = zf.read("docProps/app.xml") if "docProps/app.xml" in zf.namelist() else b""
    except (zipfile.BadZipFile, OSError, KeyError):
        return 1
    m = re.search(rb"<(?:\w+:)?Pages>(\d+)<", app[:65536])
    return max(int(m.group(1)), 1) if m else 1
