"""Names and offices brought to the nominative with morfeusz2, as the register stores them."""

from __future__ import annotations

import pytest

from interpel.text.names import clean_person, looks_like_person, office_nominative, person_nominative


@pytest.mark.parametrize(
    ("genitive", "nominative"),
    [
        ("Bartosza Romowicza", "Bartosz Romowicz"),
        ("Roberta Dowhana", "Robert Dowhan"),
        ("Jacka Skibe", "Jacek Skibe"),  # indeclinable surname stays
        ("Marka Wierciocha", "Marek Wiercioch"),
        ("Wiesława Krajewskiego", "Wiesław Krajewski"),
        ("Katarzyny Pełczyńskiej-Nałęcz", "Katarzyna Pełczyńska-Nałęcz"),
    ],
)
def test_person_nominative(genitive: str, nominative: str) -> None:
    assert person_nominative(genitive) == nominative


@pytest.mark.parametrize(
    ("office", "nominative"),
    [
        ("Burmistrzowi Miasta i Gminy", "Burmistrz Miasta i Gminy"),
        ("Prezydentowi Miasta Kalisza", "Prezydent Miasta Kalisza"),
        ("Prezydenta Miasta Oświęcim", "Prezydent Miasta Oświęcim"),
        ("Prezydent Miasta Kalisza", "Prezydent Miasta Kalisza"),
    ],
)
def test_office_nominative(office: str, nominative: str) -> None:
    assert office_nominative(office) == nominative


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Krystian Kinastowski", True),
        ("dr Andrzej Jasiński", True),
        ("Paweł BEJDA", True),
        ("Katarzyna Pełczyńska-Nałęcz", True),
        ("PREZYDENT", False),
        ("MIASTA KALISZA", False),
        ("Podsekretarz Stanu", False),
        ("Zastępca Burmistrza", False),
        ("Ministerstwo Klimatu i Środowiska", False),
        ("Radny Rady Miasta Kalisza", False),
    ],
)
def test_looks_like_person(line: str, expected: bool) -> None:
    assert looks_like_person(line) is expected


def test_clean_person_drops_titles_and_capitals() -> None:
    assert clean_person("dr Andrzej Jasiński") == "Andrzej Jasiński"
    assert clean_person("Paweł BEJDA") == "Paweł Bejda"


@pytest.mark.parametrize(
    ("office", "nominative"),
    [
        ("Radna Rady Miasta", "Radna Rady Miasta"),  # feminine nominative, not the neuter "radno"
        ("Radnej Rady Miasta", "Radna Rady Miasta"),
        ("Radni Rady Miasta Gdyni", "Radni Rady Miasta Gdyni"),  # several signatories
        ("Zastępcy Prezydenta Miasta", "Zastępca Prezydenta Miasta"),
        ("Przewodniczącego Rady Miasta", "Przewodniczący Rady Miasta"),
    ],
)
def test_office_nominative_keeps_gender_and_number(office: str, nominative: str) -> None:
    assert office_nominative(office) == nominative


@pytest.mark.parametrize(
    ("genitive", "nominative"),
    [
        ("Pawła Kowalskiego", "Paweł Kowalski"),  # not the woman's name "Pawła"
        ("Daniela Nowaka", "Daniel Nowak"),
        ("Kamila Zająca", "Kamil Zając"),
        ("Anny Kowalskiej", "Anna Kowalska"),
    ],
)
def test_person_nominative_general_tie_break(genitive: str, nominative: str) -> None:
    assert person_nominative(genitive) == nominative


@pytest.mark.parametrize(
    ("line", "name"),
    [("KOWALCZYK Andrzej", "Andrzej Kowalczyk"), ("Wilk Beata", "Beata Wilk"), ("Jan Paweł", "Jan Paweł")],
)
def test_clean_person_turns_surname_first(line: str, name: str) -> None:
    assert clean_person(line) == name
