"""Everything the inquiry page shows: question and answers, timeline, follow-ups, documents, BIP publication record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from interpel.law.status import Facts, Reply, Status, status_on
from interpel.registry.models import Answer, Department, Document, Event, Inquiry, InquiryAuthor, Person
from interpel.registry.prepared import placeholders
from interpel.registry.selectors import status_of

from .joined import Joined, columns, instances

try:  # similar inquiries come from the search app when it is installed
    from interpel.search.similar import similar_ids
except ImportError:  # pragma: no cover - depends on which apps are installed
    similar_ids = None  # type: ignore[assignment]

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
    departments: tuple[Department, ...]
    answers: tuple[AnswerView, ...]
    documents: tuple[Document, ...]
    timeline: tuple[TimelineEntry, ...]
    chain: tuple[Inquiry, ...]  # oldest first; the inquiry itself included when it has follow-ups
    similar: tuple[Inquiry, ...]
    publication: Publication
    # The records shown, by kind (portal.caching.records_version): a write to any of them changes the page.
    depends_on: dict[str, list[int]] = field(default_factory=dict)


# The inquiry with what its page shows of its related records, and every answer with its own (see joined.py).
_INQUIRY = Joined(Inquiry, {"body": None, "term": None, "addressee": None, "repeats": LINKED, "club": None})
_ANSWERS = Joined(Answer, {"signatory": None, "department": None, "entered_by": None})
_COVERS = Answer.inquiries.through._meta.db_table


def _who(event: Event) -> str:
    if event.actor_name:
        return event.actor_name
    username = getattr(event, "actor_username", None)  # read with the event (see _events)
    if username is not None:
        return str(username)
    return event.actor.get_username() if event.actor else ""


# The page's simple reads are raw SQL through Model.objects.raw: the ORM's compilation of each cost 0.5-1 ms of CPU
# (more than running it), which at ten queries a page was half of the page's data time at 100k inquiries.
def _columns(model: type[Inquiry] | type[Document], names: tuple[str, ...], prefix: str = "") -> str:
    return ", ".join(prefix + model._meta.get_field(n).column for n in names)


def _authors(pk: int) -> tuple[Person, ...]:
    sql = (
        f"SELECT {columns(Person, 'p.')} FROM {Person._meta.db_table} p"
        f" JOIN {InquiryAuthor._meta.db_table} a ON a.person_id = p.id"
        " WHERE a.inquiry_id = %s ORDER BY a.position, a.id"
    )
    return tuple(instances(Person, sql, [pk]))


def _events(pk: int, answer_ids: list[int]) -> list[Event]:
    """The inquiry's Events and its answers' own ones, oldest first, each with its actor's username."""
    user = get_user_model()
    username = user._meta.get_field(user.USERNAME_FIELD).column
    sql = (
        f"SELECT {columns(Event, 'e.')}, u.{username} AS actor_username FROM {Event._meta.db_table} e"
        f" LEFT JOIN {user._meta.db_table} u ON u.{user._meta.pk.column} = e.actor_id WHERE e.inquiry_id = %s"
    )
    if answer_ids:
        sql += f" OR (e.answer_id IN ({placeholders(answer_ids)}) AND e.inquiry_id IS NULL)"
    return list(instances(Event, sql + " ORDER BY e.at, e.id", [pk, *answer_ids]))


def _answers(pk: int) -> tuple[list[Answer], dict[int, list[Inquiry]]]:
    """Every answer to the inquiry, published or not (oldest first), and the inquiries each covers (as linked)."""
    answers = _ANSWERS.read(
        f"t0.id IN (SELECT answer_id FROM {_COVERS} WHERE inquiry_id = %s)", [pk], "t0.answered_on, t0.id"
    )
    covers: dict[int, list[Inquiry]] = {a.pk: [] for a in answers}
    if answers:
        ids = list(covers)
        sql = (
            f"SELECT x.answer_id, {_columns(Inquiry, LINKED, 'i.')} FROM {_COVERS} x"
            f" JOIN {Inquiry._meta.db_table} i ON i.id = x.inquiry_id"
            f" WHERE x.answer_id IN ({placeholders(ids)}) ORDER BY i.filed_on DESC, i.id DESC"  # Inquiry.Meta.ordering
        )
        for found in instances(Inquiry, sql, ids):
            covers[found.answer_id].append(found)
    return answers, covers


def _departments(pk: int) -> tuple[Department, ...]:
    sql = (
        f"SELECT {columns(Department, 'd.')} FROM {Department._meta.db_table} d"
        f" JOIN {Inquiry.departments.through._meta.db_table} x"
        " ON x.department_id = d.id WHERE x.inquiry_id = %s ORDER BY d.code, d.id"
    )
    return tuple(instances(Department, sql, [pk]))


def _documents(pk: int, answer_ids: list[int]) -> dict[int | None, list[Document]]:
    """Documents of the inquiry (under None) and of its answers (under each answer's id), without their text."""
    names = tuple(f.name for f in Document._meta.concrete_fields if f.name != "text")
    sql = f"SELECT {_columns(Document, names)} FROM {Document._meta.db_table} WHERE inquiry_id = %s"
    if answer_ids:
        sql += f" OR answer_id IN ({placeholders(answer_ids)})"
    found: dict[int | None, list[Document]] = {}
    for doc in instances(Document, sql + " ORDER BY created_at, id", [pk, *answer_ids]):
        found.setdefault(doc.answer_id, []).append(doc)
    return found


