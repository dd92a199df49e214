"""The register list (filters in words, facets, search), the home page, the overdue list and the object pages."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from register_fixtures import Register, register_fixture  # noqa: F401 - the `register` fixture

from interpel.portal import listing

pytestmark = pytest.mark.django_db


def subjects(html: str) -> list[str]:
    """Subjects of the listed inquiries, in order."""
    return re.findall(r'<h3 class="result-title"><a href="/interpelacje/\d+/">[^:<]+: ([^<]+)</a>', html)


def get(client: Client, **params: str) -> str:
    response = client.get(reverse("portal:inquiries"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_shows_every_published_inquiry_newest_first(client: Client, register: Register) -> None:
    html = get(client)
    assert "9 pozycji" in html  # the 9 of register.inquiries(): the demo's two and seven more
    assert register.hidden.subject not in html
    listed = subjects(html)
    assert sorted(listed) == sorted(i.subject for i in register.inquiries())
    assert listed[0] == register.repeated.subject  # filed 5 days ago: the newest


def test_a_filter_describes_itself_and_keeps_the_other_statuses_countable(
    client: Client, register: Register
) -> None:
    html = get(client, status="overdue")
    assert "1 pozycja: po terminie, bez odpowiedzi" in html
    assert subjects(html) == [register.overdue.subject]
    found = listing.register({"status": "overdue"}, register.today)
    by_name = {g.name: g for g in found.facets}
    # The status facet counts over every other filter, so choosing another status is one click away.
    counts = {v.value: v.count for v in by_name["status"].values}
    # On time: Antczak, Kijewski and the pair.
    assert counts["overdue"] == 1 and counts["answered_on_time"] == 4 and counts["withdrawn"] == 1
    assert [v.selected for v in by_name["status"].values if v.value == "overdue"] == [True]
    # The other facets count within the overdue ones.
    assert {v.label: v.count for v in by_name["councillor"].values} == {"Anna Nowak": 1, "Jan Kowalski": 1}


def test_filters_combine(client: Client, register: Register) -> None:
    html = get(client, councillor=register.nowak.slug, kind="interpellation")
    assert sorted(subjects(html)) == sorted([register.due_soon.subject, register.repeated.subject])
    assert "interpelacja, radny: Anna Nowak" in html
    html = get(client, department=str(register.wsr.pk), sort="due_on")
    assert subjects(html) == [register.overdue.subject, register.repeated.subject]


def test_search_understands_inflection_and_combines_with_filters(client: Client, register: Register) -> None:
    html = get(client, q="remont drogi Piwonice")
    assert register.overdue.subject in subjects(html)
    assert "wyszukiwanie „remont drogi Piwonice”" in html
    assert "<mark>" in html  # the matched forms are highlighted
    html = get(client, q="Piwonice", kind="question")
    assert subjects(html) == [register.overdue.subject]
    html = get(client, q="Piwonice", **{"from": register.repeated.filed_on.isoformat()})
    assert subjects(html) == [register.repeated.subject]


def test_search_gets_the_date_filters_under_its_own_names(
    client: Client, register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list's `from`/`to` reach the search service as `date_from`/`date_to` (it rejects unknown filters)."""
    seen: list[dict[str, str]] = []
    search = listing.search_services.search

    def spy(query: str, filters: dict[str, str] | None = None, **options: Any) -> Any:
        seen.append(dict(filters or {}))
        return search(query, filters=filters, **options)

    monkeypatch.setattr(listing.search_services, "search", spy)
    day = register.repeated.filed_on
    html = get(client, q="Piwonice", **{"from": day.isoformat(), "to": day.isoformat()})
    assert seen == [{"date_from": day.isoformat(), "date_to": day.isoformat()}]
    assert subjects(html) == [register.repeated.subject]
    assert "Nieznany filtr" not in html
    html = get(client, q="Piwonice", to=(day - timedelta(days=1)).isoformat())
    assert register.repeated.subject not in subjects(html)
    assert listing.search_filters({"from": "2024-01-01", "to": "2024-12-31", "kind": "question"}) == {
        "date_from": "2024-01-01",
        "date_to": "2024-12-31",
        "kind": "question",
    }


@pytest.mark.parametrize("query", ['"niedomknięty', "-", "OR", "x" * 10_000, "\x00\x07", "*", "<script>"])
def test_malformed_queries_never_fail(client: Client, register: Register, query: str) -> None:
    html = get(client, q=query)
    assert "<script>" not in html.split("<main", 1)[1]


def test_bad_filter_values_and_pages_are_ignored(client: Client, register: Register) -> None:
    assert "9 pozycji" in get(client, status="nonsense", department="abc", page="999")
    assert len(subjects(get(client, page="-3"))) == len(register.inquiries()) == 9


def test_home_page_counts_and_lists(client: Client, register: Register) -> None:
    html = client.get(reverse("portal:home")).content.decode()
    numbers = dict(
        (label.strip(), int(n)) for n, label in re.findall(r"<strong>(\d+)</strong> ([^<]+)</a>", html)
    )
    assert numbers == {
        "spraw w rejestrze": 9,
        "z odpowiedzią": 5,  # Antczak, Kijewski, the late one and the pair (a delay notice is no answer)
        "z terminem w ciągu 7 dni": 1,
        "bez odpowiedzi po terminie": 1,
    }
    assert register.due_soon.subject in html.split('id="due-title"')[1]
    assert "Zawiadomienie o opóźnieniu" in html.split('id="answers-title"')[1]


def test_overdue_list(client: Client, register: Register) -> None:
    html = client.get(reverse("portal:overdue")).content.decode()
    assert subjects(html) == [register.overdue.subject]
    assert "bez odpowiedzi po terminie o" in html


def test_councillor_page(client: Client, register: Register) -> None:
    html = client.get(reverse("portal:person", args=[register.nowak.slug])).content.decode()
    # overdue (co-authored), due_soon (co-authored), repeated and pair[0]
    assert sorted(subjects(html)) == sorted(
        i.subject for i in (register.overdue, register.due_soon, register.repeated, register.pair[0])
    )
    assert "Klub Radnych Razem dla Kalisza" in html
    # Judged: the overdue one and pair[0], answered on time.
    assert "50%" in html and "(1 z 2 ocenionych)" in html
    assert "/feeds/councillor/anna-nowak.atom" in html


def test_the_mayor_page_lists_signed_answers_under_both_spellings(client: Client, register: Register) -> None:
    mayor = register.antczak.answers.get().signatory
    html = client.get(reverse("portal:person", args=[mayor.slug])).content.decode()
    # Antczak's, Kijewski's, the late one's, the joint answer to the pair and the delay notice
    assert "Podpisane odpowiedzi (5)" in html
    assert "Krzysztof Kinastowski" in html  # the other spelling seen in the letters


def test_department_and_term_pages(client: Client, register: Register) -> None:
    html = client.get(reverse("portal:department", args=[register.wsr.pk])).content.decode()
    assert sorted(subjects(html)) == sorted(
        [register.kijewski.subject, register.overdue.subject, register.repeated.subject]
    )
    html = client.get(reverse("portal:term", args=[register.term.pk])).content.decode()
    assert "14 dni (art. 24 ust. 6 u.s.g.)" in html
    assert len(subjects(html)) == 9
    assert f'href="/wydzialy/{register.wsr.pk}/"' in html
