"""Author lists of register dumps ("Piotr Gierszewski Kazimierz Koralewski", "Zabłocki Wojciech") into names."""

from __future__ import annotations

import re

from interpel.text.names import is_first_name

# Separators between co-authors seen in the registers: commas, semicolons, line breaks (Gdańsk "\r\n\r\n").
_SEPARATORS = re.compile(r"\s*[,;\r\n]+\s*")
# "Śpiewak- Dowbór", "Śpiewak – Dowbór": a double surname broken by spaces around its hyphen.
_BROKEN_HYPHEN = re.compile(r"(?<=\w)\s*[-–]\s*(?=[A-ZĄĆĘŁŃÓŚŹŻ]\w)")
# A function written after the name ("Makowski Marcin - Wiceprzewodniczący"): not part of the name.
_FUNCTION = re.compile(r"\s+[-–]\s*(?:wice)?(?:przewodnicząc\w*|radn\w*|sekretarz\w*)\b.*$", re.IGNORECASE)
# Collective authors: a club or "the councillors of …" rather than a person.
_COLLECTIVE = {"klub", "klubu", "radni", "radnych", "rada", "komisja", "stowarzyszenie"}


def _is_given(word: str) -> bool:
    return word[:1].isupper() and is_first_name(word)


def _people_in(words: list[str]) -> list[str]:
    """Split a run of capitalised words into names: a new name starts at a first name after a surname."""
    names: list[list[str]] = []
    for word in words:
        current = names[-1] if names else None
        starts_new = current is None or (
            _is_given(word) and len(current) >= 2 and not _is_given(current[-1]) and current[-1][:1].isupper()
        )
        if starts_new:
            names.append([word])
        else:
            current.append(word)  # type: ignore[union-attr]
    return [_given_first(n) for n in names]


def _given_first(words: list[str]) -> str:
    """ "Malinowska-Grupińska Ewa Dorota" -> "Ewa Dorota Malinowska-Grupińska" (Warsaw writes surnames first)."""
    if len(words) >= 2 and not _is_given(words[0]) and _is_given(words[-1]):
        k = len(words)
        while k > 1 and _is_given(words[k - 1]):
            k -= 1
        words = words[k:] + words[:k]
    return " ".join(words)


def split_authors(raw: str) -> tuple[list[str], list[str]]:
    """(people, collective authors dropped) from a register's free-text author field, in the order written."""
    people: list[str] = []
    dropped: list[str] = []
    for part in _SEPARATORS.split(raw or ""):
        part = _BROKEN_HYPHEN.sub("-", _FUNCTION.sub("", part.strip())).strip(" .\"'")
        if not part:
            continue
        words = part.replace('"', " ").split()
        if words and words[0].casefold() in _COLLECTIVE:
            # "Klub radnych WdG Jolanta Banach": a club, then possibly a person who signed for it.
            start = next(
                (i for i in range(1, len(words) - 1) if _is_given(words[i]) and words[i + 1][:1].isupper()),
                None,
            )
            dropped.append(" ".join(words[:start] if start else words))
            if start is None:
                continue
            words = words[start:]
        for name in _people_in(words):
            if name not in people:
                people.append(name)
    return people, dropped
