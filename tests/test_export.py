"""kg.export: every format reads back to the same graph; quad formats keep one named graph per article."""
from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic

from kg import graphio
from kg.cli import cli
from kg.errors import GraphError, StoreError
from kg.export import EXPORT_FORMATS, by_article, export, named_graphs, write, write_store
from kg.store import OxigraphStore, SparqlStore, canonical, same_triples
from kg.validate import validate
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


# ------------------------------------------------------------------ exports written by a store


def canonical_quads(ds: Dataset) -> set:
    """Quads with each object as stores and rdflib both write it (see kg.store.canonical)."""
    return {(s, p, canonical(o), g) for s, p, o, g in ds.quads((None, None, None, None))}


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_a_store_exports_what_the_memory_graph_exports(seeds_store, seeds_result, fmt, tmp_path, no_whole_reads):
    mine, memory = tmp_path / f"store{EXTENSIONS[fmt]}", tmp_path / f"memory{EXTENSIONS[fmt]}"
    write_store(seeds_store, fmt, output=mine)
    write(seeds_result.dataset, fmt, output=memory)
    got, want = graphio.load(mine), graphio.load(memory)
    assert named_graphs(got) == named_graphs(want)
    assert canonical_quads(got) == canonical_quads(want)


def test_an_oxigraph_store_is_written_by_oxigraphs_serializers(seeds_oxigraph, seeds_result, monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError("rdflib serialized the Oxigraph store")

    with OxigraphStore(seeds_oxigraph) as store:
        monkeypatch.setattr(Graph, "serialize", refuse)
        for fmt in EXPORT_FORMATS:
            write_store(store, fmt, output=tmp_path / f"graph{EXTENSIONS[fmt]}")
        monkeypatch.undo()
    for fmt in EXPORT_FORMATS:
        assert len(graphio.load(tmp_path / f"graph{EXTENSIONS[fmt]}")) > 0


@pytest.mark.parametrize("fmt", ["ttl", "trig"])
def test_a_store_export_passes_validation_like_the_memory_export(seeds_store, fmt, tmp_path):
    """Oxigraph keeps span offsets as xsd:integer; the export gives them back their xsd:nonNegativeInteger."""
    path = tmp_path / f"graph{EXTENSIONS[fmt]}"
    write_store(seeds_store, fmt, output=path)
    report = validate(graphio.load(path))
    assert report.conforms, report.text()


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_an_endpoint_is_written_graph_by_graph(seeds_endpoint, fmt, monkeypatch, no_whole_reads):
    store = SparqlStore(f"{seeds_endpoint.base}/query")
    fetched, written_after = [], []
    fetch = SparqlStore.graph
    monkeypatch.setattr(SparqlStore, "graph", lambda self, name: fetched.append(name) or fetch(self, name))

    class Out(io.BytesIO):
        def write(self, data):
            written_after.append(len(fetched))
            return super().write(data)

    store.export(fmt, Out())
    assert fetched == store.graph_names() and len(fetched) > 1
    assert written_after[0] == 1  # the first graph is out before the second is fetched


@pytest.mark.parametrize("fmt", ["nt", "ttl"])
def test_a_triple_format_is_the_endpoints_union_fetched_once(seeds_endpoint, seeds_result, fmt, monkeypatch,
                                                               no_whole_reads):
    store = SparqlStore(f"{seeds_endpoint.base}/query")
    fetched = []
    fetch = SparqlStore.graph
    monkeypatch.setattr(SparqlStore, "graph", lambda self, name: fetched.append(name) or fetch(self, name))
    out = io.BytesIO()
    store.export(fmt, out)
    assert fetched == [None]
    written = Graph().parse(data=out.getvalue(), format={"nt": "nt", "ttl": "turtle"}[fmt])
    assert {(s, p, canonical(o)) for s, p, o in written} == {
        (s, p, canonical(o)) for s, p, o, _ in seeds_result.dataset.quads((None, None, None, None))}


def test_a_store_export_that_fails_leaves_the_old_file_alone(seeds_endpoint, monkeypatch, tmp_path):
    path = tmp_path / "graph.nq"
    path.write_text("old", encoding="utf-8")
    fetch = SparqlStore.graph

    def fetch_one_then_fail(self, name):
        if getattr(self, "fetched", False):
            raise StoreError(f"{name}: the endpoint went away")
        self.fetched = True
        return fetch(self, name)

    monkeypatch.setattr(SparqlStore, "graph", fetch_one_then_fail)
    with pytest.raises(StoreError, match="went away"):
        write_store(SparqlStore(f"{seeds_endpoint.base}/query"), output=path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nq"]


def test_the_export_command_writes_a_store_to_a_file_or_stdout(seeds_spec, seeds_result, tmp_path, no_whole_reads):
    out = tmp_path / "graph.trig"
    res = CliRunner().invoke(cli, ["export", "--store", seeds_spec, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert canonical_quads(graphio.load(out)) == canonical_quads(seeds_result.dataset)
    res = CliRunner().invoke(cli, ["export", "--store", seeds_spec, "--format", "nt"])
    assert res.exit_code == 0, res.output
    printed = Graph().parse(data=res.stdout_bytes, format="nt")
    assert same_triples(printed) == same_triples(graphio.union_graph(seeds_result.dataset))
