"""The inquiry page: question and answers together, timeline, due date with its explanation, follow-ups,
documents to download and the BIP publication record with the history of changes."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from register_fixtures import PDF_BYTES, Register, register_fixture  # noqa: F401 - the `register` fixture

from interpel.portal.detail import inquiry_detail
from interpel.registry.services import attach_document

pytestmark = pytest.mark.django_db


def html_of(client: Client, pk: int) -> str:
    response = client.get(reverse("portal:inquiry", args=[pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_question_and_answer_on_one_page(client: Client, register: Register) -> None:
    html = html_of(client, register.antczak.pk)
    assert "Proszę o odpowiedź, czy możliwe jest zgłoszenie" in html  # the interpellation, from the letter
    assert "Miasto Kalisz prowadzi współpracę międzynarodową" in html  # the answer
    assert "KPM.003.0002.2026" in html and "D2026.03.05724" in html
    assert "Krystian Kinastowski</a>, Prezydent Miasta Kalisza" in html
    assert "odpowiedź w terminie (02.04.2026, termin 08.04.2026)" in html
    assert "08.04.2026 (środa)" in html  # the explanation of the due date, naming the weekday


def test_timeline_is_in_date_order_with_the_due_date_among_the_events(register: Register) -> None:
    data = inquiry_detail(register.repeated.pk, register.today)
    labels = [t.label for t in data.timeline]
    assert labels[:3] == [
        "złożono",
        "otrzymał organ wykonawczy (początek biegu terminu)",
        "zawiadomienie o opóźnieniu (nie zmienia terminu)",
    ]
    assert labels[-1] == "termin odpowiedzi" and data.timeline[-1].on == register.repeated.due_on
    assert [t.on for t in data.timeline] == sorted(t.on for t in data.timeline)


def test_a_delay_notice_is_shown_beside_the_unchanged_due_date(client: Client, register: Register) -> None:
    html = html_of(client, register.repeated.pk)
    assert f"{register.repeated.due_on:%d.%m.%Y}" in html
    assert "nie przesuwa ustawowego terminu" in html
    assert "Odpowiedź zostanie udzielona po zebraniu informacji" in html


def test_chain_of_follow_ups_from_both_ends(register: Register) -> None:
    first = inquiry_detail(register.overdue.pk, register.today).chain
    second = inquiry_detail(register.repeated.pk, register.today).chain
    assert [i.pk for i in first] == [i.pk for i in second] == [register.overdue.pk, register.repeated.pk]
    assert inquiry_detail(register.late.pk, register.today).chain == ()


def test_publication_record_with_history_of_changes(client: Client, register: Register) -> None:
    data = inquiry_detail(register.overdue.pk, register.today)
    assert data.publication.produced_by == "Anna Nowak, Jan Kowalski"  # its two authors, in order
    assert data.publication.entered_by == "Biuro Rady"
    assert data.publication.published_at is not None
    change = [c for c in data.publication.changes if c.what == "zmieniono dane"][0]
    assert change.who == "Biuro Rady"
    assert change.changes == (
        ("przedmiot", "remontu dróg na osiedlu Piwonice", "remontu dróg na osiedlu Piwonice w Kaliszu"),
    )
    html = html_of(client, register.overdue.pk)
    assert "Metryczka publikacji (BIP)" in html
    assert (
        "<del>remontu dróg na osiedlu Piwonice</del> → <ins>remontu dróg na osiedlu Piwonice w Kaliszu</ins>"
        in html
    )
    answer = inquiry_detail(register.late.pk, register.today).answers[0].publication
    assert answer.produced_by == "Krystian Kinastowski, Prezydent Miasta Kalisza"
    assert answer.entered_by == "Biuro Prezydenta"


def test_documents_download_with_their_name_and_type(client: Client, register: Register) -> None:
    data = inquiry_detail(register.overdue.pk, register.today)
    (document,) = data.documents
    html = html_of(client, register.overdue.pk)
    url = reverse("portal:document", args=[document.pk])
    assert f'href="{url}"' in html and "zapytanie-piwonice.pdf" in html
    response = client.get(url)
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="zapytanie-piwonice.pdf"'
    letter = inquiry_detail(register.antczak.pk, register.today).answers[0].documents[0]
    response = client.get(reverse("portal:document", args=[letter.pk]))
    assert "Maciej Antczak" in b"".join(response.streaming_content).decode()


def test_documents_of_unpublished_inquiries_are_not_served(client: Client, register: Register) -> None:
    secret = attach_document(register.hidden, b"tajne", file_name="tajne.txt", media_type="text/plain")
    assert client.get(reverse("portal:document", args=[secret.pk])).status_code == 404


def test_withdrawn_and_overdue_statuses_in_plain_words(client: Client, register: Register) -> None:
    assert "wycofano" in html_of(client, register.withdrawn.pk)
    html = html_of(client, register.overdue.pk)
    assert "bez odpowiedzi po terminie o" in html and 'class="status status-overdue"' in html


def test_similar_inquiries_come_from_the_search_app(register: Register) -> None:
    similar = inquiry_detail(register.overdue.pk, register.today).similar
    assert register.repeated.pk in [i.pk for i in similar]
    assert register.overdue.pk not in [i.pk for i in similar]
