"""Pages that list a session's inquiries (Gryfino, powiat oświęcimski) or summarise them in prose (Szczawnica)."""

from __future__ import annotations

import re

from interpel.text.dates import find_dates
from interpel.text.names import find_person, office_nominative, person_nominative
from interpel.text.parse_fields import (
    KIND_OF_ROLE,
    Found,
    body_until,
    claimed,
    first_date,
    role_of_word,
    subject_after,
)
from interpel.text.segment import Line, new_record, span_text
from interpel.text.signs import find_case_signs

# Session lists (Gryfino, powiat oświęcimski): councillor line, numbered items or register numbers.
_SESSION_RE = re.compile(r"sesj\w*", re.IGNORECASE)
_COUNCILLOR_RE = re.compile(
    r"^Radn[ya]\s+(?P<name>[A-ZĄĆĘŁŃÓŚŹŻ]\S+\s+[A-ZĄĆĘŁŃÓŚŹŻ]\S+(?:\s+[A-ZĄĆĘŁŃÓŚŹŻ]\S+)?)$"
)
_ITEM_RE = re.compile(r"^\d{1,3}\.\s+(?P<kind>Interpelacja|Zapytanie|Wniosek)\b")
_NUMBER_LINE_RE = re.compile(r"^(?P<number>\d{1,4}/[IVXLC]+/\d{2,4})(?:\s*(?P<rest>[–-]\s*.+))?$")
_SECTION_RE = re.compile(r"^(?P<kind>Interpelacje|Interpelacja|Zapytania|Zapytanie|Wnioski|Wniosek)\s*:$")
# Summaries: "radny Marek Wiercioch złożył interpelację …", "Burmistrz udzielił odpowiedzi … w piśmie znak …".
_FILED_RE = re.compile(
    r"złożył\w*\s+(?:również\s+|także\s+|też\s+)?(?P<kind>interpelacj|zapytani|wnios)\w*", re.I
)
_ANSWERED_RE = re.compile(
    r"(?P<office>Burmistrz|Prezydent|Wójt|Starosta|Marszałek|Zarząd)\w*\s+(?:\w+\s+){0,3}"
    r"udzielił\w*\s+odpowiedzi"
)
_FORWARDED_RE = re.compile(
    r"przekazał\w*\s+.*?\b(?P<office>(?:Burmistrz|Prezydent|Wójt|Starost|Marszałk)\w*"
    r"(?:\s+(?:[A-ZĄĆĘŁŃÓŚŹŻ]\w*|i))*)"
)
_PAGE_TITLE_RE = re.compile(r"^(?:Interpelacja|Zapytanie)\s+Radne(?:go|j)\s*[-–]?\s*(?P<name>\S+\s+\S+)")


