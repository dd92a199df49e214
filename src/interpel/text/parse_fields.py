"""Field phrases shared by letters and portal pages: subject, role and the reference to the inquiry answered."""

from __future__ import annotations

import re
from typing import Any

from interpel.text.dates import find_dates
from interpel.text.names import find_person, is_first_name
from interpel.text.segment import Line, Record, span_text
from interpel.text.signs import SEJM_SIGN_RE, find_case_signs

Found = tuple[int, int, Record]

_SUBJECT_START_RE = re.compile(
    r"(?:\bw\s+sprawie|\bws\.|\bw/s|\bdot\.|\bdotycz(?:ąc[aąeyj]+|y)|\bTemat\s*:|\bprośb[ęa]\s+o)\s*:?\s*",
    re.IGNORECASE,
)
# Where the subject phrase ends: the verb of the answer's first sentence ("..., informuję, że"), a relative
# clause about receipt (", która wpłynęła"), an attachment note "(zał. nr 1)" or the end of the sentence.
_ABBREVIATIONS = (
    r"(?<!\bul)(?<!\bal)(?<!\bpl)(?<!\bnr)(?<!\bNr)(?<!\bos)(?<!\bust)(?<!\bart)(?<!\bim)(?<!\bks)"
    r"(?<!\bdr)(?<!\bśw)(?<!\bpkt)(?<!\bm)(?<!\bin)(?<!\bds)(?<!\bzm)(?<!\bpoz)(?<!\btj)(?<!\bgm)"
)
# An office as the subject of the answer's first sentence ("…w sprawie X Minister Zdrowia informuje",
# "…Burmistrz Miasta wyjaśnia") also ends the phrase; so does the future or past tense of a notice that the
# answer comes later ("…w sprawie X zostanie udzielona w terminie późniejszym"), unless a relative clause
# ("…inwestycji, które zostaną") belongs to the subject.
_OFFICE_SUBJECT = (
    r"(?:Minister|Prezydent|Burmistrz|Wójt|Starosta|Marszałek|Wojewoda|Zarząd|Prezes|Dyrektor)"
    r"(?:\s+[A-ZĄĆĘŁŃÓŚŹŻ][\wąćęłńóśźż]*)+\s+(?:uprzejmie\s+|niniejszym\s+)?"
    r"(?:informuj|przedstawia|wyjaśnia|odpowiada|przekazuj|udziela)"
)
_SUBJECT_END_RE = re.compile(
    r",?\s+(?:uprzejmie\s+|niniejszym\s+)?(?:informuj\w*|przedstawiam\w*|przesyłam\w*|wyjaśniam\w*|proszę|"
    r"przekazuję|odpowiadam|potwierdzam\w*|uprzejmie|pragnę|wyjaśnia\w*)\b"
    rf"|,?\s+{_OFFICE_SUBJECT}"
    r"|(?<!któr[aey])(?<!którzy)(?<!któr[aey],)\s+(?:zostanie|zostaną|będzie|będą|została|zostało|zostały)\b"
    r"|,\s*któr[aey]\s+(?:wpłynęł|został)"
    r"|\s*\(\s*zał\."
    r"|\s*\(\s*znak\b"
    rf"|{_ABBREVIATIONS}\.\s+(?=[A-ZĄĆĘŁŃÓŚŹŻ])"
    r"|\.?\s*$"
)
_NOT_SUBJECT_RE = re.compile(r"^(?:odpowiedzi|interpelacji|zapytania|pisma|wniosku)\b", re.IGNORECASE)


def _flat(text: str) -> str:
    return " ".join(text.split())


def subject_after(text: str, label: bool = False) -> str | None:
    """The "w sprawie …" / "dot. …" / "Temat: …" phrase without its lead-in; None when there is none."""
    flat = _flat(text)
    match = _SUBJECT_START_RE.search(flat)
    if match is None:
        return None
    rest = flat[match.end() :]
    lead = match.group(0).strip().lower()
    if lead.startswith(("dot", "temat")):
        inner = _SUBJECT_START_RE.match(rest)
        if inner and inner.group(0).strip().lower().startswith("w sprawie"):
            rest = rest[inner.end() :]
        elif _NOT_SUBJECT_RE.match(rest):
            inner_search = re.search(r"\bw\s+sprawie\s+", rest)
            if inner_search is None:
                return None
            rest = rest[inner_search.end() :]
    end = _SUBJECT_END_RE.search(rest)
    subject = rest[: end.start()] if end else rest
    subject = subject.strip(' ,;:."„”').strip()
    if subject.startswith("(") and subject.endswith(")"):
        subject = subject[1:-1].strip(" .")
    return subject[:400] or None


_ANSWER_OPENERS_RE = re.compile(
    r"^\W*(?:w\s+odpowiedzi\s+na|odpowiadając|w\s+nawiązaniu\s+do\s+(?:\w+\s+){0,2}(?:interpelac|zapytani|pism)|"
    r"przekazuję\s+odpowiedź|w\s+związku\s+z\s+(?:\w+\s+){0,2}(?:interpelacj|zapytani)|"
    r"(?:uprzejmie\s+)?informuję,?\s+że\s+(?:w\s+odpowiedzi|odpowiadając))",
    re.IGNORECASE,
)


