"""Every command is documented (a help text with an example, a place in the README), and every command and
Python example the README shows runs as shown, in a folder holding what a checkout gives a user."""
import io
import re
import shlex
import shutil
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli, main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
SETUP = "python3 tasks.py"  # the two setup commands: CI runs `python3 tasks.py test` itself


def blocks(language: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(README) if lang == language]


def shell_lines() -> list[str]:
    return [line.strip() for body in blocks("sh") for line in body.splitlines()
            if line.strip() and not line.strip().startswith("#")]


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_has_help_an_example_and_a_readme_entry(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output
    assert f"`kg {name}`" in README, f"kg {name} is missing from the README's command table"


def test_readme_gives_the_two_commands_first():
    assert README.index("python3 tasks.py demo") < README.index("## Commands")
    assert "python3 tasks.py test" in README


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    """A folder with the seeds, canned queries and ontology of the checkout, as a user who cloned it has."""
    folder = tmp_path_factory.mktemp("readme")
    for name in ("seeds", "queries", "ontology"):
        shutil.copytree(ROOT / name, folder / name)
    return folder


def kg(args: list[str], env: dict[str, str], monkeypatch) -> tuple[int, str, str]:
    """The `kg` entry point run in this process (as the script runs it): exit status, stdout, stderr."""
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    with monkeypatch.context() as m:
        m.setattr(sys, "argv", ["kg", *args])
        for key, value in env.items():
            m.setenv(key, value)
        try:
            with redirect_stdout(out), redirect_stderr(err):
                main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    out.flush()
    return code, out.buffer.getvalue().decode("utf-8"), err.getvalue()


def run_line(line: str, monkeypatch) -> tuple[int, str]:
    """One README line: VAR=value prefixes, `kg …` commands joined by &&, `> FILE`, and `echo`."""
    tokens = shlex.split(line, comments=True)
    env = {}
    while tokens and re.fullmatch(r"[A-Z_]+=.*", tokens[0]):
        key, _, value = tokens.pop(0).partition("=")
        env[key] = value
    for command in " ".join(map(shlex.quote, tokens)).split(" '&&' ") if "&&" in tokens else [shlex.join(tokens)]:
        words = shlex.split(command)
        target = None
        if ">" in words:
            target, words = words[words.index(">") + 1], words[:words.index(">")]
        if words[0] == "echo":
            continue
        assert words[0] == "kg", f"the README shows a command the docs test cannot run: {line}"
        code, out, err = kg(words[1:], env, monkeypatch)
        if target:
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            Path(target).write_text(out, encoding="utf-8")
        if code:
            return code, err
    return 0, ""


@pytest.mark.parametrize("line", [line for line in shell_lines() if not line.startswith(SETUP)])
def test_every_command_the_readme_shows_runs(sandbox, monkeypatch, line):
    monkeypatch.chdir(sandbox)
    code, err = run_line(line, monkeypatch)
    assert code == 0, f"{line}\n{err}"


@pytest.mark.parametrize("number", range(len(blocks("python"))))
def test_every_python_example_in_the_readme_runs(sandbox, monkeypatch, number):
    monkeypatch.chdir(sandbox)
    with redirect_stdout(io.StringIO()):
        exec(compile(blocks("python")[number], f"README.md, Python example {number + 1}", "exec"), {})


def test_the_sample_output_is_what_the_command_prints(sandbox, monkeypatch):
    [sample] = [body for body in blocks("") if body.startswith("$ kg ")]
    command, *shown = sample.splitlines()
    monkeypatch.chdir(sandbox)
    code, out, err = kg(shlex.split(command)[2:], {"COLUMNS": "100"}, monkeypatch)
    assert code == 0, err
    printed = out.splitlines()
    assert printed[0].split() == shown[0].split() and len(printed) == len(shown)
    assert re.fullmatch(r"first \d+ of \d+ rows.*", printed[-1]) and printed[-1].split(";")[1:] == shown[-1].split(";")[1:]
