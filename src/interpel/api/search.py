"""GET /api/v1/search: the register searched in plain Polish, with filters, facets and pagination; possible
duplicates of an inquiry being registered, and inquiries similar to a registered one."""

from datetime import date

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Query, Router, Schema

from interpel.errors import BadQuery
from interpel.registry.models import Body, Inquiry
from interpel.search.services import search
from interpel.search.similar import possible_duplicates, similar_inquiries

from .schemas import ErrorOut, found_or_404

router = Router(tags=["search"])


class SearchFilters(Schema):
    q: str = ""
    limit: int = 20
    offset: int = 0
    sort: str = "relevance"
    kind: str | None = None
    status: str | None = None
    body: str | None = None
    term: str | None = None
    councillor: str | None = None
    club: str | None = None
    department: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    year: int | None = None
    facets: bool = True


class HitOut(Schema):
    id: int
    number: str
    kind: str
    title: str
    snippet: str
    score: float
    url: str
    body: str
    filed_on: date | None
    answered_on: date | None
    status: str


class SearchOut(Schema):
    total: int
    limit: int
    offset: int
    results: list[HitOut]
    facets: dict[str, dict[str, int]]
    warnings: list[str]
    description: str


@router.get("", response=SearchOut, summary="Wyszukiwanie interpelacji i zapytań (z odpowiedziami)")
def search_inquiries(request: HttpRequest, params: Query[SearchFilters]) -> dict[str, object]:
    """Words match any inflected form; "phrase", -exclusion, OR, prefix*; filters as parameters or key:value."""
    filters = params.dict(exclude={"q", "limit", "offset", "sort", "facets"})
    result = search(
        params.q,
        filters=filters,
        sort=params.sort,  # type: ignore[arg-type]
        limit=params.limit,
        offset=params.offset,
        with_facets=params.facets,
    )
    return {
        "total": result.total,
        "limit": max(1, min(params.limit, 100)),
        "offset": max(0, params.offset),
        "results": result.results,
        "facets": result.facets,
        "warnings": result.warnings,
        "description": result.description,
    }


# What a registration form sends of the new inquiry's text: its opening holds the matter, and a URL must stay short.
DUPLICATE_TEXT_CHARS = 2000


class DuplicatesIn(Schema):
    subject: str
    text: str = ""
    body: str | None = None  # the council (slug or id): duplicates are looked for in its register only
    limit: int = 5


class HitsOut(Schema):
    results: list[HitOut]


@router.get(
    "/duplicates",
    response={200: HitsOut, 400: ErrorOut},
    summary="Możliwe duplikaty rejestrowanej interpelacji",
)
def duplicates(request: HttpRequest, params: Query[DuplicatesIn]) -> dict[str, object]:
    """Registered inquiries on the same matter as the one being registered (subject and the opening of its text),
    best first: for the office to check before it registers the same question twice."""
    body = None
    if params.body:
        key = Q(slug=params.body) | (Q(pk=int(params.body)) if params.body.isdigit() else Q())
        body = Body.objects.filter(key).first()
        if body is None:
            raise BadQuery(gettext("Nie znaleziono rady „%(value)s”.") % {"value": params.body})
    if not params.subject.strip():
        raise BadQuery(gettext("Podaj temat rejestrowanej interpelacji (subject)."))
    hits = possible_duplicates(
        params.subject[:500], params.text[:DUPLICATE_TEXT_CHARS], body, limit=max(1, min(params.limit, 20))
    )
    return {"results": hits}


@router.get(
    "/similar/{int:inquiry_id}",
    response={200: HitsOut, 404: ErrorOut},
    summary="Interpelacje podobne do danej",
)
def similar(request: HttpRequest, inquiry_id: int, limit: int = 5) -> dict[str, object]:
    """Published inquiries on the same matter as this one (the inquiry page's "similar inquiries")."""
    inquiry = found_or_404(Inquiry.objects.filter(is_published=True), "inquiry", id=inquiry_id)
    return {"results": similar_inquiries(inquiry, limit=max(1, min(limit, 20)))}
