"""Case signs (znak sprawy, JRWA), Sejm interpellation signs and EZD e-document ids."""

from __future__ import annotations

import re
from dataclasses import dataclass

_UPPER = "A-ZĄĆĘŁŃÓŚŹŻ"
_ALPHA = "A-Za-zĄĆĘŁŃÓŚŹŻąćęłńóśźż"

# JRWA sign: department (may carry a unit suffix: "DOP-WŚ", "BM-II", "OR.b"), class, case number(s), year,
# optional clerk initials ("DPP-VII.054.14.2026", "RIOŚ.041.7.2022.MN") and a ministry's slash tail
# ("BMON-WP.053.547.2026/In-233-26/SL").
CASE_SIGN_RE = re.compile(
    rf"(?<![{_ALPHA}\d.])(?P<department>[{_UPPER}][{_UPPER}a-z]*(?:-[{_UPPER}0-9]+)*(?:\.[a-z]{{1,3}})?)"
    rf"\.(?P<jrwa_class>\d{{2,4}})\.(?P<number>\d{{1,5}}(?:\.\d{{1,5}})*)\.(?P<year>(?:19|20)\d{{2}})"
    rf"(?:\.[{_UPPER}]{{1,4}})?(?:/[\w-]+)*(?![\w.])"
)
# Slash-style signs of older letters: "BMP/84/315,316/XIX/08" (Gryfino, 2008).
SLASH_SIGN_RE = re.compile(rf"(?<![\w/])(?P<department>[{_UPPER}]{{2,6}})(?:/[\w,.-]+){{2,}}(?![\w/])")
# Sejm interpellation sign, always cited by the ministry: "K10INT18225" = term 10, interpellation 18225.
SEJM_SIGN_RE = re.compile(r"\bK(?P<term>\d{1,2})INT(?P<number>\d{1,6})\b")

# EZD e-document ids: "D2026.03.05724" (EZD PUW; a digit may be missing) and EZD RP "4454816.18311799.14772544".
EDOC_RE = re.compile(r"(?<![\w.])(?:D(?:19|20)\d{2}\.\d{2}\.\d{3,6}|\d{6,8}\.\d{7,9}\.\d{7,9})(?![\w.])")


@dataclass(frozen=True)
class CaseSign:
    """A case sign split into its parts; `raw` is kept verbatim."""

    raw: str
    department: str
    jrwa_class: str | None
    number: str | None
    year: int | None


def parse_case_sign(raw: str) -> CaseSign | None:
    """Splits a sign such as "WSR.0003.2.2025"; None when the string is no sign."""
    text = " ".join(raw.split())
    match = CASE_SIGN_RE.fullmatch(text)
    if match:
        return CaseSign(text, match["department"], match["jrwa_class"], match["number"], int(match["year"]))
    match = SEJM_SIGN_RE.fullmatch(text)
    if match:
        return CaseSign(text, "K" + match["term"] + "INT", None, match["number"], None)
    match = SLASH_SIGN_RE.fullmatch(text)
    if match:
        parts = text.split("/")
        year_part = parts[-1]
        year = None
        if year_part.isdigit() and len(year_part) in (2, 4):
            year = int(year_part) + (2000 if len(year_part) == 2 else 0)
        return CaseSign(text, match["department"], None, parts[1], year)
    return None


def find_case_signs(text: str) -> list[tuple[str, tuple[int, int]]]:
    """JRWA and slash-style signs in text order (Sejm signs excluded: they name the interpellation)."""
    found = [(m.group(0), m.span()) for m in CASE_SIGN_RE.finditer(text)]
    found += [(m.group(0), m.span()) for m in SLASH_SIGN_RE.finditer(text) if _slash_is_sign(m.group(0))]
    return sorted(found, key=lambda item: item[1][0])


def _slash_is_sign(raw: str) -> bool:
    # "BMP/84/315,316/XIX/08" yes; "PDF/A" or a URL path no: a sign carries digits in at least two parts.
    return sum(any(c.isdigit() for c in part) for part in raw.split("/")) >= 2


def find_edoc_ids(text: str) -> list[tuple[str, tuple[int, int]]]:
    """EZD e-document ids in text order."""
    return [(m.group(0), m.span()) for m in EDOC_RE.finditer(text)]
