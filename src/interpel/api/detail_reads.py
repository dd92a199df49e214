"""The records InquiryDetailOut shows, read without the ORM's compilation of eight queries per request.

`inquiries.with_detail()` (select_related of five keys, five prefetches, two nested) cost about 23 ms of CPU for an
uncached inquiry in the API at 100k inquiries, most of it building SQL. Here the same rows are read with SQL made
once per process (portal.joined for the joins) and handed to the schemas exactly where the ORM's prefetching would
put them: each related manager's prefetch cache, so `obj.answers.all()` and the like read them without a query.
The orderings are the models' Meta orderings, as the ORM's prefetches use. Linked inquiries (the one repeated, those
an answer also covers) are shown only when published, as on the portal's page and in /answers (`with_detail` showed
an unpublished one's number and subject).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model

from interpel.portal.joined import Joined, columns, instances
from interpel.registry.models import Answer, Department, Document, Event, Inquiry, InquiryAuthor
from interpel.registry.prepared import placeholders

from .schemas import REF_FIELDS

_INQUIRY = Joined(
    Inquiry, {"body": None, "term": None, "club": None, "repeats": REF_FIELDS, "entered_by": None}
)
_AUTHORSHIPS = Joined(InquiryAuthor, {"person": None})
_EVENTS = Joined(Event, {"actor": None})
_ANSWERS = Joined(Answer, {"signatory": None, "department": None})
_COVERS = Answer.inquiries.through._meta.db_table
_DEPARTMENTS = Inquiry.departments.through._meta.db_table
# A document's extracted text is long and not shown.
_DOCUMENT_COLUMNS = ", ".join(f.column for f in Document._meta.concrete_fields if f.name != "text")
_REF_COLUMNS = ", ".join(
    "i." + Inquiry._meta.get_field(name).column for name in (*REF_FIELDS, "is_published")
)


def _prefetched(instance: Model, name: str, rows: Iterable[Model], **published: bool) -> None:
    """Put `rows` where prefetch_related("<name>") would: the related manager's `.all()` then returns them.

    The stored queryset is the manager's own (its relation filter, plus `published` when the rows were read so),
    as the ORM's prefetch stores it: a `.filter()` or `.count()` on it still asks the database the right question.
    """
    queryset = getattr(instance, name).get_queryset()
    if published:
        queryset = queryset.filter(**published)
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}  # type: ignore[attr-defined]
    instance._prefetched_objects_cache[name] = queryset  # type: ignore[attr-defined]


def _documents(where: str, params: list[Any]) -> list[Document]:
    sql = f"SELECT {_DOCUMENT_COLUMNS} FROM {Document._meta.db_table} WHERE {where} ORDER BY created_at, id"
    return list(instances(Document, sql, params))


def published_inquiry(pk: int) -> Inquiry | None:
    """The published inquiry `pk` with everything InquiryDetailOut reads of it, or None."""
    found = _INQUIRY.read("t0.id = %s AND t0.is_published", [pk])
    if not found:
        return None
    inquiry = found[0]
    if (
        inquiry.repeats is not None and not inquiry.repeats.is_published
    ):  # as the portal: no unpublished links
        Inquiry._meta.get_field("repeats").set_cached_value(inquiry, None)
    _prefetched(inquiry, "authorships", _AUTHORSHIPS.read("t0.inquiry_id = %s", [pk], "t0.position"))
    departments = instances(
        Department,
        f"SELECT {columns(Department, 'd.')} FROM {Department._meta.db_table} d"
        f" JOIN {_DEPARTMENTS} x ON x.department_id = d.id"
        " WHERE x.inquiry_id = %s ORDER BY d.code",
        [pk],
    )
    _prefetched(inquiry, "departments", departments)
    _prefetched(inquiry, "documents", _documents("inquiry_id = %s", [pk]))
    _prefetched(inquiry, "events", _EVENTS.read("t0.inquiry_id = %s", [pk], "t0.at, t0.id"))
    answers = _ANSWERS.read(
        f"t0.is_published AND t0.id IN (SELECT answer_id FROM {_COVERS} WHERE inquiry_id = %s)",
        [pk],
        "t0.answered_on, t0.id",
    )
    _prefetched(inquiry, "answers", answers, is_published=True)
    if answers:
        ids = [a.pk for a in answers]
        documents: dict[int, list[Document]] = {i: [] for i in ids}
        for document in _documents(f"answer_id IN ({placeholders(ids)})", ids):
            documents[document.answer_id].append(document)
        covered: dict[int, list[Inquiry]] = {i: [] for i in ids}
        sql = (
            f"SELECT x.answer_id, {_REF_COLUMNS} FROM {_COVERS} x JOIN {Inquiry._meta.db_table} i"
            f" ON i.id = x.inquiry_id WHERE i.is_published AND x.answer_id IN ({placeholders(ids)})"
            " ORDER BY i.filed_on DESC, i.id DESC"
        )
        for other in instances(Inquiry, sql, ids):
            covered[other.answer_id].append(other)
        for answer in answers:
            _prefetched(answer, "documents", documents[answer.pk])
            _prefetched(answer, "inquiries", covered[answer.pk], is_published=True)  # as /answers shows them
    return inquiry
