"""Portal pages: BIP registers with labelled fields, eSesja pages, session lists and summaries of a session."""

from __future__ import annotations

import re

from interpel.text.names import office_nominative
from interpel.text.parse_fields import (
    KIND_OF_ROLE,
    ROLE_STEMS,
    Found,
    authors_of,
    body_until,
    claimed,
    first_date,
    role_of_word,
    subject_after,
)
from interpel.text.parse_lists import session_list, summary
from interpel.text.parse_signature import split_respondent
from interpel.text.segment import Line, is_date_only, new_record, span_text
from interpel.text.signs import EDOC_RE, find_case_signs

# eSesja (Kalisz and ~200 other councils): "Interpelacja 153/2025 (Nawierzchni boisk do gry w koszykówkę.)".
_ESESJA_TITLE_RE = re.compile(
    r"^(?P<kind>Interpelacja|Zapytanie|Wniosek)\s+(?P<number>\d+/\d{4})\s*\((?P<subject>.+)\)$"
)
_ESESJA_AUTHORS_RE = re.compile(r"^Autor(?:zy)?:\s*(?P<names>.+?)\s*,\s*dodano:\s*(?P<date>.+)$")
_PUBLISHER_RE = re.compile(r"^\d{1,2}\s+\w+\s+\d{4}\s+-\s+\S+")
_SIDEBAR_RE = re.compile(
    r"^(?:Najnowsze|Ostatnie|Zobacz (?:też|także)|Inne) (?:interpelacje|zapytania|dokumenty)", re.IGNORECASE
)
# Szczecin BIP register: "Numer: 2904", "Rodzaj: Interpelacja", "Data wpływu: 2021/07/20", labels glued to values.
_LABEL_RE = re.compile(
    r"^(?P<label>Numer|Skierowano do|Rodzaj|Data wpływu|Data złożenia|Wydział merytoryczny|"
    r"Odpowiadający|Data odpowiedzi|Czy odpowiedź udzielona w terminie|Interpelujący Radni|"
    r"Interpelacja|Zapytanie|Autor|Autorzy)\s*:\s*(?P<value>.*)$"
)
# A BIP register entry whose metadata is one bracketed line under the subject (Oświęcim's BIP is one):
# "Interpelacja dotyczy:" / subject / "(znak … zgłoszona dnia 2016-12-21, … przez: NAMES )".
_META_RE = re.compile(
    r"^\((?:znak\s+(?P<sign>\S+)\s+)?zgłoszon\w+\s+dnia\s+(?P<date>[^,]+),.*?przez:\s*(?P<names>.*?)\s*\)$"
)
_ANSWER_HEADING_RE = re.compile(
    r"^Odpowiedź\s+(?P<office>(?:Prezydenta|Burmistrza|Wójta|Starosty|Marszałka|Zarządu|"
    r"Zastępcy)\b.*)$"
)
_GIVEN_RE = re.compile(r"^\(udzielon\w+\s+(?:w\s+dniu|dnia)\s+(?P<date>.+)\)$")
_COUNTER_RE = re.compile(r"^\[\s*\d+\s*\]$")
# Where a register entry's own text ends: the next labelled field, the answers section, or the page's attachment,
# photo and download blocks that BIP templates print under every entry.
_BODY_STOP_RE = re.compile(
    r"^(?:Numer|Rodzaj|Data\s+\w+|Skierowano\s+do|Odpowiadający|Wydział\s+\w+)\s*:"
    r"|^(?:Interpelujący|Zgłaszający|Autorzy?)\b|^Odpowied(?:ź|zi)\s+na\s+(?:interpelacj|zapytani)\w*\s*:?$"
    r"|^(?:Zdjęci[ea]|Zdjęcie\s+\d|Galeria|Załącznik\w*|Pliki(?:\s+do\s+pobrania)?|Dokumenty\s+do\s+pobrania|"
    r"Metryczka|Rejestr\s+zmian|Drukuj|Powrót)\b",
    re.IGNORECASE,
)


def parse_portal(text: str, lines: list[Line], first: int, last: int, context: str) -> list[Found]:
    """Records in the line range first..last of a portal page."""
    for i in range(first, last + 1):
        if _SIDEBAR_RE.match(lines[i].text):
            last = i - 1
            break
    found: list[Found] = []
    for reader in (_labelled, _esesja, _bracketed_meta_page, session_list, summary):
        found.extend(reader(text, lines, first, last, found))
    found.extend(_stamps(text, lines, first, last, found))
    return found


