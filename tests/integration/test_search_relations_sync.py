"""Authors and departments added or removed after filing reach the index (the mirror stores them per inquiry)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from interpel.registry.models import Body, Department, InquiryAuthor, Level
from interpel.registry.services import file_inquiry, find_or_create_person
from interpel.search.services import search

pytestmark = pytest.mark.django_db


def _numbers(**filters: Any) -> set[str]:
    return {hit.number for hit in search("remont", filters=filters, limit=50).results}


def test_authors_and_departments_changed_later_are_searchable(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        body = Body.objects.create(name="Rada Miasta Testowa", slug="testowa", level=Level.GMINA)
        nowak = find_or_create_person("Anna Nowak", body=body, role="councillor")
        kowalski = find_or_create_person("Jan Kowalski", body=body, role="councillor")
        wim = Department.objects.create(body=body, code="WIM", name="Wydział Inwestycji Miejskich")
        inquiry = file_inquiry(
            body=body,
            kind="interpellation",
            subject="remontu chodnika",
            authors=[nowak],
            number="I/1",
            filed_on=date(2026, 3, 2),
        )
    assert _numbers(councillor=nowak.slug) == {"I/1"}
    assert _numbers(councillor=kowalski.slug) == set()
    assert _numbers(department="WIM") == set()

    with django_capture_on_commit_callbacks(execute=True):
        InquiryAuthor.objects.create(inquiry=inquiry, person=kowalski, position=1)
    assert _numbers(councillor=kowalski.slug) == {"I/1"}
    with django_capture_on_commit_callbacks(execute=True):
        inquiry.departments.add(wim)
    assert _numbers(department="WIM") == {"I/1"}
    assert search("remont").facets["councillor"] == {nowak.slug: 1, kowalski.slug: 1}

    with django_capture_on_commit_callbacks(execute=True):
        InquiryAuthor.objects.filter(inquiry=inquiry, person=nowak).delete()
    assert _numbers(councillor=nowak.slug) == set()
    with django_capture_on_commit_callbacks(execute=True):
        inquiry.departments.clear()
    assert _numbers(department="WIM") == set()
