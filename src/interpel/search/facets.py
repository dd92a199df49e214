"""Facet counts over every match of a search: kind, status, body, department, councillor, club, year.

The tantivy mirror counts them (aggregations over fast fields) while it can answer the search; SQL otherwise.
Both give the same raw counts (ids as strings), labelled and ordered here by one function.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import connection

from interpel.registry.models import Body, Club, Department, Person

from .filters import AUTHORS_TABLE, DEPARTMENTS_TABLE, status_sql

TOP = 25  # facets with many values (councillors) show the most frequent ones


def counts(
    match: tuple[str, list[Any]] | None,
    where: str,
    params: list[Any],
    *,
    today: date,
    engine: Any = None,
    compiled: str | None = None,
) -> dict[str, dict[str, int]]:
    """Counts over every match (`match`: SQL selecting their ids, None for all); keys are usable as filter values.

    `engine` and `compiled` (its match expression, None for all) let the tantivy mirror answer when it can.
    """
    mirrored = getattr(engine, "facet_counts", None)
    raw = mirrored(compiled, where, params, today=today) if mirrored is not None else None
    return _labelled(raw if raw is not None else sql_counts(match, where, params, today=today))


def sql_counts(
    match: tuple[str, list[Any]] | None, where: str, params: list[Any], *, today: date
) -> dict[str, dict[str, int]]:
    """One pass over the matches (a materialised CTE), grouped seven ways; raw ids as strings."""
    match_where, match_params = (
        ("", []) if match is None else (f" AND d.inquiry_id IN ({match[0]})", match[1])
    )
    status_params = [today, today + timedelta(days=3)]
    # CAST keeps the value column of the UNION one type on PostgreSQL.
    sql = (
        "WITH m AS MATERIALIZED (SELECT d.inquiry_id, d.kind, d.body_id, d.club_id, d.year, d.due_on, d.answered_on,"
        f" d.is_withdrawn FROM search_document d WHERE 1=1{match_where}{where})"
        " SELECT 'kind', CAST(kind AS TEXT), count(*) FROM m GROUP BY kind"
        f" UNION ALL SELECT 'status', {status_sql().replace('d.', 'm.')}, count(*) FROM m GROUP BY 2"
        " UNION ALL SELECT 'body', CAST(body_id AS TEXT), count(*) FROM m GROUP BY body_id"
        " UNION ALL SELECT 'club', CAST(club_id AS TEXT), count(*) FROM m WHERE club_id IS NOT NULL GROUP BY club_id"
        " UNION ALL SELECT 'year', CAST(year AS TEXT), count(*) FROM m WHERE year IS NOT NULL GROUP BY year"
        " UNION ALL SELECT 'department', CAST(x.department_id AS TEXT), count(*)"
        f" FROM m JOIN {DEPARTMENTS_TABLE} x ON x.inquiry_id = m.inquiry_id GROUP BY x.department_id"
        " UNION ALL SELECT 'councillor', CAST(x.person_id AS TEXT), count(*)"
        f" FROM m JOIN {AUTHORS_TABLE} x ON x.inquiry_id = m.inquiry_id GROUP BY x.person_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*match_params, *params, *status_params])
        rows = cursor.fetchall()
    raw: dict[str, dict[str, int]] = {}
    for facet, value, count in rows:
        raw.setdefault(facet, {})[str(value)] = int(count)
    return raw


# Facet -> (table, label column) of the objects its ids name.
LABELS = {
    "body": (Body._meta.db_table, "slug"),
    "club": (Club._meta.db_table, "slug"),
    "department": (Department._meta.db_table, "code"),
    "councillor": (Person._meta.db_table, "slug"),
}


def _labels(raw: dict[str, dict[str, int]]) -> dict[str, dict[int, str]]:
    """The slug or code of every id in the counts, in one query (four ORM queries cost more than the counting)."""
    parts: list[str] = []
    params: list[Any] = []
    for facet, (table, column) in LABELS.items():
        ids = _int_keys(raw, facet)
        if ids:
            marks = ", ".join("%s" for _ in ids)
            parts.append(f"SELECT '{facet}', id, {column} FROM {table} WHERE id IN ({marks})")
            params += ids
    keys: dict[str, dict[int, str]] = {facet: {} for facet in LABELS}
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for facet, pk, label in cursor.fetchall():
                keys[facet][int(pk)] = label
    return keys


def _labelled(raw: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Replace ids by the slugs or codes that filters accept; order by count."""
    keys = _labels(raw)
    out: dict[str, dict[str, int]] = {}
    for facet in ("kind", "status", "body", "department", "councillor", "club", "year"):
        values = raw.get(facet, {})
        if facet in keys:
            relabelled: dict[str, int] = {}
            for pk, count in values.items():
                label = str(keys[facet].get(int(pk), pk))
                relabelled[label] = relabelled.get(label, 0) + count
            values = relabelled
        ordered = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
        out[facet] = dict(ordered[:TOP] if facet == "councillor" else ordered)
    return out


def _int_keys(raw: dict[str, dict[str, int]], facet: str) -> list[int]:
    return [int(k) for k in raw.get(facet, {}) if k.lstrip("-").isdigit()]
