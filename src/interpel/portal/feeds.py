"""Atom feeds (RFC 4287): new inquiries, new answers, overdue, per councillor, per department, per search.

Every list feed takes the register's filters in its query string (`/feeds/inquiries.atom?status=overdue&kind=question`)
and names them in its title, the way the portal's list headings do. Entry ids are the permanent URLs of the portal
pages (an answer's is its anchor on the inquiry page), so they never change once published.

Their words follow the request's language (the language cookie, as on the portal): Polish by default, English
through gettext; statuses and due-date explanations are worded by portal.law_text, as on the pages.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from interpel.errors import BadQuery
from interpel.law.status import Status
from interpel.registry.models import Answer, Department, Inquiry, Person
from interpel.registry.selectors import filter_inquiries

from .law_text import inquiry_due_text, status_text
from .listing import search_filters, statuses

try:  # the search app lands separately; the search feed then matches words in subjects and texts
    from interpel.search import services as search_services
except ImportError:  # pragma: no cover - depends on which apps are installed
    search_services = None  # type: ignore[assignment]

ITEMS = 50  # entries per feed: a reader polls often, and the register itself is a click away
SITE = "interpel"


# XML 1.0 forbids these; texts extracted from PDFs carry form feeds and other stray controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    return _CONTROL.sub(" ", text)


@dataclass
class Context:
    """What one request's feed shows: its title, the page it mirrors, and its entries (already loaded)."""

    title: str
    link: str
    subtitle: str
    entries: list[Any] = field(default_factory=list)
    url: str = ""  # the feed's own address with its query string (rel="self")


def _at(day: date | None) -> datetime | None:
    """A legal date as the start of that day in Warsaw (Atom wants date-times)."""
    return timezone.make_aware(datetime.combine(day, time.min)) if day else None


def _with_status(inquiries: list[Inquiry], today: date) -> list[Inquiry]:
    found: Mapping[int, Status] = statuses(inquiries, today)
    for inquiry in inquiries:
        inquiry.feed_status = found[inquiry.pk]  # type: ignore[attr-defined]
    return inquiries


def _load(
    queryset: QuerySet[Inquiry], today: date, order: tuple[str, ...] = ("-filed_on", "-id")
) -> list[Inquiry]:
    # The term too: an English due-date explanation is recomputed from the body's rules for it (law_text).
    rows = (
        queryset.select_related("body", "term")
        .prefetch_related("authorships__person")
        .order_by(*order)[:ITEMS]
    )
    return _with_status(list(rows), today)


def _with_query(path: str, applied: Mapping[str, str]) -> str:
    """The portal list the feed mirrors; its filters make the feed's id differ from the unfiltered one."""
    return f"{path}?{urlencode(sorted(applied.items()))}" if applied else path


def _titled(base: str, description: str) -> str:
    return f"{base}: {description}" if description else base


def numbered(kind: str, number: str, subject: str) -> str:
    """Kind, number and subject ("Zapytanie nr Z/1/2026: remontu dróg") in the active language."""
    if not number:
        return f"{kind}: {subject}"
    return _("%(kind)s nr %(number)s: %(subject)s") % {"kind": kind, "number": number, "subject": subject}


class BaseFeed(Feed):
    """An Atom feed whose title, link and entries come from the request's Context."""

    feed_type = Atom1Feed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = super().__call__(request, *args, **kwargs)
        response["Content-Type"] = "application/atom+xml; charset=utf-8"
        return response

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Context:
        context = self.context(request, *args, **kwargs)
        context.url = request.get_full_path()
        return context

    def context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Context:
        raise NotImplementedError

    def title(self, obj: Context) -> str:
        return clean(obj.title)

    def link(self, obj: Context) -> str:
        return obj.link

    def feed_url(self, obj: Context) -> str:
        return obj.url

    def subtitle(self, obj: Context) -> str:
        return clean(obj.subtitle)

    def author_name(self) -> str:
        return SITE

    def items(self, obj: Context) -> list[Any]:
        return obj.entries


