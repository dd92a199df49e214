"""The statutory deadline for answering an interpellation or question, with a one-line Polish explanation.

How a term is counted (policy "kc", the default):
- the day of the event that starts the term (receipt, sending, filing) is not counted (art. 111 § 2 k.c.),
  so a 14-day term from a receipt on 25.03.2026 ends on 08.04.2026;
- a term that ends on a Saturday or a statutory day off (Sundays and public holidays) ends on the next day
  that is neither (art. 115 k.c.).
Policy "calendar" counts the same days but never moves the end. The u.s.g. says nothing about counting, so
the policy is a setting of the council (product.md, "Deadline rules").
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from interpel.errors import InvalidData
from interpel.law.days_off import day_off_reasons, weekday_name

MAX_TERM_DAYS = 366  # no statute sets a longer term; a larger number is a typo in the settings


class Policy(StrEnum):
    """How days are counted."""

    KC = "kc"
    CALENDAR = "calendar"


class Start(StrEnum):
    """The event from which the term runs; its date is the one passed to `deadline`."""

    RECEIPT = "receipt"  # receipt by the executive: art. 24 ust. 6 u.s.g.
    SENDING = "sending"  # sending to the addressee: interpellations in the Sejm
    FILING = "filing"  # filing with the chair: some pre-2018 council statutes


# "… od dnia {noun}" and "bez dnia {noun} {date}", in Polish.
START_NOUNS = {Start.RECEIPT: "otrzymania", Start.SENDING: "przesłania adresatowi", Start.FILING: "złożenia"}


@dataclass(frozen=True)
class RuleSet:
    """A term for answering: its length, the event it runs from, the provision it comes from, how it is counted."""

    name: str
    days: int
    start: Start
    source: str
    policy: Policy = Policy.KC

    def __post_init__(self) -> None:
        if not 1 <= self.days <= MAX_TERM_DAYS:
            raise InvalidData(
                f"Termin na odpowiedź musi mieć od 1 do {MAX_TERM_DAYS} dni, podano {self.days}."
            )


# product.md, "Deadline rules". The article numbers of the powiat and voivodeship acts are not cited: both terms
# were added by ustawa z 11 stycznia 2018 r. (Dz.U. 2018 poz. 130) and should be checked against the
# consolidated texts before being named in explanations.
RULE_SETS: dict[str, RuleSet] = {
    "gmina": RuleSet("gmina", 14, Start.RECEIPT, "art. 24 ust. 6 u.s.g."),
    "powiat": RuleSet("powiat", 14, Start.RECEIPT, "ustawa o samorządzie powiatowym, zm. 2018"),
    "wojewodztwo": RuleSet("wojewodztwo", 14, Start.RECEIPT, "ustawa o samorządzie województwa, zm. 2018"),
    "sejm": RuleSet("sejm", 21, Start.SENDING, "Regulamin Sejmu"),
}
# Terms set by a council's own statute: Warsaw district councils, and every council before the 2018 amendment.
STATUTE_RULES = ("dzielnica", "statut")
STATUTE_SOURCE = "statut rady"


def rules_for(
    name: str,
    days: int | None = None,
    policy: Policy | str = Policy.KC,
    start: Start | str | None = None,
    source: str | None = None,
) -> RuleSet:
    """The rule set called `name`, with the term, policy, start event or source a council's settings override."""
    if name in RULE_SETS:
        rules = RULE_SETS[name]
        if days is not None and days != rules.days:
            # Another length than the statute's can only come from the council's own statute.
            rules = replace(rules, days=days, source=STATUTE_SOURCE)
    elif name in STATUTE_RULES:
        if days is None:
            raise InvalidData(f"Zestaw reguł „{name}” wymaga liczby dni ze statutu rady.")
        rules = RuleSet(name, days, Start.RECEIPT, STATUTE_SOURCE)
    else:
        known = ", ".join([*RULE_SETS, *STATUTE_RULES])
        raise InvalidData(f"Nieznany zestaw reguł „{name}”; znane: {known}.")
    if policy not in tuple(Policy):
        raise InvalidData(f"Nieznana polityka liczenia „{policy}”; znane: kc, calendar.")
    if start is not None and start not in tuple(Start):
        raise InvalidData(f"Nieznane zdarzenie początkowe „{start}”; znane: receipt, sending, filing.")
    return replace(
        rules,
        policy=Policy(policy),
        start=Start(start) if start is not None else rules.start,
        source=source if source is not None else rules.source,
    )


@dataclass(frozen=True)
class SkippedDay:
    """A day the end of a term was moved past, and why (art. 115 k.c.)."""

    day: date
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Deadline:
    """The due date of an answer, how it was reached and its explanation."""

    start_on: date
    nominal_on: date  # the last day of the term before any shift
    due_on: date
    skipped: tuple[SkippedDay, ...]
    rules: RuleSet
    explanation: str


def deadline(start_on: date, rules: RuleSet) -> Deadline:
    """The due date of an answer to an inquiry whose term started on `start_on` (e.g. received by the executive)."""
    # art. 111 § 2 k.c.: the start day is not counted, so day 1 of the term is the day after it.
    nominal_on = start_on + timedelta(days=rules.days)
    skipped: list[SkippedDay] = []
    due_on = nominal_on
    # art. 115 k.c.: past Saturdays and statutory days off. The loop ends: at most a few days off in a row.
    while rules.policy is Policy.KC and (reasons := day_off_reasons(due_on)):
        skipped.append(SkippedDay(due_on, reasons))
        due_on += timedelta(days=1)
    explanation = _explain(start_on, nominal_on, due_on, tuple(skipped), rules)
    return Deadline(start_on, nominal_on, due_on, tuple(skipped), rules, explanation)


def due_on(start_on: date, rules: RuleSet) -> date:
    """The due date alone; see `deadline`."""
    return deadline(start_on, rules).due_on


def format_day(day: date) -> str:
    """A date as Polish documents write it: 08.04.2026."""
    return day.strftime("%d.%m.%Y")


def _with_weekday(day: date) -> str:
    return f"{format_day(day)} ({weekday_name(day)})"


def _explain(
    start_on: date, nominal_on: date, due: date, skipped: tuple[SkippedDay, ...], rules: RuleSet
) -> str:
    term = f"Termin {rules.days} dni od dnia {START_NOUNS[rules.start]} ({rules.source})"
    counted = f"od dnia następnego po {format_day(start_on)}"
    if rules.policy is Policy.CALENDAR:
        text = f"{term}, liczony kalendarzowo {counted}, upływa {_with_weekday(due)}"
        if day_off_reasons(due):
            # Say what the k.c. would have given, so that a reader sees what the policy changes.
            by_kc = deadline(start_on, replace(rules, policy=Policy.KC)).due_on
            text += f"; polityka kalendarzowa nie przesuwa końca terminu z dni wolnych (według k.c.: {format_day(by_kc)})"
        return text + "."
    text = f"{term}, liczony {counted} (art. 111 § 2 k.c.), upływa {_with_weekday(due)}"
    if skipped:
        days = "; ".join(f"{format_day(s.day)} – {', '.join(s.reasons)}" for s in skipped)
        text += (
            f", przesunięty z {format_day(nominal_on)} na najbliższy dzień, który nie jest sobotą ani dniem"
            f" ustawowo wolnym od pracy (art. 115 k.c.); pominięto: {days}"
        )
    return text + "."
