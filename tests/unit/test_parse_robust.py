"""parse_text never raises: random text and real corpus texts damaged the way extraction damages them.

Extraction from PDFs, scans and web pages drops lines (a letterhead taken for a running header), reorders them
(two-column layouts, OCR), joins them (a wrapped line put back) and splits them (a long line wrapped). Whatever
comes out, the parser must return records with the fixed field set, never an exception.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fixtures_docs import CORPUS, corpus_texts  # noqa: E402
from interpel.text.parse import parse_text  # noqa: E402
from interpel.text.segment import FIELDS  # noqa: E402

TEXTS = [text for _name, text in corpus_texts()] if CORPUS.exists() else []
# Words and punctuation the parser's rules look for, so that random text reaches them and not only the fallbacks.
TOKENS = [
    "Interpelacja", "dotyczy:", "Zapytanie", "Odpowiedź", "Prezydenta", "(znak", "zgłoszona", "dnia", "przez:",
    "(udzielona", "w dniu", "2016-12-21)", ")", "(", "Numer:", "Rodzaj:", "Data wpływu:", "Odpowiadający:",
    "Szanowny", "Panie", "Prezydencie,", "w sprawie", "Kalisz,", "12 marca 2025 r.", "Z poważaniem", "/-/",
    "Jan Kowalski", "Radny", "WO.0003.12.2025", "D2026.03.05724", "Autor:", "dodano:", "[ 145 ]", "1.", "–",
]  # fmt: skip
# PARSE_FUZZ_EXAMPLES=3000 for a longer search than the quick default.
SETTINGS = settings(
    max_examples=int(os.environ.get("PARSE_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _check(records: Any) -> None:
    assert isinstance(records, list)
    for record in records:
        assert isinstance(record, dict)
        assert set(record) - {"title"} == set(FIELDS)


@SETTINGS
@given(st.text(max_size=2000))
def test_random_text(text: str) -> None:
    _check(parse_text(text))


@SETTINGS
@given(
    st.lists(st.one_of(st.sampled_from(TOKENS), st.sampled_from(["\n", "\n\n", " "]), st.text(max_size=12)))
)
def test_random_text_made_of_the_words_the_rules_look_for(parts: list[str]) -> None:
    _check(parse_text(" ".join(parts)))


def _mutate(text: str, data: st.DataObject) -> str:
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(0, 6), label="mutations")):
        if len(lines) < 2:
            break
        i = data.draw(st.integers(0, len(lines) - 2), label="line")
        op = data.draw(st.sampled_from(["drop", "swap", "join", "split", "blank", "shuffle"]), label="op")
        if op == "drop":
            del lines[i]
        elif op == "swap":
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif op == "join":
            lines[i : i + 2] = [lines[i] + " " + lines[i + 1]]
        elif op == "split":
            cut = data.draw(st.integers(0, len(lines[i])), label="cut")
            lines[i : i + 1] = [lines[i][:cut], lines[i][cut:]]
        elif op == "blank":
            lines.insert(i, "")
        else:
            j = data.draw(st.integers(i, min(len(lines), i + 12)), label="end")
            block = lines[i:j]
            lines[i:j] = data.draw(st.permutations(block), label="block")
    return "\n".join(lines)


@pytest.mark.skipif(not TEXTS, reason="the shared corpus is not checked out")
@SETTINGS
@given(st.data())
def test_mutated_corpus_texts(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(TEXTS), label="text")
    _check(parse_text(_mutate(text, data)))


@pytest.mark.skipif(not TEXTS, reason="the shared corpus is not checked out")
@pytest.mark.parametrize("width", [40, 70, 90])
def test_corpus_texts_hard_wrapped_as_a_scan_reads_them(width: int) -> None:
    import textwrap

    for text in TEXTS:
        wrapped = "\n".join(textwrap.fill(line, width) if line else "" for line in text.split("\n"))
        _check(parse_text(wrapped))
