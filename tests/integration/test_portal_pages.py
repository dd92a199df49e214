"""Smoke test: every page type of the portal, for every object of the register, answers and shows that object."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from register_fixtures import Register, register_fixture  # noqa: F401 - the `register` fixture

from interpel.portal.figures import FIGURES
from interpel.registry.models import Department, Document, Person, Term
from interpel.registry.selectors import status_of
from interpel.registry.services.documents import blob_path

pytestmark = pytest.mark.django_db


def page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, f"{url}: {response.status_code}"
    return response.content.decode() if status == 200 else ""


def test_the_register_holds_every_status(register: Register) -> None:
    """The shared test register (register_fixtures) is what its docstring says: the tests lean on these states."""
    assert {i.pk for i in register.published()} == {i.pk for i in register.inquiries()}
    assert len(register.inquiries()) == 9 and register.hidden.pk not in {i.pk for i in register.inquiries()}
    codes = {i.pk: status_of(i, register.today).code for i in register.inquiries()}
    assert codes == {
        register.antczak.pk: "answered_on_time",
        register.kijewski.pk: "answered_on_time",
        register.overdue.pk: "overdue",
        register.due_soon.pk: "due_soon",
        register.repeated.pk: "awaiting",
        register.late.pk: "answered_late",
        register.withdrawn.pk: "withdrawn",
        register.pair[0].pk: "answered_on_time",
        register.pair[1].pk: "answered_on_time",
    }
    assert register.follow_up == register.awaiting == register.repeated
    assert register.repeated.repeats == register.overdue
    assert list(register.delay_notice.inquiries.all()) == [register.repeated]
    assert set(register.joint_answer.inquiries.all()) == set(register.pair)


def test_every_page_of_every_object(client: Client, register: Register) -> None:
    home = page(client, reverse("portal:home"))
    assert '<html lang="pl">' in home and 'href="#content"' in home
    for name in ("inquiries", "overdue", "statistics", "about"):
        assert "<h1>" in page(client, reverse(f"portal:{name}"))
    for inquiry in register.inquiries():
        html = page(client, reverse("portal:inquiry", args=[inquiry.pk]))
        assert inquiry.subject[:30] in html
        assert inquiry.due_explanation.split(",")[0] in html
    for person in Person.objects.all():
        assert person.name in page(client, reverse("portal:person", args=[person.slug]))
    for department in Department.objects.all():
        assert department.code in page(client, reverse("portal:department", args=[department.pk]))
    for term in Term.objects.all():
        assert term.name in page(client, reverse("portal:term", args=[term.pk]))
    for document in Document.objects.exclude(inquiry=register.hidden):
        response = client.get(reverse("portal:document", args=[document.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == blob_path(document.sha256).read_bytes()
        assert response["Content-Type"] == document.media_type
        assert document.file_name in response["Content-Disposition"]
    for figure in FIGURES:
        csv = page(client, reverse("portal:statistics_csv", args=[figure.slug]))
        assert csv.splitlines()[0] == ",".join(key for key, _label in figure.columns)


def test_unknown_and_unpublished_objects_are_not_found(client: Client, register: Register) -> None:
    page(client, reverse("portal:inquiry", args=[register.hidden.pk]), 404)
    page(client, reverse("portal:inquiry", args=[999999]), 404)
    page(client, reverse("portal:person", args=["nikt-taki"]), 404)
    page(client, reverse("portal:department", args=[999999]), 404)
    page(client, reverse("portal:term", args=[999999]), 404)
    page(client, reverse("portal:document", args=[999999]), 404)
    page(client, reverse("portal:statistics_csv", args=["nie-ma"]), 404)
    assert register.hidden.subject not in page(client, reverse("portal:inquiries"))


def test_urls_the_other_modules_rely_on() -> None:
    assert reverse("portal:inquiry", args=[7]) == "/interpelacje/7/"
    assert reverse("portal:inquiries") == "/interpelacje/"
    assert reverse("portal:person", args=["jan-kowalski"]) == "/radni/jan-kowalski/"
    assert reverse("portal:department", args=[3]) == "/wydzialy/3/"
    assert reverse("portal:term", args=[2]) == "/kadencje/2/"
    assert reverse("portal:overdue") == "/po-terminie/"
    assert reverse("portal:statistics") == "/statystyki/"
    assert reverse("portal:about") == "/o-serwisie/"


def test_every_link_on_the_portal_pages_leads_somewhere(client: Client, register: Register) -> None:
    """Links to our own pages and to the feeds, calendars, exports and API agreed with their module."""
    import re

    starts = [
        reverse("portal:home"),
        reverse("portal:inquiries") + "?q=Piwonice&status=overdue",
        reverse("portal:inquiry", args=[register.overdue.pk]),
        reverse("portal:inquiry", args=[register.antczak.pk]),
        reverse("portal:person", args=[register.nowak.slug]),
        reverse("portal:department", args=[register.wsr.pk]),
        reverse("portal:term", args=[register.term.pk]),
        reverse("portal:overdue"),
        reverse("portal:statistics"),
        reverse("portal:about"),
    ]
    links: set[str] = set()
    for url in starts:
        html = client.get(url).content.decode()
        links.update(h.replace("&amp;", "&") for h in re.findall(r'href="(/[^"#]*)', html))
    assert any(link.startswith("/feeds/") for link in links) and any("/eksport/" in link for link in links)
    # Static files are served by WhiteNoise from collectstatic's folder (or by the finders in DEBUG).
    assert "/static/portal/portal.css" in links and finders.find("portal/portal.css")
    broken = {}
    for link in sorted(link for link in links if not link.startswith("/static/")):
        status = client.get(link).status_code
        if status != 200:
            broken[link] = status
    assert broken == {}
