"""From a document's text to register records: split into the documents it holds, fill the annotation fields.

Letters (place/date line, addressee, salutation, body, signature) are found first; what lies between them is read
as portal page structure (labelled BIP registers, eSesja pages, session lists, summaries). Unknown fields stay None.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from interpel.text.parse_letter import parse_letters
from interpel.text.parse_link import link_answers
from interpel.text.parse_portal import parse_portal
from interpel.text.segment import Record, split_lines


def parse_text(text: str) -> list[dict[str, Any]]:
    """Records in file order, each with exactly the annotation fields (plus "title" where the page has one)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = split_lines(text)
    found: list[tuple[int, int, Record]] = parse_letters(text, lines)
    gaps: list[tuple[int, int]] = []
    cursor = 0
    for first, last, _record in found:
        if first > cursor:
            gaps.append((cursor, first - 1))
        cursor = last + 1
    if cursor < len(lines):
        gaps.append((cursor, len(lines) - 1))
    context = "\n".join(line.text for line in lines)
    for first, last in gaps:
        found.extend(parse_portal(text, lines, first, last, context))
    found.sort(key=lambda item: item[0])
    records = [record for _first, _last, record in found]
    link_answers(records)
    return records


def main(argv: list[str] | None = None) -> int:
    """`python -m interpel.text.parse --json PATH...`: one JSON object {path: [records]} on stdout."""
    parser = argparse.ArgumentParser(prog="interpel parse", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object {path: [records]}")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    out: dict[str, list[dict[str, Any]]] = {}
    for path in args.paths:
        out[path] = parse_text(Path(path).read_text(encoding="utf-8"))
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1 if not args.json else None)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
