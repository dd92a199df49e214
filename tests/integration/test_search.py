"""Search over real Sejm replies on SQLite and PostgreSQL: inflection, operators, filters, facets, sync, snippets."""

from __future__ import annotations

import json
from datetime import date

import pytest

from interpel.registry.models import Body, Inquiry, InquiryKind, Level, Term
from interpel.registry.services import answer, file_inquiry, withdraw
from interpel.search.services import reindex_all, search
from interpel.search.similar import possible_duplicates, similar_inquiries
from interpel.text.polish import analyse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_mirror")]

# Numbers chosen by reading replies.jsonl: several on SENT, two on HPV, one on dogs in trains, tobacco excise...
NUMBERS = {
    "16589",
    "16666",
    "17160",
    "17712",
    "17713",
    "18061",
    "17729",
    "17730",
    "18024",
    "18416",
    "18418",
    "18125",
    "17413",
    "7278",
    "16076",
    "17512",
    "18341",
    "18192",
    "18845",
    "17961",
    "18841",
    "16256",
    "17323",
}


def load_sejm(corpus, numbers=NUMBERS) -> dict[str, Inquiry]:
    """Minimal loader through the registry services: one inquiry per numer, one answer per reply with text."""
    body = Body.objects.create(name="Sejm RP", slug="sejm", level=Level.SEJM)
    Term.objects.create(body=body, name="X kadencja", starts_on=date(2023, 11, 13))
    inquiries: dict[str, Inquiry] = {}
    with open(corpus / "sejm-replies" / "replies.jsonl", encoding="utf-8") as fh:
        for line in fh:
            reply = json.loads(line)
            numer = reply["numer"]
            if numer not in numbers:
                continue
            answered_on = date.fromisoformat(reply["data_odpowiedzi"])
            if numer not in inquiries:
                subject = reply["tytul"].removeprefix("Interpelacja w sprawie ").strip()
                inquiries[numer] = file_inquiry(
                    body=body,
                    kind=InquiryKind.INTERPELLATION,
                    subject=subject,
                    number=numer,
                    filed_on=answered_on,
                    received_on=answered_on,
                    is_imported=True,
                )
            if reply["tresc"]:
                answer([inquiries[numer]], answered_on=answered_on, text=reply["tresc"], is_imported=True)
    return inquiries


