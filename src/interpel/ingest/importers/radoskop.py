"""Import of Radoskop register dumps (../shared/corpus/registers/*.json): big-city registers without texts.

The dumps carry the quirks of the cities' registers (answer dates equal to filing dates everywhere, answers dated
before filing, one entry per co-author, numbers given twice). None is fixed silently: each becomes a warning on the
record it touches, and dates that cannot be true are imported as unknown. Rules are about the data, not the city.
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

from interpel.errors import InterpelError, InvalidData
from interpel.registry.models import Body, InquiryKind, Level, Role, Term

from ..report import ImportReport
from .authors import split_authors
from .common import bare_subject, ensure_body, ensure_term, parse_day
from .radoskop_write import Writer
from .reindex import bulk_indexing, index

KINDS = {
    "interpelacja": InquiryKind.INTERPELLATION,
    "zapytanie": InquiryKind.QUESTION,
    "wniosek": InquiryKind.MOTION,
}

# Terms of local councils count from election day (art. 16 ust. 1 u.s.g.); 4 years until 2018, 5 since.
TERMS = {
    "VI": ("VI kadencja 2010–2014", date(2010, 11, 21), date(2014, 11, 15)),
    "VII": ("VII kadencja 2014–2018", date(2014, 11, 16), date(2018, 10, 20)),
    "VIII": ("VIII kadencja 2018–2024", date(2018, 10, 21), date(2024, 4, 6)),
    "IX": ("IX kadencja 2024–2029", date(2024, 4, 7), None),
}
_YEARS = re.compile(r"(\d{4})\s*[-–]\s*(\d{4})")
# When this share of the answer dates equals the filing dates, the register copies one into the other.
COPIED_DATES_SHARE = 0.9
COPIED_DATES_MIN = 20


@dataclass
class Entry:
    """One inquiry of the register as it will be written, merged from the dump's entries that describe it."""

    kind: str
    term_key: str | None
    number: str
    case_sign: str
    edoc_id: str
    subject: str
    filed_on: date | None
    authors: list[str]
    source: str
    lines: list[int]
    answers: list[tuple[date | None, str, list[str]]] = field(
        default_factory=list
    )  # (date, source, warnings)
    warnings: list[str] = field(default_factory=list)
    raws: list[dict[str, Any]] = field(default_factory=list)

    @property
    def key(self) -> tuple[Any, ...]:
        return (self.term_key, self.kind, self.filed_on, self.subject.casefold())

    @property
    def is_imported(self) -> bool:
        # An answer dated before the filing breaks the register's invariant: kept as published, flagged.
        return any(d and self.filed_on and d < self.filed_on for d, _s, _w in self.answers)


def term_key(raw: Any) -> str | None:
    """ "IX", "ix", "2024-2029" -> "IX"; None for a term we do not know."""
    text = str(raw or "").strip().upper()
    if text in TERMS:
        return text
    years = _YEARS.search(text)
    if years:
        for key, (_name, starts, _ends) in TERMS.items():
            if starts.year == int(years[1]):
                return key
    return None


def status_says(raw: Any) -> bool | None:
    """True for "udzielono (odpowiedzi)", False for "nie udzielono" / "oczekuje", None when absent or unknown."""
    text = " ".join(str(raw or "").casefold().split())
    if not text:
        return None
    if text.startswith("nie ") or "oczekuje" in text or "brak" in text:
        return False
    if "udzielono" in text:
        return True
    return None


def copied_dates(rows: list[dict[str, Any]]) -> bool:
    """True when the file's answer dates are copies of its filing dates (Kraków: all 2,341 of them)."""
    both = [(r.get("data_wplywu"), r.get("data_odpowiedzi")) for r in rows]
    both = [(a, b) for a, b in both if a and b]
    same = sum(1 for a, b in both if a == b)
    return len(both) >= COPIED_DATES_MIN and same >= COPIED_DATES_SHARE * len(both)


def _entry(row: dict[str, Any], line: int, copied: bool) -> Entry:
    kind = KINDS.get(str(row.get("typ") or "").strip().casefold())
    if kind is None:
        raise InvalidData(f"nieznany rodzaj {row.get('typ')!r}")
    subject = bare_subject(str(row.get("przedmiot") or ""))
    if not subject:
        raise InvalidData("brak przedmiotu")
    warnings: list[str] = []
    key = term_key(row.get("kadencja"))
    if key is None:
        warnings.append(f"Nieznana kadencja „{row.get('kadencja')}” w rejestrze źródłowym.")
    filed_on = parse_day(row.get("data_wplywu"))
    if row.get("data_wplywu") and filed_on is None:
        warnings.append(f"Nieczytelna data wpływu „{row.get('data_wplywu')}”.")
    if filed_on is None:
        warnings.append("Rejestr źródłowy nie podaje daty wpływu.")
    elif key and not (TERMS[key][1] <= filed_on <= (TERMS[key][2] or date.max)):
        warnings.append(f"Data wpływu {filed_on:%d.%m.%Y} poza kadencją {key} podaną w rejestrze źródłowym.")
    authors, dropped = split_authors(str(row.get("radny") or ""))
    if dropped:
        warnings.append(
            f"Wśród autorów rejestr podaje też: {'; '.join(dropped)} (nie są osobami, pominięto)."
        )
    if not authors:
        warnings.append("Rejestr źródłowy nie podaje autora.")
    entry = Entry(
        kind=kind,
        term_key=key,
        number=str(row.get("cri") or "").strip(),
        case_sign=str(row.get("symbol") or "").strip(),
        edoc_id=str(row.get("ezd") or "").strip(),
        subject=subject,
        filed_on=filed_on,
        authors=authors,
        source=str(row.get("tresc_url") or row.get("bip_url") or "").strip(),
        lines=[line],
        warnings=warnings,
        raws=[row],
    )
    _answer_of(entry, row, copied)
    return entry


