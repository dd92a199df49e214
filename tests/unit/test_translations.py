"""The English catalogue covers every Polish string of the code and templates, and the compiled .mo is current.

Uses GNU gettext (Debian package `gettext`, installed by `make deps`), the same tools Django's makemessages and
compilemessages run.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[2] / "src" / "interpel"
PO = SOURCE / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")


def _entries(po: Path, *flags: str) -> list[str]:
    out = subprocess.run(
        ["msgattrib", *flags, "--no-wrap", str(po)], capture_output=True, text=True, check=True
    )
    return [m for m in re.findall(r'^msgid "(.*)"$', out.stdout, flags=re.M) if m]


def test_every_english_entry_is_translated_and_none_is_fuzzy() -> None:
    assert _entries(PO, "--untranslated") == []
    assert _entries(PO, "--only-fuzzy") == []


def test_compiled_catalogue_matches_the_po(tmp_path: Path) -> None:
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(PO)], check=True)
    assert fresh.read_bytes() == MO.read_bytes(), "run compilemessages in src/interpel"


def test_catalogue_holds_every_string_of_the_sources(tmp_path: Path) -> None:
    """makemessages over a copy of the sources finds no msgid that the committed catalogue lacks."""
    copy = tmp_path / "interpel"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "en",
            "--no-obsolete",
            "--settings=interpel.settings",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    wanted = set(_entries(copy / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    have = set(_entries(PO))
    assert sorted(wanted - have) == []
