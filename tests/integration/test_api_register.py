"""A richer register than the demo, built through the services: every status, several authors, a club, departments,
an answer covering two inquiries, a delay notice, a follow-up, a withdrawal and an unpublished item.

Shared by the API, feed and export tests (`from test_api_register import register_fixture`); dates are relative to today
because the views compute statuses for the day of the request.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from interpel.registry.demo import load_demo
from interpel.registry.models import Answer, Body, Club, ClubMembership, Department, Inquiry, Person, Term
from interpel.registry.selectors import status_of
from interpel.registry.services import answer, attach_document, file_inquiry, find_or_create_person, withdraw


@dataclass
class Register:
    body: Body
    term: Term
    club: Club
    department: Department
    nowak: Person
    overdue: Inquiry
    awaiting: Inquiry
    late: Inquiry
    withdrawn: Inquiry
    follow_up: Inquiry
    pair: tuple[Inquiry, Inquiry]
    joint_answer: Answer
    delay_notice: Answer
    hidden: Inquiry
    today: date

    def published(self) -> list[Inquiry]:
        return list(Inquiry.objects.filter(is_published=True))


def build_register() -> Register:
    load_demo()
    today = timezone.localdate()
    body = Body.objects.get(slug="kalisz")
    term = body.terms.get()
    nowak = find_or_create_person("Anna Nowak", body=body, role="councillor")
    kowalski = find_or_create_person("Jan Kowalski", body=body, role="councillor")
    club = Club.objects.create(
        body=body, term=term, name="Klub Radnych Kalisz Przyszłości", slug="kalisz-przyszlosci"
    )
    ClubMembership.objects.create(club=club, person=nowak, starts_on=today - timedelta(days=400))
    department = Department.objects.create(body=body, code="WIM", name="Wydział Inwestycji Miejskich")

    def day(n: int) -> date:
        return today - timedelta(days=n)

    overdue = file_inquiry(
        body=body,
        kind="question",
        subject="remontu dróg na osiedlu Piwonice",
        text="Zwracam się z zapytaniem o termin remontu dróg na osiedlu Piwonice.\x0cStrona 2.",
        authors=[nowak, kowalski],
        number="Z/1/2026",
        filed_on=day(60),
        received_on=day(59),
        departments=["WIM"],
        case_sign="WIM.0003.1.2026",
    )
    awaiting = file_inquiry(
        body=body,
        kind="interpellation",
        subject="oświetlenia przejścia dla pieszych przy ul. Górnośląskiej",
        authors=[nowak],
        number="I/2/2026",
        filed_on=day(2),
        received_on=day(1),
        departments=["WIM"],
    )
    late = file_inquiry(
        body=body,
        kind="interpellation",
        subject="dofinansowania żłobków miejskich",
        authors=[kowalski],
        number="I/3/2026",
        filed_on=day(100),
        received_on=day(100),
    )
    delay_notice = answer(
        [late],
        kind="delay_notice",
        answered_on=day(88),
        signatory="Krystian Kinastowski",
        signatory_office="Prezydent Miasta Kalisza",
    )
    answer(
        [late],
        answered_on=day(70),
        text="Odpowiedź po terminie.",
        signatory="Krystian Kinastowski",
        signatory_office="Prezydent Miasta Kalisza",
        case_sign="WIM.0003.3.2026",
    )
    withdrawn = file_inquiry(
        body=body,
        kind="question",
        subject="koszenia trawników",
        authors=[kowalski],
        number="Z/4/2026",
        filed_on=day(20),
        received_on=day(20),
    )
    withdraw(withdrawn, on=day(18), note="Wycofane przez autora.")
    follow_up = file_inquiry(
        body=body,
        kind="interpellation",
        subject="ponownie: dofinansowania żłobków miejskich",
        authors=[kowalski],
        number="I/5/2026",
        filed_on=day(50),
        received_on=day(49),
        repeats=late,
    )
    first = file_inquiry(
        body=body,
        kind="question",
        subject="budowy parkingu przy dworcu",
        authors=[nowak],
        number="Z/6/2026",
        filed_on=day(30),
        received_on=day(30),
    )
    second = file_inquiry(
        body=body,
        kind="question",
        subject="liczby miejsc parkingowych przy dworcu",
        authors=[kowalski],
        number="Z/7/2026",
        filed_on=day(29),
        received_on=day(29),
    )
    joint = answer(
        [first, second],
        answered_on=day(25),
        text="Odpowiedź na oba zapytania.",
        signatory="Krystian Kinastowski",
        signatory_office="Prezydent Miasta Kalisza",
        case_sign="WIM.0003.6.2026",
        edoc_id="D2026.05.00001",
    )
    attach_document(
        joint,
        "Odpowiedź na oba zapytania.".encode(),
        file_name="odpowiedz.txt",
        media_type="text/plain",
        text="Odpowiedź na oba zapytania.",
    )
    hidden = file_inquiry(
        body=body,
        kind="question",
        subject="sprawy jeszcze nieopublikowanej",
        authors=[nowak],
        number="Z/8/2026",
        filed_on=day(3),
        received_on=day(3),
        is_published=False,
    )
    return Register(
        body,
        term,
        club,
        department,
        nowak,
        overdue,
        awaiting,
        late,
        withdrawn,
        follow_up,
        (first, second),
        joint,
        delay_notice,
        hidden,
        today,
    )


@pytest.fixture(name="register")
def register_fixture(django_capture_on_commit_callbacks: Any) -> Register:
    # Run what waits for the commit (the search index is updated then) as a real commit would.
    with django_capture_on_commit_callbacks(execute=True):
        return build_register()


@pytest.mark.django_db
def test_the_register_holds_every_status(register: Register) -> None:
    codes = {i.pk: status_of(i, register.today).code for i in register.published()}
    assert codes[register.overdue.pk] == "overdue"
    assert codes[register.awaiting.pk] == "awaiting"
    assert codes[register.late.pk] == "answered_late"
    assert codes[register.withdrawn.pk] == "withdrawn"
    assert codes[register.pair[0].pk] == codes[register.pair[1].pk] == "answered_on_time"
    assert register.hidden.pk not in codes
