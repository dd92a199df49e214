"""The demo register: the two Kalisz seed letters, loaded through the same services as real data."""

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from .models import Body, Inquiry, Term
from .services import answer, attach_document, file_inquiry, find_or_create_person

DEMO_DIR = Path(__file__).resolve().parents[3] / "demo"


def _cut(letter: str, spec: dict[str, Any]) -> str:
    """The part of a letter between two anchors: the text itself comes from the letter, not from the fixture."""
    start = letter.index(spec["text_from"])
    if spec.get("text_to"):
        end = letter.index(spec["text_to"], start) + len(spec["text_to"])
    else:
        end = letter.index(spec["text_until"], start)
    return letter[start:end].strip()


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@transaction.atomic
def load_demo(demo_dir: Path = DEMO_DIR) -> list[str]:
    """Load the Kalisz demo once; returns what was done, in Polish, one line each."""
    fixture = json.loads((demo_dir / "kalisz.json").read_text(encoding="utf-8"))
    spec = fixture["body"]
    if Inquiry.objects.filter(body__slug=spec["slug"]).exists():
        return [f"Dane demonstracyjne już są w bazie ({spec['name']})."]
    body, _ = Body.objects.get_or_create(
        slug=spec["slug"], defaults={k: v for k, v in spec.items() if k != "slug"}
    )
    term_spec = fixture["term"]
    term, _ = Term.objects.get_or_create(
        body=body,
        name=term_spec["name"],
        defaults={"starts_on": _day(term_spec["starts_on"]), "ends_on": _day(term_spec["ends_on"])},
    )
    executive = fixture["executive"]
    mayor = find_or_create_person(executive["name"], body=body, office=executive["office"], role="executive")
    letters = {p.name: p for p in (demo_dir / "seeds").glob("*.txt")}
    done: list[str] = []
    inquiries: dict[str, Inquiry] = {}
    for item in fixture["inquiries"]:
        raw = letters[item["letter"]].read_bytes() if item.get("letter") else b""
        text = _cut(raw.decode("utf-8"), item) if raw else ""
        authors = [
            find_or_create_person(name, body=body, office=item["author_office"], role="councillor")
            for name in item["authors"]
        ]
        inquiry = file_inquiry(
            body=body,
            term=term,
            kind=item["kind"],
            subject=item["subject"],
            text=text,
            authors=authors,
            addressee=mayor if executive["name"] in item["addressee"] else item["addressee"],
            filed_on=_day(item["filed_on"]),
            by_name="interpel demo",
            source=item.get("note", "") or f"demo/seeds/{item['letter']}",
        )
        if raw:
            attach_document(
                inquiry, raw, file_name=item["letter"], media_type="text/plain", text=raw.decode()
            )
        inquiries[item["key"]] = inquiry
        done.append(f"Zarejestrowano: {inquiry} (termin {inquiry.due_on:%d.%m.%Y})")
    for item in fixture["answers"]:
        raw = letters[item["letter"]].read_bytes()
        record = answer(
            [inquiries[item["answers"]]],
            kind=item["kind"],
            answered_on=_day(item["answered_on"]),
            text=_cut(raw.decode("utf-8"), item),
            signatory=item["signatory"],
            signatory_office=item["signatory_office"],
            case_sign=item["case_sign"],
            edoc_id=item["edoc_id"],
            by_name="interpel demo",
            source=f"demo/seeds/{item['letter']}",
        )
        attach_document(record, raw, file_name=item["letter"], media_type="text/plain", text=raw.decode())
        done.append(f"Zarejestrowano odpowiedź z {record.answered_on:%d.%m.%Y} ({record.case_sign})")
    return done
