"""Statistics of the register, checked against figures worked out by hand from the portal test register."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import override
from register_fixtures import Register, register_fixture  # noqa: F401 - the `register` fixture

from interpel.portal import stats
from interpel.portal.charts import bar_chart, percent
from interpel.registry.models import Inquiry

pytestmark = pytest.mark.django_db


def test_summary_counts_judged_inquiries_and_leaves_withdrawn_out(register: Register) -> None:
    summary = stats.summary(register.today)
    # 9 published; answered: Antczak (8 days), Kijewski (5 days), the late one (39 days from receipt) and the pair
    # (5 and 4 days).
    assert summary["inquiries"] == 9
    assert summary["answered"] == 5
    # Judged: four on time, one late, one overdue; the open ones within their term are not judged yet.
    assert (summary["judged"], summary["on_time"], summary["late"], summary["overdue"]) == (6, 4, 1, 1)
    assert summary["on_time_share"] == 0.6667
    assert summary["median_days"] == 5.0  # of 4, 5, 5, 8, 39


def test_the_same_inquiries_judged_on_an_earlier_day(register: Register) -> None:
    # Before the overdue question's due date it was merely awaiting: nothing overdue then.
    earlier = register.overdue.due_on - timedelta(days=1)
    summary = stats.summary(earlier, Inquiry.objects.filter(pk=register.overdue.pk))
    assert (summary["judged"], summary["overdue"], summary["on_time_share"]) == (0, 0, None)


def test_days_to_answer_histogram(register: Register) -> None:
    rows = stats.days_to_answer()
    assert [(r["bucket"], r["count"]) for r in rows] == [
        ("0–7", 3),  # Kijewski (5 days) and the pair (5 and 4)
        ("8–14", 1),  # Antczak (8)
        ("15–21", 0),
        ("22–30", 0),
        ("31–60", 1),
        ("61 i więcej", 0),
    ]


def test_on_time_by_department_counts_assigned_and_answering_departments(register: Register) -> None:
    rows = {r["code"]: r for r in stats.on_time_by_department(register.today)}
    assert set(rows) == {"KPM", "WSR", "WIM", ""}
    # KPM answered Antczak on time (its answer's sign) and the cycle path late.
    assert (rows["KPM"]["inquiries"], rows["KPM"]["on_time"], rows["KPM"]["late"]) == (2, 1, 1)
    assert rows["KPM"]["median_days"] == 23.5
    # WSR: Kijewski on time, the overdue question, the repeated one still within its term.
    assert (rows["WSR"]["inquiries"], rows["WSR"]["judged"], rows["WSR"]["overdue"]) == (3, 2, 1)
    assert rows["WSR"]["on_time_share"] == 0.5
    # WIM: the pair, filed under its case sign and answered by it on time (5 and 4 days).
    assert (rows["WIM"]["inquiries"], rows["WIM"]["on_time"], rows["WIM"]["median_days"]) == (2, 2, 4.5)
    # Neither assigned nor answered: due_soon, still open, and the withdrawn one.
    assert rows[""]["name"] == "bez przypisanego wydziału" and rows[""]["on_time_share"] is None
    assert (rows[""]["inquiries"], rows[""]["judged"]) == (2, 0)
    with override("en"):
        english = {r["code"]: r for r in stats.on_time_by_department(register.today)}
    assert english[""]["name"] == "no department assigned" and english["KPM"]["name"] == rows["KPM"]["name"]


def test_on_time_by_month_of_the_due_date(register: Register) -> None:
    rows = {r["month"]: r for r in stats.on_time_by_month(register.today)}
    assert rows["2025-03"]["on_time"] == 1  # Kijewski's answer of 2025; Antczak's due date is 2026-04-08
    # Each month counts the inquiries whose due date falls in it (the fixture's dates are relative to today).
    on_time = (register.antczak, register.kijewski, *register.pair)
    for outcome, inquiries in (
        ("on_time", on_time),
        ("late", [register.late]),
        ("overdue", [register.overdue]),
    ):
        months = Counter(f"{i.due_on:%Y-%m}" for i in inquiries)
        assert {m: r[outcome] for m, r in rows.items() if r[outcome]} == months, outcome
    assert sum(r["judged"] for r in rows.values()) == 6
    assert list(rows) == sorted(rows)


def test_volume_by_councillor_counts_co_authored_inquiries_for_each_author(register: Register) -> None:
    rows = {r["name"]: r for r in stats.volume_by_councillor(register.today)}
    # The overdue (co-authored), due-soon (co-authored), repeated and pair[0] ones; judged: overdue, pair[0] on time.
    assert rows["Anna Nowak"]["inquiries"] == 4
    assert rows["Anna Nowak"]["on_time_share"] == 0.5 and rows["Anna Nowak"]["median_days"] == 5.0
    assert rows["Maciej Antczak"]["inquiries"] == 2 and rows["Maciej Antczak"]["on_time_share"] == 1.0
    # The overdue (co-authored), late (39 days), withdrawn and pair[1] (4 days) ones.
    assert rows["Jan Kowalski"]["inquiries"] == 4 and rows["Jan Kowalski"]["median_days"] == 21.5
    assert rows["Jan Kowalski"]["on_time_share"] == 0.3333  # one of overdue, late, pair[1]
    assert rows["Artur Kijewski"]["median_days"] == 5.0
    ordered = [r["inquiries"] for r in stats.volume_by_councillor(register.today)]
    assert ordered == sorted(ordered, reverse=True)


def test_volume_by_club_counts_members_inquiries_filed_while_members(register: Register) -> None:
    rows = stats.volume_by_club(register.today)
    # Anna Nowak's four, all filed while a member
    assert [(r["name"], r["inquiries"]) for r in rows] == [("Klub Radnych Razem dla Kalisza", 4)]


def test_bar_chart_geometry_and_no_data() -> None:
    chart = bar_chart("c", "t", [("a", 2, "2"), ("b", 1, "1"), ("c", None, "—")])
    widths = [bar.width for bar in chart.bars]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    assert chart.bars[1].y > chart.bars[0].y
    assert percent(0.8333) == "83%" and percent(None) == "—"


def test_statistics_page_shows_charts_tables_and_csv(client: Client, register: Register) -> None:
    html = client.get(reverse("portal:statistics")).content.decode()
    assert html.count('<svg class="chart"') == 5
    assert html.count('<table class="data">') == 5
    assert "50%" in html and "Anna Nowak" in html
    csv = client.get(reverse("portal:statistics_csv", args=["terminowosc-wydzialy"]))
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode().splitlines()
    assert lines[0].startswith("code,name,inquiries,judged")
    assert any(line.startswith("KPM,,2,2,1,1,0,0.5,23.5") for line in lines)


def test_statistics_follow_the_register_filters(client: Client, register: Register) -> None:
    csv = client.get(reverse("portal:statistics_csv", args=["radni"]), {"councillor": register.nowak.slug})
    names = [line.split(",")[0] for line in csv.content.decode().splitlines()[1:]]
    assert names[0] == "Anna Nowak" and "Artur Kijewski" not in names
