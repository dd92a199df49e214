"""The event log: every write by a service leaves one Event (timeline for the public, audit trail for the office)."""

from datetime import date
from typing import Any

from django.utils import timezone

from ..models import Answer, Event, Inquiry
from .batch import defer_event


def _plain(value: Any) -> Any:
    """JSON-safe form of a changed value (dates as ISO strings, model instances as their str)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def record_event(
    action: str,
    *,
    inquiry: Inquiry | None = None,
    answer: Answer | None = None,
    by: Any = None,
    by_name: str = "",
    on: date | None = None,
    changes: dict[str, tuple[Any, Any]] | None = None,
    note: str = "",
) -> Event:
    """Log one write; inside a batch transaction the Event is inserted with the others just before the commit."""
    user = by if getattr(by, "is_authenticated", False) else None
    event = Event(
        at=timezone.now(),
        on=on,
        actor=user,
        actor_name=by_name or (user.get_username() if user else ""),
        action=action,
        inquiry=inquiry,
        answer=answer,
        changes={k: [_plain(old), _plain(new)] for k, (old, new) in (changes or {}).items()},
        note=note,
    )
    if not defer_event(event):
        event.save(force_insert=True)
    return event