def _labelled(text: str, lines: list[Line], first: int, last: int, found: list[Found]) -> list[Found]:
    labels: dict[str, tuple[int, str]] = {}
    for i in range(first, last + 1):
        m = _LABEL_RE.match(lines[i].text)
        if m and m["label"] not in labels:
            labels[m["label"]] = (i, m["value"].strip())
    out: list[Found] = []
    if "Rodzaj" in labels and ("Numer" in labels or "Data wpływu" in labels):
        meta_lines = [
            labels[k][0] for k in ("Numer", "Skierowano do", "Rodzaj", "Data wpływu") if k in labels
        ]
        role = role_of_word(labels["Rodzaj"][1])
        record = new_record(role)
        record["document_kind"] = KIND_OF_ROLE[role]
        record["document_number"] = labels.get("Numer", (0, None))[1] or None
        record["addressee"] = labels.get("Skierowano do", (0, None))[1] or None
        if "Data wpływu" in labels:
            record["date"], _raw = first_date(labels["Data wpływu"][1])
            record["date_raw"] = lines[labels["Data wpływu"][0]].text
        top = min(meta_lines)
        for j in range(top - 1, first - 1, -1):
            if lines[j].text:
                subject = subject_after(lines[j].text) or lines[j].text
                record["subject"] = subject
                record["title"] = lines[j].text
                break
        start = max(meta_lines) + 1
        while start <= last and not lines[start].text:
            start += 1
        body, end = body_until(text, lines, start, last, _BODY_STOP_RE)
        if body:
            salutation = re.match(r"^Szanown\w+\s+Pan\w*(?:\s+\w+)?\s*,\s*", body)
            if salutation:
                body = body[salutation.end() :]
        record["body"] = body
        if "Interpelujący Radni" in labels:
            i = labels["Interpelujący Radni"][0]
            record["author"] = authors_of(labels["Interpelujący Radni"][1]) or authors_of(
                " ".join(
                    lines[j].text
                    for j in range(i + 1, min(last + 1, i + 4))
                    if lines[j].text
                    and not _LABEL_RE.match(lines[j].text)
                    and len(lines[j].text) < 60
                    and not lines[j].text.startswith("Odpowied")
                )
            )
        out.append((top - 1, end, record))
    if "Odpowiadający" in labels and "Data odpowiedzi" in labels:
        meta = [labels[k][0] for k in labels if k not in ("Interpelacja", "Zapytanie")]
        record = new_record("answer")
        record["document_kind"] = "odpowiedź na interpelację"
        record["signatory"], record["signatory_office"] = split_respondent(labels["Odpowiadający"][1])
        record["date"], _raw = first_date(labels["Data odpowiedzi"][1])
        record["date_raw"] = lines[labels["Data odpowiedzi"][0]].text
        start = max(k for k in meta if k < labels.get("Interpelacja", (last + 1, ""))[0]) + 1
        while start <= last and not lines[start].text:
            start += 1
        body, end = body_until(text, lines, start, last, re.compile(r"^(?:Interpelacja|Zapytanie)\s*:"))
        record["body"] = body
        asked = labels.get("Interpelacja") or labels.get("Zapytanie")
        ref = {"date": None, "subject": None, "number": None, "ref_source": "page_structure"}
        if asked:
            ref["subject"] = subject_after(asked[1]) or asked[1]
        record["subject"] = ref["subject"] or (subject_after(body.split(".")[0]) if body else None)
        record["answers_ref"] = ref
        out.append((min(meta), max(end, asked[0] if asked else end), record))
    return out


def _esesja(text: str, lines: list[Line], first: int, last: int, found: list[Found]) -> list[Found]:
    out: list[Found] = []
    for i in range(first, last + 1):
        m = _ESESJA_TITLE_RE.match(lines[i].text)
        if not m:
            continue
        role = role_of_word(m["kind"])
        record = new_record(role)
        record["document_kind"] = KIND_OF_ROLE[role]
        record["document_number"] = m["number"]
        record["subject"] = m["subject"].strip().rstrip(".")
        record["title"] = lines[i].text
        start = i + 1
        for j in range(i + 1, min(last + 1, i + 4)):
            a = _ESESJA_AUTHORS_RE.match(lines[j].text)
            if a:
                record["author"] = authors_of(a["names"])
                record["date"], record["date_raw"] = first_date(a["date"])
                start = j + 1
                break
        while start <= last and not lines[start].text:
            start += 1
        stop = re.compile(rf"{_PUBLISHER_RE.pattern}|^Załącznik|^{_ESESJA_TITLE_RE.pattern[1:]}")
        record["body"], end = body_until(text, lines, start, last, stop)
        out.append((i, end, record))
    return out


