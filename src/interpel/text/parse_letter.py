"""Letters: place/date line, signs, addressee block, salutation, body, closing formula and signature block."""

from __future__ import annotations

import re

from interpel.text.dates import find_dates
from interpel.text.names import looks_like_person
from interpel.text.parse_fields import answer_reference, role_of_letter, subject_after
from interpel.text.parse_signature import signature_of, split_respondent
from interpel.text.segment import (
    ATTACHMENT_RE,
    AUTH_RE,
    CC_RE,
    CLOSING_RE,
    FOOTNOTE_RE,
    LEADING_MARKER_RE,
    OFFICE_RE,
    PAGE_NUMBER_RE,
    SALUTATION_RE,
    SIGNATURE_MARKER_RE,
    SUBJECT_LABEL_RE,
    Line,
    Record,
    is_letterhead,
    is_person_line,
    match_place_date,
    new_record,
    person_from_line,
    span_text,
    title_office,
)
from interpel.text.signs import EDOC_RE, find_case_signs, find_edoc_ids

_TITLE_RE = re.compile(r"^(?P<kind>Interpelacja|Zapytanie|Wniosek|Odpowiedź)\b(?P<rest>.*)$", re.IGNORECASE)
_ADDRESSEE_PREFIX_RE = re.compile(
    r"^(?:Sz\.\s*P\.?|Szanown[ya]\s+Pan[i]?|W\.\s*P\.?|Pan|Pani)\s*", re.IGNORECASE
)
_REGISTER_LABEL_RE = re.compile(r"^(?:Numer|Rodzaj|Data wpływu|Skierowano do|Autorzy?|Odpowiadający)\s*:")
_RESPONDENT_RE = re.compile(r"^Odpowiadając[ya]\s*:\s*(?P<value>.+)$")


def find_anchors(text: str, lines: list[Line]) -> list[int]:
    """Indices of place/date lines: each opens a letter (a file may hold several, in any order)."""
    anchors = [line.index for line in lines if match_place_date(_raw(text, line))]
    if not anchors:
        # Undated letters (EZD prints the date in the e-signature only): the salutation opens the letter.
        # A register page with labelled fields ("Numer:", "Rodzaj:") is no letter even when its body greets.
        anchors = [line.index for line in lines if SALUTATION_RE.match(line.text)][:1]
        if anchors and any(_REGISTER_LABEL_RE.match(line.text) for line in lines[: anchors[0]]):
            anchors = []
    return anchors


def _raw(text: str, line: Line) -> str:
    # Raw spacing matters here: "BMP/84/315,316/XIX/08     Gryfino, 20.02.2008.r" (sign and place glued).
    return text[line.start : line.end].replace("**", "").strip()


def _is_header_line(line: Line) -> bool:
    text = line.text
    if not text:
        return True
    # Prose ends with a full stop; a letterhead, a sign, a title or an office line does not.
    return len(text) <= 130 and not (text.endswith(".") and len(text) > 60)


def parse_letters(text: str, lines: list[Line]) -> list[tuple[int, int, Record]]:
    """Every letter in the text as (first line, last line, record)."""
    anchors = find_anchors(text, lines)
    letters: list[tuple[int, int, Record]] = []
    floor = 0
    for k, anchor in enumerate(anchors):
        if anchor < floor:
            continue
        first = anchor
        while first - 1 >= floor and _is_header_line(lines[first - 1]):
            first -= 1
        limit = anchors[k + 1] if k + 1 < len(anchors) else len(lines)
        result = _parse_letter(text, lines, first, anchor, limit)
        if result is None:
            continue
        last, record = result
        letters.append((first, last, record))
        floor = last + 1
    return letters


