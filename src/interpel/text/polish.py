"""Polish lemmas for search: the one function, `analyse`, used for documents and for queries alike.

Every word goes through morfeusz2 (SGJP dictionary shipped in the wheel); its lemmas are lowercased, stripped of homonym
marks ("na:P" -> "na") and folded to ASCII with ł -> l, so that "lodz" finds "Łódź" and "szkolach" finds "szkołach".
A word morfeusz does not know falls back to its folded form. Agglutinated forms ("zrobiłem", "zrobiłby") keep the lemma
of the verb and drop the clitic. The form itself is kept too (folded): quoted phrases match forms, not lemmas.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Literal, NamedTuple

import morfeusz2

Mode = Literal["all", "one"]

# Lemmas so frequent in Polish that they carry no meaning in a search (prepositions, conjunctions, particles, pronouns
# and "być"/"mieć"): they are dropped from both documents and queries, which keeps posting lists short.
STOP_LEMMAS = frozenset(
    """
    a aby albo ale ani az bardzo bez bo by byc by cala caly ci co czy dla do dlatego gdy gdyz go i ich im jak jaki
    jako jednak jego jej jest jego juz ktory lecz lub ma miec mi mnie na nad nam nas nie niech niz o od oraz on ona
    one oni ono po pod poniewaz przed przez przy sie siebie sobie swoj ta tak takze te tego tej ten to toz tu ty tym
    u w we wiec wszystko wy z za ze zas zostac
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

# Clitics split off agglutinated forms carry no content: "-em" in "zrobiłem" (aglt), "by" in "zrobiłby" (part/qub).
_DROP_TAGS = ("aglt", "interp", "sp")
_WORD_RE = re.compile(r"[^\W_]+")
_LEX_RE = re.compile(r"[^\w]+|_")
# Letters NFKD does not decompose.
_FOLD_TABLE = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "đ": "d", "ß": "ss"})

_morfeusz: Any = None
_CACHE: dict[str, tuple[str, tuple[str, ...]]] = {}
_CACHE_ONE: dict[str, tuple[str, tuple[str, ...]]] = {}
_CACHE_LIMIT = 500_000


class Token(NamedTuple):
    """A word of the text: where it is, its folded form and its folded lemmas (empty for a stop word).

    A named tuple, not a dataclass: snippets analyse whole answers per request and tuples are built ~3x faster.
    """

    start: int
    end: int
    form: str
    lemmas: tuple[str, ...]


def fold(text: str) -> str:
    """Lowercase ASCII-folded text: "Łódź" -> "lodz"; letters of other scripts are kept."""
    text = text.translate(_FOLD_TABLE).lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _analyser() -> Any:
    global _morfeusz
    if _morfeusz is None:
        _morfeusz = morfeusz2.Morfeusz(expand_tags=False, generate=False)
    return _morfeusz


def _analyses(word: str) -> list[tuple[str, str]]:
    """(folded lemma, tag) of every interpretation of every content segment of one word."""
    out = []
    for _start, _end, (_orth, lemma, tag, _cats, _quals) in _analyser().analyse(word):
        pos = tag.split(":", 1)[0]
        if pos in _DROP_TAGS or (pos in ("part", "qub") and lemma.startswith("by")):
            continue
        if pos == "ign":  # unknown to SGJP: the form stands for itself
            lemma = word
        lexeme = _LEX_RE.sub("", fold(lemma.split(":", 1)[0]))
        if lexeme:
            out.append((lexeme, pos))
    return out


def _entry(word: str, mode: Mode) -> tuple[str, tuple[str, ...]]:
    """(folded form, folded lemmas without stop words) of one word, cached.

    Words are analysed lowercased: users type lowercase, and a capital at the start of a sentence must not change
    the lemmas (SGJP prefers case-matching readings, so "Polska" and "polska" would otherwise differ).
    """
    cache = _CACHE if mode == "all" else _CACHE_ONE
    hit = cache.get(word)
    if hit is not None:
        return hit
    lower = word.lower()
    entry = cache.get(lower)
    if entry is None:
        form = fold(lower)
        found = _analyses(lower) or [(form, "ign")]
        if mode == "all":
            lemmas = tuple(dict.fromkeys(lexeme for lexeme, _pos in found))
        else:
            lemmas = (_most_likely(form, found),)
        entry = (form, tuple(lemma for lemma in lemmas if lemma not in STOP_LEMMAS))
        if (
            len(cache) >= _CACHE_LIMIT
        ):  # unbounded input (a 100k-document import) must not grow memory forever
            cache.clear()
        cache[lower] = entry
    cache[word] = entry
    return entry


def word_lemmas(word: str, mode: Mode = "all") -> tuple[str, ...]:
    """Folded lemmas of one word without stop words; `mode="one"` keeps only the most likely lemma."""
    return _entry(word, mode)[1]


def _most_likely(folded: str, found: list[tuple[str, str]]) -> str:
    """Cheap disambiguation without a tagger: the lemma equal to the form, else the one with most interpretations."""
    counts: dict[str, int] = {}
    for lexeme, _pos in found:
        if lexeme == folded:
            return lexeme
        counts[lexeme] = counts.get(lexeme, 0) + 1
    return max(counts, key=lambda lexeme: counts[lexeme])


def analyse(text: str, mode: Mode = "all") -> list[Token]:
    """Split text into words with their folded forms and lemmas; the same function serves documents and queries."""
    tokens = []
    for match in _WORD_RE.finditer(text):
        form, word_lems = _entry(match.group(), mode)
        tokens.append(Token(match.start(), match.end(), form, word_lems))
    return tokens


def lemmas(text: str, mode: Mode = "all") -> list[str]:
    """All lemmas of a text in order (ambiguous words contribute each lemma), stop words left out."""
    return [lemma for token in analyse(text, mode) for lemma in token.lemmas]


def index_streams(text: str, mode: Mode = "all") -> tuple[list[str], list[str]]:
    """The two token streams an index stores: lemmas (ranking) and forms of content words (phrases, fallbacks).

    The hot loop of indexing (about 1 µs a word once the cache is warm): no Token objects, no regex match objects.
    """
    cache = _CACHE if mode == "all" else _CACHE_ONE
    lemma_stream: list[str] = []
    forms: list[str] = []
    extend, append = lemma_stream.extend, forms.append
    for word in _WORD_RE.findall(text):
        entry = cache.get(word) or _entry(word, mode)
        if entry[1]:
            extend(entry[1])
            append(entry[0])
    return lemma_stream, forms


def is_known(word: str) -> bool:
    """Whether SGJP knows the word (a query word it does not know is also looked up among document forms)."""
    return any(pos != "ign" for _lexeme, pos in _analyses(word.lower()))
