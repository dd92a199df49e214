"""`interpel demo` loads the two Kalisz seed letters with the right people, dates, signs and deadline status."""

from datetime import date

import pytest

from interpel.registry.demo import DEMO_DIR, load_demo
from interpel.registry.models import Answer, Document, Inquiry, Person
from interpel.registry.selectors import status_of

pytestmark = pytest.mark.django_db


def test_demo_loads_an_interpellation_with_its_answer_and_a_second_answer() -> None:
    load_demo()
    antczak = Inquiry.objects.get(authors__name="Maciej Antczak")
    assert antczak.kind == "interpellation" and antczak.filed_on == date(2026, 3, 25)
    assert antczak.due_on == date(2026, 4, 8)
    letter = (DEMO_DIR / "seeds" / "kalisz-000.txt").read_text(encoding="utf-8")
    assert antczak.text and antczak.text in letter  # the text comes from the letter itself
    reply = antczak.answers.get()
    assert (reply.case_sign, reply.edoc_id, reply.answered_on) == (
        "KPM.003.0002.2026",
        "D2026.03.05724",
        date(2026, 4, 2),
    )
    assert status_of(antczak, date(2026, 11, 26)).code == "answered_on_time"

    kijewski = Inquiry.objects.get(authors__name="Artur Kijewski")
    second = kijewski.answers.get()
    assert second.case_department == "WSR" and second.case_year == 2025
    assert second.signatory_name == "Krzysztof Kinastowski"  # as the letter spells it
    assert status_of(kijewski, date(2026, 11, 26)).code == "answered_on_time"

    # One mayor under two first names.
    mayor = Person.objects.get(aliases__name="Krzysztof Kinastowski")
    assert set(mayor.aliases.values_list("name", flat=True)) == {
        "Krystian Kinastowski",
        "Krzysztof Kinastowski",
    }
    assert set(Answer.objects.values_list("signatory", flat=True)) == {mayor.pk}
    assert Document.objects.count() == 3


def test_demo_twice_changes_nothing() -> None:
    load_demo()
    counts = (Inquiry.objects.count(), Answer.objects.count(), Person.objects.count())
    assert "już" in load_demo()[0]
    assert (Inquiry.objects.count(), Answer.objects.count(), Person.objects.count()) == counts
