"""The lemmatiser: one function for documents and queries (morfeusz2 with the SGJP dictionary)."""

import pytest

from interpel.text.polish import analyse, fold, index_streams, lemmas, word_lemmas


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Łódź", "lodz"),
        ("ŻÓŁĆ", "zolc"),
        ("Gdańsk", "gdansk"),
        ("szkołach", "szkolach"),
        ("Straße", "strasse"),
    ],
)
def test_fold_removes_diacritics_and_l_stroke(text, folded):
    assert fold(text) == folded


def test_resident_query_meets_the_document_words():
    # product.md: "remont drogi Piwonice" must find "remontu dróg na osiedlu Piwonice".
    query = [set(t.lemmas) for t in analyse("remont drogi Piwonice")]
    document = set(lemmas("remontu dróg na osiedlu Piwonice"))
    assert all(q & document for q in query)


def test_ambiguous_form_keeps_every_lemma():
    assert {"droga", "drogi"} <= set(word_lemmas("drogi"))
    assert {"droga", "drogi"} <= set(word_lemmas("dróg"))


def test_disambiguated_mode_keeps_one_lemma():
    assert len(word_lemmas("drogi", "one")) == 1


def test_homonym_marks_are_stripped():
    # SGJP writes "drogi:S" and "na:P"; no lemma may keep the mark.
    assert all(":" not in lemma for lemma in lemmas("drogi na osiedlu"))


def test_agglutinated_forms_keep_the_verb_and_drop_the_clitic():
    assert word_lemmas("zrobiłem") == ("zrobic",)
    assert word_lemmas("zrobiłby") == ("zrobic",)


def test_unknown_words_fall_back_to_the_folded_form():
    assert word_lemmas("KSeF") == ("ksef",)
    assert word_lemmas("Xyzzyqwerty") == ("xyzzyqwerty",)


def test_lodz_without_diacritics_finds_the_city_in_any_case():
    assert "lodz" in word_lemmas("lodz")
    assert "lodz" in word_lemmas("Łodzi")


def test_capital_at_sentence_start_does_not_change_lemmas():
    assert word_lemmas("Szczepienia") == word_lemmas("szczepienia")


def test_stop_words_are_left_out_of_both_streams():
    stream, forms = index_streams("w sprawie remontu i przebudowy się")
    assert "w" not in stream and "i" not in stream and "sie" not in stream
    assert forms == ["sprawie", "remontu", "przebudowy"]


def test_tokens_point_back_into_the_original_text():
    text = "Remont ul. Piwonickiej – w 2026 r."
    for token in analyse(text):
        assert fold(text[token.start : token.end]) == token.form
