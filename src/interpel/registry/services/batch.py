"""Batches: an importer's many writes in a row, with fewer queries and the same validation and Events.

Inside `batch()` the services remember the people, departments and terms they looked up. Inside one of its
transactions (`batch_atomic()`) they write without savepoints of their own and their Events are inserted in one
statement just before the commit. A service error inside such a transaction fails the whole transaction (which is
what an importer's per-record transaction wants anyway); a rollback makes the batch forget what it learnt in it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import wraps
from typing import Any, TypeVar

from django.db import transaction

from ..models import Body, Department, Event, Membership, Person, Term

F = TypeVar("F", bound=Callable[..., Any])
_state = threading.local()


class Batch:
    """What a batch has learnt so far, and the Events of its open transaction."""

    def __init__(self) -> None:
        self.in_transaction = False
        self.events: list[Event] = []
        self.people: dict[str, Person] = {}  # alias key -> person
        self.memberships: dict[int, set[tuple[int, str]]] = {}  # body -> (person, role) of its term-less ones
        self.departments: dict[int, dict[str, Department]] = {}  # body -> code -> department
        self.terms: dict[int, list[Term]] = {}  # body -> its terms, latest first

    def forget(self) -> None:
        """After a rollback: rows learnt in the transaction may be gone."""
        self.events.clear()
        self.people.clear()
        self.memberships.clear()
        self.departments.clear()
        self.terms.clear()


def current() -> Batch | None:
    return getattr(_state, "batch", None)


def in_batch_transaction() -> bool:
    found = current()
    return found is not None and found.in_transaction


@contextmanager
def batch() -> Iterator[Batch]:
    """Services inside remember what they looked up; nested batches share the outer one."""
    previous = current()
    _state.batch = previous or Batch()
    try:
        yield _state.batch
    finally:
        _state.batch = previous


@contextmanager
def batch_atomic() -> Iterator[None]:
    """One transaction of the batch (a plain transaction outside a batch)."""
    found = current()
    if found is None or found.in_transaction:
        with transaction.atomic():
            yield
        return
    found.in_transaction = True
    try:
        with transaction.atomic():
            yield
            flush_events()
    except BaseException:
        found.forget()
        raise
    finally:
        found.in_transaction = False


def atomic(func: F) -> F:
    """`transaction.atomic` for a service: no savepoint of its own inside a batch transaction."""

    @wraps(func)
    def inner(*args: Any, **kwargs: Any) -> Any:
        with transaction.atomic(savepoint=not in_batch_transaction()):
            return func(*args, **kwargs)

    return inner  # type: ignore[return-value]


def defer_event(event: Event) -> bool:
    """Keep an Event for the batch transaction's single insert; False when there is no such transaction."""
    found = current()
    if found is None or not found.in_transaction:
        return False
    found.events.append(event)
    return True


def flush_events() -> None:
    found = current()
    if found is not None and found.events:
        Event.objects.bulk_create(found.events)
        found.events.clear()


def cached_department(body: Body, code: str) -> Department:
    """The body's department with this code, created when missing (a batch reads the body's departments once)."""
    found = current()
    if found is None:
        return Department.objects.get_or_create(body=body, code=code)[0]
    if body.pk not in found.departments:
        found.departments[body.pk] = {d.code: d for d in Department.objects.filter(body=body)}
    known = found.departments[body.pk]
    if code not in known:
        known[code] = Department.objects.get_or_create(body=body, code=code)[0]
    return known[code]


def ensure_membership(person: Person, body: Body, role: str, title: str) -> None:
    """The person's term-less membership of the body in this role, created with `title` when missing."""
    found = current()
    if found is None:
        Membership.objects.get_or_create(
            person=person, body=body, term=None, role=role, defaults={"title": title}
        )
        return
    if body.pk not in found.memberships:
        rows = Membership.objects.filter(body=body, term=None).values_list("person_id", "role")
        found.memberships[body.pk] = set(rows)
    known = found.memberships[body.pk]
    if (person.pk, role) not in known:
        # What get_or_create would do after finding nothing; the unique constraint never fires on a null term.
        Membership.objects.create(person=person, body=body, term=None, role=role, title=title)
        known.add((person.pk, role))


def cached_terms(body: Body) -> list[Term] | None:
    """The body's terms, latest first, when a batch keeps them (None outside a batch)."""
    found = current()
    if found is None:
        return None
    if body.pk not in found.terms:
        found.terms[body.pk] = list(Term.objects.filter(body=body).order_by("-starts_on"))
    return found.terms[body.pk]


def term_created(body: Body) -> None:
    found = current()
    if found is not None:
        found.terms.pop(body.pk, None)


def term_in_force(terms: list[Term], day: date | None) -> Term | None:
    """What `term_for` asks the database, over terms already read (latest first)."""
    for term in terms:
        if day is None or (term.starts_on <= day and (term.ends_on is None or term.ends_on >= day)):
            return term
    return None
