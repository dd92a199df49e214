"""The SQL backend with the tantivy mirror in front: ranked pages and totals come from tantivy while it is in sync.

tantivy scores with BM25 and skips whole blocks of postings that cannot reach the top k (block-max WAND), which
is what FTS5 and PostgreSQL lack for queries holding a very common word. The match expression stays the SQL
engine's (a `Compiled` string also carrying the tantivy query), so facets, similar and every fallback use SQL
unchanged. Searches with filters other than "published", sorted by date, or against a stale mirror go to SQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import tantivy

from .. import mirror as mirror_mod
from ..query import AnyOf, Clause, ParsedQuery, Phrase, Prefix, Word
from . import Backend, IndexRow

# The FTS5 column weights (bm25(search_fts, 6, 1, 0.3)) as per-field boosts.
TITLE, BODY, FORMS = 6.0, 1.0, 0.3
PUBLISHED_ONLY = ("", " AND d.is_published")
Occur = tantivy.Occur
Q = tantivy.Query


class Compiled(str):
    """The SQL engine's match expression, with the equivalent tantivy query attached."""

    query: Any


def _boost(query: Any, weight: float) -> Any:
    return query if weight == 1.0 else Q.boost_query(query, weight)


def _any(queries: list[Any]) -> Any:
    return queries[0] if len(queries) == 1 else Q.boolean_query([(Occur.Should, q) for q in queries])


def clause_query(schema: Any, clause: Clause) -> Any:
    """One clause as tantivy sees it: the same fields and the same matching rules as the SQL engines."""
    if isinstance(clause, Word):
        options = [_boost(Q.term_query(schema, "title", lemma), TITLE) for lemma in clause.lemmas]
        options += [_boost(Q.term_query(schema, "body", lemma), BODY) for lemma in clause.lemmas]
        if clause.form:
            options.append(_boost(Q.term_query(schema, "forms", clause.form), FORMS))
        return _any(options)
    if isinstance(clause, Prefix):
        pattern = re.escape(clause.stem) + ".*"
        return _any(
            [
                _boost(Q.regex_query(schema, field, pattern), weight)
                for field, weight in (("title", TITLE), ("body", BODY), ("forms", FORMS))
            ]
        )
    if isinstance(clause, Phrase):
        if len(clause.forms) == 1:
            return _boost(Q.term_query(schema, "forms", clause.forms[0]), FORMS)
        return _boost(Q.phrase_query(schema, "forms", list(clause.forms)), FORMS)
    assert isinstance(clause, AnyOf)
    return _any([clause_query(schema, option) for option in clause.options])


def tantivy_query(schema: Any, parsed: ParsedQuery, *, require_all: bool, exclude_all: bool) -> Any:
    clauses = [clause_query(schema, c) for c in parsed.clauses]
    occur = Occur.Must if require_all else Occur.Should
    parts = [(occur, q) for q in clauses]
    if exclude_all:
        parts.append((Occur.MustNot, Q.boolean_query([(Occur.Must, q) for q in clauses])))
    parts += [(Occur.MustNot, clause_query(schema, c)) for c in parsed.excluded]
    return Q.boolean_query(parts)


def _ids(searcher: Any, found: Any) -> list[tuple[int, float]]:
    return [(int(searcher.doc(address).get_first("id")), float(score)) for score, address in found.hits]


class AcceleratedBackend:
    """Delegates everything to `sql` except ranked pages and totals that the mirror can answer."""

    def __init__(self, sql: Backend, found: mirror_mod.Mirror) -> None:
        self.sql = sql
        self.mirror = found
        self.vendor = getattr(sql, "vendor", "")
        self._sync: bool | None = None

    def compile(self, parsed: ParsedQuery, *, require_all: bool = False, exclude_all: bool = False) -> str:
        compiled = Compiled(self.sql.compile(parsed, require_all=require_all, exclude_all=exclude_all))
        compiled.query = tantivy_query(
            self.mirror.schema, parsed, require_all=require_all, exclude_all=exclude_all
        )
        return compiled

    def _query(self, match: str, where: str, params: list[Any], sort: str = "relevance") -> Any:
        """The tantivy query for this search, or None when SQL must answer."""
        if not isinstance(match, Compiled) or where not in PUBLISHED_ONLY or params or sort == "date":
            return None
        if self._sync is None:  # asked once per backend object, i.e. once per search
            self._sync = mirror_mod.in_sync(self.mirror)
        if not self._sync:
            return None
        if not where:
            return match.query
        published = Q.const_score_query(Q.term_query(self.mirror.schema, "pub", 1), 0.0)
        return Q.boolean_query([(Occur.Must, match.query), (Occur.Must, published)])

    def ranked(
        self, match: str, where: str, params: list[Any], *, sort: str, limit: int, offset: int
    ) -> list[tuple[int, float]]:
        query = self._query(match, where, params, sort)
        if query is None:
            return self.sql.ranked(match, where, params, sort=sort, limit=limit, offset=offset)
        searcher: Any = self.mirror.index.searcher()
        found = searcher.search(query, limit, count=False, offset=offset)
        return _ids(searcher, found)

    def count(self, match: str, where: str, params: list[Any]) -> int:
        query = self._query(match, where, params)
        if query is None:
            return self.sql.count(match, where, params)
        # An aggregation needs no scores, so tantivy visits the matches without computing BM25 (about twice as
        # fast as a count beside a top-k collector, which scores every match).
        searcher: Any = self.mirror.index.searcher()
        return int(searcher.aggregate(query, {"n": {"value_count": {"field": "id"}}})["n"]["value"])

    def count_and_ranked(
        self, match: str, where: str, params: list[Any], *, sort: str, limit: int, offset: int
    ) -> tuple[int, list[tuple[int, float]]]:
        """The total and one page in a single pass over the matches (what `count` + `ranked` would return).

        Our queries nest booleans (a word is an OR over fields and lemmas), so tantivy cannot prune with block-max
        WAND and scores every match for the top k anyway; counting in that same pass costs next to nothing.
        """
        query = self._query(match, where, params, sort)
        if query is None:
            total = self.count(match, where, params)
            return total, self.ranked(match, where, params, sort=sort, limit=limit, offset=offset)
        searcher: Any = self.mirror.index.searcher()
        found = searcher.search(query, limit, count=True, offset=offset)
        return int(found.count), _ids(searcher, found)

    def ids_sql(self, match: str) -> tuple[str, list[Any]]:
        return self.sql.ids_sql(str(match))

    def write(self, rows: list[IndexRow]) -> None:
        self.sql.write(rows)

    def bulk_load(self, batches: Iterable[list[IndexRow]]) -> int:
        return self.sql.bulk_load(batches)

    def optimize(self) -> None:
        self.sql.optimize()
