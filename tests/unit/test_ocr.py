"""OCR of scanned pages: real corpus letters rendered to image-only PDFs, read back by Tesseract (Polish)."""

from __future__ import annotations

import io
import os
import re
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fixtures_docs import corpus_text, make_pdf, make_scanned_pdf  # noqa: E402
from interpel.errors import DocumentUnreadable  # noqa: E402
from interpel.text import sniff  # noqa: E402
from interpel.text.extract import Limits, extract_bytes, extract_file  # noqa: E402
from interpel.text.ocr import tesseract_available  # noqa: E402

if not tesseract_available() and os.environ.get("CI") != "true":
    pytest.skip(
        "tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-pol)",
        allow_module_level=True,
    )

POLISH = re.compile(r"[ąęłżźćńśó]")


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def recall(source: str, got: str) -> float:
    """Share of the source's lower-case word tokens found in the OCR output."""
    found = set(tokens(got))
    words = tokens(source)
    return sum(w in found for w in words) / len(words)


@pytest.mark.parametrize("name", ["seeds/kalisz-000", "sejm-answers/027"])
def test_scanned_pdf_is_read_by_ocr(name: str, tmp_path: Path) -> None:
    assert tesseract_available(), "CI=true: tesseract must be installed"
    text = corpus_text(name)
    path = tmp_path / "skan.pdf"
    pages = make_scanned_pdf(text, path)
    result = extract_file(path)
    assert (result.media_type, result.pages, result.ocr_pages) == (sniff.PDF, pages, pages)
    assert recall(text, result.text) >= 0.9
    # Polish letters are where a wrong OCR language fails first.
    polish_words = [w for w in tokens(text) if POLISH.search(w)]
    found = set(tokens(result.text))
    assert sum(w in found for w in polish_words) / len(polish_words) >= 0.85
    assert "\n\n" in result.text  # paragraphs kept for the parser


def test_only_pages_without_a_text_layer_are_ocred(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    text_pdf, scan_pdf = tmp_path / "tekst.pdf", tmp_path / "skan.pdf"
    letter, answer = corpus_text("seeds/kalisz-004"), corpus_text("sejm-answers/027")
    make_pdf(letter, text_pdf)
    make_scanned_pdf(answer, scan_pdf)
    writer = PdfWriter()
    writer.append(PdfReader(text_pdf), pages=[0])
    writer.append(PdfReader(scan_pdf))
    buf = io.BytesIO()
    writer.write(buf)
    result = extract_bytes(buf.getvalue(), "mieszany.pdf")
    assert (result.pages, result.ocr_pages) == (2, 1)
    assert "Szanowny Panie Radny" in result.text  # from the text layer
    assert recall(answer, result.text) >= 0.9


def test_scanned_image_file_is_read_by_ocr(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    text = corpus_text("sejm-answers/027")
    make_pdf(text, tmp_path / "tekst.pdf")
    pdf = pdfium.PdfDocument(tmp_path / "tekst.pdf")
    buf = io.BytesIO()
    pdf[0].render(scale=200 / 72).to_pil().convert("L").save(buf, "JPEG", quality=85)
    pdf.close()
    result = extract_bytes(buf.getvalue(), "skan.jpg")
    assert (result.media_type, result.ocr_pages) == (sniff.JPEG, 1)
    assert recall(text, result.text) >= 0.9


def test_ocr_timeout_is_a_clear_error_in_bounded_time(tmp_path: Path) -> None:
    path = tmp_path / "skan.pdf"
    make_scanned_pdf(corpus_text("seeds/kalisz-004"), path)
    start = time.monotonic()
    with pytest.raises(DocumentUnreadable, match="timed out"):
        extract_file(path, Limits(ocr_timeout_s=0.3))
    assert time.monotonic() - start < 5


def test_scanned_pdf_with_ocr_off_says_why(tmp_path: Path) -> None:
    path = tmp_path / "skan.pdf"
    make_scanned_pdf(corpus_text("sejm-answers/027"), path)
    with pytest.raises(DocumentUnreadable, match="no text layer, OCR off"):
        extract_file(path, Limits(ocr=False))


def test_tesseract_tsv_becomes_lines_with_boxes() -> None:
    from interpel.text.ocr import OcrLine, parse_tsv

    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "4\t1\t1\t1\t1\t0\t100\t50\t400\t30\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t100\t50\t120\t30\t96\tOdpowiadający:\n"
        "5\t1\t1\t1\t1\t2\t235\t52\t90\t28\t95\tpodsekretarz\n"
        "5\t1\t1\t1\t2\t1\t100\t90\t60\t30\t91\tstanu\n"
        "5\t1\t1\t1\t2\t2\t170\t90\t5\t30\t10\t \n"
    )
    assert parse_tsv(tsv) == [
        OcrLine("Odpowiadający: podsekretarz", 100, 50, 325, 80, 220, 235),
        OcrLine("stanu", 100, 90, 160, 120, 160, -1),
    ]