class InquiryFeed(BaseFeed):
    """Base of the feeds whose entries are inquiries."""

    def item_title(self, item: Inquiry) -> str:
        return clean(numbered(item.get_kind_display().capitalize(), item.number, item.subject))

    def item_link(self, item: Inquiry) -> str:
        return reverse("portal:inquiry", args=[item.pk])

    def item_description(self, item: Inquiry) -> str:
        status = item.feed_status  # type: ignore[attr-defined]
        parts = [_("Status: %(status)s.") % {"status": status_text(status)}]
        if item.due_explanation:
            parts.append(_("Termin: %(explanation)s") % {"explanation": inquiry_due_text(item)})
        if item.text:
            parts.append(Truncator(item.text).chars(600))
        return clean("\n\n".join(parts))

    def item_author_name(self, item: Inquiry) -> str:
        return ", ".join(a.person.name for a in item.authorships.all()) or item.body.name

    def item_pubdate(self, item: Inquiry) -> datetime | None:
        return item.published_at or item.created_at

    def item_updateddate(self, item: Inquiry) -> datetime:
        return item.updated_at

    def item_categories(self, item: Inquiry) -> list[str]:
        return [str(item.get_kind_display()), item.feed_status.code.value]  # type: ignore[attr-defined]


class NewInquiries(InquiryFeed):
    def context(self, request: HttpRequest) -> Context:
        today = timezone.localdate()
        filtered = filter_inquiries(request.GET, today)
        return Context(
            _titled(_("Nowe interpelacje i zapytania"), filtered.description),
            _with_query(reverse("portal:inquiries"), filtered.applied),
            _("Ostatnio złożone interpelacje i zapytania radnych z terminem odpowiedzi i statusem."),
            _load(filtered.queryset, today),
        )


class Overdue(InquiryFeed):
    """Inquiries left without an answer after their due date; an entry dates from the day it became overdue."""

    def context(self, request: HttpRequest) -> Context:
        today = timezone.localdate()
        params = {**request.GET.dict(), "status": "overdue"}
        filtered = filter_inquiries(params, today)
        return Context(
            _titled(_("Interpelacje i zapytania bez odpowiedzi po terminie"), filtered.description),
            _with_query(
                reverse("portal:overdue"), {k: v for k, v in filtered.applied.items() if k != "status"}
            ),
            _("Ustawowy termin odpowiedzi minął, a odpowiedzi nie ma (art. 24 ust. 6 u.s.g.)."),
            _load(filtered.queryset, today, ("-due_on", "-id")),
        )

    def item_title(self, item: Inquiry) -> str:
        label = status_text(item.feed_status)  # type: ignore[attr-defined]
        return clean(f"{label[:1].upper()}{label[1:]}: {item.subject}")

    def item_updateddate(self, item: Inquiry) -> datetime:
        overdue_since = _at(item.due_on + timedelta(days=1)) if item.due_on else None
        return max(d for d in (overdue_since, item.updated_at) if d is not None)


class ByCouncillor(InquiryFeed):
    def context(self, request: HttpRequest, slug: str) -> Context:
        person = Person.objects.filter(slug=slug).first()
        if person is None:
            raise Http404(_("Nie ma radnego o identyfikatorze „%(slug)s”.") % {"slug": slug})
        today = timezone.localdate()
        filtered = filter_inquiries({**request.GET.dict(), "councillor": slug}, today)
        return Context(
            _("Interpelacje i zapytania: %(name)s") % {"name": person.name},
            reverse("portal:person", args=[slug]),
            _("Interpelacje i zapytania, których autorem jest %(name)s, z odpowiedziami i terminami.")
            % {"name": person.name},
            _load(filtered.queryset, today),
        )


class ByDepartment(InquiryFeed):
    def context(self, request: HttpRequest, pk: int) -> Context:
        department = Department.objects.select_related("body").filter(pk=pk).first()
        if department is None:
            raise Http404(_("Nie ma wydziału o id %(pk)s.") % {"pk": pk})
        today = timezone.localdate()
        filtered = filter_inquiries({**request.GET.dict(), "department": str(pk)}, today)
        name = f"{department.code} {department.name}".strip()
        return Context(
            _("Interpelacje i zapytania skierowane do wydziału %(name)s") % {"name": name},
            reverse("portal:department", args=[pk]),
            _("%(body)s: sprawy wydziału %(name)s z terminami odpowiedzi.")
            % {"body": department.body.name, "name": name},
            _load(filtered.queryset, today),
        )


