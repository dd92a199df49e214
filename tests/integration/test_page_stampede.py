"""Concurrent first visits of one page: one thread of the process renders it, the others serve what it stored."""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any

import pytest
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.test import RequestFactory

from interpel.portal.caching import anonymous_page

pytestmark = pytest.mark.django_db(transaction=True)  # the visiting threads read the register's version too
VISITORS = 8


def visit_at_once(view: Any) -> tuple[list[int], list[bytes]]:
    """VISITORS threads ask for one never-seen page at the same moment; the statuses and bodies they got."""
    path = f"/proba-{uuid.uuid4().hex}/"
    wrapped = anonymous_page(view)
    start = threading.Barrier(VISITORS)
    got: list[tuple[int, bytes]] = []

    def visit() -> None:
        try:
            start.wait()
            response = wrapped(RequestFactory().get(path))
            got.append((response.status_code, response.content))
        finally:
            connection.close()

    threads = [threading.Thread(target=visit) for _ in range(VISITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return [status for status, _ in got], [body for _, body in got]


def test_a_page_missing_from_the_cache_is_rendered_once_for_all_who_ask(settings: Any) -> None:
    settings.PAGE_CACHE = "memory"
    renders: list[int] = []

    def view(request: HttpRequest) -> HttpResponse:
        renders.append(1)
        time.sleep(0.3)  # long enough for every visitor to arrive while it renders
        return HttpResponse(f"<p>strona {len(renders)}</p>")

    statuses, bodies = visit_at_once(view)
    assert statuses == [200] * VISITORS
    assert renders == [1]
    assert set(bodies) == {b"<p>strona 1</p>"}


def test_a_page_that_cannot_be_stored_is_rendered_by_each_visitor(settings: Any) -> None:
    settings.PAGE_CACHE = "memory"
    renders: list[int] = []

    def view(request: HttpRequest) -> HttpResponse:
        renders.append(1)
        time.sleep(0.1)
        return HttpResponseNotFound("<p>nie ma</p>")  # only 200 pages are stored

    statuses, _bodies = visit_at_once(view)
    assert statuses == [404] * VISITORS
    assert len(renders) == VISITORS  # nobody waited for ever, nobody got another's page
