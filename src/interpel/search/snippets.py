"""Snippets: the passage that holds most of the query's words, HTML-escaped, matched original forms in <mark>."""

from __future__ import annotations

from html import escape

from interpel.text.polish import Token, analyse

from .query import ParsedQuery

WINDOW = 28  # words shown
FIRST_LOOK_CHARS = 2_500
SCAN_CHARS = 12_000  # a snippet is looked for in the first 12 kB of each text: bounded time per result


def _is_hit(
    lemmas: tuple[str, ...], form: str, wanted: set[str], forms: set[str], prefixes: list[str]
) -> str | None:
    """The key of what the word matches (a lemma, a form or a prefix), None when it matches nothing."""
    for lemma in lemmas:
        if lemma in wanted:
            return lemma
    if form in forms:
        return "=" + form
    for stem in prefixes:
        if form.startswith(stem) or any(lemma.startswith(stem) for lemma in lemmas):
            return "*" + stem
    return None


def _best_window(hits: list[str | None], window: int) -> tuple[int, int]:
    """(distinct keys, start) of the window of `window` words holding most distinct matches; (0, 0) for none."""
    positions = [i for i, key in enumerate(hits) if key]
    best = (0, 0)
    for j, start in enumerate(positions):
        keys = set()
        for position in positions[j:]:
            if position >= start + window:
                break
            keys.add(hits[position])
        if len(keys) > best[0]:
            best = (len(keys), start)
    return best


def snippet(texts: list[str], parsed: ParsedQuery, *, window: int = WINDOW) -> str:
    """Best passage over the texts (earlier texts win ties); the start of the first text when nothing matches."""
    wanted, forms, prefixes = parsed.lemmas(), parsed.forms(), parsed.prefixes()
    best: tuple[int, str, list[Token], int] | None = None  # (distinct keys, text, tokens, first hit)
    # Answers usually restate the subject in their first lines: look there first, deeper only when that fails.
    for limit in (FIRST_LOOK_CHARS, SCAN_CHARS):
        for text in texts:
            if not text:
                continue
            tokens = analyse(text[:limit])
            hits = [_is_hit(t.lemmas, t.form, wanted, forms, prefixes) for t in tokens]
            distinct, first_hit = _best_window(hits, window)
            if distinct and (best is None or distinct > best[0]):
                best = (distinct, text, tokens, first_hit)
            if best is not None and best[0] >= len(parsed.clauses):
                break  # everything asked for is in one passage already
        if best is not None or all(len(t) <= limit for t in texts):
            break  # a passage with some of the words near the start beats a perfect one found slowly
    if best is None:
        first = next((t for t in texts if t), "")
        words = first.split()
        return escape(" ".join(words[:window])) + (" …" if len(words) > window else "")
    _, text, tokens, first_hit = best
    # A few words before the first match give the reader its context.
    start = max(0, first_hit - window // 5)
    chosen = tokens[start : start + window]
    out: list[str] = ["… " if start > 0 else ""]
    cursor = chosen[0].start
    for token in chosen:
        out.append(escape(text[cursor : token.start]))
        word = escape(text[token.start : token.end])
        matched = _is_hit(token.lemmas, token.form, wanted, forms, prefixes)
        out.append(f"<mark>{word}</mark>" if matched else word)
        cursor = token.end
    if start + window < len(tokens):
        out.append(" …")
    return " ".join("".join(out).split())
