"""Bounded work: a runaway query is stopped at --timeout with a message, its rows stream, its store is let go."""
from __future__ import annotations

import tracemalloc

import pytest

from kg.deadline import deadline
from kg.errors import QueryTimeout
from kg.export import named_graphs
from kg.query import run
from kg.store import OxigraphStore, open_store, run_query

from ..kg_fixtures import small_dataset
from .helpers import kg

CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CARTESIAN_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bounded")
    ds = small_dataset()
    ds.serialize(folder / "g.trig", format="trig")
    with OxigraphStore(folder / "db", create=True) as store:
        for name in named_graphs(ds):
            store.replace_graph(name, ds.graph(name))
    return {"graph": ["--graph", folder / "g.trig"], "store": ["--store", f"oxigraph:{folder / 'db'}"]}


class Sink:
    """An output that keeps nothing, counting the lines written to it."""

    lines = 0

    def write(self, text: str) -> None:
        self.lines += text.count("\n")


@pytest.mark.parametrize("source", ["graph", "store"])
@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_a_cartesian_query_is_stopped_at_the_timeout_with_a_message(sources, source, fmt):
    r = kg("query", CARTESIAN, *sources[source], "--timeout", "2", "-f", fmt, "--all", timeout=120)
    assert r.returncode == 2
    assert r.stderr.splitlines()[-1] == ("Error: query text: stopped after 2 s (--timeout 2); narrow the query or "
                                         "give it more time")


def test_a_query_stuck_in_the_stores_engine_is_stopped_too(sources):
    r = kg("query", CARTESIAN_COUNT, *sources["store"], "--timeout", "1", timeout=120)
    assert r.returncode == 2 and "stopped after 1 s (--timeout 1)" in r.stderr


@pytest.mark.parametrize("source", ["graph", "store"])
def test_limit_stops_reading_rows(sources, source):
    r = kg("query", CARTESIAN, *sources[source], "--limit", "5", "-f", "csv", "--timeout", "0", timeout=120)
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 6


def test_the_store_is_let_go_when_its_query_is_stopped(sources):
    spec = sources["store"][1]
    with pytest.raises(QueryTimeout):
        with open_store(spec) as store, deadline(1, "cartesian"):
            run_query(store, CARTESIAN).write(Sink(), "csv")
    r = kg("query", "articles", "--store", spec, "-f", "csv")  # another process can open the folder at once
    assert r.returncode == 0 and "a1.txt" in r.stdout


class Enough(Exception):
    """Raised by a sink that has seen the rows it wanted."""


class LimitedSink(Sink):
    """A sink that stops the writing after `wanted` lines, however slow the machine is."""

    def __init__(self, wanted: int):
        self.wanted = wanted

    def write(self, text: str) -> None:
        super().write(text)
        if self.lines >= self.wanted:
            raise Enough


def test_rows_are_written_as_they_come_in_small_memory():
    sink = LimitedSink(10_000)
    tracemalloc.start()
    try:
        # a query whose rows are gathered before any is written would reach the deadline first, its rows
        # still in memory; rows that stream reach the sink's 10,000 long before
        with pytest.raises(Enough):
            with deadline(120, "cartesian"):
                run(small_dataset(), CARTESIAN).write(sink, "csv")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50_000_000
