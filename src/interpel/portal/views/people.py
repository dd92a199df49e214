"""A councillor's page (or an official's: the answers they signed)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from interpel.registry.models import Person

from .. import overview
from .common import today


def person(request: HttpRequest, slug: str) -> HttpResponse:
    day = today()
    try:
        data = overview.person_page(slug, day)
    except Person.DoesNotExist:
        raise Http404(_("Nie ma takiej osoby w rejestrze.")) from None
    page, rows = overview.page_of(data.inquiries, day, request.GET.get("page", 1), key=["person", slug])
    return render(request, "portal/person.html", {"nav": "register", "p": data, "page": page, "rows": rows})
