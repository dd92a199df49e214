"""Dates in every form the corpus README lists, and none at all."""

from __future__ import annotations

from datetime import date

import pytest

from interpel.text.dates import find_dates, parse_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("17.03.2025 r.", date(2025, 3, 17)),
        ("z dnia 25 lipca 2024 r.", date(2024, 7, 25)),
        ("Kalisz, dn. 25 marca 2026", date(2026, 3, 25)),
        ("z dnia 12 maja 20l6r.", date(2016, 5, 12)),  # letter l for the digit 1
        ("Gryfino, 20.02.2008.r", date(2008, 2, 20)),
        ("28 luty 2013 roku", date(2013, 2, 28)),  # nominative month
        ("Warszawa, 13-07-2026", date(2026, 7, 13)),
        ("2021/04/12", date(2021, 4, 12)),
        ("Data odpowiedzi:2019/03/21", date(2019, 3, 21)),
        ("zgłoszona dnia 2016-12-21,", date(2016, 12, 21)),
        ("12.III.2025 r.", date(2025, 3, 12)),
        ("5 XI 2024", date(2024, 11, 5)),
        ("w dniu 31 stycznia 2008r.", date(2008, 1, 31)),
        ("Warszawa, data: 25 czerwca 2026 r.", date(2026, 6, 25)),
        ("Orchowo, dnia 01.07.2019 r.", date(2019, 7, 1)),
        ("Warszawa, /elektroniczny znacznik czasu/", None),
        ("", None),
        ("31.02.2025", None),  # no such day: never guessed
        ("Ilość wizyt: 77993718", None),
    ],
)
def test_parse_date(raw: str, expected: date | None) -> None:
    assert parse_date(raw) == expected


def test_find_dates_keeps_raw_form_and_order() -> None:
    text = "w odpowiedzi na interpelację z 28 lutego 2025 r. (pismo z dnia 3.03.2025 r.)"
    found = find_dates(text)
    assert [d for d, _raw, _span in found] == [date(2025, 2, 28), date(2025, 3, 3)]
    assert [raw for _d, raw, _span in found] == ["28 lutego 2025 r.", "3.03.2025 r."]
    for _d, raw, (start, end) in found:
        assert text[start:end] == raw


def test_numbers_in_tables_are_no_dates() -> None:
    assert find_dates("2021 1 325,6 0,3\n2022 483,6 0,3") == []
