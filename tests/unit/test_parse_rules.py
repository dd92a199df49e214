"""Line classes and phrase rules of the letter parser, on lines as real letters and their conversions print them."""

from __future__ import annotations

import pytest

from interpel.text.parse_fields import answer_reference, role_of_letter, subject_after
from interpel.text.segment import SUBJECT_LABEL_RE, is_letterhead, match_place_date


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("ul. Kościuszki 13, 34-500 Zakopane", True),
        ("tel. 89 527 31 11, www.olsztyn.eu", True),
        ("e-mail: sekretariat@um.gdynia.pl", True),
        ("Stwierdzone nieprawidłowości na ul. Krzeptówki zostały usunięte.", False),
        ("mieszkańcy zgłaszali telefonicznie awarie", False),
    ],
)
def test_letterhead_lines(line: str, expected: bool) -> None:
    assert is_letterhead(line) is expected


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("Kalisz, 2 kwietnia 2026 r.", "Kalisz"),
        ("ZD.0003.9.2025.MK Olsztyn, 27.01.2025 r.", "Olsztyn"),  # layout gap collapsed by a converter
        ("Znak: OR.0003.21.2024 Szamotuły, 15.10.2024 r.", "Szamotuły"),
        ("Warszawa, /elektroniczny znacznik czasu/", "Warszawa"),
        ("Radni, 12 osób głosowało za", None),  # no date after the comma
    ],
)
def test_place_date_line(line: str, place: str | None) -> None:
    match = match_place_date(line)
    assert (match["place"] if match else None) == place


@pytest.mark.parametrize(
    "line", ["Dot.: remontu drogi", "Dot. remontu drogi", "Dotyczy: remontu", "Temat: remont"]
)
def test_subject_labels(line: str) -> None:
    assert SUBJECT_LABEL_RE.match(line)


def test_delay_notice_is_no_answer() -> None:
    body = (
        "uprzejmie informuję, że odpowiedź na interpelację z dnia 1 października 2024 r. w sprawie oświetlenia "
        "ulicy Polnej zostanie udzielona w terminie późniejszym."
    )
    role, kind = role_of_letter(None, "", body, "Burmistrz", "")
    assert role == "other_letter" and kind and kind.startswith("zawiadomienie")
    assert subject_after(body) == "oświetlenia ulicy Polnej"


def test_subject_ends_before_an_office_that_answers() -> None:
    assert subject_after("w sprawie wiat przystankowych Prezydent Miasta Lublin informuje, że") == (
        "wiat przystankowych"
    )


def test_reference_date_is_the_inquirys_own() -> None:
    ref = answer_reference(
        "w odpowiedzi na interpelację w sprawie połączeń kolejowych informuję, że od dnia 9 czerwca 2024 r. "
        "uruchomimy nowe pociągi."
    )
    assert ref["date"] is None
    ref = answer_reference(
        "w odpowiedzi na interpelację nr 87/2024 z dnia 30 grudnia 2024 r. w sprawie kładki"
    )
    assert ref["date"] == "2024-12-30"
