"""Ingest of real documents: records into the register, answers linked or sent to review, same file twice = no-op."""

import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

from interpel.ingest.models import IngestedFile, ReviewItem
from interpel.ingest.pipeline import ingest_paths
from interpel.ingest.review import link_review_item
from interpel.registry.models import Answer, Body, Document, Event, Inquiry, Person, Term
from interpel.registry.services import file_inquiry

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ holds the shared document builders
from fixtures_docs import corpus_text, make_docx, make_pdf  # noqa: E402

pytestmark = pytest.mark.django_db


@pytest.fixture
def kalisz() -> Body:
    body = Body.objects.create(name="Rada Miasta Kalisza", slug="kalisz", level="gmina")
    Term.objects.create(body=body, name="IX kadencja", starts_on=date(2024, 4, 7))
    return body


def test_seed_letters_become_inquiries_answers_and_one_mayor(corpus: Path, kalisz: Body) -> None:
    report = ingest_paths([corpus / "seeds"], body=kalisz)
    assert report.failed == [] and report.review == 0
    # kalisz-000: answer + interpellation; kalisz-004: answer + the inquiry it cites (not in the file)
    assert report.inserted == 4
    antczak = Inquiry.objects.get(authors__name="Maciej Antczak")
    assert antczak.subject == "miast partnerskich w Chinach i USA"
    assert antczak.filed_on == date(2026, 3, 25)
    reply = antczak.answers.get()
    assert reply.answered_on == date(2026, 4, 2) and reply.link_confidence >= 0.9
    assert reply.case_sign == "KPM.003.0002.2026" and reply.edoc_id == "D2026.03.05724"
    cited = Inquiry.objects.get(authors__name="Artur Kijewski")
    assert cited.filed_on == date(2025, 2, 28) and cited.answers.get().case_sign == "WSR.0003.2.2025"
    # Krystian and Krzysztof Kinastowski: one person with both spellings
    mayor = Person.objects.get(family_name="Kinastowski")
    assert {a.name for a in mayor.aliases.all()} == {"Krystian Kinastowski", "Krzysztof Kinastowski"}
    assert set(Answer.objects.values_list("signatory", flat=True)) == {mayor.pk}
    assert antczak.addressee == mayor
    assert Document.objects.filter(inquiry=antczak).count() == 1
    assert IngestedFile.objects.count() == 2


def test_the_same_files_twice_change_nothing(corpus: Path, kalisz: Body, tmp_path: Path) -> None:
    first = ingest_paths([corpus / "seeds"], body=kalisz)
    counts = (
        Inquiry.objects.count(),
        Answer.objects.count(),
        Event.objects.count(),
        Document.objects.count(),
    )
    copy = tmp_path / "renamed.txt"
    shutil.copy(corpus / "seeds" / "kalisz-000.txt", copy)  # same bytes under another name
    second = ingest_paths([corpus / "seeds", copy], body=kalisz)
    assert (second.inserted, second.updated, second.review, second.failed) == (0, 0, 0, [])
    assert second.unchanged == first.inserted + 2
    assert counts == (
        Inquiry.objects.count(),
        Answer.objects.count(),
        Event.objects.count(),
        Document.objects.count(),
    )


def test_pdf_and_docx_of_the_letters_give_the_same_records(kalisz: Body, tmp_path: Path) -> None:
    text = corpus_text("seeds/kalisz-000")
    make_pdf(text, tmp_path / "pismo.pdf")
    make_docx(text, tmp_path / "pismo.docx")
    report = ingest_paths([tmp_path / "pismo.pdf"], body=kalisz)
    assert report.failed == [] and report.inserted == 2
    again = ingest_paths([tmp_path / "pismo.docx"], body=kalisz)
    # Another file with the same letters: matched, not duplicated; the DOCX is attached as a second original.
    assert again.inserted == 0 and again.failed == []
    assert Inquiry.objects.count() == 1 and Answer.objects.count() == 1
    assert Document.objects.filter(media_type__contains="pdf").exists()
    assert Document.objects.filter(inquiry__isnull=False).count() == 2


