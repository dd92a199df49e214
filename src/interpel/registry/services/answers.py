"""Answers: recording one (covering one or more inquiries) and correcting it; both keep the inquiries' state."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import Min
from django.db.models.signals import m2m_changed
from django.utils import timezone

from interpel.errors import InvalidData

from ..models import Answer, AnswerKind, Inquiry, Person
from ..models.inquiries import FINAL_ANSWER_KINDS
from .batch import atomic, cached_department
from .events import record_event
from .inquiries import apply_case_sign
from .people import find_or_create_person


@atomic
def answer(
    inquiries: Sequence[Inquiry],
    *,
    kind: str = AnswerKind.ANSWER,
    answered_on: date | None,
    text: str = "",
    subject: str = "",
    signatory: Person | str | None = None,
    signatory_office: str = "",
    case_sign: str = "",
    edoc_id: str = "",
    is_imported: bool = False,
    warnings: Sequence[str] = (),
    source: str = "",
    link_confidence: float | None = None,
    link_method: str = "",
    by: Any = None,
    by_name: str = "",
) -> Answer:
    """Record an answer covering one or more inquiries; a final answer stops their clocks.

    An answer dated before its inquiry was filed is refused, unless it is imported data: then it is kept as published
    with a warning on the record, because silently fixing someone else's register would hide the error.
    """
    if not inquiries:
        raise InvalidData("Odpowiedź musi dotyczyć co najmniej jednej interpelacji lub zapytania.")
    warnings = list(warnings)
    for inquiry in inquiries:
        if answered_on and inquiry.filed_on and answered_on < inquiry.filed_on:
            message = (
                f"Odpowiedź z {answered_on:%d.%m.%Y} jest wcześniejsza niż złożenie "
                f"{inquiry} ({inquiry.filed_on:%d.%m.%Y})."
            )
            if not is_imported:
                raise InvalidData(message)
            warnings.append(message)
    body = inquiries[0].body
    record = Answer(
        kind=kind,
        answered_on=answered_on,
        text=text,
        subject=subject,
        signatory_office=signatory_office.strip(),
        edoc_id=edoc_id.strip(),
        is_imported=is_imported,
        warnings=warnings,
        source=source,
        link_confidence=link_confidence,
        link_method=link_method,
        published_at=timezone.now(),
        entered_by=by if getattr(by, "is_authenticated", False) else None,
        entered_by_name=by_name,
    )
    if isinstance(signatory, str) and signatory.strip():
        # The name is kept as the document spells it; the person is found through aliases (Krystian/Krzysztof).
        record.signatory_name = signatory.strip()
        record.signatory = find_or_create_person(
            signatory, body=body, office=signatory_office, role="executive"
        )
    elif isinstance(signatory, Person):
        record.signatory = signatory
        record.signatory_name = signatory.name
    apply_case_sign(record, case_sign)
    if record.case_department:
        record.department = cached_department(body, record.case_department)
    record.save()
    _add_inquiries(record, inquiries)
    for inquiry in inquiries:
        fields = []
        if kind in FINAL_ANSWER_KINDS and not inquiry.is_answered:
            # Registers such as Kraków's say an answer was given without saying when: answered, date unknown.
            inquiry.is_answered = True
            fields += ["is_answered"]
        if (
            kind in FINAL_ANSWER_KINDS
            and answered_on
            and (inquiry.answered_on is None or answered_on < inquiry.answered_on)
        ):
            inquiry.answered_on = answered_on
            fields += ["answered_on"]
            if inquiry.filed_on and answered_on < inquiry.filed_on:
                # Only imported answers get here (checked above): the inquiry now carries imported data too.
                inquiry.is_imported = True
                inquiry.warnings = [*inquiry.warnings, *warnings]
                fields += ["is_imported", "warnings"]
        if fields:
            inquiry.save(update_fields=[*fields, "updated_at"])
        record_event(kind, inquiry=inquiry, answer=record, by=by, by_name=by_name, on=answered_on)
    return record


def _add_inquiries(record: Answer, inquiries: Sequence[Inquiry]) -> None:
    """`record.inquiries.add(*inquiries)` for a new answer: it has no links yet, so none is read before inserting."""
    through = Answer.inquiries.through
    pks = list(dict.fromkeys(i.pk for i in inquiries))
    signal = {
        "sender": through,
        "instance": record,
        "reverse": False,
        "model": Inquiry,
        "using": record._state.db,
    }
    m2m_changed.send(action="pre_add", pk_set=set(pks), **signal)
    through.objects.bulk_create([through(answer_id=record.pk, inquiry_id=pk) for pk in pks])
    m2m_changed.send(action="post_add", pk_set=set(pks), **signal)


# Fields of an answer a correction or a re-import may change; anything else has its own service.
ANSWER_FIELDS = {
    "kind",
    "answered_on",
    "text",
    "subject",
    "signatory_office",
    "warnings",
    "is_imported",
    "edoc_id",
    "source",
}


@atomic
def update_answer(
    record: Answer, *, signatory: Person | None = None, by: Any = None, by_name: str = "", **values: Any
) -> dict[str, tuple[Any, Any]]:
    """Correct an answer (or refresh it from its source), log what changed, and keep its inquiries' state right."""
    unknown = set(values) - ANSWER_FIELDS
    if unknown:
        raise InvalidData(f"Nie można zmienić pól odpowiedzi: {', '.join(sorted(unknown))}")
    diff: dict[str, tuple[Any, Any]] = {}
    for field, new in values.items():
        old = getattr(record, field)
        if old != new:
            diff[field] = (old, new)
            setattr(record, field, new)
    if signatory is not None and record.signatory_id != signatory.pk:
        diff["signatory"] = (record.signatory_name, signatory.name)
        record.signatory = signatory
        record.signatory_name = signatory.name
    if not diff:
        return diff
    record.save()
    if {"kind", "answered_on"} & diff.keys():
        for inquiry in record.inquiries.all():
            refresh_answer_state(inquiry)
    logged = dict(diff)
    if "text" in logged:
        logged["text"] = ("…", "…")  # the log says the text changed; both versions would bloat it
    record_event("updated", answer=record, by=by, by_name=by_name, changes=logged)
    return diff


def refresh_answer_state(inquiry: Inquiry) -> None:
    """Recompute whether and when the inquiry was first finally answered, from its answers."""
    final = inquiry.answers.filter(kind__in=FINAL_ANSWER_KINDS)
    first = final.aggregate(first=Min("answered_on"))["first"]
    answered = final.exists()
    if (first, answered) != (inquiry.answered_on, inquiry.is_answered):
        Inquiry.objects.filter(pk=inquiry.pk).update(answered_on=first, is_answered=answered)
        inquiry.answered_on, inquiry.is_answered = first, answered
