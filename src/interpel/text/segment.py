"""Lines with offsets, the line classes every parser shares, and the empty record."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from interpel.text.dates import find_dates
from interpel.text.names import clean_person, looks_like_person, office_nominative

FIELDS = (
    "role",
    "document_kind",
    "document_number",
    "case_sign",
    "edoc_id",
    "place",
    "date",
    "date_raw",
    "addressee",
    "author",
    "signatory",
    "signatory_office",
    "subject",
    "body",
    "answers_ref",
)

Record = dict[str, Any]


@dataclass(frozen=True)
class Line:
    """One line of the text: offsets into the original and the text without markup and outer spaces."""

    index: int
    start: int
    end: int
    text: str


_MARKUP_RE = re.compile(r"\*\*|__")


def split_lines(text: str) -> list[Line]:
    """Lines with their offsets; Markdown bold from DOCX/PDF converters ("**Pan**") is dropped from `text`."""
    lines = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        lines.append(Line(i, pos, pos + len(raw), " ".join(_MARKUP_RE.sub("", raw).split())))
        pos += len(raw) + 1
    return lines


def new_record(role: str) -> Record:
    """A record with every annotation field present and unknown."""
    record: Record = dict.fromkeys(FIELDS)
    record["role"] = role
    return record


def span_text(text: str, lines: list[Line], first: int, last: int, skip: int = 0) -> str | None:
    """The exact original text of lines first..last (inclusive), trimmed; `skip` chars cut from the first line."""
    if first > last:
        return None
    start = lines[first].start
    raw_first = text[start : lines[first].end]
    start += len(raw_first) - len(raw_first.lstrip()) + skip
    body = text[start : lines[last].end].strip()
    body = _MARKUP_RE.sub("", body) if body.startswith("**") else body
    return body or None


# --- line classes ---------------------------------------------------------------------------------------------

# "Kalisz, 2 kwietnia 2026 r.", "Orchowo, dnia 01.07.2019 r.", "Warszawa, data: 25 czerwca 2026 r.",
# "Warszawa, /elektroniczny znacznik czasu/" (ministry letters dated by the e-signature only).
PLACE_DATE_RE = re.compile(
    r"(?:^|\s{2,})(?P<place>[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]+(?:[ -][A-ZĄĆĘŁŃÓŚŹŻ]?[a-ząćęłńóśźż]+){0,3}),\s*"
    r"(?P<rest>(?:(?:dnia|dn\.?|data:|d\.)\s*)?(?:\d|/\s*elektroniczny znacznik czasu\s*/).*)$"
)
# A sign (or "Znak: sign") printed on the same line before the place: the layout separates them by a wide gap,
# but PDF/DOCX conversions collapse it to one space ("ZD.0003.9.2025.MK Olsztyn, 27.01.2025 r.").
_SIGN_PREFIX_RE = re.compile(
    r"^(?:(?:znak(?:\s+sprawy)?|nasz\s+znak|sygn\.?)\s*:?\s*)?"
    r"(?=\S*\d)(?=\S*[./])[A-ZĄĆĘŁŃÓŚŹŻ0-9][\w.,/-]{5,}\s+",
    re.IGNORECASE,
)


def match_place_date(raw: str) -> re.Match[str] | None:
    """The place/date line's match; the rest must hold a real date (or the e-signature note)."""
    match = PLACE_DATE_RE.search(raw)
    if match is None:
        prefix = _SIGN_PREFIX_RE.match(raw)
        if prefix is None:
            return None
        match = PLACE_DATE_RE.match(raw[prefix.end() :])
        if match is None:
            return None
    rest = match["rest"]
    if "znacznik" in rest or any(start <= 12 for _value, _raw, (start, _end) in find_dates(rest)):
        return match
    return None


