"""Helpers shared by the structured importers: bodies, terms, people by name, subjects, answer updates."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.utils.text import slugify

from interpel.registry.models import Body, Person, Term
from interpel.registry.services import find_or_create_person

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


def ensure_body(name: str, *, level: str, executive: str = "", deadline_source: str = "") -> Body:
    """The body called `name`, created with the given level when it is not there yet.

    The registry has no service for bodies (they are set up once, by the demo, the admin or an import), so this
    is the one place where ingest writes a Body.
    """
    body = Body.objects.filter(name=name).first()
    if body is not None:
        return body
    base = slugify(name) or "rada"
    slug, n = base, 1
    while Body.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Body.objects.create(
        name=name, slug=slug, level=level, executive=executive, deadline_source=deadline_source
    )


def ensure_term(body: Body, name: str, starts_on: date, ends_on: date | None = None) -> Term:
    """The body's term called `name`, created with its dates when missing."""
    term = Term.objects.filter(body=body, name=name).first()
    if term is None:
        term = Term.objects.create(body=body, name=name, starts_on=starts_on, ends_on=ends_on)
    return term


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
