"""The query language: words, phrases, exclusions, OR, prefixes, filters, and input that must never raise."""

import pytest

from interpel.search.query import MAX_QUERY_CHARS, AnyOf, Phrase, Prefix, Word, parse


def test_words_become_clauses_with_their_lemmas():
    parsed = parse("remont drogi Piwonice")
    assert [type(c) for c in parsed.clauses] == [Word, Word, Word]
    assert "droga" in parsed.clauses[1].lemmas
    assert parsed.clauses[2].lemmas == ("piwonice",)


def test_stop_words_make_no_clause():
    assert len(parse("remont drogi na osiedlu").clauses) == 3


def test_phrase_keeps_forms_in_order():
    parsed = parse('"system SENT" odzież')
    assert parsed.clauses[0] == Phrase(("system", "sent"))
    assert isinstance(parsed.clauses[1], Word)


def test_exclusion_of_word_and_phrase():
    parsed = parse('SENT -kary -"branża odzieżowa"')
    assert len(parsed.clauses) == 1
    assert parsed.excluded[0].lemmas == ("kara",) or "kara" in parsed.excluded[0].lemmas
    assert parsed.excluded[1] == Phrase(("branza", "odziezowa"))


def test_or_groups_neighbours():
    parsed = parse("szkoła OR przedszkole remont")
    assert isinstance(parsed.clauses[0], AnyOf) and len(parsed.clauses[0].options) == 2
    assert isinstance(parsed.clauses[1], Word)
    assert isinstance(parse("szkoła | przedszkole").clauses[0], AnyOf)


def test_prefix_needs_two_letters():
    assert parse("remon*").clauses == [Prefix("remon")]
    assert parse("r*").clauses == []


def test_unknown_word_also_matches_as_a_form():
    word = parse("szkolach").clauses[0]
    assert word.form == "szkolach"
    assert parse("szkołach").clauses[0].form is None


def test_filters_in_text_use_polish_or_english_keys():
    parsed = parse("drogi rodzaj:question radny:jan-kowalski od:2025-01-01 year:2026")
    assert parsed.filters == {
        "kind": "question",
        "councillor": "jan-kowalski",
        "date_from": "2025-01-01",
        "year": "2026",
    }
    assert len(parsed.clauses) == 1


@pytest.mark.parametrize(
    "nasty",
    [
        '"unbalanced quote',
        '"',
        "OR",
        "OR OR |",
        "-",
        "- -",
        "***",
        "-kary",
        "\x00\x07remont\x1b[31m",
        "a" * 10_000,
        "drogi " * 5000,
        '"" "" -""',
        "AND NOT",
        "szkoła OR",
        "OR szkoła",
        "(remont)",
        "{title}:x",
        "NEAR(a b)",
        "\u202e\ufeffdroga",
        "😀 droga",
    ],
)
def test_malformed_queries_never_raise(nasty):
    parsed = parse(nasty)
    assert len(parsed.clauses) <= 24
    assert all(isinstance(w, str) for w in parsed.warnings)


def test_unbalanced_quote_is_closed_with_a_warning():
    parsed = parse('"remont drogi')
    assert parsed.clauses == [Phrase(("remont", "drogi"))]
    assert parsed.warnings


def test_overlong_query_is_cut_with_a_warning():
    parsed = parse("droga " * 1000)
    assert any(str(MAX_QUERY_CHARS) in w for w in parsed.warnings)


def test_only_exclusions_search_nothing_and_say_why():
    parsed = parse("-kary")
    assert parsed.is_empty and parsed.warnings
