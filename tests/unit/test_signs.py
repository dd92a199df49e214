"""Case signs (JRWA and older slash signs), Sejm signs and e-document ids as they occur in real letters."""

from __future__ import annotations

import pytest

from interpel.text.signs import CaseSign, find_case_signs, find_edoc_ids, parse_case_sign


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("WSR.0003.2.2025", CaseSign("WSR.0003.2.2025", "WSR", "0003", "2", 2025)),
        ("KPM.003.0002.2026", CaseSign("KPM.003.0002.2026", "KPM", "003", "0002", 2026)),
        ("OR.b.0003.76.2016", CaseSign("OR.b.0003.76.2016", "OR.b", "0003", "76", 2016)),
        ("DOP-WŚ.0500.55.2026.DT", CaseSign("DOP-WŚ.0500.55.2026.DT", "DOP-WŚ", "0500", "55", 2026)),
        ("BM-II.059.1.432.2026", CaseSign("BM-II.059.1.432.2026", "BM-II", "059", "1.432", 2026)),
        ("RIOŚ.041.7.2022.MN", CaseSign("RIOŚ.041.7.2022.MN", "RIOŚ", "041", "7", 2022)),
        (
            "BMON-WP.053.547.2026/In-233-26/SL",
            CaseSign("BMON-WP.053.547.2026/In-233-26/SL", "BMON-WP", "053", "547", 2026),
        ),
        ("BMP/84/315,316/XIX/08", CaseSign("BMP/84/315,316/XIX/08", "BMP", None, "84", 2008)),
        ("K10INT18225", CaseSign("K10INT18225", "K10INT", None, "18225", None)),
        ("  S.0003.28.2019 ", CaseSign("S.0003.28.2019", "S", "0003", "28", 2019)),
        ("PDF/A", None),
        ("Ilość wizyt: 77993718", None),
        ("", None),
    ],
)
def test_parse_case_sign(raw: str, expected: CaseSign | None) -> None:
    assert parse_case_sign(raw) == expected


def test_sign_year_may_differ_from_letter_year() -> None:
    sign = parse_case_sign("KRM.0003.0002.2024")
    assert sign is not None and sign.year == 2024


def test_find_case_signs_in_running_text() -> None:
    text = "Burmistrz udzielił odpowiedzi w piśmie znak RIOŚ.041.7.2022.MN z 29 marca 2023 roku."
    assert [s for s, _span in find_case_signs(text)] == ["RIOŚ.041.7.2022.MN"]
    assert find_case_signs("(znak: K10INT18225)") == []  # a Sejm sign names the interpellation, not a case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("D2026.03.05724", ["D2026.03.05724"]),
        ("D2024.12.3007", ["D2024.12.3007"]),  # a digit missing
        ("4454816.18311799.14772544", ["4454816.18311799.14772544"]),
        ("Identyfikator dokumentu: 2520398.11280347.10651659", ["2520398.11280347.10651659"]),
        ("WSR.0003.2.2025", []),
        ("Ilość wizyt: 77993718", []),
    ],
)
def test_find_edoc_ids(text: str, expected: list[str]) -> None:
    assert [e for e, _span in find_edoc_ids(text)] == expected