def test_sejm_answers_link_by_cited_number(corpus: Path) -> None:
    from interpel.ingest.importers.sejm_replies import sejm_body_and_term

    body, term = sejm_body_and_term()
    target = file_inquiry(
        body=body, term=term, kind="interpellation", number="18225", subject="szkód łowieckich"
    )
    report = ingest_paths([corpus / "sejm-answers" / "024.txt"])  # no --body: a Sejm sign says where it goes
    assert report.failed == []
    reply = target.answers.get()
    assert (reply.link_confidence, reply.link_method) == (1.0, "cited_number")
    assert reply.signatory.name == "Mikołaj Dorożała"


def test_an_answer_that_fits_two_inquiries_goes_to_review(corpus: Path, kalisz: Body) -> None:
    subject = "utworzenia biura, komórki lub innej jednostki, która miałaby zajmować się sprawami innowacji"
    for n in (1, 2):
        file_inquiry(
            body=kalisz,
            kind="interpellation",
            subject=subject,
            authors=["Artur Kijewski"],
            filed_on=date(2025, 2, 28),
            number=f"{n}/2025",
        )
    report = ingest_paths([corpus / "seeds" / "kalisz-004.txt"], body=kalisz)
    assert report.review == 1 and report.inserted == 0
    item = ReviewItem.objects.get()
    assert len(item.candidates) == 2 and item.record["case_sign"] == "WSR.0003.2.2025"
    assert not Answer.objects.exists()  # not guessed
    chosen = Inquiry.objects.get(pk=item.candidates[0]["inquiry"])
    reply = link_review_item(item, [chosen], by_name="biuro rady")
    assert (reply.link_method, reply.link_confidence) == ("review", 1.0)
    assert chosen.answers.get() == reply and reply.documents.count() == 1
    item.refresh_from_db()
    assert item.status == "linked" and item.answer == reply


def test_an_answer_with_nothing_to_go_on_goes_to_review(corpus: Path) -> None:
    body = Body.objects.create(name="Rada Miejska w Dobrodzieniu", slug="dobrodzien", level="gmina")
    report = ingest_paths([corpus / "municipal" / "043.txt"], body=body)
    assert report.review == 1 and ReviewItem.objects.get().body == body
    assert not Answer.objects.exists()


def test_bad_files_fail_alone_and_leave_nothing(corpus: Path, kalisz: Body, tmp_path: Path) -> None:
    (tmp_path / "empty.pdf").write_bytes(b"")
    good = tmp_path / "dobre.pdf"
    make_pdf(corpus_text("seeds/kalisz-000"), good)
    (tmp_path / "obciety.pdf").write_bytes(good.read_bytes()[:700])  # truncated
    (tmp_path / "smieci.docx").write_bytes(b"PK\x03\x04 not really a zip")
    lines: list[tuple[int, int, str]] = []
    report = ingest_paths(
        [tmp_path], body=kalisz, progress=lambda n, total, name: lines.append((n, total, name))
    )
    failed = dict(report.failed)
    assert set(failed) == {"empty.pdf", "obciety.pdf", "smieci.docx"}
    assert all(reason and "\n" not in reason for reason in failed.values())
    assert report.inserted == 2
    assert IngestedFile.objects.count() == 1 and Document.objects.values("sha256").distinct().count() == 1
    assert lines[0] == (0, 4, "dobre.pdf") and lines[-1] == (4, 4, "")
    text = "\n".join(report.lines())
    assert "BŁĄD empty.pdf:" in text and "dodano: 2" in text


def test_a_file_with_no_inquiry_or_answer_is_reported(kalisz: Body, tmp_path: Path) -> None:
    note = tmp_path / "notatka.txt"
    note.write_text("Lista zakupów: mleko, chleb, masło.\n", encoding="utf-8")
    report = ingest_paths([note], body=kalisz)
    assert report.failed and report.failed[0][0] == "notatka.txt"


def test_without_a_body_and_several_councils_it_asks_for_one(corpus: Path, kalisz: Body) -> None:
    Body.objects.create(name="Rada Gminy Druga", slug="druga", level="gmina")
    report = ingest_paths([corpus / "seeds" / "kalisz-000.txt"])
    assert "--body" in report.failed[0][1]
