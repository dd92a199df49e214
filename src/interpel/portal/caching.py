"""Short-lived caching of aggregate figures, keyed by the register's version so that no write is ever hidden.

Every write goes through a service and every service records an Event, so the newest Event id is a version stamp
of the whole register: a cached count is reused only while nothing has been written since it was computed. Counts
and statistics over 100k inquiries are what make a page slow; lists of rows are always read fresh.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.utils.translation import get_language

from interpel.registry.models import Event

T = TypeVar("T")
SECONDS = 300  # an upper bound only: any write changes the key first


def register_version() -> tuple[int, str]:
    """The newest Event's id and time (one indexed lookup); the time tells apart ids reused after a rollback."""
    newest = Event.objects.order_by("-pk").values_list("pk", "at").first()
    return (newest[0], newest[1].isoformat()) if newest else (0, "")


def cached(name: str, parts: Any, compute: Callable[[], T], seconds: int = SECONDS) -> T:
    """`compute()` cached under name + parts + language + register version."""
    source = json.dumps([parts, get_language(), register_version()], sort_keys=True, default=str)
    key = f"portal:{name}:{hashlib.sha256(source.encode()).hexdigest()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value
