"""Golden tests through a PDF: every corpus text typeset by make_pdf, read back by extract_file, then parsed.

A PDF made by a word processor wraps long lines, loses blank lines between paragraphs unless they are spaced,
drops Markdown marks and trailing spaces: the fields must come out as from the text itself.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fixtures_docs import make_pdf  # noqa: E402
from interpel.text.extract import extract_file  # noqa: E402
from interpel.text.parse import parse_text  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_parse_golden import CORPUS, KNOWN_MISSES, SCORER_PATH, _documents, _scorer_module  # noqa: E402

# Misses of the PDF round trip beyond the text's own KNOWN_MISSES, keyed by (file stem, record, field).
PDF_MISSES: dict[tuple[str, int, str], str] = {}

_parsed: dict[Path, list[dict[str, Any]]] = {}


def _records(path: Path, tmp: Path) -> list[dict[str, Any]]:
    if path not in _parsed:
        pdf = tmp / f"{path.parent.name}-{path.stem}.pdf"
        make_pdf(path.read_text(encoding="utf-8"), pdf)
        _parsed[path] = parse_text(extract_file(pdf).text)
    return _parsed[path]


def _cases() -> list[Any]:
    if not CORPUS.exists() or not SCORER_PATH.exists():
        return []
    scorer = _scorer_module()
    cases = []
    for path in _documents():
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["gold"]
        for index, _record in enumerate(gold):
            for field in scorer.FIELDS:
                key = (path.stem, index, field)
                reason = PDF_MISSES.get(key) or KNOWN_MISSES.get(key)
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                case_id = f"{path.parent.name}-{path.stem}-{index}-{field}"
                cases.append(pytest.param(path, index, field, marks=marks, id=case_id))
    return cases


@pytest.fixture(scope="module")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("golden-pdf")


@pytest.mark.parametrize(("path", "index", "field"), _cases())
def test_pdf_field_matches_annotation(path: Path, index: int, field: str, pdf_dir: Path) -> None:
    scorer = _scorer_module()
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["gold"]
    pairs, _extra = scorer.align(gold, _records(path, pdf_dir))
    gold_record, predicted = pairs[index]
    assert predicted is not None, "no parsed record aligned with this annotated document"
    assert scorer.field_ok(field, scorer.get(gold_record, field), scorer.get(predicted, field)), (
        f"gold={scorer.get(gold_record, field)!r} got={scorer.get(predicted, field)!r}"
    )


@pytest.mark.parametrize(
    "path", _documents() if CORPUS.exists() else [], ids=lambda p: f"{p.parent.name}-{p.stem}"
)
def test_pdf_no_extra_records(path: Path, pdf_dir: Path) -> None:
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["gold"]
    _pairs, extra = _scorer_module().align(gold, _records(path, pdf_dir))
    assert extra == []
