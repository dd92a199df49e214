"""axe-core on every page type: no serious or critical WCAG 2.1 violation; screenshots of the main pages."""

from __future__ import annotations

from typing import Any

import pytest
from portal_browser import axe_violations, screenshot
from register_fixtures import Register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pages(register: Register) -> dict[str, str]:
    """One URL per page type, named for the screenshot."""
    return {
        "home": "/",
        "list": "/interpelacje/?q=Piwonice",
        "list-filtered": f"/interpelacje/?status=overdue&department={register.wsr.pk}",
        "detail": f"/interpelacje/{register.repeated.pk}/",
        "detail-answered": f"/interpelacje/{register.antczak.pk}/",
        "councillor": f"/radni/{register.nowak.slug}/",
        "department": f"/wydzialy/{register.wsr.pk}/",
        "term": f"/kadencje/{register.term.pk}/",
        "overdue": "/po-terminie/",
        "statistics": "/statystyki/",
        "about": "/o-serwisie/",
        "not-found": "/interpelacje/999999/",
    }


def serious(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v.get("impact") in ("serious", "critical")
    ]


def test_every_page_type_passes_axe(page: Any, site: tuple[str, Register]) -> None:
    url, register = site
    problems: dict[str, list[str]] = {}
    for name, path in pages(register).items():
        response = page.goto(url + path)
        assert response is not None
        assert response.status == (404 if name == "not-found" else 200), name
        if name == "not-found":
            continue  # Django's plain 404 page (DEBUG off) is not the portal's
        assert page.locator("html").get_attribute("lang") == "pl"
        if found := serious(axe_violations(page)):
            problems[name] = found
        if name in ("home", "list", "detail", "statistics"):
            assert screenshot(page, name).stat().st_size > 10_000
    assert problems == {}


def test_mobile_width_has_no_horizontal_scroll(page: Any, site: tuple[str, Register]) -> None:
    url, register = site
    page.set_viewport_size({"width": 375, "height": 800})
    for path in ("/", "/interpelacje/", f"/interpelacje/{register.repeated.pk}/", "/statystyki/"):
        page.goto(url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} is {overflow}px wider than a phone"
    screenshot(page, "mobile-statistics")


def test_the_axe_check_does_catch_violations(page: Any, site: tuple[str, Register]) -> None:
    """Guard against a silently broken check: a page made inaccessible on purpose must fail it."""
    url, _register = site
    page.goto(url + "/")
    page.evaluate(
        """() => { const img = document.createElement('img'); img.src = '/static/none.png';
        document.querySelector('main').appendChild(img);
        const p = document.createElement('p'); p.textContent = 'blado'; p.style.color = '#eeeeee';
        document.querySelector('main').appendChild(p); }"""
    )
    found = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "color-contrast"} <= found


def test_print_shows_the_record_without_navigation(page: Any, site: tuple[str, Register]) -> None:
    url, register = site
    page.goto(url + f"/interpelacje/{register.antczak.pk}/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible() and not page.locator(".site-footer").is_visible()
    assert page.locator(".letter").first.is_visible()
    assert page.pdf(format="A4")[:4] == b"%PDF"  # Chromium lays the page out for paper without errors
