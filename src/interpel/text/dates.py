"""Dates as Polish offices write them: numeric, with month names (genitive or nominative), Roman months, OCR slips."""

from __future__ import annotations

import re
from datetime import date

# Genitive is the norm ("25 lipca"); the nominative ("28 luty 2013 roku") occurs in councillors' own letters.
MONTHS: dict[str, int] = {}
for _number, _forms in enumerate(
    [
        ("stycznia", "styczeń", "styczen", "styczna"),
        ("lutego", "luty"),
        ("marca", "marzec"),
        ("kwietnia", "kwiecień", "kwiecien"),
        ("maja", "maj"),
        ("czerwca", "czerwiec"),
        ("lipca", "lipiec"),
        ("sierpnia", "sierpień", "sierpien"),
        ("września", "wrzesień", "wrzesnia", "wrzesien"),
        ("października", "październik", "pazdziernika", "pazdziernik"),
        ("listopada", "listopad"),
        ("grudnia", "grudzień", "grudzien"),
    ],
    start=1,
):
    for _form in _forms:
        MONTHS[_form] = _number

ROMAN_MONTHS = {
    r: i
    for i, r in enumerate(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"], start=1)
}

# A year as printed or as OCR/typists spoil it: "20l6r." (letter l for the digit 1), "2O21" (letter O for zero).
_YEAR = r"(?P<y>[12][0-9lIoO]{3})(?![0-9])"
_SUFFIX = r"(?P<suffix>\s?\.?\s?(?:r\.|r\b|roku\b))?"
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_ROMAN = "|".join(sorted(ROMAN_MONTHS, key=len, reverse=True))

_PATTERNS = [
    # ISO-like, in BIP registers: "2016-12-21" (Oświęcim), "2021/07/20" (Szczecin "Data wpływu").
    re.compile(r"(?<![\d.])(?P<y>[12]\d{3})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?![\d])" + _SUFFIX),
    # Day first with dots, hyphens or slashes: "17.03.2025 r.", "13-07-2026" (ministry letters), "20.02.2008.r".
    re.compile(r"(?<![\d./-])(?P<d>\d{1,2})\s?[./-]\s?(?P<m>\d{1,2})\s?[./-]\s?" + _YEAR + _SUFFIX),
    # Roman month: "12.III.2025", "12 III 2025 r."
    re.compile(rf"(?<![\d.])(?P<d>\d{{1,2}})[\s.]+(?P<rm>{_ROMAN})[\s.]+" + _YEAR + _SUFFIX),
    # Month names: "25 lipca 2024 r.", "28 luty 2013 roku", "2 kwietnia 2026".
    re.compile(rf"(?<![\d.])(?P<d>\d{{1,2}})\s*(?P<mn>{_MONTH_NAMES})\s+" + _YEAR + _SUFFIX, re.IGNORECASE),
]

_OCR_DIGITS = str.maketrans({"l": "1", "I": "1", "o": "0", "O": "0"})


def _build(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    try:
        year = int(groups["y"].translate(_OCR_DIGITS))
        if groups.get("mn"):
            month = MONTHS[groups["mn"].lower()]
        elif groups.get("rm"):
            month = ROMAN_MONTHS[groups["rm"]]
        else:
            month = int(groups["m"])
        return date(year, month, int(groups["d"]))
    except (ValueError, KeyError):
        return None


def find_dates(text: str) -> list[tuple[date, str, tuple[int, int]]]:
    """Every date in the text, in order, with its raw form (suffix "r."/"roku" included) and span."""
    found: list[tuple[date, str, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            value = _build(match)
            if value is None or not 1900 <= value.year <= 2100:
                continue
            raw = match.group(0).rstrip()
            found.append((value, raw, (start, start + len(raw))))
            taken.append((start, end))
    found.sort(key=lambda item: item[2][0])
    return found


def parse_date(raw: str) -> date | None:
    """The first date in a raw string, or None when it holds none (e.g. "/elektroniczny znacznik czasu/")."""
    dates = find_dates(raw)
    return dates[0][0] if dates else None
