"""Read-side data for the home page and the pages of a councillor, a department and a term."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from interpel.law.deadlines import RuleSet
from interpel.law.status import StatusCode
from interpel.registry.models import Answer, ClubMembership, Department, Inquiry, Membership, Person, Term
from interpel.registry.selectors import status_q

from . import stats
from .caching import cached
from .listing import PAGE_SIZE, Row, rows_for, with_related

LATEST = 8
WEEK = 7


@dataclass(frozen=True)
class Home:
    total: int
    answered: int
    overdue: int
    due_this_week: int
    latest: list[Row]
    latest_answers: list[Answer]
    due_soon: list[Row]


def published() -> QuerySet[Inquiry]:
    return Inquiry.objects.filter(is_published=True)


def home(today: date) -> Home:
    """Latest inquiries and answers, what falls due within a week, and how many are overdue."""
    week = Q(
        is_withdrawn=False, answered_on__isnull=True, due_on__gte=today, due_on__lte=today + timedelta(WEEK)
    )
    counts = cached(
        "home",
        [today],
        lambda: published().aggregate(
            total=Count("pk"),
            answered=Count("pk", filter=Q(answered_on__isnull=False, is_withdrawn=False)),
            overdue=Count("pk", filter=status_q(StatusCode.OVERDUE, today)),
            due_this_week=Count("pk", filter=week),
        ),
    )
    latest = list(with_related(published().order_by("-filed_on", "-pk"))[:LATEST])
    due_soon = list(with_related(published().filter(week).order_by("due_on", "pk"))[:LATEST])
    answers = list(
        Answer.objects.filter(is_published=True, answered_on__isnull=False)
        .select_related("signatory")
        .prefetch_related("inquiries")
        .order_by("-answered_on", "-pk")[:LATEST]
    )
    return Home(
        latest=rows_for(latest, today),
        latest_answers=answers,
        due_soon=rows_for(due_soon, today),
        **counts,
    )


def page_of(
    queryset: QuerySet[Inquiry],
    today: date,
    number: Any,
    order: tuple[str, ...] = ("-filed_on", "-pk"),
    key: Any = None,
) -> tuple[Page[Any], list[Row]]:
    """One page of rows, newest first unless `order` says otherwise; `key` names the list to cache its count."""
    paginator = Paginator(with_related(queryset.order_by(*order)), PAGE_SIZE)
    if key is not None:
        paginator.count = cached("count", key, queryset.count)  # type: ignore[misc]
    page = paginator.get_page(number)
    return page, rows_for(list(page.object_list), today)


@dataclass(frozen=True)
class PersonPage:
    person: Person
    inquiries: QuerySet[Inquiry]
    summary: dict[str, Any]
    clubs: list[ClubMembership]
    offices: list[Membership]
    signed: list[Answer]
    signed_count: int


def person_page(slug: str, today: date) -> PersonPage:
    """A councillor's inquiries and how they were answered; for an official, the answers they signed."""
    person = Person.objects.get(slug=slug)
    inquiries = published().filter(authors=person)
    signed = Answer.objects.filter(is_published=True, signatory=person)
    return PersonPage(
        person=person,
        inquiries=inquiries,
        summary=cached("person", [slug, today], lambda: stats.summary(today, inquiries)),
        clubs=list(person.club_memberships.select_related("club").order_by("-starts_on")),
        offices=list(person.memberships.select_related("body", "term")),
        signed=list(signed.prefetch_related("inquiries").order_by("-answered_on", "-pk")[:LATEST]),
        signed_count=signed.count(),
    )


def department_inquiries(department: Department) -> QuerySet[Inquiry]:
    """Inquiries assigned to the department or answered by it (the answer's case sign names the department)."""
    assigned = Inquiry.departments.through.objects.filter(department=department).values("inquiry_id")
    answered = Answer.inquiries.through.objects.filter(answer__department=department).values("inquiry_id")
    return published().filter(Q(pk__in=assigned) | Q(pk__in=answered))


@dataclass(frozen=True)
class DepartmentPage:
    department: Department
    inquiries: QuerySet[Inquiry]
    summary: dict[str, Any]


def department_page(pk: int, today: date) -> DepartmentPage:
    department = Department.objects.select_related("body").get(pk=pk)
    inquiries = department_inquiries(department)
    summary = cached("department", [pk, today], lambda: stats.summary(today, inquiries))
    return DepartmentPage(department, inquiries, summary)


@dataclass(frozen=True)
class TermPage:
    term: Term
    rules: RuleSet  # the deadline rules in force in this term
    inquiries: QuerySet[Inquiry]
    summary: dict[str, Any]
    clubs: list[Any]
    departments: list[Department]


def term_page(pk: int, today: date) -> TermPage:
    term = Term.objects.select_related("body").get(pk=pk)
    inquiries = published().filter(term=term)
    departments = Department.objects.filter(
        Q(inquiries__term=term) | Q(answers__inquiries__term=term)
    ).distinct()
    return TermPage(
        term=term,
        rules=term.body.rule_set(term),
        inquiries=inquiries,
        summary=cached("term", [pk, today], lambda: stats.summary(today, inquiries)),
        clubs=list(term.clubs.all()),
        departments=list(departments.order_by("code")),
    )
