"""Outputs: never two outputs in one file, symlinks kept, no half-written or stale temporary files."""
from __future__ import annotations

import os
import signal
import sys

import pytest

from kg.graphio import atomic_write, load

from ..test_incremental import PAUSED_KG, start, stop, wait_until
from .helpers import GOOD, kg, write


def test_one_file_for_the_graph_and_the_page_is_refused_before_any_work(tmp_path):
    folder = write(tmp_path / "in", {"a.txt": GOOD})
    out = tmp_path / "same.ttl"
    out.write_text("previous graph")
    r = kg("build", folder, "-o", out, "--html", tmp_path / "." / "same.ttl")
    assert r.returncode == 2 and "given for two outputs" in r.stderr and r.stderr.count("\n") == 1
    assert out.read_text() == "previous graph"


def test_the_page_may_not_replace_the_graph_it_is_drawn_from(tmp_path):
    folder = write(tmp_path / "in", {"a.txt": GOOD})
    graph = tmp_path / "g.ttl"
    assert kg("build", folder, "-o", graph, "-q").returncode == 0
    before = graph.read_bytes()
    r = kg("viz", "--graph", graph, "-o", graph)
    assert r.returncode == 2 and "is also an input" in r.stderr
    assert graph.read_bytes() == before


def test_an_output_that_is_a_symlink_is_written_through_and_stays_a_link(tmp_path):
    target = tmp_path / "real" / "graph.ttl"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "graph.ttl"
    link.symlink_to(target)
    atomic_write(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"
    assert not list(tmp_path.glob(".graph.ttl.*")) and not list(target.parent.glob(".graph.ttl.*"))


def test_a_build_onto_a_symlink_writes_the_target(tmp_path):
    folder = write(tmp_path / "in", {"a.txt": GOOD})
    target, link = tmp_path / "kept" / "graph.trig", tmp_path / "latest.trig"
    target.parent.mkdir()
    link.symlink_to(target)
    assert kg("build", folder, "-o", link, "-q").returncode == 0
    assert link.is_symlink() and len(load(target)) > 0


def test_sigterm_while_writing_leaves_the_old_file_and_no_part_file(tmp_path):
    folder = write(tmp_path / "in", {"a.txt": GOOD})
    out, marker, log = tmp_path / "out" / "graph.ttl", tmp_path / "paused", tmp_path / "build.log"
    out.parent.mkdir()
    out.write_text("previous graph")
    proc = start([sys.executable, PAUSED_KG, "os:fsync", 1, marker, "build", folder, "-o", out, "-q"], log)
    try:
        wait_until(marker.exists, proc, log)
        assert list(out.parent.glob(".graph.ttl.*.part"))  # the new graph is written, not yet renamed
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(30)
    finally:
        stop(proc)
    assert proc.returncode == 128 + signal.SIGTERM
    assert out.read_text() == "previous graph"
    assert not list(out.parent.glob(".graph.ttl.*"))


def test_a_build_removes_the_part_file_a_killed_build_left(tmp_path):
    folder = write(tmp_path / "in", {"a.txt": GOOD})
    out, marker, log = tmp_path / "out" / "graph.ttl", tmp_path / "paused", tmp_path / "build.log"
    proc = start([sys.executable, PAUSED_KG, "os:fsync", 1, marker, "build", folder, "-o", out, "-q"], log)
    try:
        wait_until(marker.exists, proc, log)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        stop(proc)
    assert len(list(out.parent.glob(".graph.ttl.*.part"))) == 1  # a killed process cannot clean up
    assert kg("build", folder, "-o", out, "-q").returncode == 0
    assert not list(out.parent.glob(".graph.ttl.*")) and len(load(out)) > 0


def test_a_live_writers_part_file_is_left_alone(tmp_path):
    out = tmp_path / "graph.ttl"
    live = tmp_path / f".graph.ttl.{os.getpid()}.abcd1234.part"  # this process is alive
    live.write_text("being written")
    atomic_write(out, b"done")
    assert live.exists() and out.read_bytes() == b"done"


def test_a_store_build_sweeps_its_records_folder_of_part_files_killed_builds_left(tmp_path):
    import subprocess

    folder, store = write(tmp_path / "in", {"a.txt": GOOD}), tmp_path / "db"
    records = tmp_path / "db.records"
    records.mkdir()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()  # a process that has ended
    stale = records / f".{'0' * 32}.json.{gone}.abcd1234.part"
    live = records / f".{'1' * 32}.json.{os.getpid()}.abcd1234.part"
    stale.write_text("left by a killed build")
    live.write_text("being written")
    assert kg("build", folder, "--store", f"oxigraph:{store}", "-q").returncode == 0
    assert not stale.exists() and live.exists()


@pytest.mark.parametrize("source", ["graph", "store"])
def test_an_empty_graph_never_replaces_a_file_that_holds_something(tmp_path, source):
    from kg.store import OxigraphStore

    backup = tmp_path / "backup.nq"
    backup.write_text("<urn:a> <urn:b> <urn:c> .\n")
    if source == "graph":
        empty = tmp_path / "empty.ttl"
        empty.write_text("")
        args = ["--graph", empty]
    else:
        OxigraphStore(tmp_path / "db", create=True).close()
        args = ["--store", f"oxigraph:{tmp_path / 'db'}"]
    r = kg("export", *args, "-o", backup)
    assert r.returncode == 2 and "the graph to write is empty" in r.stderr and "--allow-empty" in r.stderr
    assert backup.read_text() == "<urn:a> <urn:b> <urn:c> .\n"
    assert kg("export", *args, "-o", backup, "--allow-empty").returncode == 0
    assert backup.read_text().strip() == ""
