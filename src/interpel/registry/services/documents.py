"""Original documents: bytes stored once by sha256 under DOCUMENTS_DIR, rows tied to an inquiry or answer."""

import hashlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.db.models import Q

from ..models import Answer, Document, Inquiry


def blob_path(sha256: str) -> Path:
    """Content-addressed location; two levels of fan-out keep directories small."""
    return Path(settings.DOCUMENTS_DIR) / sha256[:2] / sha256[2:4] / sha256


def store_blob(data: bytes) -> str:
    """Write the bytes once (atomically: temp file + rename) and return their sha256."""
    digest = hashlib.sha256(data).hexdigest()
    path = blob_path(digest)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    return digest


def attach_document(
    owner: Inquiry | Answer,
    data: bytes,
    *,
    file_name: str,
    media_type: str,
    text: str = "",
    pages: int | None = None,
) -> Document:
    """Store the file and tie it to its owner; the same bytes attached twice to one owner is one document."""
    digest = store_blob(data)
    owner_field = "inquiry" if isinstance(owner, Inquiry) else "answer"
    document, _ = Document.objects.get_or_create(
        sha256=digest,
        **{owner_field: owner},
        defaults={
            "file_name": file_name,
            "media_type": media_type,
            "size": len(data),
            "text": text,
            "pages": pages,
        },
    )
    return document


def attach_documents(
    owners: Sequence[Inquiry | Answer],
    data: bytes,
    *,
    file_name: str,
    media_type: str,
    text: str = "",
    pages: int | None = None,
) -> list[Document]:
    """`attach_document` for several owners of one file: the bytes stored once, one read and one insert in all."""
    wanted = list(dict.fromkeys((o.pk, None) if isinstance(o, Inquiry) else (None, o.pk) for o in owners))
    if not wanted:
        return []
    digest = store_blob(data)
    inquiries = [i for i, _ in wanted if i is not None]
    answers = [a for _, a in wanted if a is not None]
    have = {
        (d.inquiry_id, d.answer_id): d
        for d in Document.objects.filter(sha256=digest).filter(
            Q(inquiry_id__in=inquiries) | Q(answer_id__in=answers)
        )
    }
    new = [
        Document(
            sha256=digest,
            inquiry_id=inquiry,
            answer_id=answer,
            file_name=file_name,
            media_type=media_type,
            size=len(data),
            text=text,
            pages=pages,
        )
        for inquiry, answer in wanted
        if (inquiry, answer) not in have
    ]
    Document.objects.bulk_create(new)
    made = {(d.inquiry_id, d.answer_id): d for d in new}
    return [have.get(key) or made[key] for key in wanted]
