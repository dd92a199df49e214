"""The tantivy mirror answers facets and filtered searches exactly as SQL does (SQLite and PostgreSQL).

Two registers: the Sejm replies of the search tests (one body, answered interpellations) and a generated one of a
few hundred inquiries with two bodies, clubs, departments, several authors, withdrawn, answered on time and late,
open with and without a due date, unpublished ones. Every comparison runs the same search with the accelerator on
and off and also checks that the mirror itself answered (no silent fallback to SQL).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
import tantivy
from test_search import load_sejm

from interpel.registry.models import Body, Club, Department, Inquiry, Level, Person, Term
from interpel.registry.services import answer, file_inquiry, withdraw
from interpel.search import facets, mirror
from interpel.search.backends import backend
from interpel.search.backends.accelerated import AcceleratedBackend
from interpel.search.filters import resolve_filters
from interpel.search.indexing import INDEX_MODE, reindex_all
from interpel.search.query import parse
from interpel.search.services import MAX_LIMIT, search

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_mirror")]

WORDS = [
    "droga",
    "remont",
    "szkoła",
    "oświetlenie",
    "park",
    "autobus",
    "budżet",
    "wniosek",
    "mieszkańcy",
    "chodnik",
    "ulica",
    "przedszkole",
    "boisko",
    "podatek",
    "zieleń",
    "parking",
    "przystanek",
    "kanalizacja",
    "śmieci",
    "biblioteka",
]
NAMES = [
    "Anna Nowak",
    "Jan Kowalski",
    "Ewa Wiśniewska",
    "Piotr Zieliński",
    "Maria Wójcik",
    "Adam Lewandowski",
]
CODES = ["WSR", "KPM", "OŚ", "EDU", "ZDM"]
BASE = date(2026, 3, 2)
QUERIES = [
    "droga",
    "remont drogi",
    "szkoła OR przedszkole",
    '"remont chodnik"',
    "park*",
    "budżet -podatek",
    "mieszkańcy ulica parking",
    "autobusy przystanek",
    "śmieci kanalizacja biblioteka zieleń",
    "drogi -remont -chodnik",
]


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def build_generated(n: int = 300, seed: int = 7) -> list[Inquiry]:
    """n inquiries through the services, in every state, spread over two bodies and three years."""
    rng = random.Random(seed)
    bodies = [
        Body.objects.create(name="Rada Miasta Testowo", slug="testowo", level=Level.GMINA),
        Body.objects.create(name="Rada Gminy Próbna", slug="probna", level=Level.GMINA),
    ]
    terms = [Term.objects.create(body=b, name="2024-2029", starts_on=date(2024, 5, 7)) for b in bodies]
    clubs = [
        Club.objects.create(body=b, term=t, name=f"Klub {i} {b.slug}", slug=f"klub-{i}-{b.slug}")
        for b, t in zip(bodies, terms, strict=True)
        for i in range(2)
    ]
    made = []
    for i in range(n):
        k = i % 2
        filed = None if i % 37 == 0 else BASE - timedelta(days=rng.randint(0, 700))
        inquiry = file_inquiry(
            body=bodies[k],
            kind=rng.choice(["interpellation", "question", "motion"]),
            subject=" ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))),
            text=" ".join(_sentence(rng, rng.randint(5, 14)) for _ in range(rng.randint(1, 3))),
            authors=rng.sample(NAMES, rng.randint(0, 3)),
            departments=rng.sample(CODES, rng.randint(0, 2)),
            club=rng.choice([None, clubs[2 * k], clubs[2 * k + 1]]),
            number=f"T-{i}",
            filed_on=filed,
            received_on=filed + timedelta(days=rng.randint(0, 3)) if filed else None,
            is_published=rng.random() > 0.05,
            by_name="test",
        )
        roll = rng.random()
        if roll < 0.35:
            when = (filed or BASE) + timedelta(days=rng.randint(1, 45))  # on time or late
            answer([inquiry], answered_on=when, text=_sentence(rng, rng.randint(8, 20)), by_name="test")
        elif roll < 0.42:
            withdraw(inquiry, on=filed or BASE)
        made.append(inquiry)
    return made


def _all_ids(query: str, filters: dict[str, Any], today: date, **options: Any) -> tuple[int, list[int]]:
    """The total and every hit's id, page by page."""
    ids: list[int] = []
    total = None
    while total is None or len(ids) < total:
        page = search(
            query,
            filters=filters,
            today=today,
            limit=MAX_LIMIT,
            offset=len(ids),
            with_facets=False,
            **options,
        )
        total = page.total
        if not page.results:
            break
        ids += [h.id for h in page.results]
    return int(total or 0), ids


