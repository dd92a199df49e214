"""More like this: inquiries on the same matter, and possible duplicates of one being registered."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from interpel.registry.models import Answer, Body, Inquiry
from interpel.registry.prepared import placeholders
from interpel.text.polish import analyse, word_counts

from . import similar_store
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
CACHE_SECONDS = 600  # an upper bound only: the key holds the index version, so a change is never hidden
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
    frequent: Counter[tuple[str, ...]] = Counter()
    for form, lemmas, occurrences in word_counts(text[:20_000]):
        if lemmas and len(form) > 3:
            frequent[lemmas] += occurrences
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
    # Published only: a stored list may name an inquiry unpublished since it was computed.
    rows = Inquiry.objects.filter(pk__in=[i for i, _ in ranked], is_published=True).values(
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


_where: dict[tuple[str, int | None, date], tuple[str, list[Any]]] = {}


def _council(body_id: int | None, today: date) -> tuple[str, list[Any]]:
    """The filter "published, of this council", resolved once per process and day (resolving asks the database
    whether the council exists, a query per page; the council of a stored inquiry does)."""
    key = (str(connection.settings_dict["NAME"]), body_id, today)
    found = _where.get(key)
    if found is None:
        where, params, _ = resolve_filters({"body": str(body_id)} if body_id is not None else {}, today=today)
        if len(_where) > 1000:  # a new day or another database: forget the old entries
            _where.clear()
        found = _where[key] = (where, params)
    return found[0], list(found[1])


def _ranked(
    subject: str, text: str, *, body_id: int | None, exclude: int | None, limit: int
) -> tuple[list[tuple[int, float]], ParsedQuery, date]:
    parsed = ParsedQuery(clauses=list(_rarest(_terms(subject, text))))
    today = timezone.localdate()
    if parsed.is_empty:
        return [], parsed, today
    where, params = _council(body_id, today)
    engine = backend()
    # The inquiry itself is dropped here, not in SQL: the filters stay ones the tantivy mirror can apply (a
    # condition added to the SQL would send every "similar" to the database's ranking, ~200 ms at 100k).
    ranked = engine.ranked(
        engine.compile(parsed), where, params, sort="relevance", limit=limit + (exclude is not None), offset=0
    )
    return [(pk, score) for pk, score in ranked if pk != exclude][:limit], parsed, today


def _similar_of(
    pk: int, subject: str, text: str, answers: Sequence[str], body_id: int | None, limit: int
) -> list[int]:
    """The ranking behind every list, computed or stored: subject, text and the first three published answers."""
    ranked, _parsed, _today = _ranked(
        subject, f"{text}\n{' '.join(answers[:3])}", body_id=body_id, exclude=pk, limit=limit
    )
    return [found for found, _score in ranked]


def similar_ids(inquiry: Inquiry, answers: Sequence[str] | None = None, limit: int = 5) -> list[int]:
    """Ids of the inquiries of the same council most like this one (its subject, text and first three answers),
    best first; they may be unpublished since (callers read the rows they show, published only).

    The stored list when there is one (similar_store: one read). Else computed and cached per process under the
    index's version (`search_state`, replaced by every change of the index in the same transaction), so a change
    that may alter the ranking is never hidden; never stored here (a page view does not write). `answers` are the
    texts of its published answers when the caller has them (else they are read).
    """
    version, found = similar_store.stored(inquiry.pk)
    if found is not None and limit <= similar_store.STORED:
        return found[:limit]
    key = f"search:similar:{connection.settings_dict['NAME']}:{inquiry.pk}:{limit}:{version}"
    found = cache.get(key)
    if found is not None:
        return list(found)
    if answers is None:
        answers = [a.text for a in inquiry.answers.filter(is_published=True)[:3]]
    found = _similar_of(inquiry.pk, inquiry.subject, inquiry.text, answers, inquiry.body_id, limit)
    cache.set(key, found, CACHE_SECONDS)
    return found


def similar_inquiries(inquiry: Inquiry, limit: int = 5) -> list[Hit]:
    """`similar_ids` as search hits, best first, without snippets (the words are chosen by rarity, not typed by
    anyone) and without scores (only the order is kept)."""
    return _plain_hits([(pk, 0.0) for pk in similar_ids(inquiry, limit=limit)], timezone.localdate())


def possible_duplicates(subject: str, text: str, body: Body | None, limit: int = 5) -> list[Hit]:
    """Registered inquiries that may be the one now being registered (same matter, same council)."""
    ranked, parsed, today = _ranked(
        subject, text, body_id=body.pk if body is not None else None, exclude=None, limit=limit
    )
    return _hits(ranked, parsed, today)


# --- stored lists (similar_store): computed in bulk, read by similar_ids ---

_INQUIRIES = Inquiry._meta.db_table
_ANSWERS = Answer._meta.db_table
_COVERS = Answer.inquiries.through._meta.db_table
REFRESH_BATCH = 500  # inquiries read, ranked and written per transaction


def _read(ids: list[int]) -> list[tuple[int, str, str, list[str], int | None]]:
    """(id, subject, text, published answers' texts in the page's order, council) of these inquiries, in plain SQL
    (model instances cost more than the reading itself, as in indexing._read)."""
    marks = placeholders(ids)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, subject, text, body_id FROM {_INQUIRIES} WHERE id IN ({marks})", ids)
        inquiries = cursor.fetchall()
        # Every published answer in the inquiry page's order (portal.detail._answers), empty texts included:
        # the list must be the one the page would compute from the answers it passes.
        cursor.execute(
            f"SELECT t.inquiry_id, a.text FROM {_COVERS} t JOIN {_ANSWERS} a ON a.id = t.answer_id"
            f" WHERE a.is_published AND t.inquiry_id IN ({marks}) ORDER BY a.answered_on, a.id",
            ids,
        )
        answers: dict[int, list[str]] = {}
        for inquiry_id, text in cursor.fetchall():
            answers.setdefault(inquiry_id, []).append(text or "")
    return [
        (pk, subject, text or "", answers.get(pk, []), body_id) for pk, subject, text, body_id in inquiries
    ]


def refresh_similar(ids: list[int] | None = None, *, stale_only: bool = True) -> int:
    """Compute and store the similar lists of these published inquiries (None: all); returns how many were stored.

    `stale_only`: only those without a list or with one older than similar_store.RENEW_AGE. Each batch is read in
    two statements, ranked as a page would (`_similar_of`) and written in one transaction.
    """
    todo = similar_store.due(ids, stale_only=stale_only)
    done = 0
    for start in range(0, len(todo), REFRESH_BATCH):
        computed_at = timezone.now()
        lists = [
            (pk, _similar_of(pk, subject, text, answers, body_id, similar_store.STORED))
            for pk, subject, text, answers, body_id in _read(todo[start : start + REFRESH_BATCH])
        ]
        similar_store.store(lists, computed_at)
        done += len(lists)
    return done
