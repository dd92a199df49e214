"""The law module's statuses and deadline explanations in the visitor's language.

interpel.law is pure and speaks Polish (its labels are what the register records and exports). The portal renders
the same facts through gettext instead, so that the English site says "overdue by 3 days" where the Polish one says
"bez odpowiedzi po terminie o 3 dni". In Polish both renderings are identical, which tests/unit/test_law_text.py
checks over many dates: the portal never words the law differently from the law module.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Any

import holidays
from django.utils.translation import get_language, gettext, ngettext, pgettext

from interpel.law.days_off import SATURDAY, SUNDAY, day_off_reasons, public_holidays
from interpel.law.deadlines import Deadline, Policy, Start, deadline, format_day
from interpel.law.status import Status, StatusCode

# The weekday names law.days_off gives as reasons, by weekday number.
_WEEKDAYS = {
    0: lambda: pgettext("weekday", "poniedziałek"),
    1: lambda: pgettext("weekday", "wtorek"),
    2: lambda: pgettext("weekday", "środa"),
    3: lambda: pgettext("weekday", "czwartek"),
    4: lambda: pgettext("weekday", "piątek"),
    5: lambda: pgettext("weekday", "sobota"),
    6: lambda: pgettext("weekday", "niedziela"),
}


def days_word(n: int) -> str:
    """'1 dzień' / '3 dni' (law.status.days_word) in the active language."""
    return ngettext("%(counter)s dzień", "%(counter)s dni", abs(n)) % {"counter": n}


def status_text(status: Status) -> str:
    """What law.status.status_on says in `label`, in the active language."""
    due = format_day(status.due_on) if status.due_on else ""
    code = status.code
    if code is StatusCode.WITHDRAWN:
        if status.withdrawn_on is None:
            return gettext("wycofano")
        return gettext("wycofano %(day)s") % {"day": format_day(status.withdrawn_on)}
    answered = format_day(status.answered_on) if status.answered_on else ""
    if code is StatusCode.ANSWERED:
        if status.answered_on is None:  # registry.selectors.status_of: answered, date not recorded
            return gettext("udzielono odpowiedzi (data nieznana)")
        return gettext("udzielono odpowiedzi %(day)s") % {"day": answered}
    if code is StatusCode.ANSWERED_ON_TIME:
        return gettext("odpowiedź w terminie (%(day)s, termin %(due)s)") % {"day": answered, "due": due}
    if code is StatusCode.ANSWERED_LATE:
        return gettext("odpowiedź po terminie o %(days)s (%(day)s, termin %(due)s)") % {
            "days": days_word(status.days or 0),
            "day": answered,
            "due": due,
        }
    text = _open_text(status, due)
    if status.partial_on is not None:
        text += gettext("; odpowiedź częściowa %(day)s") % {"day": format_day(status.partial_on)}
    if status.delay_notice_on is not None:
        text += gettext("; zawiadomienie o opóźnieniu %(day)s nie zmienia terminu") % {
            "day": format_day(status.delay_notice_on)
        }
    return text


def _open_text(status: Status, due: str) -> str:
    if status.due_on is None:
        return gettext("oczekuje na odpowiedź; termin nieznany")
    if status.code is StatusCode.OVERDUE:
        return gettext("bez odpowiedzi po terminie o %(days)s (termin %(due)s)") % {
            "days": days_word(status.days or 0),
            "due": due,
        }
    if status.code is StatusCode.DUE_SOON:
        left = status.days or 0
        if left == 0:
            return gettext("termin odpowiedzi mija dziś (%(due)s)") % {"due": due}
        if left == 1:
            return gettext("termin odpowiedzi mija jutro (%(due)s)") % {"due": due}
        return gettext("termin odpowiedzi mija za %(days)s (%(due)s)") % {"days": days_word(left), "due": due}
    return gettext("oczekuje na odpowiedź; termin %(due)s") % {"due": due}


# --- deadline explanations (law.deadlines._explain)


def _start_noun(start: Start) -> str:
    return {
        Start.RECEIPT: pgettext("term runs from the day of", "otrzymania"),
        Start.SENDING: pgettext("term runs from the day of", "przesłania adresatowi"),
        Start.FILING: pgettext("term runs from the day of", "złożenia"),
    }[start]


def _weekday(day: date) -> str:
    return _WEEKDAYS[day.weekday()]()


def _reasons(day: date) -> str:
    """Why a day was skipped: weekday names and holiday names, translated where we have them."""
    out = []
    if day.weekday() in (SATURDAY, SUNDAY):
        out.append(_weekday(day))
    holiday = public_holidays(day.year).get(day)
    if holiday is not None:
        out.append(_holiday_name(day, holiday))
    return ", ".join(out)


@lru_cache(maxsize=64)
def _holidays_in(year: int, language: str) -> dict[date, str]:
    return {
        day: str(name) for day, name in holidays.country_holidays("PL", years=year, language=language).items()
    }


def _holiday_name(day: date, polish: str) -> str:
    """The `holidays` package's own name of the day in the active language (it ships en_US for Poland)."""
    language = get_language() or "pl"
    if language.startswith("pl"):
        return polish
    return _holidays_in(day.year, "en_US").get(day, polish)


