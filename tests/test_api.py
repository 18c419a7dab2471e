"""kg.api.KnowledgeGraph: the README's Python example, and the same answers as the command line's library calls."""
from __future__ import annotations

from decimal import Decimal

import pytest

from kg.api import KnowledgeGraph
from kg.errors import QueryError
from kg.export import named_graphs
from kg.graphio import load

from .conftest import SEEDS
from .kg_fixtures import small_dataset


def test_the_readme_example_builds_queries_and_saves(tmp_path):
    graph = KnowledgeGraph.build([SEEDS / "000_0d08b72ce4582031.txt", SEEDS / "004_c222ffbbe3ead1ce.txt"])
    assert graph.problems == []
    rows = graph.rows("figures-for-measure", words="undocumented Afghans")
    assert Decimal("1730000") in {r["value"] for r in rows}
    assert all(isinstance(r, dict) and "reported_by" in r for r in rows)
    out = graph.save(tmp_path / "graph.trig")
    assert len(named_graphs(load(out))) == 2
    assert len(KnowledgeGraph.load(out)) == len(graph)


def test_query_takes_params_as_a_dict_or_keywords():
    graph = KnowledgeGraph(small_dataset())
    by_kw = graph.rows("speaker-statements", name="Bugti")
    by_dict = graph.rows("speaker-statements", {"name": "Bugti"})
    assert by_kw == by_dict and [r["speaker"] for r in by_kw] == ["Sarfraz Bugti"]
    assert graph.query("ASK { ?s nkg:speaker ?o }").boolean is True
    with pytest.raises(QueryError, match="missing parameter 'name'"):
        graph.rows("speaker-statements")


def test_the_facade_validates_counts_and_serializes():
    graph = KnowledgeGraph(small_dataset())
    assert graph.validate().conforms
    assert graph.stats().classes["Statement"] == 4
    quads = sum(len(graph.dataset.graph(n)) for n in named_graphs(graph.dataset))
    assert len(graph.serialize("nq").strip().splitlines()) == quads
    assert "who-said-what" in KnowledgeGraph.queries()
