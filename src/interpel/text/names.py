"""Person names and offices brought to the nominative with morfeusz2 (SGJP), with cached look-ups."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import morfeusz2

_morfeusz: Any = None

# Academic and professional titles printed before signatories' names ("dr Andrzej Jasiński").
TITLES = {
    "dr",
    "dr.",
    "mgr",
    "mgr.",
    "inż",
    "inż.",
    "prof",
    "prof.",
    "hab",
    "hab.",
    "lek",
    "lek.",
    "med.",
    "adw.",
    "r.pr.",
    "ks.",
    "płk",
    "gen.",
}
_WORD_RE = re.compile(
    r"[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźżA-ZĄĆĘŁŃÓŚŹŻ]+(?:-[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźżA-ZĄĆĘŁŃÓŚŹŻ]+)?"
)


def _analyser() -> Any:
    global _morfeusz
    if _morfeusz is None:
        _morfeusz = morfeusz2.Morfeusz(expand_tags=False)
    return _morfeusz


@lru_cache(maxsize=65536)
def analyses(word: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(lemma without homonym mark, tag, name categories) of a single word."""
    out = []
    for start, _end, (_orth, lemma, tag, categories, _quals) in _analyser().analyse(word):
        if start == 0:
            out.append((lemma.split(":")[0], tag, tuple(categories)))
    return tuple(out)


def _cap(word: str) -> str:
    # Surnames in capitals ("Paweł BEJDA", "Włodzimierz CZARZASTY") are written normally in the register.
    if word.isupper() and len(word) > 1:
        return "-".join(part.capitalize() for part in word.split("-"))
    return word


@lru_cache(maxsize=65536)
def is_first_name(word: str) -> bool:
    """True when SGJP knows the word as a first name (imię) in any case."""
    return any("imię" in cats for _lemma, _tag, cats in analyses(_cap(word)))


@lru_cache(maxsize=65536)
def is_name_word(word: str) -> bool:
    """True for a first name or surname known to SGJP, or an unknown capitalised word (rare surnames)."""
    found = analyses(_cap(word))
    if not found or all(tag == "ign" for _l, tag, _c in found):
        return True
    return any({"imię", "nazwisko"} & set(cats) for _lemma, _tag, cats in found)


def _case_lemma(word: str, case: str, categories: set[str]) -> str | None:
    candidates = []
    for lemma, tag, cats in analyses(word):
        parts = tag.split(":")
        if len(parts) < 3 or not parts[0].startswith("subst") or case not in parts[2].split("."):
            continue
        if categories and not categories & set(cats):
            continue
        candidates.append((lemma, len(cats)))
    if not candidates:
        return None
    # Two lemmas ("Jacka" -> Jack or Jacek, "Roberta" -> Robert or Roberto): SGJP marks the common Polish name
    # as both first name and surname, the foreign variant only as a first name.
    candidates.sort(key=lambda item: (not item[0][:1].isupper(), -item[1], not word.startswith(item[0])))
    return candidates[0][0]


@lru_cache(maxsize=16384)
def person_nominative(name: str, case: str = "gen") -> str:
    """ "Bartosza Romowicza" -> "Bartosz Romowicz"; words SGJP does not know ("Skibe") stay as written."""
    words = [_cap(w) for w in name.split()]
    out = []
    for word in words:
        parts = word.split("-")
        converted = []
        for part in parts:
            lemma = _case_lemma(part, case, {"imię", "nazwisko"}) if case != "nom" else None
            converted.append(lemma if lemma and lemma[:1].isupper() else part)
        out.append("-".join(converted))
    return " ".join(out)


@lru_cache(maxsize=16384)
def office_nominative(office: str) -> str:
    """ "Burmistrzowi Miasta i Gminy" -> "Burmistrz Miasta i Gminy": the head noun to the nominative, the rest kept."""
    words = office.split()
    if not words:
        return office
    head = words[0]
    for case in ("dat", "gen", "acc", "inst", "loc", "voc"):
        lemma = _case_lemma(head.lower(), case, {"nazwa_pospolita"})
        if lemma and lemma != head.lower():
            words[0] = lemma.capitalize() if head[:1].isupper() else lemma
            break
    return " ".join(words)


def strip_titles(name: str) -> str:
    """Drops academic titles before a name."""
    words = name.split()
    while words and words[0].lower() in TITLES:
        words.pop(0)
    return " ".join(words)


def clean_person(name: str) -> str:
    """A signatory line as a register name: titles dropped, capitals normalised."""
    return " ".join(_cap(w) for w in strip_titles(name).split())


def looks_like_person(text: str) -> bool:
    """A line that is a person's name: 2-3 capitalised words, the first (or last, surname-first) a first name."""
    words = strip_titles(text).split()
    if not 2 <= len(words) <= 3 or not all(_WORD_RE.fullmatch(w) for w in words):
        return False
    if not all(is_name_word(w) for w in words):
        return False
    return is_first_name(words[0]) or is_first_name(words[-1])


def find_person(text: str, case: str = "nom") -> str | None:
    """The first "First Surname" pair in a phrase, brought to the nominative from `case`."""
    words = text.split()
    for i in range(len(words) - 1):
        pair = [w.strip(",.;:()") for w in words[i : i + 2]]
        if all(_WORD_RE.fullmatch(w) for w in pair) and is_first_name(pair[0]) and is_name_word(pair[1]):
            return person_nominative(" ".join(pair), case) if case != "nom" else clean_person(" ".join(pair))
    return None
