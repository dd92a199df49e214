"""Small presentation filters for the portal's templates: no queries, no business rules."""

import html
import re
from datetime import date, datetime
from itertools import chain
from typing import Any

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.i18n import TranslateNode, do_translate
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

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


# Dates in the one numeric form every page uses, without Django's `date` filter: it looks up the active language's
# formats and parses the format string on every call (26 us measured, against 2 us here; an inquiry page shows ~30
# dates). Like `date`, they get aware datetimes in the current time zone (expects_localtime) and show "" for nothing.
@register.filter(expects_localtime=True)
def day(value: Any) -> str:
    """date:"d.m.Y"."""
    if not isinstance(value, date):
        return ""
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


@register.filter(expects_localtime=True)
def moment(value: Any) -> str:
    """date:"d.m.Y H:i"."""
    if not isinstance(value, datetime):
        return ""
    return f"{day(value)} {value.hour:02d}:{value.minute:02d}"


@register.filter(expects_localtime=True)
def isodate(value: Any) -> str:
    """date:'Y-m-d' (a <time datetime> attribute)."""
    return day(value) and f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


@register.filter(expects_localtime=True)
def iso(value: Any) -> str:
    """date:'c' (ISO 8601, with the time and offset of a datetime)."""
    return value.isoformat() if isinstance(value, date) else ""


# {% link %} is {% url %} with each route reversed once per process: Django's reverse() took 79 us per call here
# (the resolver matches every candidate pattern again), and an inquiry page links ~20 times. The route is reversed
# with a placeholder for each argument (digits for an int, letters for a string) and the real ones are put in their
# place. Only arguments that need no quoting take that path (non-negative ints, slug-like strings); anything else goes
# through reverse(), errors included. That a converter refuses the placeholder exactly when it would refuse the real
# value holds for Django's int, slug, str and path converters, the only ones the portal's routes use; a route with a
# narrower converter must keep {% url %}. Routes are kept per script prefix and urlconf, and dropped when the
# URL settings change (tests).
_INT, _STR = "8642097531", "slug-placeholder"
_PLACEHOLDERS = re.compile(f"{_INT}|{_STR}")
_PLAIN = re.compile(r"[-a-zA-Z0-9_]+")
_routes: dict[tuple[Any, ...], list[str] | None] = {}


def _kind(value: Any) -> type | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return int if value >= 0 else None
    if isinstance(value, str) and _PLAIN.fullmatch(value):
        return str
    return None


def _route(name: str, kinds: tuple[type, ...]) -> list[str] | None:
    """The route's URL split where its arguments go, or None when it cannot be had that way."""
    try:
        url = reverse(name, args=[_INT if kind is int else _STR for kind in kinds])
    except NoReverseMatch:
        return None  # e.g. a string for an int: reverse() of the real value says what is wrong
    parts = _PLACEHOLDERS.split(url)
    return parts if len(parts) == len(kinds) + 1 else None


@receiver(setting_changed)
def _forget_routes(*, setting: str, **kwargs: Any) -> None:
    if setting in ("ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _routes.clear()


def fast_reverse(name: str, *args: Any) -> str:
    """reverse(name, args=args), from a per-process copy of the route for plain arguments (see above)."""
    kinds = tuple(_kind(a) for a in args)
    if None in kinds:
        return reverse(name, args=args)
    key = (name, kinds, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    if key not in _routes:
        _routes[key] = _route(name, kinds)  # type: ignore[arg-type]
    parts = _routes[key]
    if parts is None:
        return reverse(name, args=args)
    return "".join(chain.from_iterable(zip(parts[:-1], map(str, args), strict=True))) + parts[-1]


@register.simple_tag
def link(name: str, *args: Any) -> str:
    """{% link 'portal:inquiry' pk %}: the URL {% url %} would give, faster (see fast_reverse)."""
    return fast_reverse(name, *args)


class _ConstantTranslateNode(TranslateNode):
    """{% translate "literal" %} with no variable, filter, context or `as`: its output depends on the language and
    on autoescaping only, so it is rendered once per pair and then read from a dict. Django's node resolves the
    literal, looks the catalogue up and escapes it on every render: ~60 such tags made a fifth of an inquiry page's
    rendering."""

    def render(self, context: template.Context) -> str:
        key = (get_language(), context.autoescape)
        found = self.rendered.get(key)
        if found is None:
            found = self.rendered[key] = super().render(context)
        return found


@register.tag("translate")
@register.tag("trans")
def translate(parser: template.base.Parser, token: template.base.Token) -> template.Node:
    """Django's {% translate %} (loaded after i18n, this library's tag replaces it), cached when constant."""
    node = do_translate(parser, token)
    expression = node.filter_expression
    constant = (
        isinstance(node, TranslateNode)
        and node.asvar is None
        and node.message_context is None
        and not expression.filters
        and getattr(expression.var, "lookups", ()) is None  # a literal, not a variable
    )
    if constant:
        node.__class__ = _ConstantTranslateNode
        node.rendered = {}  # type: ignore[attr-defined]
    return node
