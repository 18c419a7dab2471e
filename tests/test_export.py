"""kg.export: every format reads back to the same graph; quad formats keep one named graph per article."""
from __future__ import annotations

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic

from kg import graphio
from kg.errors import GraphError
from kg.export import EXPORT_FORMATS, by_article, export, named_graphs, write
from kg.vocab import ID, NKG

from .kg_fixtures import small_dataset

EXTENSIONS = {"ttl": ".ttl", "nt": ".nt", "trig": ".trig", "nq": ".nq", "jsonld": ".jsonld", "xml": ".xml"}


def assert_same(a: Graph, b: Graph) -> None:
    """Isomorphic, or a message listing what is only in one of them."""
    if not isomorphic(a, b):
        _, only_a, only_b = graph_diff(a, b)
        pytest.fail(f"only in first: {sorted(only_a)[:5]}\nonly in second: {sorted(only_b)[:5]}")


def assert_same_article_graphs(expected: Dataset, got: Dataset) -> None:
    assert named_graphs(got) == named_graphs(expected)
    for name in named_graphs(expected):
        assert_same(expected.graph(name), got.graph(name))


@pytest.fixture(scope="module")
def small():
    return small_dataset()


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_every_format_reads_back_to_the_same_triples(small, fmt, tmp_path):
    path = tmp_path / f"graph{EXTENSIONS[fmt]}"
    write(small, fmt, output=path)
    assert_same(graphio.union_graph(graphio.load(path)), graphio.union_graph(small))


@pytest.mark.parametrize("fmt", ["trig", "nq"])
def test_quad_formats_keep_one_named_graph_per_article(small, fmt, tmp_path):
    path = tmp_path / f"graph{EXTENSIONS[fmt]}"
    write(small, fmt, output=path)
    assert_same_article_graphs(small, graphio.load(path))


def test_splitting_a_union_graph_restores_the_article_graphs(small):
    assert_same_article_graphs(small, by_article(graphio.union_graph(small)))


def test_splitting_the_seed_graph_restores_its_article_graphs(seeds_result):
    ds = seeds_result.dataset
    assert_same_article_graphs(ds, by_article(graphio.union_graph(ds)))


@pytest.mark.parametrize("fmt", ["trig", "nq"])
def test_turtle_exported_as_quads_gets_its_article_graphs_back(small, fmt, tmp_path):
    ttl = graphio.save(small, tmp_path / "graph.ttl")
    assert named_graphs(graphio.load(ttl)) == []  # Turtle has no named graphs...
    out = tmp_path / f"graph{EXTENSIONS[fmt]}"
    write(graphio.load(ttl), fmt, output=out)
    assert_same_article_graphs(small, graphio.load(out))  # ...the export puts them back


def test_dropping_one_article_graph_drops_exactly_that_article(seeds_result, tmp_path):
    ds = seeds_result.dataset
    trig = tmp_path / "graph.trig"
    write(graphio.load(graphio.save(ds, tmp_path / "graph.ttl")), "trig", output=trig)
    loaded = graphio.load(trig)
    gone = ID["article/001-4681012913b4791f"]
    loaded.remove_graph(gone)
    rest = graphio.union_graph(loaded)
    assert (gone, None, None) not in rest
    assert not any(rest.subjects(NKG.source, gone))
    others = [n for n in named_graphs(ds) if n != gone]
    expected = Graph()
    for name in others:
        expected += ds.graph(name)
    assert_same(rest, expected)


def test_export_to_bytes_names_the_format(small):
    assert export(small, "nt").count(b" .\n") == len(graphio.union_graph(small))
    with pytest.raises(GraphError, match="unknown format 'yaml'"):
        export(small, "yaml")


def test_a_failed_export_leaves_the_old_file_alone(small, tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(GraphError):
        write(small, "yaml", output=path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_the_output_extension_picks_the_format(small, tmp_path):
    path = tmp_path / "graph.nq"
    write(small, output=path)
    assert_same_article_graphs(small, graphio.load(path))
    with pytest.raises(GraphError, match="unknown graph file extension '.txt'"):
        write(small, output=tmp_path / "graph.txt")
