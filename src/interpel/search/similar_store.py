"""Stored "similar inquiries": the list each inquiry page shows, computed ahead so that a page view reads one row.

Computing a list on a page view (lemmatising the inquiry, choosing its rarest words, a ranked query, two reads of
search_state) took ~2.5 ms of the page's ~7.3 ms of CPU at 100k inquiries. Lists are written in bulk by
`similar.refresh_similar` (`interpel similar`, and the task enqueued after imports), never by a page view: GET stays
read-only (SQLite under web load has one writer at a time), and a list missing or too old is computed as before.

A list is served while it is younger than MAX_AGE and its inquiry has not been reindexed since (`index_inquiries`
forgets the lists of the inquiries it reindexes, in its transaction). So a list can miss inquiries registered after
it was computed, for MAX_AGE at most; ids of inquiries unpublished or deleted since are dropped by the readers
(the page and the API read the rows they show, published ones only).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from interpel.registry.models import Inquiry
from interpel.registry.prepared import fetch_rows, placeholders

from .models import SearchState, SimilarList

# How long a list may miss similar inquiries registered after it: a week of a council's registrations rarely holds
# a better match than the five found, and a weekly full refresh (~minutes at 100k) stays cheap.
MAX_AGE = timedelta(days=7)
# A daily `interpel similar` renews lists this old, a day before pages would stop serving them (and compute again).
RENEW_AGE = MAX_AGE - timedelta(days=1)
# Ids kept per list: the inquiry page shows 5 (portal.detail.SIMILAR_LIMIT); a caller asking for more computes.
STORED = 5
CHUNK = 500  # ids per IN (...) list: SQLite caps the parameters of one statement

_TABLE = SimilarList._meta.db_table
# The index's version comes with the list: on a miss it keys the per-process cache of computed lists
# (similar.similar_ids), so a page reads search_state no more often than before lists were stored.
_READ = (
    f"SELECT s.version, l.ids FROM {SearchState._meta.db_table} s LEFT JOIN {_TABLE} l"
    " ON l.inquiry_id = %s AND l.computed_at >= %s WHERE s.id = 1"
)


def _cutoff(age: timedelta, now: datetime | None = None) -> object:
    """`now - age` as the database compares it with `computed_at` (SQLite: text in UTC, as the ORM stores it)."""
    return connection.ops.adapt_datetimefield_value((now or timezone.now()) - age)


def stored(inquiry_id: int) -> tuple[str, list[int] | None]:
    """The index's version and the inquiry's stored list (None when there is none younger than MAX_AGE).

    One read, prepared on PostgreSQL (registry.prepared): it runs on every first view of an inquiry page.
    """
    rows = fetch_rows(_READ, [inquiry_id, _cutoff(MAX_AGE)])
    if not rows:
        return "", None
    version, ids = rows[0]
    return str(version), (None if ids is None else [int(i) for i in ids.split(",") if i])


def forget(ids: Sequence[int]) -> None:
    """Drop the stored lists of these inquiries: their text, answers or publication changed."""
    ids = list(ids)
    with connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            cursor.execute(f"DELETE FROM {_TABLE} WHERE inquiry_id IN ({placeholders(chunk)})", chunk)


def due(ids: Sequence[int] | None, *, stale_only: bool, now: datetime | None = None) -> list[int]:
    """Published inquiries (of `ids`, or all) whose lists are to be computed, in id order: all of them, or with
    `stale_only` those without a list or with one older than RENEW_AGE. Unpublished inquiries have no page."""
    inquiries = Inquiry._meta.db_table
    sql = f"SELECT i.id FROM {inquiries} i"
    params: list[object] = []
    where = "i.is_published"
    if stale_only:
        sql += f" LEFT JOIN {_TABLE} l ON l.inquiry_id = i.id"
        where += " AND (l.inquiry_id IS NULL OR l.computed_at < %s)"
        params.append(_cutoff(RENEW_AGE, now))
    found: list[int] = []
    with connection.cursor() as cursor:
        if ids is None:
            cursor.execute(f"{sql} WHERE {where} ORDER BY i.id", params)
            return [row[0] for row in cursor.fetchall()]
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            cursor.execute(
                f"{sql} WHERE {where} AND i.id IN ({placeholders(chunk)}) ORDER BY i.id", [*params, *chunk]
            )
            found.extend(row[0] for row in cursor.fetchall())
    return found


def store(lists: Sequence[tuple[int, Sequence[int]]], computed_at: datetime) -> None:
    """Write (or replace) these lists in one transaction: (inquiry id, similar ids best first)."""
    rows = [
        SimilarList(inquiry_id=pk, ids=",".join(str(i) for i in ids), computed_at=computed_at)
        for pk, ids in lists
    ]
    with transaction.atomic():
        SimilarList.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["inquiry"], update_fields=["ids", "computed_at"]
        )
