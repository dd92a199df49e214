"""Keeping the index in step with the register: one inquiry at a time after a commit, or everything in bulk."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from interpel.registry.models import Answer, Inquiry
from interpel.text.polish import Mode

from . import mirror, similar_store
from .backends import IndexRow, sql_backend
from .backends.postgres import TsvRow
from .lemmatise_pool import Doc, Lemmatiser, Streams, cpus, prepare
from .models import SearchDocument

BATCH = 2000
# A bulk reindex lemmatises in worker processes from this many inquiries on; fewer stay in-process.
WORKERS_FROM = 3 * BATCH
# PostgreSQL builds the tsv index after the load on one core (4 s at 100k), while the other one idled: the mirror
# keeps this share of the batches (the last ones) and adds them then, at most LATER_ROWS rows (~2.3 kB each in
# memory). Measured at 100k (docs/search.md): 0 -> 5,240-5,293 docs/s, 0.5 -> 5,593-5,826, 0.65 -> 5,338-5,900.
LATER = 0.5
LATER_ROWS = 50_000
# Which lemmas an ambiguous word form contributes; "all" ranked better on bench/queries.jsonl (see docs/search.md).
INDEX_MODE: Mode = "all"

_state = threading.local()

# The register read with plain SQL (model instances and queryset compilation cost more than the reading itself).
_FACTS = ("body", "term", "club", "kind", "filed_on", "due_on", "answered_on", "is_withdrawn", "is_published")
_INQUIRY_COLUMNS = ", ".join(
    "i." + Inquiry._meta.get_field(name).column for name in ("id", "subject", "text", *_FACTS)
)
_INQUIRY_TABLE = Inquiry._meta.db_table
_ANSWER_TABLE = Answer._meta.db_table
_ANSWERS_TABLE = Answer.inquiries.through._meta.db_table
# Facts of one inquiry, in the order IndexRow takes them after inquiry_id and the streams (typed by the database
# driver: dates and booleans on both vendors, SQLite's through Django's converters).
Facts = tuple[Any, ...]


def _read(where: str, params: list[Any], order: str, *, id_range: bool) -> list[tuple[int, Doc, Facts]]:
    """(id, (subject, texts), facts) of the inquiries selected by `where`; texts: the inquiry's, then its published
    answers' (an unpublished answer is not public: its words must neither find the inquiry nor show in a snippet).

    `id_range`: the inquiries are all those of their id range (a batch of the whole register), so their answers are
    selected by that range rather than by a list of ids.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {_INQUIRY_COLUMNS} FROM {_INQUIRY_TABLE} i WHERE {where} ORDER BY {order}", params
        )
        inquiries = cursor.fetchall()
        if not inquiries:
            return []
        ids = [r[0] for r in inquiries]
        answers: dict[int, list[str]] = {}
        if id_range:
            which, which_params = "t.inquiry_id >= %s AND t.inquiry_id <= %s", [min(ids), max(ids)]
        else:
            which, which_params = f"t.inquiry_id IN ({', '.join('%s' for _ in ids)})", ids
        cursor.execute(
            f"SELECT t.inquiry_id, a.text FROM {_ANSWERS_TABLE} t JOIN {_ANSWER_TABLE} a ON a.id = t.answer_id"
            f" WHERE a.is_published AND {which} ORDER BY a.answered_on, t.answer_id",
            which_params,
        )
        for inquiry_id, text in cursor.fetchall():
            if text:
                answers.setdefault(inquiry_id, []).append(text)
    return [(r[0], (r[1], [r[2], *answers.get(r[0], ())]), r[3:]) for r in inquiries]


def _index_row(inquiry_id: int, streams: Streams, facts: Facts) -> IndexRow:
    """An index row from the stored streams.

    Each stream is one already-joined string in a one-item list: IndexRow.streams() and the mirror join the lists,
    which gives the same text as one item per token without splitting and joining it again.
    """
    title, body, forms, tsv = streams
    if tsv is None:
        return IndexRow(inquiry_id, [title], [body], [forms], *facts)
    return TsvRow(inquiry_id, [title], [body], [forms], *facts, tsv=tsv)