def _mirror_facets(
    query: str, filters: dict[str, Any], today: date, **options: Any
) -> dict[str, dict[str, int]]:
    """Raw counts from the mirror itself, checked against the SQL ones; fails when the mirror would not answer."""
    parsed = parse(query, mode=INDEX_MODE)
    where, params, _ = resolve_filters({**parsed.filters, **filters}, today=today, **options)
    engine = backend()
    assert isinstance(engine, AcceleratedBackend)
    compiled = None if parsed.is_empty else engine.compile(parsed)
    fast = engine.facet_counts(compiled, where, params, today=today)
    assert fast is not None, "the mirror did not answer"
    slow = facets.sql_counts(
        None if compiled is None else engine.ids_sql(compiled), where, params, today=today
    )
    assert {k: v for k, v in fast.items() if v} == {
        k: v for k, v in slow.items() if v
    }  # SQL omits empty ones
    return fast


def compare(settings, query: str, filters: dict[str, Any], today: date, **options: Any) -> int:
    """Same facets, total, set of hits (and order by date) with the mirror and without; returns the total."""
    settings.SEARCH_ACCELERATOR = True
    assert mirror.in_sync(mirror.mirror())
    _mirror_facets(query, filters, today, **options)
    fast = search(query, filters=filters, today=today, limit=10, **options)
    fast_all = _all_ids(query, filters, today, semantics="any", **options)
    fast_dated = _all_ids(query, filters, today, sort="date", **options)
    settings.SEARCH_ACCELERATOR = False
    slow = search(query, filters=filters, today=today, limit=10, **options)
    slow_all = _all_ids(query, filters, today, semantics="any", **options)
    slow_dated = _all_ids(query, filters, today, sort="date", **options)
    settings.SEARCH_ACCELERATOR = True
    label = f"{query!r} {filters}"
    assert fast.facets == slow.facets, label
    assert fast.total == slow.total == fast_all[0] == slow_all[0], label
    assert sorted(fast_all[1]) == sorted(slow_all[1]) and len(set(fast_all[1])) == len(fast_all[1]), label
    assert fast_dated == slow_dated, label  # one total order: filed_on desc, undated last, then id desc
    return fast.total


