"""Bulk export of the register as CSV and JSON Lines, streamed so that 100k rows cost no more memory than 100.

Rows are read with `values()` through `iterator(chunk_size=...)` (a server-side cursor on PostgreSQL, chunked
fetches on SQLite); authors and departments are fetched per chunk, one query each, and nothing but the current
chunk is ever held. No model instance is built per row.
"""

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice
from typing import Any

from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone

from interpel.law.status import Facts, Reply, StatusCode, status_on
from interpel.registry.models import Inquiry, InquiryAuthor
from interpel.registry.selectors import filter_inquiries

CHUNK_SIZE = 100  # rows per database fetch and per written block: memory is one chunk, whatever the total

COLUMNS = (
    "id",
    "url",
    "kind",
    "number",
    "subject",
    "body",
    "term",
    "authors",
    "addressee",
    "departments",
    "filed_on",
    "received_on",
    "due_on",
    "due_explanation",
    "answered_on",
    "status",
    "is_withdrawn",
    "withdrawn_on",
    "case_sign",
    "edoc_id",
    "updated_at",
)
FIELDS = (
    "id",
    "kind",
    "number",
    "subject",
    "body__name",
    "term__name",
    "addressee_text",
    "filed_on",
    "received_on",
    "due_on",
    "due_explanation",
    "answered_on",
    "is_answered",
    "is_withdrawn",
    "withdrawn_on",
    "case_sign",
    "edoc_id",
    "updated_at",
)


def _chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _related(ids: list[int]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Authors (in document order) and department codes of a chunk of inquiries: two queries."""
    authors: dict[int, list[str]] = defaultdict(list)
    for inquiry_id, name in (
        InquiryAuthor.objects.filter(inquiry_id__in=ids)
        .order_by("inquiry_id", "position")
        .values_list("inquiry_id", "person__name")
    ):
        authors[inquiry_id].append(name)
    departments: dict[int, list[str]] = defaultdict(list)
    for inquiry_id, code in (
        Inquiry.departments.through.objects.filter(inquiry_id__in=ids)
        .order_by("inquiry_id", "department__code")
        .values_list("inquiry_id", "department__code")
    ):
        departments[inquiry_id].append(code)
    return authors, departments


def record_chunks(params: Any, today: date, base_url: str = "") -> Iterator[list[dict[str, Any]]]:
    """The filtered register as plain dicts with the export's columns, in register order, one chunk at a time."""
    queryset = filter_inquiries(params, today).queryset.order_by("-filed_on", "-id").values(*FIELDS)
    for chunk in _chunks(queryset.iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
        yield list(_records(chunk, today, base_url))


def _records(chunk: list[dict[str, Any]], today: date, base_url: str) -> Iterator[dict[str, Any]]:
    authors, departments = _related([row["id"] for row in chunk])
    for row in chunk:
        # The answered_on column holds the closing answer's date (kept by services.answer): enough for the code.
        closing = (Reply("answer", row["answered_on"]),) if row["answered_on"] else ()
        withdrawn = row["withdrawn_on"] if row["is_withdrawn"] else None
        if row["is_answered"] and row["answered_on"] is None and not row["is_withdrawn"]:
            code = StatusCode.ANSWERED.value  # answered on an unknown day: timeliness cannot be judged
        else:
            code = status_on(Facts(row["due_on"], closing, withdrawn), today).code.value
        yield {
            "id": row["id"],
            "url": f"{base_url}/interpelacje/{row['id']}/",
            "kind": row["kind"],
            "number": row["number"],
            "subject": row["subject"],
            "body": row["body__name"],
            "term": row["term__name"] or "",
            "authors": authors.get(row["id"], []),
            "addressee": row["addressee_text"],
            "departments": departments.get(row["id"], []),
            "filed_on": row["filed_on"],
            "received_on": row["received_on"],
            "due_on": row["due_on"],
            "due_explanation": row["due_explanation"],
            "answered_on": row["answered_on"],
            "status": code,
            "is_withdrawn": row["is_withdrawn"],
            "withdrawn_on": row["withdrawn_on"],
            "case_sign": row["case_sign"],
            "edoc_id": row["edoc_id"],
            "updated_at": row["updated_at"],
        }


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value


def csv_lines(chunks: Iterable[list[dict[str, Any]]]) -> Iterator[str]:
    """CSV with a header; lists joined by "; "; one string per chunk of rows."""
    # A BOM so that spreadsheet programs common in Polish offices read the UTF-8 text as UTF-8.
    yield "\ufeff"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writerow(COLUMNS)
    for chunk in chunks:
        for row in chunk:
            writer.writerow(
                ["; ".join(v) if isinstance(v, list) else _plain(v) for v in (row[c] for c in COLUMNS)]
            )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def jsonl_lines(chunks: Iterable[list[dict[str, Any]]]) -> Iterator[str]:
    """One JSON object per line (lists stay lists); one string per chunk of rows."""
    for chunk in chunks:
        yield "".join(json.dumps(row, ensure_ascii=False, default=_plain) + "\n" for row in chunk)


def _stamp() -> str:
    return timezone.localtime().strftime("%Y%m%d")


def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    rows = record_chunks(request.GET, timezone.localdate(), request.build_absolute_uri("/").rstrip("/"))
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interpelacje-{_stamp()}.csv"'
    return response


def export_jsonl(request: HttpRequest) -> StreamingHttpResponse:
    rows = record_chunks(request.GET, timezone.localdate(), request.build_absolute_uri("/").rstrip("/"))
    response = StreamingHttpResponse(jsonl_lines(rows), content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interpelacje-{_stamp()}.jsonl"'
    return response
