"""The inquiry page's cache entry is keyed by the records it shows: a write to the inquiry (or to an answer, a
document, a follow-up) replaces it at once, a write to another inquiry leaves it in place."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from register_fixtures import PDF_BYTES, Register, file_follow_up, register_with_empty_page_cache, reply

from interpel.registry.models import Inquiry
from interpel.registry.services import attach_document, update_inquiry

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(django_capture_on_commit_callbacks: Any, settings: Any) -> Register:
    return register_with_empty_page_cache(django_capture_on_commit_callbacks, settings)


def page(client: Client, inquiry: Inquiry) -> str:
    """The page without its CSRF token (a fresh one is put into every copy served)."""
    response = client.get(reverse("portal:inquiry", args=[inquiry.pk]))
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def mark_without_a_service(inquiry: Inquiry) -> None:
    """A change no service made (no Event): a page still showing the old subject came from the cache."""
    Inquiry.objects.filter(pk=inquiry.pk).update(subject="ZMIENIONE POZA REJESTREM")


def test_a_write_to_another_inquiry_keeps_the_page(client: Client, register: Register) -> None:
    first = page(client, register.late)
    mark_without_a_service(register.late)
    update_inquiry(register.due_soon, by_name="Biuro Rady", subject="oświetlenia przejść przy szkołach")
    reply(register.overdue, register.today, "Droga zostanie wyremontowana.")
    assert page(client, register.late) == first
    # ...while the register-wide pages did change.
    assert "oświetlenia przejść przy szkołach" in client.get(reverse("portal:inquiries")).content.decode()


def test_an_answer_registered_through_the_service_changes_the_page(
    client: Client, register: Register
) -> None:
    assert "Odpowiedzi jeszcze nie opublikowano" in page(client, register.overdue)
    mark_without_a_service(register.overdue)
    reply(
        register.overdue, register.today, "Droga na osiedlu Piwonice zostanie wyremontowana w przyszłym roku."
    )
    html = page(client, register.overdue)
    assert "zostanie wyremontowana w przyszłym roku" in html and "ZMIENIONE POZA REJESTREM" in html


def test_a_correction_of_its_answer_changes_the_page(client: Client, register: Register) -> None:
    from interpel.registry.services import update_answer

    first = page(client, register.late)
    (reply,) = register.late.answers.all()
    update_answer(reply, by_name="Biuro Prezydenta", signatory_office="Zastępca Prezydenta Miasta Kalisza")
    html = page(client, register.late)
    assert html != first and "Zastępca Prezydenta Miasta Kalisza" in html


def test_a_document_or_a_follow_up_changes_the_page(client: Client, register: Register) -> None:
    page(client, register.late)
    page(client, register.late)  # from the cache, now known current in this process (caching._verified)
    attach_document(register.late, PDF_BYTES, file_name="pismo-dodatkowe.pdf", media_type="application/pdf")
    assert "pismo-dodatkowe.pdf" in page(client, register.late)
    file_follow_up(register)
    assert "ponownie w tej samej sprawie" in page(client, register.late)


def test_a_covered_inquiry_renamed_elsewhere_changes_the_answer_links(
    client: Client, register: Register
) -> None:
    first, second = register.joint_answer.inquiries.order_by("pk")
    assert second.subject in page(client, first)  # "also answers" links the other inquiry of the joint answer
    update_inquiry(second, by_name="Biuro Rady", subject="zupełnie nowy przedmiot sprawy")
    assert "zupełnie nowy przedmiot sprawy" in page(client, first)


def test_a_page_found_current_is_checked_again_only_after_a_write(client: Client, register: Register) -> None:
    page(client, register.late)
    page(client, register.late)
    with CaptureQueriesContext(connection) as unchanged:
        first = page(client, register.late)
    assert len(unchanged) == 1  # the register's version; records_version is not asked again
    update_inquiry(register.due_soon, by_name="Biuro Rady", subject="oświetlenia przejść przy szkołach")
    with CaptureQueriesContext(connection) as after_write:
        assert page(client, register.late) == first
    assert (
        len(after_write) == 2
    )  # the register changed: the page's own records are checked, and still current


def test_a_document_deleted_without_an_event_leaves_the_page_within_seconds(
    client: Client, register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A deletion that logs no Event (the admin) is seen once the per-process check runs out (caching._verified)."""
    from interpel.portal import caching
    from interpel.registry.models import Document

    first = attach_document(
        register.late, b"pierwsze", file_name="pierwsze-pismo.txt", media_type="text/plain"
    )
    attach_document(register.late, b"drugie", file_name="drugie-pismo.txt", media_type="text/plain")
    page(client, register.late)
    assert "pierwsze-pismo.txt" in page(client, register.late)  # from the cache, now checked in this process
    Document.objects.filter(pk=first.pk).delete()  # not the newest document: the register's version stands
    assert "pierwsze-pismo.txt" in page(client, register.late)  # within VERIFIED_SECONDS: not checked again
    clock = caching.time.monotonic() + caching.VERIFIED_SECONDS + 1
    monkeypatch.setattr(caching.time, "monotonic", lambda: clock)
    assert "pierwsze-pismo.txt" not in page(client, register.late)
