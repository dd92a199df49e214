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


def test_raw_instances_equal_the_orms_raw_queryset(
    register: Register, django_assert_num_queries: Any
) -> None:
    """`instances` fills the same fields as Model.objects.raw, defers the rest, and keeps other columns."""
    from django.contrib.auth import get_user_model

    from interpel.portal.joined import instances
    from interpel.registry.models import Event

    user = get_user_model()
    sql = (
        f"SELECT e.*, u.{user._meta.get_field(user.USERNAME_FIELD).column} AS actor_username"
        f" FROM {Event._meta.db_table} e LEFT JOIN {user._meta.db_table} u ON u.id = e.actor_id ORDER BY e.id"
    )
    with django_assert_num_queries(1):  # logged as any query, prepared or not
        mine = instances(Event, sql, [])
    theirs = list(Event.objects.raw(sql))
    assert len(mine) == len(theirs) > 3
    assert [fields(e) for e in mine] == [fields(e) for e in theirs]  # datetimes, the JSON of changes
    assert [e.actor_username for e in mine] == [e.actor_username for e in theirs]
    assert any(e.changes for e in mine), "an Event with changes to compare"
    linked = "SELECT id, number, subject FROM registry_inquiry WHERE id = %s"
    pk = register.antczak.pk
    (found,) = instances(Inquiry, linked, [pk])
    (expected,) = Inquiry.objects.raw(linked, [pk])
    assert fields(found, ("number", "subject")) == fields(expected, ("number", "subject"))
    assert found.get_deferred_fields() == expected.get_deferred_fields() != set()


def test_postgresql_runs_the_reads_as_prepared_statements_with_a_generic_plan(register: Register) -> None:
    """Planned once per connection (registry.prepared): each run after the first skips planning."""
    from django.conf import settings
    from django.db import connection

    from interpel.registry.prepared import fetch_rows

    if connection.vendor != "postgresql" or not settings.PREPARED_STATEMENTS:
        pytest.skip("SQLite prepares nothing; INTERPEL_PREPARED_STATEMENTS=false turns it off")
    for _ in range(3):
        INQUIRY.read("t0.id = %s", [register.antczak.pk])
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone()[0] == "force_generic_plan"
    rows = fetch_rows(
        "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE %s",
        ["%registry_inquiry%t0.id = $1%"],
    )
    assert rows and rows[0][0] >= 3 and rows[0][1] == 0


def test_prepared_reads_raise_djangos_database_errors(register: Register) -> None:
    """Errors come translated to django.db's classes, on the fast path (no query logging) as on the logged one."""
    from django.db import DatabaseError, connection, transaction

    from interpel.registry.prepared import fetch_rows

    assert not connection.queries_logged
    with pytest.raises(DatabaseError) as raised, transaction.atomic():
        fetch_rows("SELECT no_such_column FROM registry_inquiry WHERE id = %s", [1])
    assert type(raised.value).__module__.startswith("django.db")
    assert fetch_rows("SELECT count(*) FROM registry_inquiry WHERE id = %s", [register.antczak.pk]) == [(1,)]


def test_one_prepared_statement_per_read_whatever_the_size_of_its_ids(register: Register) -> None:
    """psycopg types ints by size; ids both sides of 32,767 must not make two statements of one read."""
    from django.conf import settings
    from django.db import connection

    from interpel.registry.prepared import fetch_rows

    if connection.vendor != "postgresql" or not settings.PREPARED_STATEMENTS:
        pytest.skip("SQLite prepares nothing; INTERPEL_PREPARED_STATEMENTS=false turns it off")
    sql = "SELECT count(*) FROM registry_inquiry WHERE id = %s OR id = %s"
    for ids in ([1, 2], [40_000, 3], [5_000_000_000, 70_000]):
        assert len(fetch_rows(sql, ids)) == 1
    statements = fetch_rows(
        "SELECT parameter_types::text FROM pg_prepared_statements WHERE statement LIKE %s",
        ["%registry_inquiry WHERE id = $1 OR id = $2%"],
    )
    assert statements == [("{bigint,bigint}",)]
