"""The figures of the statistics page: each is rows from `stats`, a chart of them, a table and a CSV file.

One table of figures drives the page and the CSV downloads, so a chart never shows what its table and CSV do not.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from interpel.registry.models import Inquiry

from . import stats
from .caching import cached
from .charts import Chart, bar_chart, percent

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Figure:
    slug: str
    title: Promise
    explanation: Promise
    columns: tuple[tuple[str, Promise], ...]  # (key in the row, column heading)
    rows: Callable[[date, QuerySet[Inquiry] | None], Rows]
    chart: Callable[[str, str, Rows], Chart]


def _days_chart(chart_id: str, title: str, rows: Rows) -> Chart:
    return bar_chart(chart_id, title, [(r["bucket"], r["count"], str(r["count"])) for r in rows])


def _share_chart(label_key: str) -> Callable[[str, str, Rows], Chart]:
    def chart(chart_id: str, title: str, rows: Rows) -> Chart:
        items = [
            (_label(r, label_key), r["on_time_share"], f"{percent(r['on_time_share'])} ({r['judged']})")
            for r in rows
        ]
        return bar_chart(chart_id, title, items, maximum=1.0)

    return chart


def _volume_chart(chart_id: str, title: str, rows: Rows) -> Chart:
    return bar_chart(chart_id, title, [(r["name"], r["inquiries"], str(r["inquiries"])) for r in rows[:20]])


def _label(row: dict[str, Any], key: str) -> str:
    if key == "department":
        return " ".join(x for x in (row["code"], row["name"]) if x)
    return str(row[key])


def _by_department(today: date, inquiries: QuerySet[Inquiry] | None) -> Rows:
    return stats.on_time_by_department(today, inquiries)


def _days(today: date, inquiries: QuerySet[Inquiry] | None) -> Rows:
    return stats.days_to_answer(inquiries)


SHARE_COLUMNS = (
    ("judged", _("ocenione")),
    ("on_time", _("w terminie")),
    ("late", _("po terminie")),
    ("overdue", _("bez odpowiedzi po terminie")),
    ("on_time_share", _("odsetek w terminie")),
)

FIGURES: tuple[Figure, ...] = (
    Figure(
        "czas-odpowiedzi",
        _("Ile dni trwało udzielenie odpowiedzi"),
        _(
            "Dni od otrzymania przez organ wykonawczy (albo od złożenia, gdy data otrzymania jest nieznana) do "
            "odpowiedzi, która zamyka sprawę. Ustawowy termin to zwykle 14 dni."
        ),
        (("bucket", _("dni")), ("count", _("liczba odpowiedzi"))),
        _days,
        _days_chart,
    ),
    Figure(
        "terminowosc-wydzialy",
        _("Odpowiedzi w terminie według wydziałów"),
        _(
            "Odsetek spraw, na które odpowiedziano w terminie, wśród spraw ocenionych (z odpowiedzią albo po "
            "terminie). W nawiasie liczba spraw ocenionych."
        ),
        (
            ("code", _("symbol")),
            ("name", _("wydział")),
            ("inquiries", _("sprawy")),
            *SHARE_COLUMNS,
            ("median_days", _("mediana dni")),
        ),
        _by_department,
        _share_chart("department"),
    ),
    Figure(
        "terminowosc-miesiace",
        _("Odpowiedzi w terminie według miesięcy"),
        _("Sprawy według miesiąca, w którym upływał termin odpowiedzi."),
        (("month", _("miesiąc")), *SHARE_COLUMNS),
        stats.on_time_by_month,
        _share_chart("month"),
    ),
    Figure(
        "radni",
        _("Liczba interpelacji i zapytań według radnych"),
        _(
            "Sprawy wspólne liczą się każdemu z autorów. Wykres pokazuje 20 najaktywniejszych, tabela wszystkich."
        ),
        (
            ("name", _("radny")),
            ("inquiries", _("sprawy")),
            ("answered", _("z odpowiedzią")),
            *SHARE_COLUMNS,
            ("median_days", _("mediana dni")),
        ),
        stats.volume_by_councillor,
        _volume_chart,
    ),
    Figure(
        "kluby",
        _("Liczba interpelacji i zapytań według klubów"),
        _("Sprawy klubu i jego członków złożone w czasie członkostwa."),
        (
            ("name", _("klub")),
            ("inquiries", _("sprawy")),
            ("answered", _("z odpowiedzią")),
            *SHARE_COLUMNS,
            ("median_days", _("mediana dni")),
        ),
        stats.volume_by_club,
        _volume_chart,
    ),
)
BY_SLUG = {f.slug: f for f in FIGURES}


@dataclass(frozen=True)
class Shown:
    figure: Figure
    rows: Rows
    chart: Chart
    table: list[list[Any]]


def cell(key: str, value: Any) -> Any:
    if key == "on_time_share":
        return percent(value)
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return int(value)  # a median of whole days
    return value


def rows_of(figure: Figure, today: date, inquiries: QuerySet[Inquiry] | None, key: Any = None) -> Rows:
    """The figure's rows, cached until the next write when `key` names the filters that made `inquiries`."""
    if key is None:
        return figure.rows(today, inquiries)
    return cached(f"figure-{figure.slug}", [key, today], lambda: figure.rows(today, inquiries))


def show(figure: Figure, today: date, inquiries: QuerySet[Inquiry] | None, key: Any = None) -> Shown:
    rows = rows_of(figure, today, inquiries, key)
    table = [[cell(key, row.get(key)) for key, _label in figure.columns] for row in rows]
    return Shown(figure, rows, figure.chart(f"chart-{figure.slug}", str(figure.title), rows), table)


def as_csv(figure: Figure, today: date, inquiries: QuerySet[Inquiry] | None, key: Any = None) -> str:
    """The figure's rows as CSV with machine-readable values (shares as fractions, empty for no data)."""
    out = io.StringIO()
    writer = csv.writer(out)
    keys = [key for key, _label in figure.columns]
    writer.writerow(keys)
    for row in rows_of(figure, today, inquiries, key):
        writer.writerow(["" if row.get(k) is None else row.get(k) for k in keys])
    return out.getvalue()