def _linked(where: str, params: list[Any]) -> list[Inquiry]:
    """Published inquiries as links show them (LINKED columns only)."""
    sql = f"SELECT {_columns(Inquiry, LINKED)} FROM {Inquiry._meta.db_table} WHERE is_published AND {where}"
    return list(instances(Inquiry, sql, params))


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
        if current is inquiry:  # the first step was read with the inquiry (its LINKED fields)
            found = inquiry.repeats
            current = found if found is not None and found.is_published else None
        else:
            current = Inquiry.objects.only(*LINKED).filter(is_published=True, pk=current.repeats_id).first()
        if current is None:
            break
        seen.add(current.pk)
        before.append(current)
    after: list[Inquiry] = []
    frontier = [inquiry.pk]
    while frontier and len(after) < CHAIN_LIMIT:
        # Only the repeats index in SQL (SQLite scans the table for an ORDER BY or a NOT IN beside it).
        later = _linked(f"repeats_id IN ({placeholders(frontier)}) LIMIT {CHAIN_LIMIT * 2}", frontier)
        found = [i for i in later if i.pk not in seen][:CHAIN_LIMIT]
        seen.update(i.pk for i in found)
        after.extend(found)
        frontier = [i.pk for i in found]
    if not before and not after:
        return ()
    chain = [*reversed(before), inquiry, *after]
    return tuple(sorted(chain, key=lambda i: (i.filed_on or date.min, i.pk)))


def _similar(inquiry: Inquiry, answers: list[Answer]) -> tuple[Inquiry, ...]:
    """Inquiries most like this one, from the search app (nothing when it is not installed)."""
    if similar_ids is None:
        return ()
    ids = [
        pk for pk in similar_ids(inquiry, [a.text for a in answers], limit=SIMILAR_LIMIT) if pk != inquiry.pk
    ]
    if not ids:
        return ()
    by_id = {i.pk: i for i in _linked(f"id IN ({placeholders(ids)})", ids)}
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


def _status(inquiry: Inquiry, answers: list[Answer], today: date) -> Status:
    """registry.selectors.status_of from the answers already read (published or not, as there), saving a query."""
    if inquiry.is_answered and inquiry.answered_on is None and not inquiry.is_withdrawn:
        return status_of(inquiry, today)  # the source says answered, date unknown: its own wording
    replies = tuple(Reply(a.kind, a.answered_on) for a in answers if a.answered_on is not None)
    withdrawn_on = inquiry.withdrawn_on if inquiry.is_withdrawn else None
    return status_on(Facts(inquiry.due_on, replies, withdrawn_on), today)


def inquiry_detail(pk: int, today: date) -> InquiryDetail:
    """The published inquiry `pk` with all it shows; raises Inquiry.DoesNotExist for unknown or unpublished ones.

    About ten queries whatever the inquiry holds (one more per generation of follow-ups), each by an index: at
    100k inquiries the page is bound by round trips and the ORM's work per query, so reads are merged where one
    query serves two uses (documents of the inquiry and its answers; all answers for the status and the page).
    """
    found = _INQUIRY.read("t0.id = %s AND t0.is_published", [pk])
    if not found:
        raise Inquiry.DoesNotExist(f"no published inquiry {pk}")
    inquiry = found[0]
    authors = _authors(inquiry.pk)
    # Every answer, published or not: the status counts them all (as status_of); the page shows the published.
    every_answer, covers = _answers(inquiry.pk)
    answers = [a for a in every_answer if a.is_published]
    answer_ids = [a.pk for a in answers]
    documents = _documents(inquiry.pk, answer_ids)
    events = _events(inquiry.pk, answer_ids)
    inquiry_events = [e for e in events if e.answer_id is None]
    answer_views = tuple(
        AnswerView(
            answer=a,
            documents=tuple(documents.get(a.pk, ())),
            also_answers=tuple(i for i in covers[a.pk] if i.pk != inquiry.pk and i.is_published),
            publication=_publication(
                a,
                ", ".join(x for x in (a.signatory_name, a.signatory_office) if x),
                [e for e in events if e.answer_id == a.pk],
            ),
        )
        for a in answers
    )
    chain = _chain(inquiry)
    similar = _similar(inquiry, answers)
    chained = [i.pk for i in chain] or [inquiry.pk]
    linked = {i.pk for a in every_answer for i in covers[a.pk]} | {i.pk for i in similar}
    linked |= {i.repeats_id for i in (inquiry, *chain) if i.repeats_id}  # an unpublished one may be published
    return InquiryDetail(
        inquiry=inquiry,
        status=_status(inquiry, every_answer, today),
        authors=authors,
        departments=_departments(inquiry.pk),
        answers=answer_views,
        documents=tuple(documents.get(None, ())),
        timeline=_timeline(inquiry, events),
        chain=chain,
        similar=similar,
        publication=_publication(inquiry, ", ".join(p.name for p in authors), inquiry_events),
        depends_on={
            "inquiries": sorted({*chained, *linked}),
            "answers": [a.pk for a in every_answer],
            "chain": chained,
            "own": [inquiry.pk],
        },
    )


def downloadable(pk: int) -> Document:
    """A document whose inquiry or answer is published; raises Document.DoesNotExist otherwise."""
    return Document.objects.get(
        Q(inquiry__is_published=True) | Q(answer__is_published=True),
        pk=pk,
    )
