"""An embedded tantivy index mirroring `search_document`: the accelerator that serves ranked top-k and totals.

The database stays the source of truth. Every change to `search_document` replaces a random `version` in
`search_state` inside the same transaction and, once it commits, applies the same rows to the mirror, which records
the version it reflects in a file beside the index. A search uses the mirror only while both versions are equal;
otherwise (a concurrent writer got there first, a crash, a restored backup) the SQL engine answers, which is slower
but always right, until `reindex_all()` or `rebuild()` lays the mirror anew from the database.
The documents and their fields: mirror_docs.py.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import tantivy
from django.conf import settings
from django.db import connection, transaction

from interpel.registry.prepared import fetch_rows

from .backends import IndexRow
from .mirror_docs import document, links, schema

log = logging.getLogger(__name__)
VERSION_FILE = "interpel-version"
# Raised whenever the fields or what they mean change: an index written under another schema is laid anew (empty,
# hence stale, so SQL serves until reindex_all() or rebuild()).
SCHEMA_FILE = "interpel-schema"
SCHEMA = "2"
HEAP = 256_000_000
_lock = threading.Lock()
_mirrors: dict[str, Mirror] = {}


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
        self.schema = schema()
        self._memory_version: str | None = None
        self._version_seen: tuple[float, str | None] = (-1.0, None)
        # A full replacement under way (replace_all ... finish_replace): its writer, the links of the batch last
        # passed on, and the batches kept for add_later().
        self._pending_writer: Any = None
        self._links_ahead: tuple[dict[int, list[int]], dict[int, list[int]]] = ({}, {})
        self._later: list[tuple[list[IndexRow], Any]] = []
        if path is None:
            self.index = tantivy.Index(self.schema)
        else:
            path.mkdir(parents=True, exist_ok=True)
            self.index = self._open(path)

    def _open(self, path: Path) -> Any:
        """The index at `path`; one written under another schema is replaced by an empty one, which is stale."""
        marker = path / SCHEMA_FILE
        current = marker.read_text().strip() if marker.exists() else None
        if current == SCHEMA:
            try:
                return tantivy.Index(self.schema, path=str(path), reuse=True)
            except ValueError:  # the marker lies (a copied folder?): tantivy says the schema does not match
                pass
        elif current is None and not tantivy.Index.exists(str(path)):
            marker.write_text(SCHEMA)
            return tantivy.Index(self.schema, path=str(path), reuse=True)
        log.warning(
            "search mirror at %s has an older schema; SQL serves until reindex_all() or rebuild()", path
        )
        (path / VERSION_FILE).unlink(missing_ok=True)
        index = tantivy.Index(self.schema, path=str(path), reuse=False)
        marker.write_text(SCHEMA)
        return index

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

    def _docs(self, rows: list[IndexRow], *, id_range: bool = False) -> list[Any]:
        departments, authors = links([row.inquiry_id for row in rows], id_range=id_range)
        return [
            document(row, departments.get(row.inquiry_id, []), authors.get(row.inquiry_id, []))
            for row in rows
        ]

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
                for doc in self._docs(rows):
                    writer.add_document(doc)
                self._set_version(None)  # while files change, nobody trusts the mirror
                writer.commit()
                writer.wait_merging_threads()
            except BaseException:
                writer.rollback()
                raise
            self.index.reload()
            self._set_version(after)

    def replace_all(self, batches: Iterable[list[IndexRow]]) -> Iterable[list[IndexRow]]:
        """Pass the batches through for a fresh index (committed by `finish_replace`); `add_replacing(rows)` then
        writes each one to it, while the SQL backend's bulk load has the database take the same batch.

        Each batch's links are read before it is yielded: PostgreSQL's bulk_load then opens a COPY on the connection,
        and adding the documents inside that COPY lets the server parse the batch meanwhile (it did so while this
        process waited at the end of each COPY: docs/search.md, stop 12).
        """
        self._pending_writer = writer = self._writer()
        self._later = []
        writer.delete_all_documents()
        for rows in batches:
            self._links_ahead = links([row.inquiry_id for row in rows], id_range=True)
            yield rows

    def add_replacing(self, rows: list[IndexRow], later: bool = False) -> None:
        """Write a batch passed on by `replace_all` (the last one) to the fresh index, now or (`later`) when
        `add_later()` is called."""
        if later:
            self._later.append((rows, self._links_ahead))
            return
        self._add(rows, self._links_ahead)

    def add_later(self) -> None:
        """Write the batches kept by `add_replacing(..., later=True)`."""
        later, self._later = self._later, []
        for rows, found in later:
            self._add(rows, found)

    def _add(self, rows: list[IndexRow], links: tuple[dict[int, list[int]], dict[int, list[int]]]) -> None:
        departments, authors = links
        add = self._pending_writer.add_document
        for row in rows:
            add(document(row, departments.get(row.inquiry_id, []), authors.get(row.inquiry_id, [])))

    def finish_replace(self, version: str | None) -> None:
        """Commit the replacement as reflecting `version`, or roll it back (None)."""
        writer = self._pending_writer
        if writer is None:
            return
        if (
            version is not None and self._later
        ):  # kept for later and never added: never marked in sync without them
            self.add_later()
        self._pending_writer, self._later = None, []
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
    rows = fetch_rows("SELECT version FROM search_state WHERE id = 1")  # prepared: asked by every search
    return str(rows[0][0]) if rows else ""


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


def refresh() -> int | None:
    """Rebuild the mirror when it is out of sync (e.g. laid anew after a schema change); for deploys (`migrate`).

    Returns how many documents were written, None when it was in sync or is turned off. A search never does this
    itself: at 100k documents it takes about a minute.
    """
    found = mirror()
    if found is None or in_sync(found):
        return None
    return rebuild()


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
                    "SELECT inquiry_id, title, body, forms, body_id, term_id, club_id, kind, filed_on, due_on,"
                    " answered_on, is_withdrawn, is_published FROM search_document"
                    " WHERE inquiry_id > %s ORDER BY inquiry_id LIMIT %s",
                    [last, batch],
                )
                fetched = cursor.fetchall()
            if not fetched:
                return
            last = fetched[-1][0]
            done += len(fetched)
            yield [_stored_row(r) for r in fetched]

    with transaction.atomic():
        lock = " FOR UPDATE" if connection.vendor == "postgresql" else ""
        with connection.cursor() as cursor:  # holds writers of the index off while the mirror is read
            cursor.execute(f"SELECT version FROM search_state WHERE id = 1{lock}")
        version = db_version()
        try:
            for rows in found.replace_all(batches()):
                found.add_replacing(rows)
        except BaseException:
            found.finish_replace(None)
            raise
    found.finish_replace(version)
    return done


def _day(value: Any) -> date | None:
    return value if value is None or isinstance(value, date) else date.fromisoformat(str(value))


def _stored_row(row: tuple[Any, ...]) -> IndexRow:
    """An IndexRow from a search_document row (the columns rebuild() selects, in that order)."""
    inquiry_id, title, body, forms, body_id, term_id, club_id, kind, filed_on, due_on, answered_on = row[:11]
    return IndexRow(
        inquiry_id=inquiry_id,
        title=title.split(),
        body=body.split(),
        forms=forms.split(),
        body_id=body_id,
        term_id=term_id,
        club_id=club_id,
        kind=kind,
        filed_on=_day(filed_on),
        due_on=_day(due_on),
        answered_on=_day(answered_on),
        is_withdrawn=bool(row[11]),
        is_published=bool(row[12]),
    )
