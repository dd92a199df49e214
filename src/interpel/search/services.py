"""search(): the one entry point for the portal, the API and the benchmarks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext

from interpel.errors import BadQuery
from interpel.registry.models import Answer, Body, Inquiry

from . import facets as facet_sql
from . import indexing
from .backends import Backend, backend
from .filters import resolve_filters
from .query import Notice, ParsedQuery, parse
from .snippets import snippet

Sort = Literal["relevance", "date"]
# "tiered": documents matching every clause first, then the rest by score; "any": plain ranked OR.
Semantics = Literal["tiered", "any"]
MAX_LIMIT = 100
MAX_OFFSET = 10_000
INQUIRY_TABLE = Inquiry._meta.db_table
BODY_TABLE = Body._meta.db_table
ANSWER_TABLE = Answer._meta.db_table
ANSWERS_TABLE = Answer.inquiries.through._meta.db_table


@dataclass
class Hit:
    """One inquiry in the results."""

    id: int
    number: str
    kind: str
    title: str
    snippet: str
    score: float
    url: str
    body: str
    filed_on: date | None
    answered_on: date | None
    status: str


@dataclass
class SearchResult:
    """A page of hits, the total, facet counts over every match, and notes about how the query was read."""

    total: int
    results: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    description: str = ""


def _status(due_on: date | None, answered_on: date | None, is_withdrawn: bool, today: date) -> str:
    if is_withdrawn:
        return "withdrawn"
    if answered_on:
        if due_on is None:
            return "answered"
        return "answered_on_time" if answered_on <= due_on else "answered_late"
    if due_on is None:
        return "awaiting"
    if due_on < today:
        return "overdue"
    return "due_soon" if due_on <= today + timedelta(days=3) else "awaiting"


def _ranked_ids(
    parsed: ParsedQuery,
    where: str,
    params: list[Any],
    *,
    sort: Sort,
    limit: int,
    offset: int,
    semantics: Semantics,
    engine: Backend | None = None,
    any_match: str | None = None,
) -> tuple[int, list[tuple[int, float]]]:
    """(total, [(id, score)]) for one page; the tiered order needs two queries only when the first tier runs out."""
    engine = engine or backend()
    any_match = any_match or engine.compile(parsed)
    if sort == "date" or semantics == "any" or len(parsed.clauses) < 2:
        both = getattr(engine, "count_and_ranked", None)  # the tantivy mirror: one pass for both
        if both is not None:
            return both(any_match, where, params, sort=sort, limit=limit, offset=offset)
        total = engine.count(any_match, where, params)
        return total, engine.ranked(any_match, where, params, sort=sort, limit=limit, offset=offset)
    total = engine.count(any_match, where, params)
    all_match = engine.compile(parsed, require_all=True)
    first = engine.ranked(all_match, where, params, sort=sort, limit=limit, offset=offset)
    if len(first) == limit:
        return total, first
    n_all = engine.count(all_match, where, params) if first or offset else 0
    rest = engine.compile(parsed, exclude_all=True)
    second = engine.ranked(
        rest, where, params, sort=sort, limit=limit - len(first), offset=max(0, offset - n_all)
    )
    return total, first + second


def _browse_ids(
    where: str, params: list[Any], *, limit: int, offset: int, engine: Backend | None = None
) -> tuple[int, list[tuple[int, float]]]:
    """No words, only filters: the newest first, undated last (the order of a search sorted by date)."""
    browse = getattr(engine, "browse", None)  # the tantivy mirror, while it can answer
    found = browse(where, params, limit=limit, offset=offset) if browse is not None else None
    if found is not None:
        return found
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM search_document d WHERE 1=1{where}", params)
        total = int(cursor.fetchone()[0])
        cursor.execute(
            f"SELECT d.inquiry_id FROM search_document d WHERE 1=1{where}"
            " ORDER BY d.filed_on IS NULL, d.filed_on DESC, d.inquiry_id DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        return total, [(int(r[0]), 0.0) for r in cursor.fetchall()]


def _rows(ids: list[int]) -> tuple[dict[int, tuple[Any, ...]], dict[int, list[tuple[Any, ...]]]]:
    """What a page of hits shows: its inquiries and the (answered_on, id, text) of their answers.

    Plain SQL, not the ORM: two queries whose compilation and model instances cost more than the search itself.
    """
    inquiries: dict[int, tuple[Any, ...]] = {}
    answers: dict[int, list[tuple[Any, ...]]] = {i: [] for i in ids}
    if not ids:
        return inquiries, answers
    marks = ", ".join("%s" for _ in ids)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.id, i.number, i.kind, i.subject, i.text, b.name, i.filed_on, i.answered_on, i.due_on,"
            f" i.is_withdrawn FROM {INQUIRY_TABLE} i JOIN {BODY_TABLE} b ON b.id = i.body_id WHERE i.id IN ({marks})",
            ids,
        )
        for row in cursor.fetchall():
            inquiries[int(row[0])] = row
        cursor.execute(
            f"SELECT x.inquiry_id, a.answered_on, a.id, a.text FROM {ANSWERS_TABLE} x"
            f" JOIN {ANSWER_TABLE} a ON a.id = x.answer_id WHERE a.is_published AND x.inquiry_id IN ({marks})",
            ids,
        )
        for inquiry_id, answered_on, answer_id, text in cursor.fetchall():
            answers[int(inquiry_id)].append((answered_on, answer_id, text))
    return inquiries, answers


def _hits(ranked: list[tuple[int, float]], parsed: ParsedQuery, today: date) -> list[Hit]:
    inquiries, answers = _rows([i for i, _ in ranked])
    hits = []
    for inquiry_id, score in ranked:
        row = inquiries.get(inquiry_id)
        if row is None:  # deleted between the two queries
            continue
        pk, number, kind, subject, text, body, filed_on, answered_on, due_on, is_withdrawn = row
        ordered = sorted(answers[inquiry_id], key=lambda a: (a[0] or date.min, a[1]))
        texts = [text, *(a[2] for a in ordered)]
        hits.append(
            Hit(
                id=pk,
                number=number,
                kind=kind,
                title=subject,
                snippet=snippet(texts, parsed),
                score=round(score, 6),
                url=f"/interpelacje/{pk}/",
                body=body,
                filed_on=filed_on,
                answered_on=answered_on,
                status=_status(due_on, answered_on, bool(is_withdrawn), today),
            )
        )
    return hits


def translated(notices: list[Notice]) -> list[str]:
    """The parser's repairs in the active language (the parser writes Polish and knows nothing of Django)."""
    return [
        gettext(notice.msgid) % notice.values if notice.values else gettext(notice.msgid)
        for notice in notices
    ]


