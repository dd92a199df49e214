"""Helpers of the browser tests: the axe-core check and screenshots."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
# axe-core as shipped inside the axe-playwright-python wheel (PyPI); injected into each page under test.
AXE_JS = files("axe_playwright_python").joinpath("axe.min.js")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page and return its violations."""
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
            'best-practice']}, resultTypes: ['violations']})"""
    )
    return list(result["violations"])


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
