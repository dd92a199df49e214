"""status_on: what a resident is told about an inquiry on a given day; time is always a parameter."""

from datetime import date

import pytest

from interpel.law.status import AnswerKind, Facts, Reply, StatusCode, days_word, status_on

DUE = date(2026, 4, 8)  # received 25.03.2026, gmina rules (product.md)


def answered(*replies: tuple[str, date], withdrawn_on: date | None = None, due: date | None = DUE) -> Facts:
    return Facts(
        due_on=due, answers=tuple(Reply(kind, on) for kind, on in replies), withdrawn_on=withdrawn_on
    )


# (case, facts, day, expected code, expected days)
CASES = [
    ("just received", answered(), date(2026, 3, 26), StatusCode.AWAITING, 13),
    ("four days left is not yet due soon", answered(), date(2026, 4, 4), StatusCode.AWAITING, 4),
    ("three days left", answered(), date(2026, 4, 5), StatusCode.DUE_SOON, 3),
    ("due today", answered(), DUE, StatusCode.DUE_SOON, 0),
    ("one day overdue", answered(), date(2026, 4, 9), StatusCode.OVERDUE, 1),
    ("overdue across a month", answered(), date(2026, 5, 8), StatusCode.OVERDUE, 30),
    (
        "answered before the due date",
        answered(("answer", date(2026, 4, 2))),
        date(2026, 4, 20),
        StatusCode.ANSWERED_ON_TIME,
        0,
    ),
    (
        "answered on the due date",
        answered(("answer", DUE)),
        date(2026, 4, 20),
        StatusCode.ANSWERED_ON_TIME,
        0,
    ),
    (
        "answered two days late",
        answered(("answer", date(2026, 4, 10))),
        date(2026, 4, 20),
        StatusCode.ANSWERED_LATE,
        2,
    ),
    (
        "an answer dated after the day is not seen yet",
        answered(("answer", date(2026, 4, 10))),
        date(2026, 4, 9),
        StatusCode.OVERDUE,
        1,
    ),
    (
        "a refusal closes the inquiry",
        answered(("refusal", date(2026, 4, 1))),
        date(2026, 4, 20),
        StatusCode.ANSWERED_ON_TIME,
        0,
    ),
    (
        "a redirect closes the inquiry",
        answered(("redirect", date(2026, 4, 15))),
        date(2026, 4, 20),
        StatusCode.ANSWERED_LATE,
        7,
    ),
    (
        "a delay notice does not move the due date",
        answered(("delay_notice", date(2026, 4, 7))),
        date(2026, 4, 12),
        StatusCode.OVERDUE,
        4,
    ),
    (
        "a late answer after a delay notice is late",
        answered(("delay_notice", date(2026, 4, 7)), ("answer", date(2026, 4, 22))),
        date(2026, 4, 30),
        StatusCode.ANSWERED_LATE,
        14,
    ),
    (
        "a partial answer leaves the inquiry open",
        answered(("partial", date(2026, 4, 3))),
        date(2026, 4, 10),
        StatusCode.OVERDUE,
        2,
    ),
    (
        "the first closing answer decides",
        answered(("answer", date(2026, 4, 20)), ("answer", date(2026, 4, 1))),
        date(2026, 4, 30),
        StatusCode.ANSWERED_ON_TIME,
        0,
    ),
    (
        "withdrawn before any answer",
        answered(withdrawn_on=date(2026, 4, 1)),
        date(2026, 4, 20),
        StatusCode.WITHDRAWN,
        None,
    ),
    (
        "a withdrawal dated later is not seen yet",
        answered(withdrawn_on=date(2026, 4, 15)),
        date(2026, 4, 10),
        StatusCode.OVERDUE,
        2,
    ),
    (
        "answered, then withdrawn: stays answered",
        answered(("answer", date(2026, 4, 2)), withdrawn_on=date(2026, 4, 5)),
        date(2026, 4, 20),
        StatusCode.ANSWERED_ON_TIME,
        0,
    ),
    (
        "withdrawn after a partial answer",
        answered(("partial", date(2026, 4, 2)), withdrawn_on=date(2026, 4, 5)),
        date(2026, 4, 20),
        StatusCode.WITHDRAWN,
        None,
    ),
    (
        "no date of receipt: awaiting, no judgement",
        answered(due=None),
        date(2026, 6, 1),
        StatusCode.AWAITING,
        None,
    ),
    (
        "no date of receipt: answered, no judgement",
        answered(("answer", date(2026, 5, 1)), due=None),
        date(2026, 6, 1),
        StatusCode.ANSWERED,
        None,
    ),
]


@pytest.mark.parametrize(("facts", "day", "code", "days"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_status(facts: Facts, day: date, code: StatusCode, days: int | None) -> None:
    status = status_on(facts, day)
    assert (status.code, status.days) == (code, days)
    assert status.due_on == facts.due_on


def test_labels_say_it_in_polish_with_dates() -> None:
    assert (
        status_on(answered(), date(2026, 4, 9)).label
        == "bez odpowiedzi po terminie o 1 dzień (termin 08.04.2026)"
    )
    assert status_on(answered(), date(2026, 4, 12)).label.startswith("bez odpowiedzi po terminie o 4 dni")
    assert status_on(answered(), DUE).label == "termin odpowiedzi mija dziś (08.04.2026)"
    assert status_on(answered(), date(2026, 4, 7)).label == "termin odpowiedzi mija jutro (08.04.2026)"
    assert status_on(answered(), date(2026, 4, 6)).label == "termin odpowiedzi mija za 2 dni (08.04.2026)"
    late = status_on(answered(("answer", date(2026, 4, 10))), date(2026, 4, 20))
    assert late.label == "odpowiedź po terminie o 2 dni (10.04.2026, termin 08.04.2026)"
    assert status_on(answered(withdrawn_on=date(2026, 4, 1)), date(2026, 4, 2)).label == "wycofano 01.04.2026"


def test_a_delay_notice_is_shown_beside_the_unchanged_due_date() -> None:
    status = status_on(answered(("delay_notice", date(2026, 4, 7))), date(2026, 4, 12))
    assert status.due_on == DUE and status.delay_notice_on == date(2026, 4, 7)
    assert "zawiadomienie o opóźnieniu 07.04.2026 nie zmienia terminu" in status.label
    assert "termin 08.04.2026" in status.label


def test_a_partial_answer_is_shown_while_open() -> None:
    status = status_on(answered(("partial", date(2026, 4, 3))), date(2026, 4, 5))
    assert status.partial_on == date(2026, 4, 3) and "odpowiedź częściowa 03.04.2026" in status.label
    assert status.answered_on is None


def test_answer_kinds_are_the_glossarys() -> None:
    assert {k.value for k in AnswerKind} == {"answer", "partial", "delay_notice", "redirect", "refusal"}


@pytest.mark.parametrize(
    ("n", "text"), [(1, "1 dzień"), (2, "2 dni"), (5, "5 dni"), (21, "21 dni"), (0, "0 dni")]
)
def test_days_word(n: int, text: str) -> None:
    assert days_word(n) == text
