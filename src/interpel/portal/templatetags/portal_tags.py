"""Small presentation filters for the portal's templates: no queries, no business rules."""

import html
import re
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from interpel.law.deadlines import Deadline
from interpel.law.status import Status

from .. import law_text
from ..charts import percent as _percent

register = template.Library()

_MARK = re.compile(r"&lt;(/?)mark&gt;")


@register.filter
def percent(share: float | None) -> str:
    """0.83 → '83%'; None → '—'."""
    return _percent(share)


@register.filter
def days(n: int | float | None) -> str:
    """A number of days with the right Polish (or English) word; '—' for none."""
    if n is None:
        return "—"
    whole = int(n)
    if n != whole:  # a median of an even count: 12.5 days
        return gettext("%(n)s dnia") % {"n": number_format(n, 1)}
    return ngettext("%(n)s dzień", "%(n)s dni", whole) % {"n": whole}


@register.filter
def snippet(text: str) -> SafeString:
    """A search snippet (plain or HTML-escaped text): escaped once, with only the engine's <mark> highlights kept."""
    return mark_safe(_MARK.sub(r"<\1mark>", escape(html.unescape(text))))  # noqa: S308 - everything else is escaped first


@register.filter
def status_text(status: Status) -> str:
    """An inquiry's status in words, in the visitor's language (see portal.law_text)."""
    return law_text.status_text(status)


@register.filter
def due_text(inquiry: Any) -> str:
    """How an inquiry's due date was counted, in the visitor's language (see portal.law_text)."""
    return law_text.inquiry_due_text(inquiry)


@register.filter
def deadline_text(found: Deadline) -> str:
    """law.deadlines' explanation of a due date, in the visitor's language (see portal.law_text)."""
    return law_text.deadline_text(found)
