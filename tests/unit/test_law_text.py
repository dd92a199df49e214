"""The portal's wording of statuses and deadlines: identical to the law module's in Polish, translated in English."""

import re
from datetime import date, timedelta

import pytest
from django.utils import translation

from interpel.law.deadlines import RULE_SETS, Policy, Start, deadline, rules_for
from interpel.law.status import AnswerKind, Facts, Reply, status_on
from interpel.portal.law_text import deadline_text, status_text

# Letters only Polish has: an English text containing one still speaks Polish somewhere.
POLISH_LETTERS = re.compile("[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")


def _all_rules():
    for name in RULE_SETS:
        for policy in Policy:
            yield rules_for(name, policy=policy)
    yield rules_for("statut", days=30, start=Start.FILING)
    yield rules_for("gmina", start=Start.SENDING)


def _deadlines():
    # Two years of start days cover every weekday, every holiday and every shifted end (Easter moves).
    first = date(2025, 1, 1)
    for rules in _all_rules():
        for offset in range(0, 730, 1 if rules.name == "gmina" and rules.policy is Policy.KC else 5):
            yield deadline(first + timedelta(days=offset), rules)


def _statuses():
    due = date(2026, 4, 8)
    answers = {
        "none": (),
        "on time": (Reply(AnswerKind.ANSWER, date(2026, 4, 2)),),
        "late": (Reply(AnswerKind.ANSWER, date(2026, 4, 20)),),
        "partial and notice": (
            Reply(AnswerKind.PARTIAL, date(2026, 4, 1)),
            Reply(AnswerKind.DELAY_NOTICE, date(2026, 4, 3)),
        ),
        "refusal": (Reply(AnswerKind.REFUSAL, date(2026, 4, 9)),),
    }
    for replies in answers.values():
        for withdrawn in (None, date(2026, 4, 5)):
            for known_due in (due, None):
                facts = Facts(due_on=known_due, answers=replies, withdrawn_on=withdrawn)
                for day in (
                    date(2026, 3, 30),
                    date(2026, 4, 5),
                    date(2026, 4, 7),
                    date(2026, 4, 8),
                    date(2026, 5, 1),
                ):
                    yield status_on(facts, day)


def test_polish_deadline_text_is_the_law_modules_explanation():
    seen_shift = 0
    with translation.override("pl"):
        for found in _deadlines():
            assert deadline_text(found) == found.explanation
            seen_shift += bool(found.skipped)
    assert seen_shift > 50  # the comparison covered shifted ends, with their holiday names


def test_polish_status_text_is_the_law_modules_label():
    codes = set()
    with translation.override("pl"):
        for status in _statuses():
            assert status_text(status) == status.label
            codes.add(status.code)
    assert len(codes) == 7  # every status code was compared


def test_english_statuses_and_deadlines_carry_no_polish():
    with translation.override("en"):
        for status in _statuses():
            text = status_text(status)
            assert not POLISH_LETTERS.search(text), text
        for found in _deadlines():
            text = deadline_text(found)
            # Provisions keep their Polish names (u.s.g., k.c. are cited as written); the sentence does not.
            sentence = re.sub(r"\([^()]*(u\.s\.g\.|statut|ustawa|Regulamin)[^()]*\)", "", text)
            assert not POLISH_LETTERS.search(sentence), text


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # 14 days from 18.12.2025 end on Thursday 01.01.2026 (New Year's Day), moved to Friday 02.01.2026.
        (date(2025, 12, 18), "skipped: 01.01.2026 – New Year's Day"),
        # 14 days from 25.03.2026 end on Wednesday 08.04.2026: nothing to skip.
        (date(2026, 3, 25), "ends on 08.04.2026 (Wednesday)"),
    ],
)
def test_english_deadline_names_the_day_and_holiday(start, expected):
    with translation.override("en"):
        assert expected in deadline_text(deadline(start, RULE_SETS["gmina"]))


def test_english_overdue_status_counts_days():
    facts = Facts(due_on=date(2026, 4, 8))
    with translation.override("en"):
        assert (
            status_text(status_on(facts, date(2026, 4, 11)))
            == "no answer, overdue by 3 days (due 08.04.2026)"
        )
        assert (
            status_text(status_on(facts, date(2026, 4, 9))) == "no answer, overdue by 1 day (due 08.04.2026)"
        )
