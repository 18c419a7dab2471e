"""kg.store: building into a real Oxigraph server and an on-disk Oxigraph store gives the memory build's graph."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Dataset

from kg.api import KnowledgeGraph
from kg.cli import cli
from kg.incremental import update_store
from kg.store import OxigraphStore, SparqlStore, StoreError, canonical, open_store, run_query, with_values

from .conftest import SEEDS
from .oxigraph_server import OxigraphServer


def quads(ds: Dataset) -> set:
    """Quads with decimals in canonical form, since stores canonicalise "15.0" to "15"."""
    return {(s, p, canonical(o), g) for s, p, o, g in ds.quads((None, None, None, None))}


def assert_same(a: Dataset, b: Dataset) -> None:
    only_a, only_b = quads(a) - quads(b), quads(b) - quads(a)
    assert not only_a and not only_b, f"only in first: {sorted(only_a)[:3]}; only in second: {sorted(only_b)[:3]}"


@pytest.fixture
def server(tmp_path):
    srv = OxigraphServer(tmp_path / "server").start()
    yield srv
    srv.stop()


@pytest.fixture
def seeded_server(server, nlp):
    update_store(SparqlStore(f"{server.base}/query"), [SEEDS], nlp=nlp)
    return server


def test_a_build_into_a_sparql_endpoint_equals_the_memory_build(seeded_server, seeds_result):
    store = open_store(seeded_server.spec)
    assert_same(store.dataset(), seeds_result.dataset)
    names = {g for *_, g in store.quads()}
    assert names == {a for a in store.articles()} and len(names) == 5  # one named graph per article


def test_the_endpoint_answers_canned_queries_like_the_memory_graph(seeded_server, seeds_result):
    store = open_store(seeded_server.spec)
    memory = KnowledgeGraph(seeds_result.dataset)
    for name, params in [("articles", {}), ("who-said-what", {}), ("officials-by-government", {})]:
        got = run_query(store, name, params)
        assert len(got) > 0
        assert sorted(map(repr, got.rows())) == sorted(map(repr, memory.query(name, params).rows()))


def test_export_from_the_endpoint_is_the_memory_graph(seeded_server, seeds_result, tmp_path):
    out = tmp_path / "graph.trig"
    res = CliRunner().invoke(cli, ["export", "--store", seeded_server.spec, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert_same(KnowledgeGraph.load(out).dataset, seeds_result.dataset)


def test_an_oxigraph_folder_store_answers_queries_natively(tmp_path, nlp, seeds_result):
    with OxigraphStore(tmp_path / "db") as store:
        update_store(store, [SEEDS], nlp=nlp)
        assert_same(store.dataset(), seeds_result.dataset)
        memory = KnowledgeGraph(seeds_result.dataset)
        for name, params in [("speaker-statements", {"name": "Mujahid"}), ("articles-mentioning", {"name": "Bugti"}),
                             ("did-they-say", {"name": "Mujahid", "about": "claim"})]:
            got, want = run_query(store, name, params), memory.query(name, params)
            assert got.kind == want.kind
            if got.kind == "ASK":
                assert got.boolean is want.boolean is True
            else:
                assert len(got) > 0 and len(got) == len(want)


def test_the_build_command_fills_a_store_the_query_command_reads(tmp_path):
    spec = f"oxigraph:{tmp_path / 'db'}"
    res = CliRunner().invoke(cli, ["build", str(SEEDS), "--store", spec, "-q"])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(cli, ["query", "articles", "--store", spec, "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert sum(1 for line in res.output.splitlines() if ".txt" in line) == 5


@pytest.mark.parametrize("spec", ["postgres:x", "oxigraph:", "sparql:", "sparql:ftp://h/query",
                                  "sparql:http://h/a,http://h/b,http://h/c,http://h/d"])
def test_a_bad_store_spec_is_named(spec):
    with pytest.raises(StoreError, match="--store"):
        open_store(spec)


def test_a_query_url_without_a_known_shape_needs_its_other_urls():
    with pytest.raises(StoreError, match="STORE_URL"):
        open_store("sparql:http://127.0.0.1:9/endpoint")


def test_parameters_are_written_in_as_escaped_terms():
    from rdflib import Literal

    text = 'SELECT ?x WHERE { { ?x ?p ?o FILTER(CONTAINS(?o, ?name)) } }'
    out = with_values(text, {"name": Literal('a" } DROP ALL ; {')})
    assert 'DROP ALL' in out and '\\"' in out and "?name" not in out


@pytest.mark.parametrize("command", ["build", "query articles", "export", "stats", "viz"])
def test_a_bad_store_is_a_usage_error_of_every_command(command, tmp_path):
    res = CliRunner().invoke(cli, [*command.split(), "--store", "postgres:x"])
    assert res.exit_code == 2 and "--store" in res.output and "oxigraph:PATH" in res.output
