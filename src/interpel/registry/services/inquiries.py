"""Filing, receiving, answering, withdrawing and publishing inquiries: each validates, writes and logs an Event."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils import timezone

from interpel.errors import InvalidData
from interpel.law.deadlines import deadline as compute_deadline
from interpel.text.signs import parse_case_sign

from ..models import Answer, Body, Club, Inquiry, InquiryAuthor, Person, Term
from .batch import atomic, cached_department, cached_terms, term_in_force
from .events import record_event
from .people import find_or_create_person


def term_for(body: Body, day: date | None) -> Term | None:
    """The body's term in force on `day` (the latest term when the day is unknown)."""
    known = cached_terms(body)
    if known is not None:
        return term_in_force(known, day)
    terms = Term.objects.filter(body=body)
    if day is not None:
        terms = terms.filter(starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
    return terms.order_by("-starts_on").first()


def deadline_for(inquiry: Inquiry) -> tuple[date, str] | None:
    """Due date and its explanation under the term's (else the body's) rules, counted from receipt by the executive.

    When the date of receipt is not known the filing date is the best evidence, and the explanation says so.
    """
    start = inquiry.received_on or inquiry.filed_on
    if start is None:
        return None
    result = compute_deadline(start, inquiry.body.rule_set(inquiry.term))
    if inquiry.received_on is None:
        note = "Data otrzymania przez organ wykonawczy nieznana; liczono od daty złożenia. "
        return result.due_on, note + result.explanation
    return result.due_on, result.explanation


def apply_case_sign(obj: Inquiry | Answer, raw: str) -> None:
    obj.case_sign = raw.strip()
    parsed = parse_case_sign(raw) if raw.strip() else None
    obj.case_department = (parsed.department or "") if parsed else ""
    obj.case_class = (parsed.jrwa_class or "") if parsed else ""
    obj.case_number = (parsed.number or "") if parsed else ""
    obj.case_year = parsed.year if parsed else None


def _refresh_deadline(inquiry: Inquiry) -> None:
    due = deadline_for(inquiry)
    inquiry.due_on, inquiry.due_explanation = due if due else (None, "")


def _people(names: Iterable[Person | str], body: Body, role: str) -> list[Person]:
    return [p if isinstance(p, Person) else find_or_create_person(p, body=body, role=role) for p in names]


@atomic
def file_inquiry(
    *,
    body: Body,
    kind: str,
    subject: str,
    text: str = "",
    authors: Sequence[Person | str] = (),
    number: str = "",
    term: Term | None = None,
    filed_on: date | None = None,
    received_on: date | None = None,
    addressee: Person | str | None = None,
    case_sign: str = "",
    edoc_id: str = "",
    departments: Sequence[str] = (),
    repeats: Inquiry | None = None,
    club: Club | None = None,
    is_published: bool = True,
    is_imported: bool = False,
    warnings: Sequence[str] = (),
    source: str = "",
    by: Any = None,
    by_name: str = "",
) -> Inquiry:
    """Register a new inquiry with its authors, computing the due date and logging the filing."""
    if not subject.strip():
        raise InvalidData("Brak przedmiotu interpelacji lub zapytania.")
    warnings = list(warnings)
    if filed_on and received_on and received_on < filed_on:
        if not is_imported:
            raise InvalidData("Data otrzymania przez organ wykonawczy jest wcześniejsza niż data złożenia.")
        warnings.append("Data otrzymania wcześniejsza niż data złożenia (dane źródłowe).")
    inquiry = Inquiry(
        body=body,
        term=term or term_for(body, filed_on or received_on),
        kind=kind,
        number=number.strip(),
        subject=subject.strip(),
        text=text,
        filed_on=filed_on,
        received_on=received_on,
        edoc_id=edoc_id.strip(),
        repeats=repeats,
        club=club,
        is_published=is_published,
        published_at=timezone.now() if is_published else None,
        is_imported=is_imported,
        warnings=warnings,
        source=source,
        entered_by=by if getattr(by, "is_authenticated", False) else None,
        entered_by_name=by_name,
    )
    if isinstance(addressee, Person):
        inquiry.addressee = addressee
        inquiry.addressee_text = addressee.name
    elif addressee:
        inquiry.addressee_text = addressee
    apply_case_sign(inquiry, case_sign)
    _refresh_deadline(inquiry)
    inquiry.save()
    # The inquiry is new: its authors go in with one statement (a name given twice keeps its first position).
    positions: dict[int, InquiryAuthor] = {}
    for position, person in enumerate(_people(authors, body, "councillor")):
        positions.setdefault(person.pk, InquiryAuthor(inquiry=inquiry, person=person, position=position))
    InquiryAuthor.objects.bulk_create(positions.values())
    codes = list(departments) or ([inquiry.case_department] if inquiry.case_department else [])
    for code in codes:
        inquiry.departments.add(cached_department(body, code))
    record_event("filed", inquiry=inquiry, by=by, by_name=by_name, on=filed_on)
    if received_on:
        record_event("received", inquiry=inquiry, by=by, by_name=by_name, on=received_on)
    return inquiry


# Fields a service may change on an existing inquiry; anything else has its own service (answer, withdraw...).
EDITABLE = {
    "subject",
    "text",
    "number",
    "filed_on",
    "received_on",
    "addressee_text",
    "case_sign",
    "edoc_id",
    "kind",
    "is_published",
    "produced_by",
    "repeats",
}


@atomic
def update_inquiry(
    inquiry: Inquiry, *, by: Any = None, by_name: str = "", **changes: Any
) -> dict[str, tuple[Any, Any]]:
    """Change fields, recompute the deadline when a date moved, and log what changed from what to what."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise InvalidData(f"Nie można zmienić pól: {', '.join(sorted(unknown))}")
    diff: dict[str, tuple[Any, Any]] = {}
    for field, new in changes.items():
        old = inquiry.case_sign if field == "case_sign" else getattr(inquiry, field)
        if old == new:
            continue
        diff[field] = (old, new)
        if field == "case_sign":
            apply_case_sign(inquiry, new)
        else:
            setattr(inquiry, field, new)
    if not diff:
        return diff
    if {"filed_on", "received_on"} & diff.keys():
        old_due = inquiry.due_on
        _refresh_deadline(inquiry)
        if inquiry.due_on != old_due:
            diff["due_on"] = (old_due, inquiry.due_on)
    inquiry.save()
    record_event("updated", inquiry=inquiry, by=by, by_name=by_name, changes=diff)
    return diff


def receive(inquiry: Inquiry, received_on: date, *, by: Any = None) -> Inquiry:
    """Record receipt by the executive: this starts the statutory clock (art. 24 ust. 6 u.s.g.)."""
    update_inquiry(inquiry, by=by, received_on=received_on)
    return inquiry


@atomic
def withdraw(inquiry: Inquiry, *, on: date, by: Any = None, note: str = "") -> Inquiry:
    """The author withdraws the inquiry; its clock stops and it stays in the register as withdrawn."""
    if inquiry.filed_on and on < inquiry.filed_on:
        raise InvalidData("Data wycofania jest wcześniejsza niż data złożenia.")
    inquiry.is_withdrawn = True
    inquiry.withdrawn_on = on
    inquiry.save(update_fields=["is_withdrawn", "withdrawn_on", "updated_at"])
    record_event("withdrawn", inquiry=inquiry, by=by, on=on, note=note)
    return inquiry


@atomic
def publish(inquiry: Inquiry, *, by: Any = None, produced_by: str = "") -> Inquiry:
    """Publish in the BIP (art. 24 ust. 7 u.s.g.), recording who produced and who entered the information."""
    inquiry.is_published = True
    inquiry.published_at = timezone.now()
    if produced_by:
        inquiry.produced_by = produced_by
    if getattr(by, "is_authenticated", False):
        inquiry.entered_by = by
    inquiry.save()
    record_event("published", inquiry=inquiry, by=by)
    return inquiry
