"""More like this: inquiries on the same matter, and possible duplicates of one being registered."""

from __future__ import annotations

from collections import Counter

from interpel.registry.models import Body, Inquiry
from interpel.text.polish import analyse

from .backends import backend
from .filters import resolve_filters
from .query import ParsedQuery, Word
from .services import Hit, _hits

MAX_TERMS = 16
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


def _like(subject: str, text: str, *, body: Body | None, exclude: int | None, limit: int) -> list[Hit]:
    parsed = ParsedQuery(clauses=list(_terms(subject, text)))
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
    return _hits(ranked, parsed, today)


def similar_inquiries(inquiry: Inquiry, limit: int = 5) -> list[Hit]:
    """Inquiries of the same body most like this one (its subject, text and answers)."""
    answers = " ".join(a.text for a in inquiry.answers.all()[:3])
    return _like(
        inquiry.subject, f"{inquiry.text}\n{answers}", body=inquiry.body, exclude=inquiry.pk, limit=limit
    )


def possible_duplicates(subject: str, text: str, body: Body | None, limit: int = 5) -> list[Hit]:
    """Registered inquiries that may be the one now being registered (same matter, same council)."""
    return _like(subject, text, body=body, exclude=None, limit=limit)
