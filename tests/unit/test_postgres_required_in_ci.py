"""With CI=true an unreachable PostgreSQL fails the run; without CI it skips (tests/conftest.py)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_pg_suite(ci: bool) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        INTERPEL_TEST_BACKEND="postgresql",
        INTERPEL_TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:1/none",
        CI="true" if ci else "false",
    )
    return subprocess.run(
        [sys.executable, "-m", "pytest", "tests/integration/test_demo.py", "-rs", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_unreachable_postgres_fails_under_ci() -> None:
    result = run_pg_suite(ci=True)
    assert result.returncode != 0
    assert "PostgreSQL unreachable under CI=true" in result.stdout + result.stderr


def test_unreachable_postgres_skips_outside_ci() -> None:
    result = run_pg_suite(ci=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SKIPPED" in result.stdout and "PostgreSQL unreachable" in result.stdout
