"""The main flow in a real browser: search → filter → detail → download, with the mouse and with the keyboard only."""

from __future__ import annotations

from typing import Any

import pytest
from register_fixtures import PDF_BYTES, Register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_filter_detail_download(page: Any, site: tuple[str, Register]) -> None:
    url, register = site
    page.goto(url + "/")
    page.get_by_label("Czego szukasz?").fill("remont drogi Piwonice")
    page.locator(".big-search button").click()
    page.wait_for_url("**/interpelacje/?q=*")
    assert "wyszukiwanie „remont drogi Piwonice”" in page.locator(".found").inner_text()
    titles = page.locator(".result-title a").all_inner_texts()
    assert any(register.overdue.subject in t for t in titles) and len(titles) >= 2

    page.get_by_label("zapytanie", exact=False).first.check()
    page.get_by_role("button", name="Pokaż").click()
    page.wait_for_url("**kind=question**")
    titles = page.locator(".result-title a").all_inner_texts()
    assert len(titles) == 1 and register.overdue.subject in titles[0]

    page.locator(".result-title a").first.click()
    page.wait_for_url(f"**/interpelacje/{register.overdue.pk}/")
    assert page.locator("h1").inner_text().startswith("Remontu dróg")
    with page.expect_download() as info:
        page.get_by_role("link", name="zapytanie-piwonice.pdf").click()
    download = info.value
    assert download.suggested_filename == "zapytanie-piwonice.pdf"
    with open(download.path(), "rb") as fh:
        assert fh.read() == PDF_BYTES


def focused(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => { const e = document.activeElement; const s = getComputedStyle(e);
        return {tag: e.tagName, id: e.id, name: e.getAttribute('name') || '', value: e.value || '',
                text: (e.innerText || '').trim(), href: e.getAttribute('href') || '',
                outline: s.outlineStyle + ' ' + s.outlineWidth, own: e.matches(':focus')}; }"""
    )


def tab_until(page: Any, wanted: Any, limit: int = 120) -> dict[str, Any]:
    """Press Tab until the focused element satisfies `wanted`; every stop must show a visible focus ring."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        # A date field's calendar button lives in the browser's own shadow DOM and draws its own focus ring.
        if now["tag"] in ("A", "BUTTON", "INPUT", "SELECT") and now["own"]:
            assert not now["outline"].startswith("none"), f"no visible focus on {now}"
        if wanted(now):
            return now
    raise AssertionError("never reached the element with the keyboard")


def test_keyboard_only_main_flow(page: Any, site: tuple[str, Register]) -> None:
    url, register = site
    page.goto(url + "/")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Przejdź do treści"  # the skip link comes first
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "content"

    tab_until(page, lambda f: f["id"] == "home-q")
    page.keyboard.type("Piwonice")
    page.keyboard.press("Enter")
    page.wait_for_url("**/interpelacje/?q=Piwonice")

    # Choose a status facet with the arrow keys, then submit the filter form.
    tab_until(page, lambda f: f["name"] == "status")
    while focused(page)["value"] != "overdue":
        page.keyboard.press("ArrowDown")
    tab_until(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Pokaż")
    page.keyboard.press("Enter")
    page.wait_for_url("**status=overdue**")

    tab_until(page, lambda f: f["href"] == f"/interpelacje/{register.overdue.pk}/")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/interpelacje/{register.overdue.pk}/")

    tab_until(page, lambda f: f["text"] == "zapytanie-piwonice.pdf")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == "zapytanie-piwonice.pdf"


def test_pages_work_without_javascript(browser: Any, site: tuple[str, Register]) -> None:
    url, register = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "/interpelacje/?q=Piwonice&status=overdue")
    assert page.locator(".result-title a").count() == 1
    page.goto(url + "/statystyki/")
    assert page.locator("svg.chart").count() == 5
    context.close()
