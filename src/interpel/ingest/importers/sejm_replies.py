"""Import of the Sejm API replies dump (../shared/corpus/sejm-replies/replies.jsonl): a read-only mirror.

One inquiry per `numer` (register number = numer, subject from `tytul`), one answer per reply; an extension
notice (`prolongata: true`) becomes a delay notice. The dump names no authors and no filing dates, so those stay
empty rather than guessed. Records are keyed by their Sejm API address, so a second run changes nothing.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import DatabaseError, transaction
from django.db.models import Q

from interpel.errors import InterpelError, InvalidData
from interpel.registry.models import Answer, AnswerKind, Body, Inquiry, InquiryKind, Level, Role, Term
from interpel.registry.services import (
    answer,
    batch,
    batch_atomic,
    file_inquiry,
    update_answer,
    update_inquiry,
)

from ..report import ImportReport
from .common import People, bare_subject, ensure_body, ensure_term, parse_day
from .reindex import bulk_indexing, index

BODY_NAME = "Sejm RP"
EXECUTIVE = "Rada Ministrów"
TERM_NAME = "X kadencja"
TERM_NUMBER = 10
TERM_STARTS = date(2023, 11, 13)  # first sitting of the Sejm of the 10th term
API = f"https://api.sejm.gov.pl/sejm/term{TERM_NUMBER}/interpellations"
ADDRESSEE_MAX = 300  # Inquiry.addressee_text


@dataclass
class Reply:
    """One line of the dump, checked."""

    line: int
    numer: str
    subject: str
    addressees: list[str]
    answered_on: date | None
    is_notice: bool
    text: str
    signatory: str
    office: str
    source: str


@dataclass
class Group:
    """An interpellation with its replies in file order."""

    numer: str
    subject: str
    addressees: list[str]
    replies: list[Reply] = field(default_factory=list)


def split_signatory(raw: str) -> tuple[str, str]:
    """ "podsekretarz stanu w Ministerstwie Zdrowia - Katarzyna Kęcka" or "Sekretarz stanu Paweł Bejda" -> (name, office).

    The dump writes the office first and the name last, either after " - " or as the last two capitalised words.
    """
    text = " ".join((raw or "").split())
    if " - " in text:
        office, name = text.rsplit(" - ", 1)
        return name.strip(), office.strip()
    words = text.split()
    if len(words) >= 3 and all(w[:1].isupper() for w in words[-2:]):
        return " ".join(words[-2:]), " ".join(words[:-2])
    return "", text


def _office(office: str) -> str:
    return office[:1].upper() + office[1:] if office else ""


def _read(path: Path, report: ImportReport) -> list[Group]:
    groups: dict[str, Group] = {}
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                reply = _reply(row, n)
            except (ValueError, KeyError, TypeError, InvalidData) as exc:
                report.failed.append((f"{path.name}:{n}", f"nieprawidłowy wiersz: {exc}"))
                continue
            group = groups.get(reply.numer)
            if group is None:
                group = groups[reply.numer] = Group(reply.numer, reply.subject, reply.addressees)
            group.replies.append(reply)
    return list(groups.values())


def _reply(row: dict[str, Any], line: int) -> Reply:
    numer = str(row["numer"]).strip()
    if not re.fullmatch(r"\d{1,6}", numer):
        raise InvalidData(f"numer {numer!r} nie jest numerem interpelacji")
    subject = bare_subject(str(row.get("tytul") or ""))
    if not subject:
        raise InvalidData("brak tytułu")
    is_notice = bool(row.get("prolongata"))
    name, office = split_signatory(str(row.get("autor_odpowiedzi") or ""))
    answered_on = parse_day(row.get("data_odpowiedzi"))
    link = row.get("link_tresci")
    # A notice has no text address; its number and date identify it (one notice per day at most in the dump).
    source = link or f"{API}/{numer}#prolongata-{row.get('data_odpowiedzi')}"
    return Reply(
        line=line,
        numer=numer,
        subject=subject,
        addressees=[" ".join(a.split()) for a in row.get("adresat") or [] if a and a.strip()],
        answered_on=answered_on,
        is_notice=is_notice,
        text=str(row.get("tresc") or "").replace("\r\n", "\n"),
        signatory=name,
        office=_office(office),
        source=source,
    )


def addressee_text(addressees: list[str]) -> tuple[str, list[str]]:
    """The addressees as one line; a list too long for the register field is shortened, with a warning."""
    text = ", ".join(addressees)
    if len(text) <= ADDRESSEE_MAX:
        return text, []
    kept: list[str] = []
    for a in addressees:
        rest = len(addressees) - len(kept) - 1
        if len(", ".join([*kept, a])) + len(f" i {rest} innych") > ADDRESSEE_MAX:
            break
        kept.append(a)
    rest = len(addressees) - len(kept)
    short = f"{', '.join(kept)} i {rest} innych"
    return short, [
        f"Interpelacja skierowana do {len(addressees)} adresatów; w polu adresata wymieniono {len(kept)}."
    ]


def _reply_warnings(group: Group, reply: Reply) -> list[str]:
    warnings = []
    if reply.answered_on is None:
        warnings.append("Brak daty odpowiedzi w danych Sejmu.")
    if reply.is_notice:
        answered = [r.answered_on for r in group.replies if not r.is_notice and r.answered_on]
        if answered and reply.answered_on and min(answered) < reply.answered_on:
            warnings.append(
                f"Zawiadomienie o przedłużeniu terminu z {reply.answered_on:%d.%m.%Y} jest późniejsze niż "
                f"odpowiedź z {min(answered):%d.%m.%Y} (dane Sejmu)."
            )
    elif not reply.text.strip():
        warnings.append("Odpowiedź bez treści w danych Sejmu.")
    return warnings


def _sync(
    group: Group,
    body: Body,
    term: Term,
    inquiry: Inquiry | None,
    people: People,
    report: ImportReport,
    touched: list[int],
) -> None:
    writes = report.inserted + report.updated
    addressees, inquiry_warnings = addressee_text(group.addressees)
    source = f"{API}/{group.numer}"
    if inquiry is None:
        inquiry = file_inquiry(
            body=body,
            term=term,
            kind=InquiryKind.INTERPELLATION,
            subject=group.subject,
            number=group.numer,
            addressee=addressees,
            warnings=inquiry_warnings,
            source=source,
            by_name="import Sejm",
        )
        existing: dict[str, Answer] = {}
        report.inserted += 1
        report.warnings += bool(inquiry_warnings)
    else:
        existing = {a.source: a for a in inquiry.answers.all()}
        changed = update_inquiry(
            inquiry, by_name="import Sejm", subject=group.subject, addressee_text=addressees
        )
        if changed:
            report.updated += 1
        else:
            report.unchanged += 1
    for reply in group.replies:
        warnings = _reply_warnings(group, reply)
        kind = AnswerKind.DELAY_NOTICE if reply.is_notice else AnswerKind.ANSWER
        signatory = people.get(reply.signatory, reply.office) if reply.signatory else None
        # A notice later than the answer breaks the order of the procedure: kept as published, flagged.
        is_imported = any("późniejsze" in w for w in warnings)
        found = existing.get(reply.source)
        if found is None:
            answer(
                [inquiry],
                kind=kind,
                answered_on=reply.answered_on,
                text=reply.text,
                subject=group.subject,
                signatory=signatory,
                signatory_office=reply.office,
                is_imported=is_imported,
                warnings=warnings,
                source=reply.source,
                link_confidence=1.0,
                link_method="sejm_numer",
                by_name="import Sejm",
            )
            report.inserted += 1
            report.warnings += bool(warnings)
        elif update_answer(
            found,
            signatory=signatory,
            by_name="import Sejm",
            kind=kind,
            answered_on=reply.answered_on,
            text=reply.text,
            subject=group.subject,
            signatory_office=reply.office,
            warnings=warnings,
            is_imported=is_imported,
        ):
            report.updated += 1
        else:
            report.unchanged += 1
    if report.inserted + report.updated > writes:
        touched.append(inquiry.pk)


@transaction.atomic
def sejm_body_and_term() -> tuple[Body, Term]:
    """The Sejm as a body (Sejm rules: 21 days) with its 10th term, created on first use."""
    body = ensure_body(BODY_NAME, level=Level.SEJM, executive=EXECUTIVE, deadline_source="Regulamin Sejmu")
    return body, ensure_term(body, TERM_NAME, TERM_STARTS)


def import_sejm_replies(path: Path) -> ImportReport:
    """Import or refresh every interpellation and reply of the dump; one transaction per interpellation."""
    started = time.perf_counter()
    path = Path(path)
    report = ImportReport(files=1)
    try:
        groups = _read(path, report)
    except OSError as exc:
        report.failed.append((path.name, f"nie można odczytać pliku: {exc.strerror or exc}"))
        return report
    body, term = sejm_body_and_term()
    people = People(body, Role.MINISTER)
    # Inquiries taken in from answer documents before this import may have no term yet: they are the same ones.
    known = {
        i.number: i
        for i in Inquiry.objects.filter(Q(term=term) | Q(term__isnull=True), body=body).prefetch_related(
            "answers"
        )
    }
    touched: list[int] = []
    # One batch: the services write each interpellation without savepoints and log its Events in one insert.
    with bulk_indexing(), batch():
        for group in groups:
            try:
                with batch_atomic():
                    _sync(group, body, term, known.get(group.numer), people, report, touched)
            except (InterpelError, DatabaseError) as exc:
                lines = ",".join(str(r.line) for r in group.replies)
                report.failed.append((f"{path.name}:{lines}", f"interpelacja {group.numer}: {exc}"))
    # Only what this run wrote is (re)indexed: the rest of the register is untouched.
    index(touched)
    report.seconds = time.perf_counter() - started
    return report
