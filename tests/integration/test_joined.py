"""portal.joined reads the same instances as the ORM's select_related, related records cached, on both databases."""

from __future__ import annotations

from typing import Any

import pytest
from register_fixtures import Register, build_register

from interpel.portal.detail import LINKED
from interpel.portal.joined import Joined
from interpel.registry.models import Answer, Inquiry

pytestmark = pytest.mark.django_db

INQUIRY = Joined(Inquiry, {"body": None, "term": None, "addressee": None, "repeats": LINKED, "club": None})
ANSWERS = Joined(Answer, {"signatory": None, "department": None, "entered_by": None})


@pytest.fixture
def register(django_capture_on_commit_callbacks: Any) -> Register:
    with django_capture_on_commit_callbacks(execute=True):
        return build_register()


def fields(instance: Any, names: tuple[str, ...] | None = None) -> dict[str, Any]:
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if names is None or f.name in names or f.attname in names or f.primary_key
    }


def test_inquiries_and_their_related_records_equal_the_orms(
    register: Register, django_assert_num_queries: Any
) -> None:
    related = ("body", "term", "addressee", "club")
    Inquiry.objects.filter(pk=register.antczak.pk).update(
        club=register.club
    )  # one with a club, the rest without
    for expected in Inquiry.objects.select_related(*related, "repeats").order_by("id"):
        with django_assert_num_queries(1):
            (found,) = INQUIRY.read("t0.id = %s", [expected.pk])
        assert fields(found) == fields(expected)  # dates, booleans, the JSON list of warnings
        with django_assert_num_queries(0):  # cached on the instance, present or None, as select_related does
            for name in related:
                mine, theirs = getattr(found, name), getattr(expected, name)
                assert (mine is None) == (theirs is None)
                if theirs is not None:
                    assert fields(mine) == fields(theirs)
            if expected.repeats is not None:
                assert fields(found.repeats, LINKED) == fields(expected.repeats, LINKED)
                assert found.repeats.get_deferred_fields() == {  # the fields not asked for, no more
                    f.attname
                    for f in Inquiry._meta.concrete_fields
                    if f.name not in LINKED and f.attname not in LINKED
                }
            else:
                assert found.repeats is None
    assert any(i.repeats_id for i in Inquiry.objects.all()), "the register has a follow-up to compare"
    assert (
        Inquiry.objects.filter(club__isnull=True).exists()
        and Inquiry.objects.filter(club__isnull=False).exists()
    )


def test_answers_in_order_with_signatory_department_and_who_entered_them(register: Register) -> None:
    for inquiry in register.inquiries():
        expected = list(
            inquiry.answers.select_related("signatory", "department", "entered_by").order_by(
                "answered_on", "pk"
            )
        )
        found = ANSWERS.read(
            f"t0.id IN (SELECT answer_id FROM {Answer.inquiries.through._meta.db_table} WHERE inquiry_id = %s)",
            [inquiry.pk],
            "t0.answered_on, t0.id",
        )
        assert [a.pk for a in found] == [a.pk for a in expected]
        for mine, theirs in zip(found, expected, strict=True):
            assert fields(mine) == fields(theirs)
            for name in ("signatory", "department", "entered_by"):
                assert (getattr(mine, name) is None) == (getattr(theirs, name) is None)
                if getattr(theirs, name) is not None:
                    assert fields(getattr(mine, name)) == fields(getattr(theirs, name))
    assert Answer.objects.filter(department__isnull=False).exists()


def test_no_row_no_instance(register: Register) -> None:
    assert INQUIRY.read("t0.id = %s AND t0.is_published", [register.hidden.pk]) == []
    assert INQUIRY.read("t0.id = %s", [-1]) == []
