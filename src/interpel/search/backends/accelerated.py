"""The SQL backend with the tantivy mirror in front: pages, totals and facet counts come from tantivy while in sync.

tantivy scores with BM25 and skips whole blocks of postings that cannot reach the top k (block-max WAND), which
is what FTS5 and PostgreSQL lack for queries holding a very common word; facet counts are aggregations over fast
fields, in Rust, instead of seven GROUP BYs over every match. The match expression stays the SQL engine's (a
`Compiled` string also carrying the tantivy query) and the filters stay SQL (a `Where` string also carrying them as
`Condition`s), so similar and every fallback use SQL unchanged. A stale mirror, or a filter it cannot express,
sends the search to SQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import tantivy

from .. import mirror as mirror_mod
from .. import mirror_docs as docs
from ..filters import Condition, Where
from ..query import AnyOf, Clause, ParsedQuery, Phrase, Prefix, Word
from . import After, Backend, Beside, IndexRow

# The FTS5 column weights (bm25(search_fts, 6, 1, 0.3)) as per-field boosts.
TITLE, BODY, FORMS = 6.0, 1.0, 0.3
PUBLISHED_ONLY = ("", " AND d.is_published")
Occur = tantivy.Occur
Q = tantivy.Query
INT = tantivy.FieldType.Integer
# A terms aggregation returns at most `size` buckets; asking for more than there can be keeps the counts exact (a
# result with `sum_other_doc_count` > 0 would send the facets to SQL).
ALL_BUCKETS = 1 << 20
FACET_FIELDS = {
    "kind": "kind",
    "body": "body_id",
    "club": "club_id",
    "year": "year",
    "department": "department",
    "councillor": "author",
    "state": "state",
}


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


def _range(schema: Any, field: str, low: int | None, high: int | None) -> Any:
    return Q.range_query(schema, field, INT, low, high)


def _status_query(schema: Any, code: str, today: date) -> Any:
    """One status of status_sql() (filters.py): fixed states, or the due day of the unanswered ones against today."""
    day, soon = today.toordinal(), (today + timedelta(days=3)).toordinal()
    states = {name: code for code, name in docs.STATE_NAMES.items()}
    if code == "answered":  # the filter means any answer (the facet value means one without a due date)
        answered = (docs.ANSWERED, docs.ON_TIME, docs.LATE)
        return Q.term_set_query(schema, "state", list(answered))
    if code == "overdue":
        return _range(schema, "due_open", None, day - 1)
    if code == "due_soon":
        return _range(schema, "due_open", day, soon)
    if code == "awaiting":
        return Q.boolean_query(
            [
                (Occur.Should, Q.term_query(schema, "state", docs.OPEN)),
                (Occur.Should, _range(schema, "due_open", soon + 1, None)),
            ]
        )
    return Q.term_query(schema, "state", states[code])


def condition_query(schema: Any, condition: Condition) -> Any:
    """One filter as a tantivy query (matching what its SQL in filters.py selects)."""
    name, values = condition.name, condition.values
    if name == "published":
        return Q.term_query(schema, "pub", 1)
    if name == "kind":
        return Q.term_query(schema, "kind", values[0])
    if name == "status":
        return _status_query(schema, values[0], values[1])
    if name in ("body", "term", "club"):
        return Q.term_set_query(schema, f"{name}_id", list(values))
    if name == "department":
        return Q.term_set_query(schema, "department", list(values))
    if name == "councillor":
        return Q.term_set_query(schema, "author", list(values))
    if name == "date_from":
        return _range(schema, "filed", values[0].toordinal(), None)
    if name == "date_to":
        return _range(schema, "filed", None, values[0].toordinal())
    if name == "year":
        return Q.term_query(schema, "year", int(values[0]))
    raise ValueError(name)


def _ids(searcher: Any, found: Any) -> list[tuple[int, float]]:
    return [(int(searcher.doc(address).get_first("id")), float(score)) for score, address in found.hits]


class AcceleratedBackend:
    """Delegates everything to `sql` except what the mirror can answer: pages, totals, browsing and facet counts."""

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

    def _filters(self, where: str, params: list[Any]) -> list[Any] | None:
        """The filters as tantivy queries ([] for none), or None when only SQL can apply them."""
        if isinstance(where, Where):
            try:
                return [condition_query(self.mirror.schema, c) for c in where.conditions]
            except ValueError:  # a filter this version of the mirror does not know
                return None
        if where in PUBLISHED_ONLY and not params:
            return [Q.term_query(self.mirror.schema, "pub", 1)] if where else []
        return None

    def _query(self, match: str | None, where: str, params: list[Any]) -> Any:
        """The tantivy query for this search (every document when `match` is None), or None when SQL must answer."""
        if match is not None and not isinstance(match, Compiled):
            return None
        filters = self._filters(where, params)
        if filters is None:
            return None
        if self._sync is None:  # asked once per backend object, i.e. once per search
            self._sync = mirror_mod.in_sync(self.mirror)
        if not self._sync:
            return None
        base = Q.all_query() if match is None else match.query
        if not filters:
            return base
        # Filters score nothing: the BM25 scores stay those of the words alone.
        return Q.boolean_query(
            [(Occur.Must, base), *((Occur.Must, Q.const_score_query(f, 0.0)) for f in filters)]
        )

    def _page(
        self, query: Any, sort: str, limit: int, offset: int, count: bool
    ) -> tuple[int, list[tuple[int, float]]]:
        searcher: Any = self.mirror.index.searcher()
        if sort != "date":
            found = searcher.search(query, limit, count=count, offset=offset)
            return int(found.count or 0), _ids(searcher, found)
        # datekey orders as the SQL engines' DATE_ORDER (filed_on desc, undated last, then id desc); the page's
        # scores are then asked of the same query, restricted to the page, so a hit's score means what it did.
        found = searcher.search(query, limit, count=count, offset=offset, order_by_field="datekey")
        ids = [int(searcher.doc(address).get_first("id")) for _key, address in found.hits]
        if not ids:
            return int(found.count or 0), []
        only = Q.const_score_query(Q.term_set_query(self.mirror.schema, "id", ids), 0.0)
        scored = searcher.search(
            Q.boolean_query([(Occur.Must, query), (Occur.Must, only)]), len(ids), count=False
        )
        scores = dict(_ids(searcher, scored))
        return int(found.count or 0), [(i, scores.get(i, 0.0)) for i in ids]

    def ranked(
        self, match: str, where: str, params: list[Any], *, sort: str, limit: int, offset: int
    ) -> list[tuple[int, float]]:
        query = self._query(match, where, params)
        if query is None:
            return self.sql.ranked(match, where, params, sort=sort, limit=limit, offset=offset)
        return self._page(query, sort, limit, offset, count=False)[1]

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
        query = self._query(match, where, params)
        if query is None:
            total = self.count(match, where, params)
            return total, self.ranked(match, where, params, sort=sort, limit=limit, offset=offset)
        return self._page(query, sort, limit, offset, count=True)

    def browse(
        self, where: str, params: list[Any], *, limit: int, offset: int
    ) -> tuple[int, list[tuple[int, float]]] | None:
        """No words, only filters: the total and a page newest first (scores 0), or None when SQL must answer."""
        query = self._query(None, where, params)
        if query is None:
            return None
        searcher: Any = self.mirror.index.searcher()
        found = searcher.search(query, limit, count=True, offset=offset, order_by_field="datekey")
        return int(found.count), [(int(searcher.doc(a).get_first("id")), 0.0) for _key, a in found.hits]

    def facet_counts(
        self, match: str | None, where: str, params: list[Any], *, today: date
    ) -> dict[str, dict[str, int]] | None:
        """Raw facet counts as facets.counts() groups them in SQL (ids as strings), or None when SQL must answer."""
        query = self._query(match, where, params)
        if query is None:
            return None
        day, after_soon = today.toordinal(), (today + timedelta(days=4)).toordinal()
        aggs: dict[str, Any] = {
            name: {"terms": {"field": field, "size": ALL_BUCKETS}} for name, field in FACET_FIELDS.items()
        }
        ranges = [{"key": "overdue", "to": day}, {"key": "due_soon", "from": day, "to": after_soon}]
        aggs["due"] = {
            "range": {"field": "due_open", "ranges": [*ranges, {"key": "awaiting", "from": after_soon}]}
        }
        found = self.mirror.index.searcher().aggregate(query, aggs)
        raw: dict[str, dict[str, int]] = {}
        for name in FACET_FIELDS:
            if found[name].get("sum_other_doc_count"):
                return None
            raw[name] = {str(b["key"]): int(b["doc_count"]) for b in found[name]["buckets"] if b["doc_count"]}
        status: dict[str, int] = {}
        for code, count in raw.pop("state").items():
            name = docs.STATE_NAMES.get(int(code))
            if name is not None:  # OPEN_DUE is split by the range aggregation
                status[name] = status.get(name, 0) + count
        for bucket in found["due"]["buckets"]:
            if bucket["doc_count"]:
                status[bucket["key"]] = status.get(bucket["key"], 0) + int(bucket["doc_count"])
        raw["status"] = status
        return raw

    def ids_sql(self, match: str) -> tuple[str, list[Any]]:
        return self.sql.ids_sql(str(match))

    def write(self, rows: list[IndexRow]) -> None:
        self.sql.write(rows)

    def bulk_load(
        self, batches: Iterable[list[IndexRow]], beside: Beside | None = None, after: After | None = None
    ) -> int:
        return self.sql.bulk_load(batches, beside, after)

    def optimize(self) -> None:
        self.sql.optimize()
