"""Bad input gets one clear line and costs bounded time and memory: each case an office or a BIP scrape produces."""

from __future__ import annotations

import io
import os
import resource
import struct
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fixtures_docs import corpus_text, make_docx, make_pdf  # noqa: E402
from interpel.errors import DocumentTooLarge, DocumentUnreadable, InterpelError  # noqa: E402
from interpel.text import sniff  # noqa: E402
from interpel.text.extract import Limits, extract_bytes, extract_file  # noqa: E402

MIB = 1 << 20
LETTER = corpus_text("seeds/kalisz-004")


@contextmanager
def bounded(seconds: float = 5.0, mib: int = 150) -> Iterator[None]:
    """Fail unless the block ends within seconds and raises the process's peak memory by less than mib."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    start = time.monotonic()
    yield
    assert time.monotonic() - start < seconds
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) // 1024 < mib


def refused(call: Callable[[], object], error: type[InterpelError], *words: str) -> str:
    """Run call, expecting error; return its message after checking it is one line naming the reason."""
    with bounded(), pytest.raises(error) as info:
        call()
    message = str(info.value)
    assert message and "\n" not in message
    assert any(w in message for w in words), message
    return message


@pytest.fixture
def letter_pdf(tmp_path: Path) -> bytes:
    path = tmp_path / "pismo.pdf"
    make_pdf(LETTER, path)
    return path.read_bytes()


@pytest.fixture
def letter_docx(tmp_path: Path) -> bytes:
    path = tmp_path / "pismo.docx"
    make_docx(LETTER, path)
    return path.read_bytes()


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t ", b"\xef\xbb\xbf\n"])
def test_empty_file(data: bytes) -> None:
    refused(lambda: extract_bytes(data, "pismo.txt"), DocumentUnreadable, "empty", "no text")


def test_empty_file_on_disk(tmp_path: Path) -> None:
    (tmp_path / "pusty.pdf").write_bytes(b"")
    refused(lambda: extract_file(tmp_path / "pusty.pdf"), DocumentUnreadable, "empty")


def test_corrupt_pdf() -> None:
    data = b"%PDF-1.7\n" + os.urandom(20000) + b"\n%%EOF\n"
    refused(lambda: extract_bytes(data, "pismo.pdf"), DocumentUnreadable, "corrupt")


def test_encrypted_pdf(letter_pdf: bytes) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(letter_pdf)))
    writer.encrypt(user_password="tajne", owner_password="bardzotajne", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    refused(lambda: extract_bytes(buf.getvalue(), "pismo.pdf"), DocumentUnreadable, "encrypted")


def test_pdf_restricted_only_by_an_owner_password_is_read(letter_pdf: bytes) -> None:
    # BIPs often publish PDFs that forbid copying but open without a password: those must be read.
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(letter_pdf)))
    writer.encrypt(user_password="", owner_password="bardzotajne", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    assert "Szanowny Panie Radny" in extract_bytes(buf.getvalue(), "pismo.pdf").text


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_truncated_pdf(letter_pdf: bytes, keep: float) -> None:
    data = letter_pdf[: int(len(letter_pdf) * keep)]
    refused(lambda: extract_bytes(data, "pismo.pdf"), DocumentUnreadable, "truncated")


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_truncated_docx(letter_docx: bytes, keep: float) -> None:
    data = letter_docx[: int(len(letter_docx) * keep)]
    refused(lambda: extract_bytes(data, "pismo.docx"), DocumentUnreadable, "truncated", "corrupt")


def test_docx_with_broken_xml(letter_docx: bytes) -> None:
    src = zipfile.ZipFile(io.BytesIO(letter_docx))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            out.writestr(info, data[: len(data) // 2] if info.filename == "word/document.xml" else data)
    refused(lambda: extract_bytes(buf.getvalue(), "pismo.docx"), DocumentUnreadable, "corrupt")


def test_docx_named_pdf_is_read_as_docx(letter_docx: bytes) -> None:
    result = extract_bytes(letter_docx, "odpowiedz.pdf")
    assert result.media_type == sniff.DOCX
    assert "Szanowny Panie Radny" in result.text


@pytest.mark.parametrize("name", ["notatka.txt", "pismo.pdf", ""])
def test_binary_blob_is_refused(name: str) -> None:
    blob = bytes(range(256)) * 64 + os.urandom(4096)
    refused(lambda: extract_bytes(blob, name), DocumentUnreadable, "binary")


def test_legacy_doc_and_encrypted_office_files_are_named() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    refused(lambda: extract_bytes(ole + b"WordDocument".decode().encode("utf-16-le"), "stare.doc"),
            DocumentUnreadable, ".doc")  # fmt: skip
    refused(lambda: extract_bytes(ole + "EncryptedPackage".encode("utf-16-le"), "pismo.docx"),
            DocumentUnreadable, "encrypted")  # fmt: skip


def test_oversized_bytes() -> None:
    data = LETTER.encode("utf-8")
    refused(
        lambda: extract_bytes(data, "a.txt", Limits(max_bytes=len(data) - 1)), DocumentTooLarge, "too large"
    )


def test_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ogromny.pdf"
    with path.open("wb") as f:  # a sparse 60 MiB file: nothing is written, and nothing should be read
        f.truncate(60 * MIB)
    with bounded(seconds=1, mib=20):
        refused(lambda: extract_file(path), DocumentTooLarge, "too large")


def _docx_with_member(letter_docx: bytes, name: str, size: int) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(letter_docx))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with out.open(info, "w") as member:
            chunk = bytes(MIB)
            for _ in range(size // MIB):
                member.write(chunk)
    return buf.getvalue()


def test_docx_zip_bomb_by_declared_size(letter_docx: bytes) -> None:
    data = _docx_with_member(letter_docx, "word/media/image1.png", 64 * MIB)
    assert len(data) < MIB
    limits = Limits(max_unpacked_bytes=32 * MIB)
    refused(lambda: extract_bytes(data, "pismo.docx", limits), DocumentTooLarge, "zip bomb")


def test_docx_zip_bomb_by_compression_ratio(letter_docx: bytes) -> None:
    data = _docx_with_member(letter_docx, "word/document2.xml", 32 * MIB)
    refused(lambda: extract_bytes(data, "pismo.docx"), DocumentTooLarge, "zip bomb")


def test_docx_zip_bomb_that_lies_about_its_size(letter_docx: bytes) -> None:
    """A member declaring 1 KiB that inflates to 32 MiB: never inflated past what it declares."""
    data = bytearray(_docx_with_member(letter_docx, "word/media/x.bin", 32 * MIB))
    # The central directory is what readers trust: make its entry for the last member declare 1 KiB.
    entry = data.rfind(b"PK\x01\x02")
    assert struct.unpack("<I", data[entry + 24 : entry + 28])[0] == 32 * MIB
    data[entry + 24 : entry + 28] = struct.pack("<I", 1024)
    refused(lambda: extract_bytes(bytes(data), "pismo.docx"), DocumentUnreadable, "corrupt")


def test_pdf_with_thousands_of_pages_is_refused_by_count(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(3000):
        writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    refused(lambda: extract_bytes(buf.getvalue(), "sprawozdanie.pdf"), DocumentTooLarge, "too many pages")


def test_pdf_over_a_lower_page_limit(letter_pdf: bytes) -> None:
    refused(
        lambda: extract_bytes(letter_pdf, "pismo.pdf", Limits(max_pages=1)),
        DocumentTooLarge,
        "too many pages",
    )


def test_errors_do_not_stop_the_next_file(letter_pdf: bytes) -> None:
    """What ingest relies on: after a refusal the extractor is in a clean state for the next document."""
    with pytest.raises(DocumentUnreadable):
        extract_bytes(letter_pdf[: len(letter_pdf) // 2], "a.pdf")
    assert "Szanowny Panie Radny" in extract_bytes(letter_pdf, "b.pdf").text