@pytest.fixture
def sejm(corpus, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return load_sejm(corpus)


def numbers(result) -> list[str]:
    return [hit.number for hit in result.results]


def test_index_follows_the_services(sejm):
    assert search("przewóz psa w pociągu", with_facets=False).results[0].number == "18024"
    assert search("izby wytrzeźwień").results[0].number == "17413"


def test_inflected_query_finds_other_forms(sejm):
    # "psa" / "pociągu" against "przewozu psów w wagonach ... w pociągach"
    assert numbers(search("pies pociąg"))[0] == "18024"
    assert set(numbers(search("szczepienie HPV"))[:2]) == {"17729", "17730"}


def test_query_without_polish_letters(sejm):
    assert set(numbers(search("szczepienia przeciwko hpv w szkolach"))[:2]) == {"17729", "17730"}
    assert numbers(search("depresja poporodowa"))[0] == "18192"


def _has_phrase(inquiry: Inquiry, phrase: list[str]) -> bool:
    texts = [inquiry.subject, inquiry.text, *(a.text for a in inquiry.answers.all())]
    forms = [t.form for text in texts for t in analyse(text) if t.lemmas]
    n = len(phrase)
    return any(forms[i : i + n] == phrase for i in range(len(forms) - n + 1))


def test_phrase_matches_exactly_the_documents_holding_it(sejm):
    got = {h.number for h in search('"systemu SENT"', limit=100).results}
    truth = {n for n, i in sejm.items() if _has_phrase(i, ["systemu", "sent"])}
    assert got == truth and len(truth) >= 3


def test_exclusion_removes_every_document_with_the_word(sejm):
    every = {h.number for h in search("SENT", limit=100).results}
    without = {h.number for h in search("SENT -kary", limit=100).results}
    with_kara = {h.number for h in search("kara", limit=100).results}
    assert without == every - with_kara and without and every & with_kara


def test_or_and_prefix(sejm):
    dogs = {h.number for h in search("psy", limit=100).results}
    excise = {h.number for h in search("akcyza", limit=100).results}
    assert {h.number for h in search("psy OR akcyza", limit=100).results} == dogs | excise
    assert "18416" in {h.number for h in search("akcyz*", limit=100).results}


def test_more_matching_words_rank_first(sejm):
    # The tiered semantics puts documents holding every word before those holding some.
    result = search("akcyza papierosy", semantics="tiered", limit=50)
    holders = [h.number for h in result.results if h.number in {"18416", "18418"}]
    assert result.results[0].number in {"18416", "18418"} and holders


@pytest.mark.parametrize(
    "nasty",
    ['"niezamknięty cudzysłów', "OR", "-", "a" * 10_000, "\x00\x1b[2J", "***", "-kary", '""', "NEAR(a b)"],
)
def test_malformed_queries_get_results_or_a_message(sejm, nasty):
    result = search(nasty)
    assert result.results or result.warnings or result.total == 0


def test_filters_facets_sort_and_pagination(sejm):
    first = search("system SENT", limit=2)
    second = search("system SENT", limit=2, offset=2)
    assert first.total == second.total >= 4
    assert not {h.id for h in first.results} & {h.id for h in second.results}
    assert sum(first.facets["kind"].values()) == first.total
    assert sum(first.facets["status"].values()) == first.total
    assert first.facets["body"] == {"sejm": first.total}
    by_date = search("system SENT", sort="date", limit=50).results
    assert [h.filed_on for h in by_date] == sorted((h.filed_on for h in by_date), reverse=True)
    assert search("system SENT", filters={"kind": "question"}).total == 0
    year = str(by_date[0].filed_on.year)
    assert search(f"system SENT rok:{year}").total == first.facets["year"][year]


def test_unknown_filter_value_is_a_clear_error(sejm):
    from interpel.errors import BadQuery

    with pytest.raises(BadQuery, match="Rodzaj"):
        search("SENT", filters={"kind": "petition"})
    with pytest.raises(BadQuery, match="RRRR-MM-DD"):
        search("SENT", filters={"date_from": "wczoraj"})


def test_status_filter_follows_withdrawal(sejm, django_capture_on_commit_callbacks):
    target = sejm["18125"]
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(target, on=target.filed_on)
    result = search("klimatyzacja", filters={"status": "withdrawn"})
    assert numbers(result) == ["18125"]


def test_new_answer_is_searchable_after_commit(sejm, django_capture_on_commit_callbacks):
    target = sejm["17512"]
    assert search("Żuławskiego").total == 0
    with django_capture_on_commit_callbacks(execute=True):
        answer([target], answered_on=target.filed_on, text="Uzupełnienie: pasieki na Żuławach Wiślanych.")
    assert numbers(search("żuławy")) == ["17512"]


def test_deleted_inquiry_leaves_the_index(sejm, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sejm["18024"].answers.all().delete()
        sejm["18024"].delete()
    assert "18024" not in numbers(search("przewóz psa"))


def test_snippet_marks_original_forms_and_escapes_html(sejm, django_capture_on_commit_callbacks):
    target = sejm["18192"]
    with django_capture_on_commit_callbacks(execute=True):
        answer([target], answered_on=target.filed_on, text="Zob. <script>alert(1)</script> depresji & lęku.")
    hit = search("depresji lęk").results[0]
    assert "<mark>" in hit.snippet
    assert "<script>" not in hit.snippet
    result = search("lęk script")
    snippet = result.results[0].snippet
    assert "&lt;<mark>script</mark>&gt;" in snippet and "<mark>lęku</mark>" in snippet


def test_reindex_all_gives_the_same_results(sejm):
    before = [(h.number, round(h.score, 4)) for h in search("system SENT kary", limit=20).results]
    assert reindex_all() == len(sejm)
    after = [(h.number, round(h.score, 4)) for h in search("system SENT kary", limit=20).results]
    assert before == after


def test_similar_and_possible_duplicates(sejm):
    similar = [h.number for h in similar_inquiries(sejm["17712"], limit=4)]
    sent = {"16589", "16666", "17160", "17713", "18061"}
    assert "17712" not in similar and len(set(similar) & sent) >= 3
    body = sejm["17712"].body
    duplicates = possible_duplicates("rozszerzenia systemu SENT na odzież i obuwie", "", body, limit=3)
    assert duplicates and duplicates[0].number in sent | {"17712"}


def test_api_returns_numbers_facets_and_json_errors(sejm, client):
    response = client.get("/api/v1/search", {"q": "szczepienia HPV", "limit": 5})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] >= 2 and data["results"][0]["number"] in {"17729", "17730"}
    assert data["results"][0]["url"] == f"/interpelacje/{data['results'][0]['id']}/"
    assert "kind" in data["facets"]
    bad = client.get("/api/v1/search", {"q": "HPV", "kind": "petition"})
    assert bad.status_code == 400 and "Rodzaj" in bad.json()["detail"]
    weird = client.get("/api/v1/search", {"q": '"' + "\x01" * 20 + "OR -"})
    assert weird.status_code == 200


def test_backend_is_the_databases_own(sejm, db_vendor):
    from django.db import connection

    with connection.cursor() as cursor:
        if db_vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH 'sent'")
        else:
            cursor.execute("SELECT count(*) FROM search_document WHERE tsv @@ 'sent'::tsquery")
        assert cursor.fetchone()[0] == search("sent", limit=1).total > 0


def test_gin_and_rum_orderings_return_the_same_set(sejm, db_vendor):
    if db_vendor != "postgresql":
        pytest.skip("RUM is a PostgreSQL index")
    from interpel.search.backends.postgres import PostgresBackend, has_rum_index
    from interpel.search.query import parse

    if not has_rum_index():
        pytest.skip("postgresql-15-rum is not installed here")
    parsed = parse("system SENT -kary OR akcyza")
    sets = []
    for rum in (False, True):
        engine = PostgresBackend(rum=rum)
        ranked = engine.ranked(engine.compile(parsed), "", [], sort="relevance", limit=100, offset=0)
        sets.append({i for i, _ in ranked})
    assert sets[0] == sets[1] and sets[0]


def test_postgres_ranks_a_phrase_by_the_lemmas_of_its_words(sejm, db_vendor):
    """Forms are not lexemes on PostgreSQL: a phrase's hits are scored by the lemmas of its words as typed."""
    if db_vendor != "postgresql":
        pytest.skip("the PostgreSQL engine's ranking")
    from interpel.search.backends.postgres import PostgresBackend
    from interpel.search.query import parse

    for rum in (False, True):
        engine = PostgresBackend(rum=rum)
        ranked = engine.ranked(engine.compile(parse('"psów"')), "", [], sort="relevance", limit=20, offset=0)
        assert ranked and all(score > 0 for _, score in ranked), rum


def test_rum_pages_are_stable_under_equal_distances(sejm, db_vendor, monkeypatch):
    """Pages read from RUM's order (ties sorted by id here) equal the server's full sort, page by page."""
    if db_vendor != "postgresql":
        pytest.skip("RUM is a PostgreSQL index")
    from interpel.search.backends import postgres
    from interpel.search.query import parse

    if not postgres.has_rum_index():
        pytest.skip("postgresql-15-rum is not installed here")
    engine = postgres.PostgresBackend(rum=True)
    for query in ("odpowiedź", "szczep*", "system SENT"):
        match = engine.compile(parse(query))
        total = engine.count(match, "", [])
        pages = {}
        # 0: a tie at the end of a page goes to the server's sort at once
        for ties in (postgres.TIES_READ, 0):
            monkeypatch.setattr(postgres, "TIES_READ", ties)
            ids = []
            for offset in range(0, min(total, 120), 7):
                ids += [i for i, _ in engine.ranked(match, "", [], sort="relevance", limit=7, offset=offset)]
            pages[ties] = ids
        assert pages[0] == pages[postgres.TIES_READ] and len(set(pages[0])) == len(pages[0]) == min(
            total, 120
        )


def test_mirror_serves_while_in_sync_and_sql_otherwise(sejm, django_capture_on_commit_callbacks):
    from interpel.search import mirror
    from interpel.search.backends import backend, sql_backend
    from interpel.search.query import parse

    found = mirror.mirror()
    assert found is not None and mirror.in_sync(found)
    parsed = parse("system SENT -kary OR akcyza")
    fast, slow = backend(), sql_backend()
    sets = []
    for engine in (fast, slow):
        match = engine.compile(parsed)
        ranked = engine.ranked(match, " AND d.is_published", [], sort="relevance", limit=100, offset=0)
        sets.append(({i for i, _ in ranked}, engine.count(match, " AND d.is_published", [])))
    assert sets[0] == sets[1] and sets[0][0]
    for query in ('"systemu SENT"', "szczep*", "szczepienia HPV", "lodz OR psy"):
        with_mirror = search(query, limit=50, with_facets=False, semantics="any")
        assert with_mirror.total == sql_backend().count(
            sql_backend().compile(parse(query)), " AND d.is_published", []
        )
    # A change the mirror did not see (here: written behind its back) makes SQL answer until it is rebuilt.
    mirror.changed([], [], apply=False)
    assert not mirror.in_sync(found)
    assert search("sent", limit=1).total > 0
    assert mirror.rebuild() == len(sejm) and mirror.in_sync(found)
    with django_capture_on_commit_callbacks(execute=True):
        sejm["17712"].delete()
    assert mirror.in_sync(found)
    assert "17712" not in numbers(search("SENT odzież", limit=50))


def test_api_possible_duplicates_and_similar(sejm, client):
    sent = {"16589", "16666", "17160", "17712", "17713", "18061"}
    body = sejm["17712"].body
    response = client.get(
        "/api/v1/search/duplicates",
        {"subject": "rozszerzenia systemu SENT na odzież i obuwie", "body": body.slug, "limit": 3},
    )
    assert response.status_code == 200, response.content
    found = [hit["number"] for hit in response.json()["results"]]
    assert found and found[0] in sent and len(found) <= 3
    assert (
        client.get("/api/v1/search/duplicates", {"subject": "SENT", "body": "nie-ma-takiej"}).status_code
        == 400
    )
    missing = client.get("/api/v1/search/duplicates", {"subject": " "})
    assert missing.status_code == 400 and "subject" in missing.json()["detail"]
    similar = client.get(f"/api/v1/search/similar/{sejm['17712'].pk}", {"limit": 4}).json()["results"]
    numbers = [hit["number"] for hit in similar]
    assert "17712" not in numbers and len(set(numbers) & sent) >= 3
    assert client.get("/api/v1/search/similar/999999999").status_code == 404


def test_an_unpublished_answer_is_neither_found_nor_quoted(sejm, django_capture_on_commit_callbacks):
    """The portal shows published answers only; search must not reveal the others' words (art. 24 ust. 7)."""
    target = sejm["17512"]
    with django_capture_on_commit_callbacks(execute=True):
        record = answer([target], answered_on=target.filed_on, text="Pasieki na Żuławach Wiślanych: projekt.")
    assert numbers(search("żuławy")) == ["17512"]
    with django_capture_on_commit_callbacks(execute=True):
        record.is_published = False  # as the admin unpublishes it
        record.save()
    assert search("żuławy").total == 0
    reindex_all()
    assert search("żuławy").total == 0
    hit = search(target.subject).results[0]
    assert hit.number == "17512" and "Żuław" not in hit.snippet


def test_migration_0009_takes_unpublished_answers_out_of_an_older_index(
    sejm, django_capture_on_commit_callbacks
):
    """An index written before published-only indexing still held unpublished answers: the migration reindexes them."""
    import importlib

    from django.apps import apps

    from interpel.registry.models import Answer

    target = sejm["17512"]
    with django_capture_on_commit_callbacks(execute=True):
        record = answer([target], answered_on=target.filed_on, text="Pasieki na Żuławach Wiślanych: projekt.")
    Answer.objects.filter(pk=record.pk).update(
        is_published=False
    )  # no signal: the index is as an older one left it
    assert numbers(search("żuławy")) == ["17512"]
    migration = importlib.import_module("interpel.search.migrations.0009_unpublished_answers_out")
    with django_capture_on_commit_callbacks(execute=True):
        migration.reindex(apps, None)
    assert search("żuławy").total == 0
    assert "17512" in numbers(search(target.subject))
