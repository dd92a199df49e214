"""`interpel deadline` prints the ISO due date alone on the first line, then the explanation (a relied-on contract)."""

import subprocess
import sys
from datetime import date

import pytest

from interpel.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "interpel.cli", *args], capture_output=True, text=True, timeout=60, check=False
    )


def test_it_prints_the_due_date_first_then_the_explanation() -> None:
    result = run("deadline", "2026-03-25")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "2026-04-08"
    assert len(lines) == 2
    assert "08.04.2026" in lines[1] and "art. 111" in lines[1]


def test_easter_shift_is_named_in_the_explanation(capsys: pytest.CaptureFixture[str]) -> None:
    # 21.03.2026 + 14 = 04.04.2026 (Saturday), then Easter Sunday and Monday: due Tuesday 07.04.2026.
    assert main(["deadline", "2026-03-21"]) == 0
    first, explanation = capsys.readouterr().out.splitlines()
    assert date.fromisoformat(first) == date(2026, 4, 7)
    assert "Poniedziałek Wielkanocny" in explanation and "art. 115" in explanation


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["2026-04-01", "--rules", "sejm"], "2026-04-22"),
        (["2026-03-21", "--policy", "calendar"], "2026-04-04"),
        (["2026-03-25", "--rules", "dzielnica", "--days", "21"], "2026-04-15"),
        # 24.12.2026 is Wigilia (a day off from 2025 on), then Christmas, a Saturday and a Sunday.
        (["2026-12-10", "--rules", "powiat"], "2026-12-28"),
    ],
)
def test_rules_days_and_policy_options(
    args: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["deadline", *args]) == 0
    assert capsys.readouterr().out.splitlines()[0] == expected


@pytest.mark.parametrize(
    "args",
    [
        ["2026-13-01"],
        ["yesterday"],
        ["2026-03-25", "--rules", "unknown"],
        ["2026-03-25", "--rules", "dzielnica"],
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(args: list[str]) -> None:
    result = run("deadline", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("interpel: ")
