"""Feeds and calendars in English through the language cookie (as the portal, test_portal_i18n); Polish by default.

The register's data (subjects, names) stays Polish in every language: the checks look at the words we translate.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from icalendar import Calendar
from register_fixtures import Register, register_fixture  # noqa: F401 - the `register` fixture
from test_feeds import parse

pytestmark = pytest.mark.django_db

POLISH_LETTERS = re.compile("[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")


def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def without(text: str, *data: str) -> str:
    """The text with the register's own (Polish) data cut out: what is left is ours to translate."""
    for value in data:
        text = text.replace(value, "")
    return text


def assert_english(text: str, *data: str) -> None:
    rest = without(text, *data)
    assert not POLISH_LETTERS.search(rest), rest


def valid_atom_in(feed: Any, language: str, self_path: str) -> None:
    """What test_feeds.assert_valid_atom checks, in the given language."""
    assert feed.feed.id and feed.feed.title and feed.feed.updated_parsed and feed.feed.author
    assert feed.feed.language == language
    assert {link.rel: link.href for link in feed.feed.links}["self"] == f"http://testserver{self_path}"
    for entry in feed.entries:
        assert entry.id.startswith("http://testserver/") and entry.title and entry.summary
        assert entry.updated_parsed and entry.published_parsed


def test_the_inquiries_feed_in_english(client: Client, register: Register) -> None:
    path = "/feeds/inquiries.atom?kind=question"
    feed = parse(english(client), path)
    valid_atom_in(feed, "en", path)
    assert feed.feed.title == "New interpellations and questions: question"
    assert feed.feed.subtitle.startswith("Councillors' interpellations and questions filed lately")
    entry = next(e for e in feed.entries if e.link.endswith(f"/{register.overdue.pk}/"))
    subject = register.overdue.subject
    assert entry.title == f"Question no. Z/1/2026: {subject}"
    assert "Status: no answer, overdue by " in entry.summary
    assert "Due date: A term of 14 days from " in entry.summary  # recomputed in English (law_text)
    assert {t.term for t in entry.tags} == {"question", "overdue"}
    # The first two paragraphs (status, due date) are ours; the third is the inquiry's own text.
    assert_english("\n\n".join(entry.summary.split("\n\n")[:2]))


def test_the_overdue_and_answers_feeds_in_english(client: Client, register: Register) -> None:
    overdue = parse(english(client), "/feeds/overdue.atom")
    valid_atom_in(overdue, "en", "/feeds/overdue.atom")
    assert overdue.feed.title.startswith("Interpellations and questions overdue, with no answer")
    assert "Municipal Self-Government Act" in overdue.feed.subtitle
    (entry,) = overdue.entries
    assert entry.title.startswith("No answer, overdue by ")
    assert_english(entry.title, register.overdue.subject)

    answers = parse(client, "/feeds/answers.atom")
    valid_atom_in(answers, "en", "/feeds/answers.atom")
    assert answers.feed.title == "New answers to interpellations and questions"
    assert_english(answers.feed.title + answers.feed.subtitle)
    joint = f"http://testserver/interpelacje/{register.pair[0].pk}/#odpowiedz-{register.joint_answer.pk}"
    entry = next(e for e in answers.entries if e.id == joint)
    assert (
        entry.title == f"Answer of {register.joint_answer.answered_on:%d.%m.%Y}: {register.pair[0].subject}"
    )
    assert "Concerns: question Z/2/2026" in entry.summary
    assert "Signed by: Krystian Kinastowski, Prezydent Miasta Kalisza" in entry.summary


def test_the_per_object_and_search_feeds_in_english(client: Client, register: Register) -> None:
    english(client)
    path = f"/feeds/councillor/{register.nowak.slug}.atom"
    councillor = parse(client, path)
    valid_atom_in(councillor, "en", path)
    assert councillor.feed.title == "Interpellations and questions: Anna Nowak"
    assert councillor.feed.subtitle.startswith("Interpellations and questions by Anna Nowak")
    path = f"/feeds/department/{register.department.pk}.atom"
    department = parse(client, path)
    valid_atom_in(department, "en", path)
    name = "WIM Wydział Inwestycji Miejskich"
    assert department.feed.title == f"Interpellations and questions sent to department {name}"
    assert_english(department.feed.subtitle, name, register.body.name)
    path = "/feeds/search.atom?q=remont+drogi+Piwonice"
    found = parse(client, path)
    valid_atom_in(found, "en", path)
    assert found.feed.title == "Interpellations and questions: search “remont drogi Piwonice”"
    assert found.feed.subtitle == "The newest search results."
    assert (
        parse(client, "/feeds/search.atom").feed.subtitle
        == "Give the words to search for in the q parameter."
    )


def test_the_calendar_in_english(client: Client, register: Register) -> None:
    response = english(client).get(f"/kalendarz/body/{register.body.pk}.ics")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == f"Due dates: {register.body.name}"
    assert str(calendar["X-WR-CALDESC"]).startswith("Answer due dates of interpellations and questions: ")
    event = next(
        e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith(f"inquiry-{register.overdue.pk}-")
    )
    subject = register.overdue.subject
    assert str(event["SUMMARY"]) == f"Answer due: question no. Z/1/2026: {subject}"
    description = str(event["DESCRIPTION"])
    assert description.startswith("Status: no answer, overdue by ")
    assert (
        "Author: Anna Nowak, Jan Kowalski." in description and "art. 111 § 2 of the Civil Code" in description
    )
    assert_english(description, "Anna Nowak, Jan Kowalski")
    department = Calendar.from_ical(client.get(f"/kalendarz/department/{register.department.pk}.ics").content)
    assert str(department["X-WR-CALNAME"]) == "Due dates: department WIM Wydział Inwestycji Miejskich"


def test_polish_is_unchanged_by_default_and_after_english(client: Client, register: Register) -> None:
    english(client)
    assert parse(client, "/feeds/answers.atom").feed.language == "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    feed = parse(client, "/feeds/inquiries.atom")
    valid_atom_in(feed, "pl", "/feeds/inquiries.atom")
    assert feed.feed.title == "Nowe interpelacje i zapytania"
    entry = next(e for e in feed.entries if e.link.endswith(f"/{register.overdue.pk}/"))
    assert entry.title == f"Zapytanie nr Z/1/2026: {register.overdue.subject}"
    assert entry.summary.startswith("Status: bez odpowiedzi po terminie o ")
    assert f"Termin: {register.overdue.due_explanation}" in entry.summary
    event = next(
        e
        for e in Calendar.from_ical(client.get(f"/kalendarz/body/{register.body.pk}.ics").content).walk(
            "VEVENT"
        )
        if str(e["UID"]).startswith(f"inquiry-{register.overdue.pk}-")
    )
    assert str(event["SUMMARY"]) == f"Termin odpowiedzi: zapytanie nr Z/1/2026: {register.overdue.subject}"
    assert "Autor: Anna Nowak, Jan Kowalski." in str(event["DESCRIPTION"])
