"""kg viz: the command writes the page; bad choices are one-line errors naming the value."""
from __future__ import annotations

import sys

import pytest

from kg import graphio
from kg.cli import main

from ..kg_fixtures import small_dataset
from .test_page import page_data


@pytest.fixture
def kg(capsys, monkeypatch):
    """Run the real entry point in-process: kg("viz", ...) -> (exit status, stdout, stderr)."""

    def invoke(*args: str):
        monkeypatch.setattr(sys, "argv", ["kg", *args])
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        out = capsys.readouterr()
        return code, out.out, out.err

    return invoke


def test_kg_viz_writes_the_page(kg, tmp_path):
    graph = graphio.save(small_dataset(), tmp_path / "g.ttl")
    code, out, err = kg("viz", "--graph", str(graph), "-o", str(tmp_path / "g.html"), "--focus", "Bugti",
                        "--hops", "1", "--include", "Official,Government", "--show", "statements")
    assert code == 0, err
    assert str(tmp_path / "g.html") in out
    data = page_data((tmp_path / "g.html").read_text(encoding="utf-8"))
    assert {n["name"] for n in data["nodes"]} == {"Sarfraz Bugti", "Pakistan"}
    assert data["focus"] == "agent/sarfraz-bugti" and data["show"] == ["Statement"]


def test_kg_build_html_writes_the_page_too(kg, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Interior Minister Ann Lee said the camps of Velmora would close in March.\n",
                       encoding="utf-8")
    code, out, err = kg("build", str(article), "-o", str(tmp_path / "g.ttl"), "--html", str(tmp_path / "g.html"))
    assert code == 0, err
    data = page_data((tmp_path / "g.html").read_text(encoding="utf-8"))
    assert data["articles"][0]["body"].startswith("Interior Minister Ann Lee said")


@pytest.mark.parametrize("args, code, message", [
    (["--include", "Mention"], 2, "'Mention': unknown class"),
    (["--show", "statements,tweets"], 2, "'tweets': unknown class"),
    (["--hops", "-1"], 2, "--hops"),
    (["--hops", "1"], 2, "needs --focus"),
    (["--focus", "nobody at all"], 2, "g.ttl"),
    (["--article", "zz"], 2, "a1.txt, a2.txt"),
    (["--graph", "missing.ttl"], 2, "missing.ttl"),
])
def test_kg_viz_errors(kg, tmp_path, args, code, message):
    graph = graphio.save(small_dataset(), tmp_path / "g.ttl")
    if "--graph" in args:
        args = [*args[:1], str(tmp_path / args[1])]
    else:
        args = ["--graph", str(graph), *args]
    got, out, err = kg("viz", "-o", str(tmp_path / "p.html"), *args)
    assert got == code
    assert message in err
    assert any(message in line for line in err.splitlines())  # on one line
    assert not (tmp_path / "p.html").exists()


def test_kg_viz_help_has_an_example(kg):
    code, out, _ = kg("viz", "--help")
    assert code == 0 and "Example:" in out and "kg viz --focus" in out and "--show" in out