def _stamps(text: str, lines: list[Line], first: int, last: int, found: list[Found]) -> list[Found]:
    """An answer known only by its registration stamp: sign line, e-doc id line, date line (eSesja pages)."""
    out: list[Found] = []
    i = first
    while i <= last:
        t = lines[i].text
        signs = find_case_signs(t)
        if signs and signs[0][0] == t and not claimed(found, i):
            j = i + 1
            edoc = None
            if j <= last and EDOC_RE.fullmatch(lines[j].text):
                edoc = lines[j].text
                j += 1
            if j <= last and is_date_only(lines[j].text):
                record = new_record("answer")
                record["document_kind"] = "odpowiedź na interpelację"
                record["case_sign"] = t
                record["edoc_id"] = edoc
                record["date"], record["date_raw"] = first_date(lines[j].text)
                record["date_raw"] = lines[j].text
                record["answers_ref"] = {"date": None, "subject": None, "ref_source": "page_structure"}
                attachment = " ".join(lines[k].text for k in range(max(first, i - 3), min(last, j + 2) + 1))
                if re.search(r"Odp\w*\.? na zapytanie", attachment):
                    record["document_kind"] = "odpowiedź na zapytanie"
                out.append((i, j, record))
                headless = _headless_inquiry(text, lines, first, i - 1, found + out)
                if headless:
                    out.append(headless)
                i = j
        i += 1
    return out


def _headless_inquiry(
    text: str, lines: list[Line], first: int, last: int, found: list[Found]
) -> Found | None:
    """A stored page that lost its header: the inquiry's text stands alone before the answer's stamp."""
    if any(a <= last and b >= first for a, b, _r in found if _r["role"] != "answer") or first != 0:
        return None
    start = next((k for k in range(first, last + 1) if len(lines[k].text) >= 60), None)
    if start is None:
        return None
    body = span_text(text, lines, start, last)
    if not body:
        return None
    head = body[:400].lower()
    kinds = [(head.find(stem), role) for stem, role in ROLE_STEMS.items() if stem in head]
    role = min(kinds)[1] if kinds else "interpellation"
    record = new_record(role)
    record["document_kind"] = KIND_OF_ROLE[role]
    record["body"] = body
    return start, last, record


def _bracketed_meta_page(
    text: str, lines: list[Line], first: int, last: int, found: list[Found]
) -> list[Found]:
    """A register entry "Interpelacja dotyczy:", its subject, "(znak … zgłoszona dnia … przez: …)", its text, and
    under it "Odpowiedź Prezydenta …" / "(udzielona w dniu …)" / the answer's text."""
    out: list[Found] = []
    for i in range(first, last + 1):
        t = lines[i].text
        m = re.match(r"^(?P<kind>Interpelacja|Zapytanie|Wniosek)\s+dotyczy\s*:?\s*(?P<rest>.*)$", t)
        if m and not claimed(found, i):
            record = new_record(role_of_word(m["kind"]))
            record["document_kind"] = KIND_OF_ROLE[record["role"]]
            subject_parts = [m["rest"]] if m["rest"] else []
            j = i + 1
            meta, meta_end = None, j
            while j <= last and len(subject_parts) < 4:
                meta, meta_end = _bracketed_meta(lines, j, last)
                if meta:
                    break
                if lines[j].text:
                    subject_parts.append(lines[j].text)
                j += 1
            record["subject"] = " ".join(subject_parts) or None
            if meta:
                record["case_sign"] = meta["sign"]
                record["date"], record["date_raw"] = first_date(meta["date"])
                record["author"] = authors_of(meta["names"])
                j = meta_end + 1
            while j <= last and not lines[j].text:
                j += 1
            body, end = body_until(text, lines, j, last, _ANSWER_HEADING_RE)
            record["body"] = body
            out.append((i, end, record))
        a = _ANSWER_HEADING_RE.match(t)
        if a and not claimed(found, i):
            record = new_record("answer")
            record["document_kind"] = "odpowiedź na interpelację"
            record["signatory_office"] = office_nominative(a["office"])
            j = i + 1
            while j <= last and not lines[j].text:
                j += 1
            given = _GIVEN_RE.match(lines[j].text) if j <= last else None
            if given:
                record["date"], record["date_raw"] = first_date(given["date"])
                j += 1
            while j <= last and not lines[j].text:
                j += 1
            body, end = body_until(text, lines, j, last, _COUNTER_RE)
            record["body"] = body
            out.append((i, end, record))
    return out


def _bracketed_meta(lines: list[Line], i: int, last: int) -> tuple[re.Match[str] | None, int]:
    """The "(znak … przez: …)" line at i and the index of its last line: a PDF or a scan may wrap it over up to
    three lines, and only the closing bracket says where it ends."""
    if not lines[i].text.startswith("("):
        return None, i
    joined = lines[i].text
    end = i
    while not joined.endswith(")") and end < min(last, i + 2) and lines[end + 1].text:
        end += 1
        joined += " " + lines[end].text
    return _META_RE.match(joined), end
