"""Due dates derived by hand from the law: art. 111 § 2 and art. 115 k.c., the act on days off, the rule sets.

Every expected date below was worked out on a paper calendar, not by the engine: start + N days (the start day
is not counted), then, under the k.c. policy, past Saturdays, Sundays and public holidays.
"""

from datetime import date

import pytest

from interpel.errors import InvalidData
from interpel.law.deadlines import RULE_SETS, Policy, Start, deadline, rules_for

D = date

# (case, start day, rule set, days override, policy, expected due date)
CASES = [
    # The example of product.md: Wednesday + 14 = Wednesday, nothing to move.
    ("product example", D(2026, 3, 25), "gmina", None, "kc", D(2026, 4, 8)),
    # Easter 2026 is 5 April, Easter Monday 6 April.
    ("ends on Easter Monday", D(2026, 3, 23), "gmina", None, "kc", D(2026, 4, 7)),
    ("ends on Easter Sunday", D(2026, 3, 22), "gmina", None, "kc", D(2026, 4, 7)),
    ("Saturday before a holiday Monday", D(2026, 3, 21), "gmina", None, "kc", D(2026, 4, 7)),
    ("received on Easter Monday", D(2026, 4, 6), "gmina", None, "kc", D(2026, 4, 20)),
    ("received on Saturday, ends on Saturday", D(2026, 4, 4), "gmina", None, "kc", D(2026, 4, 20)),
    ("ends on a plain Sunday", D(2026, 3, 29), "gmina", None, "kc", D(2026, 4, 13)),
    # Easter 2025 is 20 April.
    ("Easter Monday 2025", D(2025, 4, 7), "gmina", None, "kc", D(2025, 4, 22)),
    # 1 May 2026 is a Friday, 3 May a Sunday: Friday, Saturday, Sunday skipped.
    ("1 May on Friday, 3 May on Sunday", D(2026, 4, 17), "gmina", None, "kc", D(2026, 5, 4)),
    # 1 May 2025 is a Thursday; Friday 2 May is a working day.
    ("1 May on Thursday, 2 May works", D(2025, 4, 17), "gmina", None, "kc", D(2025, 5, 2)),
    ("3 May on Saturday", D(2025, 4, 19), "gmina", None, "kc", D(2025, 5, 5)),
    # Pentecost Sunday (Zielone Świątki) 2026 is 24 May.
    ("Pentecost Sunday", D(2026, 5, 10), "gmina", None, "kc", D(2026, 5, 25)),
    # Corpus Christi: Easter + 60 days, always a Thursday.
    ("Corpus Christi 2026", D(2026, 5, 21), "gmina", None, "kc", D(2026, 6, 5)),
    ("Corpus Christi 2025", D(2025, 6, 5), "gmina", None, "kc", D(2025, 6, 20)),
    ("15 August on Friday", D(2025, 8, 1), "gmina", None, "kc", D(2025, 8, 18)),
    ("15 August on Saturday", D(2026, 8, 1), "gmina", None, "kc", D(2026, 8, 17)),
    ("1 November on Saturday", D(2025, 10, 18), "gmina", None, "kc", D(2025, 11, 3)),
    # 2 November (Zaduszki) is not a day off.
    ("1 November on Sunday, 2 November works", D(2026, 10, 18), "gmina", None, "kc", D(2026, 11, 2)),
    ("11 November on Tuesday", D(2025, 10, 28), "gmina", None, "kc", D(2025, 11, 12)),
    ("11 November on Wednesday", D(2026, 10, 28), "gmina", None, "kc", D(2026, 11, 12)),
    # The one-off day off of 12.11.2018 (ustawa z 2018 r. o ustanowieniu 12 listopada 2018 r. dniem wolnym od pracy).
    ("12 November 2018", D(2018, 10, 29), "gmina", None, "kc", D(2018, 11, 13)),
    # Wigilia is a day off from 2025 only.
    ("Wigilia 2024 was a working day", D(2024, 12, 10), "gmina", None, "kc", D(2024, 12, 24)),
    ("Wigilia 2025 starts five days off", D(2025, 12, 10), "gmina", None, "kc", D(2025, 12, 29)),
    ("Wigilia 2026 on Thursday", D(2026, 12, 10), "gmina", None, "kc", D(2026, 12, 28)),
    ("Christmas 2024", D(2024, 12, 11), "gmina", None, "kc", D(2024, 12, 27)),
    ("Christmas 2026 on Friday", D(2026, 12, 11), "gmina", None, "kc", D(2026, 12, 28)),
    ("31 December is a working day", D(2025, 12, 17), "gmina", None, "kc", D(2025, 12, 31)),
    ("New Year 2026", D(2025, 12, 18), "gmina", None, "kc", D(2026, 1, 2)),
    ("New Year 2027 on Friday, over a weekend", D(2026, 12, 18), "gmina", None, "kc", D(2027, 1, 4)),
    (
        "over the year end to a Saturday, Monday before Epiphany",
        D(2025, 12, 20),
        "gmina",
        None,
        "kc",
        D(2026, 1, 5),
    ),
    ("Epiphany 2026", D(2025, 12, 23), "gmina", None, "kc", D(2026, 1, 7)),
    ("Epiphany 2027", D(2026, 12, 23), "gmina", None, "kc", D(2027, 1, 7)),
    # Epiphany has been a day off again only since 2011 (ustawa z 24 września 2010 r.).
    ("Epiphany 2010 was a working day", D(2009, 12, 23), "gmina", None, "kc", D(2010, 1, 6)),
    ("Epiphany 2011", D(2010, 12, 23), "gmina", None, "kc", D(2011, 1, 7)),
    ("leap day", D(2024, 2, 15), "gmina", None, "kc", D(2024, 2, 29)),
    ("past a leap day", D(2024, 2, 16), "gmina", None, "kc", D(2024, 3, 1)),
    ("no leap day in 2026, ends on Sunday", D(2026, 2, 15), "gmina", None, "kc", D(2026, 3, 2)),
    ("powiat", D(2026, 3, 23), "powiat", None, "kc", D(2026, 4, 7)),
    ("wojewodztwo", D(2026, 4, 17), "wojewodztwo", None, "kc", D(2026, 5, 4)),
    # Sejm: 21 days from sending to the addressee.
    ("sejm, plain", D(2026, 3, 25), "sejm", None, "kc", D(2026, 4, 15)),
    ("sejm, Easter Monday", D(2026, 3, 16), "sejm", None, "kc", D(2026, 4, 7)),
    ("sejm, Wigilia 2025", D(2025, 12, 3), "sejm", None, "kc", D(2025, 12, 29)),
    # District statute (e.g. Rembertów: 21 days) and pre-2018 statutes (Kraków: 21 days).
    ("district 21 days, New Year", D(2024, 12, 11), "dzielnica", 21, "kc", D(2025, 1, 2)),
    ("district 21 days, 2 January works", D(2024, 12, 12), "dzielnica", 21, "kc", D(2025, 1, 2)),
    ("pre-2018 statute 21 days, Easter Monday 2016", D(2016, 3, 7), "statut", 21, "kc", D(2016, 3, 29)),
    ("gmina with a statute's 30 days", D(2026, 3, 7), "gmina", 30, "kc", D(2026, 4, 7)),
    # Calendar policy: the same count, never moved.
    ("calendar: product example", D(2026, 3, 25), "gmina", None, "calendar", D(2026, 4, 8)),
    ("calendar: Saturday stays", D(2026, 3, 21), "gmina", None, "calendar", D(2026, 4, 4)),
    ("calendar: Wigilia 2025 stays", D(2025, 12, 10), "gmina", None, "calendar", D(2025, 12, 24)),
    ("calendar: sejm on Easter Monday", D(2026, 3, 16), "sejm", None, "calendar", D(2026, 4, 6)),
    ("calendar: district 21 days on New Year", D(2024, 12, 11), "dzielnica", 21, "calendar", D(2025, 1, 1)),
]


