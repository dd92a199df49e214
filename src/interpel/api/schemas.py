"""Response schemas of the API (`…Out`): what a client sees, decoupled from the models' columns.

Every object carries its stable `id`, its API `url` and, when the portal has a page for it, its `html_url`; URLs are
absolute so that a record copied out of a response still leads back to its source.
"""

from datetime import date, datetime
from functools import lru_cache
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from ninja.errors import HttpError

from interpel.law.status import Facts, Reply, Status, StatusCode, status_on

M = TypeVar("M", bound=Model)

# Portal pages by route name; the inquiry page is fixed by the issue (/interpelacje/<id>/), the others are linked
# only when the portal defines them, so the API never publishes a URL that answers 404.
PORTAL_ROUTES = {
    "inquiry": ("portal:inquiry",),
    "person": ("portal:councillor", "portal:person"),
    "department": ("portal:department",),
    "term": ("portal:term",),
    "body": ("portal:body",),
    "document": ("portal:document",),
}


def today() -> date:
    """The day statuses are computed for: the local calendar day of the request (Europe/Warsaw)."""
    return timezone.localdate()


_KEY = "999999999"  # a key no converter rejects (int and slug), replaced by the real one


@lru_cache(maxsize=64)
def _route(name: str) -> str | None:
    """A route's path with a hole for its key, reversed once: reverse() per field of every row costs too much."""
    try:
        return reverse(name, args=[_KEY]).replace(_KEY, "{}")
    except NoReverseMatch:
        return None


def absolute(context: Any, path: str) -> str:
    request = context.get("request") if isinstance(context, dict) else None
    if request is None:
        return path
    base = getattr(request, "_interpel_base", None)
    if base is None:
        base = request._interpel_base = request.build_absolute_uri("/").rstrip("/")
    return base + path


def api_url(context: Any, name: str, key: Any) -> str:
    return absolute(context, (_route(f"api:{name}") or "").format(key))


def html_url(context: Any, kind: str, key: Any) -> str | None:
    """The portal page of an object, or None while the portal has no such page."""
    for route in PORTAL_ROUTES[kind]:
        if (path := _route(route)) is not None:
            return absolute(context, path.format(key))
    if kind == "inquiry":
        return absolute(context, f"/interpelacje/{key}/")
    return None


class ErrorOut(Schema):
    detail: str = Field(description="Komunikat o błędzie (po polsku; po angielsku dla Accept-Language: en)")


# What each resource's 404 says, in the active language ("Nie ma rady o id 7."; %(key)s: the lookup, "id 7").
NOT_FOUND = {
    "inquiry": _("Nie ma opublikowanej interpelacji ani zapytania o %(key)s."),
    "answer": _("Nie ma opublikowanej odpowiedzi o %(key)s."),
    "body": _("Nie ma rady o %(key)s."),
    "term": _("Nie ma kadencji o %(key)s."),
    "club": _("Nie ma klubu o %(key)s."),
    "department": _("Nie ma wydziału o %(key)s."),
    "person": _("Nie ma osoby o %(key)s."),
}


def found_or_404(queryset: QuerySet[M], what: str, **lookup: Any) -> M:
    """The one object, or a JSON 404 that names what was looked for (`what`: a key of NOT_FOUND)."""
    found = queryset.filter(**lookup).first()
    if found is None:
        raise not_found(what, **lookup)
    return found


def not_found(what: str, **lookup: Any) -> HttpError:
    """The JSON 404 naming what was looked for (`what`: a key of NOT_FOUND; `lookup`: as given to the query)."""
    key = ", ".join(f"{k.removesuffix('__iexact')} {v}" for k, v in lookup.items())
    return HttpError(404, str(NOT_FOUND[what]) % {"key": key})


class BodyRefOut(Schema):
    id: int
    name: str
    slug: str
    url: str

    @staticmethod
    def resolve_url(obj: Any, context: Any) -> str:
        return api_url(context, "body", obj.pk)


class TermRefOut(Schema):
    id: int
    name: str
    url: str

    @staticmethod
    def resolve_url(obj: Any, context: Any) -> str:
        return api_url(context, "term", obj.pk)


