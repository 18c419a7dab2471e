"""kg timeline and kg report disagreements: what they print, the charts they draw, the same from a store."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.api import KnowledgeGraph
from kg.cli import cli
from kg.links.timeline import TimelineError, load_timeline
from kg.store import OxigraphStore

from ..test_store import assert_same
from .corpus import STORIES
from .helpers import build

KG = Path(sys.executable).parent / "kg"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, seeds_result):
    path = tmp_path_factory.mktemp("timeline") / "graph.trig"
    KnowledgeGraph(seeds_result.dataset).save(path)
    return path


def kg(*args):
    return CliRunner().invoke(cli, list(args))


def test_timeline_prints_policies_steps_and_figures(graph_file):
    result = kg("timeline", "--graph", str(graph_file))
    assert result.exit_code == 0, result.output
    assert "Policy:" in result.output and "deadline set" in result.output and "2023-10-31" in result.output
    assert "Figures: undocumented Afghans in Pakistan" in result.output and "disagrees with" in result.output


@pytest.mark.parametrize("name, magic", [("t.png", b"\x89PNG"), ("t.svg", b"<?xml"), ("t.html", b"<!DOCTYPE html>")])
def test_timeline_draws_a_chart_in_the_format_its_name_asks(graph_file, tmp_path, name, magic):
    # the installed command in its own process, as a user runs it (matplotlib stays out of the test process,
    # where it kept the Oxigraph stores of later tests from being released in time)
    out = tmp_path / "charts" / name
    result = subprocess.run([str(KG), "timeline", "--graph", str(graph_file), "--chart", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"wrote {out}" in result.stderr
    data = out.read_bytes()
    assert data.startswith(magic)
    if name.endswith(".html"):
        assert b"<svg" in data and b"nearly 2 million" in data and b"http" not in data.split(b"<svg", 1)[0]


def test_a_chart_of_an_unknown_format_is_refused_before_anything_is_written(graph_file, tmp_path):
    out = tmp_path / "t.gif"
    result = kg("timeline", "--graph", str(graph_file), "--chart", str(out))
    assert result.exit_code != 0 and "t.gif" in str(result.exception or result.output)
    assert not out.exists()


def test_an_empty_timeline_writes_no_chart(tmp_path, nlp):
    _, ds = build(nlp, next(s for s in STORIES if s.name == "two places"))
    timeline = load_timeline(KnowledgeGraph(ds))
    assert "No policy steps" in timeline.text()
    with pytest.raises(TimelineError, match="nothing was written"):
        timeline.write_chart(tmp_path / "t.png")
    assert not (tmp_path / "t.png").exists()


def test_report_disagreements_prints_both_pieces_of_evidence(graph_file):
    result = kg("report", "disagreements", "--graph", str(graph_file))
    assert result.exit_code == 0, result.output
    assert result.output.count("nearly 2 million") >= 2 and "1.73 million" in result.output
    rows = json.loads(kg("report", "disagreements", "--graph", str(graph_file), "--format", "json").output)
    assert rows["results"]["bindings"]


def test_report_disagreements_pages_like_a_query(graph_file):
    every = kg("report", "disagreements", "--graph", str(graph_file), "--format", "csv", "--all").output.splitlines()
    assert len(every) >= 3  # a header and at least two disagreements
    first = kg("report", "disagreements", "--graph", str(graph_file), "--format", "csv", "--limit", "1")
    second = kg("report", "disagreements", "--graph", str(graph_file), "--format", "csv", "--limit", "1",
                "--offset", "1")
    assert first.exit_code == second.exit_code == 0, first.output + second.output
    assert first.output.splitlines() == every[:2]
    assert second.output.splitlines() == [every[0], every[2]]
    both = kg("report", "disagreements", "--graph", str(graph_file), "--limit", "1", "--all")
    assert both.exit_code != 0 and "--all" in both.output


def test_links_built_into_a_store_in_two_steps_equal_the_memory_build(tmp_path, nlp):
    from kg.build import build_dataset
    from kg.incremental import update_store

    story = next(s for s in STORIES if s.name == "who answers whom")
    first, later = tmp_path / "first", tmp_path / "later"
    for folder, names in ((first, ["p1.txt", "p2.txt"]), (later, ["p3.txt", "p4.txt"])):
        folder.mkdir()
        for n in names:
            (folder / n).write_text(story.articles[n], encoding="utf-8")
    with OxigraphStore(tmp_path / "db", create=True) as store:
        update_store(store, [first], nlp=nlp)
        update_store(store, [later], nlp=nlp)
        stored = store.dataset()
        timeline = load_timeline(store)
    memory = build_dataset([first, later], nlp=nlp).dataset
    assert_same(stored, memory)
    assert timeline.text() == load_timeline(KnowledgeGraph(memory)).text()
