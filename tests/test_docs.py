"""The README documents every command: a command missing from it fails here."""

import pytest

from dyads.cli import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_in_the_readme(command):
    assert f"dyads {command}" in README


def test_quick_start_commands_are_the_ci_commands():
    assert "bash scripts/demo.sh" in README and "bash scripts/test.sh" in README
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
