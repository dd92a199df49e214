"""/inquiries: the register with the site's filters, and one inquiry with its answers, documents and timeline."""

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any, Literal

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from interpel.errors import BadQuery
from interpel.portal.caching import own_version
from interpel.portal.listing import search_filters
from interpel.registry.models import Answer, Inquiry
from interpel.registry.selectors import filter_inquiries

from .detail_reads import published_inquiry
from .pagination import CountedPagination
from .schemas import ErrorOut, InquiryDetailOut, InquiryOut, not_found, today

try:  # the search app lands separately; until it does, `q` matches words in the subject and text
    from interpel.search import services as search_services
except ImportError:  # pragma: no cover - depends on which apps are installed
    search_services = None  # type: ignore[assignment]

router = Router(tags=["interpelacje i zapytania"])

SORTS = {
    "-filed_on": ("-filed_on", "-id"),
    "filed_on": ("filed_on", "id"),
    "due_on": ("due_on", "id"),
    "-answered_on": ("-answered_on", "-id"),
    "-updated_at": ("-updated_at", "-id"),
}
Status = Literal[
    "awaiting", "due_soon", "overdue", "answered_on_time", "answered_late", "answered", "withdrawn"
]


class InquiryFilterIn(Schema):
    """The portal's filters (registry.selectors.filter_inquiries), plus text search and incremental harvesting."""

    status: Status | None = Field(None, description="Status na dziś")
    kind: Literal["interpellation", "question", "motion"] | None = None
    body: int | None = Field(None, description="id rady")
    term: int | None = Field(None, description="id kadencji")
    department: int | None = Field(None, description="id wydziału")
    councillor: str | None = Field(None, description="slug radnego (autora)")
    club: int | None = Field(None, description="id klubu")
    date_from: date | None = Field(None, alias="from", description="złożone od (RRRR-MM-DD)")
    date_to: date | None = Field(None, alias="to", description="złożone do (RRRR-MM-DD)")
    q: str | None = Field(None, max_length=500, description="Wyszukiwanie pełnotekstowe")
    updated_since: datetime | None = Field(None, description="Zmienione od (do synchronizacji)")
    sort: Literal["-filed_on", "filed_on", "due_on", "-answered_on", "-updated_at", "relevance"] | None = None

    def site_params(self) -> dict[str, str]:
        """The filters in the form the portal's query strings use."""
        values = {
            "status": self.status,
            "kind": self.kind,
            "body": self.body,
            "term": self.term,
            "department": self.department,
            "councillor": self.councillor,
            "club": self.club,
            "from": self.date_from,
            "to": self.date_to,
        }
        return {k: str(v) for k, v in values.items() if v is not None and v != ""}


def with_related(queryset: QuerySet[Inquiry]) -> QuerySet[Inquiry]:
    """What InquiryOut reads, in a fixed number of queries per page whatever its length (not the long texts)."""
    return (
        queryset.defer("text")
        .select_related("body", "term", "club")
        .prefetch_related(
            "authorships__person",
            "departments",
            Prefetch("answers", queryset=Answer.objects.only("id", "kind", "answered_on")),
        )
    )


class SearchPage(Sequence[Inquiry]):
    """A ranked search result that the paginator can count and slice; each slice asks the search engine once."""

    def __init__(self, query: str, filters: dict[str, str], sort: str) -> None:
        self.query, self.filters, self.sort = query, search_filters(filters), sort
        self._total: int | None = None

    def _search(self, limit: int, offset: int) -> tuple[int, list[int]]:
        try:
            result = search_services.search(
                self.query,
                filters=self.filters,
                sort=self.sort,
                limit=limit,
                offset=offset,
                with_facets=False,
            )
        except BadQuery as error:
            raise HttpError(422, str(error)) from error
        return int(result.total), [int(hit.id) for hit in result.results]

    def __len__(self) -> int:
        if self._total is None:
            self._total, _ = self._search(1, 0)
        return self._total

    def __getitem__(self, index: Any) -> Any:
        if not isinstance(index, slice):
            raise TypeError("SearchPage supports slices only")
        offset, limit = index.start or 0, (index.stop or 0) - (index.start or 0)
        self._total, ids = self._search(max(limit, 1), offset)
        found = with_related(Inquiry.objects.filter(pk__in=ids)).in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def __iter__(self) -> Iterator[Inquiry]:
        return iter(self[0 : len(self)])


def _words(queryset: QuerySet[Inquiry], query: str) -> QuerySet[Inquiry]:
    """Fallback while the search app is absent: every word occurs in the subject or the text."""
    for word in query.split()[:10]:
        queryset = queryset.filter(Q(subject__icontains=word) | Q(text__icontains=word))
    return queryset


@router.get("/", response=list[InquiryOut], url_name="inquiries", summary="Lista interpelacji i zapytań")
@paginate(CountedPagination)
def list_inquiries(request: Any, filters: Query[InquiryFilterIn]) -> Any:
    """Published inquiries matching the filters; newest first unless `sort` says otherwise."""
    site = filter_inquiries(filters.site_params(), today())
    query = (filters.q or "").strip()
    if query and search_services is not None and hasattr(search_services, "search"):
        return SearchPage(
            query, site.applied, "date" if filters.sort not in (None, "relevance") else "relevance"
        )
    queryset = _words(site.queryset, query) if query else site.queryset
    if filters.updated_since is not None:
        queryset = queryset.filter(updated_at__gte=filters.updated_since)
    order = SORTS.get(filters.sort or "-filed_on", SORTS["-filed_on"])
    return with_related(queryset.order_by(*order))


def shown_records(inquiry: Inquiry) -> dict[str, list[int]]:
    """What InquiryDetailOut shows, by kind (portal.caching.records_version): a write to any of it changes the JSON.

    The inquiry's own Events (a new answer logs one) and documents, its answers' Events and documents (every
    answer, published or not, as on the portal's page: one published later is then already watched), the
    inquiries those answers cover and the one it repeats (their numbers and subjects are shown), and the inquiries
    repeating it (`repeated_by`, through `chain`). Names of people, councils and departments are not watched,
    as on the portal's page.
    """
    answers = Answer.inquiries.through.objects.filter(inquiry_id=inquiry.pk).values_list(
        "answer_id", flat=True
    )
    covered = {i.pk for a in inquiry.answers.all() for i in a.inquiries.all()}
    linked = {inquiry.pk, *covered} | ({inquiry.repeats_id} if inquiry.repeats_id else set())
    return {
        "inquiries": sorted(linked),
        "answers": sorted(answers),
        "chain": [inquiry.pk],
        "own": [inquiry.pk],
    }


@router.get(
    "/{int:inquiry_id}",
    response={200: InquiryDetailOut, 404: ErrorOut},
    url_name="inquiry",
    summary="Interpelacja z odpowiedziami, dokumentami i historią",
)
@own_version  # its cache entry outlives writes to other inquiries (api.main, portal.caching)
def get_inquiry(request: Any, inquiry_id: int, response: HttpResponse) -> Any:
    """One published inquiry: status and due date with its explanation, answers, documents, events."""
    inquiry = published_inquiry(inquiry_id)
    if inquiry is None:
        raise not_found("inquiry", id=inquiry_id)
    # `response` is the one ninja fills with the JSON and returns: the page cache reads this from it.
    response.depends_on = shown_records(inquiry)  # type: ignore[attr-defined]
    return inquiry
