"""The tantivy mirror's documents: the schema, and one document per index row.

Fields: `title`/`body` lemmas (term frequencies only), `forms` (positions, for phrases), `pub` (1 when published),
`id` (stored). Tokens are our own lemmas and folded forms, split on spaces: tantivy analyses nothing itself.
The facts that filters and facets need are fast fields (columnar, aggregated in Rust): `kind`, `body_id`, `term_id`,
`club_id`, `year`, `filed` (a day number), `datekey` (the date order as one integer), `state` (the part of the status
that does not depend on the day), `due_open` (the due day of unanswered inquiries, which decides the rest at query
time), and the multi-valued `department` and `author` ids read from the through tables when a batch is written.
"""

from __future__ import annotations

from typing import Any

import tantivy
from django.db import connection

from .backends import IndexRow
from .filters import AUTHORS_TABLE, DEPARTMENTS_TABLE

# `state`: what the status of an inquiry is whatever the day; OPEN_DUE ones are overdue/due soon/awaiting by due_open.
WITHDRAWN, ANSWERED, ON_TIME, LATE, OPEN, OPEN_DUE = range(6)
STATE_NAMES = dict(enumerate(["withdrawn", "answered", "answered_on_time", "answered_late", "awaiting"]))
DATE_SHIFT = 32  # datekey = day number << 32 | inquiry id: newest first, then the highest id, undated last
# Integer fields, indexed (filters) and fast (facets); absent when the value is None.
FACTS = ("body_id", "term_id", "club_id", "year", "filed", "state", "due_open", "department", "author")


def schema() -> Any:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_integer_field("pub", indexed=True)
    builder.add_text_field("title", tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("body", tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("forms", tokenizer_name="whitespace", index_option="position")
    builder.add_text_field("kind", tokenizer_name="raw", index_option="basic", fast=True)
    for name in FACTS:
        builder.add_integer_field(name, indexed=True, fast=True)
    builder.add_integer_field("datekey", fast=True)
    return builder.build()


def state(row: IndexRow) -> int:
    """The day-independent part of status_sql() (filters.py), in the same order of cases."""
    if row.is_withdrawn:
        return WITHDRAWN
    if row.answered_on is not None:
        if row.due_on is None:
            return ANSWERED
        return ON_TIME if row.answered_on <= row.due_on else LATE
    return OPEN if row.due_on is None else OPEN_DUE


def links(ids: list[int], *, id_range: bool = False) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Department ids and author ids of these inquiries, read from the through tables (one query each per chunk).

    `id_range`: the ids are (nearly) all those of their range, as in a full rebuild's batches: two queries over the
    range then replace two per 500 ids (400 statements at 100k inquiries), and rows of other ids are skipped here.
    """
    departments: dict[int, list[int]] = {}
    authors: dict[int, list[int]] = {}
    if id_range and ids:
        wanted = set(ids)
        where, chunks = "inquiry_id >= %s AND inquiry_id <= %s", [[min(ids), max(ids)]]
    else:
        wanted = None
        chunks = [ids[start : start + 500] for start in range(0, len(ids), 500)]  # SQLite's parameter cap
    with connection.cursor() as cursor:
        for chunk in chunks:
            if wanted is None:
                where = f"inquiry_id IN ({', '.join('%s' for _ in chunk)})"
            for table, column, into in (
                (DEPARTMENTS_TABLE, "department_id", departments),
                (AUTHORS_TABLE, "person_id", authors),
            ):
                cursor.execute(f"SELECT inquiry_id, {column} FROM {table} WHERE {where}", chunk)
                for inquiry_id, value in cursor.fetchall():
                    if wanted is None or inquiry_id in wanted:
                        into.setdefault(int(inquiry_id), []).append(int(value))
    return departments, authors


def document(row: IndexRow, departments: list[int], authors: list[int]) -> Any:
    fields: dict[str, Any] = {
        "id": row.inquiry_id,
        "pub": int(row.is_published),
        "title": " ".join(row.title),
        "body": " ".join(row.body),
        "forms": " ".join(row.forms),
        "kind": row.kind,
        "body_id": row.body_id,
        "state": state(row),
        "datekey": (row.filed_on.toordinal() if row.filed_on else 0) << DATE_SHIFT | row.inquiry_id,
    }
    # Absent values stay absent (not 0): terms aggregations skip them as SQL's GROUP BY ... IS NOT NULL does.
    optional = {
        "term_id": row.term_id,
        "club_id": row.club_id,
        "year": row.year,
        "filed": row.filed_on.toordinal() if row.filed_on else None,
        "due_open": row.due_on.toordinal() if row.due_on and fields["state"] == OPEN_DUE else None,
    }
    fields.update((name, value) for name, value in optional.items() if value is not None)
    if departments:
        fields["department"] = departments
    if authors:
        fields["author"] = authors
    return tantivy.Document(**fields)