def rows_for(ids: list[int], mode: Mode = INDEX_MODE) -> list[IndexRow]:
    """Index rows of these inquiries: subject, text and the texts of every answer covering them."""
    rows: list[IndexRow] = []
    for start in range(0, len(ids), 500):  # SQLite caps the number of parameters of one statement
        chunk = ids[start : start + 500]
        marks = ", ".join("%s" for _ in chunk)
        found = _read(f"i.id IN ({marks})", chunk, "i.filed_on DESC, i.id DESC", id_range=False)
        streams = prepare([doc for _id, doc, _facts in found], mode, with_tsv=False)
        rows.extend(_index_row(i, s, f) for (i, _doc, f), s in zip(found, streams, strict=True))
    return rows


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
        similar_store.forget(ids)  # a changed text, answer or publication: stored lists are computed anew
        if gone:
            SearchDocument.objects.filter(inquiry_id__in=gone).delete()
        if rows:
            sql_backend().write(rows)


def index_inquiry(inquiry: Inquiry | int) -> None:
    """(Re)index one inquiry."""
    index_inquiries([inquiry if isinstance(inquiry, int) else inquiry.pk])


def _register(batch: int) -> Iterator[tuple[list[tuple[int, Facts]], list[Doc]]]:
    """The whole register in batches of `batch` inquiries, in id order: ([(id, facts)], [(subject, texts)])."""
    last = 0
    while True:
        found = _read("i.id > %s", [last], f"i.id LIMIT {int(batch)}", id_range=True)
        if not found:
            return
        yield [(i, facts) for i, _doc, facts in found], [doc for _i, doc, _facts in found]
        last = found[-1][0]


def _batches(lemmatiser: Lemmatiser, batch: int) -> Iterator[list[IndexRow]]:
    for keys, streams in lemmatiser.map(_register(batch)):
        yield [_index_row(i, s, f) for (i, f), s in zip(keys, streams, strict=True)]


def _count() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {_INQUIRY_TABLE}")
        return int(cursor.fetchone()[0])


def _feeder(found: mirror.Mirror, count: int, batch: int) -> Callable[[list[IndexRow]], None]:
    """What the bulk load calls with each batch written: the mirror adds it now, or (the last LATER share, on
    PostgreSQL) keeps it for `add_later()`, which the load calls while the database builds its index."""
    batches = -(-count // batch)
    later_from = batches - min(round(batches * LATER), LATER_ROWS // batch)
    if connection.vendor != "postgresql":  # SQLite builds nothing after the load
        later_from = batches
    seen = itertools.count(1)

    def feed(rows: list[IndexRow]) -> None:
        later = next(seen) > later_from
        if later:  # kept until then without its tsvector text (the COPY has sent it)
            for row in rows:
                if isinstance(row, TsvRow):
                    row.tsv = ""
        found.add_replacing(rows, later=later)

    return feed


def reindex_all(*, batch: int = BATCH, mode: Mode = INDEX_MODE, workers: int | None = None) -> int:
    """Rebuild the whole index from the register (after a bulk import); returns the number of inquiries indexed.

    The tantivy mirror (when enabled) is written from the same rows in the same pass and committed afterwards.
    `workers`: processes lemmatising beside this one; by default one per CPU but one (this process writes the
    database and the mirror, whose indexing threads and the database server want a CPU too) for a register of
    WORKERS_FROM inquiries or more, else none.
    """
    count = _count()
    if workers is None:
        workers = cpus() - 1 if count >= WORKERS_FROM else 0
    engine = sql_backend()
    # The workers are forked before the tantivy writer exists (its threads would not survive a fork).
    with Lemmatiser(mode, with_tsv=connection.vendor == "postgresql", workers=workers) as lemmatiser:
        found = mirror.mirror()
        try:
            with transaction.atomic():
                batches = _batches(lemmatiser, batch)
                if found:
                    done = engine.bulk_load(
                        found.replace_all(batches), _feeder(found, count, batch), found.add_later
                    )
                else:
                    done = engine.bulk_load(batches)
                mirror.changed([], [], apply=False)
                version = mirror.db_version()
        except BaseException:
            if found:
                found.finish_replace(None)
            raise
    # The mirror's commit (tantivy, GIL released) runs beside the database's tidying (ANALYZE, or FTS5's merge):
    # each takes about half a second at 100k inquiries, and one core would otherwise idle through each.
    with ThreadPoolExecutor(1, thread_name_prefix="mirror-commit") as pool:
        committed = pool.submit(found.finish_replace, version) if found else None
        try:
            engine.optimize()
        finally:
            if committed is not None:
                committed.result()  # its failure is raised, with one of optimize()'s as its context
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