@pytest.mark.parametrize(
    ("start", "name", "days", "policy", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_due_date(start: date, name: str, days: int | None, policy: str, expected: date) -> None:
    assert deadline(start, rules_for(name, days=days, policy=policy)).due_on == expected


def test_there_are_at_least_forty_cases_of_each_kind_that_matters() -> None:
    assert len(CASES) >= 40
    assert {c[4] for c in CASES} == {"kc", "calendar"}
    assert any(c[2] == "sejm" for c in CASES) and any(c[3] == 21 for c in CASES)


def test_explanation_names_the_start_the_sources_and_the_weekday() -> None:
    found = deadline(D(2026, 3, 25), rules_for("gmina"))
    assert found.explanation == (
        "Termin 14 dni od dnia otrzymania (art. 24 ust. 6 u.s.g.), liczony od dnia następnego po 25.03.2026"
        " (art. 111 § 2 k.c.), upływa 08.04.2026 (środa)."
    )
    assert found.skipped == ()
    assert "\n" not in found.explanation


def test_explanation_names_every_skipped_day_and_its_reason() -> None:
    found = deadline(D(2025, 12, 10), rules_for("gmina"))
    text = found.explanation
    assert "przesunięty z 24.12.2025" in text and "art. 115 k.c." in text
    assert "upływa 29.12.2025 (poniedziałek)" in text
    for needle in (
        "24.12.2025 – Wigilia Bożego Narodzenia",
        "25.12.2025 – Boże Narodzenie",
        "26.12.2025 – Boże Narodzenie",
        "27.12.2025 – sobota",
        "28.12.2025 – niedziela",
    ):
        assert needle in text
    assert [s.day for s in found.skipped] == [D(2025, 12, d) for d in (24, 25, 26, 27, 28)]


def test_a_sunday_holiday_is_named_with_both_reasons() -> None:
    found = deadline(D(2026, 3, 22), rules_for("gmina"))
    assert found.skipped[0].day == D(2026, 4, 5)
    assert found.skipped[0].reasons[0] == "niedziela"
    assert "Wielkanoc" in found.skipped[0].reasons[1]
    assert "Poniedziałek Wielkanocny" in found.explanation


def test_calendar_explanation_says_what_the_kc_would_give() -> None:
    found = deadline(D(2026, 3, 21), rules_for("gmina", policy=Policy.CALENDAR))
    assert found.due_on == D(2026, 4, 4) and found.skipped == ()
    assert "kalendarzowo" in found.explanation and "(sobota)" in found.explanation
    assert "według k.c.: 07.04.2026" in found.explanation
    plain = deadline(D(2026, 3, 25), rules_for("gmina", policy="calendar"))
    assert "k.c." not in plain.explanation


def test_sejm_counts_from_sending_and_cites_its_rules() -> None:
    rules = rules_for("sejm")
    assert (rules.days, rules.start) == (21, Start.SENDING)
    assert "przesłania adresatowi" in deadline(D(2026, 3, 25), rules).explanation
    assert "Regulamin Sejmu" in deadline(D(2026, 3, 25), rules).explanation


def test_a_length_other_than_the_statutes_is_attributed_to_the_council_statute() -> None:
    assert rules_for("gmina", days=14).source == RULE_SETS["gmina"].source
    longer = rules_for("gmina", days=21)
    assert longer.days == 21 and "u.s.g." not in longer.source
    assert "Termin 21 dni" in deadline(D(2016, 3, 7), longer).explanation


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "miasto"}, "Nieznany zestaw reguł"),
        ({"name": "dzielnica"}, "wymaga liczby dni"),
        ({"name": "gmina", "days": 0}, "od 1 do"),
        ({"name": "gmina", "days": 400}, "od 1 do"),
        ({"name": "gmina", "policy": "robocze"}, "Nieznana polityka"),
        ({"name": "gmina", "start": "publication"}, "Nieznane zdarzenie"),
    ],
)
def test_bad_rule_settings_are_refused_in_polish(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidData, match=message):
        rules_for(**kwargs)  # type: ignore[arg-type]


def test_every_builtin_rule_set_is_fourteen_or_twenty_one_days() -> None:
    assert {name: r.days for name, r in RULE_SETS.items()} == {
        "gmina": 14,
        "powiat": 14,
        "wojewodztwo": 14,
        "sejm": 21,
    }
    assert all(r.policy is Policy.KC for r in RULE_SETS.values())


def test_invariants_of_the_k_c_policy_over_twenty_years() -> None:
    # What art. 111 § 2 and art. 115 k.c. imply for every start day, whatever the calendar of that year.
    rules = rules_for("gmina")
    start = D(2010, 1, 1)
    while start < D(2031, 1, 1):
        found = deadline(start, rules)
        assert (found.nominal_on - start).days == 14
        assert found.due_on.weekday() != 5 and found.due_on.weekday() != 6
        assert (found.due_on - found.nominal_on).days == len(found.skipped) <= 5
        assert [s.day for s in found.skipped] == [
            D.fromordinal(found.nominal_on.toordinal() + i) for i in range(len(found.skipped))
        ]
        assert deadline(start, rules_for("gmina", policy="calendar")).due_on == found.nominal_on
        start = D.fromordinal(start.toordinal() + 1)
