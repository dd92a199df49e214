"""Councils and their terms: set up once (by the demo, an import, `interpel ingest --body` or the admin)."""

from datetime import date

from django.utils.text import slugify

from ..models import Body, Term
from .batch import atomic, term_created
from .events import record_event


@atomic
def ensure_body(name: str, *, level: str = "gmina", executive: str = "", deadline_source: str = "") -> Body:
    """The body called `name`, created with the given level when it is not there yet."""
    body = Body.objects.filter(name=name).first()
    if body is not None:
        return body
    base = slugify(name) or "rada"
    slug, n = base, 1
    while Body.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    body = Body.objects.create(
        name=name, slug=slug, level=level, executive=executive, deadline_source=deadline_source
    )
    record_event("body_created", note=f"{name} ({level})")
    return body


def ensure_term(body: Body, name: str, starts_on: date, ends_on: date | None = None) -> Term:
    """The body's term called `name`, created with its dates when missing."""
    term, created = Term.objects.get_or_create(
        body=body, name=name, defaults={"starts_on": starts_on, "ends_on": ends_on}
    )
    if created:
        term_created(body)
    return term
