"""Atom feeds parsed with feedparser and checked against RFC 4287; iCalendar files parsed back with icalendar."""

from datetime import timedelta
from typing import Any

import feedparser
import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar
from register_fixtures import Register, register_fixture  # noqa: F401 - the `register` fixture

from interpel.registry.demo import load_demo
from interpel.registry.models import Body, Department, Inquiry, Person

pytestmark = pytest.mark.django_db

ATOM = "application/atom+xml; charset=utf-8"


def parse(client: Client, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, (path, response.content[:300])
    assert response["Content-Type"] == ATOM
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (path, feed.bozo_exception)  # well-formed XML
    assert feed.version == "atom10"
    return feed


def assert_valid_atom(feed: Any, self_path: str) -> None:
    """RFC 4287 §4.1.1 and §4.1.2: the feed and every entry have an id, a title and an updated date; ids unique."""
    assert feed.feed.id and feed.feed.title and feed.feed.updated_parsed
    assert feed.feed.language == "pl"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links["self"] == f"http://testserver{self_path}"
    assert links["alternate"].startswith("http://testserver/")
    assert feed.feed.author
    ids = [entry.id for entry in feed.entries]
    assert len(ids) == len(set(ids))
    for entry in feed.entries:
        assert entry.id.startswith("http://testserver/")
        assert entry.title and entry.updated_parsed and entry.published_parsed
        assert entry.link.startswith("http://testserver/interpelacje/")
        assert entry.summary


FEEDS = [
    "/feeds/inquiries.atom",
    "/feeds/answers.atom",
    "/feeds/overdue.atom",
    "/feeds/search.atom?q=miast",
]


@pytest.mark.parametrize("path", FEEDS)
def test_every_feed_of_the_demo_is_valid_atom(client: Client, path: str) -> None:
    load_demo()
    assert_valid_atom(parse(client, path), path)


def test_per_object_feeds_and_calendars_for_every_demo_object(client: Client) -> None:
    load_demo()
    for person in Person.objects.filter(authorships__isnull=False).distinct():
        path = f"/feeds/councillor/{person.slug}.atom"
        feed = parse(client, path)
        assert_valid_atom(feed, path)
        assert feed.feed.title == f"Interpelacje i zapytania: {person.name}"
        assert len(feed.entries) == person.inquiries.count()
        assert Calendar.from_ical(client.get(f"/kalendarz/councillor/{person.slug}.ics").content)
    for department in Department.objects.all():
        assert_valid_atom(
            parse(client, f"/feeds/department/{department.pk}.atom"),
            f"/feeds/department/{department.pk}.atom",
        )
        assert Calendar.from_ical(client.get(f"/kalendarz/department/{department.pk}.ics").content)
    for body in Body.objects.all():
        calendar = Calendar.from_ical(client.get(f"/kalendarz/body/{body.pk}.ics").content)
        recent = body.inquiries.filter(due_on__gte=timezone.localdate() - timedelta(days=365))
        assert len(calendar.walk("VEVENT")) == recent.count()  # older due dates stay in the register only


def test_entries_speak_polish_and_follow_the_register(client: Client, register: Register) -> None:
    feed = parse(client, "/feeds/inquiries.atom")
    titles = {entry.link: entry.title for entry in feed.entries}
    overdue = titles[f"http://testserver/interpelacje/{register.overdue.pk}/"]
    # The subject as corrected after filing (update_inquiry), not as filed.
    assert overdue == "Zapytanie nr Z/1/2026: remontu dróg na osiedlu Piwonice w Kaliszu"
    assert f"http://testserver/interpelacje/{register.hidden.pk}/" not in titles  # unpublished
    entry = next(e for e in feed.entries if e.link.endswith(f"/{register.overdue.pk}/"))
    assert entry.author == "Anna Nowak, Jan Kowalski"
    assert "Status: bez odpowiedzi po terminie o" in entry.summary
    assert "Strona 2." in entry.summary  # the form feed in the text was replaced, not fatal to the XML
    assert {t.term for t in entry.tags} == {"zapytanie", "overdue"}

    overdue_feed = parse(client, "/feeds/overdue.atom")
    # The follow-up repeating it is still within its term: only the question itself is overdue.
    assert [e.link for e in overdue_feed.entries] == [
        f"http://testserver/interpelacje/{register.overdue.pk}/"
    ]
    assert overdue_feed.entries[0].title.startswith("Bez odpowiedzi po terminie o ")

    answers = parse(client, "/feeds/answers.atom")
    joint = f"http://testserver/interpelacje/{register.pair[0].pk}/#odpowiedz-{register.joint_answer.pk}"
    entry = next(e for e in answers.entries if e.id == joint)
    assert entry.title.startswith("Odpowiedź z ")
    assert "Dotyczy: zapytanie Z/2/2026" in entry.summary and "Z/3/2026" in entry.summary
    assert entry.author == "Krystian Kinastowski"


def test_filtered_feeds_name_their_filters_and_differ_in_id(client: Client, register: Register) -> None:
    plain = parse(client, "/feeds/inquiries.atom")
    questions = parse(client, "/feeds/inquiries.atom?kind=question")
    assert questions.feed.title == "Nowe interpelacje i zapytania: zapytanie"
    assert questions.feed.id != plain.feed.id
    assert all("zapytanie" in {t.term for t in e.tags} for e in questions.entries)
    department = parse(client, f"/feeds/department/{register.department.pk}.atom")
    assert (
        department.feed.title
        == "Interpelacje i zapytania skierowane do wydziału WIM Wydział Inwestycji Miejskich"
    )
    assert {e.link for e in department.entries} == {
        f"http://testserver/interpelacje/{inquiry.pk}/" for inquiry in register.pair
    }  # the two questions filed under WIM's case sign


def test_search_feed_finds_inflected_forms(client: Client, register: Register) -> None:
    path = "/feeds/search.atom?q=remont+drogi+Piwonice"
    feed = parse(client, path)
    assert_valid_atom(feed, path)
    assert feed.feed.title == "Interpelacje i zapytania: wyszukiwanie „remont drogi Piwonice”"
    # Newest first: the follow-up (filed 5 days ago), then the question it repeats (40 days ago); older matches
    # of fewer words may follow (the demo answer to Kijewski mentions "drogę").
    assert [e.link for e in feed.entries][:2] == [
        f"http://testserver/interpelacje/{register.repeated.pk}/",
        f"http://testserver/interpelacje/{register.overdue.pk}/",
    ]
    empty = parse(client, "/feeds/search.atom")
    assert empty.entries == [] and "parametrze q" in empty.feed.subtitle


def test_unknown_objects_are_404(client: Client) -> None:
    for path in (
        "/feeds/councillor/nikt.atom",
        "/feeds/department/999999.atom",
        "/kalendarz/body/999999.ics",
        "/kalendarz/department/999999.ics",
        "/kalendarz/councillor/nikt.ics",
    ):
        assert client.get(path).status_code == 404, path


def test_calendar_has_one_all_day_event_per_due_date(client: Client, register: Register) -> None:
    response = client.get(f"/kalendarz/body/{register.body.pk}.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0" and "interpel" in str(calendar["PRODID"])
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    published = Inquiry.objects.filter(
        body=register.body, is_published=True, due_on__gte=register.today - timedelta(days=365)
    )
    assert len(events) == published.count()
    event = events[f"inquiry-{register.overdue.pk}-due@testserver"]
    assert event.decoded("DTSTART") == register.overdue.due_on  # a DATE: an all-day event
    assert event.decoded("DTEND") == register.overdue.due_on + timedelta(days=1)
    assert (
        str(event["SUMMARY"])
        == "Termin odpowiedzi: zapytanie nr Z/1/2026: remontu dróg na osiedlu Piwonice w Kaliszu"
    )
    description = str(event["DESCRIPTION"])
    assert "Status: bez odpowiedzi po terminie" in description and "art. 111 § 2 k.c." in description
    assert str(event["URL"]) == f"http://testserver/interpelacje/{register.overdue.pk}/"
    assert "DTSTAMP" in event
    councillor = Calendar.from_ical(client.get(f"/kalendarz/councillor/{register.nowak.slug}.ics").content)
    assert {str(e["UID"]) for e in councillor.walk("VEVENT")} == {
        f"inquiry-{pk}-due@testserver"
        for pk in (register.overdue.pk, register.due_soon.pk, register.repeated.pk, register.pair[0].pk)
    }