def session_list(text: str, lines: list[Line], first: int, last: int, found: list[Found]) -> list[Found]:
    """Numbered items and register numbers under "Radny NAME" lines, dated by the session heading."""
    out: list[Found] = []
    session_date: tuple[str | None, str | None] = (None, None)
    author: str | None = None
    section: str | None = None
    # A letter may cut the list in two (Gryfino: the answer sits between items 315 and 316); the session heading
    # and the councillor named before it still hold for the items after it.
    for k in range(0, first):
        t = lines[k].text
        councillor = _COUNCILLOR_RE.match(t)
        if councillor:
            author = councillor["name"]
        if _SESSION_RE.search(t) and session_date[0] is None:
            t2 = t + (" " + lines[k + 1].text if k + 1 < len(lines) else "")
            lead = re.search(r"(?:w\s+dniu|z\s+dnia|dnia)\s+", t2)
            dates = find_dates(t2[lead.start() :] if lead else t2)
            if dates:
                session_date = (dates[0][0].isoformat(), (lead.group(0) if lead else "") + dates[0][1])
    i = first
    while i <= last:
        t = lines[i].text
        if claimed(found, i):
            i += 1
            continue
        if _SESSION_RE.search(t) and session_date[0] is None:
            # The heading may wrap: "… zgłoszone na XIX sesji Rady Miejskiej w Gryfinie" / "w dniu 31 stycznia 2008r."
            t2 = t + (" " + lines[i + 1].text if i + 1 <= last else "")
            lead = re.search(r"(?:w\s+dniu|z\s+dnia|dnia)\s+", t2)
            dates = find_dates(t2[lead.start() :] if lead else t2)
            if dates:
                session_date = (dates[0][0].isoformat(), (lead.group(0) if lead else "") + dates[0][1])
        councillor = _COUNCILLOR_RE.match(t)
        section_match = _SECTION_RE.match(t)
        item = _ITEM_RE.match(t)
        number = _NUMBER_LINE_RE.match(t)
        if councillor:
            author = councillor["name"]
        elif section_match:
            section = role_of_word(section_match["kind"])
        elif item or number:
            role = role_of_word(item["kind"]) if item else (section or "interpellation")
            record = new_record(role)
            record["document_kind"] = KIND_OF_ROLE[role]
            if item:
                body = span_text(text, lines, i, i, skip=t.find(item["kind"]))
                end = i
            elif number is not None:
                record["document_number"] = number["number"]
                if number["rest"]:
                    raw = text[lines[i].start : lines[i].end]
                    body = raw[raw.find(number["rest"][:10]) :].strip()
                    end = i
                else:
                    body, end = body_until(text, lines, i + 1, min(last, i + 1))
            record["body"] = body
            record["subject"] = subject_after(body.split("(zał")[0]) if body and item else None
            record["author"] = author
            record["date"], record["date_raw"] = session_date
            out.append((i, end, record))
            i = end
        elif (
            section in ("question", "motion") and re.match(r"^(?:Radn[ya]|Pan|Pani)\s", t) and session_date[0]
        ):
            j = i
            while (
                j + 1 <= last
                and lines[j + 1].text
                and not _SECTION_RE.match(lines[j + 1].text)
                and not re.match(r"^Radn[ya]\s+[A-ZŁŚŻ]\w+\s+[A-ZŁŚŻ]\w+\s+\w", lines[j + 1].text)
            ):
                j += 1
            record = new_record(section)
            record["document_kind"] = KIND_OF_ROLE[section]
            record["body"] = span_text(text, lines, i, j)
            record["author"] = find_person(re.sub(r"^(?:Radn[ya]|Pan|Pani)\s+", "", t))
            record["date"], record["date_raw"] = session_date
            out.append((i, j, record))
            i = j
        i += 1
    return out


def summary(text: str, lines: list[Line], first: int, last: int, found: list[Found]) -> list[Found]:
    """Sentences reporting that a councillor filed an inquiry and the executive answered it."""
    out: list[Found] = []
    title_author: str | None = None
    title_date: tuple[str | None, str | None] = (None, None)
    addressee: str | None = None
    for i in range(first, last + 1):
        t = lines[i].text
        title = _PAGE_TITLE_RE.match(t)
        if title and title_author is None:
            title_author = person_nominative(title["name"])
            title_date = first_date(t)
        forwarded = _FORWARDED_RE.search(t)
        if forwarded and addressee is None:
            addressee = office_nominative(forwarded["office"].strip())
    last_author = title_author
    for i in range(first, last + 1):
        t = lines[i].text
        if claimed(found, i) or len(t) < 60:
            continue
        filed = _FILED_RE.search(t)
        answered = _ANSWERED_RE.search(t)
        if filed and not answered:
            role = role_of_word(filed["kind"])
            record = new_record(role)
            record["document_kind"] = KIND_OF_ROLE[role]
            named = re.search(r"\bradn[ya]\s+(?P<rest>[A-ZĄĆĘŁŃÓŚŹŻ].*)", t, re.IGNORECASE)
            person = find_person(named["rest"]) if named else None
            record["author"] = person or last_author
            last_author = record["author"]
            lead = re.search(r"w\s+dniu\s+", t)
            own = find_dates(t[lead.end() :]) if lead else []
            record["date"], record["date_raw"] = (own[0][0].isoformat(), own[0][1]) if own else title_date
            record["subject"] = subject_after(t[filed.end() :])
            record["addressee"] = addressee
            record["body"] = span_text(text, lines, i, i)
            out.append((i, i, record))
        elif answered:
            record = new_record("answer")
            record["document_kind"] = "odpowiedź na " + (
                "interpelację i zapytanie" if "zapytani" in t and "interpelac" in t else "interpelację"
            )
            signs = find_case_signs(t)
            record["case_sign"] = signs[0][0] if signs else None
            after = t[signs[0][1][1] :] if signs else t
            dates = find_dates(after)
            if dates:
                record["date"], record["date_raw"] = dates[0][0].isoformat(), dates[0][1]
            office = answered["office"]
            record["signatory_office"] = addressee if addressee and addressee.startswith(office) else office
            record["answers_ref"] = {"date": None, "subject": None, "ref_source": "page_structure"}
            out.append((i, i, record))
    return out
