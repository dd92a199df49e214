"""Parsed records of one file into the register: inquiries first (an answer may precede its inquiry), then answers."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.db.models import Q

from interpel.registry.models import Answer, AnswerKind, Body, Inquiry, InquiryKind, Person, Role
from interpel.registry.services import (
    answer,
    attach_documents,
    file_inquiry,
    find_or_create_person,
    store_blob,
    update_inquiry,
)
from interpel.text.extract import Extracted

from .linking import Link, link_answer, names_of, subject_similarity
from .models import ReviewItem
from .report import ImportReport

KINDS = {
    "interpellation": InquiryKind.INTERPELLATION,
    "question": InquiryKind.QUESTION,
    "motion": InquiryKind.MOTION,
}
# Offices whose holder is the executive (wójt, burmistrz, prezydent miasta, starosta, marszałek).
_EXECUTIVE = re.compile(
    r"^(?:wójt|burmistrz|prezydent|starost|marszał(?:ek|ka) województwa|zarząd)", re.IGNORECASE
)
BY = "ingest"


def answer_kind(record: dict[str, Any]) -> str:
    """The kind of reply as the document names itself (delay notice, redirect, partial answer, answer)."""
    kind = (record.get("document_kind") or "").casefold()
    if "zawiadom" in kind or "przedłuż" in kind or "opóźni" in kind:
        return AnswerKind.DELAY_NOTICE
    if "przekaz" in kind:
        return AnswerKind.REDIRECT
    if "częściow" in kind:
        return AnswerKind.PARTIAL
    return AnswerKind.ANSWER


def day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def split_addressee(text: str | None) -> tuple[str, str]:
    """ "Krystian Kinastowski, Prezydent Miasta Kalisza" -> (name, office); an office alone gives ("", office)."""
    if not text:
        return "", ""
    name, _, office = text.partition(",")
    name, office = name.strip(), office.strip()
    words = name.split()
    if office and 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not _EXECUTIVE.match(name):
        return name, office
    return "", text.strip()


class FileWriter:
    """Writes one file's records; keeps what it created for the IngestedFile row and its review items."""

    ROLES = {"interpellation", "question", "motion", "answer"}

    def __init__(self, body: Body, file_name: str, data: bytes, extracted: Extracted) -> None:
        self.body = body
        self.file_name = file_name
        self.data = data
        self.extracted = extracted
        self.inquiries: list[Inquiry] = []
        self.answers: list[Answer] = []
        self.reviews: list[ReviewItem] = []  # saved by the caller with the IngestedFile row
        self.touched: set[int] = set()  # inquiries whose search entry must be refreshed
        self._owners: list[Inquiry | Answer] = []  # the file is attached to each, in one go at the end
        self._new: set[int] = set()  # inquiries created from this file
        self._answered: set[int] = set()  # inquiries this file answered

    def write(self, records: list[dict[str, Any]], report: ImportReport) -> list[dict[str, Any]]:
        """Write every record; returns one outcome per record in file order."""
        outcomes: list[dict[str, Any]] = [{"role": r.get("role"), "outcome": "skipped"} for r in records]
        local: list[Inquiry] = []
        for n, record in enumerate(records):
            if record.get("role") in KINDS:
                inquiry, outcome = self._inquiry(record, report)
                local.append(inquiry)
                outcomes[n] = {"role": record["role"], "outcome": outcome, "inquiry": inquiry.pk}
        for n, record in enumerate(records):
            if record.get("role") == "answer":
                outcomes[n] = self._answer(n, record, local, report)
        attach_documents(
            self._owners,
            self.data,
            file_name=self.file_name,
            media_type=self.extracted.media_type,
            text=self.extracted.text,
            pages=self.extracted.pages or None,
        )
        return outcomes

    def _attach(self, owner: Inquiry | Answer) -> None:
        self._owners.append(owner)

    # Inquiries -------------------------------------------------------------------------------------------------

    def _match_inquiry(self, record: dict[str, Any], kind: str) -> Inquiry | None:
        """The inquiry with this number, else this sign and kind, else this date, kind and a like subject."""
        number = (record.get("document_number") or "").strip()
        sign = (record.get("case_sign") or "").strip()
        filed_on = day(record.get("date")) if record.get("subject") else None
        wanted = Q()
        if number:
            wanted |= Q(number=number)
        if sign:
            wanted |= Q(case_sign=sign, kind=kind)
        if filed_on:
            wanted |= Q(filed_on=filed_on, kind=kind)
        if not wanted:
            return None
        # One query for the three tests; each is then tried in turn on the rows in register order.
        found = list(Inquiry.objects.filter(body=self.body).filter(wanted))
        tests = [
            lambda i: bool(number) and i.number == number,
            lambda i: bool(sign) and i.case_sign == sign and i.kind == kind,
            lambda i: (
                filed_on is not None
                and i.filed_on == filed_on
                and i.kind == kind
                and subject_similarity(i.subject, record["subject"]) >= 0.8
            ),
        ]
        for test in tests:
            for inquiry in found:
                if test(inquiry):
                    return inquiry
        return None

    def _inquiry(self, record: dict[str, Any], report: ImportReport) -> tuple[Inquiry, str]:
        kind = KINDS[record["role"]]
        warnings: list[str] = []
        subject = (record.get("subject") or "").strip()
        if not subject:
            label = record.get("title") or record.get("document_kind") or "pismo"
            subject = f"{label} {record.get('document_number') or ''} z {record.get('date_raw') or 'dnia nieznanego'}"
            subject = " ".join(subject.split())
            warnings.append("Dokument nie podaje przedmiotu; wpisano opis dokumentu.")
        existing = self._match_inquiry(record, kind)
        if existing is not None:
            changes = self._fill_empty(existing, record, subject)
            outcome = "updated" if changes else "unchanged"
            if changes:
                report.updated += 1
            else:
                report.unchanged += 1
            self._attach(existing)
            self.inquiries.append(existing)
            self.touched.add(existing.pk)
            return existing, outcome
        name, office = split_addressee(record.get("addressee"))
        addressee: Person | str | None = record.get("addressee") or None
        if name:
            role = Role.EXECUTIVE if _EXECUTIVE.match(office) else Role.OFFICIAL
            addressee = find_or_create_person(name, body=self.body, office=office, role=role)
        inquiry = file_inquiry(
            body=self.body,
            kind=kind,
            subject=subject,
            text=record.get("body") or "",
            authors=names_of(record.get("author")),
            number=(record.get("document_number") or "").strip(),
            filed_on=day(record.get("date")),
            addressee=addressee,
            case_sign=record.get("case_sign") or "",
            edoc_id=record.get("edoc_id") or "",
            warnings=warnings,
            source=self.file_name,
            by_name=BY,
        )
        self._new.add(inquiry.pk)
        report.inserted += 1
        report.warnings += bool(warnings)
        self._attach(inquiry)
        self.inquiries.append(inquiry)
        self.touched.add(inquiry.pk)
        return inquiry, "inserted"

    def _fill_empty(self, inquiry: Inquiry, record: dict[str, Any], subject: str) -> dict[str, Any]:
        """Complete an inquiry known only from an answer's citation; never overwrite what is already there."""
        proposed = {
            "text": record.get("body") or "",
            "number": (record.get("document_number") or "").strip(),
            "case_sign": record.get("case_sign") or "",
            "edoc_id": record.get("edoc_id") or "",
            "filed_on": day(record.get("date")),
            "addressee_text": record.get("addressee") or "",
        }
        changes = {k: v for k, v in proposed.items() if v and not getattr(inquiry, k)}
        if record.get("subject") and inquiry.warnings and "odpowiedzi" in " ".join(inquiry.warnings):
            changes["subject"] = subject
        return update_inquiry(inquiry, by_name=BY, **changes) if changes else {}

    # Answers ---------------------------------------------------------------------------------------------------

    def _answer(
        self, n: int, record: dict[str, Any], local: list[Inquiry], report: ImportReport
    ) -> dict[str, Any]:
        link = link_answer(record, self.body, local)
        if not link.ok and not link.candidates:
            stub = self._inquiry_from_citation(record, report)
            if stub is not None:
                link = Link([stub], 1.0, "cited_new")
        if not link.ok:
            store_blob(self.data)  # kept for the reviewer, who attaches the original when linking
            self.reviews.append(
                ReviewItem(
                    body=self.body,
                    position=n,
                    record=record,
                    candidates=[c.as_json() for c in link.candidates],
                    reason=link.reason[:300],
                )
            )
            report.review += 1
            return {
                "role": "answer",
                "outcome": "review",
                "candidates": [c.inquiry.pk for c in link.candidates],
            }
        return self._write_answer(record, link, report)

    def _inquiry_from_citation(self, record: dict[str, Any], report: ImportReport) -> Inquiry | None:
        """An answer to an inquiry the register lacks, citing it clearly: register the inquiry as cited."""
        ref = record.get("answers_ref") or {}
        number = (ref.get("number") or ref.get("document_number") or "").strip()
        subject = (ref.get("subject") or "").strip()
        if not (number or (subject and ref.get("date"))):
            return None
        inquiry = file_inquiry(
            body=self.body,
            kind=InquiryKind.QUESTION
            if "zapytani" in (record.get("document_kind") or "")
            else InquiryKind.INTERPELLATION,
            subject=subject or f"interpelacja nr {number}",
            authors=names_of(ref.get("author")),
            number=number,
            filed_on=day(ref.get("date")),
            case_sign=ref.get("case_sign") if ref.get("case_sign") and not number else "",
            warnings=["Interpelacja znana tylko z odpowiedzi, która ją cytuje; jej tekstu nie przyjęto."],
            source=self.file_name,
            by_name=BY,
        )
        self._new.add(inquiry.pk)
        report.inserted += 1
        report.warnings += 1
        self.inquiries.append(inquiry)
        self.touched.add(inquiry.pk)
        return inquiry

    def _write_answer(self, record: dict[str, Any], link: Link, report: ImportReport) -> dict[str, Any]:
        answered_on = day(record.get("date"))
        kind = answer_kind(record)
        same = self._same_answer(link.inquiries, record, answered_on, kind)
        if same is not None:
            self._attach(same)
            report.unchanged += 1
            self.answers.append(same)
            return {"role": "answer", "outcome": "unchanged", "answer": same.pk}
        early = [i for i in link.inquiries if answered_on and i.filed_on and answered_on < i.filed_on]
        # Documents as published: an answer dated before its inquiry is kept with a warning (services.answer
        # flags the inquiry too), not corrected.
        created = answer(
            link.inquiries,
            kind=kind,
            answered_on=answered_on,
            text=record.get("body") or "",
            subject=record.get("subject") or "",
            signatory=record.get("signatory") or None,
            signatory_office=record.get("signatory_office") or "",
            case_sign=record.get("case_sign") or "",
            edoc_id=record.get("edoc_id") or "",
            is_imported=bool(early),
            source=self.file_name,
            link_confidence=round(link.confidence, 3),
            link_method=link.method,
            by_name=BY,
        )
        report.inserted += 1
        report.warnings += bool(created.warnings)
        self._attach(created)
        self.answers.append(created)
        self.touched.update(i.pk for i in link.inquiries)
        self._answered.update(i.pk for i in link.inquiries)
        return {"role": "answer", "outcome": "inserted", "answer": created.pk, "confidence": link.confidence}

    def _same_answer(
        self, inquiries: list[Inquiry], record: dict[str, Any], answered_on: date | None, kind: str
    ) -> Answer | None:
        """The same letter taken in before from another file (a PDF and its DOCX): same date, kind and sign or id."""
        sign, edoc = record.get("case_sign") or "", record.get("edoc_id") or ""
        pks = {i.pk for i in inquiries}
        if pks <= self._new and not pks & self._answered:
            return None  # inquiries new in this file, not answered by it yet: no answer to compare with
        for existing in Answer.objects.filter(
            inquiries__in=inquiries, answered_on=answered_on, kind=kind
        ).distinct():
            if (sign and existing.case_sign == sign) or (edoc and existing.edoc_id == edoc):
                return existing
            if not sign and not edoc and not existing.case_sign and not existing.edoc_id:
                return existing
        return None
