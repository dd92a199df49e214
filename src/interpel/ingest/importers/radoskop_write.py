"""Writing Radoskop entries through the registry services, matching what an earlier run already wrote."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from interpel.registry.models import Answer, Body, Inquiry, Term
from interpel.registry.services import answer, file_inquiry, update_answer, update_inquiry

from ..report import ImportReport
from .common import People

if TYPE_CHECKING:
    from .radoskop import Entry

BY = "import Radoskop"


class Writer:
    """Holds what the body already has (by content key, by source address, by number) for one import run."""

    def __init__(self, body: Body, terms: dict[str, Term], role: str, source_label: str) -> None:
        self.body = body
        self.terms = terms
        self.term_keys = {term.pk: key for key, term in terms.items()}
        self.people = People(body, role)
        self.source_label = source_label
        self.by_key: dict[tuple[Any, ...], Inquiry] = {}
        self.by_source: dict[str, Inquiry] = {}
        self.numbers: dict[tuple[int | None, str], int] = {}
        self.seen: set[int] = set()
        self.touched: list[int] = []  # inquiries this run wrote, for the search index
        self.last: int | None = None
        for inquiry in Inquiry.objects.filter(body=body).prefetch_related("answers"):
            key = (
                self.term_keys.get(inquiry.term_id),
                inquiry.kind,
                inquiry.filed_on,
                inquiry.subject.casefold(),
            )
            self.by_key.setdefault(key, inquiry)
            if inquiry.source:
                self.by_source.setdefault(inquiry.source, inquiry)
            if inquiry.number:
                self.numbers[(inquiry.term_id, inquiry.number)] = inquiry.pk

    def _existing(self, entry: Entry) -> Inquiry | None:
        found = self.by_key.get(entry.key)
        if found is None and entry.source:
            found = self.by_source.get(entry.source)
        # Two entries of one file never update the same inquiry (a shared address would make them overwrite).
        return None if found is not None and found.pk in self.seen else found

    def write(self, entry: Entry, report: ImportReport) -> None:
        writes = report.inserted + report.updated
        self._write(entry, report)
        if report.inserted + report.updated > writes and self.last is not None:
            self.touched.append(self.last)

    def _write(self, entry: Entry, report: ImportReport) -> None:
        term = self.terms.get(entry.term_key) if entry.term_key else None
        inquiry = self._existing(entry)
        warnings = list(entry.warnings)
        number = entry.number
        holder = self.numbers.get((term.pk if term else None, number)) if number else None
        if holder is not None and (inquiry is None or holder != inquiry.pk):
            warnings.append(f"Numer {number} ma już w rejestrze inna sprawa; tu numeru nie nadano.")
            number = ""
        if inquiry is None:
            inquiry = file_inquiry(
                body=self.body,
                term=term,
                kind=entry.kind,
                subject=entry.subject,
                authors=[self.people.get(name) for name in entry.authors],
                number=number,
                filed_on=entry.filed_on,
                case_sign=entry.case_sign,
                edoc_id=entry.edoc_id,
                is_imported=entry.is_imported,
                warnings=warnings,
                source=entry.source or self.source_label,
                by_name=BY,
            )
            report.inserted += 1
            report.warnings += bool(warnings)
            known: dict[tuple[Any, str], Answer] = {}
        else:
            changed = update_inquiry(
                inquiry,
                by_name=BY,
                subject=entry.subject,
                number=number,
                filed_on=entry.filed_on,
                case_sign=entry.case_sign,
                edoc_id=entry.edoc_id,
            )
            report.updated += bool(changed)
            report.unchanged += not changed
            known = {(a.answered_on, a.source): a for a in inquiry.answers.all()}
        self.seen.add(inquiry.pk)
        self.last = inquiry.pk
        if number:
            self.numbers[(term.pk if term else None, number)] = inquiry.pk
        for answered_on, source, notes in entry.answers:
            found = known.get((answered_on, source))
            if found is None:
                answer(
                    [inquiry],
                    answered_on=answered_on,
                    subject=entry.subject,
                    is_imported=entry.is_imported,
                    warnings=notes,
                    source=source,
                    link_confidence=1.0,
                    link_method="register",
                    by_name=BY,
                )
                report.inserted += 1
                report.warnings += bool(notes)
            elif found.warnings[: len(notes)] != notes and update_answer(found, by_name=BY, warnings=notes):
                report.updated += 1
            else:
                report.unchanged += 1
