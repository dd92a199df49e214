"""Polish lemmas for search: the one function, `analyse`, used for documents and for queries alike.

Every word goes through morfeusz2 (SGJP dictionary shipped in the wheel); its lemmas are lowercased, stripped of homonym
marks ("na:P" -> "na") and folded to ASCII with ł -> l, so that "lodz" finds "Łódź" and "szkolach" finds "szkołach".
A word morfeusz does not know falls back to its folded form. Agglutinated forms ("zrobiłem", "zrobiłby") keep the lemma
of the verb and drop the clitic. The form itself is kept too (folded): quoted phrases match forms, not lemmas.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from itertools import chain
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
_POS: dict[int, str] = {}  # morfeusz tag id -> part of speech ("subst", "ign", ...)
_LEXEMES: dict[str, str] = {}


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


def _readings(word: str) -> list[tuple[str, str]]:
    """(lemma as SGJP writes it, part of speech) of every interpretation of every segment of one word.

    Straight from morfeusz2's SWIG object when the wrapper exposes it: the wrapper's analyse() also builds names and
    labels that nobody reads, which made a look-up twice as slow (a 100k-document reindex looks up ~55k words).
    """
    analyser = _analyser()
    raw = getattr(analyser, "_morfeusz_obj", None)
    if raw is None:  # pragma: no cover - another morfeusz2 wrapper
        return [(lemma, tag.split(":", 1)[0]) for _s, _e, (_o, lemma, tag, _c, _q) in analyser.analyse(word)]
    out = []
    for interp in raw.analyse(word):
        pos = _POS.get(interp.tagId)
        if pos is None:
            pos = _POS[interp.tagId] = raw.getIdResolver().getTag(interp.tagId).split(":", 1)[0]
        out.append((interp.lemma, pos))
    return out


def _lexeme(lemma: str) -> str:
    """The folded lemma without its homonym mark ("na:P" -> "na"), cached: many forms share a lemma."""
    lexeme = _LEXEMES.get(lemma)
    if lexeme is None:
        if len(_LEXEMES) >= _CACHE_LIMIT:
            _LEXEMES.clear()
        lexeme = _LEXEMES[lemma] = _LEX_RE.sub("", fold(lemma.split(":", 1)[0]))
    return lexeme


def _analyses(word: str) -> list[tuple[str, str]]:
    """(folded lemma, tag) of every interpretation of every content segment of one word."""
    out = []
    for lemma, pos in _readings(word):
        if pos in _DROP_TAGS or (pos in ("part", "qub") and lemma.startswith("by")):
            continue
        # unknown to SGJP: the form stands for itself
        lexeme = _LEX_RE.sub("", fold(word)) if pos == "ign" else _lexeme(lemma)
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


def word_counts(text: str, mode: Mode = "all") -> list[tuple[str, tuple[str, ...], int]]:
    """(folded form, lemmas, occurrences) of each distinct word of a text, in order of first occurrence.

    A frequency count without a Token per occurrence: "similar inquiries" counts the words of a whole inquiry and
    its answers on every first view of its page, and counting the words first (in C) leaves one lookup per
    distinct word (0.95 -> ~0.4 ms a page at 100k inquiries).
    """
    return [(*_entry(word, mode), n) for word, n in Counter(_WORD_RE.findall(text)).items()]


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


# --- the bulk path: whole documents to stored text, one dictionary lookup per whitespace-separated chunk ---
#
# A word ([^\W_]+) never contains a character that str.split() splits on, so the words of a text are the words of its
# chunks in order, and each chunk ("ustawy,", "(Dz.U.") maps to the text it adds to each stream. A chunk whose tokens
# join to "" (a single word made of U+FF9E/U+FF9F only, whose fold is empty) stands as NUL, a character no token
# holds, and NUL is removed after joining: the result is exactly " ".join() of index_streams()' lists.
_EMPTY_TOKEN = "\0"
# About 400 bytes a chunk (its two texts, its words' entries): ~80 MB at most per mode; 100k documents hold ~100k.
_CHUNK_LIMIT = 200_000


class _ChunkText(dict[str, str]):
    """chunk -> the text it adds to one stream ("" when it holds only stop words or no word), filled on a miss."""

    __slots__ = ("owner", "part")

    def __init__(self, owner: _Chunks, part: int) -> None:
        super().__init__()
        self.owner = owner
        self.part = part

    def __missing__(self, chunk: str) -> str:
        return self.owner.fill(chunk)[self.part]


class _Chunks:
    """Both streams' text for every chunk seen, for one mode (a dict subclass keeps hits in C: map(d.__getitem__))."""

    def __init__(self, mode: Mode) -> None:
        self.mode: Mode = mode
        self.lemmas = _ChunkText(self, 0)
        self.forms = _ChunkText(self, 1)

    def fill(self, chunk: str) -> tuple[str, str]:
        found: list[str] = []
        forms: list[str] = []
        for word in _WORD_RE.findall(chunk):
            form, word_lems = _entry(word, self.mode)
            if word_lems:
                found.extend(word_lems)
                forms.append(form)
        entry = (
            (" ".join(found) or _EMPTY_TOKEN) if found else "",
            (" ".join(forms) or _EMPTY_TOKEN) if forms else "",
        )
        if len(self.lemmas) >= _CHUNK_LIMIT:
            self.lemmas.clear()
            self.forms.clear()
        dict.__setitem__(self.lemmas, chunk, entry[0])
        dict.__setitem__(self.forms, chunk, entry[1])
        return entry


_CHUNKS = {"all": _Chunks("all"), "one": _Chunks("one")}


def _joined(pieces: Iterable[str]) -> str:
    text = " ".join(filter(None, pieces))
    return text.replace(_EMPTY_TOKEN, "") if _EMPTY_TOKEN in text else text


def document_streams(subject: str, texts: Iterable[str | None], mode: Mode = "all") -> tuple[str, str, str]:
    """The three streams of one indexed document as stored text: title (lemmas of the subject), body (lemmas of the
    texts) and forms (of the subject, then of the texts); the same as joining index_streams()' lists, ~4x faster.
    """
    chunks = _CHUNKS[mode]
    head = subject.split()
    rest = list(chain.from_iterable(text.split() for text in texts if text))
    lemma_of, form_of = chunks.lemmas.__getitem__, chunks.forms.__getitem__
    return (
        _joined(map(lemma_of, head)),
        _joined(map(lemma_of, rest)),
        _joined(map(form_of, chain(head, rest))),
    )


def is_known(word: str) -> bool:
    """Whether SGJP knows the word (a query word it does not know is also looked up among document forms)."""
    return any(pos != "ign" for _lexeme, pos in _analyses(word.lower()))