def test_mirror_facets_equal_sql_on_the_sejm_replies(corpus, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_sejm(corpus)
    today = date(2026, 1, 15)
    totals = [
        compare(settings, q, {}, today)
        for q in (
            "system SENT",
            "szczepienia HPV",
            "lodz OR psy",
            "szczep*",
            '"systemu SENT"',
            "akcyza -papierosy",
            # forms decide: a form's prefix its lemma lacks (psów: pies), an unknown word, phrases negated and or-ed
            "psow* OR akcyza",
            "szkolach -szczepienia",
            'system -"systemu SENT"',
            '"systemu SENT" OR kary',
        )
    ]
    assert sum(totals) > 10
    facets_sent = search("system SENT", today=today).facets
    assert facets_sent["body"] == {"sejm": search("system SENT", today=today).total}
    assert compare(settings, "system SENT", {"status": "answered"}, today) > 0
    assert compare(settings, "", {"year": "2025"}, today) >= 0


@pytest.fixture
def generated(django_capture_on_commit_callbacks) -> list[Inquiry]:
    with django_capture_on_commit_callbacks(execute=True):
        return build_generated()


def test_mirror_facets_and_filters_equal_sql_on_a_generated_register(generated, settings):
    open_due = sorted(i.due_on for i in generated if i.due_on and not i.answered_on and not i.is_withdrawn)
    assert open_due and any(i.is_withdrawn for i in generated) and any(not i.is_published for i in generated)
    pivot = open_due[len(open_due) // 2]
    # Around one due date: due that day, past it, three days ahead (still soon), four days ahead (awaiting).
    days = [pivot, pivot + timedelta(days=1), pivot - timedelta(days=3), pivot - timedelta(days=4), BASE]
    statuses = set()
    for today in days:
        for query in QUERIES if today == BASE else QUERIES[::3]:
            total = compare(settings, query, {}, today)
            assert total > 0, query
        statuses |= set(search("droga OR szkoła OR park", today=today).facets["status"])
    assert statuses == {
        "withdrawn",
        "answered",
        "answered_on_time",
        "answered_late",
        "overdue",
        "due_soon",
        "awaiting",
    }
    facet_values = search("droga OR szkoła OR park", today=BASE).facets
    assert len(facet_values["councillor"]) == len(NAMES) and set(facet_values["department"]) == set(CODES)
    assert (
        len(facet_values["club"]) == 4 and len(facet_values["body"]) == 2 and len(facet_values["year"]) >= 2
    )

    nowak = Person.objects.get(name="Anna Nowak")
    year = str(BASE.year - 1)
    filters: list[dict[str, Any]] = [
        {"kind": "question"},
        {"status": "answered"},
        {"status": "answered_late"},
        {"status": "overdue"},
        {"status": "due_soon"},
        {"status": "awaiting"},
        {"status": "withdrawn"},
        {"body": "probna"},
        {"club": "klub-1-testowo"},
        {"department": "WSR"},
        {"councillor": nowak.slug},
        {"year": year},
        {"term": "2024-2029"},
        {"date_from": "2025-02-01", "date_to": "2025-09-30"},
        {"kind": "interpellation", "department": "KPM", "status": "overdue"},
    ]
    found = 0
    for today in (pivot, BASE):
        for one in filters:
            found += compare(settings, "droga OR szkoła OR mieszkańcy", one, today) > 0
            compare(settings, "remont drogi", one, today)
    assert found >= len(filters)  # every filter selected something on at least one day
    # Browsing with filters only (newest first, undated last, from the mirror), and searches including unpublished.
    assert compare(settings, "", {"department": "WSR"}, BASE) > 0
    assert compare(settings, "", {"body": "testowo"}, BASE) > 0
    engine = backend()
    where, params, _ = resolve_filters({"body": "testowo"}, today=BASE)
    browsed = engine.browse(where, params, limit=MAX_LIMIT, offset=0)
    assert browsed is not None and browsed[0] > MAX_LIMIT
    undated = {i.pk for i in generated if i.filed_on is None and i.is_published and i.body.slug == "testowo"}
    last_page = _all_ids("", {"body": "testowo"}, BASE)[1][-len(undated) :]
    assert undated and set(last_page) == undated
    assert compare(settings, "droga", {}, BASE, include_unpublished=True) > compare(
        settings, "droga", {}, BASE
    )


def test_mirror_facets_follow_changes_rebuild_and_reindex(
    generated, settings, django_capture_on_commit_callbacks
):
    target = next(i for i in generated if i.is_published and not i.is_withdrawn and not i.answered_on)
    before = search("droga OR szkoła OR park", today=BASE).facets["status"]
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(target, on=target.filed_on or BASE)
    after = search("droga OR szkoła OR park", today=BASE).facets["status"]
    matched = target.pk in _all_ids("droga OR szkoła OR park", {}, BASE)[1]
    assert after.get("withdrawn", 0) == before.get("withdrawn", 0) + int(matched)
    compare(settings, "droga OR szkoła OR park", {}, BASE)
    # Rebuilt from the facts stored in search_document, and laid anew from the register: the same answers.
    assert mirror.rebuild() == len(generated)
    compare(settings, "droga OR szkoła OR park", {"status": "withdrawn"}, BASE)
    assert reindex_all() == len(generated)
    compare(settings, "mieszkańcy ulica parking", {"department": "OŚ"}, BASE)


def test_a_mirror_of_an_older_schema_is_laid_anew_not_trusted(generated, settings, tmp_path):
    """An index written before the facet fields existed opens as an empty, stale mirror: SQL answers, no crash."""
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_integer_field("pub", indexed=True)
    old = tantivy.Index(builder.build(), path=str(tmp_path), reuse=False)
    writer = old.writer(15_000_000, 1)
    writer.add_document(tantivy.Document(id=1, pub=1))
    writer.commit()
    del writer, old  # the old process is gone: its writer lock with it
    (tmp_path / mirror.VERSION_FILE).write_text(mirror.db_version())  # it even claims to be in sync
    settings.SEARCH_INDEX_DIR = str(tmp_path)
    mirror.reset()
    found = mirror.mirror()
    assert found is not None and not mirror.in_sync(found)
    settings.SEARCH_ACCELERATOR = False
    expected = search("droga", today=BASE)
    settings.SEARCH_ACCELERATOR = True
    stale = search("droga", today=BASE)
    assert (stale.total, stale.facets) == (expected.total, expected.facets) and expected.total > 0
    assert mirror.refresh() == len(generated) and mirror.in_sync(found)  # what a deploy runs
    assert mirror.refresh() is None
    assert (tmp_path / mirror.SCHEMA_FILE).read_text() == mirror.SCHEMA
    compare(settings, "droga", {"department": "WSR"}, BASE)
    mirror.reset()  # reopened from disk: the same schema, in sync
    assert mirror.in_sync(mirror.mirror())


def test_departments_and_authors_are_in_the_mirror(generated):
    """The multi-valued fields come from the through tables: every link of a published inquiry is counted."""
    wsr_ids = set(Department.objects.filter(code="WSR").values_list("pk", flat=True))
    linked = Inquiry.objects.filter(departments__in=wsr_ids, is_published=True).distinct().count()
    assert linked > 0
    assert _mirror_facets("", {}, BASE)["department"] == {
        str(pk): Inquiry.objects.filter(departments=pk, is_published=True).count()
        for pk in Department.objects.filter(inquiries__isnull=False).values_list("pk", flat=True).distinct()
        if Inquiry.objects.filter(departments=pk, is_published=True).exists()
    }
