"""Full-text backends behind one contract, chosen by the database vendor: SQLite FTS5 or PostgreSQL tsvector.

Both store the same token streams (from interpel.text.polish) and compile the same parsed query, so the same query
returns the same set of inquiries on both; only the scores differ (bm25 here, ts_rank there).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from django.db import connection

from ..query import ParsedQuery


@dataclass
class IndexRow:
    """One inquiry as the index stores it."""

    inquiry_id: int
    title: list[str]
    body: list[str]
    forms: list[str]
    body_id: int
    term_id: int | None
    club_id: int | None
    kind: str
    filed_on: date | None
    due_on: date | None
    answered_on: date | None
    is_withdrawn: bool
    is_published: bool

    @property
    def year(self) -> int | None:
        return self.filed_on.year if self.filed_on else None

    def streams(self) -> tuple[str, str, str]:
        """The lemma streams as stored text (the tantivy mirror is rebuilt from them)."""
        return " ".join(self.title), " ".join(self.body), " ".join(self.forms)

    def facts(self) -> tuple[Any, ...]:
        """The filterable columns, in the order both backends' search_document tables store them."""
        return (
            self.body_id,
            self.term_id,
            self.club_id,
            self.kind,
            self.year,
            self.filed_on,
            self.due_on,
            self.answered_on,
            self.is_withdrawn,
            self.is_published,
        )


# Called with each batch of a bulk load while the database takes it (see Backend.bulk_load).
Beside = Callable[[list[IndexRow]], None]
# Called once while the database finishes a bulk load (PostgreSQL: while it builds the index).
After = Callable[[], None]


class Backend(Protocol):
    """What services need of a full-text engine."""

    def compile(self, parsed: ParsedQuery, *, require_all: bool = False, exclude_all: bool = False) -> str:
        """The engine's match expression: any clause (or every clause), minus exclusions (and minus every clause)."""
        ...

    def write(self, rows: list[IndexRow]) -> None:
        """Insert or replace these rows."""
        ...

    def bulk_load(
        self, batches: Iterable[list[IndexRow]], beside: Beside | None = None, after: After | None = None
    ) -> int:
        """Replace the whole index with these rows; returns how many were written.

        `beside(rows)` is called once per batch while the database takes it, and `after()` once while the database
        finishes (the tantivy mirror adds the batches then)."""
        ...

    def optimize(self) -> None:
        """Tidy up after a bulk load."""
        ...

    def ranked(
        self, match: str, where: str, params: list[Any], *, sort: str, limit: int, offset: int
    ) -> list[tuple[int, float]]: ...

    def count(self, match: str, where: str, params: list[Any]) -> int: ...

    def ids_sql(self, match: str) -> tuple[str, list[Any]]:
        """SQL selecting the ids of matching inquiries (for facets and similar)."""
        ...


def sql_backend() -> Backend:
    """The database's own full-text engine."""
    if connection.vendor == "postgresql":
        from .postgres import PostgresBackend, has_rum_index

        return PostgresBackend(rum=has_rum_index())
    from .sqlite_fts5 import Fts5Backend

    return Fts5Backend()


def backend() -> Backend:
    """The backend for the default database: its own engine, with the tantivy mirror in front when enabled."""
    from .. import mirror

    engine = sql_backend()
    found = mirror.mirror()
    if found is None:
        return engine
    from .accelerated import AcceleratedBackend

    return AcceleratedBackend(engine, found)