def _body_start(lines: list[Line], anchor: int, limit: int) -> tuple[int, int, int | None]:
    """(first body line, chars to skip on it, salutation line or None)."""
    for i in range(anchor, min(limit, anchor + 40)):
        match = SALUTATION_RE.match(lines[i].text)
        if match:
            rest = lines[i].text[match.end() :].strip()
            if rest:
                return i, len(lines[i].text) - len(rest), i
            j = i + 1
            while j < limit and not lines[j].text:
                j += 1
            return j, 0, i
        if CLOSING_RE.match(lines[i].text):
            break
    i = anchor + 1
    in_label = False
    while i < limit:
        t = lines[i].text
        if not t:
            in_label = False
        elif SUBJECT_LABEL_RE.match(t) or in_label:
            in_label = not t.endswith(".")
        elif (len(t) >= 60 or (t.endswith(".") and len(t) > 25)) and not (
            EDOC_RE.search(t) or match_place_date(t) or re.match(r"^Ad\.?\s*\S+$", t)
        ):
            return i, 0, None
        i += 1
    return limit, 0, None


def _is_signature_start(lines: list[Line], i: int, limit: int) -> bool:
    t = lines[i].text
    if not t or len(t) > 60 or t.endswith("."):
        return False
    if OFFICE_RE.match(t) or t.isupper():
        for j in range(i + 1, min(limit, i + 4)):
            if is_person_line(lines[j].text) or SIGNATURE_MARKER_RE.match(lines[j].text):
                return True
    if LEADING_MARKER_RE.match(t) and is_person_line(t):
        return True
    # No closing formula: a councillor's own letter ends with the name over the office ("Jan Nowak" /
    # "Radny Rady Miasta"), possibly several names one a line; only among the last lines of the letter.
    if not is_person_line(t):
        return False
    tail = [line.text for line in lines[i + 1 : limit] if line.text]
    tail = tail[
        : next((k for k, x in enumerate(tail) if CC_RE.match(x) or ATTACHMENT_RE.match(x)), len(tail))
    ]
    if len(tail) > 8:
        return False
    following = [x for x in tail if not SIGNATURE_MARKER_RE.match(x) and not is_person_line(x)]
    return bool(following) and bool(OFFICE_RE.match(following[0]))


def _parse_letter(
    text: str, lines: list[Line], first: int, anchor: int, limit: int
) -> tuple[int, Record] | None:
    body_first, skip, salutation = _body_start(lines, anchor, limit)
    # Body end: the closing formula, a signature block, copies-to, attachments or the next letter.
    closing = None
    i = body_first
    while i < limit:
        t = lines[i].text
        closing_formula = CLOSING_RE.match(t) and i > body_first and (len(t) <= 80 or not AUTH_RE.match(t))
        if closing_formula or CC_RE.match(t) or (ATTACHMENT_RE.match(t) and i > body_first):
            closing = i
            break
        if i > body_first and _is_signature_start(lines, i, limit):
            closing = i
            break
        i += 1
    body_last = (closing if closing is not None else limit) - 1
    while body_last >= body_first and (
        not lines[body_last].text
        or PAGE_NUMBER_RE.match(lines[body_last].text)
        or is_letterhead(lines[body_last].text)
    ):
        body_last -= 1
    skip_chars = 0
    if skip:
        raw = text[lines[body_first].start : lines[body_first].end]
        parts = raw.split()
        if skip < len(parts):
            skip_chars = raw.find(parts[skip], len(" ".join(parts[:skip])) - 1) - (
                len(raw) - len(raw.lstrip())
            )
    body = span_text(text, lines, body_first, body_last, skip_chars) if body_first < limit else None
    # Signature block after the body.
    sig_first = closing if closing is not None else limit
    sig_last = sig_first - 1
    signature: list[Line] = []
    j = sig_first
    while j < limit and j < sig_first + 12:
        t = lines[j].text
        if j > sig_first and (
            CC_RE.match(t)
            or FOOTNOTE_RE.match(t)
            or is_letterhead(t)
            or ATTACHMENT_RE.search(t)
            or (len(t) > 80)
        ):
            break
        if t:
            signature.append(lines[j])
            sig_last = j
        j += 1
    header = lines[first:body_first]
    record = _fill(text, lines, header, anchor, salutation, body, signature, first, body_first)
    return max(sig_last, body_last, anchor), record


