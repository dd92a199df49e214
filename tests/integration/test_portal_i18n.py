"""Polish by default with correct plural forms; English through Django i18n (the language form and its cookie)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from register_fixtures import Register, register_fixture  # noqa: F401 - the `register` fixture

pytestmark = pytest.mark.django_db


def test_polish_is_the_default_with_its_three_plural_forms(client: Client, register: Register) -> None:
    html = client.get(reverse("portal:inquiries")).content.decode()
    assert '<html lang="pl">' in html and "Przejdź do treści" in html and "9 pozycji" in html
    antczak = register.antczak.authors.get()
    html = client.get(reverse("portal:inquiries"), {"councillor": antczak.slug}).content.decode()
    assert "2 pozycje" in html  # not "2 pozycji"
    html = client.get(reverse("portal:inquiries"), {"status": "overdue"}).content.decode()
    assert "1 pozycja" in html


def test_english_through_the_language_form(client: Client, register: Register) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/statystyki/"})
    assert response.status_code == 302 and response["Location"] == "/statystyki/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get(reverse("portal:statistics")).content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html and "Statistics of answers" in html
    assert "How many days answers took" in html
    html = client.get(reverse("portal:inquiry", args=[register.overdue.pk])).content.decode()
    assert "Publication record (BIP)" in html and "Answer due" in html
    html = client.get(reverse("portal:inquiries")).content.decode()
    assert "9 items" in html and "Narrow the results" in html and "overdue, no answer" in html


def test_english_statuses_and_due_dates_are_translated(client: Client, register: Register) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("portal:inquiries")).content.decode()
    assert "no answer, overdue by" in html and "answered on time (" in html and "withdrawn on " in html
    for polish in ("bez odpowiedzi po terminie", "odpowiedź w terminie (", "wycofano "):
        assert polish not in html
    html = client.get(reverse("portal:inquiry", args=[register.overdue.pk])).content.decode()
    assert "no answer, overdue by" in html
    assert "counted from the day after" in html and "liczony od dnia następnego" not in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    html = client.get(reverse("portal:inquiry", args=[register.overdue.pk])).content.decode()
    assert register.overdue.due_explanation in html.replace("&quot;", '"')
