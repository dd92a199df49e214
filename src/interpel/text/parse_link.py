"""Links each answer to the inquiry it answers when both are in the same file (page structure)."""

from __future__ import annotations

from interpel.text.segment import Record
from interpel.text.signs import CASE_SIGN_RE

_INQUIRY_ROLES = ("interpellation", "question", "motion")
_EXECUTIVES = ("Prezydent", "Burmistrz", "Wójt", "Starosta", "Marszałek", "Zarząd")


def _target(answer: Record, position: int, records: list[Record]) -> Record | None:
    ref = answer.get("answers_ref") or {}
    inquiries = [(i, r) for i, r in enumerate(records) if r["role"] in _INQUIRY_ROLES]
    if not inquiries:
        return None
    for key, field in (("number", "document_number"), ("case_sign", "case_sign")):
        if ref.get(key):
            for _i, record in inquiries:
                if record.get(field) == ref[key]:
                    return record
    kind = (answer.get("document_kind") or "").replace("odpowiedź na ", "")
    if kind.startswith("zapytanie"):
        wanted = "question"
    elif kind.startswith("interpelac"):
        wanted = "interpellation"
    else:
        wanted = ""
    preferred = [(i, r) for i, r in inquiries if r["role"] == wanted] or inquiries
    before = [(i, r) for i, r in preferred if i < position]
    if kind.startswith("interpelację i") and preferred:
        return preferred[0][1]
    return (before[-1] if before else preferred[0])[1]


def link_answers(records: list[Record]) -> None:
    """Fills answers_ref (date, subject, author) from the answered inquiry found in the same file."""
    for position, answer in enumerate(records):
        if answer["role"] != "answer":
            continue
        ref = answer.get("answers_ref")
        if ref is None:
            ref = answer["answers_ref"] = {"date": None, "subject": None, "ref_source": "page_structure"}
        inquiry = _target(answer, position, records)
        if inquiry is None:
            if (
                not answer.get("case_sign")
                and ref.get("case_sign")
                and CASE_SIGN_RE.fullmatch(ref["case_sign"])
            ):
                answer["case_sign"] = ref["case_sign"]
            continue
        if inquiry.get("subject"):
            ref["subject"] = inquiry["subject"]
        if not ref.get("date") and inquiry.get("date"):
            ref["date"], ref["date_raw"] = inquiry["date"], inquiry.get("date_raw")
        if not ref.get("author") and inquiry.get("author"):
            ref["author"] = inquiry["author"]
        if inquiry.get("document_number") and not ref.get("number"):
            ref["number"] = inquiry["document_number"]
        # One case, one JRWA sign: an answer filed without its own sign carries the inquiry's case sign.
        sign = ref.get("case_sign") or inquiry.get("case_sign")
        if not answer.get("case_sign") and sign and CASE_SIGN_RE.fullmatch(sign):
            answer["case_sign"] = sign
            ref["case_sign"] = sign
        # A letter answering a councillor is addressed to the author when it prints no address block.
        if answer.get("place") and not answer.get("addressee") and isinstance(inquiry.get("author"), str):
            answer["addressee"] = inquiry["author"]
        office = answer.get("signatory_office") or ""
        if not inquiry.get("addressee") and office.startswith(_EXECUTIVES):
            inquiry["addressee"] = office