def _fill(
    text: str,
    lines: list[Line],
    header: list[Line],
    anchor: int,
    salutation: int | None,
    body: str | None,
    signature: list[Line],
    first: int,
    body_first: int,
) -> Record:
    anchor_line = _raw(text, lines[anchor])
    match = match_place_date(anchor_line)
    header_text = "\n".join(line.text for line in header)
    title = next((line.text for line in header if _TITLE_RE.match(line.text) and line.index != anchor), None)
    subject_lines = _subject_label(header)
    role, kind = role_of_letter(title, subject_lines, body or "", signature_text(signature), header_text)
    record = new_record(role)
    record["document_kind"] = kind
    if match:
        record["place"] = match["place"]
        dates = find_dates(match["rest"])
        if dates and dates[0][2][0] <= 8:
            record["date"] = dates[0][0].isoformat()
            record["date_raw"] = dates[0][1]
        else:
            record["date_raw"] = match.string[match.start("place") :].strip()
    record["case_sign"] = _own_sign(header)
    edocs = [e for line in header for e, _span in find_edoc_ids(line.text)]
    record["edoc_id"] = edocs[0] if edocs else None
    if title and not title.lower().startswith("odpowied"):
        record["title"] = title
    record["body"] = body
    name, office = signature_of(signature, header, body or "")
    respondent = next((m["value"] for line in header if (m := _RESPONDENT_RE.match(line.text))), None)
    if respondent and not name:
        name, office = split_respondent(respondent)
    signers = set(name if isinstance(name, list) else [name] if name else [])
    record["addressee"] = _addressee(header, anchor, salutation, lines, body or "", signers)
    record["signatory"] = name
    record["signatory_office"] = office
    subject = None
    if title:
        subject = subject_after(title)
    if not subject and subject_lines:
        # "Temat:" names the matter itself; "Dotyczy:" often only the interpellation ("…nr 16231 w sprawie …").
        labelled = sorted(subject_lines.split("\n"), key=lambda s: not s.lower().startswith("temat"))
        subject = next((found for s in labelled if (found := subject_after(s, label=True))), None)
    if not subject:
        for line in header:
            if line.text.lower().startswith("w sprawie"):
                subject = subject_after(line.text)
                break
    # A notice that the answer will come later still names the interpellation it concerns.
    if role == "answer" or (kind or "").startswith("zawiadomienie"):
        ref = answer_reference(
            "\n\n".join([*subject_lines.split("\n"), *title_or_empty(header).split("\n"), (body or "")[:700]])
        )
        if not subject:
            subject = ref.get("subject")
        elif not ref.get("subject"):
            ref["subject"] = subject
        if not ref.get("author") and record["addressee"] and re.search(r"\bRadn", record["addressee"]):
            ref["author"] = record["addressee"].split(",")[0]
        record["answers_ref"] = ref
    elif role in ("interpellation", "question", "motion") and (
        name and (office is None or re.search(r"radn|klub", office, re.IGNORECASE))
    ):
        record["author"] = name
    record["subject"] = subject
    return record


def title_or_empty(header: list[Line]) -> str:
    """The header lines naming the document ("Odpowiedź na interpelację nr 18382"), joined."""
    return "\n".join(
        line.text for line in header if _TITLE_RE.match(line.text) or line.text.startswith("w sprawie")
    )


def signature_text(signature: list[Line]) -> str:
    """The signature block as one string."""
    return "\n".join(line.text for line in signature)


def _subject_label(header: list[Line]) -> str:
    out: list[str] = []
    active = False
    for line in header:
        t = line.text
        if SUBJECT_LABEL_RE.match(t):
            out.append(t)
            active = not t.endswith(".")
        elif (
            active
            and t
            and not SALUTATION_RE.match(t)
            and t not in ("Pan", "Pani")
            and not SUBJECT_LABEL_RE.match(t)
        ):
            out[-1] += " " + t
            active = not t.endswith(".")
        else:
            active = False
    return "\n".join(out)