class Search(InquiryFeed):
    """The newest inquiries matching a search, so that a resident can follow "remont drogi Piwonice"."""

    def context(self, request: HttpRequest) -> Context:
        today = timezone.localdate()
        query = request.GET.get("q", "").strip()[:500]
        filtered = filter_inquiries(request.GET, today)
        words = _("wyszukiwanie „%(query)s”") % {"query": query}
        words += f", {filtered.description}" if filtered.description else ""
        link = f"{reverse('portal:inquiries')}?{request.GET.urlencode()}"
        title = _("Interpelacje i zapytania: %(name)s") % {"name": words}
        context = Context(title, link, _("Najnowsze wyniki wyszukiwania."))
        if not query:
            context.subtitle = _("Podaj słowa do wyszukania w parametrze q.")
            return context
        if search_services is None or not hasattr(search_services, "search"):
            queryset = filtered.queryset
            for word in query.split()[:10]:
                queryset = queryset.filter(Q(subject__icontains=word) | Q(text__icontains=word))
            context.entries = _load(queryset, today)
            return context
        filters = search_filters(filtered.applied)
        try:
            result = search_services.search(
                query, filters=filters, sort="date", limit=ITEMS, with_facets=False, today=today
            )
        except BadQuery as error:
            context.subtitle = str(error)
            return context
        ids = [int(hit.id) for hit in result.results]
        found = (
            Inquiry.objects.filter(pk__in=ids).select_related("body").prefetch_related("authorships__person")
        )
        by_id = found.in_bulk(ids)
        context.entries = _with_status([by_id[pk] for pk in ids if pk in by_id], today)
        return context


def _first(answer: Answer) -> Inquiry:
    """The inquiry whose page an answer is linked from: the earliest registered, so the entry id never changes."""
    return min(answer.inquiries.all(), key=lambda inquiry: inquiry.pk)


class NewAnswers(BaseFeed):
    """Answers as they are published, each linked to its place on the inquiry's page."""

    def context(self, request: HttpRequest) -> Context:
        answers = (
            Answer.objects.filter(is_published=True, inquiries__is_published=True)
            .distinct()
            .prefetch_related("inquiries")
            .order_by("-answered_on", "-id")[:ITEMS]
        )
        return Context(
            _("Nowe odpowiedzi na interpelacje i zapytania"),
            reverse("portal:inquiries") + "?sort=-answered_on",
            _("Odpowiedzi organu wykonawczego, z datą i podpisującym."),
            list(answers),
        )

    def item_title(self, item: Answer) -> str:
        kind, subject = item.get_kind_display().capitalize(), _first(item).subject
        if item.answered_on is None:
            return clean(f"{kind}: {subject}")
        values = {"kind": kind, "day": f"{item.answered_on:%d.%m.%Y}", "subject": subject}
        return clean(_("%(kind)s z %(day)s: %(subject)s") % values)

    def item_link(self, item: Answer) -> str:
        return reverse("portal:inquiry", args=[_first(item).pk]) + f"#odpowiedz-{item.pk}"

    def item_description(self, item: Answer) -> str:
        covered = "; ".join(str(i) for i in sorted(item.inquiries.all(), key=lambda inquiry: inquiry.pk))
        who = f"{item.signatory_name}, {item.signatory_office}".rstrip(", ")
        signed = (_("Podpisał(a): %(who)s") % {"who": who}).rstrip()
        parts = [_("Dotyczy: %(inquiries)s.") % {"inquiries": covered}, signed]
        if item.text:
            parts.append(Truncator(item.text).chars(600))
        return clean("\n\n".join(p for p in parts if p))

    def item_author_name(self, item: Answer) -> str:
        return item.signatory_name or SITE

    def item_pubdate(self, item: Answer) -> datetime | None:
        return item.published_at or item.created_at

    def item_updateddate(self, item: Answer) -> datetime:
        return item.updated_at

    def item_categories(self, item: Answer) -> list[str]:
        return [str(item.get_kind_display())]