# Vocative salutation; the bare "Szanowny Pan" / "Szanowna Pani" opens an address block instead.
SALUTATION_RE = re.compile(
    r"^(?:Wielce\s+)?Szanown(?:y|a|i|e)\s+(?:(?:Panie|Państwo)(?:\s+[A-ZŁŚŻ]?[\wąćęłńóśźż]+){0,3}\s*(?:,|!|$)|"
    r"Pani(?:\s+[A-ZŁŚŻ]?[\wąćęłńóśźż]+){0,3}\s*(?:,|!)|Pani\s+(?:Radna|Prezydent|Burmistrz|Wójt|Starosta|Minister|"
    r"Marszałek|Przewodnicząca|Dyrektor)\s*$)"
)
CLOSING_RE = re.compile(
    r"^(?:z\s+(?:wyrazami\s+)?(?:głębokiego\s+)?(?:szacunk\w*|poważani\w*|powazaniem)|z\s+upoważnienia\b|"
    r"z\s+up\.|łączę\s+wyrazy|pozdrawiam|z\s+pozdrowieniami)",
    re.IGNORECASE,
)
SIGNATURE_MARKER_RE = re.compile(r"^/[^/]{0,60}/$|^\(-\)$")
# In a scanned letter OCR reads a slash of "/-/" as "|", "l", "1" or "I": "/-| Maciej Antczak".
LEADING_MARKER_RE = re.compile(r"^(?:/-/|/\.\.\./|\(-\)|/\s*-\s*/|[/|]\s*-\s*[/|lI1](?=\s))\s*")
AUTH_RE = re.compile(r"^(?:z\s+up\.|z\s+upoważnienia|w\s+z\.|wz\.|p\.o\.)\s*", re.IGNORECASE)
OFFICE_WORDS = (
    r"prezydent|wiceprezydent|burmistrz|wiceburmistrz|wójt|starosta|wicestarosta|marszałek|"
    r"wicemarszałek|zastępca|z-ca|przewodnicząc\w*|sekretarz|skarbnik|dyrektor|kierownik|minister|"
    r"podsekretarz|radn[yai]|prezes|członek|naczelnik|rzecznik|zarząd|komendant|pełnomocnik|wojewoda"
)
OFFICE_RE = re.compile(rf"^(?:I\s+|p\.o\.\s+)?(?:{OFFICE_WORDS})\b", re.IGNORECASE)
LETTERHEAD_RE = re.compile(
    r"(?:^|\s)(?:tel\b\.?|telefon|fax|e-?mail|adres email|www\.|https?://|ul\.|al\.|pl\.)"
    r"|@|\b\d{2}-\d{3}\b|^\+?\d[\d ()-]{6,}$|^gov\.pl",
    re.IGNORECASE,
)
_PROSE_WORD_RE = re.compile(r"[a-ząćęłńóśźż]{3,}[,.;:!?]?")
FOOTNOTE_RE = re.compile(r"^\d{1,2}\s+\S")
ATTACHMENT_RE = re.compile(
    r"^(?:Załącznik|Załączniki|Zał\.)\b|\.(?:pdf|docx?|jpe?g|png|odt)\b", re.IGNORECASE
)
CC_RE = re.compile(r"^(?:Do\s+wiadomości|Otrzymują|Sprawę\s+prowadzi|ePuap)\b", re.IGNORECASE)
# "Dotyczy:", "Dot.:", "Dot. interpelacji", "Temat:", "W sprawie:".
SUBJECT_LABEL_RE = re.compile(
    r"^(?:Dot(?:yczy)?\.?|Temat|Sprawa|W\s+sprawie)(?![\wąćęłńóśźżĄĆĘŁŃÓŚŹŻ])\s*:?\s*", re.IGNORECASE
)
PAGE_NUMBER_RE = re.compile(r"^(?:-?\s*\d{1,3}\s*-?|Strona \d+ z \d+|\d+/\d+)$")


def is_letterhead(text: str) -> bool:
    """An address, phone or web line of a letterhead or footer; a prose line that merely names a street
    ("…na ul. Krzeptówki zostały usunięte") or says "telefonicznie" is none."""
    if len(text) >= 80 or not LETTERHEAD_RE.search(text):
        return False
    prose = [
        w for w in text.split() if _PROSE_WORD_RE.fullmatch(w) and w.strip(",.;:!?") not in _CONTACT_WORDS
    ]
    return len(prose) < (2 if text.endswith(".") else 3)


_CONTACT_WORDS = {"tel", "telefon", "fax", "email", "adres", "kom", "wew", "faks", "skr", "poczt", "pocztowa"}


def is_person_line(text: str) -> bool:
    """A bare name line, also after a signature marker ("/-/ Jacek Misztal")."""
    return looks_like_person(LEADING_MARKER_RE.sub("", text))


def is_date_only(text: str) -> bool:
    """A line that is nothing but a date ("17.07.2025 r.")."""
    dates = find_dates(text)
    return len(dates) == 1 and len(text) - len(dates[0][1]) <= 3


def title_office(text: str) -> str:
    """An office as the register writes it: "MIASTA KALISZA" -> "Miasta Kalisza", small words lower."""
    words: list[str] = []
    for word in text.split():
        if word.isupper() and len(word) > 1 and not re.fullmatch(r"[IVX]+|RP|UE|KPRM", word):
            word = word.capitalize()
        elif word.isupper() and word in {"I", "W", "Z"} and words:
            word = word.lower()
        words.append(word)
    return office_nominative(" ".join(words))


def person_from_line(text: str) -> str:
    """The register form of a name line."""
    return clean_person(LEADING_MARKER_RE.sub("", AUTH_RE.sub("", text)))
