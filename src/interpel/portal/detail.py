"""Everything the inquiry page shows: question and answers, timeline, follow-ups, documents, BIP publication record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from interpel.law.status import Status
from interpel.registry.models import Answer, Document, Event, Inquiry, Person
from interpel.registry.selectors import status_of

try:  # similar inquiries come from the search app when it is installed
    from interpel.search.similar import similar_inquiries
except ImportError:  # pragma: no cover - depends on which apps are installed
    similar_inquiries = None  # type: ignore[assignment]

# What a link to another inquiry shows (its str() and date): never its long text.
LINKED = ("id", "kind", "number", "subject", "filed_on", "is_published", "repeats_id")
CHAIN_LIMIT = 20  # a chain of repeated interpellations longer than this is not followed further
SIMILAR_LIMIT = 5

# What each Event.action means, for the timeline and the change history.
ACTIONS = {
    "filed": _("złożono"),
    "received": _("otrzymał organ wykonawczy (początek biegu terminu)"),
    "answer": _("odpowiedź"),
    "partial": _("odpowiedź częściowa"),
    "delay_notice": _("zawiadomienie o opóźnieniu (nie zmienia terminu)"),
    "redirect": _("przekazano według właściwości"),
    "refusal": _("odmowa udzielenia odpowiedzi"),
    "withdrawn": _("wycofano"),
    "published": _("opublikowano w BIP"),
    "updated": _("zmieniono dane"),
    "corrected": _("poprawiono opublikowaną treść"),
}


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    label: str
    note: str = ""
    is_due: bool = False
    answer_id: int | None = None


@dataclass(frozen=True)
class Change:
    at: datetime
    who: str
    what: str
    changes: tuple[tuple[str, Any, Any], ...]  # (field label, old, new)
    note: str


@dataclass(frozen=True)
class Publication:
    """The BIP metryczka of one record: who produced the information, who entered it, when, and what changed."""

    produced_by: str
    entered_by: str
    published_at: datetime | None
    created_at: datetime
    updated_at: datetime
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class AnswerView:
    answer: Answer
    documents: tuple[Document, ...]
    also_answers: tuple[Inquiry, ...]  # the other inquiries one answer covers
    publication: Publication


@dataclass(frozen=True)
class InquiryDetail:
    inquiry: Inquiry
    status: Status
    authors: tuple[Person, ...]
    answers: tuple[AnswerView, ...]
    documents: tuple[Document, ...]
    timeline: tuple[TimelineEntry, ...]
    chain: tuple[Inquiry, ...]  # oldest first; the inquiry itself included when it has follow-ups
    similar: tuple[Inquiry, ...]
    publication: Publication


def _who(event: Event) -> str:
    if event.actor_name:
        return event.actor_name
    return event.actor.get_username() if event.actor else ""


def _field_label(model: type[Inquiry] | type[Answer], name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a field since renamed or removed: show its name as recorded
        return name


def _changes(events: list[Event], model: type[Inquiry] | type[Answer]) -> tuple[Change, ...]:
    return tuple(
        Change(
            at=e.at,
            who=_who(e),
            what=str(ACTIONS.get(e.action, e.action)),
            changes=tuple(
                (_field_label(model, name), pair[0], pair[1])
                for name, pair in (e.changes or {}).items()
                if isinstance(pair, list | tuple) and len(pair) == 2
            ),
            note=e.note,
        )
        for e in events
    )


def _publication(record: Inquiry | Answer, produced_by: str, events: list[Event]) -> Publication:
    entered = record.entered_by_name or (record.entered_by.get_username() if record.entered_by else "")
    return Publication(
        produced_by=record.produced_by or produced_by,
        entered_by=entered,
        published_at=record.published_at,
        created_at=record.created_at,
        updated_at=record.updated_at,
        changes=_changes(events, type(record)),
    )


def _chain(inquiry: Inquiry) -> tuple[Inquiry, ...]:
    """Earlier inquiries this one repeats and the later ones that repeat it, oldest first."""
    seen = {inquiry.pk}
    before: list[Inquiry] = []
    current = inquiry
    while current.repeats_id and current.repeats_id not in seen and len(before) < CHAIN_LIMIT:
        current = Inquiry.objects.only(*LINKED).filter(is_published=True, pk=current.repeats_id).first()
        if current is None:
            break
        seen.add(current.pk)
        before.append(current)
    after: list[Inquiry] = []
    frontier = [inquiry.pk]
    while frontier and len(after) < CHAIN_LIMIT:
        # Only the repeats index in SQL (SQLite scans the table for an ORDER BY or a NOT IN beside it).
        later = (
            Inquiry.objects.only(*LINKED)
            .filter(is_published=True, repeats_id__in=frontier)
            .order_by()[: CHAIN_LIMIT * 2]
        )
        found = [i for i in later if i.pk not in seen][:CHAIN_LIMIT]
        seen.update(i.pk for i in found)
        after.extend(found)
        frontier = [i.pk for i in found]
    if not before and not after:
        return ()
    chain = [*reversed(before), inquiry, *after]
    return tuple(sorted(chain, key=lambda i: (i.filed_on or date.min, i.pk)))


def _similar(inquiry: Inquiry) -> tuple[Inquiry, ...]:
    """Inquiries most like this one, from the search app (nothing when it is not installed)."""
    if similar_inquiries is None:
        return ()
    ids = [int(hit.id) for hit in similar_inquiries(inquiry, limit=SIMILAR_LIMIT) if hit.id != inquiry.pk]
    by_id = Inquiry.objects.only(*LINKED).filter(is_published=True).in_bulk(ids)
    return tuple(by_id[pk] for pk in ids if pk in by_id)


def _timeline(inquiry: Inquiry, events: list[Event]) -> tuple[TimelineEntry, ...]:
    """Legal dates in order: filed, received, answers, notices, withdrawal; the due date placed among them."""
    entries = [
        TimelineEntry(e.on, str(ACTIONS.get(e.action, e.action)), e.note, answer_id=e.answer_id)
        for e in events
        if e.on is not None and e.action not in ("updated", "published")
    ]
    if inquiry.due_on:
        entries.append(TimelineEntry(inquiry.due_on, str(_("termin odpowiedzi")), is_due=True))
    return tuple(sorted(entries, key=lambda t: t.on))


def inquiry_detail(pk: int, today: date) -> InquiryDetail:
    """The published inquiry `pk` with all it shows; raises Inquiry.DoesNotExist for unknown or unpublished ones."""
    inquiry = Inquiry.objects.select_related("body", "term", "addressee", "repeats", "club").get(
        pk=pk, is_published=True
    )
    authors = tuple(a.person for a in inquiry.authorships.select_related("person"))
    answers = list(
        inquiry.answers.filter(is_published=True)
        .select_related("signatory", "department", "entered_by")
        .prefetch_related(
            Prefetch("documents", queryset=Document.objects.defer("text")),
            Prefetch("inquiries", queryset=Inquiry.objects.only(*LINKED)),
        )
        .order_by("answered_on", "pk")
    )
    events = list(
        Event.objects.filter(Q(inquiry=inquiry) | Q(answer__in=answers, inquiry__isnull=True))
        .select_related("actor")
        .order_by("at", "pk")
    )
    inquiry_events = [e for e in events if e.answer_id is None]
    answer_views = tuple(
        AnswerView(
            answer=a,
            documents=tuple(a.documents.all()),
            also_answers=tuple(i for i in a.inquiries.all() if i.pk != inquiry.pk and i.is_published),
            publication=_publication(
                a,
                ", ".join(x for x in (a.signatory_name, a.signatory_office) if x),
                [e for e in events if e.answer_id == a.pk],
            ),
        )
        for a in answers
    )
    return InquiryDetail(
        inquiry=inquiry,
        status=status_of(inquiry, today),
        authors=authors,
        answers=answer_views,
        documents=tuple(inquiry.documents.defer("text")),
        timeline=_timeline(inquiry, events),
        chain=_chain(inquiry),
        similar=_similar(inquiry),
        publication=_publication(inquiry, ", ".join(p.name for p in authors), inquiry_events),
    )


def downloadable(pk: int) -> Document:
    """A document whose inquiry or answer is published; raises Document.DoesNotExist otherwise."""
    return Document.objects.get(
        Q(inquiry__is_published=True) | Q(answer__is_published=True),
        pk=pk,
    )
