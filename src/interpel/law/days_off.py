"""Polish days off for art. 115 k.c.: Saturdays, Sundays and statutory public holidays, each with its name."""

from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from types import MappingProxyType

import holidays

SATURDAY = 5
SUNDAY = 6

WEEKDAYS = ("poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela")

# Wigilia (24 December) is a statutory day off from 2025 on: ustawa z 6 grudnia 2024 r. o zmianie ustawy
# o dniach wolnych od pracy oraz niektórych innych ustaw. We pin it here so that the rule does not depend on
# the version of the `holidays` package.
WIGILIA_FROM_YEAR = 2025
WIGILIA_NAME = "Wigilia Bożego Narodzenia"


@lru_cache(maxsize=512)
def public_holidays(year: int) -> Mapping[date, str]:
    """Statutory public holidays of one year (ustawa z 18 stycznia 1951 r. o dniach wolnych od pracy), by date."""
    # The `holidays` package follows the act's amendments: Epiphany only from 2011, the one-off 12.11.2018.
    found = holidays.country_holidays("PL", years=year, language="pl")
    names = {day: str(name) for day, name in found.items()}
    wigilia = date(year, 12, 24)
    if year >= WIGILIA_FROM_YEAR:
        names.setdefault(wigilia, WIGILIA_NAME)
    elif names.get(wigilia) == WIGILIA_NAME:  # pragma: no cover - only if a package release back-dated it
        del names[wigilia]
    return MappingProxyType(names)


def weekday_name(day: date) -> str:
    """The Polish name of the day of the week, lower case."""
    return WEEKDAYS[day.weekday()]


def day_off_reasons(day: date) -> tuple[str, ...]:
    """Why a day is not a working day for art. 115 k.c. ("sobota", "niedziela", a holiday's name); empty if it is one."""
    reasons: list[str] = []
    if day.weekday() in (SATURDAY, SUNDAY):
        reasons.append(weekday_name(day))
    holiday = public_holidays(day.year).get(day)
    if holiday is not None:
        reasons.append(holiday)
    return tuple(reasons)


def is_day_off(day: date) -> bool:
    """True for a Saturday or a statutory day off (Sundays and public holidays), the days art. 115 k.c. skips."""
    return bool(day_off_reasons(day))
