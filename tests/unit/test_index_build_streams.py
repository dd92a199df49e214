"""polish.document_streams (the bulk index build's one look-up per whitespace chunk) gives the text of
polish.index_streams()' token lists, joined, whatever the text holds."""

from __future__ import annotations

import random

import pytest

from interpel.text import polish
from interpel.text.polish import document_streams, index_streams

TEXTS = [
    "Interpelacja w sprawie remontu drogi powiatowej nr 1234 (Dz.U. z 2023 r., poz. 12) — pilne!",
    "Zrobiłbym to, gdybym mógł; zrobiłem już wiele. Łódź, ŁÓDŹ i lodz; KSeF, e-Doręczenia, COVID-19.",
    "w i z na się być",  # stop words only
    "",
    "   \n\t ",
    "O'Hara pisze C:\\Windows i 'cytat' _podkreślenie_ a_b __ ,,",
    # letters whose fold is empty (U+FF9E) or holds a space (U+037A), ligatures, other scripts, odd spaces
    "ﾞ ﾟﾞ aͺb ﷺ ½ ﬁ ẞ İstanbul Ελλάδα Україна x\u00a0y\u2003z\u3000w",
]


def _joined_lists(subject: str, texts: list[str | None], mode: polish.Mode) -> tuple[str, str, str]:
    title, title_forms = index_streams(subject, mode)
    body: list[str] = []
    forms = list(title_forms)
    for text in texts:
        if text:
            lemmas, text_forms = index_streams(text, mode)
            body += lemmas
            forms += text_forms
    return " ".join(title), " ".join(body), " ".join(forms)


@pytest.mark.parametrize("mode", ["all", "one"])
def test_document_streams_join_the_token_lists(mode):
    rng = random.Random(7)
    words = " ".join(TEXTS).split() + ["ﾞ", "", "ͺ"]
    cases = [(subject, [text, None, "", subject]) for subject in TEXTS for text in TEXTS]
    for _ in range(300):
        subject = " ".join(rng.choice(words) for _ in range(rng.randint(0, 6)))
        text = rng.choice(["\n", " ", "  "]).join(rng.choice(words) for _ in range(rng.randint(0, 30)))
        cases.append((subject, [text, rng.choice(TEXTS)]))
    for subject, texts in cases:
        assert document_streams(subject, texts, mode) == _joined_lists(subject, texts, mode), (subject, texts)


def test_document_streams_survive_a_cleared_cache(monkeypatch):
    monkeypatch.setattr(polish, "_CHUNK_LIMIT", 3)
    for text in TEXTS:
        assert document_streams(text, [text]) == _joined_lists(text, [text], "all")
