"""Docs are checked by tests: every CLI command and every setting is documented."""

import re
from pathlib import Path

from interpel import cli_docs

ROOT = Path(__file__).resolve().parents[2]


def test_cli_reference_is_generated_from_the_current_help() -> None:
    assert cli_docs.DOCS.read_text(encoding="utf-8") == cli_docs.render(), "run: python -m interpel.cli_docs"


def test_every_environment_setting_is_documented() -> None:
    source = (ROOT / "src" / "interpel" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r"""(?:environ\.get|env_bool|env_list)\(\s*["']([A-Z_]+)["']""", source))
    assert "DATABASE_URL" in names and "SECRET_KEY" in names
    documented = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    missing = sorted(n for n in names if f"`{n}`" not in documented)
    assert not missing, f"settings missing from docs/operations.md: {missing}"
