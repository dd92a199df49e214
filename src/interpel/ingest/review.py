"""Settling the review list: a person ties a held answer to the inquiry it answers, or dismisses it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from interpel.errors import InvalidData
from interpel.registry.models import Answer, Inquiry
from interpel.registry.services import answer, attach_document
from interpel.registry.services.documents import blob_path

from .models import ReviewItem, ReviewStatus
from .records import answer_kind, day


@transaction.atomic
def link_review_item(
    item: ReviewItem, inquiries: list[Inquiry], *, by: Any = None, by_name: str = ""
) -> Answer:
    """Write the held answer as covering `inquiries` (chosen by a person: confidence 1.0, method "review")."""
    if item.status != ReviewStatus.OPEN:
        raise InvalidData("Ta odpowiedź została już rozpatrzona.")
    if not inquiries or any(i.body_id != item.body_id for i in inquiries):
        raise InvalidData("Wybierz interpelację lub zapytanie tej samej rady.")
    record = item.record
    answered_on = day(record.get("date"))
    early = any(answered_on and i.filed_on and answered_on < i.filed_on for i in inquiries)
    created = answer(
        inquiries,
        kind=answer_kind(record),
        answered_on=answered_on,
        text=record.get("body") or "",
        subject=record.get("subject") or "",
        signatory=record.get("signatory") or None,
        signatory_office=record.get("signatory_office") or "",
        case_sign=record.get("case_sign") or "",
        edoc_id=record.get("edoc_id") or "",
        is_imported=early,
        source=item.ingested_file.file_name,
        link_confidence=1.0,
        link_method="review",
        by=by,
        by_name=by_name,
    )
    original = blob_path(item.ingested_file.sha256)
    if original.exists():
        attach_document(
            created,
            original.read_bytes(),
            file_name=item.ingested_file.file_name,
            media_type=item.ingested_file.media_type,
        )
    item.status = ReviewStatus.LINKED
    item.answer = created
    item.resolved_at = timezone.now()
    item.save(update_fields=["status", "answer", "resolved_at"])
    item.ingested_file.answers.add(created)
    return created


def dismiss_review_item(item: ReviewItem) -> None:
    """Close an item that needs no answer in the register (a duplicate, a letter that answers nothing)."""
    item.status = ReviewStatus.DISMISSED
    item.resolved_at = timezone.now()
    item.save(update_fields=["status", "resolved_at"])
