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
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.base import BaseCache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from interpel.registry.models import Event

T = TypeVar("T")
SECONDS = 300  # an upper bound only: any write changes the key first
PAGE_SECONDS = 300
PAGE_ENTRIES = 4000  # per process; pages are stored zlib-compressed (a 30 kB page takes ~6 kB)


# The newest Event, and the sum of the ids of the newest VERSION_WINDOW visible Events: a transaction that took its
# Event ids before another one but commits after it adds no newer id, but it does change that set (unless more than
# VERSION_WINDOW Events were committed meanwhile; the entries' timeout bounds that case).
VERSION_WINDOW = 100
VERSION_SQL = (
    f"SELECT max(id), max(at), sum(id) FROM (SELECT id, at FROM {Event._meta.db_table}"
    f" ORDER BY id DESC LIMIT {VERSION_WINDOW}) AS newest"
)


def register_version() -> tuple[int, str, int]:
    """Newest Event id and time (ids reused after a rollback differ in time) and the sum of the newest ids.

    One short index scan (~0.1 ms), in raw SQL: it is asked on every cached page.
    """
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL)
        newest = cursor.fetchone()
    return (newest[0] or 0, str(newest[1] or ""), int(newest[2] or 0)) if newest else (0, "", 0)


def _key(name: str, parts: Any) -> str:
    source = json.dumps([parts, get_language(), register_version()], sort_keys=True, default=str)
    return f"portal:{name}:{hashlib.sha256(source.encode()).hexdigest()}"


def cached(name: str, parts: Any, compute: Callable[[], T], seconds: int = SECONDS) -> T:
    """`compute()` cached under name + parts + language + register version."""
    key = _key(name, parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


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
            from django.core.cache.backends.filebased import FileBasedCache

            location = Path(settings.VAR_DIR) / "cache" / "pages"
            _pages = FileBasedCache(str(location), {**options, "OPTIONS": {"MAX_ENTRIES": 50_000}})
        else:
            from django.core.cache.backends.locmem import LocMemCache

            _pages = LocMemCache("interpel-pages", options)
    return _pages


CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_MARK = b"@@interpel-csrf-token@@"


def anonymous_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the view's 200 pages to anonymous GETs from the page cache (invalidated by any write, see above)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        store = page_store()
        if (
            store is None
            or request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return view(request, *args, **kwargs)
        key = _key(
            "page",
            [
                request.scheme,
                request.META.get("HTTP_HOST", ""),  # pages and API answers carry absolute URLs
                request.path,
                request.META.get("QUERY_STRING", ""),
                timezone.localdate(),
            ],
        )
        hit = store.get(key)
        if hit is not None:
            content_type, packed = hit
            body = zlib.decompress(packed)
            if CSRF_MARK in body:
                body = body.replace(CSRF_MARK, get_token(request).encode())
            return HttpResponse(body, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            body = CSRF_INPUT.sub(rb"\1" + CSRF_MARK + rb"\2", response.content)
            store.set(key, (response["Content-Type"], zlib.compress(body, 1)), PAGE_SECONDS)
        return response

    return wrapper
