"""iCalendar (RFC 5545) of statutory due dates per body, department and councillor, for calendar subscriptions.

One all-day event per inquiry on its due date. A subscribed calendar is re-read often, so it holds the dates that
matter to someone planning: every inquiry still open, and those due within the past year (history is in the
register and its exports).

Names, summaries and descriptions follow the request's language as the feeds do (portal.feeds, portal.law_text).
"""

from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from interpel.registry.models import Body, Department, Inquiry, Person

from .feeds import numbered
from .law_text import inquiry_due_text, status_text
from .listing import statuses

HISTORY_DAYS = 365
PRODID = "-//interpel//terminy odpowiedzi na interpelacje//PL"  # an identifier (RFC 5545 §3.7.3), never shown


def _inquiries(queryset: QuerySet[Inquiry], today: date) -> list[Inquiry]:
    recent_or_open = Q(due_on__gte=today - timedelta(days=HISTORY_DAYS)) | Q(
        answered_on__isnull=True, is_withdrawn=False
    )
    rows = (
        queryset.filter(is_published=True, due_on__isnull=False)
        .filter(recent_or_open)
        .select_related("body", "term")  # the term: English due-date explanations are recomputed (law_text)
        .prefetch_related("authorships__person")
        .order_by("due_on", "id")
        .distinct()
    )
    return list(rows)


def build(name: str, description: str, inquiries: list[Inquiry], request: HttpRequest, today: date) -> bytes:
    """The calendar: one VEVENT per inquiry with its due date, status, explanation and link."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", "Europe/Warsaw")
    host = request.get_host().split(":")[0] or "interpel"
    found = statuses(inquiries, today)
    stamp = timezone.now()
    for inquiry in inquiries:
        status = found[inquiry.pk]
        url = request.build_absolute_uri(reverse("portal:inquiry", args=[inquiry.pk]))
        authors = ", ".join(a.person.name for a in inquiry.authorships.all())
        event = Event()
        event.add("uid", f"inquiry-{inquiry.pk}-due@{host}")  # one event per inquiry, stable across re-reads
        event.add("dtstamp", stamp)
        event.add("last-modified", inquiry.updated_at)
        event.add("dtstart", inquiry.due_on)  # a DATE value: an all-day event (RFC 5545 §3.6.1)
        event.add("dtend", inquiry.due_on + timedelta(days=1))
        named = numbered(inquiry.get_kind_display(), inquiry.number, inquiry.subject)
        event.add("summary", (_("Termin odpowiedzi: %(inquiry)s") % {"inquiry": named})[:250])
        lines = [
            _("Status: %(status)s.") % {"status": status_text(status)},
            _("Autor: %(authors)s.") % {"authors": authors} if authors else "",
            inquiry_due_text(inquiry),
            url,
        ]
        event.add("description", "\n".join(line for line in lines if line))
        event.add("url", url)
        event.add("categories", [str(inquiry.get_kind_display()), status.code.value])
        event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: it does not make anyone busy
        calendar.add_component(event)
    return calendar.to_ical()


def _response(
    name: str, description: str, queryset: QuerySet[Inquiry], request: HttpRequest, slug: str
) -> Any:
    today = timezone.localdate()
    response = HttpResponse(
        build(name, description, _inquiries(queryset, today), request, today),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="terminy-{slug}.ics"'
    return response


def body_calendar(request: HttpRequest, pk: int) -> Any:
    body = Body.objects.filter(pk=pk).first()
    if body is None:
        raise Http404(_("Nie ma rady o id %(pk)s.") % {"pk": pk})
    description = _("Terminy odpowiedzi na interpelacje i zapytania: %(name)s") % {"name": body.name}
    name = _("Terminy: %(name)s") % {"name": body.name}
    return _response(name, description, body.inquiries.all(), request, body.slug)


def department_calendar(request: HttpRequest, pk: int) -> Any:
    department = Department.objects.select_related("body").filter(pk=pk).first()
    if department is None:
        raise Http404(_("Nie ma wydziału o id %(pk)s.") % {"pk": pk})
    values = {"name": f"{department.code} {department.name}".strip(), "body": department.body.name}
    description = _("Terminy odpowiedzi wydziału %(name)s (%(body)s)") % values
    name = _("Terminy: wydział %(name)s") % values
    return _response(name, description, department.inquiries.all(), request, department.code)


def councillor_calendar(request: HttpRequest, slug: str) -> Any:
    person = Person.objects.filter(slug=slug).first()
    if person is None:
        raise Http404(_("Nie ma radnego o identyfikatorze „%(slug)s”.") % {"slug": slug})
    description = _("Terminy odpowiedzi na interpelacje i zapytania: %(name)s") % {"name": person.name}
    name = _("Terminy: %(name)s") % {"name": person.name}
    return _response(name, description, person.inquiries.all(), request, slug)
