"""Models and services on a real database (run on SQLite and on PostgreSQL)."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from interpel.errors import InvalidData
from interpel.registry.models import Answer, Body, Document, Event, Inquiry, Person, Term
from interpel.registry.selectors import filter_inquiries, status_of
from interpel.registry.services import (
    answer,
    attach_document,
    file_inquiry,
    find_or_create_person,
    update_inquiry,
    withdraw,
)
from interpel.registry.services.documents import blob_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def body() -> Body:
    body = Body.objects.create(name="Rada Miasta Testowa", slug="testowa", level="gmina")
    Term.objects.create(body=body, name="IX kadencja", starts_on=date(2024, 5, 7))
    return body


def file(body: Body, **kw: object) -> Inquiry:
    defaults: dict[str, object] = {
        "kind": "interpellation",
        "subject": "remontu dróg na osiedlu Piwonice",
        "authors": ["Jan Kowalski"],
        "filed_on": date(2026, 3, 20),
        "received_on": date(2026, 3, 25),
    }
    defaults.update(kw)
    return file_inquiry(body=body, **defaults)  # type: ignore[arg-type]


def test_filing_computes_the_due_date_from_receipt_and_logs_it(body: Body) -> None:
    inquiry = file(body)
    assert inquiry.term and inquiry.term.name == "IX kadencja"
    assert inquiry.due_on == date(2026, 4, 8)
    assert "08.04.2026" in inquiry.due_explanation
    assert list(inquiry.events.values_list("action", flat=True)) == ["filed", "received"]
    assert [p.name for p in inquiry.authors.all()] == ["Jan Kowalski"]


def test_term_rules_override_the_body(body: Body) -> None:
    term = Term.objects.create(
        body=body,
        name="statut 21 dni",
        starts_on=date(2010, 1, 1),
        ends_on=date(2014, 1, 1),
        deadline_days=21,
    )
    inquiry = file(body, filed_on=date(2012, 3, 1), received_on=date(2012, 3, 1))
    assert inquiry.term == term
    assert inquiry.due_on == date(2012, 3, 22)
    assert "statut" in inquiry.due_explanation


def test_register_numbers_are_unique_per_body_and_term(body: Body) -> None:
    file(body, number="12/2026")
    with pytest.raises(IntegrityError), transaction.atomic():
        Inquiry.objects.create(
            body=body, term=body.terms.first(), kind="question", number="12/2026", subject="x"
        )
    # An empty number (awaiting numbering) may repeat.
    file(body, number="")
    file(body, number="")
    other = Body.objects.create(name="Rada Gminy Inna", slug="inna", level="gmina")
    assert file(other, number="12/2026").number == "12/2026"


def test_database_refuses_receipt_before_filing_unless_imported(body: Body) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Inquiry.objects.create(
            body=body, kind="question", subject="x", filed_on=date(2026, 3, 2), received_on=date(2026, 3, 1)
        )
    Inquiry.objects.create(
        body=body,
        kind="question",
        subject="x",
        filed_on=date(2026, 3, 2),
        received_on=date(2026, 3, 1),
        is_imported=True,
    )


def test_answer_before_filing_is_refused_unless_imported_with_a_warning(body: Body) -> None:
    inquiry = file(body)
    with pytest.raises(InvalidData):
        answer([inquiry], answered_on=date(2026, 3, 1), text="...")
    assert not Answer.objects.exists()
    imported = answer([inquiry], answered_on=date(2026, 3, 1), text="...", is_imported=True)
    assert imported.warnings and "wcześniejsza" in imported.warnings[0]


def test_answer_covering_two_inquiries_stops_both_clocks(body: Body) -> None:
    first, second = file(body), file(body, subject="oświetlenia ulicy Polnej")
    reply = answer(
        [first, second],
        answered_on=date(2026, 4, 10),
        text="Odpowiadam łącznie.",
        signatory="Jan Nowak",
        signatory_office="Burmistrz Miasta",
    )
    assert set(reply.inquiries.all()) == {first, second}
    for inquiry in (first, second):
        inquiry.refresh_from_db()
        assert inquiry.answered_on == date(2026, 4, 10)
        assert status_of(inquiry, date(2026, 5, 1)).code == "answered_late"


def test_delay_notice_does_not_stop_the_clock_nor_move_the_due_date(body: Body) -> None:
    inquiry = file(body)
    answer([inquiry], kind="delay_notice", answered_on=date(2026, 4, 7), text="Odpowiedź wymaga analiz.")
    inquiry.refresh_from_db()
    assert inquiry.answered_on is None and inquiry.due_on == date(2026, 4, 8)
    status = status_of(inquiry, date(2026, 4, 20))
    assert status.code == "overdue" and status.days == 12
    assert status.delay_notice_on == date(2026, 4, 7)


def test_sql_status_filters_agree_with_the_law_module(body: Body) -> None:
    day = date(2026, 4, 6)
    cases = {
        "awaiting": file(body, received_on=date(2026, 4, 1)),  # due 15.04
        "due_soon": file(body, received_on=date(2026, 3, 25)),  # due 08.04
        "overdue": file(body, filed_on=date(2026, 3, 1), received_on=date(2026, 3, 2)),  # due 16.03
        "answered_on_time": file(body),
        "answered_late": file(body, filed_on=date(2026, 3, 1), received_on=date(2026, 3, 2)),
        "withdrawn": file(body),
    }
    answer([cases["answered_on_time"]], answered_on=date(2026, 4, 1))
    answer([cases["answered_late"]], answered_on=date(2026, 4, 1))
    withdraw(cases["withdrawn"], on=date(2026, 4, 2))
    for code, inquiry in cases.items():
        inquiry.refresh_from_db()
        assert status_of(inquiry, day).code == code
        found = filter_inquiries({"status": code}, day)
        assert list(found.queryset) == [inquiry], code
        assert found.description


def test_person_aliases_merge_two_spellings_of_the_same_office_holder(body: Body) -> None:
    mayor = find_or_create_person("Krystian Kinastowski", body=body, office="Prezydent Miasta Kalisza")
    same = find_or_create_person("Krzysztof Kinastowski", body=body, office="Prezydent Miasta Kalisza")
    again = find_or_create_person("dr Krzysztof KINASTOWSKI")
    assert mayor == same == again
    assert Person.objects.count() == 1
    # The same surname without a shared office is another person.
    other = find_or_create_person("Anna Kinastowska", body=body, office="Radna Rady Miasta Kalisza")
    assert other != mayor


def test_update_records_what_changed_from_what_to_what(body: Body) -> None:
    inquiry = file(body)
    diff = update_inquiry(inquiry, received_on=date(2026, 3, 27), subject="remontu dróg")
    assert diff["received_on"] == (date(2026, 3, 25), date(2026, 3, 27))
    assert diff["due_on"] == (date(2026, 4, 8), date(2026, 4, 10))
    event = Event.objects.filter(inquiry=inquiry, action="updated").get()
    assert event.changes["received_on"] == ["2026-03-25", "2026-03-27"]
    assert update_inquiry(inquiry, subject="remontu dróg") == {}
    with pytest.raises(InvalidData):
        update_inquiry(inquiry, due_on=date(2030, 1, 1))


def test_case_sign_is_kept_verbatim_and_parsed(body: Body) -> None:
    inquiry = file(body, case_sign="WSR.0003.2.2025")
    assert (inquiry.case_department, inquiry.case_class, inquiry.case_number, inquiry.case_year) == (
        "WSR",
        "0003",
        "2",
        2025,
    )
    assert inquiry.departments.get().code == "WSR"


def test_documents_are_stored_once_by_content(body: Body) -> None:
    inquiry = file(body)
    data = "Interpelacja w sprawie dróg".encode()
    first = attach_document(inquiry, data, file_name="a.txt", media_type="text/plain")
    second = attach_document(inquiry, data, file_name="b.txt", media_type="text/plain")
    assert first == second and Document.objects.count() == 1
    assert blob_path(first.sha256).read_bytes() == data
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(sha256="0" * 64, file_name="x", media_type="text/plain", size=1)
