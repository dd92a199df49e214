"""Keeping the index in step with the register: one inquiry at a time after a commit, or everything in bulk."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction

from interpel.registry.models import Answer, Inquiry
from interpel.text.polish import Mode, index_streams

from . import mirror
from .backends import IndexRow, sql_backend
from .models import SearchDocument

BATCH = 2000
# Which lemmas an ambiguous word form contributes; "all" ranked better on bench/queries.jsonl (see docs/search.md).
INDEX_MODE: Mode = "all"

_state = threading.local()

_FIELDS = (
    "id",
    "subject",
    "text",
    "body_id",
    "term_id",
    "club_id",
    "kind",
    "filed_on",
    "due_on",
    "answered_on",
    "is_withdrawn",
    "is_published",
)


def _row(values: dict[str, Any], answer_texts: list[str], mode: Mode) -> IndexRow:
    title, title_forms = index_streams(values["subject"], mode)
    body: list[str] = []
    forms = list(title_forms)
    for text in (values["text"], *answer_texts):
        if text:
            lemmas, text_forms = index_streams(text, mode)
            body.extend(lemmas)
            forms.extend(text_forms)
    return IndexRow(
        inquiry_id=values["id"],
        title=title,
        body=body,
        forms=forms,
        body_id=values["body_id"],
        term_id=values["term_id"],
        club_id=values["club_id"],
        kind=values["kind"],
        filed_on=values["filed_on"],
        due_on=values["due_on"],
        answered_on=values["answered_on"],
        is_withdrawn=values["is_withdrawn"],
        is_published=values["is_published"],
    )


def _answer_texts(ids: list[int]) -> dict[int, list[str]]:
    texts: dict[int, list[str]] = {i: [] for i in ids}
    through = Answer.inquiries.through.objects.filter(inquiry_id__in=ids).order_by(
        "answer__answered_on", "answer_id"
    )
    for inquiry_id, text in through.values_list("inquiry_id", "answer__text"):
        if text:
            texts[inquiry_id].append(text)
    return texts


def rows_for(ids: list[int], mode: Mode = INDEX_MODE) -> list[IndexRow]:
    """Index rows of these inquiries: subject, text and the texts of every answer covering them."""
    answers = _answer_texts(ids)
    return [_row(v, answers[v["id"]], mode) for v in Inquiry.objects.filter(id__in=ids).values(*_FIELDS)]


def index_inquiries(ids: list[int]) -> None:
    """(Re)index these inquiries now; ids that no longer exist are removed from the index."""
    ids = sorted(set(ids))
    if not ids:
        return
    with transaction.atomic():
        rows = rows_for(ids)
        present = {row.inquiry_id for row in rows}
        gone = [i for i in ids if i not in present]
        mirror.changed(rows, gone)  # first: a new mirror of a still empty index adopts its version
        if gone:
            SearchDocument.objects.filter(inquiry_id__in=gone).delete()
        if rows:
            sql_backend().write(rows)


def index_inquiry(inquiry: Inquiry | int) -> None:
    """(Re)index one inquiry."""
    index_inquiries([inquiry if isinstance(inquiry, int) else inquiry.pk])


def _batches(batch: int, mode: Mode) -> Iterator[list[IndexRow]]:
    last = 0
    while True:
        ids = list(Inquiry.objects.filter(id__gt=last).order_by("id").values_list("id", flat=True)[:batch])
        if not ids:
            return
        yield rows_for(ids, mode)
        last = ids[-1]


def reindex_all(*, batch: int = BATCH, mode: Mode = INDEX_MODE) -> int:
    """Rebuild the whole index from the register (after a bulk import); returns the number of inquiries indexed.

    The tantivy mirror (when enabled) is written from the same rows in the same pass and committed afterwards.
    """
    engine = sql_backend()
    found = mirror.mirror()
    try:
        with transaction.atomic():
            batches = _batches(batch, mode)
            done = engine.bulk_load(found.replace_all(batches) if found else batches)
            mirror.changed([], [], apply=False)
            version = mirror.db_version()
    except BaseException:
        if found:
            found.finish_replace(None)
        raise
    if found:
        found.finish_replace(version)
    engine.optimize()
    return done


# --- keeping in sync: services write, signals note which inquiries changed, one reindex runs after the commit ---


def _pending() -> set[int]:
    if not hasattr(_state, "pending"):
        _state.pending = set()
    return _state.pending  # type: ignore[no-any-return]


def schedule(ids: list[int]) -> None:
    """Reindex these inquiries once the current transaction commits (at once outside a transaction)."""
    if _suspended() or not ids:
        return
    # One callback per write is cheap and survives rollbacks: a flush that finds nothing pending does nothing.
    _pending().update(ids)
    transaction.on_commit(_flush)


def _flush() -> None:
    pending = _pending()
    ids = list(pending)
    pending.clear()
    index_inquiries(ids)


@contextmanager
def suspended() -> Iterator[None]:
    """No per-record indexing inside (a bulk import calls reindex_all() afterwards)."""
    previous = getattr(_state, "suspended", False)
    _state.suspended = True
    try:
        yield
    finally:
        _state.suspended = previous


def on_inquiry_saved(sender: Any, instance: Inquiry, **kwargs: Any) -> None:
    schedule([instance.pk])


def _suspended() -> bool:
    return bool(getattr(_state, "suspended", False))


def on_answer_saved(sender: Any, instance: Answer, **kwargs: Any) -> None:
    if instance.pk and not _suspended():  # no query at all while a bulk import writes
        schedule(list(instance.inquiries.values_list("id", flat=True)))


def on_answer_deleting(sender: Any, instance: Answer, **kwargs: Any) -> None:
    if not _suspended():
        schedule(list(instance.inquiries.values_list("id", flat=True)))


def on_inquiry_deleted(sender: Any, instance: Inquiry, **kwargs: Any) -> None:
    """The database cascade removes the index row; the mirror drops it after the commit (even during imports)."""
    mirror.changed([], [instance.pk])


def on_answer_inquiries_changed(sender: Any, instance: Any, action: str, pk_set: Any, **kwargs: Any) -> None:
    if action not in ("post_add", "post_remove", "pre_clear") or _suspended():
        return
    if isinstance(instance, Answer):
        ids = list(pk_set or []) or list(instance.inquiries.values_list("id", flat=True))
    else:
        ids = [instance.pk]
    schedule(ids)
