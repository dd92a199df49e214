"""The test register shared by the portal, API, feed and export tests: the Kalisz demo plus one inquiry in every
state, built through the services.

Published, 9 in all (days are counted back from today, "filed/received"):
- antczak, kijewski: the demo's two interpellations, answered on time (KPM and WSR signed the answers);
- overdue: question Z/1/2026 by Anna Nowak and Jan Kowalski (40/39), sent to WSR, no answer; a PDF attached,
  its subject corrected once;
- due_soon: interpellation I/2/2026 by Anna Nowak and Maciej Antczak (12/12), due in 2 days;
- repeated (also `follow_up`, `awaiting`): interpellation I/3/2026 by Anna Nowak (5/4) repeating `overdue`, sent
  to WSR, within its term, with a delay notice of yesterday (`delay_notice`);
- late: interpellation I/1/2026 by Jan Kowalski (70/69), sent to KPM, answered 30 days ago (39 days after receipt);
- withdrawn: question Z/4/2026 by Jan Kowalski (20/19), withdrawn 15 days ago;
- pair: questions Z/2/2026 by Anna Nowak (30/30) and Z/3/2026 by Jan Kowalski (29/29), one WIM case, answered
  together 25 days ago (`joint_answer`, with a text document).
Not published: hidden, question Z/5/2026 by Anna Nowak (3/3).

Anna Nowak belongs to one club; the departments are the demo's KPM and WSR and a named WIM (`department`). Dates
are relative to today because the views compute statuses for the day of the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from interpel.registry.demo import load_demo
from interpel.registry.models import Answer, Body, Club, ClubMembership, Department, Inquiry, Person, Term
from interpel.registry.services import (
    answer,
    attach_document,
    file_inquiry,
    find_or_create_person,
    update_inquiry,
    withdraw,
)

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
    repeated: Inquiry  # repeats `overdue`, still within its term; a delay notice was sent
    late: Inquiry  # answered after the due date
    withdrawn: Inquiry
    pair: tuple[Inquiry, Inquiry]  # two questions answered by one letter
    hidden: Inquiry  # not published: must never be shown
    joint_answer: Answer  # the answer to `pair`
    delay_notice: Answer  # sent for `repeated`
    nowak: Person
    club: Club
    wsr: Department  # the demo's department: Kijewski's answer, `overdue` and `repeated`
    department: Department  # WIM, with a name: the `pair`

    @property
    def follow_up(self) -> Inquiry:
        return self.repeated

    @property
    def awaiting(self) -> Inquiry:
        """The one inquiry with the plain "awaiting" status (the follow-up, within its term)."""
        return self.repeated

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
            *self.pair,
        ]

    def published(self) -> list[Inquiry]:
        """What the database holds as published (the same as `inquiries()`)."""
        return list(Inquiry.objects.filter(is_published=True))


PIWONICE = "remontu dróg na osiedlu Piwonice"
NOWAK, KOWALSKI, ANTCZAK = "Anna Nowak", "Jan Kowalski", "Maciej Antczak"
KINDS = {"Z": "question", "I": "interpellation"}  # by the first letter of the number
WIM_CASE = "WIM.0003.2.2026"  # one case of WIM: both questions of the pair and their joint answer

# In the order of filing. name: number, subject, authors, filed and received (days before today), department
FILED = {
    "late": ("I/1/2026", "budowy ścieżki rowerowej wzdłuż Prosny", [KOWALSKI], 70, 69, "KPM"),
    "overdue": ("Z/1/2026", PIWONICE, [NOWAK, KOWALSKI], 40, 39, "WSR"),
    "pair0": ("Z/2/2026", "budowy parkingu przy dworcu", [NOWAK], 30, 30, "WIM"),
    "pair1": ("Z/3/2026", "liczby miejsc parkingowych przy dworcu", [KOWALSKI], 29, 29, "WIM"),
    "withdrawn": ("Z/4/2026", "godzin otwarcia urzędu w soboty", [KOWALSKI], 20, 19, ""),
    "due_soon": ("I/2/2026", "oświetlenia przejść dla pieszych przy szkołach", [NOWAK, ANTCZAK], 12, 12, ""),
    "repeated": ("I/3/2026", f"ponownie: {PIWONICE}", [NOWAK], 5, 4, "WSR"),
    "hidden": ("Z/5/2026", "sprawy jeszcze nieopublikowanej", [NOWAK], 3, 3, ""),
}
# What else file_inquiry is told; `repeats` names an inquiry filed before.
MORE: dict[str, dict[str, Any]] = {
    "overdue": {
        # The form feed of a page break must not break the XML of the feeds.
        "text": "Proszę o informację, kiedy zostanie wyremontowana droga na osiedlu Piwonice.\x0cStrona 2.",
        "case_sign": "WSR.0003.1.2026",
    },
    "pair0": {"case_sign": WIM_CASE},
    "pair1": {"case_sign": WIM_CASE},
    "repeated": {"repeats": "overdue"},
    "hidden": {"is_published": False},
}


def build_register() -> Register:
    today: date = timezone.localdate()
    load_demo()
    antczak = Inquiry.objects.get(authors__name=ANTCZAK)
    kijewski = Inquiry.objects.get(authors__name="Artur Kijewski")
    body = antczak.body
    term = antczak.term
    assert term is not None
    wsr = Department.objects.get(body=body, code="WSR")
    department = Department.objects.create(body=body, code="WIM", name="Wydział Inwestycji Miejskich")
    nowak = find_or_create_person(NOWAK, body=body, role="councillor")
    club = Club.objects.create(body=body, term=term, name="Klub Radnych Razem dla Kalisza", slug="razem")
    ClubMembership.objects.create(club=club, person=nowak, starts_on=today - timedelta(days=400))

    def day(n: int) -> date:
        return today - timedelta(days=n)

    made: dict[str, Inquiry] = {}
    for name, (number, subject, authors, filed, received, code) in FILED.items():
        more = {k: made[v] if k == "repeats" else v for k, v in MORE.get(name, {}).items()}
        made[name] = file_inquiry(
            body=body,
            kind=KINDS[number[0]],
            number=number,
            subject=subject,
            authors=authors,
            filed_on=day(filed),
            received_on=day(received),
            departments=[code] if code else [],
            by_name="Biuro Rady",
            **more,
        )
    overdue, repeated, late, withdrawn = made["overdue"], made["repeated"], made["late"], made["withdrawn"]
    pair = (made["pair0"], made["pair1"])
    attach_document(
        overdue, PDF_BYTES, file_name="zapytanie-piwonice.pdf", media_type="application/pdf", pages=1
    )
    update_inquiry(overdue, by_name="Biuro Rady", subject=f"{PIWONICE} w Kaliszu")
    withdraw(withdrawn, on=day(15), note="wycofane przez autora")

    def reply(inquiries: list[Inquiry], on: int, text: str, case_sign: str, **more: Any) -> Answer:
        return answer(
            inquiries,
            answered_on=day(on),
            text=text,
            case_sign=case_sign,
            signatory="Krystian Kinastowski",
            signatory_office="Prezydent Miasta Kalisza",
            by_name="Biuro Prezydenta",
            **more,
        )

    reply([late], 30, "Ścieżka rowerowa jest w planie inwestycji na przyszły rok.", "KPM.003.0007.2026")
    both = "Odpowiedź na oba zapytania."
    joint_answer = reply(list(pair), 25, both, WIM_CASE, edoc_id="D2026.05.00001")
    attach_document(
        joint_answer, both.encode(), file_name="odpowiedz.txt", media_type="text/plain", text=both
    )
    delay_notice = reply(
        [repeated],
        1,
        "Odpowiedź zostanie udzielona po zebraniu informacji z wydziału.",
        "WSR.0003.3.2026",
        kind="delay_notice",
    )
    return Register(
        today=today,
        body=body,
        term=term,
        antczak=antczak,
        kijewski=kijewski,
        overdue=overdue,
        due_soon=made["due_soon"],
        repeated=repeated,
        late=late,
        withdrawn=withdrawn,
        pair=pair,
        hidden=made["hidden"],
        joint_answer=joint_answer,
        delay_notice=delay_notice,
        nowak=nowak,
        club=club,
        wsr=wsr,
        department=department,
    )


@pytest.fixture(name="register")
def register_fixture(django_capture_on_commit_callbacks: Any) -> Register:
    """The register, with what waits for the commit (the search index is written then) run as a real commit would.

    Import it into a test module with `from register_fixtures import register_fixture  # noqa: F401`."""
    with django_capture_on_commit_callbacks(execute=True):
        return build_register()


def register_with_empty_page_cache(capture_on_commit: Any, settings: Any) -> Register:
    """The shared register built with its on-commit hooks run, the page cache in this process's memory and empty
    (the memory store outlives a test, and ids repeat between tests on SQLite)."""
    from interpel.portal.caching import page_store

    settings.PAGE_CACHE = "memory"
    store = page_store()
    assert store is not None
    store.clear()
    with capture_on_commit(execute=True):
        return build_register()


FOLLOW_UP_SUBJECT = "ponownie w tej samej sprawie"


def file_follow_up(register: Register) -> Inquiry:
    """An interpellation repeating `register.late` (art. 24 ust. 6: the follow-up of an unsatisfying answer)."""
    return file_inquiry(
        body=register.body,
        kind="interpellation",
        subject=FOLLOW_UP_SUBJECT,
        authors=["Jan Kowalski"],
        number="I-99/2026",
        filed_on=register.today,
        repeats=register.late,
        by_name="Biuro Rady",
    )


def reply(inquiry: Inquiry, on: Any, text: str) -> Answer:
    """An answer to `inquiry` registered through the service, signed by the mayor's office."""
    return answer(
        [inquiry],
        kind="answer",
        answered_on=on,
        text=text,
        signatory="Krystian Kinastowski",
        by_name="Biuro Prezydenta",
    )
