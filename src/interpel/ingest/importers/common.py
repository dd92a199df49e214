"""Helpers shared by the structured importers: bodies, terms, people by name, subjects, answer updates."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from interpel.registry.models import Body, Person
from interpel.registry.services import ensure_body, ensure_term, find_or_create_person

__all__ = ["People", "bare_subject", "ensure_body", "ensure_term", "parse_day"]

# "Interpelacja w sprawie …", "Interpelacja ws. …", "w sprawie …", "dot. …": our subjects start after this
# (the annotation schema in ../shared/corpus/README.md keeps the subject without its leading "w sprawie").
_SUBJECT_LEAD = re.compile(
    r"^\s*(?:(?:interpelacj[aię]|zapytani[eau])\s+)?(?:w\s+sprawie|ws\.?|dot\.|dotycząc[aey]|odnośnie)\s+",
    re.IGNORECASE,
)


def bare_subject(title: str) -> str:
    """ "Interpelacja w sprawie X" -> "X"; a title without such a lead is kept as written."""
    text = " ".join(title.split())
    stripped = _SUBJECT_LEAD.sub("", text, count=1)
    return stripped or text


def parse_day(raw: Any) -> date | None:
    """An ISO date string from a dump; empty or malformed gives None (the caller warns)."""
    if not raw or not isinstance(raw, str):
        return None
    try:
        return date.fromisoformat(raw.strip()[:10])
    except ValueError:
        return None


class People:
    """find_or_create_person with a cache, so that an import asks the database once per distinct name."""

    def __init__(self, body: Body, role: str) -> None:
        self.body = body
        self.role = role
        self._cache: dict[tuple[str, str], Person] = {}

    def get(self, name: str, office: str = "") -> Person:
        key = (name, office)
        person = self._cache.get(key)
        if person is None:
            person = find_or_create_person(name, body=self.body, office=office, role=self.role)
            self._cache[key] = person
        return person
