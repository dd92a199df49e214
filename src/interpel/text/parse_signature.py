"""Signature blocks: name, office, authorisation ("z up. Ministra") and e-signature markers."""

from __future__ import annotations

import re

from interpel.text.names import find_person, looks_like_person, office_nominative
from interpel.text.segment import (
    AUTH_RE,
    CLOSING_RE,
    OFFICE_RE,
    PAGE_NUMBER_RE,
    SIGNATURE_MARKER_RE,
    Line,
    is_person_line,
    person_from_line,
    title_office,
)

Signatory = str | list[str] | None

# "z upoważnienia Ministra Zdrowia", "z up. Prezydenta Miasta Kalisza", "z upoważnienia Zarządu Powiatu":
# the office in whose name a deputy signs, as capitalised words joined by "i", "ds.", "do spraw" or commas.
_ON_BEHALF_RE = re.compile(
    r"z\s+(?:up\.|upoważnienia)\s+(?P<office>[A-ZŁŚŻ][\wąćęłńóśźż-]+"
    r"(?:,?\s+(?:[A-ZŁŚŻ][\wąćęłńóśźż-]+|i|ds\.|do\s+spraw))*)"
)


def signature_of(signature: list[Line], header: list[Line], body: str) -> tuple[Signatory, str | None]:
    """(signatory, office) from the lines after the closing formula; the office may come from the letterhead.

    Several councillors sign a joint interpellation one name a line above one office ("Radni Rady Miasta"):
    the signatory is then the list of names."""
    name: str | None = None
    others: list[str] = []
    auth: str | None = None
    before: list[str] = []
    after: list[str] = []
    for line in signature:
        t = line.text
        closing = CLOSING_RE.match(t)
        if closing:
            tail = t[closing.end() :].strip(" ,")
            if re.match(r"z\s+up", t, re.IGNORECASE):
                auth = t.strip(" ,")
                tail = re.sub(r"^[^,]*,", "", t).strip() if "," in t else ""
                if tail and is_person_line(AUTH_RE.sub("", t)):
                    name = person_from_line(t)
                    auth = "z up."
                continue
            continue
        if SIGNATURE_MARKER_RE.match(t):
            continue
        if AUTH_RE.match(t):
            rest = AUTH_RE.sub("", t)
            if is_person_line(rest) and name is None:
                name = person_from_line(rest)
                auth = t[: len(t) - len(rest)].strip()
            else:
                auth = t
            continue
        if name is None and is_person_line(t):
            name = person_from_line(t)
            continue
        if name is not None and not after and is_person_line(t):
            others.append(person_from_line(t))
            continue
        if PAGE_NUMBER_RE.match(t):
            continue
        (after if name else before).append(t)
    office_parts = after or before
    office = title_office(" ".join(office_parts)) if office_parts else None
    if name and not office:
        office = _letterhead_office(header, name)
    if office and len(office.split()) == 1:
        office = _completed_office(office, header)
    if office and not auth:
        # A deputy answering "z upoważnienia Ministra …" in the first sentence of a ministry's reply.
        found = _ON_BEHALF_RE.search(body[:600])
        if found and OFFICE_RE.match(office_nominative(found["office"])):
            auth = "z upoważnienia " + found["office"].rstrip(",")
    if office and auth:
        office = f"{office} ({auth})"
    if name and others:
        return [name, *others], office
    return name, office


def _completed_office(office: str, header: list[Line]) -> str:
    """A bare title under the name ("PREZYDENT") completed from the letterhead ("PREZYDENT MIASTA OLSZTYNA")."""
    for line in header:
        words = line.text.split()
        if len(words) > 1 and len(line.text) < 70 and words[0].lower() == office.lower():
            return title_office(line.text)
    return office


def _letterhead_office(header: list[Line], name: str) -> str | None:
    """Ministers print their office and name in the letterhead ("Sekretarz Stanu" / "Paweł BEJDA")."""
    for pos, line in enumerate(header):
        if is_person_line(line.text) and person_from_line(line.text) == name:
            for near in (
                header[pos - 1] if pos else None,
                header[pos + 1] if pos + 1 < len(header) else None,
            ):
                if near is not None and OFFICE_RE.match(near.text) and len(near.text) < 60:
                    return title_office(near.text)
    return None


def split_respondent(value: str) -> tuple[str | None, str | None]:
    """ "Anna Szotkowska - Zastępca Prezydenta Miasta Szczecin" or "podsekretarz stanu w MSWiA Maciej Duszczyk"."""
    value = value.strip()
    parts = re.split(r"\s+[-–]\s+", value, maxsplit=1)
    if len(parts) == 2 and looks_like_person(parts[0]):
        return person_from_line(parts[0]), title_office(parts[1])
    words = value.split()
    for n in (3, 2):
        if len(words) > n and looks_like_person(" ".join(words[-n:])):
            return person_from_line(" ".join(words[-n:])), " ".join(words[:-n])
    person = find_person(value)
    return person, None
