"""More like this: inquiries on the same matter, and possible duplicates of one being registered."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from datetime import date

from django.core.cache import cache
from django.db import connection

from interpel.registry.models import Body, Event, Inquiry
from interpel.text.polish import analyse

from .backends import backend
from .filters import resolve_filters
from .query import ParsedQuery, Word
from .services import Hit, _hits, _status

MAX_TERMS = 40  # candidates: the subject's words, then the text's most frequent content words
RAREST = (
    8  # of those, the rarest in the index make the query: few matches to rank, and the most telling words
)
COMMON = 0.2  # words in more than this share of documents are used only when there are not enough rarer ones
STATS_SECONDS = 600  # the planner's word statistics are re-read this often (per process)
CACHE_SECONDS = 600  # an upper bound only: the key holds the newest Event, so a write is never hidden
# Words every inquiry and answer uses; as "more like this" terms they only add noise.
GENERIC = frozenset(
    {
        "interpelacja",
        "zapytanie",
        "odpowiedz",
        "sprawa",
        "pan",
        "pani",
        "posel",
        "marszalek",
        "minister",
        "szanowny",
        "uprzejmie",
        "informowac",
        "dotyczyc",
        "zwiazek",
        "rok",
        "nr",
        "numer",
        "ustawa",
        "dzien",
    }
)


def _terms(subject: str, text: str) -> list[Word]:
    """The subject's words, then the text's most frequent content words (IDF is left to the ranking)."""
    chosen: dict[str, Word] = {}
    for token in analyse(subject):
        key = token.lemmas[0] if token.lemmas else ""
        if key and key not in GENERIC and not key.isdigit() and key not in chosen:
            chosen[key] = Word(token.form, token.lemmas)
    frequent = Counter(
        token.lemmas for token in analyse(text[:20_000]) if token.lemmas and len(token.form) > 3
    )
    for lemmas, _count in frequent.most_common():
        if len(chosen) >= MAX_TERMS:
            break
        if lemmas[0] not in GENERIC and not lemmas[0].isdigit() and lemmas[0] not in chosen:
            chosen[lemmas[0]] = Word(lemmas[0], lemmas)
    return list(chosen.values())[:MAX_TERMS]


_stats: dict[str, tuple[float, dict[str, float]]] = {}
_stats_lock = threading.Lock()


def _frequencies() -> dict[str, float]:
    """Share of indexed documents holding each common lexeme, from PostgreSQL's own statistics of the index column.

    `pg_stats.most_common_elems` lists the ~1000 most frequent lexemes of `tsv` (after ANALYZE): any word missing
    there is rarer than all of them. Reading it is one catalogue lookup; no statistics (SQLite) gives {}.
    """
    if connection.vendor != "postgresql":
        return {}
    key = str(connection.settings_dict["NAME"])
    found = _stats.get(key)
    if found is not None and time.monotonic() - found[0] < STATS_SECONDS:
        return found[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats"
            " WHERE tablename = 'search_document' AND attname = 'tsv'"
        )
        row = cursor.fetchone()
    frequencies = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
    with _stats_lock:
        _stats[key] = (time.monotonic(), frequencies)
    return frequencies


def _rarest(words: list[Word]) -> list[Word]:
    """The RAREST words by document frequency (ties keep the subject-first order); very common ones only to fill."""
    frequencies = _frequencies()
    share = [max((frequencies.get(lemma, 0.0) for lemma in w.lemmas), default=0.0) for w in words]
    order = sorted(range(len(words)), key=lambda i: (share[i] > COMMON, share[i], i))
    return [words[i] for i in order[:RAREST]]


def _plain_hits(ranked: list[tuple[int, float]], today: date) -> list[Hit]:
    """Hits without snippets, from a few columns: no texts are read or analysed (that was half of the cost)."""
    rows = Inquiry.objects.filter(pk__in=[i for i, _ in ranked]).values(
        "pk", "number", "kind", "subject", "body__name", "filed_on", "answered_on", "due_on", "is_withdrawn"
    )
    found = {row["pk"]: row for row in rows}
    return [
        Hit(
            id=pk,
            number=row["number"],
            kind=row["kind"],
            title=row["subject"],
            snippet="",
            score=round(score, 6),
            url=f"/interpelacje/{pk}/",
            body=row["body__name"],
            filed_on=row["filed_on"],
            answered_on=row["answered_on"],
            status=_status(row["due_on"], row["answered_on"], row["is_withdrawn"], today),
        )
        for pk, score in ranked
        if (row := found.get(pk)) is not None
    ]


def _like(
    subject: str, text: str, *, body: Body | None, exclude: int | None, limit: int, snippets: bool = True
) -> list[Hit]:
    parsed = ParsedQuery(clauses=list(_rarest(_terms(subject, text))))
    if parsed.is_empty:
        return []
    filters = {"body": str(body.pk)} if body is not None else {}
    from django.utils import timezone

    today = timezone.localdate()
    where, params, _ = resolve_filters(filters, today=today)
    if exclude is not None:
        where += " AND d.inquiry_id <> %s"
        params = [*params, exclude]
    engine = backend()
    ranked = engine.ranked(engine.compile(parsed), where, params, sort="relevance", limit=limit, offset=0)
    return _hits(ranked, parsed, today) if snippets else _plain_hits(ranked, today)


def similar_inquiries(inquiry: Inquiry, limit: int = 5) -> list[Hit]:
    """Inquiries of the same body most like this one (its subject, text and answers).

    Its hits carry no snippet (the words are chosen by rarity, not typed by anyone; the page shows titles only).
    Cached per inquiry under the newest Events (id, time, sum of the newest 100 ids): every write records one, so
    a change anywhere in the register (which may change the index) is never hidden.
    """
    with connection.cursor() as cursor:  # as portal.caching: also changes when a late transaction commits
        cursor.execute(
            f"SELECT max(id), max(at), sum(id) FROM (SELECT id, at FROM {Event._meta.db_table}"
            " ORDER BY id DESC LIMIT 100) AS newest"
        )
        version = hashlib.sha256(repr(cursor.fetchone()).encode()).hexdigest()[:32]
    key = f"search:similar:{connection.settings_dict['NAME']}:{inquiry.pk}:{limit}:{version}"
    found = cache.get(key)
    if found is not None:
        return list(found)
    answers = " ".join(a.text for a in inquiry.answers.all()[:3])
    found = _like(
        inquiry.subject,
        f"{inquiry.text}\n{answers}",
        body=inquiry.body,
        exclude=inquiry.pk,
        limit=limit,
        snippets=False,
    )
    cache.set(key, found, CACHE_SECONDS)
    return found


def possible_duplicates(subject: str, text: str, body: Body | None, limit: int = 5) -> list[Hit]:
    """Registered inquiries that may be the one now being registered (same matter, same council)."""
    return _like(subject, text, body=body, exclude=None, limit=limit)
