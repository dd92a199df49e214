"""Stored "similar inquiries" lists (search/similar_store.py): served by one read, equal to what a page computes,
forgotten when their inquiry is reindexed, not served once stale, refreshed in bulk, never written by a page view."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from register_fixtures import Register, register_fixture  # noqa: F401 - the `register` fixture
from test_search import sejm  # noqa: F401 - the `sejm` fixture (real Sejm replies)

from interpel.portal.detail import inquiry_detail
from interpel.registry.models import Inquiry
from interpel.registry.services import update_inquiry
from interpel.search import similar, similar_store
from interpel.search.models import SimilarList
from interpel.search.similar import refresh_similar, similar_ids, similar_inquiries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_mirror")]


@pytest.fixture(autouse=True)
def _no_cached_lists() -> None:
    """The per-process cache of computed lists outlives a test (and ids repeat between tests on SQLite)."""
    cache.clear()


@pytest.fixture
def no_ranking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any ranked query (mirror or SQL) fails the test: a stored list must be served without one."""

    def ranking(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a ranked query was made")

    monkeypatch.setattr(similar, "backend", ranking)


def _store(inquiry: Inquiry, ids: list[int], age: timedelta = timedelta(0)) -> None:
    similar_store.store([(inquiry.pk, ids)], timezone.now() - age)


def test_stored_lists_equal_computed_ones_and_are_served_by_one_read(
    sejm: dict[str, Inquiry],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    django_assert_num_queries: Any,
) -> None:
    computed = {i.pk: similar_ids(i, limit=5) for i in sejm.values()}
    assert sum(len(found) for found in computed.values()) > 3 * len(sejm)  # real lists, not empty ones
    assert refresh_similar() == len(sejm)
    stored = dict(SimilarList.objects.values_list("inquiry_id", "ids"))
    assert {pk: [int(i) for i in ids.split(",") if i] for pk, ids in stored.items()} == computed
    cache.clear()
    monkeypatch.setattr(similar, "backend", lambda: pytest.fail("a ranked query was made"))
    for inquiry in sejm.values():
        with django_assert_num_queries(1):
            assert similar_ids(inquiry, limit=5) == computed[inquiry.pk]
        with django_assert_num_queries(1):
            assert similar_ids(inquiry, limit=3) == computed[inquiry.pk][:3]


def test_the_page_shows_the_stored_list_and_writes_nothing(
    client: Client, register: Register, settings: Any, no_ranking: None
) -> None:
    settings.PAGE_CACHE = "none"
    _store(register.overdue, [register.late.pk, register.repeated.pk])
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("portal:inquiry", args=[register.overdue.pk])).content.decode()
    assert register.late.subject in html and register.repeated.subject in html
    statements = [(q["sql"] or "").lstrip().split(" ", 1)[0].upper() for q in queries]
    assert statements and not {"INSERT", "UPDATE", "DELETE"} & set(statements)


def test_a_page_without_a_stored_list_computes_it_and_stores_nothing(
    client: Client, register: Register
) -> None:
    expected = [i.pk for i in inquiry_detail(register.overdue.pk, register.today).similar]
    assert register.repeated.pk in expected
    assert client.get(reverse("portal:inquiry", args=[register.late.pk])).status_code == 200
    assert not SimilarList.objects.exists()


def test_a_reindexed_inquiry_forgets_its_list(
    register: Register, django_capture_on_commit_callbacks: Any
) -> None:
    assert refresh_similar() == len(register.inquiries())
    with django_capture_on_commit_callbacks(execute=True):
        update_inquiry(
            register.overdue, text="Zupełnie inna sprawa: oświetlenie parku miejskiego.", by_name="Biuro"
        )
    remaining = set(SimilarList.objects.values_list("inquiry_id", flat=True))
    assert register.overdue.pk not in remaining
    assert remaining == {i.pk for i in register.inquiries()} - {register.overdue.pk}


def test_a_stale_list_is_computed_again_not_served(register: Register) -> None:
    computed = similar_ids(register.overdue, limit=5)
    cache.clear()
    _store(register.overdue, [register.late.pk], age=similar_store.MAX_AGE + timedelta(minutes=1))
    assert similar_ids(register.overdue, limit=5) == computed != [register.late.pk]
    _store(register.overdue, [register.late.pk], age=similar_store.MAX_AGE - timedelta(minutes=1))
    assert similar_ids(register.overdue, limit=5) == [register.late.pk]  # still fresh: served as stored
    assert similar_ids(register.overdue, limit=similar_store.STORED + 1) == computed  # longer than stored


def test_unpublished_or_deleted_inquiries_of_a_stored_list_are_not_shown(
    register: Register, no_ranking: None
) -> None:
    _store(register.overdue, [register.hidden.pk, 999_999_999, register.repeated.pk])
    assert [i.pk for i in inquiry_detail(register.overdue.pk, register.today).similar] == [
        register.repeated.pk
    ]
    assert [hit.id for hit in similar_inquiries(register.overdue)] == [register.repeated.pk]  # the API's


def test_refresh_fills_missing_lists_and_skips_fresh_ones(register: Register) -> None:
    published = {i.pk for i in register.inquiries()}
    assert refresh_similar([register.hidden.pk]) == 0  # an unpublished inquiry has no page
    assert refresh_similar([register.overdue.pk]) == 1
    assert refresh_similar() == len(published) - 1  # all but the one just stored
    assert set(SimilarList.objects.values_list("inquiry_id", flat=True)) == published
    assert refresh_similar() == 0
    SimilarList.objects.filter(pk=register.late.pk).delete()
    SimilarList.objects.filter(pk=register.antczak.pk).update(
        computed_at=timezone.now() - similar_store.RENEW_AGE - timedelta(minutes=1)
    )
    assert refresh_similar() == 2
    assert refresh_similar(stale_only=False) == len(published)
    assert refresh_similar([register.late.pk], stale_only=False) == 1


# A real transaction: the worker closes the database connection when it is done.
@pytest.mark.django_db(transaction=True)
def test_an_import_enqueues_the_refresh_and_the_worker_stores_the_lists(register: Register) -> None:
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from interpel.ingest.importers.reindex import index

    ids = [register.overdue.pk, register.late.pk]
    index(ids)
    queued = DBTaskResult.objects.get(task_path="interpel.search.tasks.refresh_similar_task")
    assert queued.args_kwargs["args"] == [sorted(ids)]
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert set(SimilarList.objects.values_list("inquiry_id", flat=True)) == set(ids)


def test_cli_refreshes_missing_lists_or_all(register: Register, capsys: pytest.CaptureFixture[str]) -> None:
    from interpel.cli import main

    assert main(["similar"]) == 0
    assert f": {len(register.inquiries())} " in capsys.readouterr().out
    assert main(["similar"]) == 0
    assert ": 0 " in capsys.readouterr().out
    assert main(["similar", "--all"]) == 0
    assert f": {len(register.inquiries())} " in capsys.readouterr().out
