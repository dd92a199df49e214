"""Which inquiry an answer answers, with a confidence: by what it cites, by date + subject + author, by its text.

Below LINK_THRESHOLD, or when two candidates are too close to call, the answer goes to a person (ReviewItem)
with the candidates instead of being tied to a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Q

from interpel.registry.models import Body, Inquiry
from interpel.text.signs import SEJM_SIGN_RE

LINK_THRESHOLD = 0.75
MIN_CANDIDATE = 0.3  # weaker matches are not worth showing to the reviewer
CLOSE_CALL = 0.1  # a runner-up this close to the best makes the link ambiguous
TEXT_WINDOW_DAYS = 180  # answers come weeks, rarely months, after the inquiry
TEXT_CANDIDATES = 2000
# Weights of the evidence an answer gives about its inquiry (stage 2).
WEIGHTS = {"date": 0.35, "subject": 0.4, "author": 0.25}

_WORD = re.compile(r"\w+")
# Frequent words of letters that say nothing about the matter (compared after cutting words to their stems).
_STOP = {
    "sprawie",
    "dotyczą",
    "interp",
    "zapyta",
    "odpowi",
    "rady",
    "miasta",
    "gminy",
    "który",
    "która",
    "które",
    "oraz",
    "przez",
    "pana",
    "pani",
    "panie",
    "infor",
    "uprzej",
    "szanow",
    "związk",
    "zakres",
    "również",
}


@dataclass
class Candidate:
    inquiry: Inquiry
    confidence: float
    method: str

    def as_json(self) -> dict[str, Any]:
        return {
            "inquiry": self.inquiry.pk,
            "label": str(self.inquiry)[:200],
            "confidence": round(self.confidence, 3),
            "method": self.method,
        }


@dataclass
class Link:
    """The chosen inquiries (empty when none was chosen), the confidence, how, and every candidate considered."""

    inquiries: list[Inquiry]
    confidence: float
    method: str
    candidates: list[Candidate] = field(default_factory=list)
    reason: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.inquiries) and self.confidence >= LINK_THRESHOLD


def stems(text: str | None) -> set[str]:
    """Word stems for comparing subjects: lowercased words of 4+ letters cut to 6, minus letter boilerplate."""
    out = set()
    for word in _WORD.findall((text or "").casefold()):
        if len(word) >= 4 and not word.isdigit():
            stem = word[:6]
            if stem not in _STOP:
                out.add(stem)
    return out


def subject_similarity(a: str | None, b: str | None) -> float:
    """Dice coefficient of the stems; 1.0 when one subject's stems all occur in the other."""
    sa, sb = stems(a), stems(b)
    if not sa or not sb:
        return 0.0
    common = len(sa & sb)
    if common == min(len(sa), len(sb)) and common >= 3:
        return 1.0
    return 2 * common / (len(sa) + len(sb))


def _family(name: str) -> str:
    return name.split()[-1].casefold() if name.split() else ""


def names_of(value: Any) -> list[str]:
    """The author field of a record (a name, a list of names, or None) as a list."""
    if not value:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value if v]


def author_match(cited: Sequence[str], inquiry: Inquiry) -> float:
    """1.0 when a cited author's surname is an author's surname (or one of their aliases), else 0."""
    wanted = {_family(n) for n in cited if n}
    if not wanted:
        return 0.0
    have: set[str] = set()
    for person in inquiry.authors.all():
        have.add((person.family_name or _family(person.name)).casefold())
        have.update(_family(alias.name) for alias in person.aliases.all())
    return 1.0 if wanted & have else 0.0


def date_match(cited: date | None, filed_on: date | None) -> float:
    # The letter's date and the register's filing date may differ by the days the letter took to arrive.
    if cited is None or filed_on is None:
        return 0.0
    gap = abs((cited - filed_on).days)
    return 1.0 if gap == 0 else 0.6 if gap <= 3 else 0.3 if gap <= 7 else 0.0


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def by_citation(ref: dict[str, Any], record: dict[str, Any], body: Body) -> list[Candidate]:
    """Stage 1: the inquiry named by the number or case sign the answer cites (1.0), or by its own sign (0.95)."""
    sign = (ref.get("case_sign") or "").strip()
    number = (ref.get("number") or ref.get("document_number") or "").strip()
    sejm = SEJM_SIGN_RE.fullmatch(sign) if sign else None
    if sejm and not number:
        number = sejm["number"]
    own = (record.get("case_sign") or "").strip()
    # One query for the three tests, tried in turn on its rows (register order).
    wanted = Q(number=number) if number else Q()
    if sign and not sejm:
        wanted |= Q(case_sign=sign)
    if own:
        wanted |= Q(case_sign=own)
    if not wanted:
        return []
    rows = list(Inquiry.objects.filter(body=body).filter(wanted))
    found = [Candidate(i, 1.0, "cited_number") for i in rows if number and i.number == number]
    if sign and not sejm and not found:
        found += [Candidate(i, 1.0, "cited_sign") for i in rows if i.case_sign == sign]
    if own and not found:
        # Many offices answer under the sign the interpellation was registered with (Oświęcim).
        found += [Candidate(i, 0.95, "same_sign") for i in rows if i.case_sign == own]
    return found