def _own_sign(header: list[Line]) -> str | None:
    for line in header:
        t = line.text
        if (
            SUBJECT_LABEL_RE.match(t)
            or re.search(r"interpelac|zapytani|\(znak", t, re.IGNORECASE)
            and not (t.lower().startswith("odpowiedź"))
        ):
            continue
        signs = find_case_signs(t)
        if signs:
            return signs[0][0]
    return None


def _addressee(
    header: list[Line], anchor: int, salutation: int | None, lines: list[Line], body: str, signers: set[str]
) -> str | None:
    """The address block: a name with its office, or an office alone ("Pan / Prezydent Miasta Lublin").

    Blocks right of or below the place/date line come first; a block naming the signatory is the sender's."""
    ordered = [h for h in header if h.index > anchor] + [h for h in header if h.index < anchor]
    for pos, line in enumerate(ordered):
        t = line.text
        prefixed = _ADDRESSEE_PREFIX_RE.match(t)
        rest = t[prefixed.end() :] if prefixed else t
        after = [h.text for h in ordered[pos + 1 : pos + 6] if h.index > line.index]
        name_line: str | None
        if prefixed and not rest and after and looks_like_person(after[0]):
            name_line, office_lines = after[0], after[1:]
        elif prefixed and not rest and after and OFFICE_RE.match(after[0]):
            name_line, office_lines = None, after
        elif looks_like_person(rest) and (
            prefixed or (after and any(OFFICE_RE.match(a) for a in after[:2] if a))
        ):
            name_line, office_lines = rest, after
        else:
            continue
        name = person_from_line(name_line) if name_line else None
        if name and name in signers:
            continue
        office = _office_block(office_lines)
        if name is None:
            if not office:
                continue
            return title_office(" ".join(office))
        return name + (", " + title_office(" ".join(office)) if office else "")
    # An office alone right below the place/date line, without "Pan" ("Prezydent Miasta Lublin" / street).
    below = [h.text for h in header if h.index > anchor and h.text]
    if below and OFFICE_RE.match(below[0]) and not looks_like_person(below[0]):
        office = _office_block(below)
        if office:
            return title_office(" ".join(office))
    if salutation is not None:
        vocative = lines[salutation].text
        # Ministers answer a deputy's interpellation through the Marshal of the Sejm; a voivodeship or
        # county marshal is addressed the same way, so the letter must name the Sejm or its sign.
        if re.search(r"Panie\s+Marszałku", vocative) and _SEJM_RE.search(
            body + "\n" + "\n".join(h.text for h in header)
        ):
            return "Marszałek Sejmu"
    return None


_SEJM_RE = re.compile(
    r"\bSejm\w*|\binterpelac\w*\s+posel\w*|\bposel\w*\s+interpelac|\bK\d{1,2}INT\d|"
    r"\binterpelac\w*\s+(?:(?:nr\.?|numer)\s*\S+\s+)?(?:Pana\s+|Pani\s+)?Pos[łl]"
)
# The postal address under an addressee's office: a street with its number, a postcode line.
_ADDRESS_LINE_RE = re.compile(r"\d+[a-zA-Z]?(?:/\d+)?$|^\d{2}-\d{3}\b|^(?:ul|al|pl|os)\.\s")


def _office_block(office_lines: list[str]) -> list[str]:
    office: list[str] = []
    for o in office_lines:
        if not o:
            if office:
                break
            continue
        if CC_RE.match(o) or SUBJECT_LABEL_RE.match(o) or SALUTATION_RE.match(o) or _TITLE_RE.match(o):
            break
        if find_case_signs(o) or len(o) > 70 or _ADDRESS_LINE_RE.search(o) or is_letterhead(o):
            break
        office.append(o)
    return office
