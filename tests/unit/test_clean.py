"""Each clean-up rule for PDF and OCR text, alone and on real corpus texts typeset into multi-page PDFs."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fixtures_docs import corpus_text, make_pdf  # noqa: E402
from interpel.text.clean import (  # noqa: E402
    Line,
    clean_pages,
    clean_text_pages,
    join_hyphens,
    join_pages,
    normalise_line,
    strip_running_lines,
)
from interpel.text.extract import extract_file  # noqa: E402


def lines(*texts: str, top: float = 800.0, pitch: float = 14.0) -> list[Line]:
    return [Line(t, top - i * pitch) for i, t in enumerate(texts)]


# --- hyphens -----------------------------------------------------------------------------------------------


def test_hyphenated_word_is_joined_and_the_line_goes_on() -> None:
    assert join_hyphens("zwiększa konkurencyjność przed-\nsiębiorstwa w regionie") == (
        "zwiększa konkurencyjność przedsiębiorstwa\nw regionie"
    )


def test_hyphenated_word_at_the_end_of_a_paragraph_keeps_the_paragraph_break() -> None:
    assert (
        join_hyphens("zamiaru przeprowadze-\nnia\n\nNowy akapit") == "zamiaru przeprowadzenia\n\nNowy akapit"
    )


@pytest.mark.parametrize(
    "text",
    [
        "sprawozdanie MRPiPS-\n01 o rynku pracy",  # a sign: digit after the hyphen
        "Marii Skłodowskiej-\nCurie w Kaliszu",  # a double surname: capital after the hyphen
        "https://psz.praca.gov.pl/rynek-pracy/bezrobocie-rejestrowane/-\n/categories/7822338",
        "https://single-market-\neconomy.ec.europa.eu/sectors",
        "w okresie styczeń – \nkwiecień 2026 r.",  # a dash between words is not a hyphen
    ],
)
def test_hyphens_that_are_not_line_end_hyphenation_stay(text: str) -> None:
    assert join_hyphens(text) == text


def test_a_compound_the_document_writes_with_its_hyphen_keeps_it() -> None:
    text = (
        "eksport produktów high-\ntech osiągnął 33,8 mld euro; udział uzbrojenia w eksporcie high-tech wzrósł"
    )
    assert join_hyphens(text).startswith("eksport produktów high-tech\nosiągnął")


def test_pdfium_hyphen_marks_become_a_line_break_to_join() -> None:
    # pdfium reports a line-end hyphen as U+FFFE and pulls the next line up after it.
    assert normalise_line("największą\ufffe") == "największą-"
    assert normalise_line("najwięk\ufffeszą liczbę") == "najwięk-\nszą liczbę"
    assert join_hyphens(normalise_line("najwięk\ufffeszą liczbę")) == "największą\nliczbę"
    assert normalise_line("przed\u00adsiębiorstwo") == "przedsiębiorstwo"  # a soft hyphen inside a line
    assert normalise_line("ﬁnansowe") == "finansowe"
    assert normalise_line("zaświadczenie") == "zaświadczenie"


# --- page numbers ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "Strona {n} z {t}",
        "strona {n}/{t}",
        "Str. {n}",
        "- {n} -",
        "– {n} –",
        "{n}/{t}",
        "{n} z {t}",
        "Page {n} of {t}",
    ],
)
def test_page_numbers_are_removed(number: str) -> None:
    pages = [
        lines("Szanowny Panie Radny,", "w odpowiedzi na interpelację", number.format(n=1, t=2)),
        lines("informuję, co następuje.", number.format(n=2, t=2)),
    ]
    assert (
        clean_pages(pages) == "Szanowny Panie Radny,\nw odpowiedzi na interpelację\ninformuję, co następuje."
    )


def test_a_number_in_the_body_is_not_a_page_number() -> None:
    body = ("Ad 1.", "2/5", "pracowników zwolniono w 2025 r.", "12", "3 z 4 wniosków rozpatrzono", "Koniec.")
    text = clean_pages([lines(*body)])
    assert all(line in text.split("\n") for line in ("2/5", "12", "3 z 4 wniosków rozpatrzono"))


def test_a_bare_number_is_a_page_number_only_at_the_page_edge() -> None:
    pages = [
        lines("Pierwsza strona pisma.", "Dalej tekst.", "Jeszcze tekst.", "Więcej.", "Ostatni wiersz.", "1")
    ]
    assert clean_pages(pages).split("\n")[-1] == "Ostatni wiersz."
    assert "2024" in clean_pages([lines("Tekst.", "Dalej.", "Jeszcze.", "Więcej.", "Ostatni.", "2024")])


# --- running headers and footers ----------------------------------------------------------------------------


WORDS = corpus_text("seeds/kalisz-004").split()


def _letter_pages(n: int) -> list[list[Line]]:
    pages = []
    for i in range(n):
        body = [" ".join(WORDS[(i * 6 + k) * 7 : (i * 6 + k) * 7 + 7]) for k in range(6)]
        page = lines("URZĄD MIASTA KALISZA", "Główny Rynek 20, 62-800 Kalisz", *body)
        page += [Line("tel. 62 765 43 21, www.kalisz.pl", 40.0), Line(f"Strona {i + 1} z {n}", 28.0)]
        pages.append(page)
    return pages


def test_letterhead_kept_once_footer_and_page_numbers_dropped() -> None:
    text = clean_pages(_letter_pages(4))
    assert text.count("URZĄD MIASTA KALISZA") == 1 and text.startswith("URZĄD MIASTA KALISZA")
    assert text.count("Główny Rynek 20") == 1
    assert "www.kalisz.pl" not in text and "Strona" not in text
    assert all(" ".join(WORDS[k * 7 : k * 7 + 7]) in text for k in range(24))


def test_running_lines_need_the_same_place_on_every_page() -> None:
    # A two-page answer: the signatory's name heads page 1 and closes page 2; it is no running header.
    page1 = lines(
        "Sekretarz Stanu", "Paweł BEJDA", "Warszawa, 10.06.2026 r.", *[f"Tekst {k}." for k in range(8)]
    )
    page2 = lines("dalszy ciąg odpowiedzi.", "Z wyrazami szacunku", "Paweł BEJDA", "/podpis elektroniczny/")
    text = clean_pages([page1, page2])
    assert text.count("Paweł BEJDA") == 2


def test_running_lines_without_positions_are_found_by_rank() -> None:
    # OCR gives no coordinates: a footer is the last line of each page.
    body = [" ".join(WORDS[k * 5 : k * 5 + 5]) for k in range(12)]
    pages = ["\n".join([*body[i * 4 : i * 4 + 4], "Urząd Gminy Gryfino"]) for i in range(3)]
    text = clean_text_pages(pages)
    assert "Urząd Gminy Gryfino" not in text
    assert all(line in text for line in body)


def test_first_page_with_its_own_letterhead_still_counts_as_every_page() -> None:
    pages = _letter_pages(5)
    pages[0] = lines("MINISTERSTWO ZDROWIA", *[f"Wstęp {k}." for k in range(5)])
    text = clean_pages(pages)
    assert text.count("URZĄD MIASTA KALISZA") == 1 and "www.kalisz.pl" not in text


def test_stripping_keeps_everything_on_a_single_page() -> None:
    page = lines("URZĄD MIASTA KALISZA", "Kalisz, 5.03.2025 r.", "Treść.")
    assert strip_running_lines([page]) == [page]


# --- page breaks and paragraphs ----------------------------------------------------------------------------


def test_sentence_broken_by_a_page_break_is_joined() -> None:
    text = join_pages(
        ["Miasto prowadzi współpracę z partnerami\nzlokalizowanymi w", "relatywnie bliskim otoczeniu."]
    )
    assert text == "Miasto prowadzi współpracę z partnerami\nzlokalizowanymi w\nrelatywnie bliskim otoczeniu."


def test_sentence_broken_before_a_capitalised_word_is_joined_after_a_conjunction() -> None:
    text = join_pages(["odgrywają Stany Zjednoczone oraz", "Chiny. Polska powinna utrzymywać kontakty."])
    assert "\n\n" not in text


def test_page_ending_a_sentence_starts_a_paragraph() -> None:
    assert (
        join_pages(["co następuje.", "Miasto Kalisz prowadzi"]) == "co następuje.\n\nMiasto Kalisz prowadzi"
    )
    assert join_pages(["Szanowny Panie Prezydencie,", "obecnie na świecie"]) == (
        "Szanowny Panie Prezydencie,\n\nobecnie na świecie"
    )
    # A signature at the foot of a page has no full stop, and the next page is not its sentence.
    assert join_pages(["PREZYDENT MIASTA KALISZA", "Krzysztof Kinastowski"]).count("\n\n") == 1


def test_hyphenated_word_across_a_page_break_is_joined() -> None:
    pages = [lines("Należy zaznaczyć, że zgłoszenie zamiaru przeprowadze-"), lines("nia zwolnień grupowych.")]
    assert (
        clean_pages(pages) == "Należy zaznaczyć, że zgłoszenie zamiaru przeprowadzenia\nzwolnień grupowych."
    )


def test_paragraph_breaks_survive_and_runs_of_blank_lines_shrink() -> None:
    page = lines("Pierwszy akapit.", "", "", "", "Drugi akapit,", "ciąg dalszy.")
    assert clean_pages([page]) == "Pierwszy akapit.\n\nDrugi akapit,\nciąg dalszy."


# --- the rules together, on real letters typeset as PDFs -----------------------------------------------------


@pytest.mark.parametrize("name", ["seeds/kalisz-004", "sejm-answers/028", "sejm-answers/033"])
@pytest.mark.parametrize("numbers", ["Strona {n} z {total}", "- {n} -", "{n}/{total}"])
def test_pdf_with_letterhead_footer_page_numbers_and_hyphenation(
    name: str, numbers: str, tmp_path: Path
) -> None:
    text = corpus_text(name)
    path = tmp_path / "pismo.pdf"
    head, foot = "Urząd Miasta Kalisza, Główny Rynek 20, 62-800 Kalisz", "tel. 62 765 43 21 | www.kalisz.pl"
    pages = make_pdf(text, path, hyphenate=True, letterhead=head, footer=foot, page_numbers=numbers)
    assert pages >= 2
    got = extract_file(path).text
    assert got.count(head) == 1 and got.startswith(head)
    assert foot not in got
    number = re.escape(numbers.format(n=0, total=pages)).replace("0", r"\d+", 1)
    assert not re.search(f"^{number}$", got, re.MULTILINE)
    # Every long word of the letter is whole again, hyphenated at a line end or not.
    words = set(re.findall(r"\w+", got))
    assert {w for w in re.findall(r"\w{9,}", text)} <= words


# --- lines a word processor wrapped ------------------------------------------------------------------------


def test_a_line_the_word_processor_wrapped_comes_back_whole(tmp_path: Path) -> None:
    # A ministry's answer header: the signatory's name must stay on the "Odpowiadający:" line.
    line = (
        "Odpowiadający: podsekretarz stanu w Ministerstwie Spraw Wewnętrznych i Administracji Maciej Duszczyk"
    )
    text = f"{line}\n\nWarszawa, 24-07-2026\nSzanowny Panie Marszałku,\nw odpowiedzi na interpelację"
    path = tmp_path / "odpowiedz.pdf"
    make_pdf(text, path)
    got = extract_file(path).text
    assert line in got.split("\n")
    assert "Warszawa, 24-07-2026\nSzanowny Panie Marszałku,\nw odpowiedzi na interpelację" in got


def test_a_wrapped_hyphenated_word_is_joined_in_its_line(tmp_path: Path) -> None:
    text = corpus_text("seeds/kalisz-004")
    path = tmp_path / "pismo.pdf"
    make_pdf(text, path, hyphenate=True)
    got = extract_file(path).text
    assert "przedsiębiorczości" in got and not re.search(r"\w-\n\w", got)


def _box(left: float, y: float, right: float, first_word: float = 30.0) -> Any:
    from interpel.text.pdf import Box

    return Box(left, y, y, 11.0, right, first_word, 3.5)


def test_lines_ended_by_the_writer_are_not_joined() -> None:
    from interpel.text.pdf import _mark_wraps

    placed = [
        ("Kalisz, 2 kwietnia 2026 r.", _box(400.0, 760.0, 525.0)),  # right-aligned: touches the edge
        ("Pan", _box(70.0, 745.7, 90.0)),
        ("Jan Kowalski", _box(70.0, 731.4, 140.0)),
        ("a body line that runs all the way to the right margin of the page and", _box(70.0, 717.1, 520.0)),
        ("Szanowny Panie Prezydencie,", _box(70.0, 702.8, 230.0, 60.0)),  # a salutation starts its own line
        ("another full line of a paragraph that reaches the right margin too", _box(70.0, 688.5, 522.0)),
        ("1. the first question", _box(70.0, 674.2, 200.0, 12.0)),  # a list item starts its own line
        ("a line that stops well short of the edge", _box(70.0, 659.9, 300.0)),
        ("next", _box(70.0, 645.6, 100.0)),
        ("a full line whose next word would not fit after it on the same", _box(70.0, 631.3, 500.0)),
        ("line", _box(70.0, 617.0, 95.0, 25.0)),
    ]
    assert _mark_wraps(placed, 70.0, 595.27) == [False] * 9 + [True, False]
