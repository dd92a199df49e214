"""{% link %} gives exactly the URL {% url %} gives, for every route of the portal, under any script prefix."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import NoReverseMatch, clear_script_prefix, include, path, reverse, set_script_prefix

from interpel.portal.templatetags.portal_tags import fast_reverse

ROUTES = [
    ("portal:home", []),
    ("portal:inquiries", []),
    ("portal:inquiry", [0]),
    ("portal:inquiry", [123456]),
    ("portal:document", [7]),
    ("portal:person", ["anna-nowak"]),
    ("portal:person", ["Jan_Kowalski-2"]),
    ("portal:department", [3]),
    ("portal:term", [9]),
    ("portal:statistics_csv", ["days-to-answer"]),
    ("portal:about", []),
    ("set_language", []),
]


@pytest.mark.parametrize("prefix", ["/", "/rada-miasta/"])
def test_same_url_as_reverse(prefix: str) -> None:
    set_script_prefix(prefix)
    try:
        for name, args in ROUTES:
            for _twice in range(2):  # the first call reverses the route, the second formats the stored copy
                assert fast_reverse(name, *args) == reverse(name, args=args)
        assert fast_reverse("portal:home").startswith(prefix)
    finally:
        clear_script_prefix()


def test_arguments_a_route_would_refuse_still_fail_as_with_url() -> None:
    wrong = [
        ("portal:inquiry", [-1]),
        ("portal:inquiry", ["abc"]),
        ("portal:inquiry", ["abc def"]),
        ("portal:person", ["ż ó"]),
    ]
    for name, args in wrong:
        with pytest.raises(NoReverseMatch):
            reverse(name, args=args)
        with pytest.raises(NoReverseMatch):
            fast_reverse(name, *args)
    with pytest.raises(NoReverseMatch):
        fast_reverse("portal:inquiry")  # an argument missing


def test_tag_escapes_like_url() -> None:
    rendered = Template(
        "{% load portal_tags %}{% link 'portal:person' slug %}|{% url 'portal:person' slug %}"
    ).render(Context({"slug": "anna-nowak"}))
    mine, theirs = rendered.split("|")
    assert mine == theirs == "/radni/anna-nowak/"


urlpatterns = [path("inna/", include("interpel.portal.urls"))]  # the portal under a prefix, for the next test


def test_routes_follow_the_url_settings() -> None:
    assert fast_reverse("portal:inquiry", 5) == "/interpelacje/5/"
    with override_settings(ROOT_URLCONF=__name__):
        assert (
            fast_reverse("portal:inquiry", 5)
            == reverse("portal:inquiry", args=[5])
            == "/inna/interpelacje/5/"
        )
    assert fast_reverse("portal:inquiry", 5) == "/interpelacje/5/"