# A notice that the answer will come later ("odpowiedź … zostanie udzielona w terminie późniejszym",
# "przedłużenie terminu udzielenia odpowiedzi") is no answer: the register must keep the inquiry open.
_DELAY_RE = re.compile(
    r"(?:zostanie|będzie)\s+(?:\w+\s+){0,2}udzielon\w*\s+(?:w\s+(?:\w+\s+)?(?:późniejsz|przedłużon)|"
    r"(?:w\s+terminie\s+)?do\s+dnia|niezwłocznie\s+po|po\s+(?:uzyskaniu|otrzymaniu|zakończeniu))"
    r"|przedłuż\w*\s+(?:\w+\s+){0,2}termin\w*\s+(?:\w+\s+){0,2}odpowiedzi"
    r"|termin\w*\s+(?:udzielenia\s+)?odpowiedzi\s+(?:\w+\s+){0,4}(?:przedłuż|ulegnie\s+wydłużeniu)"
    r"|nie\s+(?:jest\s+)?(?:możliwe|mogę|jestem\s+w\s+stanie)\s+(?:\w+\s+){0,2}udziel\w*\s+odpowiedzi"
    r"\s+w\s+(?:ustawowym|wymaganym|przewidzianym|terminie)",
    re.IGNORECASE,
)
DELAY_KIND = "zawiadomienie o przedłużeniu terminu odpowiedzi"


def role_of_letter(
    title: str | None, subject_lines: str, body: str, signature: str, header: str
) -> tuple[str, str | None]:
    """(role, document kind) of a letter from its title, "Dotyczy" line, first sentence and signature."""
    sejm = bool(re.search(r"\bPos[łl](?:a|owi|anki|anka)\b|\bSejm", header + " " + body[:600]))
    ref_text = (title or "") + " " + subject_lines + " " + body[:300]
    answered = (
        "zapytanie"
        if re.search(r"zapytani", ref_text) and not re.search(r"interpelac", ref_text)
        else "interpelację"
    )
    answer_kind = "odpowiedź na " + answered + (" poselską" if sejm and answered == "interpelację" else "")
    if _DELAY_RE.search(_flat(body[:600])) or re.search(r"przedłużeni\w+\s+terminu", title or ""):
        return "other_letter", DELAY_KIND
    if title:
        word = title.split()[0].lower()
        if word.startswith("odpowied"):
            return "answer", answer_kind
        if word == "interpelacja":
            return "interpellation", "interpelacja"
        if word == "zapytanie":
            return "question", "zapytanie"
        if word == "wniosek":
            return "motion", "wniosek"
    if re.search(
        r"^(?:Dotyczy|Dot\.)\s*:?\s*(?:odpowiedzi|interpelacji|zapytania)",
        subject_lines,
        re.IGNORECASE | re.M,
    ):
        return "answer", answer_kind
    if _ANSWER_OPENERS_RE.search(body[:300]) or re.search(
        r"\bw\s+odpowiedzi\s+na\s+(?:\w+\s+)?(?:interpelac|zapytani)", body[:250], re.IGNORECASE
    ):
        return "answer", answer_kind
    if re.search(r"\bradn[yai]\b", signature, re.IGNORECASE):
        if re.search(r"zapytani", body[:300], re.IGNORECASE) and not re.search(
            r"interpelac", body[:300], re.I
        ):
            return "question", "zapytanie"
        return "interpellation", "interpelacja"
    if re.search(r"^Odpowied", header, re.M):
        return "answer", answer_kind
    # A ministry or mayor citing the inquiry in the first paragraph ("…pytania postawione w interpelacji nr …").
    if re.search(r"interpelac|zapytani", body[:400], re.IGNORECASE) and re.search(
        r"odpowied|informuj|przedstawiam|przekazuj|wyjaśni", body[:600], re.IGNORECASE
    ):
        return "answer", answer_kind
    return "other_letter", None


_SENTENCE_SPLIT_RE = re.compile(rf"{_ABBREVIATIONS}(?<!\d)(?<!\br)\.\s+(?=[A-ZĄĆĘŁŃÓŚŹŻ])")
_REF_DATE_LEAD_RE = re.compile(r"(?:\bz\s+dnia|\bz\s+dn\.|\bz|\bw\s+dniu|\bdnia|\bzgłoszon\w+\s+dnia)\s*$")
_NUMBER_RE = re.compile(
    r"(?:\bnr\.?|\bnumer)\s*(\d{1,6})(?![\d/.,]\d)|\b(?:interpelacj\w+|zapytani\w+)\s+(\d{3,6})\b"
)
_AUTHOR_LEAD_RE = re.compile(r"\b(?:Posła|posła|Posłanki|posłanki|Radnego|radnego|Radnej|radnej|Pana|Pani)\b")


