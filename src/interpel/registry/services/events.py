"""The event log: every write by a service leaves one Event (timeline for the public, audit trail for the office)."""

from datetime import date
from typing import Any

from django.utils import timezone

from ..models import Answer, Event, Inquiry


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
    user = by if getattr(by, "is_authenticated", False) else None
    return Event.objects.create(
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
