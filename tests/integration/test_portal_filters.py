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
