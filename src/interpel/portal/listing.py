"""The register list: filters (registry.selectors), text search (search app, when installed), facets, one page of rows.

Rows carry their status computed by the law module from the answers of that page only (one query), so a page of
25 costs the same whether the register holds 100 inquiries or 100,000.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from interpel.errors import BadQuery
from interpel.law.status import Facts, Reply, Status, status_on
from interpel.registry.models import Answer, Inquiry, Person
from interpel.registry.selectors import filter_inquiries

from . import facets
from .caching import cached
from .facets import FacetGroup, param, text_filter

try:  # the search app lands separately; until then the list searches subjects and texts by substring
    from interpel.search import services as search_services
except ImportError:  # pragma: no cover - depends on which apps are installed
    search_services = None  # type: ignore[assignment]

PAGE_SIZE = 25
SORTS = {
    "-filed_on": ("-filed_on", "-id"),
    "filed_on": ("filed_on", "id"),
    "due_on": ("due_on", "id"),
    "-answered_on": ("-answered_on", "-id"),
}


@dataclass(frozen=True)
class Row:
    inquiry: Inquiry
    status: Status
    authors: tuple[Person, ...]
    snippet: str = ""  # from the search app: HTML-escaped text with <mark> around the matched words


@dataclass
class Listing:
    rows: list[Row]
    page: Page[Any]
    total: int
    description: str
    applied: dict[str, str]
    query: str
    sort: str
    facets: list[FacetGroup] = field(default_factory=list)
    message: str = ""  # how the search engine read (or repaired, or could not read) the query, in words


def statuses(inquiries: list[Inquiry], today: date) -> dict[int, Status]:
    """Status of each inquiry on `today`, from every dated answer of those inquiries, in one query."""
    replies: dict[int, list[Reply]] = defaultdict(list)
    through = Answer.inquiries.through.objects.filter(
        inquiry_id__in=[i.pk for i in inquiries], answer__answered_on__isnull=False
    ).values_list("inquiry_id", "answer__kind", "answer__answered_on")
    for inquiry_id, kind, answered_on in through:
        replies[inquiry_id].append(Reply(kind, answered_on))
    return {
        i.pk: status_on(
            Facts(i.due_on, tuple(replies[i.pk]), i.withdrawn_on if i.is_withdrawn else None), today
        )
        for i in inquiries
    }


def rows_for(inquiries: list[Inquiry], today: date, snippets: Mapping[int, str] | None = None) -> list[Row]:
    """Rows ready for a template: inquiry, status, authors in order (authors prefetched by `with_related`)."""
    found = statuses(inquiries, today)
    snippets = snippets or {}
    return [
        Row(i, found[i.pk], tuple(a.person for a in i.authorships.all()), snippets.get(i.pk, ""))
        for i in inquiries
    ]


def with_related(queryset: QuerySet[Inquiry]) -> QuerySet[Inquiry]:
    return queryset.select_related("body", "term").prefetch_related("authorships__person", "departments")


# The register's filter names as the search app calls them (it rejects `from`/`to` as unknown filters).
SEARCH_KEYS = {"from": "date_from", "to": "date_to"}


def search_filters(applied: Mapping[str, str]) -> dict[str, str]:
    """The register's applied filters under the names the search service takes (the list, feeds and API use it)."""
    return {SEARCH_KEYS.get(k, k): v for k, v in applied.items()}


@dataclass(frozen=True)
class Found:
    """One page of search hits in rank order."""

    total: int
    ids: list[int]
    snippets: dict[int, str]
    facets: dict[str, dict[str, int]]
    warnings: list[str]


def _search(query: str, applied: dict[str, str], sort: str, page_number: Any, today: date) -> Found | None:
    """Ask the search app for one page of ids in rank order, with snippets; None when it is not installed."""
    if search_services is None or not hasattr(search_services, "search"):
        return None
    try:
        number = max(int(page_number), 1)
    except (TypeError, ValueError):
        number = 1
    result = search_services.search(
        query,
        filters=search_filters(applied),
        sort="relevance" if sort == "relevance" else "date",
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
        today=today,
    )
    hits = [(int(h.id), str(h.snippet or "")) for h in result.results]
    return Found(
        total=int(result.total),
        ids=[pk for pk, _snippet in hits],
        snippets=dict(hits),
        facets=dict(result.facets or {}),
        warnings=list(result.warnings or []),
    )


def register(params: Mapping[str, Any], today: date, page_number: str | int = 1) -> Listing:
    """One page of the register for the given filters, search query and sort, with facet counts."""
    filtered = filter_inquiries(params, today)
    query = param(params, "q")[:1000]
    sort = param(params, "sort") or ("relevance" if query else "-filed_on")
    if sort not in SORTS and not (sort == "relevance" and query):
        sort = "-filed_on"
    description = filtered.description
    if query:
        quoted = _("wyszukiwanie „%(query)s”") % {"query": query}
        description = f"{description}, {quoted}" if description else quoted
    found: Found | None = None
    if query:
        try:
            found = _search(query, filtered.applied, sort, page_number, today)
        except BadQuery as error:
            found = Found(0, [], {}, {}, [str(error)])
    if found is not None:
        by_id = with_related(Inquiry.objects.filter(pk__in=found.ids)).in_bulk(found.ids)
        page = Paginator(range(found.total), PAGE_SIZE).get_page(page_number)
        rows = rows_for([by_id[pk] for pk in found.ids if pk in by_id], today, found.snippets)
        total = found.total
        groups = facets.from_search(found.facets, params)
    else:
        queryset = filtered.queryset
        if query:
            queryset = text_filter(queryset, query)
        queryset = with_related(queryset.order_by(*SORTS.get(sort, SORTS["-filed_on"])))
        paginator = Paginator(queryset, PAGE_SIZE)
        # Counting 100k rows costs more than reading a page of them: the count waits for the next write.
        paginator.count = cached("count", [filtered.applied, query], queryset.count)  # type: ignore[misc]
        page = paginator.get_page(page_number)
        rows = rows_for(list(page.object_list), today)
        total = paginator.count
        groups = facets.counted(params, today)
    return Listing(
        rows=rows,
        page=page,
        total=total,
        description=description,
        applied=filtered.applied,
        query=query,
        sort=sort,
        facets=groups,
        message=" ".join(found.warnings) if found else "",
    )
