"""Filters of a search, turned into SQL over search_document (alias d) with the words that describe them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from interpel.errors import BadQuery
from interpel.registry.models import Body, Club, Department, Inquiry, InquiryAuthor, InquiryKind, Person, Term

STATUSES = {
    "awaiting": _("oczekuje na odpowiedź"),
    "due_soon": _("termin mija wkrótce"),
    "overdue": _("po terminie, bez odpowiedzi"),
    "answered": _("z odpowiedzią"),
    "answered_on_time": _("odpowiedź w terminie"),
    "answered_late": _("odpowiedź po terminie"),
    "withdrawn": _("wycofane"),
}
# The filters as descriptions and errors name them (the keys typed in `body:kalisz` are English identifiers; people
# read "rada: kalisz"); the context keeps these short msgids apart from other uses of the words.
FILTER_NAMES = {
    "body": pgettext_lazy("search filter", "rada"),
    "term": pgettext_lazy("search filter", "kadencja"),
    "club": pgettext_lazy("search filter", "klub"),
    "department": pgettext_lazy("search filter", "wydział"),
    "councillor": pgettext_lazy("search filter", "radny"),
}
DEPARTMENTS_TABLE = Inquiry.departments.through._meta.db_table
AUTHORS_TABLE = InquiryAuthor._meta.db_table


@dataclass(frozen=True)
class Condition:
    """One resolved filter as data, for engines that do not speak SQL (the tantivy mirror): a name and its values.

    Names: published, kind (values), status (code, today), body/term/club/department/councillor (ids),
    date_from/date_to (a date), year (an int).
    """

    name: str
    values: tuple[Any, ...] = ()


class Where(str):
    """The " AND ..." SQL over d, with the same filters as `Condition`s attached (all of them, in order)."""

    conditions: tuple[Condition, ...]

    def __new__(cls, sql: str, conditions: list[Condition]) -> Where:
        made = super().__new__(cls, sql)
        made.conditions = tuple(conditions)
        return made


def status_sql() -> str:
    """The status of an inquiry as an SQL CASE over d (two parameters: today, today + 3 days); as in status_on()."""
    return (
        "CASE WHEN d.is_withdrawn THEN 'withdrawn'"
        " WHEN d.answered_on IS NOT NULL AND d.due_on IS NULL THEN 'answered'"
        " WHEN d.answered_on IS NOT NULL AND d.answered_on <= d.due_on THEN 'answered_on_time'"
        " WHEN d.answered_on IS NOT NULL THEN 'answered_late'"
        " WHEN d.due_on IS NULL THEN 'awaiting'"
        " WHEN d.due_on < %s THEN 'overdue'"
        " WHEN d.due_on <= %s THEN 'due_soon'"
        " ELSE 'awaiting' END"
    )


def _ids(model: Any, value: str, *fields: str) -> list[int]:
    """Ids of the objects a filter value names: an id, or a slug/code (several bodies may share a code)."""
    value = str(value).strip()
    if value.isdigit():
        return [int(value)] if model.objects.filter(pk=int(value)).exists() else []
    for name in fields:
        found = list(model.objects.filter(**{f"{name}__iexact": value}).values_list("pk", flat=True))
        if found:
            return found
    return []


def _day(value: Any, key: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        # Two whole sentences, not a translated label glued to one: word order may differ between languages.
        if key == "date_from":
            message = gettext("Data od: podaj datę w postaci RRRR-MM-DD, nie „%(value)s”.")
        else:
            message = gettext("Data do: podaj datę w postaci RRRR-MM-DD, nie „%(value)s”.")
        raise BadQuery(message % {"value": value}) from None


def _not_found(key: str, value: Any) -> BadQuery:
    return BadQuery(
        gettext("Nie znaleziono: %(key)s „%(value)s”.") % {"key": FILTER_NAMES[key], "value": value}
    )


def _named(key: str, value: Any) -> str:
    # Translators: a search filter in the description of the results, e.g. "body: kalisz".
    named: str = gettext("%(key)s: %(value)s") % {"key": FILTER_NAMES[key], "value": value}
    return named


def _in(ids: list[int]) -> str:
    return "(" + ", ".join("%s" for _ in ids) + ")"


def resolve_filters(
    filters: dict[str, Any], *, today: date, include_unpublished: bool = False
) -> tuple[str, list[Any], list[str]]:
    """(" AND ..." SQL over d, parameters, descriptions); unknown names raise BadQuery with a clear message.

    Descriptions and messages are in the active language (Polish unless a request or `override` says otherwise).

    The SQL is a `Where`: it also carries each filter as a `Condition`.
    """
    sql: list[str] = [] if include_unpublished else ["d.is_published"]
    conditions = [] if include_unpublished else [Condition("published")]
    params: list[Any] = []
    words: list[str] = []
    for key, value in filters.items():
        if value is None or value == "":
            continue
        if key == "kind":
            if value not in InquiryKind.values:
                raise BadQuery(
                    gettext("Rodzaj: interpellation, question albo motion, nie „%(value)s”.")
                    % {"value": value}
                )
            sql.append("d.kind = %s")
            params.append(value)
            conditions.append(Condition("kind", (value,)))
            words.append(str(InquiryKind(value).label))
        elif key == "status":
            if value not in STATUSES:
                choices = ", ".join(STATUSES)
                raise BadQuery(
                    gettext("Status: jeden z %(choices)s, nie „%(value)s”.")
                    % {"choices": choices, "value": value}
                )
            if value == "answered":
                sql.append("d.answered_on IS NOT NULL AND NOT d.is_withdrawn")
            else:
                sql.append(f"{status_sql()} = %s")
                params.extend([today, today + timedelta(days=3), value])
            conditions.append(Condition("status", (value, today)))
            words.append(str(STATUSES[value]))
        elif key in ("body", "term", "club"):
            model, fields = {
                "body": (Body, ("slug", "name")),
                "term": (Term, ("name",)),
                "club": (Club, ("slug", "name")),
            }[key]
            ids = _ids(model, value, *fields)
            if not ids:
                raise _not_found(key, value)
            sql.append(f"d.{key}_id IN {_in(ids)}")
            params.extend(ids)
            conditions.append(Condition(key, tuple(ids)))
            words.append(_named(key, value))
        elif key in ("department", "councillor"):
            model, fields, table, column = {
                "department": (Department, ("code", "name"), DEPARTMENTS_TABLE, "department_id"),
                "councillor": (Person, ("slug", "name"), AUTHORS_TABLE, "person_id"),
            }[key]
            ids = _ids(model, value, *fields)
            if not ids:
                raise _not_found(key, value)
            sql.append(f"d.inquiry_id IN (SELECT inquiry_id FROM {table} WHERE {column} IN {_in(ids)})")
            params.extend(ids)
            conditions.append(Condition(key, tuple(ids)))
            words.append(_named(key, value))
        elif key in ("date_from", "date_to"):
            day = _day(value, key)
            sql.append("d.filed_on >= %s" if key == "date_from" else "d.filed_on <= %s")
            params.append(day)
            conditions.append(Condition(key, (day,)))
            if key == "date_from":
                words.append(gettext("od %(date)s") % {"date": f"{day:%d.%m.%Y}"})
            else:
                words.append(gettext("do %(date)s") % {"date": f"{day:%d.%m.%Y}"})
        elif key == "year":
            if not str(value).isdigit():
                raise BadQuery(gettext("Rok: liczba, nie „%(value)s”.") % {"value": value})
            sql.append("d.year = %s")
            params.append(int(value))
            conditions.append(Condition("year", (int(value),)))
            words.append(gettext("rok %(year)s") % {"year": value})
        else:
            raise BadQuery(gettext("Nieznany filtr „%(key)s”.") % {"key": key})
    return Where("".join(f" AND {clause}" for clause in sql), conditions), params, words
