"""Every command is documented: a help text with an example, and a place in the README."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_has_help_an_example_and_a_readme_entry(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output
    assert f"`kg {name}`" in README, f"kg {name} is missing from the README's command table"


def test_readme_gives_the_two_commands():
    assert "python3 tasks.py demo" in README and "python3 tasks.py test" in README
