"""Each extractor on real corpus texts turned into the formats offices receive: TXT, HTML, PDF, DOCX."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fixtures_docs import (  # noqa: E402
    HTML_CHROME,
    corpus_text,
    corpus_texts,
    make_docx,
    make_html,
    make_pdf,
    paragraphs,
)
from interpel.text import sniff  # noqa: E402
from interpel.text.extract import EXTRACTORS, Extracted, Limits, extract_bytes, extract_file  # noqa: E402
from interpel.text.pdf import read_pdf_pypdf  # noqa: E402

TEXTS = dict(corpus_texts())
NAMES = sorted(TEXTS)
POLISH = re.compile(r"[ąęłżźćńśóĄĘŁŻŹĆŃŚÓ]")


def norm(text: str) -> str:
    """Whitespace-insensitive form; private-use glyphs (symbol-font bullets DejaVu cannot draw) dropped.

    A hyphen at a source line end ("high-\\ntech") counts as written either way; Markdown bold marks are
    printed as bold type by make_pdf, so they count as nothing.
    """
    text = re.sub("[\ue000-\uf8ff]", "", text.replace("**", ""))
    return re.sub(r"(\w)- (?=\w)", r"\1-", " ".join(text.split()))


def polish_sentences(text: str, k: int = 3) -> list[str]:
    """The k longest sentences of a text that carry Polish letters: what must survive extraction intact."""
    sentences = {norm(s) for s in re.split(r"(?<=[.!?])\s+", text) if len(POLISH.findall(s)) >= 3}
    return sorted(sentences, key=len, reverse=True)[:k]


def test_every_corpus_folder_is_used() -> None:
    assert len(NAMES) >= 20
    assert {n.split("/")[0] for n in NAMES} == {"seeds", "municipal", "sejm-answers"}


def test_extractors_are_keyed_by_media_type() -> None:
    assert {sniff.TEXT, sniff.HTML, sniff.PDF, sniff.DOCX} <= set(EXTRACTORS)
    assert all(callable(f) and f.__doc__ for f in EXTRACTORS.values())


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1250", "iso-8859-2"])
@pytest.mark.parametrize(
    "name", ["seeds/kalisz-000", "seeds/kalisz-004", "municipal/015", "sejm-answers/026"]
)
def test_plain_text_in_each_polish_encoding(name: str, encoding: str) -> None:
    text = TEXTS[name]
    data = text.encode(encoding, errors="replace")
    result = extract_bytes(data, "pismo.txt")
    assert result.media_type == sniff.TEXT
    # Characters the code page lacks (en dashes, bullets) became "?" on encoding; every Polish letter must not.
    assert result.text == data.decode(encoding, errors="replace").lstrip("\ufeff").strip()
    for sentence in polish_sentences(text):
        assert sentence.encode(encoding, errors="replace").decode(encoding) in norm(result.text)


def test_cp1250_and_iso_8859_2_are_told_apart_on_a_short_text() -> None:
    phrase = "Źródło: Śródmieście, ulica Świętojańska — ąśź ĄŚŹ żółć"
    for encoding in ("cp1250", "iso-8859-2"):
        data = phrase.replace("—", "-").encode(encoding)
        assert extract_bytes(data).text == phrase.replace("—", "-")


def test_plain_text_keeps_the_text_exactly() -> None:
    text = TEXTS["seeds/kalisz-000"]
    result = extract_bytes(text.encode())
    assert result.text == text.strip()  # the parser's golden bodies are exact substrings
    assert result.warnings == ()


@pytest.mark.parametrize("name", NAMES)
def test_pdf_text_layer(name: str, tmp_path: Path) -> None:
    text = TEXTS[name]
    path = tmp_path / "pismo.pdf"
    pages = make_pdf(text, path, hyphenate=True)
    result = extract_file(path)
    assert (result.media_type, result.pages, result.ocr_pages) == (sniff.PDF, pages, 0)
    # Every word back in order, including those the typesetter hyphenated at line ends and page breaks.
    assert re.sub(r"-\s*", "", norm(result.text)) == re.sub(r"-\s*", "", norm(text))
    for sentence in polish_sentences(text):
        assert sentence.replace("-", "") in norm(result.text).replace("-", "")


@pytest.mark.parametrize("name", NAMES)
def test_pdf_keeps_paragraph_breaks(name: str, tmp_path: Path) -> None:
    text = TEXTS[name]
    path = tmp_path / "pismo.pdf"
    pages = make_pdf(text, path)
    got = [norm(p) for p in paragraphs(extract_file(path).text)]
    want = [norm(p) for p in paragraphs(text)]
    # No two paragraphs run together; an extra break may only come where a page ends with a full sentence.
    assert all(any(g in w for w in want) for g in got)
    assert len(want) <= len(got) <= len(want) + pages - 1


def test_pdf_hyphenation_is_undone_on_polish_words(tmp_path: Path) -> None:
    text = TEXTS["seeds/kalisz-004"]
    path = tmp_path / "pismo.pdf"
    make_pdf(text, path, hyphenate=True)
    words = set(re.findall(r"\w+", extract_file(path).text))
    for word in set(re.findall(r"\w{9,}", text)):
        assert word in words


@pytest.mark.parametrize("name", NAMES)
def test_docx_paragraphs_in_order(name: str, tmp_path: Path) -> None:
    text = TEXTS[name]
    path = tmp_path / "pismo.docx"
    make_docx(text, path)
    result = extract_file(path)
    assert result.media_type == sniff.DOCX
    assert [norm(p) for p in paragraphs(result.text)] == [norm(p) for p in paragraphs(text)]


def test_docx_tables_are_read_in_body_order(tmp_path: Path) -> None:
    # Kalisz letters set the case sign and the place/date line side by side in a layout table.
    text = TEXTS["seeds/kalisz-000"]
    body = [p for p in paragraphs(text) if not p.startswith(("KPM.", "Kalisz,"))]
    path = tmp_path / "pismo.docx"
    rows = [["KPM.003.0002.2026", "Kalisz, 2 kwietnia 2026 r."], ["D2026.03.05724", ""]]
    make_docx("\n\n".join(body), path, table_rows=rows, table_at=1)
    result = extract_file(path).text
    assert "Kalisz, 2 kwietnia 2026 r." in result.split("\n")  # each cell on a line of its own
    result = norm(result)
    first = result.index(norm(body[0])[:20])
    sign = result.index("KPM.003.0002.2026")
    date = result.index("Kalisz, 2 kwietnia 2026 r.")
    edoc = result.index("D2026.03.05724")
    second = result.index(norm(body[1])[:20])
    assert first < sign < date < edoc < second


@pytest.mark.parametrize("charset", ["utf-8", "windows-1250", "iso-8859-2"])
@pytest.mark.parametrize("flavour", ["bip", "esesja"])
@pytest.mark.parametrize("name", ["seeds/kalisz-000", "municipal/037", "municipal/022", "sejm-answers/027"])
def test_html_page_keeps_the_document_and_drops_the_chrome(
    name: str, flavour: str, charset: str, tmp_path: Path
) -> None:
    text = TEXTS[name]
    path = tmp_path / "interpelacja.html"
    make_html(text, path, flavour=flavour, charset=charset, title="Interpelacja 153/2025")
    result = extract_file(path)
    assert result.media_type == sniff.HTML
    got = [norm(p) for p in paragraphs(result.text)]
    assert all(norm(p) in got for p in paragraphs(text))
    assert "Interpelacja 153/2025" in result.text
    for chrome in HTML_CHROME:
        if chrome not in text:
            assert chrome not in result.text, chrome


def test_html_without_a_content_element_still_drops_link_lists() -> None:
    text = corpus_text("municipal/047")
    links = "".join(
        f'<li><a href="/i/{i}">Interpelacja {i}/2025 w sprawie drogi nr {i}</a></li>' for i in range(8)
    )
    page = f"<html><body><ul>{links}</ul><div><p>{'</p><p>'.join(paragraphs(text))}</p></div></body></html>"
    result = extract_bytes(page.encode("utf-8"), "strona.htm")
    assert "Interpelacja 3/2025" not in result.text
    assert norm(paragraphs(text)[-1]) in norm(result.text)


def test_media_type_comes_from_the_bytes_not_the_name(tmp_path: Path) -> None:
    text = TEXTS["seeds/kalisz-004"]
    docx_path, pdf_path, html_path = tmp_path / "a.docx", tmp_path / "b.pdf", tmp_path / "c.html"
    make_docx(text, docx_path)
    make_pdf(text, pdf_path)
    make_html(text, html_path)
    as_pdf = extract_bytes(docx_path.read_bytes(), "odpowiedz.pdf")
    assert as_pdf.media_type == sniff.DOCX and as_pdf.warnings and ".pdf" in as_pdf.warnings[0]
    assert extract_bytes(pdf_path.read_bytes(), "odpowiedz.docx").media_type == sniff.PDF
    assert extract_bytes(html_path.read_bytes(), "odpowiedz.txt").media_type == sniff.HTML
    assert extract_bytes(pdf_path.read_bytes(), "").media_type == sniff.PDF


def test_pypdf_reads_what_pdfium_reads(tmp_path: Path) -> None:
    # pypdf is the fallback for files pdfium refuses; it must give the same words, without the layout.
    text = TEXTS["seeds/kalisz-004"]
    path = tmp_path / "pismo.pdf"
    pages = make_pdf(text, path, page_numbers="Strona {n} z {total}")
    result = read_pdf_pypdf(path.read_bytes(), max_pages=500)
    assert result.pages == pages
    assert norm(result.text) == norm(text)


def test_extracted_is_the_interface() -> None:
    result = extract_bytes(TEXTS["municipal/010"].encode("utf-8"), "a.txt", Limits())
    assert isinstance(result, Extracted)
    assert (result.pages, result.ocr_pages) == (1, 0)
