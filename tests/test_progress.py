"""Progress: the stages a build goes through, drawn on a terminal, silent elsewhere."""
from __future__ import annotations

import io

from rich.console import Console
from rich.progress import Task

from kg.build import build_dataset
from kg.progress import TerminalProgress, _Counts

TEXT = "Interior Minister Lars Holm said that the ferry service would resume on Monday.\n"


def test_a_build_reports_its_stages_in_order_with_the_articles_counted(nlp, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    stages, done = [], []
    build_dataset([tmp_path], nlp=nlp, stage=lambda name, total=None: stages.append((name, total)),
                  progress=lambda n, total, item: done.append((n, total)))
    assert stages == [("extracting", 2), ("resolving entities", None), ("making the graph", None)]
    assert done == [(1, 2), (2, 2)]


def test_the_rate_is_averaged_from_the_start_of_the_stage():
    """16 articles done 4 s after the stage began: 4 a second, however late the first batch came in."""
    task = Task(0, "extracting", total=32, completed=16, _get_time=lambda: 4.0, fields={"counted": True})
    task.start_time = 0.0
    assert str(_Counts("articles").render(task)) == "16/32 · 4.0 articles/s · 0:00:04 left"
    uncounted = Task(1, "resolving entities", total=None, completed=0, _get_time=lambda: 4.0,
                     fields={"counted": False})
    assert str(_Counts("articles").render(uncounted)) == ""


def test_each_stage_is_drawn_on_a_terminal():
    screen = io.StringIO()
    shown = TerminalProgress(enabled=True, console=Console(file=screen, force_terminal=True, width=100))
    with shown:
        shown.stage("loading the pipeline")
        shown.stage("extracting", 2)
        shown(1, 2, "a.txt")
        shown(2, 2, "b.txt")
        shown.stage("writing out/graph.ttl")
    text = screen.getvalue()
    for words in ("✓ loading the pipeline", "✓ extracting", "2/2", "✓ writing out/graph.ttl"):
        assert words in text


def test_nothing_is_drawn_when_stderr_is_not_a_terminal():
    screen = io.StringIO()
    shown = TerminalProgress(console=Console(file=screen))
    with shown:
        shown.stage("extracting", 1)
        shown(1, 1, "a.txt")
    assert not shown.enabled and screen.getvalue() == ""
