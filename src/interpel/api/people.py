"""/people: councillors, mayors and officials, with the spellings of their names and their offices."""

from datetime import date
from typing import Any, Literal

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from interpel.registry.models import Person

from .pagination import CountedPagination
from .schemas import BodyRefOut, ClubRefOut, ErrorOut, PersonRefOut, TermRefOut, absolute, found_or_404

router = Router(tags=["osoby"])

Role = Literal["councillor", "executive", "deputy", "chair", "official", "mp", "minister"]


class MembershipOut(Schema):
    body: BodyRefOut
    term: TermRefOut | None
    role: str
    role_label: str
    title: str
    starts_on: date | None
    ends_on: date | None

    @staticmethod
    def resolve_role_label(obj: Any) -> str:
        return str(obj.get_role_display())


class ClubMembershipOut(Schema):
    club: ClubRefOut
    starts_on: date | None
    ends_on: date | None


class PersonOut(PersonRefOut):
    given_name: str
    family_name: str
    inquiries_count: int = Field(description="Opublikowane interpelacje i zapytania, których jest autorem")
    inquiries_url: str = Field(description="Jego interpelacje w API")

    @staticmethod
    def resolve_inquiries_url(obj: Any, context: Any) -> str:
        return absolute(context, f"{reverse('api:inquiries')}?councillor={obj.slug}")


class PersonDetailOut(PersonOut):
    aliases: list[str] = Field(description="Pisownie imienia i nazwiska spotkane w dokumentach")
    memberships: list[MembershipOut]
    clubs: list[ClubMembershipOut]

    @staticmethod
    def resolve_aliases(obj: Any) -> list[str]:
        return sorted(a.name for a in obj.aliases.all())

    @staticmethod
    def resolve_memberships(obj: Any) -> list[Any]:
        return list(obj.memberships.all())

    @staticmethod
    def resolve_clubs(obj: Any) -> list[Any]:
        return list(obj.club_memberships.all())


class PersonFilterIn(Schema):
    role: Role | None = Field(None, description="funkcja w radzie lub urzędzie")
    body: int | None = Field(None, description="id rady")
    name: str | None = Field(None, max_length=200, description="fragment imienia lub nazwiska")


def people() -> QuerySet[Person]:
    published = Count("authorships", filter=Q(authorships__inquiry__is_published=True), distinct=True)
    return Person.objects.annotate(inquiries_count=published)


@router.get("/", response=list[PersonOut], url_name="people", summary="Lista osób")
@paginate(CountedPagination)
def list_people(request: Any, filters: Query[PersonFilterIn]) -> Any:
    queryset = people()
    if filters.role:
        queryset = queryset.filter(memberships__role=filters.role)
    if filters.body:
        queryset = queryset.filter(memberships__body__pk=filters.body)
    if filters.name:
        queryset = queryset.filter(aliases__name__icontains=filters.name)
    return queryset.distinct().order_by("family_name", "given_name", "id")


@router.get(
    "/{person}",
    response={200: PersonDetailOut, 404: ErrorOut},
    url_name="person",
    summary="Osoba: pisownie nazwiska, funkcje, kluby",
)
def get_person(request: Any, person: str) -> Any:
    """By id or by slug (the slug is what the portal's councillor filter uses)."""
    queryset = people().prefetch_related(
        "aliases", "memberships__body", "memberships__term", "club_memberships__club"
    )
    if person.isdigit():
        return found_or_404(queryset, "person", id=int(person))
    return found_or_404(queryset, "person", slug=person)
