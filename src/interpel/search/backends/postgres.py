"""PostgreSQL: a `tsv` tsvector built in Python from our lemmas (no text search configuration involved), GIN index.

Lexemes: lemmas of the subject (weight A) and of the texts (weight B), nothing else. What must match word forms
(phrases, prefixes of forms, words SGJP does not know) is checked on the stored `forms` text, which holds the folded
forms in order, one space apart. Indexing the forms as well doubled the lexemes and made the index build four times
as long (15.8 s against 4.1 s at 100k documents, docs/search.md), for queries the tantivy mirror answers anyway.
Queries are built from the same parsed clauses as FTS5: a tsquery when lemmas alone decide, an SQL predicate otherwise.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from django.db import connection

from ..query import AnyOf, Clause, ParsedQuery, Phrase, Prefix, Word
from . import After, Beside, IndexRow

MAX_POSITION = 16383  # PostgreSQL's limit for a lexeme position
MAX_POSITIONS_PER_LEXEME = 255
MAX_LEXEME_CHARS = 200
# ts_rank weights {D, C, B, A}: texts (B) count, the subject (A) counts most; C and D are not used.
RANK = "ts_rank('{0.02, 0.1, 0.2, 1.0}', d.tsv, q, 1)"
DATE_ORDER = "d.filed_on DESC NULLS LAST, d.inquiry_id DESC"
# Rows read from the RUM index beyond a page while they tie with its last row; more go to a server-side sort.
TIES_READ = 2000


INDEX_SQL = "CREATE INDEX search_document_tsv ON search_document USING gin (tsv)"
RUM_INDEX_SQL = "CREATE INDEX search_document_tsv_rum ON search_document USING rum (tsv rum_tsvector_ops)"
# The index over `tsv`: GIN, or RUM where its package is installed (migration 0006 keeps one, never both).
TSV_INDEXES = {"search_document_tsv": INDEX_SQL, "search_document_tsv_rum": RUM_INDEX_SQL}


def _lit(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(title: list[str], body: list[str]) -> str:
    """A tsvector in its text form, with positions (ts_rank and RUM's distance use them) and weights."""
    positions: dict[str, list[str]] = defaultdict(list)
    position = 0
    for weight, stream in (("A", title), ("B", body)):
        for lexeme in stream:
            position = min(position + 1, MAX_POSITION)
            positions[lexeme[:MAX_LEXEME_CHARS]].append(f"{position}{weight}")
    return " ".join(
        f"{_lit(lexeme)}:{','.join(where[:MAX_POSITIONS_PER_LEXEME])}" for lexeme, where in positions.items()
    )


# What follows a token in tsvector_text: "':<position><weight> '", for every position.
_SUFFIXES: dict[str, list[str]] = {"A": [], "B": []}


def _suffixes(weight: str, stop: int) -> list[str]:
    table = _SUFFIXES[weight]
    if len(table) <= stop:
        more = range(len(table), stop + 1025)
        table.extend(f"':{min(i, MAX_POSITION)}{weight} '" for i in more)
    return table


def _plain(tokens: list[str]) -> bool:
    """Whether tsvector_text() may write these tokens as they are: each fits in a lexeme and none needs a position
    beyond MAX_POSITIONS_PER_LEXEME (only long documents are counted)."""
    if tokens and max(map(len, tokens)) > MAX_LEXEME_CHARS:
        return False
    return (
        len(tokens) <= MAX_POSITIONS_PER_LEXEME or max(Counter(tokens).values()) <= MAX_POSITIONS_PER_LEXEME
    )


def tsvector_text(title: str, body: str) -> str:
    """tsvector_literal() of the stored lemma streams (split on whitespace, as FTS5 and tantivy split them), faster.

    One entry per token ('lexeme':position+weight) rather than one per lexeme: the server merges the entries of a
    lexeme into the same value, and the text is made by C-level zips and joins instead of a Python loop per token.
    Streams with a quote or backslash, a token too long for a lexeme, or a lexeme occurring more than
    MAX_POSITIONS_PER_LEXEME times (tsvector_literal keeps the first ones; the server would keep one more) go through
    tsvector_literal().
    """
    head, rest = title.split(), body.split()
    words = head + rest
    if any("'" in text or "\\" in text for text in (title, body)) or not _plain(words):
        return tsvector_literal(head, rest)
    if not words:
        return ""
    # token, "':1A '", token, "':2A '", ...: each suffix opens the next entry, the last one's opening is cut
    parts = ["'"]
    h, n = len(head), len(words)
    parts += chain.from_iterable(zip(head, _suffixes("A", h)[1 : h + 1], strict=True))
    parts += chain.from_iterable(zip(rest, _suffixes("B", n)[h + 1 : n + 1], strict=True))
    parts[-1] = parts[-1].rsplit(" ", 1)[0]
    return "".join(parts)


COLUMNS = (
    "inquiry_id, title, body, forms, tsv, body_id, term_id, club_id, kind, year, filed_on, due_on,"
    " answered_on, is_withdrawn, is_published"
)


@dataclass
class TsvRow(IndexRow):
    """An index row whose tsvector text was made beforehand (by a worker of a bulk reindex)."""

    tsv: str = ""


def _run_all(cursor: Any, statements: list[str]) -> None:
    for sql in statements:
        cursor.execute(sql)


def _values(row: IndexRow) -> tuple[Any, ...]:
    """One row for INSERT or COPY: the streams are kept as text too (the tantivy mirror is rebuilt from them)."""
    streams = row.streams()
    tsv = row.tsv if isinstance(row, TsvRow) else tsvector_text(streams[0], streams[1])
    return (row.inquiry_id, *streams, tsv, *row.facts())


# A word form, a run of forms (a phrase) or the start of a form, found in the stored forms (one space apart).
HAS_FORMS = "strpos(' ' || d.forms || ' ', %s) > 0"
HAS_FORM_START = "strpos(' ' || d.forms, %s) > 0"


@dataclass(frozen=True)
class _Part:
    """A compiled (sub)query: a tsquery over the lemmas when they alone decide, else an SQL predicate on `d`."""

    tsquery: str | None = None
    sql: str = ""
    params: list[str] = field(default_factory=list)

    def as_sql(self) -> tuple[str, list[str]]:
        if self.tsquery is None:
            return self.sql, self.params
        return "d.tsv @@ CAST(%s AS tsquery)", [self.tsquery]


def _lemmas(lemmas: Iterable[str]) -> str:
    return "(" + " | ".join(_lit(lemma) for lemma in lemmas) + ")"


def _either(first: _Part, sql: str, params: list[str]) -> _Part:
    head, head_params = first.as_sql()
    return _Part(None, f"({head} OR {sql})", [*head_params, *params])


def _combine(parts: list[_Part], glue: str) -> _Part:
    """All parts (glue "&") or any of them ("|"): one tsquery while every part is one."""
    if all(part.tsquery is not None for part in parts):
        return _Part("(" + f" {glue} ".join(str(part.tsquery) for part in parts) + ")")
    sqls: list[str] = []
    params: list[str] = []
    for part in parts:
        sql, part_params = part.as_sql()
        sqls.append(sql)
        params += part_params
    return _Part(None, "(" + (" AND " if glue == "&" else " OR ").join(sqls) + ")", params)


def _negated(part: _Part) -> _Part:
    if part.tsquery is not None:
        return _Part("!" + part.tsquery)
    return _Part(None, f"NOT ({part.sql})", part.params)


def clause_part(clause: Clause) -> _Part:
    """One clause with the same matching rules as FTS5 and the mirror (forms compared on the stored forms text)."""
    if isinstance(clause, Word):
        lemmas = _Part(_lemmas(clause.lemmas)) if clause.lemmas else None
        if not clause.form:
            return lemmas or _Part(None, "FALSE")
        if lemmas is None:
            return _Part(None, HAS_FORMS, [f" {clause.form} "])
        return _either(lemmas, HAS_FORMS, [f" {clause.form} "])
    if isinstance(clause, Prefix):
        return _either(_Part(f"{_lit(clause.stem)}:*"), HAS_FORM_START, [" " + clause.stem])
    if isinstance(clause, Phrase):
        return _Part(None, HAS_FORMS, [" " + " ".join(clause.forms) + " "])
    assert isinstance(clause, AnyOf)
    return _combine([clause_part(option) for option in clause.options], "|")


def clause_rank(clause: Clause) -> str:
    """The lemmas a clause is ranked by (a phrase by its words' lemmas as typed): ts_rank and RUM need a tsquery.

    A word SGJP does not know ranks by itself, which no lemma of a document holds: the documents it finds through
    their forms score 0 here (the tantivy mirror scores them on the forms field)."""
    if isinstance(clause, Word):
        return _lemmas(clause.lemmas or [clause.form or clause.text])
    if isinstance(clause, Prefix):
        return f"{_lit(clause.stem)}:*"
    if isinstance(clause, Phrase):
        return _lemmas(clause.lemmas or clause.forms)
    assert isinstance(clause, AnyOf)
    return "(" + " | ".join(clause_rank(option) for option in clause.options) + ")"


def _unpacked(match: str) -> tuple[str, str | None, list[str]]:
    """(tsquery to rank by, SQL predicate or None when `d.tsv @@` that tsquery is the whole condition, its params)."""
    rank, sql, params = json.loads(match)
    return rank, sql, params


def has_rum_index() -> bool:
    """Whether the optional RUM index (Debian postgresql-15-rum) exists: it returns ranked top-k from the index."""
    cached = getattr(connection, "_interpel_has_rum", None)  # asked once per connection, not per search
    if cached is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass('search_document_tsv_rum') IS NOT NULL")
            cached = bool(cursor.fetchone()[0])
        connection._interpel_has_rum = cached  # type: ignore[attr-defined]
    return cached


class PostgresBackend:
    """tsvector + GIN, ranked by ts_rank (or by RUM's <=> distance when `rum` is set)."""

    vendor = "postgresql"

    def __init__(self, rum: bool = False) -> None:
        self.rum = rum

    def compile(self, parsed: ParsedQuery, *, require_all: bool = False, exclude_all: bool = False) -> str:
        """The match as a JSON triple (see _unpacked): the backends' contract passes it around as a string."""
        clauses = [clause_part(c) for c in parsed.clauses]
        match = _combine(clauses, "&" if require_all else "|")
        if exclude_all:
            match = _combine([match, _negated(_combine(clauses, "&"))], "&")
        if parsed.excluded:
            match = _combine([match, _negated(_combine([clause_part(c) for c in parsed.excluded], "|"))], "&")
        if match.tsquery is not None:
            return json.dumps([match.tsquery, None, []])
        rank = "(" + " | ".join(clause_rank(c) for c in parsed.clauses) + ")"
        return json.dumps([rank, match.sql, match.params])

    def write(self, rows: list[IndexRow]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_document WHERE inquiry_id = ANY(%s)", [[row.inquiry_id for row in rows]]
            )
            cursor.executemany(
                f"INSERT INTO search_document ({COLUMNS}) VALUES (%s, %s, %s, %s, %s::tsvector{', %s' * 10})",
                [_values(row) for row in rows],
            )

    def bulk_load(
        self, batches: Iterable[list[IndexRow]], beside: Beside | None = None, after: After | None = None
    ) -> int:
        """Replace the whole index (inside the caller's transaction): COPY without the GIN index, then build it.

        Each batch is turned into plain tuples before its COPY starts: the batches come from queries on this same
        connection, and a query issued while a COPY is open blocks for ever. The rows' large values are compressed
        with lz4 where the server has it (a quarter less server CPU for the COPY than pglz; both read back alike).
        """
        done = 0
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
            )
            found = cursor.fetchone()
            if found and found[0]:
                cursor.execute("SET LOCAL default_toast_compression = lz4")
            cursor.execute("DELETE FROM search_document")
            # The tsv indexes there now are the ones built again at the end (GIN when there was none).
            cursor.execute(
                "SELECT name FROM unnest(%s::text[]) AS name WHERE to_regclass(name) IS NOT NULL",
                [list(TSV_INDEXES)],
            )
            present = [row[0] for row in cursor.fetchall()] or ["search_document_tsv"]
            for name in present:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
            for rows in batches:
                values = [_values(row) for row in rows]
                with cursor.cursor.copy(f"COPY search_document ({COLUMNS}) FROM STDIN") as copy:
                    for value in values:
                        copy.write_row(value)
                    # While the server parses the rows sent (the end of COPY waits for it).
                    if beside is not None:
                        beside(rows)
                done += len(values)
            # Django's foreign keys are deferred; their pending checks must run before an index can be built.
            tidy = ["SET CONSTRAINTS ALL IMMEDIATE", *(TSV_INDEXES[name] for name in present)]
            if after is None:
                for sql in tidy:
                    cursor.execute(sql)
                return done
            # The index is built by one server process on one core (4 s at 100k); `after` runs here meanwhile. The
            # driver's cursor is used from the other thread: Django's wrapper refuses to be shared between threads.
            with ThreadPoolExecutor(1, thread_name_prefix="index-build") as pool:
                built = pool.submit(_run_all, cursor.cursor, tidy)
                try:
                    after()
                finally:
                    with connection.wrap_database_errors:
                        built.result()
        return done

    def ranked(
        self, match: str, where: str, params: list[Any], *, sort: str, limit: int, offset: int
    ) -> list[tuple[int, float]]:
        if self.rum and sort != "date":
            return self._rum_ranked(match, where, params, limit=limit, offset=offset)
        rank, condition, condition_params = _unpacked(match)
        order = DATE_ORDER if sort == "date" else "score DESC, d.inquiry_id"
        sql = (
            f"SELECT d.inquiry_id, {RANK} AS score FROM search_document d, CAST(%s AS tsquery) q"
            f" WHERE {condition or 'd.tsv @@ q'}{where} ORDER BY {order} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [rank, *condition_params, *params, limit, offset])
            return [(int(r[0]), float(r[1])) for r in cursor.fetchall()]

    def _rum_ranked(
        self, match: str, where: str, params: list[Any], *, limit: int, offset: int
    ) -> list[tuple[int, float]]:
        """Pages ordered by RUM distance, equal distances by id, read from the index's own order.

        Adding the id to ORDER BY would make PostgreSQL score and sort every match (a second for a common word at
        100k, against 13 ms), and without it equal distances (frequent: short texts, a one-word query) come in no
        fixed order, so pages could repeat or skip a result. So the first offset + limit rows by distance are read
        from the index, plus more while the last one read ties with the last one wanted (then some rows of that
        distance may not have been read yet), and sorted by (distance, id) here.
        """
        wanted = offset + limit
        if wanted <= 0:
            return []
        rank, condition, condition_params = _unpacked(match)
        sorted_sql = (
            "SELECT d.inquiry_id, 1.0 / NULLIF(d.tsv <=> q, 0) FROM search_document d, CAST(%s AS tsquery) q"
            f" WHERE {condition or 'd.tsv @@ q'}{where} ORDER BY (d.tsv <=> q) + 0, d.inquiry_id LIMIT %s OFFSET %s"
        )
        index_sql = (
            "SELECT d.inquiry_id, d.tsv <=> q AS distance FROM search_document d, CAST(%s AS tsquery) q"
            f" WHERE d.tsv @@ q{where} ORDER BY d.tsv <=> q LIMIT %s"
        )
        with connection.cursor() as cursor:
            # RUM's index order is not the distance order for prefix queries (seen: 0.72, 1.23, 0.75, ...), and a
            # tie of thousands of rows is cheaper to sort on the server: then every match is scored and sorted
            # (`+ 0` keeps the planner from the index's order). So are matches that forms decide (no index order).
            reading = wanted + 1 if condition is None and ":*" not in rank else 0
            while reading:
                cursor.execute(index_sql, [rank, *params, reading])
                rows = [(float(r[1]), int(r[0])) for r in cursor.fetchall()]
                if len(rows) < reading or rows[-1][0] != rows[wanted - 1][0]:
                    rows.sort()  # every match read, or every row as near as the last wanted one is among those read
                    return [(i, 1.0 / distance if distance else 0.0) for distance, i in rows[offset:wanted]]
                reading = reading * 2 if reading < wanted + TIES_READ else 0
            cursor.execute(sorted_sql, [rank, *condition_params, *params, limit, offset])
            return [(int(r[0]), float(r[1] or 0.0)) for r in cursor.fetchall()]

    def count(self, match: str, where: str, params: list[Any]) -> int:
        condition, condition_params = self._condition(match)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM search_document d WHERE {condition}{where}",
                [*condition_params, *params],
            )
            return int(cursor.fetchone()[0])

    def ids_sql(self, match: str) -> tuple[str, list[Any]]:
        condition, condition_params = self._condition(match)
        return f"SELECT d.inquiry_id FROM search_document d WHERE {condition}", condition_params

    @staticmethod
    def _condition(match: str) -> tuple[str, list[str]]:
        rank, condition, condition_params = _unpacked(match)
        if condition is None:
            return "d.tsv @@ CAST(%s AS tsquery)", [rank]
        return condition, condition_params

    def optimize(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_document")
