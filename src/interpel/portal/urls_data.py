"""Open-data URLs: Atom feeds, iCalendar due dates, bulk exports, and JSON 404s for unknown API paths.

Included at the site root beside the portal's pages; the paths are the ones the portal links to.
"""

from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.utils.translation import gettext

from . import calendar, exports, feeds


def api_not_found(request: HttpRequest, rest: str) -> JsonResponse:
    """An API path no route knows: a JSON 404 like every other API error, not the portal's HTML page."""
    message = gettext("Nie ma takiego adresu w API: %(path)s") % {"path": f"/api/v1/{rest}"}
    return JsonResponse({"detail": message}, status=404)


app_name = "data"
urlpatterns = [
    path("feeds/inquiries.atom", feeds.NewInquiries(), name="feed_inquiries"),
    path("feeds/answers.atom", feeds.NewAnswers(), name="feed_answers"),
    path("feeds/overdue.atom", feeds.Overdue(), name="feed_overdue"),
    path("feeds/councillor/<slug:slug>.atom", feeds.ByCouncillor(), name="feed_councillor"),
    path("feeds/department/<int:pk>.atom", feeds.ByDepartment(), name="feed_department"),
    path("feeds/search.atom", feeds.Search(), name="feed_search"),
    path("kalendarz/body/<int:pk>.ics", calendar.body_calendar, name="calendar_body"),
    path("kalendarz/department/<int:pk>.ics", calendar.department_calendar, name="calendar_department"),
    path("kalendarz/councillor/<slug:slug>.ics", calendar.councillor_calendar, name="calendar_councillor"),
    path("eksport/inquiries.csv", exports.export_csv, name="export_csv"),
    path("eksport/inquiries.jsonl", exports.export_jsonl, name="export_jsonl"),
    path("api/v1/<path:rest>", api_not_found, name="api_not_found"),
]
