"""The register list (with filters, facets and search), an inquiry's page, its documents, and the overdue list."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from interpel.law.status import StatusCode
from interpel.registry.models import Document, Inquiry
from interpel.registry.selectors import filter_inquiries
from interpel.registry.services.documents import blob_path

from .. import detail, listing, overview
from ..caching import own_version
from .common import today


def register(request: HttpRequest) -> HttpResponse:
    found = listing.register(request.GET, today(), request.GET.get("page", 1))
    return render(request, "portal/inquiry_list.html", {"nav": "register", "listing": found})


@own_version  # its cache entry outlives writes to other inquiries (portal.caching)
def inquiry(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        data = detail.inquiry_detail(pk, today())
    except Inquiry.DoesNotExist:
        raise Http404(_("Nie ma opublikowanej interpelacji ani zapytania o tym numerze.")) from None
    response = render(request, "portal/inquiry_detail.html", {"nav": "register", "d": data})
    response.depends_on = data.depends_on  # type: ignore[attr-defined]
    return response


def document(request: HttpRequest, pk: int) -> FileResponse:
    """The original file as received, under its own name and media type."""
    try:
        found = detail.downloadable(pk)
    except Document.DoesNotExist:
        raise Http404(_("Nie ma takiego dokumentu.")) from None
    path = blob_path(found.sha256)
    if not path.is_file():
        raise Http404(_("Plik dokumentu nie jest dostępny."))
    response = FileResponse(path.open("rb"), as_attachment=True, filename=found.file_name)
    response["Content-Type"] = found.media_type or "application/octet-stream"
    return response


def overdue(request: HttpRequest) -> HttpResponse:
    day = today()
    params = {**request.GET.dict(), "status": StatusCode.OVERDUE.value}
    filtered = filter_inquiries(params, day)
    page, rows = overview.page_of(
        filtered.queryset, day, request.GET.get("page", 1), order=("due_on", "pk"), key=filtered.applied
    )
    return render(
        request,
        "portal/overdue.html",
        {"nav": "overdue", "page": page, "rows": rows, "description": filtered.description},
    )
