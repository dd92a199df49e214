"""Search indexing around bulk writes: per-record indexing off while writing, one pass over what was written."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

try:  # the search app is built in parallel; imports and ingest work without it
    from interpel.search import indexing
    from interpel.search.tasks import refresh_similar_task
except ImportError:  # pragma: no cover - only while the search app is absent
    indexing = None  # type: ignore[assignment]

CHUNK = 500  # inquiries indexed per statement batch: bounded memory and query size
# Up to this many inquiries the similar-lists task gets their ids; more would make a large task row, and "every list
# missing or due" covers them anyway (reindexing them forgot theirs).
TASK_IDS = 2000


@contextmanager
def bulk_indexing() -> Iterator[None]:
    """Suspend the per-save index hooks inside; the caller indexes once afterwards."""
    if indexing is None:
        yield
        return
    with indexing.suspended():
        yield


def index(inquiry_ids: Iterable[int]) -> None:
    """Index these inquiries now (after an ingest batch wrote them with the hooks suspended)."""
    ids = sorted(set(inquiry_ids))
    if indexing is None:
        return
    for start in range(0, len(ids), CHUNK):
        indexing.index_inquiries(ids[start : start + CHUNK])
    if ids:
        # Their pages' "similar inquiries" lists, computed by the task worker rather than by their first visitors.
        refresh_similar_task.enqueue(ids if len(ids) <= TASK_IDS else None)
