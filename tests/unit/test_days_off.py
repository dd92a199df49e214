"""Polish statutory days off, checked against the act's list (ustawa z 18 stycznia 1951 r., art. 1) by hand."""

from datetime import date

import pytest

from interpel.law.days_off import day_off_reasons, is_day_off, public_holidays, weekday_name

# The thirteen fixed and movable holidays of 2026 as the act lists them, with Easter on 5 April 2026,
# Pentecost on 24 May and Corpus Christi on 4 June, plus Wigilia from 2025.
HOLIDAYS_2026 = {
    date(2026, 1, 1),
    date(2026, 1, 6),
    date(2026, 4, 5),
    date(2026, 4, 6),
    date(2026, 5, 1),
    date(2026, 5, 3),
    date(2026, 5, 24),
    date(2026, 6, 4),
    date(2026, 8, 15),
    date(2026, 11, 1),
    date(2026, 11, 11),
    date(2026, 12, 24),
    date(2026, 12, 25),
    date(2026, 12, 26),
}


def test_holidays_of_2026_are_those_of_the_act() -> None:
    assert set(public_holidays(2026)) == HOLIDAYS_2026


@pytest.mark.parametrize(
    ("year", "is_holiday"), [(2023, False), (2024, False), (2025, True), (2026, True), (2030, True)]
)
def test_wigilia_is_a_day_off_from_2025(year: int, is_holiday: bool) -> None:
    assert (date(year, 12, 24) in public_holidays(year)) is is_holiday


@pytest.mark.parametrize(
    ("day", "reasons"),
    [
        (date(2026, 4, 8), ()),
        (date(2026, 4, 4), ("sobota",)),
        (date(2026, 4, 12), ("niedziela",)),
        (date(2026, 4, 6), ("Poniedziałek Wielkanocny",)),
        (date(2026, 8, 15), ("sobota", "Wniebowzięcie Najświętszej Marii Panny")),
        (date(2026, 11, 2), ()),
        (date(2024, 12, 24), ()),
    ],
)
def test_reasons_name_the_weekday_and_the_holiday(day: date, reasons: tuple[str, ...]) -> None:
    assert day_off_reasons(day) == reasons
    assert is_day_off(day) is bool(reasons)


def test_weekday_names_are_polish() -> None:
    assert weekday_name(date(2026, 4, 8)) == "środa"
    assert weekday_name(date(2026, 4, 5)) == "niedziela"
