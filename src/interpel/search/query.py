"""The query language, parsed into clauses that every backend compiles its own way. Pure: no Django.

    remont drogi Piwonice        words: any inflected form; documents matching more of them rank first
    "remont drogi"               phrase: these words in this order, in the forms typed (case and diacritics ignored)
    -kanalizacja  -"ul. Polna"   exclusion
    szkoła OR przedszkole        either (also "|")
    remon*                       prefix (of a lemma or of a form), at least 2 letters
    kind:question status:overdue body:kalisz councillor:jan-kowalski club:… department:WSR term:3
    from:2025-01-01 to:2025-12-31 year:2025            filters, combinable with text

Nothing a user types raises: unbalanced quotes close at the end, lone operators are ignored, control characters are
dropped, an over-long query is cut, and what was changed is reported in `warnings` (Polish `Notice`s, which the portal translates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interpel.text.polish import Mode, analyse, fold, is_known, word_lemmas

MAX_QUERY_CHARS = 500
MAX_CLAUSES = 24
MIN_PREFIX = 2

# Filter keys accepted inside the query text, with their Polish aliases, mapped to the filter names of search().
FILTER_KEYS = {
    "kind": "kind",
    "rodzaj": "kind",
    "status": "status",
    "body": "body",
    "rada": "body",
    "term": "term",
    "kadencja": "term",
    "councillor": "councillor",
    "radny": "councillor",
    "autor": "councillor",
    "club": "club",
    "klub": "club",
    "department": "department",
    "wydzial": "department",
    "from": "date_from",
    "od": "date_from",
    "to": "date_to",
    "do": "date_to",
    "year": "year",
    "rok": "year",
}

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# One lexical unit: a (possibly negated) quoted phrase, OR/|, or a run of non-space characters.
_UNIT_RE = re.compile(r'(-?)"([^"]*)("?)|(\|)|(\S+)')
_FILTER_RE = re.compile(r"^([a-ząćęłńóśźż_]+):(\S+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Word:
    """A word: any of its lemmas; an unknown word also matches as a form (typed without Polish letters)."""

    text: str
    lemmas: tuple[str, ...]
    form: str | None = None


@dataclass(frozen=True)
class Prefix:
    """Lemmas or forms starting with `stem`."""

    stem: str


@dataclass(frozen=True)
class Phrase:
    """Consecutive word forms (stop words left out on both sides, as in the index).

    `lemmas`: of the words as typed, for engines that rank a phrase by its words' lemmas (PostgreSQL); they do not
    take part in matching, nor in comparing phrases.
    """

    forms: tuple[str, ...]
    lemmas: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class AnyOf:
    """Any one of the alternatives (the OR operator)."""

    options: tuple[Clause, ...]


Clause = Word | Prefix | Phrase | AnyOf


def gettext_noop(message: str) -> str:
    """Marks a message for `makemessages` (its default keyword); this module stays free of Django."""
    return message


class Notice(str):
    """A repair reported to the user: the Polish text, with its msgid and values so the portal can translate it."""

    msgid: str
    values: dict[str, object]

    def __new__(cls, msgid: str, **values: object) -> Notice:
        notice = super().__new__(cls, msgid % values if values else msgid)
        notice.msgid, notice.values = msgid, values
        return notice


@dataclass
class ParsedQuery:
    """Clauses to rank by, clauses that exclude, filters named in the text, and what was fixed on the way."""

    clauses: list[Clause] = field(default_factory=list)
    excluded: list[Clause] = field(default_factory=list)
    filters: dict[str, str] = field(default_factory=dict)
    warnings: list[Notice] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    def lemmas(self) -> set[str]:
        """Every lemma the positive clauses look for (used to highlight snippets)."""
        out: set[str] = set()
        for clause in _flatten(self.clauses):
            if isinstance(clause, Word):
                out.update(clause.lemmas)
        return out

    def forms(self) -> set[str]:
        out: set[str] = set()
        for clause in _flatten(self.clauses):
            if isinstance(clause, Phrase):
                out.update(clause.forms)
            elif isinstance(clause, Word) and clause.form:
                out.add(clause.form)
        return out

    def prefixes(self) -> list[str]:
        return [clause.stem for clause in _flatten(self.clauses) if isinstance(clause, Prefix)]


def _flatten(clauses: list[Clause]) -> list[Clause]:
    out: list[Clause] = []
    for clause in clauses:
        if isinstance(clause, AnyOf):
            out.extend(_flatten(list(clause.options)))
        else:
            out.append(clause)
    return out


def _word_clauses(text: str, mode: Mode) -> list[Clause]:
    """Clauses for a bare run of characters ("remont", "remon*", "Bielska-Białej" gives two words)."""
    if text.endswith("*"):
        stem = fold(text.rstrip("*"))
        stem = re.sub(r"[^\w]|_", "", stem)
        return [Prefix(stem)] if len(stem) >= MIN_PREFIX else []
    clauses: list[Clause] = []
    for token in analyse(text, mode):
        if not token.lemmas:
            continue  # a stop word: it is not in the index either
        word = text[token.start : token.end]
        form = None if is_known(word) else token.form
        clauses.append(Word(word, word_lemmas(word, mode), form))
    return clauses


def parse(query: str, *, mode: Mode = "all") -> ParsedQuery:
    """Parse what a user typed; never raises."""
    result = ParsedQuery()
    query = _CONTROL_RE.sub(" ", query or "")
    if len(query) > MAX_QUERY_CHARS:
        query = query[:MAX_QUERY_CHARS]
        result.warnings.append(
            Notice(gettext_noop("Zapytanie skrócono do %(chars)s znaków."), chars=MAX_QUERY_CHARS)
        )
    pending_or = False
    for match in _UNIT_RE.finditer(query):
        negated, phrase, closing, pipe, bare = match.groups()
        if pipe or bare == "OR":
            pending_or = bool(result.clauses)
            continue
        new: list[Clause]
        exclude = False
        if phrase is not None:
            if not closing:
                result.warnings.append(
                    Notice(
                        gettext_noop("Brak cudzysłowu zamykającego frazę; zamknięto ją na końcu zapytania.")
                    )
                )
            words = [t for t in analyse(phrase, mode) if t.lemmas]
            lemmas = tuple(dict.fromkeys(lemma for t in words for lemma in t.lemmas))
            new = [Phrase(tuple(t.form for t in words), lemmas)] if words else []
            exclude = bool(negated)
        else:
            assert bare is not None
            filt = _FILTER_RE.match(bare)
            if filt and fold(filt.group(1)) in FILTER_KEYS:
                result.filters[FILTER_KEYS[fold(filt.group(1))]] = filt.group(2)
                continue
            if bare.startswith("-") and len(bare) > 1:
                exclude, bare = True, bare[1:]
            if bare in ("AND", "NOT", "-", "+"):
                continue  # operators the language does not have: words are ranked, not required
            new = _word_clauses(bare.lstrip("+"), mode)
        if not new:
            continue
        if exclude:
            result.excluded.extend(new)
        elif pending_or and result.clauses:
            previous = result.clauses.pop()
            options = previous.options if isinstance(previous, AnyOf) else (previous,)
            result.clauses.append(AnyOf((*options, *new)) if len(new) == 1 else AnyOf((*options, new[0])))
            result.clauses.extend(new[1:])
        else:
            result.clauses.extend(new)
        pending_or = False
    if len(result.clauses) > MAX_CLAUSES:
        result.clauses = result.clauses[:MAX_CLAUSES]
        result.warnings.append(
            Notice(gettext_noop("Uwzględniono pierwsze %(words)s słów zapytania."), words=MAX_CLAUSES)
        )
    if not result.clauses and result.excluded:
        result.warnings.append(
            Notice(gettext_noop("Samo wykluczenie niczego nie wyszukuje: podaj też słowo, którego szukasz."))
        )
        result.excluded = []
    return result
