"""Where an inquiry stands on a given day: awaiting, due soon, overdue, answered on time or late, withdrawn."""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Protocol

from interpel.law.deadlines import format_day

DUE_SOON_DAYS = 3  # issue 3: "due soon" is 3 days or less before the due date


class AnswerKind(StrEnum):
    """Kinds of a reply from the executive (glossary in product.md)."""

    ANSWER = "answer"
    PARTIAL = "partial"
    DELAY_NOTICE = "delay_notice"
    REDIRECT = "redirect"
    REFUSAL = "refusal"


# A reply that disposes of the inquiry. A partial answer does not: the rest is still owed. A delay notice never
# does and never moves the due date, because the 14-day term is instructional and no provision lets it be extended.
CLOSING_KINDS = frozenset({AnswerKind.ANSWER, AnswerKind.REDIRECT, AnswerKind.REFUSAL})


class StatusCode(StrEnum):
    """Machine-readable status, stable for the API and filters."""

    AWAITING = "awaiting"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    ANSWERED_ON_TIME = "answered_on_time"
    ANSWERED_LATE = "answered_late"
    ANSWERED = "answered"  # the due date is unknown (no date of receipt), so timeliness is not judged
    WITHDRAWN = "withdrawn"


class AnswerFacts(Protocol):
    """What the status needs of an answer."""

    @property
    def kind(self) -> str: ...

    @property
    def answered_on(self) -> date: ...


class InquiryFacts(Protocol):
    """What the status needs of an inquiry; `due_on` is None when the date the term runs from is unknown."""

    @property
    def due_on(self) -> date | None: ...

    @property
    def withdrawn_on(self) -> date | None: ...

    @property
    def answers(self) -> Iterable[AnswerFacts]: ...


@dataclass(frozen=True)
class Reply:
    """A plain answer record, for callers that hold no model (the CLI, imports, tests)."""

    kind: str
    answered_on: date


@dataclass(frozen=True)
class Facts:
    """A plain inquiry record satisfying `InquiryFacts`."""

    due_on: date | None
    answers: tuple[Reply, ...] = ()
    withdrawn_on: date | None = None


@dataclass(frozen=True)
class Status:
    """The status on one day: its code, the number of days it counts (late by, left), and a Polish label."""

    code: StatusCode
    days: int | None
    label: str
    due_on: date | None
    answered_on: date | None = None
    delay_notice_on: date | None = None  # the latest notice of delay, shown beside the unchanged due date
    partial_on: date | None = None  # the latest partial answer while the inquiry is still open
    withdrawn_on: date | None = None


def days_word(n: int) -> str:
    """'1 dzień', '2 dni', '5 dni': the only two forms Polish uses for days."""
    return f"{n} {'dzień' if abs(n) == 1 else 'dni'}"


def status_on(inquiry: InquiryFacts, day: date) -> Status:
    """The status of `inquiry` as it stood at the end of `day`; nothing dated after `day` is taken into account."""
    due = inquiry.due_on
    known = sorted((a for a in inquiry.answers if a.answered_on <= day), key=lambda a: a.answered_on)
    closing = next((a.answered_on for a in known if a.kind in CLOSING_KINDS), None)
    notice = max((a.answered_on for a in known if a.kind == AnswerKind.DELAY_NOTICE), default=None)
    partial = max((a.answered_on for a in known if a.kind == AnswerKind.PARTIAL), default=None)
    withdrawn = inquiry.withdrawn_on if inquiry.withdrawn_on and inquiry.withdrawn_on <= day else None

    if withdrawn is not None and (closing is None or withdrawn < closing):
        label = f"wycofano {format_day(withdrawn)}"
        return Status(StatusCode.WITHDRAWN, None, label, due, withdrawn_on=withdrawn)
    if closing is not None:
        return _answered(due, closing, notice)
    status = _open(due, day)
    label = status.label
    if partial is not None:
        label += f"; odpowiedź częściowa {format_day(partial)}"
    if notice is not None:
        label += f"; zawiadomienie o opóźnieniu {format_day(notice)} nie zmienia terminu"
    return replace(status, label=label, delay_notice_on=notice, partial_on=partial)


def _answered(due: date | None, answered_on: date, notice: date | None) -> Status:
    answered = format_day(answered_on)
    if due is None:
        return Status(StatusCode.ANSWERED, None, f"udzielono odpowiedzi {answered}", due, answered_on)
    late = (answered_on - due).days
    if late <= 0:
        label = f"odpowiedź w terminie ({answered}, termin {format_day(due)})"
        return Status(StatusCode.ANSWERED_ON_TIME, 0, label, due, answered_on, notice)
    label = f"odpowiedź po terminie o {days_word(late)} ({answered}, termin {format_day(due)})"
    return Status(StatusCode.ANSWERED_LATE, late, label, due, answered_on, notice)


def _open(due: date | None, day: date) -> Status:
    if due is None:
        return Status(StatusCode.AWAITING, None, "oczekuje na odpowiedź; termin nieznany", due)
    left = (due - day).days
    if left < 0:
        label = f"bez odpowiedzi po terminie o {days_word(-left)} (termin {format_day(due)})"
        return Status(StatusCode.OVERDUE, -left, label, due)
    if left <= DUE_SOON_DAYS:
        when = {0: "dziś", 1: "jutro"}.get(left, f"za {days_word(left)}")
        return Status(StatusCode.DUE_SOON, left, f"termin odpowiedzi mija {when} ({format_day(due)})", due)
    return Status(StatusCode.AWAITING, left, f"oczekuje na odpowiedź; termin {format_day(due)}", due)
