"""Read-side queries shared by the portal, the API, feeds and exports: filters that describe themselves in words.

Statuses are computed in SQL from due_on / answered_on / is_withdrawn so that lists of 100k inquiries filter and count
without loading rows; `status_of` gives the same answer for one inquiry through the pure law module.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from interpel.law.status import DUE_SOON_DAYS, Facts, Reply, Status, StatusCode, status_on

from .models import Body, Club, Department, Inquiry, InquiryAuthor, InquiryKind, Person, Term

# Polish plural forms of "interpelacja lub zapytanie" are awkward; descriptions count "pozycji" of the register.
STATUS_LABELS = {
    StatusCode.AWAITING: _("czeka na odpowiedź"),
    StatusCode.DUE_SOON: _("termin mija w ciągu 3 dni"),
    StatusCode.OVERDUE: _("po terminie, bez odpowiedzi"),
    StatusCode.ANSWERED_ON_TIME: _("odpowiedź w terminie"),
    StatusCode.ANSWERED_LATE: _("odpowiedź po terminie"),
    StatusCode.WITHDRAWN: _("wycofane"),
    StatusCode.ANSWERED: _("odpowiedź (termin nieznany)"),
}


def status_q(kind: str, today: date) -> Q:
    """The SQL condition for one status on `today`."""
    open_ = Q(is_withdrawn=False, is_answered=False)
    conditions = {
        StatusCode.WITHDRAWN: Q(is_withdrawn=True),
        StatusCode.ANSWERED_ON_TIME: Q(is_withdrawn=False, answered_on__lte=F("due_on")),
        StatusCode.ANSWERED: Q(is_withdrawn=False, is_answered=True)
        & (Q(answered_on__isnull=True) | Q(due_on__isnull=True)),
        StatusCode.ANSWERED_LATE: Q(is_withdrawn=False, answered_on__gt=F("due_on")),
        StatusCode.OVERDUE: open_ & Q(due_on__lt=today),
        StatusCode.DUE_SOON: open_ & Q(due_on__gte=today, due_on__lte=today + timedelta(days=DUE_SOON_DAYS)),
        StatusCode.AWAITING: open_
        & (Q(due_on__gt=today + timedelta(days=DUE_SOON_DAYS)) | Q(due_on__isnull=True)),
    }
    return conditions[StatusCode(kind)]


def status_of(inquiry: Inquiry, today: date) -> Status:
    """The inquiry's status on `today`, with its plain-words label (law.status.status_on)."""
    replies = tuple(
        Reply(kind, on)
        for kind, on in inquiry.answers.exclude(answered_on=None).values_list("kind", "answered_on")
    )
    if inquiry.is_answered and inquiry.answered_on is None and not inquiry.is_withdrawn:
        # The source register says it was answered but not when: timeliness cannot be judged.
        return Status(StatusCode.ANSWERED, None, "udzielono odpowiedzi (data nieznana)", inquiry.due_on)
    withdrawn_on = inquiry.withdrawn_on if inquiry.is_withdrawn else None
    return status_on(Facts(inquiry.due_on, replies, withdrawn_on), today)


@dataclass
class Filtered:
    queryset: QuerySet[Inquiry]
    description: str  # "odpowiedź po terminie, radny: Jan Kowalski", in the active language
    applied: dict[str, str]  # the filters understood, for links and feeds


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def filter_inquiries(
    params: Mapping[str, Any], today: date, queryset: QuerySet[Inquiry] | None = None
) -> Filtered:
    """Apply the register's filters (status, kind, body, term, department, councillor, club, dates) with words.

    Unknown or malformed values are ignored rather than failing: the description shows what was applied.
    """
    qs = queryset if queryset is not None else Inquiry.objects.filter(is_published=True)
    words: list[str] = []
    applied: dict[str, str] = {}

    def get(name: str) -> str:
        value = params.get(name)
        if isinstance(value, list | tuple):
            value = value[0] if value else ""
        return str(value or "").strip()

    if (status := get("status")) and status in StatusCode._value2member_map_:
        qs = qs.filter(status_q(status, today))
        words.append(str(STATUS_LABELS[StatusCode(status)]))
        applied["status"] = status
    if (kind := get("kind")) and kind in InquiryKind.values:
        qs = qs.filter(kind=kind)
        words.append(str(InquiryKind(kind).label))
        applied["kind"] = kind
    if (slug := get("councillor")) and (person := Person.objects.filter(slug=slug).first()):
        # A subquery instead of a join + DISTINCT: the join made a 100k register ~10x slower to filter.
        qs = qs.filter(pk__in=InquiryAuthor.objects.filter(person=person).values("inquiry_id"))
        words.append(gettext("radny: %(name)s") % {"name": person.name})
        applied["councillor"] = slug
    department = get("department")
    if department.isdigit() and (found := Department.objects.filter(pk=int(department)).first()):
        through = Inquiry.departments.through.objects.filter(department=found)
        qs = qs.filter(pk__in=through.values("inquiry_id"))
        words.append(gettext("wydział: %(code)s") % {"code": found.code})
        applied["department"] = department
    # Whole phrases rather than a translated "rada" + ": ": the translator sees each label with its placeholder.
    labelled = (
        ("body", Body, gettext("rada: %(name)s")),
        ("term", Term, gettext("kadencja: %(name)s")),
        ("club", Club, gettext("klub: %(name)s")),
    )
    for name, model, label in labelled:
        value = get(name)
        if value.isdigit() and (obj := model.objects.filter(pk=int(value)).first()):
            qs = qs.filter(**{name: obj})
            words.append(label % {"name": obj.name})
            applied[name] = value
    if date_from := _parse_date(get("from")):
        qs = qs.filter(filed_on__gte=date_from)
        words.append(gettext("złożone od %(date)s") % {"date": f"{date_from:%d.%m.%Y}"})
        applied["from"] = date_from.isoformat()
    if date_to := _parse_date(get("to")):
        qs = qs.filter(filed_on__lte=date_to)
        words.append(gettext("złożone do %(date)s") % {"date": f"{date_to:%d.%m.%Y}"})
        applied["to"] = date_to.isoformat()
    return Filtered(qs, ", ".join(words), applied)


def count_label(n: int) -> str:
    """'1 pozycja', '3 pozycje', '5 pozycji'; '1 item', '5 items' in English.

    The same msgid as the count of the list template, so one catalogue entry holds the forms: Polish has four
    (the pl catalogue supplies them), which a msgid/msgid_plural pair alone cannot express.
    """
    label: str = ngettext("%(counter)s pozycja", "%(counter)s pozycji", n) % {"counter": n}
    return label


def describe(filtered: Filtered) -> str:
    """The heading of a filtered list: count and filters in words."""
    total = filtered.queryset.count()
    return f"{count_label(total)}: {filtered.description}" if filtered.description else count_label(total)
