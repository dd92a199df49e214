"""Services: the only writers of the register. Views, the API, the CLI and importers all call these."""

from .answers import answer, refresh_answer_state, update_answer
from .batch import batch, batch_atomic
from .bodies import ensure_body, ensure_term
from .documents import attach_document, attach_documents, store_blob
from .events import record_event
from .inquiries import (
    deadline_for,
    file_inquiry,
    publish,
    receive,
    term_for,
    update_inquiry,
    withdraw,
)
from .people import find_or_create_person, name_key

__all__ = [
    "answer",
    "attach_document",
    "attach_documents",
    "batch",
    "batch_atomic",
    "deadline_for",
    "ensure_body",
    "ensure_term",
    "file_inquiry",
    "find_or_create_person",
    "name_key",
    "publish",
    "receive",
    "record_event",
    "refresh_answer_state",
    "store_blob",
    "term_for",
    "update_answer",
    "update_inquiry",
    "withdraw",
]
