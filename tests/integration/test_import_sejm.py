"""Import of the Sejm replies dump: one inquiry per numer, one answer per reply, notices as delay notices; idempotent."""

import json
from collections import defaultdict
from pathlib import Path

import pytest

from interpel.ingest.importers.sejm_replies import import_sejm_replies, split_signatory
from interpel.registry.models import Answer, AnswerKind, Body, Event, Inquiry

pytestmark = pytest.mark.django_db


def sample(corpus: Path, tmp_path: Path, groups: int = 60) -> tuple[Path, list[dict]]:
    """The first `groups` interpellations of the real dump, plus every one with a notice later than its answer."""
    rows = [json.loads(line) for line in (corpus / "sejm-replies" / "replies.jsonl").open(encoding="utf-8")]
    by_numer: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_numer[row["numer"]].append(row)
    chosen = list(by_numer)[:groups]
    late = [
        n
        for n, rs in by_numer.items()
        if any(r["prolongata"] for r in rs)
        and any(
            not r["prolongata"]
            and r["data_odpowiedzi"] < max(x["data_odpowiedzi"] for x in rs if x["prolongata"])
            for r in rs
        )
    ]
    chosen += [n for n in late[:3] if n not in chosen]
    picked = [r for r in rows if r["numer"] in set(chosen)]
    path = tmp_path / "replies.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in picked), encoding="utf-8")
    return path, picked


def test_it_imports_one_inquiry_per_numer_and_one_answer_per_reply(corpus: Path, tmp_path: Path) -> None:
    path, rows = sample(corpus, tmp_path)
    report = import_sejm_replies(path)
    numers = {r["numer"] for r in rows}
    assert report.failed == []
    assert report.inserted == len(numers) + len(rows)
    body = Body.objects.get(name="Sejm RP")
    assert body.level == "sejm" and body.rule_set().days == 21
    assert Inquiry.objects.filter(body=body).count() == len(numers)
    assert Answer.objects.filter(inquiries__body=body).count() == len(rows)
    first = rows[0]
    inquiry = Inquiry.objects.get(body=body, number=first["numer"])
    assert inquiry.kind == "interpellation"
    assert inquiry.term.name == "X kadencja"
    assert first["tytul"].endswith(inquiry.subject) and not inquiry.subject.startswith("Interpelacja")
    assert inquiry.authors.count() == 0  # the dump names no authors: none rather than a guess
    assert inquiry.addressee_text.startswith(first["adresat"][0])
    from interpel.search.models import SearchDocument

    # indexing is suspended while writing, then done once for what the import wrote
    assert SearchDocument.objects.count() == len(numers)
    notices = Answer.objects.filter(kind=AnswerKind.DELAY_NOTICE).count()
    assert notices == sum(1 for r in rows if r["prolongata"])


def test_a_notice_later_than_the_answer_is_kept_and_flagged(corpus: Path, tmp_path: Path) -> None:
    path, _rows = sample(corpus, tmp_path)
    import_sejm_replies(path)
    flagged = Answer.objects.filter(kind=AnswerKind.DELAY_NOTICE, is_imported=True)
    assert flagged.exists()
    assert all("późniejsze" in " ".join(a.warnings) for a in flagged)


def test_a_second_run_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    path, _rows = sample(corpus, tmp_path, groups=30)
    first = import_sejm_replies(path)
    events = Event.objects.count()
    second = import_sejm_replies(path)
    assert (second.inserted, second.updated, second.review, second.failed) == (0, 0, 0, [])
    assert second.unchanged == first.inserted
    assert Event.objects.count() == events


def test_a_changed_reply_is_updated_not_duplicated(corpus: Path, tmp_path: Path) -> None:
    path, rows = sample(corpus, tmp_path, groups=5)
    import_sejm_replies(path)
    target = next(r for r in rows if not r["prolongata"])
    target["tresc"] += "\nSprostowanie."
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    report = import_sejm_replies(path)
    assert report.updated == 1 and report.inserted == 0
    answer = Answer.objects.get(source=target["link_tresci"])
    assert answer.text.endswith("Sprostowanie.")
    assert answer.events.filter(action="updated").exists()


def test_a_broken_line_fails_alone(corpus: Path, tmp_path: Path) -> None:
    path, rows = sample(corpus, tmp_path, groups=3)
    path.write_text(path.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    report = import_sejm_replies(path)
    assert len(report.failed) == 1 and report.failed[0][0] == f"replies.jsonl:{len(rows) + 1}"
    assert any(line.startswith("BŁĄD replies.jsonl:") for line in report.lines())
    assert report.inserted > 0


@pytest.mark.parametrize(
    ("raw", "name", "office"),
    [
        ("Podsekretarz stanu Wiesław Leśniakiewicz", "Wiesław Leśniakiewicz", "Podsekretarz stanu"),
        ("Minister Wojciech Balczun", "Wojciech Balczun", "Minister"),
        (
            "podsekretarz stanu w Ministerstwie Zdrowia - Katarzyna Kęcka",
            "Katarzyna Kęcka",
            "podsekretarz stanu w Ministerstwie Zdrowia",
        ),
        (
            "szef Służby Cywilnej Anita Noskowska-Piątkowska",
            "Anita Noskowska-Piątkowska",
            "szef Służby Cywilnej",
        ),
    ],
)
def test_split_signatory(raw: str, name: str, office: str) -> None:
    assert split_signatory(raw) == (name, office)