class PersonRefOut(Schema):
    id: int
    slug: str
    name: str
    url: str
    html_url: str | None

    @staticmethod
    def resolve_url(obj: Any, context: Any) -> str:
        return api_url(context, "person", obj.pk)

    @staticmethod
    def resolve_html_url(obj: Any, context: Any) -> str | None:
        return html_url(context, "person", obj.slug)


class DepartmentRefOut(Schema):
    id: int
    code: str
    name: str
    url: str
    html_url: str | None

    @staticmethod
    def resolve_url(obj: Any, context: Any) -> str:
        return api_url(context, "department", obj.pk)

    @staticmethod
    def resolve_html_url(obj: Any, context: Any) -> str | None:
        return html_url(context, "department", obj.pk)


class ClubRefOut(Schema):
    id: int
    name: str
    url: str

    @staticmethod
    def resolve_url(obj: Any, context: Any) -> str:
        return api_url(context, "club", obj.pk)


class StatusOut(Schema):
    code: str = Field(
        description="awaiting, due_soon, overdue, answered_on_time, answered_late, answered, withdrawn"
    )
    label: str = Field(description="Status słowami, po polsku")
    days: int | None = Field(description="Dni po terminie albo do terminu, gdy ma to sens")
    due_on: date | None
    answered_on: date | None
    delay_notice_on: date | None = Field(description="Zawiadomienie o opóźnieniu: nie zmienia terminu")


# The columns InquiryRefOut reads: querysets of linked inquiries load only these (never the long text).
REF_FIELDS = ("id", "kind", "number", "subject")


class InquiryRefOut(Schema):
    id: int
    kind: str
    number: str
    subject: str
    url: str
    html_url: str | None

    @staticmethod
    def resolve_url(obj: Any, context: Any) -> str:
        return api_url(context, "inquiry", obj.pk)

    @staticmethod
    def resolve_html_url(obj: Any, context: Any) -> str | None:
        return html_url(context, "inquiry", obj.pk)


def inquiry_status(obj: Any) -> Any:
    """Status from the inquiry's prefetched answers (`answers` in every inquiry queryset of the API)."""
    if obj.is_answered and obj.answered_on is None and not obj.is_withdrawn:
        # The source register says it was answered but not when (registry.selectors.status_of says the same).
        return Status(StatusCode.ANSWERED, None, "udzielono odpowiedzi (data nieznana)", obj.due_on)
    replies = tuple(Reply(a.kind, a.answered_on) for a in obj.answers.all() if a.answered_on is not None)
    return status_on(Facts(obj.due_on, replies, obj.withdrawn_on if obj.is_withdrawn else None), today())


class InquiryOut(Schema):
    id: int
    url: str
    html_url: str | None
    kind: str = Field(description="interpellation, question albo motion")
    kind_label: str
    number: str = Field(description="Numer w rejestrze rady (dla Sejmu: numer interpelacji)")
    subject: str
    body: BodyRefOut
    term: TermRefOut | None
    authors: list[PersonRefOut]
    club: ClubRefOut | None
    addressee: str = Field(validation_alias="addressee_text")
    departments: list[DepartmentRefOut]
    filed_on: date | None = Field(description="Data złożenia u przewodniczącego rady")
    received_on: date | None = Field(description="Data otrzymania przez organ wykonawczy")
    due_on: date | None = Field(description="Termin odpowiedzi")
    due_explanation: str = Field(description="Jak obliczono termin")
    answered_on: date | None
    is_withdrawn: bool
    withdrawn_on: date | None
    status: StatusOut
    case_sign: str
    edoc_id: str
    published_at: datetime | None
    updated_at: datetime

    @staticmethod
    def resolve_url(obj: Any, context: Any) -> str:
        return api_url(context, "inquiry", obj.pk)

    @staticmethod
    def resolve_html_url(obj: Any, context: Any) -> str | None:
        return html_url(context, "inquiry", obj.pk)

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_authors(obj: Any) -> list[Any]:
        return [a.person for a in obj.authorships.all()]

    @staticmethod
    def resolve_departments(obj: Any) -> list[Any]:
        return list(obj.departments.all())

    @staticmethod
    def resolve_status(obj: Any) -> Any:
        return inquiry_status(obj)


