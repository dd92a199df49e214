"""One pagination for every list of the API: limit/offset in, {"count", "next", "previous", "results"} out.

`next` and `previous` are absolute URLs that keep the request's filters, so a client can walk a filtered list
without rebuilding query strings (the shape Django REST framework made familiar).
"""

from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.timezone import localdate
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from interpel.portal.caching import cached

DEFAULT_LIMIT = 25
MAX_LIMIT = 200  # bulk consumers should use the streamed exports, not walk thousands of pages


def page_url(request: HttpRequest, offset: int, limit: int) -> str:
    """The same list with another offset, as an absolute URL."""
    params = request.GET.copy()
    params["limit"] = str(limit)
    params["offset"] = str(offset)
    if offset == 0:
        del params["offset"]
    return request.build_absolute_uri(f"{request.path}?{urlencode(sorted(params.lists()), doseq=True)}")


class CountedPagination(PaginationBase):
    """Limit/offset pagination with the total count and links to the neighbouring pages."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Liczba pozycji na stronie")
        offset: int = Field(0, ge=0, description="Pominięte pozycje od początku listy")

    class Output(Schema):
        count: int = Field(description="Liczba wszystkich pozycji pasujących do filtrów")
        next: str | None = Field(description="Adres następnej strony albo null")
        previous: str | None = Field(description="Adres poprzedniej strony albo null")
        results: list[Any]

    items_attribute = "results"

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        limit, offset = pagination.limit, pagination.offset
        results = list(queryset[offset : offset + limit])
        if isinstance(queryset, QuerySet):
            # Counting 100k rows costs more than the page itself: the count is kept until the next write.
            filters = sorted((k, v) for k, v in request.GET.lists() if k not in ("limit", "offset"))
            count = cached("api-count", [request.path, filters, localdate()], queryset.count)
        else:
            count = self._items_count(queryset)  # after the slice: a search result learns its total from it
        return {
            "count": count,
            "next": page_url(request, offset + limit, limit) if offset + limit < count else None,
            "previous": page_url(request, max(offset - limit, 0), limit) if offset > 0 else None,
            "results": results,
        }
