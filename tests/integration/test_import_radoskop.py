"""Import of Radoskop register dumps: quirks become warnings on the records, never silent fixes; idempotent."""

import json
from pathlib import Path

import pytest

from interpel.ingest.importers.radoskop import import_radoskop, read_entries, status_says, term_key
from interpel.registry.models import Answer, Body, Event, Inquiry

pytestmark = pytest.mark.django_db


def rows(corpus: Path, city: str) -> list[dict]:
    return json.loads((corpus / "registers" / f"{city}.json").read_text(encoding="utf-8"))


def write(tmp_path: Path, name: str, data: list[dict]) -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_krakow_answer_dates_copied_from_filing_become_unknown(corpus: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "krakow", rows(corpus, "krakow")[:60])
    report = import_radoskop(path, "Rada Miasta Krakowa")
    assert report.failed == []
    body = Body.objects.get(name="Rada Miasta Krakowa")
    answers = Answer.objects.filter(inquiries__body=body)
    assert answers.exists()
    assert not answers.filter(answered_on__isnull=False).exists()  # never "answered the same day"
    assert all("równą dacie wpływu" in " ".join(a.warnings) for a in answers)
    assert not Inquiry.objects.filter(body=body, answered_on__isnull=False).exists()
    assert (
        Inquiry.objects.filter(body=body, term__name__startswith="IX kadencja").count()
        == Inquiry.objects.filter(body=body).count()
    )


def test_warsaw_coauthor_entries_merge_and_surnames_come_last(corpus: Path, tmp_path: Path) -> None:
    data = rows(corpus, "warszawa")
    cri = {}
    for r in data:
        cri.setdefault(r["cri"], []).append(r)
    coauthored = next(v for v in cri.values() if len({r["radny"] for r in v}) == 2 and len(v) == 2)
    path = write(tmp_path, "warszawa", coauthored + data[:20])
    import_radoskop(path, "Rada m.st. Warszawy")
    inquiry = Inquiry.objects.get(number=coauthored[0]["cri"])
    names = [p.name for p in inquiry.authors.all()]
    surname, given = coauthored[0]["radny"].rsplit(" ", 1)
    assert len(names) == 2 and f"{given} {surname}" in names
    assert any("połączono" in w for w in inquiry.warnings)
    # "Udzielono" with no date: an answer of unknown date, said so on the record
    if coauthored[0]["odpowiedz_status"] == "Udzielono":
        assert inquiry.answers.get().answered_on is None


def test_gdansk_answer_before_filing_is_kept_as_published(corpus: Path, tmp_path: Path) -> None:
    data = rows(corpus, "gdansk")
    early = [r for r in data if r["data_odpowiedzi"] and r["data_odpowiedzi"] < r["data_wplywu"]][:3]
    path = write(tmp_path, "gdansk", early + data[:10])
    report = import_radoskop(path, "Rada Miasta Gdańska")
    assert report.failed == []
    for r in early:
        inquiry = Inquiry.objects.get(edoc_id=r["ezd"], filed_on=r["data_wplywu"])
        assert inquiry.is_imported
        assert any("przed wpływem" in w for w in inquiry.warnings)
        assert str(inquiry.answered_on) == r["data_odpowiedzi"]
        assert inquiry.answers.get().warnings


def test_poznan_case_signs_and_waiting_status(corpus: Path, tmp_path: Path) -> None:
    data = rows(corpus, "poznan")
    waiting = [r for r in data if r["odpowiedz_status"].startswith("oczekuje")][:2]
    path = write(tmp_path, "poznan", waiting + data[:10])
    import_radoskop(path, "Rada Miasta Poznania")
    inquiry = Inquiry.objects.get(case_sign=waiting[0]["symbol"])
    assert inquiry.case_department == "RM-VI" and inquiry.case_year
    assert not inquiry.answers.exists()
    assert not inquiry.subject.lower().startswith("interpelacja")


def test_a_number_given_twice_stays_with_the_first(corpus: Path, tmp_path: Path) -> None:
    data = rows(corpus, "gdansk")
    seen: dict[tuple, dict] = {}
    pair = None
    for r in data:
        key = (r["kadencja"], r["cri"])
        if key in seen and seen[key]["przedmiot"] != r["przedmiot"]:
            pair = [seen[key], r]
            break
        seen[key] = r
    assert pair
    import_radoskop(write(tmp_path, "gdansk", pair), "Rada Miasta Gdańska")
    numbered = Inquiry.objects.filter(number=pair[0]["cri"])
    assert numbered.count() == 1
    other = Inquiry.objects.exclude(pk=numbered.get().pk).get()
    assert other.number == "" and any(pair[0]["cri"] in w for w in other.warnings)


def test_a_second_run_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    data = rows(corpus, "warszawa")[:40] + rows(corpus, "gdansk")[:40]
    path = write(tmp_path, "mixed", data)
    first = import_radoskop(path, "Rada Testowa")
    events = Event.objects.count()
    second = import_radoskop(path, "Rada Testowa")
    assert (second.inserted, second.updated, second.review, second.failed) == (0, 0, 0, [])
    assert second.unchanged == first.inserted
    assert Event.objects.count() == events


def test_unreadable_file_and_entries(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert import_radoskop(bad, "Rada Testowa").failed[0][0] == "bad.json"
    entries, errors = read_entries([{"typ": "petycja", "przedmiot": "x"}, "nonsense"])
    assert entries == [] and [n for n, _ in errors] == [1, 2]


def test_terms_and_statuses() -> None:
    assert term_key("IX") == "IX" and term_key("2024-2029") == "IX" and term_key("XX") is None
    assert status_says("Udzielono") is True
    assert status_says("Nie udzielono") is False
    assert status_says("oczekuje na odpowiedź") is False
    assert status_says("") is None
