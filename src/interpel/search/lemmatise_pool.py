"""Lemmatising a bulk reindex in worker processes while the main process writes the database and the mirror.

A worker turns (subject, texts) into the three stored streams (and, for PostgreSQL, the tsvector text); that is pure
text work (interpel.text.polish and a string function of the PostgreSQL backend), so the workers never touch the
database connection they inherit: they are forked before the reindex opens the tantivy writer, each keeps its own
lemma cache (warm with whatever the parent had), and they are gone when the reindex ends. Small jobs and machines with
one CPU stay in-process.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Any, TypeVar

from interpel.text.polish import Mode, document_streams

from .backends.postgres import tsvector_text

K = TypeVar("K")
# (subject, texts of the inquiry and of its answers) -> (title, body, forms, tsvector text or None)
Doc = tuple[str, list[str]]
Streams = tuple[str, str, str, str | None]
# Batches handed to the workers ahead of the one the main process is writing: enough to keep every worker busy.
AHEAD_PER_WORKER = 2


def prepare(docs: list[Doc], mode: Mode, with_tsv: bool) -> list[Streams]:
    """The streams of these documents (what a worker does with one batch)."""
    out: list[Streams] = []
    append = out.append
    for subject, texts in docs:
        title, body, forms = document_streams(subject, texts, mode)
        append((title, body, forms, tsvector_text(title, body) if with_tsv else None))
    return out


def _worker_started() -> None:
    """Ctrl-C reaches the whole process group: the parent stops the workers, they do not print tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class Lemmatiser:
    """`map()` batches of documents to their streams, in order: in `workers` forked processes, or here when 0."""

    def __init__(self, mode: Mode, *, with_tsv: bool, workers: int) -> None:
        self.mode: Mode = mode
        self.with_tsv = with_tsv
        self.workers = workers
        self._pool: Any = None

    def __enter__(self) -> Lemmatiser:
        # Without fork, or in a daemonic process (a worker of some pool itself, which may not have children), this
        # process lemmatises alone.
        forks = "fork" in multiprocessing.get_all_start_methods()
        if self.workers > 0 and forks and not multiprocessing.current_process().daemon:
            self._pool = multiprocessing.get_context("fork").Pool(self.workers, initializer=_worker_started)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            if kind is None:
                pool.close()
            else:
                pool.terminate()
            pool.join()

    def map(self, batches: Iterable[tuple[K, list[Doc]]]) -> Iterator[tuple[K, list[Streams]]]:
        """(key, streams of the batch's documents) for each (key, documents), in order.

        The batches are read in the caller's thread, one at a time as results are taken (they come from the
        database); the workers lemmatise up to AHEAD_PER_WORKER batches each ahead of the one being written.
        """
        if self._pool is None:
            for key, docs in batches:
                yield key, prepare(docs, self.mode, self.with_tsv)
            return
        pending: deque[tuple[K, Any]] = deque()
        ahead = AHEAD_PER_WORKER * self.workers
        for key, docs in batches:
            pending.append((key, self._pool.apply_async(prepare, (docs, self.mode, self.with_tsv))))
            if len(pending) > ahead:
                done_key, result = pending.popleft()
                yield done_key, result.get()
        while pending:
            done_key, result = pending.popleft()
            yield done_key, result.get()
