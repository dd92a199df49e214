"""Pages of a department of the executive's office and of a council's term."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from interpel.registry.models import Department, Term

from .. import overview
from .common import today


def department(request: HttpRequest, pk: int) -> HttpResponse:
    day = today()
    try:
        data = overview.department_page(pk, day)
    except Department.DoesNotExist:
        raise Http404(_("Nie ma takiego wydziału.")) from None
    page, rows = overview.page_of(data.inquiries, day, request.GET.get("page", 1), key=["department", pk])
    return render(
        request, "portal/department.html", {"nav": "register", "d": data, "page": page, "rows": rows}
    )


def term(request: HttpRequest, pk: int) -> HttpResponse:
    day = today()
    try:
        data = overview.term_page(pk, day)
    except Term.DoesNotExist:
        raise Http404(_("Nie ma takiej kadencji.")) from None
    page, rows = overview.page_of(data.inquiries, day, request.GET.get("page", 1), key=["term", pk])
    return render(request, "portal/term.html", {"nav": "register", "t": data, "page": page, "rows": rows})
