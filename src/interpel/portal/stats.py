"""Statistics of the register: days to answer, on-time shares, volumes. Plain functions returning lists of dicts.

The portal's statistics page, its CSV files and the API's /statistics all call these, so every figure is computed
once. Each function takes the day the figures are computed for (an inquiry is overdue only relative to a day) and
optionally the inquiries to count (a filtered queryset); by default every published inquiry.

Definitions (shown on the statistics page, in words):
- days to answer: from receipt by the executive (or filing, when receipt is unknown) to the first answer that
  closes the inquiry (answer, redirect, refusal; a delay notice or a partial answer does not);
- an inquiry is *judged* once its due date is known and it was answered or its due date has passed; the on-time
  share is answered-on-time divided by judged, so an inquiry left without any answer counts against it;
- withdrawn inquiries are left out of the timeliness figures.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext

from interpel.registry.models import Answer, Club, ClubMembership, Department, Inquiry, Person

from .caching import register_version

# Buckets of the days-to-answer histogram; the statutory 14 days fall at the end of the second one.
BUCKETS: tuple[tuple[int, int | None], ...] = ((0, 7), (8, 14), (15, 21), (22, 30), (31, 60), (61, None))


@dataclass(frozen=True, slots=True)
class Facts:
    """What the statistics need of one inquiry."""

    pk: int
    start_on: date | None
    due_on: date | None
    answered_on: date | None
    is_withdrawn: bool
    filed_on: date | None

    def outcome(self, today: date) -> str | None:
        """'on_time', 'late', 'overdue', or None when timeliness cannot be judged (yet)."""
        if self.is_withdrawn or self.due_on is None:
            return None
        if self.answered_on is not None:
            return "on_time" if self.answered_on <= self.due_on else "late"
        return "overdue" if self.due_on < today else None

    @property
    def days_to_answer(self) -> int | None:
        if self.answered_on is None or self.start_on is None or self.is_withdrawn:
            return None
        return max((self.answered_on - self.start_on).days, 0)


def _published(inquiries: QuerySet[Inquiry] | None) -> QuerySet[Inquiry]:
    return inquiries if inquiries is not None else Inquiry.objects.filter(is_published=True)


def _day(value: Any) -> date | None:
    """SQLite returns dates as ISO strings, PostgreSQL as dates."""
    return date.fromisoformat(value) if isinstance(value, str) else value


# The last facts read, keyed by the query and the register's version: the statistics page and the API call several
# of these functions over the same inquiries, and reading 100k rows is most of their cost. One (key, rows) pair,
# replaced whole: the server's threads read and write it at once, and a key read apart from its rows could pair
# them with another query's rows.
_memo: list[tuple[str, dict[int, Facts]]] = []


def facts(inquiries: QuerySet[Inquiry] | None = None) -> dict[int, Facts]:
    """One row of facts per inquiry, read in a single query of six columns (raw rows: the ORM's per-value
    converters cost more than the query itself at 100k rows)."""
    columns = (
        _published(inquiries)
        .order_by()
        .values_list("pk", "received_on", "filed_on", "due_on", "answered_on", "is_withdrawn")
    )
    sql, params = columns.query.sql_with_params()
    key = repr((sql, params, connection.alias, register_version()))
    last = _memo[-1] if _memo else None
    if last is not None and last[0] == key:
        return last[1]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        raw = cursor.fetchall()
    rows = {}
    for pk, received, filed, due, answered, withdrawn in raw:
        filed_on = _day(filed)
        rows[pk] = Facts(pk, _day(received) or filed_on, _day(due), _day(answered), bool(withdrawn), filed_on)
    _memo[:] = [(key, rows)]
    return rows


def _share(on_time: int, judged: int) -> float | None:
    return round(on_time / judged, 4) if judged else None


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def summarize(rows: Iterable[Facts], today: date) -> dict[str, Any]:
    """Counts, on-time share and median days to answer of a group of inquiries."""
    outcomes: Counter[str] = Counter()
    days: list[int] = []
    total = answered = 0
    for row in rows:
        total += 1
        if (outcome := row.outcome(today)) is not None:
            outcomes[outcome] += 1
        if row.answered_on is not None and not row.is_withdrawn:
            answered += 1
        if (d := row.days_to_answer) is not None:
            days.append(d)
    judged = outcomes["on_time"] + outcomes["late"] + outcomes["overdue"]
    return {
        "inquiries": total,
        "answered": answered,
        "judged": judged,
        "on_time": outcomes["on_time"],
        "late": outcomes["late"],
        "overdue": outcomes["overdue"],
        "on_time_share": _share(outcomes["on_time"], judged),
        "median_days": _median(days),
    }


def bucket_label(low: int, high: int | None) -> str:
    return f"{low}–{high}" if high is not None else gettext("%(low)s i więcej") % {"low": low}


def days_to_answer(inquiries: QuerySet[Inquiry] | None = None) -> list[dict[str, Any]]:
    """Histogram of days from receipt to the closing answer: [{'bucket', 'low', 'high', 'count'}]."""
    counts: Counter[int] = Counter()
    for row in facts(inquiries).values():
        if (d := row.days_to_answer) is None:
            continue
        for low, high in BUCKETS:
            if d >= low and (high is None or d <= high):
                counts[low] += 1
                break
    return [
        {"bucket": bucket_label(low, high), "low": low, "high": high, "count": counts[low]}
        for low, high in BUCKETS
    ]


def _department_links(inquiries: QuerySet[Inquiry] | None) -> dict[int, set[int]]:
    """Departments of each inquiry: those it was assigned to and those that signed its answers (by case sign)."""
    pks = _published(inquiries).order_by().values("pk")
    links: dict[int, set[int]] = defaultdict(set)
    through = Inquiry.departments.through.objects.filter(inquiry__in=pks).values_list(
        "inquiry_id", "department_id"
    )
    answered = Answer.inquiries.through.objects.filter(
        inquiry__in=pks, answer__department__isnull=False
    ).values_list("inquiry_id", "answer__department_id")
    for inquiry_id, department_id in [*through, *answered]:
        links[inquiry_id].add(department_id)
    return links


def on_time_by_department(today: date, inquiries: QuerySet[Inquiry] | None = None) -> list[dict[str, Any]]:
    """Per department: inquiries, answered, judged, on time, late, overdue, on-time share, median days."""
    rows = facts(inquiries)
    links = _department_links(inquiries)
    groups: dict[int | None, list[Facts]] = defaultdict(list)
    for pk, row in rows.items():
        for department_id in links.get(pk) or {None}:
            groups[department_id].append(row)
    departments = Department.objects.in_bulk([k for k in groups if k is not None])
    result = []
    for department_id, members in groups.items():
        department = departments.get(department_id) if department_id is not None else None
        result.append(
            {
                "department_id": department_id,
                "code": department.code if department else "",
                "name": department.name if department else gettext("bez przypisanego wydziału"),
                **summarize(members, today),
            }
        )
    result.sort(key=lambda r: (r["department_id"] is None, r["code"]))
    return result


def on_time_by_month(today: date, inquiries: QuerySet[Inquiry] | None = None) -> list[dict[str, Any]]:
    """Per month of the due date (YYYY-MM): judged, on time, late, overdue and the on-time share."""
    groups: dict[tuple[int, int], list[Facts]] = defaultdict(list)
    for row in facts(inquiries).values():
        if row.due_on is not None and row.outcome(today) is not None:
            groups[(row.due_on.year, row.due_on.month)].append(row)
    result = []
    for year, month in sorted(groups):
        summary = summarize(groups[(year, month)], today)
        result.append(
            {
                "month": f"{year:04d}-{month:02d}",
                **{k: summary[k] for k in ("judged", "on_time", "late", "overdue", "on_time_share")},
            }
        )
    return result


def _authors(inquiries: QuerySet[Inquiry] | None) -> dict[int, list[int]]:
    """The inquiries of each author (person id → inquiry ids)."""
    pks = _published(inquiries).order_by().values("pk")
    authors: dict[int, list[int]] = defaultdict(list)
    rows = Inquiry.authors.through.objects.filter(inquiry__in=pks).values_list("inquiry_id", "person_id")
    for inquiry_id, person_id in rows:
        authors[person_id].append(inquiry_id)
    return authors


def volume_by_councillor(today: date, inquiries: QuerySet[Inquiry] | None = None) -> list[dict[str, Any]]:
    """Per author: inquiries filed (co-authored ones count for each author), answered, on-time share, median days."""
    rows = facts(inquiries)
    by_person = _authors(inquiries)
    people = Person.objects.in_bulk(list(by_person))
    result = [
        {
            "person_id": person_id,
            "slug": people[person_id].slug,
            "name": people[person_id].name,
            **summarize((rows[pk] for pk in pks), today),
        }
        for person_id, pks in by_person.items()
    ]
    result.sort(key=lambda r: (-r["inquiries"], r["name"]))
    return result


def _club_on(memberships: list[ClubMembership], day: date | None) -> ClubMembership | None:
    for membership in memberships:
        if day is None or (
            (membership.starts_on is None or membership.starts_on <= day)
            and (membership.ends_on is None or day <= membership.ends_on)
        ):
            return membership
    return None


def volume_by_club(today: date, inquiries: QuerySet[Inquiry] | None = None) -> list[dict[str, Any]]:
    """Per club: inquiries filed by the club or by its members while members (on the filing date)."""
    rows = facts(inquiries)
    memberships: dict[int, list[ClubMembership]] = defaultdict(list)
    for membership in ClubMembership.objects.select_related("club").order_by("starts_on", "pk"):
        memberships[membership.person_id].append(membership)
    clubs: dict[int, Any] = {}
    members: dict[int, set[int]] = defaultdict(set)
    for person_id, pks in _authors(inquiries).items():
        for pk in pks:
            if membership := _club_on(memberships.get(person_id, []), rows[pk].filed_on):
                clubs[membership.club_id] = membership.club
                members[membership.club_id].add(pk)
    club_of = dict(_published(inquiries).filter(club__isnull=False).values_list("pk", "club_id"))
    for pk, club_id in club_of.items():
        members[club_id].add(pk)
    if missing := set(members) - set(clubs):
        clubs.update(Club.objects.in_bulk(list(missing)))
    result = [
        {"club_id": club_id, "name": clubs[club_id].name, **summarize((rows[pk] for pk in pks), today)}
        for club_id, pks in members.items()
    ]
    result.sort(key=lambda r: (-r["inquiries"], r["name"]))
    return result


def summary(today: date, inquiries: QuerySet[Inquiry] | None = None) -> dict[str, Any]:
    """The same figures for one group (a councillor's, a department's or a term's inquiries, or all of them)."""
    return summarize(facts(inquiries).values(), today)
