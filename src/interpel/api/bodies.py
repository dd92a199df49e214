"""/bodies, /terms, /clubs, /departments: the councils and how they are organised."""

from datetime import date
from typing import Any, Literal

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from interpel.registry.models import Body, Club, Department, Term

from .pagination import CountedPagination
from .schemas import (
    BodyRefOut,
    ClubRefOut,
    DepartmentRefOut,
    ErrorOut,
    PersonRefOut,
    TermRefOut,
    absolute,
    found_or_404,
    html_url,
)

bodies = Router(tags=["rady"])
terms = Router(tags=["kadencje"])
clubs = Router(tags=["kluby"])
departments = Router(tags=["wydziały"])

PUBLISHED = Q(inquiries__is_published=True)


def inquiries_url(context: Any, name: str, key: Any) -> str:
    """The API list of an object's inquiries (the same filter the portal's list takes)."""
    return absolute(context, f"{reverse('api:inquiries')}?{name}={key}")


class DeadlineRuleOut(Schema):
    days: int | None = Field(description="Liczba dni na odpowiedź, gdy ustalona inaczej niż w ustawie")
    policy: str = Field(description="kc (art. 111 § 2 i 115 k.c.) albo calendar")
    source: str = Field(description="Podstawa prawna terminu")


class BodyOut(BodyRefOut):
    level: str
    level_label: str
    executive: str
    deadline: DeadlineRuleOut
    html_url: str | None
    inquiries_count: int
    inquiries_url: str
    terms: list[TermRefOut]

    @staticmethod
    def resolve_level_label(obj: Any) -> str:
        return str(obj.get_level_display())

    @staticmethod
    def resolve_deadline(obj: Any) -> dict[str, Any]:
        return {"days": obj.deadline_days, "policy": obj.deadline_policy, "source": obj.deadline_source}

    @staticmethod
    def resolve_html_url(obj: Any, context: Any) -> str | None:
        return html_url(context, "body", obj.pk)

    @staticmethod
    def resolve_inquiries_url(obj: Any, context: Any) -> str:
        return inquiries_url(context, "body", obj.pk)

    @staticmethod
    def resolve_terms(obj: Any) -> list[Any]:
        return list(obj.terms.all())


class TermOut(TermRefOut):
    body: BodyRefOut
    starts_on: date
    ends_on: date | None
    deadline: DeadlineRuleOut = Field(description="Zmiany zasad terminu w tej kadencji (puste: jak w radzie)")
    html_url: str | None
    inquiries_count: int
    inquiries_url: str

    @staticmethod
    def resolve_deadline(obj: Any) -> dict[str, Any]:
        return {"days": obj.deadline_days, "policy": obj.deadline_policy, "source": obj.deadline_source}

    @staticmethod
    def resolve_html_url(obj: Any, context: Any) -> str | None:
        return html_url(context, "term", obj.pk)

    @staticmethod
    def resolve_inquiries_url(obj: Any, context: Any) -> str:
        return inquiries_url(context, "term", obj.pk)


class ClubMemberOut(Schema):
    person: PersonRefOut
    starts_on: date | None
    ends_on: date | None


class ClubOut(ClubRefOut):
    slug: str
    body: BodyRefOut
    term: TermRefOut | None
    inquiries_url: str
    members: list[ClubMemberOut]

    @staticmethod
    def resolve_inquiries_url(obj: Any, context: Any) -> str:
        return inquiries_url(context, "club", obj.pk)

    @staticmethod
    def resolve_members(obj: Any) -> list[Any]:
        return list(obj.memberships.all())


class DepartmentOut(DepartmentRefOut):
    body: BodyRefOut
    inquiries_count: int
    inquiries_url: str

    @staticmethod
    def resolve_inquiries_url(obj: Any, context: Any) -> str:
        return inquiries_url(context, "department", obj.pk)


class BodyFilterIn(Schema):
    level: Literal["gmina", "powiat", "wojewodztwo", "dzielnica", "sejm"] | None = None


class ByBodyIn(Schema):
    body: int | None = Field(None, description="id rady")


def _counted(queryset: QuerySet[Any]) -> QuerySet[Any]:
    return queryset.annotate(inquiries_count=Count("inquiries", filter=PUBLISHED, distinct=True))


def _by_body(queryset: QuerySet[Any], body: int | None) -> QuerySet[Any]:
    return queryset.filter(body__pk=body) if body is not None else queryset


def _all_bodies() -> QuerySet[Body]:
    return _counted(Body.objects.prefetch_related("terms"))


@bodies.get("/", response=list[BodyOut], url_name="bodies", summary="Lista rad")
@paginate(CountedPagination)
def list_bodies(request: Any, filters: Query[BodyFilterIn]) -> Any:
    queryset = _all_bodies()
    return (queryset.filter(level=filters.level) if filters.level else queryset).order_by("name", "id")


@bodies.get("/{body}", response={200: BodyOut, 404: ErrorOut}, url_name="body", summary="Rada")
def get_body(request: Any, body: str) -> Any:
    """By id or by slug."""
    if body.isdigit():
        return found_or_404(_all_bodies(), "body", id=int(body))
    return found_or_404(_all_bodies(), "body", slug=body)


def _all_terms() -> QuerySet[Term]:
    return _counted(Term.objects.select_related("body"))


@terms.get("/", response=list[TermOut], url_name="terms", summary="Lista kadencji")
@paginate(CountedPagination)
def list_terms(request: Any, filters: Query[ByBodyIn]) -> Any:
    return _by_body(_all_terms(), filters.body).order_by("body__name", "-starts_on", "id")


@terms.get("/{int:term_id}", response={200: TermOut, 404: ErrorOut}, url_name="term", summary="Kadencja")
def get_term(request: Any, term_id: int) -> Any:
    return found_or_404(_all_terms(), "term", id=term_id)


def _all_clubs() -> QuerySet[Club]:
    return Club.objects.select_related("body", "term").prefetch_related("memberships__person")


@clubs.get("/", response=list[ClubOut], url_name="clubs", summary="Lista klubów radnych")
@paginate(CountedPagination)
def list_clubs(request: Any, filters: Query[ByBodyIn]) -> Any:
    return _by_body(_all_clubs(), filters.body).order_by("name", "id")


@clubs.get("/{int:club_id}", response={200: ClubOut, 404: ErrorOut}, url_name="club", summary="Klub radnych")
def get_club(request: Any, club_id: int) -> Any:
    return found_or_404(_all_clubs(), "club", id=club_id)


def _all_departments() -> QuerySet[Department]:
    return _counted(Department.objects.select_related("body"))


@departments.get("/", response=list[DepartmentOut], url_name="departments", summary="Lista wydziałów")
@paginate(CountedPagination)
def list_departments(request: Any, filters: Query[ByBodyIn]) -> Any:
    return _by_body(_all_departments(), filters.body).order_by("body__name", "code", "id")


@departments.get(
    "/{int:department_id}",
    response={200: DepartmentOut, 404: ErrorOut},
    url_name="department",
    summary="Wydział",
)
def get_department(request: Any, department_id: int) -> Any:
    return found_or_404(_all_departments(), "department", id=department_id)
