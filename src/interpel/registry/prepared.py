"""Reads that run on every page view, as prepared statements on PostgreSQL: planned once per connection.

Measured at 100k inquiries (PostgreSQL 15, warm connection): planning the inquiry page's read of an inquiry with its
five related records took 0.6 ms of the server's 0.76 ms of CPU for it; prepared with a generic plan, 0.12 ms. Django
binds parameters on the client and never prepares, so these reads go through a server-binding psycopg cursor that
prepares every statement (`prepare=True`): through Django's own cursor wrapper while queries are logged or
wrapped (tests counting queries), else alone (a quarter less CPU), its errors translated to django.db's classes
either way. PostgreSQL would still plan each of the first five executions of a
prepared statement for its parameters (`plan_cache_mode = auto`) and may keep doing so; the settings set
`plan_cache_mode = force_generic_plan` for the connection, which concerns prepared statements only (Django's own
queries are not prepared). The reads passed here are key lookups, for which the generic plan is the custom one.

Only for SQL whose text repeats (placeholders, never inlined values) and that names its columns (a prepared
`SELECT *` fails after a migration adds a column): psycopg keeps the 100 most recent statements per connection.
`INTERPEL_PREPARED_STATEMENTS=false` turns this off (a pooler in transaction mode that does not track prepared
statements, such as PgBouncer before 1.21, needs that). SQLite has nothing to prepare: its reads go through
Django's cursor as usual.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

try:
    import psycopg
    from psycopg.types.numeric import Int8
except ImportError:  # pragma: no cover - SQLite-only installations
    psycopg = None  # type: ignore[assignment]

# psycopg prepares a statement after this many executions of its text when asked to; `prepare=True` below prepares
# at once. Django leaves the threshold None, which disables preparing on the connection altogether.
_THRESHOLD = 1 << 30

if psycopg is not None:

    class _Prepared(psycopg.Cursor):  # type: ignore[misc,name-defined]
        """A server-binding cursor that prepares every statement it runs."""

        def execute(
            self, query: Any, params: Any = None, *, prepare: bool | None = None, binary: bool | None = None
        ) -> Any:
            return super().execute(query, params, prepare=True, binary=binary)


def placeholders(values: Sequence[Any]) -> str:
    """ "%s, %s, ..." for an IN (...) of these values."""
    return ", ".join(["%s"] * len(values))


def _run(
    sql: str, params: list[Any] | tuple[Any, ...], described: bool
) -> tuple[list[str], list[tuple[Any, ...]]]:
    db = connections[DEFAULT_DB_ALIAS]  # the proxy `connection` looks the alias up again on every attribute
    adapt = (
        db.ops.adapt_unknown_value
    )  # as Model.objects.raw does (SQLite: aware datetimes to naive UTC text)
    params = [adapt(value) for value in params]
    if psycopg is None or db.vendor != "postgresql" or not settings.PREPARED_STATEMENTS:
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            return [c[0] for c in cursor.description] if described else [], cursor.fetchall()
    # Every int as int8: psycopg types an int by its size (int2, int4, int8) and prepares one statement per SQL text
    # and parameter types, so ids on both sides of 32,767 would make several of one read.
    params = [Int8(value) if type(value) is int else value for value in params]
    db.ensure_connection()
    raw = db.connection
    if raw.prepare_threshold is None:
        raw.prepare_threshold = _THRESHOLD
    if db.queries_logged or db.execute_wrappers:
        # Through Django's own wrapper: the query is logged (tests count queries) and execute_wrappers see it.
        with db.wrap_database_errors:
            cursor = _Prepared(raw)
        wrapped = db.make_debug_cursor(cursor) if db.queries_logged else db.make_cursor(cursor)
        with wrapped:
            wrapped.execute(sql, params)
            # psycopg builds a Column object per column for `description`: skipped when the names are not needed.
            names = [c[0] for c in wrapped.description] if described else []
            return names, wrapped.fetchall()
    # Otherwise psycopg's cursor alone (about 60 against 85 us of CPU a query), its errors translated as Django's
    # wrapper would (which also marks the connection for a check at the end of the request).
    with db.wrap_database_errors, _Prepared(raw) as cursor:
        cursor.execute(sql, params)
        result = cursor.pgresult
        names = [result.fname(i).decode() for i in range(result.nfields)] if described and result else []
        return names, cursor.fetchall()


def fetch(sql: str, params: list[Any] | tuple[Any, ...] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Column names and rows of a SELECT (%s placeholders)."""
    return _run(sql, params, True)


def fetch_rows(sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The rows of a SELECT (%s placeholders)."""
    return _run(sql, params, False)[1]
