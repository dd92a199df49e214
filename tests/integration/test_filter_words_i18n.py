"""The words that describe filters, and the errors of bad filters, in the active language.

Polish is the source language and must read exactly as before the words went through gettext; English must carry
no Polish of ours. The register's data (names, codes) is picked without Polish letters, so whole descriptions are
checked.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.utils.translation import override
from register_fixtures import Register, register_fixture  # noqa: F401 - the `register` fixture

from interpel.errors import BadQuery
from interpel.registry.selectors import count_label, filter_inquiries
from interpel.search.filters import resolve_filters

pytestmark = pytest.mark.django_db

POLISH_LETTERS = re.compile("[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")
TERM = "IX kadencja 2024–2029"  # the demo's term: data, and free of Polish letters


def register_params(register: Register) -> dict[str, str]:
    """Every filter of the register's lists at once (the description does not depend on what matches)."""
    return {
        "status": "overdue",
        "kind": "question",
        "councillor": register.nowak.slug,
        "department": str(register.wsr.pk),
        "body": str(register.body.pk),
        "term": str(register.term.pk),
        "club": str(register.club.pk),
        "from": "2026-02-01",
        "to": "2026-12-31",
    }


def search_filters(register: Register) -> dict[str, str]:
    return {
        "kind": "question",
        "status": "due_soon",
        "body": "kalisz",
        "term": TERM,
        "club": "razem",
        "department": "WSR",
        "councillor": register.nowak.slug,
        "date_from": "2026-02-01",
        "date_to": "2026-12-31",
        "year": "2026",
    }


def test_register_description_in_polish_is_unchanged(register: Register) -> None:
    assert register.term.name == TERM and register.wsr.code == "WSR"
    with override("pl"):
        words = filter_inquiries(register_params(register), register.today).description
    assert words == (
        "po terminie, bez odpowiedzi, zapytanie, radny: Anna Nowak, wydział: WSR, rada: Rada Miasta Kalisza, "
        "kadencja: IX kadencja 2024–2029, klub: Klub Radnych Razem dla Kalisza, złożone od 01.02.2026, "
        "złożone do 31.12.2026"
    )


def test_register_description_in_english(register: Register) -> None:
    with override("en"):
        words = filter_inquiries(register_params(register), register.today).description
    assert words == (
        "overdue, no answer, question, councillor: Anna Nowak, department: WSR, council: Rada Miasta Kalisza, "
        "term: IX kadencja 2024–2029, club: Klub Radnych Razem dla Kalisza, filed from 01.02.2026, "
        "filed until 31.12.2026"
    )
    assert not POLISH_LETTERS.search(words), words


@pytest.mark.parametrize(
    ("n", "polish", "english"),
    [
        (0, "0 pozycji", "0 items"),
        (1, "1 pozycja", "1 item"),
        (2, "2 pozycje", "2 items"),
        (4, "4 pozycje", "4 items"),
        (5, "5 pozycji", "5 items"),
        (12, "12 pozycji", "12 items"),
        (14, "14 pozycji", "14 items"),
        (21, "21 pozycji", "21 items"),
        (22, "22 pozycje", "22 items"),
        (112, "112 pozycji", "112 items"),
        (1024, "1024 pozycje", "1024 items"),
    ],
)
def test_count_label_has_the_plural_forms_of_each_language(n: int, polish: str, english: str) -> None:
    with override("pl"):
        assert count_label(n) == polish
    with override("en"):
        assert count_label(n) == english


def test_search_description_in_polish_names_the_filters_in_polish(register: Register) -> None:
    with override("pl"):
        _, _, words = resolve_filters(search_filters(register), today=register.today)
    slug = register.nowak.slug
    assert words == [
        "zapytanie",
        "termin mija wkrótce",
        "rada: kalisz",
        f"kadencja: {TERM}",
        "klub: razem",
        "wydział: WSR",
        f"radny: {slug}",
        "od 01.02.2026",
        "do 31.12.2026",
        "rok 2026",
    ]


