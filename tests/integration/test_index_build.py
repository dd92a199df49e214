"""The bulk index build (reindex_all, lemmatising in worker processes) stores exactly what indexing one inquiry at a
time stores, and what the token lists of polish.index_streams() give, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.db import connection

from interpel.registry.models import Body, InquiryKind, Level, Term
from interpel.registry.services import answer, file_inquiry, withdraw
from interpel.search import mirror
from interpel.search.indexing import index_inquiries, reindex_all
from interpel.search.models import SearchDocument
from interpel.search.services import search
from interpel.text.polish import index_streams

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_mirror")]

COLUMNS = (
    "inquiry_id, title, body, forms, body_id, term_id, club_id, kind, year, filed_on, due_on, answered_on,"
    " is_withdrawn, is_published"
)
ODD = [
    # quotes and backslashes (tsvector quoting), a word beyond a lexeme's 200 characters, a lemma repeated past
    # PostgreSQL's 255 positions per lexeme, letters whose folded form is empty or holds a space
    ("Sprawa O'Hary i ścieżki C:\\Windows", "Pan O'Hara pisze: \\n i 'cytat'."),
    ("Bardzo długie słowo", "x" * 250 + " oraz " + "y" * 201 + "z krótkie"),
    ("Drogi i drogi", " ".join(["drogi", "droga", "drodze"] * 120)),
    ("Znaki ﾞ i ͺ", "ﾞ ﾟﾞ aͺb ﷺ ½ ﬁ ẞ İstanbul Łódź"),
    ("Bez treści", ""),
]
QUERIES = ["system SENT kary", "pies pociąg", "szczepienie HPV", '"wyrobów tytoniowych"', "drog*", "O'Hara"]


@pytest.fixture
def register(corpus, django_capture_on_commit_callbacks) -> list[int]:
    """60 Sejm interpellations with their replies (one reply shared by two), a withdrawn one, odd texts."""
    body = Body.objects.create(name="Sejm RP", slug="sejm", level=Level.SEJM)
    Term.objects.create(body=body, name="X kadencja", starts_on=date(2023, 11, 13))
    grouped: dict[str, list[dict]] = {}
    with open(corpus / "sejm-replies" / "replies.jsonl", encoding="utf-8") as fh:
        for line in fh:
            reply = json.loads(line)
            grouped.setdefault(reply["numer"], []).append(reply)
    with django_capture_on_commit_callbacks(execute=True):
        made = []
        for numer, replies in list(grouped.items())[:60]:
            filed = date.fromisoformat(replies[0]["data_odpowiedzi"])
            inquiry = file_inquiry(
                body=body,
                kind=InquiryKind.INTERPELLATION,
                subject=replies[0]["tytul"].removeprefix("Interpelacja w sprawie ").strip(),
                text=(replies[0]["tresc"] or "")[:400],
                number=numer,
                filed_on=filed,
                received_on=filed,
                is_imported=True,
            )
            for reply in replies:
                if reply["tresc"]:
                    answer(
                        [inquiry],
                        answered_on=date.fromisoformat(reply["data_odpowiedzi"]),
                        text=reply["tresc"],
                        is_imported=True,
                    )
            made.append(inquiry)
        answer(made[:2], answered_on=date(2027, 3, 1), text="Wspólna odpowiedź na obie interpelacje.")
        withdraw(made[2], on=date(2027, 3, 2))
        for n, (subject, text) in enumerate(ODD):
            made.append(
                file_inquiry(
                    body=body, kind=InquiryKind.INTERPELLATION, subject=subject, text=text, number=f"odd-{n}"
                )
            )
    return sorted(inquiry.pk for inquiry in made)


def _documents() -> dict[int, tuple]:
    tsv = ", tsv::text" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {COLUMNS}{tsv} FROM search_document ORDER BY inquiry_id")
        return {row[0]: tuple(row) for row in cursor.fetchall()}


def _results() -> list[list[tuple[float, str]]]:
    """Hits and scores of a few searches; ties in any order (the mirror breaks them by its segments' layout)."""
    return [sorted((-round(h.score, 4), h.number) for h in search(q, limit=20).results) for q in QUERIES]


@pytest.mark.parametrize("workers", [0, 2])
def test_bulk_build_stores_what_indexing_one_by_one_stores(
    register, workers, django_capture_on_commit_callbacks
):
    assert reindex_all(batch=7, workers=workers) == len(
        register
    )  # several batches, several ahead in the pool
    bulk, bulk_results = _documents(), _results()
    assert set(bulk) == set(register)
    # Every document in the mirror too, those it added while PostgreSQL built its index (indexing.LATER) included.
    found = mirror.mirror()
    assert found is not None and mirror.in_sync(found)
    found.index.reload()
    assert found.index.searcher().num_docs == len(register)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # FTS5 agrees with its content table
            cursor.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")

    with django_capture_on_commit_callbacks(execute=True):
        SearchDocument.objects.all().delete()
    for start in range(0, len(register), 10):
        with django_capture_on_commit_callbacks(execute=True):
            index_inquiries(register[start : start + 10])
    assert _documents() == bulk
    assert _results() == bulk_results
    assert bulk_results[0] and bulk_results[-1]


def test_stored_streams_are_the_joined_token_lists(register):
    """The bulk path joins whole chunks at once; the text must be that of polish.index_streams()' token lists."""
    from interpel.registry.models import Inquiry

    reindex_all(workers=1)
    stored = _documents()
    for inquiry in Inquiry.objects.filter(pk__in=register):
        title, title_forms = index_streams(inquiry.subject)
        body, forms = [], list(title_forms)
        texts = [inquiry.text, *inquiry.answers.order_by("answered_on", "id").values_list("text", flat=True)]
        for text in texts:
            if text:
                lemmas, text_forms = index_streams(text)
                body += lemmas
                forms += text_forms
        assert stored[inquiry.pk][1:4] == (" ".join(title), " ".join(body), " ".join(forms))


def test_postgres_tsv_is_the_literal_of_the_stored_lemma_streams(register, db_vendor):
    """Lemmas only: forms are matched on the stored forms text, so none is a lexeme."""
    if db_vendor != "postgresql":
        pytest.skip("a PostgreSQL column")
    from interpel.search.backends.postgres import tsvector_literal

    reindex_all(workers=1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT inquiry_id, title, body FROM search_document")
        for inquiry_id, title, body in cursor.fetchall():
            literal = tsvector_literal(title.split(), body.split())
            cursor.execute(
                "SELECT tsv = %s::tsvector FROM search_document WHERE inquiry_id = %s", [literal, inquiry_id]
            )
            assert cursor.fetchone()[0], inquiry_id