def search(
    query: str,
    *,
    filters: dict[str, Any] | None = None,
    sort: Sort = "relevance",
    limit: int = 20,
    offset: int = 0,
    with_facets: bool = True,
    semantics: Semantics = "tiered",
    today: date | None = None,
    include_unpublished: bool = False,
) -> SearchResult:
    """Search the register: words in any inflection, phrases, exclusions, OR, prefixes, and filters.

    Raises BadQuery (a clear message in the active language) for a filter value that names nothing; a malformed query string is
    repaired instead, and what was repaired is listed in `warnings`.
    """
    if sort not in ("relevance", "date"):
        raise BadQuery(gettext("Sortowanie: relevance albo date."))
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, min(int(offset), MAX_OFFSET))
    today = today or timezone.localdate()
    parsed = parse(query, mode=indexing.INDEX_MODE)  # queries are read the way documents were indexed
    merged = {**parsed.filters, **{k: v for k, v in (filters or {}).items() if v not in (None, "")}}
    where, params, described = resolve_filters(merged, today=today, include_unpublished=include_unpublished)
    if parsed.is_empty and not merged:
        message = (
            gettext("Wpisz słowa, których szukasz.")
            if not (query or "").strip()
            else gettext(
                "Zapytanie nie zawiera słów, które można wyszukać (same spójniki, przyimki lub znaki)."
            )
        )
        return SearchResult(total=0, results=[], warnings=[*translated(parsed.warnings), message])
    # One backend for the whole search: it checks once whether the tantivy mirror is in sync.
    engine = backend()
    any_match: str | None = None
    if parsed.is_empty:
        total, ranked = _browse_ids(where, params, limit=limit, offset=offset, engine=engine)
    else:
        any_match = engine.compile(parsed)
        total, ranked = _ranked_ids(
            parsed,
            where,
            params,
            sort=sort,
            limit=limit,
            offset=offset,
            semantics=semantics,
            engine=engine,
            any_match=any_match,
        )
    result = SearchResult(
        total=total,
        results=_hits(ranked, parsed, today),
        warnings=translated(parsed.warnings),
        description=", ".join(described),
    )
    if with_facets:
        match_sql = None if any_match is None else engine.ids_sql(any_match)
        result.facets = facet_sql.counts(
            match_sql, where, params, today=today, engine=engine, compiled=any_match
        )
    return result


# The rest of the search façade: writers of the index (the importers call reindex_all after a bulk load).
from .indexing import index_inquiry, reindex_all, suspended  # noqa: E402

__all__ = ["Hit", "SearchResult", "index_inquiry", "reindex_all", "search", "suspended"]
