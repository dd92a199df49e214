"""GET /api/v1/search: the register searched in plain Polish, with filters, facets and pagination."""

from datetime import date

from django.http import HttpRequest
from ninja import Query, Router, Schema

from interpel.search.services import search

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
