"""The portal's fast template helpers print what Django's own would: dates (the `date` filter) and kind labels."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from django.db.models import Model
from django.template import Context, Template
from django.utils import translation
from django.utils.timezone import override

from interpel.registry.models import Answer, Inquiry
from interpel.registry.models.inquiries import AnswerKind, InquiryKind

FORMS = {"day": '"d.m.Y"', "moment": '"d.m.Y H:i"', "isodate": "'Y-m-d'", "iso": "'c'"}
VALUES = [
    date(2026, 1, 5),
    date(1999, 12, 31),
    datetime(2026, 3, 28, 23, 30, tzinfo=UTC),  # the next day in Warsaw
    datetime(2026, 10, 25, 0, 59, 59, tzinfo=UTC),  # the night the clocks go back
    datetime(2026, 7, 1, 9, 5, tzinfo=timezone(timedelta(hours=-4))),
    None,
    "",
]


@pytest.mark.parametrize("zone", ["Europe/Warsaw", "UTC"])
@pytest.mark.parametrize("language", ["pl", "en"])
def test_date_filters_print_what_the_date_filter_prints(zone: str, language: str) -> None:
    with override(zone), translation.override(language):
        for mine, theirs in FORMS.items():
            template = Template(f"{{% load portal_tags %}}{{{{ v|{mine} }}}}|{{{{ v|date:{theirs} }}}}")
            for value in VALUES:
                if mine == "moment" and type(value) is date:
                    continue  # Django refuses time specifiers for a date; the pages never ask for it
                fast, django = template.render(Context({"v": value})).split("|")
                assert fast == django, (mine, value)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_kind_labels_are_djangos(language: str) -> None:
    with translation.override(language):
        for model, kinds in ((Inquiry, InquiryKind), (Answer, AnswerKind)):
            field = model._meta.get_field("kind")
            for value in [*kinds.values, "unknown-kind"]:
                instance = model(kind=value)
                assert instance.get_kind_display() == Model._get_FIELD_display(instance, field)


def test_translate_prints_what_djangos_translate_prints_in_each_language() -> None:
    """portal_tags' {% translate %} (cached when constant) against i18n's, switching languages and escaping."""
    body = (
        '{% translate "Przejdź do treści" %}|{% trans "Rejestr" %}|{% translate "Status:" noop %}'
        '|{% translate "Rejestr" as label %}[{{ label }}]|{% translate "Szukaj"|upper %}'
        '|{% translate "Start" context "menu" %}|{% translate word %}'
        '|{% autoescape off %}{% translate "Szukaj w rejestrze" %}{% endautoescape %}'
    )
    ours, djangos = Template("{% load i18n portal_tags %}" + body), Template("{% load i18n %}" + body)
    assert ours.nodelist[1].__class__.__name__ == "_ConstantTranslateNode"  # the cache is what is compared
    seen = set()
    for language in ("pl", "en", "pl", "en"):
        with translation.override(language):
            for word in ("Rejestr", "<b>"):
                context = {"word": word}
                mine = ours.render(Context(context))
                assert mine == djangos.render(Context(context))
                seen.add(mine)
    assert any("Skip to content" in s for s in seen) and any("Przejdź do treści" in s for s in seen)
    assert any("&lt;b&gt;" in s for s in seen)