_INQUIRY_WORD_RE = re.compile(r"\b(?:interpelac|zapytani|wnios|interwencj|pism|wystąpieni)\w*", re.IGNORECASE)


def _names_inquiry(before: str) -> bool:
    """The date is the inquiry's own ("interpelację nr 87/2024 z dnia …", "Dotyczy: pisma z …"), not one of the
    dates the sentence merely mentions ("…od dnia 9 czerwca", "…ustawy z dnia 11 marca 2022 r.")."""
    words = list(_INQUIRY_WORD_RE.finditer(before))
    if not words:
        return False
    gap = before[words[-1].end() :]
    return len(gap) <= 90 and not re.search(r"w\s+sprawie|\bustaw|\brozporządz|;|\.\s+[A-ZĄĆĘŁŃÓŚŹŻ]", gap)


def reference_sentences(text: str) -> list[str]:
    """Sentences that name the inquiry answered ("…na interpelację nr 17357 Pana … z 26 maja 2026 r. w sprawie …")."""
    out = []
    for chunk in re.split(r"\n\s*\n", text):
        for sentence in _SENTENCE_SPLIT_RE.split(_flat(chunk)):
            if re.search(r"interpelac|zapytani|interwencj", sentence, re.IGNORECASE):
                out.append(sentence)
    return out


def answer_reference(text: str) -> dict[str, Any]:
    """The inquiry an answer names in its own words: number, sign, date, author, subject."""
    ref: dict[str, Any] = {
        "date": None,
        "date_raw": None,
        "subject": None,
        "case_sign": None,
        "number": None,
        "author": None,
        "ref_source": "answer_text",
    }
    for sentence in reference_sentences(text):
        if ref["case_sign"] is None:
            sejm = SEJM_SIGN_RE.search(sentence)
            if sejm:
                ref["case_sign"] = sejm.group(0)
                ref["number"] = ref["number"] or sejm["number"]
            else:
                cited = re.search(r"\bznak\s*:?\s*(\S+)", sentence)
                signs = find_case_signs(cited.group(1)) if cited else []
                if signs:
                    ref["case_sign"] = signs[0][0]
        if ref["number"] is None:
            number = _NUMBER_RE.search(sentence)
            if number:
                ref["number"] = number.group(1) or number.group(2)
        if ref["date"] is None:
            for value, raw, (start, _end) in find_dates(sentence):
                if _REF_DATE_LEAD_RE.search(sentence[:start]) and _names_inquiry(sentence[:start]):
                    ref["date"], ref["date_raw"] = value.isoformat(), raw
                    break
        if ref["author"] is None:
            lead = _AUTHOR_LEAD_RE.search(sentence)
            if lead:
                ref["author"] = find_person(sentence[lead.start() :], case="gen")
        if ref["subject"] is None:
            ref["subject"] = subject_after(sentence)
    return ref


ROLE_STEMS = {"interpelac": "interpellation", "zapytani": "question", "wnios": "motion"}
KIND_OF_ROLE = {"interpellation": "interpelacja", "question": "zapytanie", "motion": "wniosek"}


def role_of_word(word: str) -> str:
    """The role named by a word ("Interpelacja", "zapytanie", "wniosek"); interpellation by default."""
    word = word.lower()
    return next((role for stem, role in ROLE_STEMS.items() if word.startswith(stem)), "interpellation")


def first_date(raw: str) -> tuple[str | None, str | None]:
    """(ISO date, raw form) of the first date in a string."""
    dates = find_dates(raw)
    return (dates[0][0].isoformat(), dates[0][1]) if dates else (None, None)


def split_names(value: str) -> list[str]:
    """ "Michał Chrzan Stanisław Biernat" or "A B, C D" -> one name each (a first name opens a new person)."""
    words = [w for w in re.split(r"[\s,;]+", value) if w and w not in {"i", "oraz"}]
    people: list[list[str]] = []
    for word in words:
        if not people or (is_first_name(word) and len(people[-1]) >= 2):
            people.append([word])
        else:
            people[-1].append(word)
    return [" ".join(p) for p in people if len(p) >= 2]


def authors_of(value: str) -> str | list[str] | None:
    """One author as a string, several as a list."""
    names = split_names(value)
    if not names:
        return None
    return names[0] if len(names) == 1 else names


def claimed(found: list[Found], i: int) -> bool:
    """True when line i already belongs to a record."""
    return any(a <= i <= b for a, b, _r in found)


def body_until(
    text: str, lines: list[Line], start: int, last: int, stop: re.Pattern[str] | None = None
) -> tuple[str | None, int]:
    """The original text from line `start` to the last non-empty line before `stop` (or `last`)."""
    if start > last:  # a heading with nothing under it (a page cut right after "Interpelacja dotyczy:")
        return None, last
    end = start
    i = start
    while i <= last:
        t = lines[i].text
        if stop is not None and stop.match(t):
            break
        if t:
            end = i
        i += 1
    return span_text(text, lines, start, end), end
