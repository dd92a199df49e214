"""Documents in: path(s) -> extract -> parse -> registry services, one transaction per file.

A file already taken in (same sha256) changes nothing; a file that fails leaves nothing behind and the batch goes
on; an answer that cannot be linked with confidence goes to review with its candidates.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.db import DatabaseError

from interpel.errors import DocumentTooLarge, InterpelError, InvalidData
from interpel.registry.models import Body
from interpel.registry.services import batch, batch_atomic
from interpel.text.extract import Extracted, Limits, extract_bytes
from interpel.text.parse import parse_text
from interpel.text.signs import SEJM_SIGN_RE

from .importers.reindex import bulk_indexing, index
from .importers.sejm_replies import sejm_body_and_term
from .models import IngestedFile, ReviewItem
from .records import FileWriter
from .report import ImportReport

Progress = Callable[[int, int, str], None]
# Files beside documents that are no documents: the corpus' annotation sidecars, dumps, notes.
SKIPPED_SUFFIXES = {".json", ".jsonl", ".md", ".csv", ".py"}


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files given, plus every regular file under each folder given (hidden files and sidecars left out)."""
    out: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            out += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.suffix.lower() not in SKIPPED_SUFFIXES
            )
        else:
            out.append(path)
    return out


def is_sejm(records: list[dict[str, Any]], text: str) -> bool:
    """Sejm documents: a Sejm interpellation sign (K10INT…), an MP's interpellation, a letter to the Marshal."""
    if SEJM_SIGN_RE.search(text):
        return True
    return any(
        "posel" in str(r.get("document_kind") or "")
        or "Sejmu" in str(r.get("addressee") or "")
        or "Ministerstw" in str(r.get("signatory_office") or "")
        for r in records
    )


def body_for(records: list[dict[str, Any]], text: str, body: Body | None) -> Body:
    """The council the documents belong to: the one given, the Sejm for Sejm answers, or the only one there is."""
    if body is not None:
        return body
    sejm = is_sejm(records, text)
    if sejm:
        return sejm_body_and_term()[0]
    bodies = list(Body.objects.all()[:2])
    if len(bodies) == 1:
        return bodies[0]
    raise InvalidData(
        "nie wskazano rady (--body), a w rejestrze " + ("jest ich kilka" if bodies else "nie ma żadnej rady")
    )


def ingest_file(
    path: Path, *, body: Body | None = None, limits: Limits | None = None, touched: list[int] | None = None
) -> ImportReport:
    """Take in one file; the report counts its records (or holds its one failure)."""
    report = ImportReport(files=1)
    name = path.name
    try:
        size = path.stat().st_size
        limits = limits or Limits()
        if size > limits.max_bytes:
            raise DocumentTooLarge(f"plik ma {size} bajtów, limit {limits.max_bytes}")
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        known = IngestedFile.objects.filter(sha256=digest).first()
        if known is not None:
            # Count what the file gave the register the first time, so a second run reports it all unchanged.
            report.unchanged += known.inquiries.count() + known.answers.count() + known.review_items.count()
            return report
        extracted = extract_bytes(data, name, limits)
        records = parse_text(extracted.text)
        if not any(r.get("role") in FileWriter.ROLES for r in records):
            raise InvalidData("nie znaleziono interpelacji, zapytania ani odpowiedzi")
        with batch_atomic():
            ids = _write(
                path, data, digest, extracted, records, body_for(records, extracted.text, body), report
            )
        if touched is not None:
            touched.extend(ids)
    except InterpelError as exc:
        report.failed.append((name, str(exc)))
    except OSError as exc:
        report.failed.append((name, f"nie można odczytać pliku: {exc.strerror or exc}"))
    except DatabaseError as exc:
        report.failed.append(
            (name, f"błąd zapisu: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
        )
    except Exception as exc:  # a bug on one odd file must not stop the batch; the report names it
        report.failed.append((name, f"błąd wewnętrzny ({type(exc).__name__}): {exc}"))
    return report


def _write(
    path: Path,
    data: bytes,
    digest: str,
    extracted: Extracted,
    records: list[dict[str, Any]],
    body: Body,
    report: ImportReport,
) -> list[int]:
    writer = FileWriter(body, path.name[:255], data, extracted)
    outcomes = writer.write(records, report)
    ingested = IngestedFile.objects.create(
        sha256=digest,
        file_name=writer.file_name,
        media_type=extracted.media_type,
        size=len(data),
        body=body,
        records=outcomes,
        warnings=list(extracted.warnings),
    )
    for item in writer.reviews:
        item.ingested_file = ingested
    ReviewItem.objects.bulk_create(writer.reviews)
    # Straight into the link tables: the rows are new, so the reads that .set() does first would find nothing.
    links = IngestedFile.inquiries.through, IngestedFile.answers.through
    links[0].objects.bulk_create(
        [
            links[0](ingestedfile_id=ingested.pk, inquiry_id=pk)
            for pk in dict.fromkeys(i.pk for i in writer.inquiries)
        ]
    )
    links[1].objects.bulk_create(
        [
            links[1](ingestedfile_id=ingested.pk, answer_id=pk)
            for pk in dict.fromkeys(a.pk for a in writer.answers)
        ]
    )
    return sorted(writer.touched)


def ingest_paths(
    paths: list[Path], *, body: Body | None = None, progress: Progress | None = None
) -> ImportReport:
    """Take in files and folders of TXT, PDF, DOCX and HTML; the report sums every file's."""
    started = time.perf_counter()
    files = expand(paths)
    report = ImportReport()
    touched: list[int] = []
    # The search index is brought up to date once for the batch, not after every file's commit; the services
    # remember people, departments and terms across the batch's files.
    with bulk_indexing(), batch():
        for n, path in enumerate(files, 1):
            if progress:
                progress(n - 1, len(files), path.name)
            report.add(ingest_file(path, body=body, touched=touched))
    index(touched)
    if progress:
        progress(len(files), len(files), "")
    report.seconds = time.perf_counter() - started
    return report


__all__ = ["ImportReport", "expand", "ingest_file", "ingest_paths"]
