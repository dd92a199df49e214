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


def _gender(tag: str) -> str:
    parts = tag.split(":")
    return parts[3] if len(parts) > 3 else ""


def _case_lemma(word: str, case: str, categories: set[str], gender: str | None = None) -> str | None:
    candidates = []
    for lemma, tag, cats in analyses(word):
        parts = tag.split(":")
        if len(parts) < 3 or not parts[0].startswith("subst") or case not in parts[2].split("."):
            continue
        if categories and not categories & set(cats):
            continue
        candidates.append((lemma, _gender(tag), len(cats)))
    if not candidates:
        return None
    # Ties between lemmas of one form: a proper name first; then the gender of the rest of the phrase
    # ("Pawła" is a man's genitive beside "Andrzeja", never the woman's "Pawła"); then the native Polish name,
    # which SGJP also lists as a surname because Polish surnames derive from it ("Jacka" -> Jacek, not the
    # borrowed Jack; "Roberta" -> Robert, not Roberto); last the lemma the word starts with.
    candidates.sort(
        key=lambda item: (
            not item[0][:1].isupper(),
            bool(gender) and gender not in item[1].split("."),
            -item[2],
            not word.startswith(item[0]),
        )
    )
    return candidates[0][0]


def _name_gender(words: list[str], case: str) -> str | None:
    """The gender of a first name in the phrase when SGJP reads it in one gender only ("Andrzeja": m1)."""
    for word in words:
        genders = {
            _gender(tag)
            for _lemma, tag, cats in analyses(word)
            if "imię" in cats and case in tag.split(":")[2].split(".")
        }
        if len(genders) == 1:
            return genders.pop()
    return None


@lru_cache(maxsize=16384)
def person_nominative(name: str, case: str = "gen") -> str:
    """ "Bartosza Romowicza" -> "Bartosz Romowicz"; words SGJP does not know ("Skibe") stay as written."""
    words = [_cap(w) for w in name.split()]
    gender = _name_gender(words, case) if case != "nom" else None
    out = []
    for word in words:
        parts = word.split("-")
        converted = []
        for part in parts:
            lemma = _case_lemma(part, case, {"imię", "nazwisko"}, gender) if case != "nom" else None
            converted.append(lemma if lemma and lemma[:1].isupper() else part)
        out.append("-".join(converted))
    return " ".join(out)


@lru_cache(maxsize=16384)
def office_nominative(office: str) -> str:
    """ "Burmistrzowi Miasta i Gminy" -> "Burmistrz Miasta i Gminy": the head noun to the nominative, the rest kept.

    A head already in the nominative stays, with its gender and number: "Radna" (not the neuter "radno" whose
    genitive it also is), "Radni Rady Miasta" (several signatories), "Prezydent"."""
    words = office.split()
    if not words:
        return office
    head = words[0]
    readings = [tag.split(":") for _l, tag, cats in analyses(head.lower()) if "nazwa_pospolita" in cats]
    nouns = [r for r in readings if r[0] == "subst" and len(r) > 3]
    if any(r[1].startswith("sg") and "nom" in r[2].split(".") for r in nouns):
        return office
    singular_oblique = any(r[1].startswith("sg") and set(r[2].split(".")) - {"nom", "voc"} for r in nouns)
    if not singular_oblique and any("nom" in r[2].split(".") for r in nouns):
        return office
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
    """A signatory line as a register name: titles dropped, capitals normalised, surname-first lists
    ("KOWALCZYK Andrzej", "Wilk Beata" in attendance lists and registers) turned to first name first."""
    words = [_cap(w) for w in strip_titles(name).split()]
    if len(words) == 2 and is_first_name(words[1]) and not is_first_name(words[0]):
        words.reverse()
    return " ".join(words)


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
