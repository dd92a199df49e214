"""SQLite FTS5: external-content table `search_fts` over search_document (kept in sync by triggers), ranked by BM25."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection

from ..query import AnyOf, Clause, ParsedQuery, Phrase, Prefix, Word
from . import After, Beside, IndexRow

# BM25 column weights: a word in the subject says far more about an inquiry than one deep in an answer.
BM25 = "bm25(search_fts, 6.0, 1.0, 0.3)"
DATE_ORDER = "d.filed_on IS NULL, d.filed_on DESC, d.inquiry_id DESC"


def _q(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def clause_sql(clause: Clause) -> str:
    """FTS5 syntax for one clause; every token is quoted so that lemmas like "or" or "near" stay words."""
    if isinstance(clause, Word):
        lemma_part = "{title body} : (" + " OR ".join(_q(lemma) for lemma in clause.lemmas) + ")"
        return f"({lemma_part} OR forms : {_q(clause.form)})" if clause.form else f"({lemma_part})"
    if isinstance(clause, Prefix):
        return "({title body forms} : " + _q(clause.stem) + " *)"
    if isinstance(clause, Phrase):
        return "(forms : " + _q(" ".join(clause.forms)) + ")"
    assert isinstance(clause, AnyOf)
    return "(" + " OR ".join(clause_sql(option) for option in clause.options) + ")"


# The sync triggers (also created by migration 0002); a bulk load drops them and rebuilds the index in one pass.
TRIGGERS = {
    "search_document_ai": """CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN
        INSERT INTO search_fts(rowid, title, body, forms) VALUES (new.inquiry_id, new.title, new.body, new.forms);
    END""",
    "search_document_ad": """CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body, forms)
        VALUES ('delete', old.inquiry_id, old.title, old.body, old.forms);
    END""",
    "search_document_au": """CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body, forms)
        VALUES ('delete', old.inquiry_id, old.title, old.body, old.forms);
        INSERT INTO search_fts(rowid, title, body, forms) VALUES (new.inquiry_id, new.title, new.body, new.forms);
    END""",
}


INSERT_SQL = (
    "INSERT INTO search_document (inquiry_id, title, body, forms, body_id, term_id, club_id, kind, year,"
    " filed_on, due_on, answered_on, is_withdrawn, is_published)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
)
# FTS5 settings while a bulk load writes (no automatic merges, 64 MB of pending postings in memory; measured at 100k:
# a quarter less CPU than the defaults, merges included) and their FTS5 defaults, restored afterwards.
BULK_CONFIG = {"automerge": 0, "hashsize": 64 * 2**20}
FTS5_DEFAULTS = {"automerge": 4, "hashsize": 2**20}


def _config(cursor: Any) -> dict[str, Any]:
    cursor.execute("SELECT k, v FROM search_fts_config")
    return dict(cursor.fetchall())


def _set_config(cursor: Any, key: str, value: Any) -> None:
    cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES (%s, %s)", [key, value])


class Fts5Backend:
    """FTS5 with BM25."""

    vendor = "sqlite"

    def compile(self, parsed: ParsedQuery, *, require_all: bool = False, exclude_all: bool = False) -> str:
        glue = " AND " if require_all else " OR "
        expression = "(" + glue.join(clause_sql(c) for c in parsed.clauses) + ")"
        if exclude_all:  # the second tier: documents matching some clauses but not all of them
            expression += " NOT (" + " AND ".join(clause_sql(c) for c in parsed.clauses) + ")"
        if parsed.excluded:
            expression += " NOT (" + " OR ".join(clause_sql(c) for c in parsed.excluded) + ")"
        return expression

    def write(self, rows: list[IndexRow]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM search_document WHERE inquiry_id = %s", [(row.inquiry_id,) for row in rows]
            )
            self._insert(cursor, rows)

    def bulk_load(
        self, batches: Iterable[list[IndexRow]], beside: Beside | None = None, after: After | None = None
    ) -> int:
        """Replace the whole index (inside the caller's transaction): the rows without triggers, FTS5 fed beside them.

        Triggers would make FTS5 tokenise every deleted row again, so they are dropped and the index emptied with
        'delete-all'; each batch then goes to search_document and to search_fts (while the next one is being
        lemmatised, rather than in one rebuild at the end that would read the content table again). Meanwhile FTS5
        keeps up to 64 MB of postings in memory and merges nothing (BULK_CONFIG); optimize() merges the segments.
        """
        done = 0
        with connection.cursor() as cursor:
            saved = _config(cursor)
            for key, value in BULK_CONFIG.items():
                _set_config(cursor, key, value)
            for name in TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
            cursor.execute("DELETE FROM search_document")
            for rows in batches:
                values = [(row.inquiry_id, *row.streams(), *row.facts()) for row in rows]
                cursor.executemany(INSERT_SQL, values)
                cursor.executemany(
                    "INSERT INTO search_fts(rowid, title, body, forms) VALUES (%s, %s, %s, %s)",
                    [value[:4] for value in values],
                )
                if beside is not None:
                    beside(rows)
                done += len(rows)
            if after is not None:
                after()
            for sql in TRIGGERS.values():
                cursor.execute(sql)
            for key in BULK_CONFIG:
                _set_config(cursor, key, saved.get(key, FTS5_DEFAULTS[key]))
        return done

    @staticmethod
    def _insert(cursor: Any, rows: list[IndexRow]) -> None:
        cursor.executemany(INSERT_SQL, [(row.inquiry_id, *row.streams(), *row.facts()) for row in rows])

    def ranked(
        self, match: str, where: str, params: list[Any], *, sort: str, limit: int, offset: int
    ) -> list[tuple[int, float]]:
        order = DATE_ORDER if sort == "date" else "score DESC"
        join = " JOIN search_document d ON d.inquiry_id = search_fts.rowid" if where or sort == "date" else ""
        sql = (
            f"SELECT search_fts.rowid, -{BM25} AS score FROM search_fts{join}"
            f" WHERE search_fts MATCH %s{where} ORDER BY {order} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *params, limit, offset])
            return [(int(r[0]), float(r[1])) for r in cursor.fetchall()]

    def count(self, match: str, where: str, params: list[Any]) -> int:
        join = " JOIN search_document d ON d.inquiry_id = search_fts.rowid" if where else ""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM search_fts{join} WHERE search_fts MATCH %s{where}", [match, *params]
            )
            return int(cursor.fetchone()[0])

    def ids_sql(self, match: str) -> tuple[str, list[Any]]:
        return "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [match]

    def optimize(self) -> None:
        """Merge FTS5 segments after a bulk load (queries touch fewer b-trees)."""
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
