"""Matching the names found in documents to people, through their aliases."""

import re
import unicodedata

from django.utils.text import slugify

from ..models import Body, Membership, Person, PersonAlias, Role
from .batch import atomic, current, ensure_membership

# Academic and professional titles are not part of a name ("dr inż. Jan Kowalski" is Jan Kowalski).
_TITLES = re.compile(
    r"\b(?:prof|dr|hab|inż|mgr|lek|med|n|wet|arch|płk|gen|ks|pan|pani)\b\.?\s*", re.IGNORECASE
)


def clean_name(name: str) -> str:
    """The name as people write it, without titles and with single spaces; SURNAMES IN CAPITALS become Title Case."""
    name = _TITLES.sub("", unicodedata.normalize("NFC", name)).strip(" ,.")
    words = [w.capitalize() if w.isupper() and len(w) > 1 else w for w in name.split()]
    return " ".join(words)


def name_key(name: str) -> str:
    """Key for exact alias matching: case, spacing and titles ignored; Polish letters kept (Łódź is not Lodz)."""
    return clean_name(name).casefold()


def _split(name: str) -> tuple[str, str]:
    parts = name.split()
    if len(parts) < 2:
        return "", name
    return " ".join(parts[:-1]), parts[-1]


def _by_alias_or_office(display: str, key: str, body: Body | None, office: str) -> Person:
    alias = PersonAlias.objects.select_related("person").filter(key=key).first()
    if alias:
        return alias.person
    given, family = _split(display)
    person = None
    if office and body is not None:
        holder = (
            Membership.objects.filter(body=body, title__iexact=office, person__family_name__iexact=family)
            .select_related("person")
            .first()
        )
        person = holder.person if holder else None
    if person is None:
        base = slugify(display) or "osoba"
        slug, n = base, 1
        while Person.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        person = Person.objects.create(name=display, slug=slug, given_name=given, family_name=family)
    PersonAlias.objects.create(person=person, name=display, key=key)
    return person


@atomic
def find_or_create_person(name: str, *, body: Body | None = None, office: str = "", role: str = "") -> Person:
    """Return the person a document names, creating them (and an alias) only when no one matches.

    Matching, in order: an alias with the same key; then, when the office is known, the holder of that office in the
    same body with the same family name (an office such as Prezydent Miasta Kalisza has one holder at a time, so
    "Krzysztof Kinastowski" signing as the Mayor is the mayor already known as "Krystian Kinastowski").
    """
    display = clean_name(name)
    key = name_key(display)
    # Once a key has an alias it always names that alias' person: a batch asks the database once per key.
    known = current()
    person = known.people.get(key) if known is not None else None
    if person is None:
        person = _by_alias_or_office(display, key, body, office)
        if known is not None:
            known.people[key] = person
    if body is not None and (office or role):
        ensure_membership(person, body, role or Role.OFFICIAL, office)
    return person