def deadline_text(found: Deadline) -> str:
    """law.deadlines' explanation of a due date, in the active language."""
    rules = found.rules
    due = f"{format_day(found.due_on)} ({_weekday(found.due_on)})"
    values: dict[str, Any] = {
        "days": rules.days,
        "start": _start_noun(rules.start),
        "source": rules.source,
        "day": format_day(found.start_on),
        "due": due,
    }
    if rules.policy is Policy.CALENDAR:
        text = (
            gettext(
                "Termin %(days)s dni od dnia %(start)s (%(source)s), liczony kalendarzowo od dnia następnego po"
                " %(day)s, upływa %(due)s"
            )
            % values
        )
        if day_off_reasons(found.due_on):
            by_kc = deadline(found.start_on, replace(rules, policy=Policy.KC)).due_on
            text += gettext(
                "; polityka kalendarzowa nie przesuwa końca terminu z dni wolnych (według k.c.: %(kc)s)"
            ) % {"kc": format_day(by_kc)}
        return text + "."
    text = (
        gettext(
            "Termin %(days)s dni od dnia %(start)s (%(source)s), liczony od dnia następnego po %(day)s"
            " (art. 111 § 2 k.c.), upływa %(due)s"
        )
        % values
    )
    if found.skipped:
        skipped = "; ".join(f"{format_day(s.day)} – {_reasons(s.day)}" for s in found.skipped)
        text += gettext(
            ", przesunięty z %(nominal)s na najbliższy dzień, który nie jest sobotą ani dniem ustawowo wolnym"
            " od pracy (art. 115 k.c.); pominięto: %(skipped)s"
        ) % {"nominal": format_day(found.nominal_on), "skipped": skipped}
    return text + "."


def inquiry_due_text(inquiry: Any) -> str:
    """The explanation of an inquiry's due date in the active language.

    Polish shows the explanation recorded with the inquiry (the register's own words). Another language recomputes
    it from the same start date and rules; if that no longer gives the recorded due date (the council's rules
    changed since), the recorded Polish text is shown rather than a translation of something else.
    """
    recorded = str(inquiry.due_explanation or "")
    if (get_language() or "pl").startswith("pl") or not recorded or inquiry.due_on is None:
        return recorded
    start = inquiry.received_on or inquiry.filed_on
    if start is None:
        return recorded
    found = deadline(start, inquiry.body.rule_set(inquiry.term))
    if found.due_on != inquiry.due_on:
        return recorded
    if inquiry.received_on is None:  # registry.services.inquiries.deadline_for says so first
        return gettext(
            "Data otrzymania przez organ wykonawczy nieznana; liczono od daty złożenia. "
        ) + deadline_text(found)
    return deadline_text(found)
