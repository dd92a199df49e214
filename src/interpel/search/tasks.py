"""Background work of the search app (django-tasks; run by `python -m django db_worker`, docs/operations.md)."""

from __future__ import annotations

from django_tasks import task

from .similar import refresh_similar


@task()
def refresh_similar_task(ids: list[int] | None = None) -> int:
    """Store the similar lists of these inquiries (None: every one missing or due for renewal); returns how many.

    Given ids are computed again even when they have a list: a refresh running while they were reindexed may have
    stored one from their old text after the reindex forgot theirs, and this task is enqueued after that commit."""
    return refresh_similar(ids, stale_only=ids is None)
