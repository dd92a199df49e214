"""The statistics page (charts, tables) and each figure as CSV; both take the register's filters."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from interpel.registry.models import Term
from interpel.registry.selectors import filter_inquiries

from .. import figures, stats
from ..caching import cached
from .common import today


def statistics(request: HttpRequest) -> HttpResponse:
    day = today()
    filtered = filter_inquiries(request.GET, day)
    context = {
        "nav": "statistics",
        "description": filtered.description,
        "summary": cached("summary", [filtered.applied, day], lambda: stats.summary(day, filtered.queryset)),
        "shown": [figures.show(f, day, filtered.queryset, key=filtered.applied) for f in figures.FIGURES],
        "terms": Term.objects.select_related("body"),
        "selected_term": filtered.applied.get("term", ""),
        "query": request.GET.urlencode(),
    }
    return render(request, "portal/statistics.html", context)


def statistics_csv(request: HttpRequest, slug: str) -> HttpResponse:
    figure = figures.BY_SLUG.get(slug)
    if figure is None:
        raise Http404(slug)
    day = today()
    filtered = filter_inquiries(request.GET, day)
    body = figures.as_csv(figure, day, filtered.queryset, key=filtered.applied)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interpel-{slug}-{day.isoformat()}.csv"'
    return response
