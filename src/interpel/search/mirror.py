"""An embedded tantivy index mirroring `search_document`: the accelerator that serves ranked top-k and totals.

The database stays the source of truth. Every change to `search_document` replaces a random `version` in
`search_state` inside the same transaction and, once it commits, applies the same rows to the mirror, which records
the version it reflects in a file beside the index. A search uses the mirror only while both versions are equal;
otherwise (a concurrent writer got there first, a crash, a restored backup) the SQL engine answers, which is slower
but always right, until `reindex_all()` or `rebuild()` lays the mirror anew from the database.

Fields: `title`/`body` lemmas (term frequencies only), `forms` (positions, for phrases), `pub` (1 when published),
`id` (stored). Tokens are our own lemmas and folded forms, split on spaces: tantivy analyses nothing itself.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tantivy
from django.conf import settings
from django.db import connection, transaction

from .backends import IndexRow

log = logging.getLogger(__name__)
VERSION_FILE = "interpel-version"
HEAP = 256_000_000
_lock = threading.Lock()
_mirrors: dict[str, Mirror] = {}


def _schema() -> Any:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_integer_field("pub", indexed=True)
    builder.add_text_field("title", tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("body", tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("forms", tokenizer_name="whitespace", index_option="position")
    return builder.build()


def enabled() -> bool:
    return bool(getattr(settings, "SEARCH_ACCELERATOR", True))


def location() -> Path | None:
    """Where the mirror of the default database lives; None keeps it in memory (in-memory or test databases)."""
    explicit = getattr(settings, "SEARCH_INDEX_DIR", None)
    if explicit:
        return Path(explicit)
    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite":
        if name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
            return None
        return Path(name + ".search")
    if name.startswith("test_"):
        return None
    return Path(settings.VAR_DIR) / "search" / name


class Mirror:
    """One tantivy index and the database version it reflects."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.schema = _schema()
        self._memory_version: str | None = None
        self._version_seen: tuple[float, str | None] = (-1.0, None)
        if path is None:
            self.index = tantivy.Index(self.schema)
        else:
            path.mkdir(parents=True, exist_ok=True)
            self.index = tantivy.Index(self.schema, path=str(path), reuse=True)

    # --- the version it reflects
    def version(self) -> str | None:
        if self.path is None:
            return self._memory_version
        file = self.path / VERSION_FILE
        try:
            mtime = file.stat().st_mtime
        except FileNotFoundError:
            return None
        if mtime != self._version_seen[0]:
            self._version_seen = (mtime, file.read_text().strip() or None)
            self.index.reload()
        return self._version_seen[1]

    def _set_version(self, version: str | None) -> None:
        if self.path is None:
            self._memory_version = version
            return
        file = self.path / VERSION_FILE
        if version is None:
            file.unlink(missing_ok=True)
        else:
            tmp = file.with_suffix(".tmp")
            tmp.write_text(version)
            tmp.replace(file)
        self._version_seen = (-1.0, None)

    # --- writing
    def _writer(self) -> Any:
        for _attempt in range(50):  # another process may hold the writer lock for a moment
            try:
                return self.index.writer(HEAP, 1)
            except ValueError:
                time.sleep(0.1)
        raise RuntimeError("tantivy writer lock busy")

    def _doc(self, row: IndexRow) -> Any:
        return tantivy.Document(
            id=row.inquiry_id,
            pub=int(row.is_published),
            title=" ".join(row.title),
            body=" ".join(row.body),
            forms=" ".join(row.forms),
        )

    def apply(self, before: str, after: str, rows: list[IndexRow], deleted: list[int]) -> None:
        """Apply one committed change (before -> after); a mirror not at `before` is left stale."""
        with _lock:
            if self.version() != before:
                log.info("search mirror is stale; SQL serves until reindex_all()")
                return
            writer = self._writer()
            try:
                for inquiry_id in [*deleted, *(row.inquiry_id for row in rows)]:
                    writer.delete_documents_by_term("id", inquiry_id)
                for row in rows:
                    writer.add_document(self._doc(row))
                self._set_version(None)  # while files change, nobody trusts the mirror
                writer.commit()
                writer.wait_merging_threads()
            except BaseException:
                writer.rollback()
                raise
            self.index.reload()
            self._set_version(after)

    def replace_all(self, batches: Iterable[list[IndexRow]]) -> Iterable[list[IndexRow]]:
        """Pass the batches through while writing them to a fresh index (committed by `finish_replace`)."""
        self._pending_writer = writer = self._writer()
        writer.delete_all_documents()
        for rows in batches:
            for row in rows:
                writer.add_document(self._doc(row))
            yield rows

    def finish_replace(self, version: str | None) -> None:
        writer = getattr(self, "_pending_writer", None)
        if writer is None:
            return
        self._pending_writer = None
        if version is None:
            writer.rollback()
            return
        self._set_version(None)
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self._set_version(version)