def _answer_of(entry: Entry, row: dict[str, Any], copied: bool) -> None:
    """What the register says about the answer: its date, its address, and what cannot be believed."""
    raw_day = row.get("data_odpowiedzi")
    answered_on = parse_day(raw_day)
    source = str(row.get("odpowiedz_url") or "").strip()
    says = status_says(row.get("odpowiedz_status"))
    status = str(row.get("odpowiedz_status") or "").strip()
    notes: list[str] = []
    if raw_day and answered_on is None:
        notes.append(f"Nieczytelna data odpowiedzi „{raw_day}”; data nieznana.")
    if answered_on and copied and answered_on == entry.filed_on:
        notes.append(
            "Rejestr źródłowy podaje datę odpowiedzi równą dacie wpływu przy niemal wszystkich wpisach; "
            "data odpowiedzi nieznana."
        )
        answered_on = None
    if says is False:
        if answered_on or source:
            entry.warnings.append(f"Status „{status}”, choć rejestr podaje datę lub adres odpowiedzi.")
        return
    if not (answered_on or source or says or notes):
        return
    if answered_on is None and not notes:
        notes.append(f"Rejestr źródłowy: „{status or 'odpowiedź opublikowana'}”, bez daty odpowiedzi.")
    if answered_on and entry.filed_on and answered_on < entry.filed_on:
        entry.warnings.append(
            f"Odpowiedź datowana {answered_on:%d.%m.%Y}, przed wpływem {entry.filed_on:%d.%m.%Y} (dane źródłowe)."
        )
    entry.answers.append((answered_on, source, notes))


def _merge(entries: list[Entry]) -> list[Entry]:
    """Entries describing one inquiry (same term, kind, date and subject) become one, with every author."""
    merged: dict[tuple[Any, ...], Entry] = {}
    for entry in entries:
        first = merged.get(entry.key)
        if first is None:
            merged[entry.key] = entry
            continue
        first.lines += entry.lines
        first.raws += entry.raws
        first.authors += [a for a in entry.authors if a not in first.authors]
        first.warnings += [w for w in entry.warnings if w not in first.warnings]
        first.answers += [a for a in entry.answers if a[:2] not in {b[:2] for b in first.answers}]
        for name in ("number", "case_sign", "edoc_id", "source"):
            if not getattr(first, name):
                setattr(first, name, getattr(entry, name))
    for entry in merged.values():
        if len(entry.raws) > 1:
            same = all(r == entry.raws[0] for r in entry.raws)
            entry.warnings.append(
                f"Wpis powtórzony {len(entry.raws)} razy w rejestrze źródłowym; połączono."
                if same
                else f"Rejestr źródłowy opisuje tę sprawę w {len(entry.raws)} wpisach "
                f"(np. po jednym na współautora); połączono."
            )
    return list(merged.values())


def _unique_numbers(entries: list[Entry]) -> None:
    """A number given to two different inquiries of one term stays with the first; the others are flagged."""
    owners: dict[tuple[str | None, str], Entry] = {}
    for entry in entries:
        if not entry.number:
            continue
        owner = owners.setdefault((entry.term_key, entry.number), entry)
        if owner is not entry:
            entry.warnings.append(
                f"Numer {entry.number} ma w rejestrze źródłowym także wpis z "
                f"{owner.filed_on or '?'} („{owner.subject[:60]}”); tu numeru nie nadano."
            )
            entry.number = ""


def read_entries(rows: list[Any]) -> tuple[list[Entry], list[tuple[int, str]]]:
    """The register's inquiries, merged and checked, and the entries that could not be read (line, reason)."""
    copied = copied_dates([r for r in rows if isinstance(r, dict)])
    entries, bad = [], []
    for n, row in enumerate(rows, 1):
        try:
            if not isinstance(row, dict):
                raise InvalidData("wpis nie jest obiektem JSON")
            entries.append(_entry(row, n, copied))
        except InvalidData as exc:
            bad.append((n, str(exc)))
    merged = _merge(entries)
    _unique_numbers(merged)
    return merged, bad


def import_radoskop(path: Path, body_name: str) -> ImportReport:
    """Import or refresh one register dump into the council `body_name`; one transaction per inquiry."""
    started = time.perf_counter()
    path = Path(path)
    report = ImportReport(files=1)
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(rows, list):
            raise ValueError("oczekiwano listy wpisów")
    except (OSError, ValueError) as exc:
        report.failed.append((path.name, f"nie można odczytać rejestru: {exc}"))
        return report
    entries, bad = read_entries(rows)
    report.failed += [(f"{path.name}:{n}", reason) for n, reason in bad]
    with transaction.atomic():
        body = ensure_body(body_name, level=Level.GMINA)
        terms = {key: _term(body, key) for key in {e.term_key for e in entries} if key}
    writer = Writer(body, terms, Role.COUNCILLOR, source_label=f"Radoskop: {path.name}")
    with bulk_indexing():
        for entry in entries:
            writer.last = None
            try:
                with transaction.atomic():
                    writer.write(entry, report)
            except (InterpelError, DatabaseError) as exc:
                where = ",".join(map(str, entry.lines[:5]))
                reason = str(exc).splitlines()[0] if str(exc) else repr(exc)
                report.failed.append((f"{path.name}:{where}", reason))
    index(writer.touched)
    report.seconds = time.perf_counter() - started
    return report


def _term(body: Body, key: str) -> Term:
    """The body's term with these dates: an existing one (by start date) or a new one named after the statute."""
    name, starts_on, ends_on = TERMS[key]
    term = Term.objects.filter(body=body, starts_on=starts_on).first()
    return term or ensure_term(body, name, starts_on, ends_on)
