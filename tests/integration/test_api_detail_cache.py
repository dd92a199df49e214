"""The API's answer for one inquiry is cached like the portal's page of it (test_detail_cache): keyed by the records
it shows, so a write to another inquiry leaves it in place and a write to anything it shows replaces it at once."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from register_fixtures import PDF_BYTES, Register, file_follow_up, register_with_empty_page_cache, reply
from test_detail_cache import mark_without_a_service

from interpel.registry.models import Inquiry
from interpel.registry.services import attach_document, update_answer, update_inquiry

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture(name="register")
def cached_register(django_capture_on_commit_callbacks: Any, settings: Any) -> Register:
    return register_with_empty_page_cache(django_capture_on_commit_callbacks, settings)


def detail(client: Client, inquiry: Inquiry) -> bytes:
    response = client.get(f"{API}/inquiries/{inquiry.pk}")
    assert response.status_code == 200, response.content[:300]
    return response.content


def text(client: Client, inquiry: Inquiry) -> str:
    """The answer's JSON with its letters unescaped, to look for Polish words in."""
    return json.dumps(json.loads(detail(client, inquiry)), ensure_ascii=False)


def test_a_write_to_another_inquiry_keeps_the_answer_in_the_cache(client: Client, register: Register) -> None:
    with CaptureQueriesContext(connection) as built:
        first = detail(client, register.late)
    mark_without_a_service(register.late)
    update_inquiry(register.due_soon, by_name="Biuro Rady", subject="oświetlenia przejść przy szkołach")
    reply(register.overdue, register.today, "Droga zostanie wyremontowana.")
    attach_document(register.overdue, b"inne pismo", file_name="inne.txt", media_type="text/plain")
    with CaptureQueriesContext(connection) as served:
        again = detail(client, register.late)
    # Byte for byte the stored answer: the subject changed without a service is not in it, and only the check of
    # the records' version was asked, not the ten-odd reads of building it.
    assert again == first and b"ZMIENIONE POZA REJESTREM" not in again
    assert len(served) <= 2 < len(built), [q["sql"] for q in served]
    # ...while the register-wide answers did change.
    assert "oświetlenia przejść przy szkołach" in json.dumps(
        client.get(f"{API}/inquiries/").json(), ensure_ascii=False
    )


def test_an_answer_to_it_changes_the_answer(client: Client, register: Register) -> None:
    assert b"wyremontowana w przysz" not in detail(client, register.overdue)
    mark_without_a_service(register.overdue)
    reply(
        register.overdue, register.today, "Droga na osiedlu Piwonice zostanie wyremontowana w przyszłym roku."
    )
    data = client.get(f"{API}/inquiries/{register.overdue.pk}").json()
    assert data["subject"] == "ZMIENIONE POZA REJESTREM"  # built anew, not served from the cache
    assert data["status"]["code"] == "answered_late"
    assert [a["kind"] for a in data["answers"]] == ["answer"]


def test_an_edit_of_it_or_of_its_answer_changes_the_answer(client: Client, register: Register) -> None:
    detail(client, register.late)
    update_inquiry(
        register.late, by_name="Biuro Rady", subject="budowy ścieżki rowerowej wzdłuż Prosny i Swędrni"
    )
    assert "Prosny i Swędrni" in text(client, register.late)
    (its_answer,) = register.late.answers.all()
    update_answer(
        its_answer, by_name="Biuro Prezydenta", signatory_office="Zastępca Prezydenta Miasta Kalisza"
    )
    assert "Zastępca Prezydenta Miasta Kalisza" in text(client, register.late)


def test_a_document_attached_to_it_or_to_its_answer_changes_the_answer(
    client: Client, register: Register
) -> None:
    detail(client, register.late)
    attach_document(register.late, PDF_BYTES, file_name="pismo-dodatkowe.pdf", media_type="application/pdf")
    assert b"pismo-dodatkowe.pdf" in detail(client, register.late)
    (its_answer,) = register.late.answers.all()
    attach_document(its_answer, b"zalacznik", file_name="zalacznik.txt", media_type="text/plain")
    assert b"zalacznik.txt" in detail(client, register.late)


def test_a_follow_up_or_a_covered_inquiry_renamed_elsewhere_changes_the_answer(
    client: Client, register: Register
) -> None:
    assert b'"repeated_by": []' in detail(client, register.late)
    follow_up = file_follow_up(register)
    assert f'"id": {follow_up.pk}'.encode() in detail(client, register.late)
    first, second = register.pair
    assert second.subject in text(client, first)  # the joint answer lists both questions
    update_inquiry(second, by_name="Biuro Rady", subject="zupełnie nowy przedmiot sprawy")
    assert "zupełnie nowy przedmiot sprawy" in text(client, first)
    assert "remontu dróg na osiedlu Piwonice" in text(client, register.follow_up)  # the one it repeats
    update_inquiry(register.overdue, by_name="Biuro Rady", subject="remontu dróg na Piwonicach")
    assert "remontu dróg na Piwonicach" in text(client, register.follow_up)


def test_only_get_of_the_detail_is_cached_per_record(client: Client, register: Register) -> None:
    detail(client, register.late)
    # The path's other methods reach ninja, which has no operation for them, cached or not.
    assert client.post(f"{API}/inquiries/{register.late.pk}").status_code == 405
    assert client.get(f"{API}/inquiries/{register.hidden.pk}").status_code == 404