def by_evidence(ref: dict[str, Any], local: Sequence[Inquiry], body: Body) -> list[Candidate]:
    """Stage 2: date + subject + author of the inquiry as the answer cites them; same-file inquiries always compete."""
    cited_on = _day(ref.get("date"))
    pool: dict[int, Inquiry] = {i.pk: i for i in local}
    if cited_on:
        window = Inquiry.objects.filter(
            body=body, filed_on__range=(cited_on - timedelta(days=7), cited_on + timedelta(days=7))
        ).prefetch_related("authors__aliases")
        pool.update({i.pk: i for i in window})
    cited_subject = ref.get("subject")
    cited_authors = names_of(ref.get("author"))
    out = []
    for inquiry in pool.values():
        parts: dict[str, float] = {}
        if cited_on:
            parts["date"] = date_match(cited_on, inquiry.filed_on)
        if cited_subject:
            parts["subject"] = subject_similarity(cited_subject, inquiry.subject)
        if cited_authors:
            parts["author"] = author_match(cited_authors, inquiry)
        if not parts:
            continue
        score = sum(WEIGHTS[k] * v for k, v in parts.items()) / sum(WEIGHTS[k] for k in parts)
        if len(parts) == 1:
            score *= 0.7  # one kind of evidence alone (a date, a surname) is not enough to link on
        out.append(Candidate(inquiry, score, "+".join(k for k, v in parts.items() if v > 0) or "evidence"))
    return out


def by_text(record: dict[str, Any], body: Body, exclude: Iterable[int]) -> list[Candidate]:
    """Stage 3: similarity of the answer's subject and text to inquiries filed in the months before it."""
    answer_stems = stems(record.get("subject")) | stems((record.get("body") or "")[:3000])
    if not answer_stems:
        return []
    answered_on = _day(record.get("date"))
    pool = Inquiry.objects.filter(body=body).exclude(pk__in=list(exclude))
    if answered_on:
        pool = pool.filter(filed_on__range=(answered_on - timedelta(days=TEXT_WINDOW_DAYS), answered_on))
    out = []
    for inquiry in pool.order_by("-filed_on")[:TEXT_CANDIDATES]:
        inquiry_stems = stems(inquiry.subject) | stems(inquiry.text[:3000])
        if not inquiry_stems:
            continue
        common = len(answer_stems & inquiry_stems)
        cosine = common / (len(answer_stems) * len(inquiry_stems)) ** 0.5
        subject_hit = subject_similarity(inquiry.subject, record.get("subject") or "")
        score = min(0.9, 0.6 * cosine + 0.4 * subject_hit)
        if score >= MIN_CANDIDATE:
            out.append(Candidate(inquiry, score, "text"))
    return out


def link_answer(record: dict[str, Any], body: Body, local: Sequence[Inquiry] = ()) -> Link:
    """Choose the inquiry an answer record answers; `local` are the inquiries found in the same file."""
    ref = record.get("answers_ref") or {}
    cited = by_citation(ref, record, body)
    if len(cited) == 1:
        return Link([cited[0].inquiry], cited[0].confidence, cited[0].method, cited)
    if len(cited) > 1:
        return Link([], 0.0, "", _best(cited), "cytowany numer lub znak pasuje do kilku spraw")
    candidates = by_evidence(ref, local, body)
    # A page that shows one inquiry with its answer ties them by layout, unless the answer cites something else.
    if len(local) == 1 and not any(c.inquiry.pk == local[0].pk and c.confidence < 0.5 for c in candidates):
        layout = next((c for c in candidates if c.inquiry.pk == local[0].pk), None)
        score = max(0.9, layout.confidence if layout else 0.0)
        candidates = [c for c in candidates if c.inquiry.pk != local[0].pk]
        candidates.append(Candidate(local[0], score, "page_structure"))
    if not any(c.confidence >= LINK_THRESHOLD for c in candidates):
        candidates += by_text(record, body, exclude=[c.inquiry.pk for c in candidates])
    ranked = _best(candidates)
    if not ranked:
        return Link([], 0.0, "", [], "brak pasującej interpelacji lub zapytania")
    best = ranked[0]
    if best.confidence < LINK_THRESHOLD:
        return Link([], best.confidence, best.method, ranked, f"najlepsze dopasowanie {best.confidence:.2f}")
    if len(ranked) > 1 and ranked[1].confidence > best.confidence - CLOSE_CALL:
        return Link([], best.confidence, best.method, ranked, "dwa dopasowania zbyt bliskie, by wybrać")
    return Link([best.inquiry], best.confidence, best.method, ranked)


def _best(candidates: list[Candidate]) -> list[Candidate]:
    merged: dict[int, Candidate] = {}
    for c in candidates:
        if c.confidence >= MIN_CANDIDATE and (
            c.inquiry.pk not in merged or merged[c.inquiry.pk].confidence < c.confidence
        ):
            merged[c.inquiry.pk] = c
    return sorted(merged.values(), key=lambda c: -c.confidence)[:10]