def mirror() -> Mirror | None:
    """The mirror of the default database (opened once per process), or None when the accelerator is off."""
    if not enabled():
        return None
    path = location()
    key = f"{connection.alias}:{connection.settings_dict['NAME']}:{path}"
    found = _mirrors.get(key)
    if found is None:
        with _lock:
            found = _mirrors.get(key)
            if found is None:
                found = _mirrors[key] = Mirror(path)
                if found.version() is None and found.index.searcher().num_docs == 0:
                    _adopt_if_empty(found)
    return found


def _adopt_if_empty(found: Mirror) -> None:
    """A new, empty mirror of an empty index is in sync by definition."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM search_document)")
        if not cursor.fetchone()[0]:
            found._set_version(db_version())


def reset() -> None:
    """Forget the mirrors opened by this process (tests: each starts from an empty in-memory index)."""
    with _lock:
        _mirrors.clear()


# --- the database side


def db_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM search_state WHERE id = 1")
        row = cursor.fetchone()
    return str(row[0]) if row else ""


def changed(rows: list[IndexRow], deleted: list[int], *, apply: bool = True) -> None:
    """Note a change of search_document in the current transaction; the mirror follows after the commit."""
    found = mirror() if apply else None
    lock = " FOR UPDATE" if connection.vendor == "postgresql" else ""
    after = uuid.uuid4().hex
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM search_state WHERE id = 1{lock}")
        row = cursor.fetchone()
        before = str(row[0]) if row else ""
        cursor.execute("UPDATE search_state SET version = %s WHERE id = 1", [after])
    if found is not None:
        transaction.on_commit(lambda: found.apply(before, after, rows, deleted))


def in_sync(found: Mirror) -> bool:
    version = found.version()
    return version is not None and version == db_version()


def rebuild(batch: int = 5000) -> int:
    """Lay the mirror anew from search_document (no lemmatising: the streams are stored there)."""
    found = mirror()
    if found is None:
        return 0
    done = 0

    def batches() -> Iterable[list[IndexRow]]:
        nonlocal done
        last = -1
        while True:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT inquiry_id, title, body, forms, is_published FROM search_document"
                    " WHERE inquiry_id > %s ORDER BY inquiry_id LIMIT %s",
                    [last, batch],
                )
                fetched = cursor.fetchall()
            if not fetched:
                return
            last = fetched[-1][0]
            done += len(fetched)
            yield [_stored_row(*r) for r in fetched]

    with transaction.atomic():
        lock = " FOR UPDATE" if connection.vendor == "postgresql" else ""
        with connection.cursor() as cursor:  # holds writers of the index off while the mirror is read
            cursor.execute(f"SELECT version FROM search_state WHERE id = 1{lock}")
        version = db_version()
        try:
            for _rows in found.replace_all(batches()):
                pass
        except BaseException:
            found.finish_replace(None)
            raise
    found.finish_replace(version)
    return done


def _stored_row(inquiry_id: int, title: str, body: str, forms: str, is_published: bool) -> IndexRow:
    return IndexRow(
        inquiry_id=inquiry_id,
        title=title.split(),
        body=body.split(),
        forms=forms.split(),
        body_id=0,
        term_id=None,
        club_id=None,
        kind="",
        filed_on=None,
        due_on=None,
        answered_on=None,
        is_withdrawn=False,
        is_published=bool(is_published),
    )
