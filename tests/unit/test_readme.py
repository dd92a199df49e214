"""The README's first screen holds exactly the two commands, and the Makefile provides them."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def first_screen() -> str:
    return "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:25])


def test_readme_first_screen_has_exactly_make_run_and_make_test() -> None:
    block = re.search(r"```\n(.*?)```", first_screen(), re.DOTALL)
    assert block, "no command block on the README's first screen"
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["make run", "make test"]


def test_makefile_provides_both_commands_as_targets() -> None:
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.MULTILINE))
    assert {"run", "test"} <= targets
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.MULTILINE)
    assert phony and {"run", "test"} <= set(phony.group(1).split())


def test_ci_calls_make_test() -> None:
    script = (ROOT / ".ci" / "run").read_text()
    commands = [line for line in script.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert "make test" in commands
