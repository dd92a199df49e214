"""A register for the portal tests: the Kalisz demo plus one inquiry in every state, built through the services.

Dates are relative to today because the portal computes statuses for today (overdue, due soon).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from interpel.registry.demo import load_demo
from interpel.registry.models import Body, Club, ClubMembership, Department, Inquiry, Person, Term
from interpel.registry.services import answer, attach_document, file_inquiry, update_inquiry, withdraw

# A tiny but real PDF (one empty page), so that the download keeps its media type and bytes.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class Register:
    today: date
    body: Body
    term: Term
    antczak: Inquiry  # demo: interpellation answered on time, with the letter as a document
    kijewski: Inquiry  # demo: answered by WSR
    overdue: Inquiry  # question without any answer, past its due date
    due_soon: Inquiry  # interpellation whose term ends within days
    repeated: Inquiry  # repeats `overdue`; a delay notice was sent
    late: Inquiry  # answered after the due date
    withdrawn: Inquiry
    hidden: Inquiry  # not published: must never be shown
    nowak: Person
    club: Club
    wsr: Department

    def inquiries(self) -> list[Inquiry]:
        """Every published inquiry of the register."""
        return [
            self.antczak,
            self.kijewski,
            self.overdue,
            self.due_soon,
            self.repeated,
            self.late,
            self.withdrawn,
        ]


def build_register() -> Register:
    today = timezone.localdate()
    load_demo()
    antczak = Inquiry.objects.get(authors__name="Maciej Antczak")
    kijewski = Inquiry.objects.get(authors__name="Artur Kijewski")
    body = antczak.body
    term = antczak.term
    assert term is not None
    wsr = Department.objects.get(body=body, code="WSR")

    def day(n: int) -> date:
        return today - timedelta(days=n)

    overdue = file_inquiry(
        body=body,
        kind="question",
        subject="remontu dróg na osiedlu Piwonice",
        text="Proszę o informację, kiedy zostanie wyremontowana droga na osiedlu Piwonice.",
        authors=["Anna Nowak"],
        number="Z-1/2026",
        filed_on=day(40),
        received_on=day(39),
        departments=["WSR"],
        by_name="Biuro Rady",
    )
    nowak = Person.objects.get(name="Anna Nowak")
    club = Club.objects.create(body=body, term=term, name="Klub Radnych Razem dla Kalisza", slug="razem")
    ClubMembership.objects.create(club=club, person=nowak, starts_on=day(400))
    attach_document(
        overdue, PDF_BYTES, file_name="zapytanie-piwonice.pdf", media_type="application/pdf", pages=1
    )
    update_inquiry(overdue, by_name="Biuro Rady", subject="remontu dróg na osiedlu Piwonice w Kaliszu")

    due_soon = file_inquiry(
        body=body,
        kind="interpellation",
        subject="oświetlenia przejść dla pieszych przy szkołach",
        authors=["Anna Nowak", "Maciej Antczak"],
        number="I-7/2026",
        filed_on=day(12),
        received_on=day(12),
        by_name="Biuro Rady",
    )
    repeated = file_inquiry(
        body=body,
        kind="interpellation",
        subject="ponownie: remontu dróg na osiedlu Piwonice",
        authors=[nowak],
        number="I-8/2026",
        filed_on=day(5),
        received_on=day(4),
        repeats=overdue,
        departments=["WSR"],
        by_name="Biuro Rady",
    )
    answer(
        [repeated],
        kind="delay_notice",
        answered_on=day(1),
        text="Odpowiedź zostanie udzielona po zebraniu informacji z wydziału.",
        signatory="Krystian Kinastowski",
        signatory_office="Prezydent Miasta Kalisza",
        case_sign="WSR.0003.9.2026",
        by_name="Biuro Prezydenta",
    )
    late = file_inquiry(
        body=body,
        kind="interpellation",
        subject="budowy ścieżki rowerowej wzdłuż Prosny",
        authors=["Jan Kowalski"],
        number="I-3/2026",
        filed_on=day(70),
        received_on=day(69),
        departments=["KPM"],
        by_name="Biuro Rady",
    )
    answer(
        [late],
        answered_on=day(30),
        text="Ścieżka rowerowa jest w planie inwestycji na przyszły rok.",
        signatory="Krystian Kinastowski",
        signatory_office="Prezydent Miasta Kalisza",
        case_sign="KPM.003.0007.2026",
        by_name="Biuro Prezydenta",
    )
    withdrawn = file_inquiry(
        body=body,
        kind="question",
        subject="godzin otwarcia urzędu w soboty",
        authors=["Jan Kowalski"],
        filed_on=day(20),
        received_on=day(19),
        by_name="Biuro Rady",
    )
    withdraw(withdrawn, on=day(15), note="wycofane przez autora")
    hidden = file_inquiry(
        body=body,
        kind="question",
        subject="sprawy jeszcze nieopublikowanej",
        authors=["Jan Kowalski"],
        filed_on=day(3),
        is_published=False,
        by_name="Biuro Rady",
    )
    return Register(
        today=today,
        body=body,
        term=term,
        antczak=antczak,
        kijewski=kijewski,
        overdue=overdue,
        due_soon=due_soon,
        repeated=repeated,
        late=late,
        withdrawn=withdrawn,
        hidden=hidden,
        nowak=nowak,
        club=club,
        wsr=wsr,
    )