class DocumentOut(Schema):
    id: int
    file_name: str
    media_type: str
    size: int
    sha256: str
    pages: int | None
    html_url: str | None = Field(description="Pobranie oryginału w portalu, gdy jest dostępne")

    @staticmethod
    def resolve_html_url(obj: Any, context: Any) -> str | None:
        return html_url(context, "document", obj.pk)


class EventOut(Schema):
    at: datetime
    on: date | None = Field(description="Data prawna zdarzenia (złożenie, otrzymanie, odpowiedź)")
    action: str
    actor: str
    changes: dict[str, Any]
    note: str

    @staticmethod
    def resolve_actor(obj: Any) -> str:
        if obj.actor_name:
            return str(obj.actor_name)
        return str(obj.actor.get_username()) if obj.actor_id else ""


class AnswerOut(Schema):
    id: int
    url: str
    html_url: str | None
    kind: str = Field(description="answer, partial, delay_notice, redirect albo refusal")
    kind_label: str
    answered_on: date | None
    subject: str
    signatory: PersonRefOut | None
    signatory_name: str
    signatory_office: str
    department: DepartmentRefOut | None
    case_sign: str
    edoc_id: str
    inquiries: list[InquiryRefOut]
    published_at: datetime | None

    @staticmethod
    def resolve_url(obj: Any, context: Any) -> str:
        return api_url(context, "answer", obj.pk)

    @staticmethod
    def resolve_html_url(obj: Any, context: Any) -> str | None:
        first = min(
            obj.inquiries.all(), key=lambda inquiry: inquiry.pk, default=None
        )  # as in the answers feed
        page = html_url(context, "inquiry", first.pk) if first is not None else None
        return f"{page}#odpowiedz-{obj.pk}" if page else None

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_inquiries(obj: Any) -> list[Any]:
        return list(obj.inquiries.all())


class AnswerDetailOut(AnswerOut):
    text: str
    documents: list[DocumentOut]
    link_method: str = Field(description="Jak powiązano odpowiedź z interpelacją (import dokumentów)")
    link_confidence: float | None
    is_imported: bool
    warnings: list[str]

    @staticmethod
    def resolve_documents(obj: Any) -> list[Any]:
        return list(obj.documents.all())


class PublicationOut(Schema):
    """The BIP publication record (metryczka)."""

    produced_by: str = Field(description="Informację wytworzył")
    entered_by: str = Field(description="Informację wprowadził")
    created_at: datetime
    published_at: datetime | None
    updated_at: datetime
    is_imported: bool
    source: str
    warnings: list[str]


class InquiryDetailOut(InquiryOut):
    text: str
    case_department: str
    case_class: str
    case_number: str
    case_year: int | None
    repeats: InquiryRefOut | None = Field(description="Wcześniejsza interpelacja, którą ta ponawia")
    repeated_by: list[InquiryRefOut]
    answers: list[AnswerDetailOut]
    documents: list[DocumentOut]
    events: list[EventOut]
    publication: PublicationOut

    @staticmethod
    def resolve_repeated_by(obj: Any) -> list[Any]:
        return list(obj.repeated_by.filter(is_published=True).only(*REF_FIELDS))

    @staticmethod
    def resolve_answers(obj: Any) -> list[Any]:
        return list(obj.answers.all())

    @staticmethod
    def resolve_documents(obj: Any) -> list[Any]:
        return list(obj.documents.all())

    @staticmethod
    def resolve_events(obj: Any) -> list[Any]:
        return list(obj.events.all())

    @staticmethod
    def resolve_publication(obj: Any) -> dict[str, Any]:
        entered = obj.entered_by_name or (obj.entered_by.get_username() if obj.entered_by_id else "")
        return {
            "produced_by": obj.produced_by,
            "entered_by": entered,
            "created_at": obj.created_at,
            "published_at": obj.published_at,
            "updated_at": obj.updated_at,
            "is_imported": obj.is_imported,
            "source": obj.source,
            "warnings": [str(w) for w in obj.warnings],
        }
