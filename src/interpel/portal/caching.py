"""Short-lived caching of aggregate figures and of whole anonymous pages, keyed by the register's version.

Every write goes through a service and every service records an Event in the write's transaction, so the newest
Events are a version stamp of the whole register: a cached value is reused only while nothing has been written
since it was computed (see `register_version` for writers that commit out of id order). Counts
and statistics over 100k inquiries are what make a page slow.

Whole pages (`anonymous_page`) are cached for anonymous GET/HEAD requests only (no session cookie), under the scheme, host,
path, raw query string, language, today's date and the register version; the page's CSRF token is cut out before
storing and a fresh one for the requesting client is put back on every hit. The store is `CACHES["pages"]` when the
settings define it, otherwise a per-process memory cache (`INTERPEL_PAGE_CACHE=file` puts it in files under
VAR_DIR/cache/pages shared by the workers, `none` turns it off).

A page of one inquiry (a view marked `own_version`) is keyed without the register version: its entry carries the
ids of the records it shows and a version of just those (`records_version`), checked on each hit, so writes to the
other 99,999 inquiries leave it cached.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.filebased import FileBasedCache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from interpel.registry.models import Document, Event, Inquiry
from interpel.registry.prepared import fetch_rows, placeholders

T = TypeVar("T")
SECONDS = 300  # an upper bound only: any write changes the key first
PAGE_SECONDS = 300
PAGE_ENTRIES = 4000  # per process; pages are stored zlib-compressed (a 30 kB page takes ~6 kB)


# The newest Event, and the sum of the ids of the newest VERSION_WINDOW visible Events: a transaction that took its
# Event ids before another one but commits after it adds no newer id, but it does change that set (unless more than
# VERSION_WINDOW Events were committed meanwhile; the entries' timeout bounds that case). The newest Document too:
# a file attached to records that already exist (an import finding them) logs no Event.
VERSION_WINDOW = 100
VERSION_SQL = (
    f"SELECT max(id), max(at), sum(id), (SELECT max(id) FROM {Document._meta.db_table})"
    f" FROM (SELECT id, at FROM {Event._meta.db_table} ORDER BY id DESC LIMIT {VERSION_WINDOW}) AS newest"
)


def register_version() -> tuple[int, str, int, int]:
    """Newest Event id and time (ids reused after a rollback differ in time), the sum of the newest Event ids and
    the newest Document id.

    Two short index scans (~0.1 ms), in raw SQL, prepared (registry.prepared): it is asked on every cached page.
    """
    found = fetch_rows(VERSION_SQL)
    newest = found[0] if found else None
    if not newest:
        return (0, "", 0, 0)
    return (newest[0] or 0, str(newest[1] or ""), int(newest[2] or 0), newest[3] or 0)


def _key(name: str, parts: Any, *, versioned: bool = True) -> str:
    stamp = register_version() if versioned else None
    source = json.dumps([parts, get_language(), stamp], sort_keys=True, default=str)
    return f"portal:{name}:{hashlib.sha256(source.encode()).hexdigest()}"


def records_version(depends: dict[str, list[int]]) -> tuple[Any, ...]:
    """Count and id sum of what a page of a few records depends on: the Events of its `inquiries` and `answers`,
    the Events of the inquiries repeating one of its `chain`, and the Documents of its `own` inquiries and answers.

    Every service write to those records logs an Event (an attachment adds a Document), and a row committed late
    with a lower id still changes the count (the newest time tells ids reused after a rollback apart, as in
    `register_version`): equal figures mean nothing the page shows was written since.
    """
    inquiries = depends.get("inquiries") or [0]  # 0: no record has it, and IN () is not SQL
    answers = depends.get("answers") or [0]
    chain = depends.get("chain") or [0]
    own = depends.get("own") or [0]

    event, document, inquiry = Event._meta.db_table, Document._meta.db_table, Inquiry._meta.db_table
    # One index scan per part (an OR across columns makes PostgreSQL scan the whole table: 66 ms at 100k); a row
    # found by two parts is counted twice, the same way every time.
    sql = (
        f"SELECT e.n, e.s, e.at, d.n, d.s FROM"
        f" (SELECT count(*) AS n, coalesce(sum(id), 0) AS s, max(at) AS at FROM ("
        f"SELECT id, at FROM {event} WHERE inquiry_id IN ({placeholders(inquiries)})"
        f" UNION ALL SELECT id, at FROM {event} WHERE answer_id IN ({placeholders(answers)})"
        f" UNION ALL SELECT x.id, x.at FROM {event} x JOIN {inquiry} i ON x.inquiry_id = i.id"
        f" WHERE i.repeats_id IN ({placeholders(chain)})) AS found) e,"
        f" (SELECT count(*) AS n, coalesce(sum(id), 0) AS s FROM ("
        f"SELECT id FROM {document} WHERE inquiry_id IN ({placeholders(own)})"
        f" UNION ALL SELECT id FROM {document} WHERE answer_id IN ({placeholders(answers)})) AS attached) d"
    )
    row = fetch_rows(sql, [*inquiries, *answers, *chain, *own, *answers])[0]
    return (int(row[0]), int(row[1]), str(row[2] or ""), int(row[3]), int(row[4]))


def cached(name: str, parts: Any, compute: Callable[[], T], seconds: int = SECONDS) -> T:
    """`compute()` cached under name + parts + language + register version."""
    key = _key(name, parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


class PageFiles(FileBasedCache):
    """Django's file cache, looking whether it is full on one write in CULL_EVERY instead of on every write.

    FileBasedCache lists its whole folder before each write to count the entries (40 ms per write with 50,000 pages
    in the folder, measured here), which a register of 100k inquiry pages reaches. Counting one write in 500 makes the
    limit approximate: each process may write up to CULL_EVERY pages past it before a third is removed.
    """

    CULL_EVERY = 500

    def __init__(self, location: str, params: dict[str, Any]) -> None:
        super().__init__(location, params)
        self._writes = 0

    def _cull(self) -> None:
        self._writes += 1  # a lost increment between threads only delays a count
        if self._writes % self.CULL_EVERY == 0:
            super()._cull()


_pages: BaseCache | None = None


def page_store() -> BaseCache | None:
    """Where whole pages go (see the module's docstring); None when page caching is off."""
    global _pages
    if "pages" in settings.CACHES:
        return caches["pages"]
    kind = settings.PAGE_CACHE
    if kind in ("none", "off", "false", "0"):
        return None
    if _pages is None:
        options = {"TIMEOUT": PAGE_SECONDS, "OPTIONS": {"MAX_ENTRIES": PAGE_ENTRIES, "CULL_FREQUENCY": 4}}
        if kind == "file":
            location = Path(settings.VAR_DIR) / "cache" / "pages"
            _pages = PageFiles(str(location), {**options, "OPTIONS": {"MAX_ENTRIES": 50_000}})
        else:
            from django.core.cache.backends.locmem import LocMemCache

            _pages = LocMemCache("interpel-pages", options)
    return _pages


# Entries of own-version pages this process found current, with the register's version and the time then: while
# that version stands nothing was written through a service, so for VERIFIED_SECONDS records_version (a heavier
# query than register_version) is not asked again. Not longer: a write that logs no Event and leaves the newest
# Document as it was (a document deleted in the admin, imports committing far out of id order) changes only
# records_version, so such a page may be up to VERIFIED_SECONDS old. Bounded; emptied when full.
_verified: dict[str, tuple[Any, Any, float]] = {}
VERIFIED_ENTRIES = 50_000
VERIFIED_SECONDS = 10.0

CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_MARK = b"@@interpel-csrf-token@@"


def own_version(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view whose page shows a few records only: `anonymous_page` then keeps its entry across writes to
    other records. The view puts on its response `depends_on` (see `records_version`); without it nothing is stored.
    """
    view.own_version = True  # type: ignore[attr-defined]
    return view


def _request_parts(request: HttpRequest) -> list[Any]:
    return [
        request.scheme,
        request.META.get("HTTP_HOST", ""),  # pages and API answers carry absolute URLs
        request.path,
        request.META.get("QUERY_STRING", ""),
        timezone.localdate(),
    ]


def _from_store(request: HttpRequest, content_type: str, packed: bytes) -> HttpResponse:
    body = zlib.decompress(packed)
    if CSRF_MARK in body:
        body = body.replace(CSRF_MARK, get_token(request).encode())
    return HttpResponse(body, content_type=content_type)


def _packed(response: HttpResponse) -> tuple[str, bytes] | None:
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    body = CSRF_INPUT.sub(rb"\1" + CSRF_MARK + rb"\2", response.content)
    return response["Content-Type"], zlib.compress(body, 1)


# Pages being rendered by a thread of this process, by key: other requests for the same page wait for it (up to
# FLIGHT_SECONDS) and serve what it stored, instead of all rendering it at once. After every write the home page and
# the lists change key, and 32 clients asking for them then rendered each one up to 32 times at once (p95 of the
# register list 843 ms in bench/web.py without --prefetch; see docs/api.md).
_flights: dict[str, threading.Event] = {}
_flights_lock = threading.Lock()
FLIGHT_SECONDS = 10.0


@contextmanager
def _single_flight(key: str) -> Iterator[bool]:
    """True for the one thread that renders `key`; the others get False once it is done (or after FLIGHT_SECONDS)."""
    with _flights_lock:
        flight = _flights.get(key)
        first = flight is None
        if first:
            flight = _flights[key] = threading.Event()
    assert flight is not None
    if not first:
        flight.wait(FLIGHT_SECONDS)
        yield False
        return
    try:
        yield True
    finally:
        with _flights_lock:
            _flights.pop(key, None)
        flight.set()


def anonymous_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the view's 200 pages to anonymous GETs from the page cache (invalidated by any write, see above).

    A view marked `own_version` is keyed without the register's version: its entry holds `records_version` of the
    records the page shows, checked on a hit (unless this process checked it within VERIFIED_SECONDS and the register's
    version has not moved since), so only a write to one of them (or a new day) replaces it. Its
    "similar inquiries" are the exception: which ones are listed may be up to PAGE_SECONDS old (the listed ones
    themselves are among the records checked).
    """
    own = getattr(view, "own_version", False)

    def stored(request: HttpRequest, store: BaseCache, key: str) -> HttpResponse | None:
        """The page from the store when it is there and (for an own-version page) still current."""
        hit = store.get(key)
        if hit is None:
            return None
        if not own:
            return _from_store(request, *hit)
        depends, version, content_type, packed = hit
        # The register's version first: a write committed after it is read changes one or the other check.
        now, clock = register_version(), time.monotonic()
        seen = _verified.get(key)
        if seen and seen[:2] == (now, version) and clock - seen[2] < VERIFIED_SECONDS:
            return _from_store(request, content_type, packed)
        if records_version(depends) == version:
            if len(_verified) >= VERIFIED_ENTRIES:
                _verified.clear()
            _verified[key] = (now, version, clock)
            return _from_store(request, content_type, packed)
        return None

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        store = page_store()
        if (
            store is None
            or request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return view(request, *args, **kwargs)
        key = _key("own" if own else "page", _request_parts(request), versioned=not own)
        found = stored(request, store, key)
        if found is not None:
            return found
        with _single_flight(key):
            # Stored meanwhile by the thread this one waited for, or by one that finished just before it asked.
            found = stored(request, store, key)
            if found is not None:
                return found
            return render(request, store, key, *args, **kwargs)

    def render(request: HttpRequest, store: BaseCache, key: str, *args: Any, **kwargs: Any) -> HttpResponse:
        before = register_version() if own else None
        response = view(request, *args, **kwargs)
        packed = _packed(response)
        if packed is None:
            return response
        if not own:
            store.set(key, packed, PAGE_SECONDS)
            return response
        depends = getattr(response, "depends_on", None)
        if depends is not None:
            version = records_version(depends)
            # A write committed while the page was read could already be in `version` but not in the page: such
            # a page is served, not stored.
            if register_version() == before:
                store.set(key, (depends, version, *packed), PAGE_SECONDS)
        return response

    return wrapper
