"""Bulk exports: CSV and JSON Lines of the whole register or a filtered list, streamed in constant memory."""

import csv
import gc
import io
import json
import tracemalloc
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from register_fixtures import Register, register_fixture  # noqa: F401 - the `register` fixture

from interpel.portal import exports
from interpel.registry.demo import load_demo
from interpel.registry.models import Body, Inquiry, InquiryAuthor, Person

pytestmark = pytest.mark.django_db


def download(client: Client, path: str) -> tuple[Any, str]:
    response = client.get(path)
    assert response.status_code == 200
    assert response.streaming  # never built in memory as one string
    return response, b"".join(response.streaming_content).decode("utf-8")


def test_demo_exports_as_csv_and_jsonl(client: Client) -> None:
    load_demo()
    response, text = download(client, "/eksport/inquiries.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="interpelacje-')
    assert text.startswith("\ufeff")  # so that spreadsheets read UTF-8
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert tuple(rows[0]) == exports.COLUMNS
    antczak = next(r for r in rows if r["authors"] == "Maciej Antczak")
    assert (antczak["due_on"], antczak["answered_on"], antczak["status"]) == (
        "2026-04-08",
        "2026-04-02",
        "answered_on_time",
    )
    assert antczak["url"] == f"http://testserver/interpelacje/{antczak['id']}/"

    response, text = download(client, "/eksport/inquiries.jsonl")
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    records = [json.loads(line) for line in text.splitlines()]
    assert len(records) == Inquiry.objects.count() == 2
    assert {r["subject"] for r in records} == set(Inquiry.objects.values_list("subject", flat=True))
    assert all(isinstance(r["authors"], list) for r in records)


def test_filters_and_lists_in_exports(client: Client, register: Register) -> None:
    _, text = download(client, "/eksport/inquiries.jsonl?status=overdue")
    records = [json.loads(line) for line in text.splitlines()]
    assert [r["id"] for r in records] == [register.overdue.pk]  # the follow-up is still within its term
    overdue = next(r for r in records if r["id"] == register.overdue.pk)
    assert overdue["authors"] == ["Anna Nowak", "Jan Kowalski"]  # in the document's order
    assert overdue["departments"] == ["WSR"]
    assert overdue["case_sign"] == "WSR.0003.1.2026"
    _, text = download(client, f"/eksport/inquiries.csv?councillor={register.nowak.slug}&kind=question")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert {int(r["id"]) for r in rows} == {register.overdue.pk, register.pair[0].pk}
    assert (
        next(r for r in rows if int(r["id"]) == register.overdue.pk)["authors"] == "Anna Nowak; Jan Kowalski"
    )
    _, text = download(client, "/eksport/inquiries.jsonl")
    ids = {json.loads(line)["id"] for line in text.splitlines()}
    assert register.hidden.pk not in ids and register.withdrawn.pk in ids


def _bulk_register(n: int) -> None:
    """n inquiries with two authors each, written in bulk: the test measures the export, not the services."""
    load_demo()
    body = Body.objects.get(slug="kalisz")
    term = body.terms.get()
    people = list(Person.objects.all()[:2])
    start = date(2025, 1, 1)
    subject = "remontu dróg gminnych i chodników na osiedlu Piwonice wraz z oświetleniem ulic " * 2
    inquiries = Inquiry.objects.bulk_create(
        Inquiry(
            body=body,
            term=term,
            kind="question",
            number=f"B/{i}",
            subject=subject,
            text="Treść zapytania. " * 40,
            filed_on=start + timedelta(days=i % 300),
            received_on=start + timedelta(days=i % 300),
            due_on=start + timedelta(days=i % 300 + 14),
            due_explanation="Termin 14 dni od dnia otrzymania (art. 24 ust. 6 u.s.g.).",
        )
        for i in range(n)
    )
    InquiryAuthor.objects.bulk_create(
        InquiryAuthor(inquiry=inquiry, person=person, position=position)
        for inquiry in inquiries
        for position, person in enumerate(people)
    )


def _peak(client: Client, path: str) -> tuple[int, int]:
    """Peak Python memory while the streamed body is read and thrown away; and the number of lines."""
    gc.collect()
    tracemalloc.start()
    try:
        response = client.get(path)
        lines = 0
        # Read to the end: the test client closes the response then, outside the test's transaction handling
        # (calling close() directly would run close_old_connections inside the test's atomic block).
        for block in response.streaming_content:
            lines += block.count(b"\n")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, lines


@pytest.mark.parametrize("path", ["/eksport/inquiries.jsonl", "/eksport/inquiries.csv"])
def test_export_memory_does_not_grow_with_the_register(client: Client, path: str) -> None:
    _bulk_register(100)
    b"".join(client.get(path).streaming_content)  # warm up: imports, URL resolver, query compilation
    small, small_lines = _peak(client, f"{path}?kind=question")
    Inquiry.objects.filter(number__startswith="B/").delete()
    _bulk_register(2000)
    large, large_lines = _peak(client, f"{path}?kind=question")
    assert small_lines >= 100 and large_lines >= 2000
    # 20 times the rows, well under 2 times the memory: only one chunk of rows is ever held.
    assert large < 2 * small, (small, large)