def test_search_description_in_english(register: Register) -> None:
    with override("en"):
        _, _, words = resolve_filters(search_filters(register), today=register.today)
    slug = register.nowak.slug
    assert words == [
        "question",
        "due soon",
        "council: kalisz",
        f"term: {TERM}",
        "club: razem",
        "department: WSR",
        f"councillor: {slug}",
        "from 01.02.2026",
        "until 31.12.2026",
        "year 2026",
    ]
    assert not POLISH_LETTERS.search(", ".join(words)), words


def test_every_search_status_is_described_in_english(register: Register) -> None:
    with override("en"):
        for status in (
            "awaiting",
            "due_soon",
            "overdue",
            "answered",
            "answered_on_time",
            "answered_late",
            "withdrawn",
        ):
            _, _, words = resolve_filters({"status": status}, today=register.today)
            assert not POLISH_LETTERS.search(words[0]), words


STATUS_CODES = "awaiting, due_soon, overdue, answered, answered_on_time, answered_late, withdrawn"
BAD_FILTERS = [
    (
        {"kind": "petition"},
        "Rodzaj: interpellation, question albo motion, nie „petition”.",
        "Kind: interpellation, question or motion, not “petition”.",
    ),
    (
        {"status": "soon"},
        f"Status: jeden z {STATUS_CODES}, nie „soon”.",
        f"Status: one of {STATUS_CODES}, not “soon”.",
    ),
    ({"body": "nowhere"}, "Nie znaleziono: rada „nowhere”.", "Not found: council “nowhere”."),
    ({"councillor": "nobody"}, "Nie znaleziono: radny „nobody”.", "Not found: councillor “nobody”."),
    (
        {"date_from": "wczoraj"},
        "Data od: podaj datę w postaci RRRR-MM-DD, nie „wczoraj”.",
        "Date from: give a date as YYYY-MM-DD, not “wczoraj”.",
    ),
    (
        {"date_to": "jutro"},
        "Data do: podaj datę w postaci RRRR-MM-DD, nie „jutro”.",
        "Date to: give a date as YYYY-MM-DD, not “jutro”.",
    ),
    ({"year": "abc"}, "Rok: liczba, nie „abc”.", "Year: a number, not “abc”."),
    ({"colour": "red"}, "Nieznany filtr „colour”.", "Unknown filter “colour”."),
]


@pytest.mark.parametrize(("filters", "polish", "english"), BAD_FILTERS)
def test_bad_filter_is_explained_in_the_active_language(
    register: Register, filters: dict[str, str], polish: str, english: str
) -> None:
    with override("pl"), pytest.raises(BadQuery) as raised:
        resolve_filters(filters, today=register.today)
    assert str(raised.value) == polish
    with override("en"), pytest.raises(BadQuery) as raised:
        resolve_filters(filters, today=register.today)
    assert str(raised.value) == english
    assert not POLISH_LETTERS.search(english)


def test_a_date_object_is_described_like_text(register: Register) -> None:
    """A date filter given as a date object is shown the same way as one given as text."""
    with override("en"):
        _, _, words = resolve_filters({"date_from": date(2026, 2, 1)}, today=register.today)
    assert words == ["from 01.02.2026"]


def test_query_repairs_and_search_messages_follow_the_language(register: Register) -> None:
    from interpel.search.query import MAX_QUERY_CHARS
    from interpel.search.services import search

    broken = '"remont drogi ' + "x" * (MAX_QUERY_CHARS + 10)
    with override("pl"):
        polish = search(broken, today=register.today).warnings
        empty_pl = search("", today=register.today).warnings
        with pytest.raises(BadQuery, match="^Sortowanie: relevance albo date.$"):
            search("droga", sort="alphabet", today=register.today)
    with override("en"):
        english = search(broken, today=register.today).warnings
        empty_en = search("", today=register.today).warnings
        with pytest.raises(BadQuery, match="^Sort: relevance or date.$"):
            search("droga", sort="alphabet", today=register.today)
    assert polish == [
        f"Zapytanie skrócono do {MAX_QUERY_CHARS} znaków.",
        "Brak cudzysłowu zamykającego frazę; zamknięto ją na końcu zapytania.",
    ]
    assert english == [
        f"The query was cut to {MAX_QUERY_CHARS} characters.",
        "A phrase had no closing quotation mark; it was closed at the end of the query.",
    ]
    assert empty_pl == ["Wpisz słowa, których szukasz."]
    assert empty_en == ["Type the words you are looking for."]
