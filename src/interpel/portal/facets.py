"""Facet counts of the register list: how many inquiries each value of a filter would leave.

Without a text query the counts come from SQL over the filtered register, each facet over every filter but its
own; with one, from the search app's counts over every match, translated to the register's filter values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from interpel.law.status import StatusCode
from interpel.registry.models import Body, Club, Department, Inquiry, InquiryKind, Person
from interpel.registry.selectors import STATUS_LABELS, filter_inquiries, status_q

from .caching import cached

FACET_LIMIT = 12
FILTER_KEYS = ("status", "kind", "body", "term", "department", "councillor", "club", "from", "to")


def param(params: Mapping[str, Any], name: str) -> str:
    value = params.get(name, "")
    return str(value or "").strip()


def text_filter(queryset: QuerySet[Inquiry], query: str) -> QuerySet[Inquiry]:
    """Fallback search without the search app: every word must occur in the subject or the text."""
    for word in query.split()[:10]:
        queryset = queryset.filter(Q(subject__icontains=word) | Q(text__icontains=word))
    return queryset


STATUS_ORDER = (
    StatusCode.OVERDUE,
    StatusCode.DUE_SOON,
    StatusCode.AWAITING,
    StatusCode.ANSWERED_ON_TIME,
    StatusCode.ANSWERED_LATE,
    StatusCode.ANSWERED,
    StatusCode.WITHDRAWN,
)
STATUS_NAMES = STATUS_LABELS  # the selectors' status words, translatable


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetGroup:
    name: str  # the filter's parameter
    legend: str
    chosen: str
    values: list[FacetValue]


def _without(params: Mapping[str, Any], name: str) -> dict[str, str]:
    return {k: param(params, k) for k in (*FILTER_KEYS, "q") if k != name and param(params, k)}


def _base(params: Mapping[str, Any], name: str, today: date) -> QuerySet[Inquiry]:
    """The inquiries matching every filter but `name` (so a facet shows what choosing another value would give)."""
    others = _without(params, name)
    queryset = filter_inquiries(others, today).queryset
    if others.get("q"):
        queryset = text_filter(queryset, others["q"])
    return queryset.order_by()


def counted(params: Mapping[str, Any], today: date) -> list[FacetGroup]:
    """Counts per status, kind, department, councillor, club and term, each over the other filters; cached briefly."""
    return cached("facets", [_without(params, ""), today], lambda: _facets(params, today))


def _grouped(queryset: QuerySet[Inquiry], value: str, label: str) -> list[tuple[str, str, int]]:
    rows = (
        queryset.filter(**{f"{value}__isnull": False})
        .values(value, label)
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", label)[:FACET_LIMIT]
    )
    return [(str(r[value]), str(r[label]), r["n"]) for r in rows]


def _facets(params: Mapping[str, Any], today: date) -> list[FacetGroup]:
    chosen = {k: param(params, k) for k in FILTER_KEYS}
    counts = _base(params, "status", today).aggregate(
        **{code.value: Count("pk", filter=status_q(code, today)) for code in STATUS_ORDER}
    )
    status = [
        FacetValue(code.value, str(STATUS_NAMES[code]), counts[code.value], chosen["status"] == code.value)
        for code in STATUS_ORDER
        if counts[code.value] or chosen["status"] == code.value
    ]
    kinds = dict(_base(params, "kind", today).values_list("kind").annotate(n=Count("pk")).order_by())
    kind = [
        FacetValue(k.value, str(k.label), kinds.get(k.value, 0), chosen["kind"] == k.value)
        for k in InquiryKind
        if kinds.get(k.value)
    ]
    result = [
        FacetGroup("status", _("Status"), chosen["status"], status),
        FacetGroup("kind", _("Rodzaj"), chosen["kind"], kind),
    ]
    for name, legend, value, label in (
        ("department", _("Wydział"), "departments__pk", "departments__code"),
        ("councillor", _("Radny"), "authors__slug", "authors__name"),
        ("club", _("Klub"), "club__pk", "club__name"),
        ("term", _("Kadencja"), "term__pk", "term__name"),
        ("body", _("Rada"), "body__pk", "body__name"),
    ):
        values = [
            FacetValue(v, lab, n, chosen[name] == v)
            for v, lab, n in _grouped(_base(params, name, today), value, label)
        ]
        result.append(FacetGroup(name, legend, chosen[name], values))
    return result


def from_search(counts: dict[str, dict[str, int]], params: Mapping[str, Any]) -> list[FacetGroup]:
    """The search app's facet counts (keyed by codes and slugs) as groups keyed by the register's filter values."""
    chosen = {k: param(params, k) for k in FILTER_KEYS}
    groups = [
        FacetGroup(
            "status",
            _("Status"),
            chosen["status"],
            [
                FacetValue(c.value, str(STATUS_NAMES[c]), n, chosen["status"] == c.value)
                for c in STATUS_ORDER
                if (n := counts.get("status", {}).get(c.value, 0))
            ],
        ),
        FacetGroup(
            "kind",
            _("Rodzaj"),
            chosen["kind"],
            [
                FacetValue(k.value, str(k.label), n, chosen["kind"] == k.value)
                for k in InquiryKind
                if (n := counts.get("kind", {}).get(k.value, 0))
            ],
        ),
    ]
    lookups: tuple[tuple[str, Any, str, str, str], ...] = (
        ("department", _("Wydział"), "department", "code", "code"),
        ("councillor", _("Radny"), "councillor", "slug", "name"),
        ("club", _("Klub"), "club", "slug", "name"),
        ("body", _("Rada"), "body", "slug", "name"),
    )
    models = {"department": Department, "councillor": Person, "club": Club, "body": Body}
    for name, legend, key, field, label in lookups:
        values = counts.get(key, {})
        found: dict[str, tuple[str, str]] = {}
        for obj in models[name].objects.filter(**{f"{field}__in": list(values)}).order_by("pk"):
            value = obj.slug if name == "councillor" else str(obj.pk)
            found.setdefault(getattr(obj, field), (value, getattr(obj, label)))
        items = [
            FacetValue(found[k][0], found[k][1], n, chosen[name] == found[k][0])
            for k, n in list(values.items())[:FACET_LIMIT]
            if k in found
        ]
        groups.append(FacetGroup(name, legend, chosen[name], items))
    return groups
