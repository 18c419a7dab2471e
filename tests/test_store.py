"""kg.store: building into a real Oxigraph server and an on-disk Oxigraph store gives the memory build's graph."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from click.testing import CliRunner
import rdflib
from rdflib import Dataset, Literal

from kg import graphio
from kg.api import KnowledgeGraph
from kg.cli import cli
from kg.incremental import update_store
from kg.query import Query, canned_queries, run
from kg.store import (OxigraphStore, SparqlStore, StoreError, canonical, open_store, plain, run_query, same_triples)
from kg.vocab import NKG

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
    with OxigraphStore(tmp_path / "db", create=True) as store:
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

    from kg.query import DEFAULT_PREFIXES
    from kg.sparqltext import substituted

    text = 'SELECT ?x WHERE { { ?x ?p ?o FILTER(CONTAINS(?o, ?name)) } }'
    out = substituted(text, {"name": Literal('a" } DROP ALL ; {')}, DEFAULT_PREFIXES)
    assert 'DROP ALL' in out and '\\"' in out and "?name" not in out


@pytest.mark.parametrize("command", ["build", "query articles", "export", "stats", "viz"])
def test_a_bad_store_is_a_usage_error_of_every_command(command, tmp_path):
    res = CliRunner().invoke(cli, [*command.split(), "--store", "postgres:x"])
    assert res.exit_code == 2 and "--store" in res.output and "oxigraph:PATH" in res.output


# ------------------------------------------------------------------ queries run by the store's own engine

CONCAT = re.compile(r'GROUP_CONCAT\s*\(\s*(?:DISTINCT\s+)?\?\w+\s*;\s*separator\s*=\s*"([^"]*)"\s*\)\s*AS\s+\?(\w+)',
                    re.IGNORECASE)


def answer(result, query) -> object:
    """A result as a comparable value: rows as a multiset of plain values, a graph as triples, or a boolean.

    GROUP_CONCAT joins its values in an order each engine picks, so those cells compare as sorted parts.
    """
    if result.kind == "ASK":
        return result.boolean
    if result.kind != "SELECT":
        return same_triples(result.graph)
    joined = {name: sep for sep, name in CONCAT.findall(query.text)}
    rows = []
    for row in result.rows():
        rows.append(tuple((v, tuple(sorted(x.split(joined[v]))) if v in joined and x else x) for v, x in row.items()))
    return Counter(rows)


@pytest.mark.parametrize("name", sorted(canned_queries()))
def test_every_canned_query_on_a_store_answers_like_the_memory_graph(seeds_store, seeds_result, name,
                                                                    no_whole_reads):
    query = canned_queries()[name]
    params = {p.name: p.example for p in query.params}
    got, want = run_query(seeds_store, query, params), run(seeds_result.dataset, query, params)
    assert got.kind == want.kind
    assert answer(got, query) == answer(want, query)
    if got.kind == "SELECT":
        assert got.vars == want.vars


def table_rows(text: str) -> tuple[list[str], list[str]]:
    """A printed table's header lines and its rows, sorted: rows that tie in ORDER BY may come in any order."""
    lines = text.splitlines()
    return lines[:2], sorted(lines[2:])


@pytest.mark.parametrize("name", [n for n, q in canned_queries().items() if q.kind == "SELECT"
                                  and not CONCAT.search(q.text)])
def test_the_query_command_prints_the_table_of_the_graph_file(seeds_spec, seeds_result, name, tmp_path):
    graph = tmp_path / "seeds.trig"
    graphio.save(seeds_result.dataset, graph)
    params = [f"--param={p.name}={p.example}" for p in canned_queries()[name].params]
    from_store = CliRunner().invoke(cli, ["query", name, "--store", seeds_spec, *params])
    from_file = CliRunner().invoke(cli, ["query", name, "--graph", str(graph), *params])
    assert from_store.exit_code == from_file.exit_code == 0, from_store.output + from_file.output
    assert table_rows(from_store.output) == table_rows(from_file.output)


@pytest.mark.parametrize("text, params", [
    # a projected parameter: a term cannot stand in the SELECT clause
    ("SELECT DISTINCT ?node ?label WHERE { ?node rdfs:label ?label }",
     {"node": "<https://w3id.org/newskg/id/government/pk>"}),
    # a parameter where only a variable may stand
    ("SELECT DISTINCT ?n WHERE { ?x nkg:approximate ?a . BIND(STR(?x) AS ?name) BIND(?name AS ?n) }",
     {"name": "Bugti"}),
    # a parameter in a CONSTRUCT template
    ("CONSTRUCT { ?node rdfs:label ?label } WHERE { ?node rdfs:label ?label }",
     {"node": "<https://w3id.org/newskg/id/government/pk>"}),
])
def test_a_parameter_that_cannot_be_written_in_is_bound_by_rdflib(seeds_store, seeds_result, text, params):
    """(DISTINCT, since the union of the named graphs is a bag in Oxigraph: see run_query.)"""
    query = Query.from_text(text)
    got, want = run_query(seeds_store, query, params), run(seeds_result.dataset, query, params)
    assert len(want) > 0
    assert answer(got, query) == answer(want, query)


def test_a_parameter_is_written_into_the_query_the_endpoint_gets(seeds_endpoint, monkeypatch):
    store = SparqlStore(f"{seeds_endpoint.base}/query")
    sent = []
    real = SparqlStore.sparql
    monkeypatch.setattr(SparqlStore, "sparql", lambda self, text, kind: sent.append(text) or real(self, text, kind))
    got = run_query(store, "speaker-statements", {"name": "Mujahid"})
    assert len(got) > 0 and len(sent) == 1
    assert '"Mujahid"' in sent[0] and "?name" not in sent[0].split("WHERE", 1)[1]


@pytest.mark.parametrize("predicate, term, expected", [
    (NKG.value, Literal("15", datatype=rdflib.XSD.decimal), Literal("15.0", datatype=rdflib.XSD.decimal)),
    (NKG.value, Literal("1.5", datatype=rdflib.XSD.decimal), Literal("1.5", datatype=rdflib.XSD.decimal)),
    (NKG.beginIndex, Literal("7", datatype=rdflib.XSD.integer), Literal("7", datatype=rdflib.XSD.nonNegativeInteger)),
    (NKG.text, Literal("7", datatype=rdflib.XSD.integer), Literal("7", datatype=rdflib.XSD.integer)),
    (NKG.text, Literal("said", datatype=rdflib.XSD.string), Literal("said")),
])
def test_a_stored_term_comes_back_as_newskg_wrote_it(predicate, term, expected):
    got = plain(predicate, term)
    assert got == expected and got.datatype == expected.datatype


# ------------------------------------------------------------------ the default graph is the union, as a set

def default_graph(store) -> set:
    rows = store.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    return {(r["s"], r["p"], canonical(plain(r["p"], r["o"]))) for r in rows}


def union_of_named(store) -> set:
    return {(s, p, canonical(o)) for s, p, o, _ in store.quads()}


def test_the_default_graph_is_the_set_union_of_the_article_graphs(seeds_store):
    union = union_of_named(seeds_store)
    assert default_graph(seeds_store) == union
    assert len(list(seeds_store.quads())) > len(union)  # entities are repeated across article graphs


LABELS = "SELECT ?label WHERE { ?g a nkg:Government ; rdfs:label ?label }"


def test_an_ad_hoc_query_matches_a_shared_triple_once_as_in_the_graph_file(seeds_store, seeds_result):
    store_rows = Counter(str(r["label"]) for r in run_query(seeds_store, LABELS).rows())
    memory_rows = Counter(str(r["label"]) for r in run(seeds_result.dataset, LABELS).rows())
    assert store_rows == memory_rows and max(store_rows.values()) == 1


@pytest.fixture(params=["oxigraph", "sparql"])
def empty_store(request, tmp_path):
    if request.param == "oxigraph":
        with OxigraphStore(tmp_path / "db", create=True) as store:
            yield store
    else:
        srv = OxigraphServer(tmp_path / "server").start()
        try:
            yield SparqlStore(f"{srv.base}/query")
        finally:
            srv.stop()


def test_replacing_a_graph_drops_only_the_triples_no_other_graph_holds(empty_store):
    from rdflib import Graph, URIRef

    a, b, shared = URIRef("urn:x:a"), URIRef("urn:x:b"), (URIRef("urn:x:s"), URIRef("urn:x:p"), Literal("both"))
    own_a, own_b = (URIRef("urn:x:s"), URIRef("urn:x:p"), Literal("a")), (URIRef("urn:x:s"), URIRef("urn:x:p"),
                                                                          Literal("b"))

    def graph(*triples):
        g = Graph()
        for t in triples:
            g.add(t)
        return g

    empty_store.replace_graph(a, graph(shared, own_a))
    empty_store.replace_graph(b, graph(shared, own_b))
    assert default_graph(empty_store) == {shared, own_a, own_b}
    empty_store.replace_graph(a, graph(own_a))  # b still holds the shared triple
    assert default_graph(empty_store) == {shared, own_a, own_b}
    empty_store.replace_graph(b, graph(own_b))
    assert default_graph(empty_store) == {own_a, own_b} == union_of_named(empty_store)


def test_a_store_written_without_the_union_gets_it_when_opened_or_built(tmp_path, nlp, seeds_result):

    with OxigraphStore(tmp_path / "db", create=True) as store:
        update_store(store, [SEEDS], nlp=nlp)
        store.update("CLEAR DEFAULT")  # as an older newskg left it
        assert not default_graph(store)
    with OxigraphStore(tmp_path / "db") as again:
        assert default_graph(again) == union_of_named(again)
    srv = OxigraphServer(tmp_path / "server").start()
    try:
        endpoint = SparqlStore(f"{srv.base}/query")
        update_store(endpoint, [SEEDS], nlp=nlp)
        endpoint.update("CLEAR DEFAULT")
        result = update_store(endpoint, [SEEDS], nlp=nlp)
        assert not result.added and not result.replaced
        assert default_graph(endpoint) == union_of_named(endpoint)
    finally:
        srv.stop()


def test_graphs_added_in_one_batch_equal_graphs_written_one_by_one(tmp_path, seeds_result):
    from kg.export import named_graphs

    graphs = [(name, set(seeds_result.dataset.graph(name))) for name in named_graphs(seeds_result.dataset)]
    with OxigraphStore(tmp_path / "one", create=True) as one, OxigraphStore(tmp_path / "batch", create=True) as batch:
        for name, triples in graphs:
            one.replace_graph(name, triples)
        batch.add_graphs(graphs)
        assert set(batch.quads()) == set(one.quads())
        assert default_graph(batch) == default_graph(one) == union_of_named(batch)


@pytest.mark.parametrize("text", ['a "quoted" word', "two\nlines", "back\\slash", "tab\tand\r return", "Zoë’s"])
def test_a_literal_of_any_text_survives_the_bulk_load(tmp_path, text):
    from rdflib import URIRef

    triple = (URIRef("urn:x:s"), URIRef("urn:x:p"), Literal(text))
    with OxigraphStore(tmp_path / "db", create=True) as store:
        store.add_graphs([(URIRef("urn:x:g"), {triple})])
        assert set(store.quads()) == {(*triple, URIRef("urn:x:g"))}
        assert default_graph(store) == {triple}


def test_a_blank_node_is_refused_by_the_bulk_load_too(tmp_path):
    from rdflib import BNode, URIRef

    with OxigraphStore(tmp_path / "db", create=True) as store:
        with pytest.raises(StoreError, match="blank node"):
            store.add_graphs([(URIRef("urn:x:g"), {(BNode(), URIRef("urn:x:p"), Literal("x"))})])
        assert not list(store.quads())


@pytest.mark.parametrize("iri", ["urn:x:a\x01b", "urn:x:tab\there", "urn:x:del\x7f", "urn:x:new\nline"])
@pytest.mark.parametrize("place", ["subject", "object", "graph"])
def test_an_iri_with_a_control_character_is_refused_by_the_bulk_load(tmp_path, iri, place):
    """The loader is told not to check IRIs again (lenient, a tenth of its time): the text it gets must not
    hold one it would have refused."""
    from rdflib import URIRef

    good, bad = URIRef("urn:x:s"), URIRef(iri)
    triple = (bad if place == "subject" else good, URIRef("urn:x:p"), bad if place == "object" else good)
    with OxigraphStore(tmp_path / "db", create=True) as store:
        with pytest.raises(StoreError, match="control character"):
            store.add_graphs([(URIRef("urn:x:g"), {(good, URIRef("urn:x:p"), Literal("kept?"))}),
                              (bad if place == "graph" else URIRef("urn:x:h"), {triple})])
        assert not list(store.quads())


def test_a_load_stopped_before_its_seal_is_replaced_whole_by_the_next_build(tmp_path, nlp, seeds_result):
    """The bulk loader is no transaction: a build stopped during a load leaves article graphs without the
    content hash that seals them. They are not stored articles for the next build, which replaces them whole."""
    from kg.export import named_graphs

    name = sorted(named_graphs(seeds_result.dataset))[0]
    graph = set(seeds_result.dataset.graph(name))
    half = {t for t in graph if t[1] != NKG.contentHash}
    half = set(sorted(half)[: len(half) // 2])  # what a load stopped halfway left, of a graph made then
    half.add((name, NKG.evidence, Literal("a sentence resolved otherwise by the stopped build")))
    with OxigraphStore(tmp_path / "db", create=True) as store:
        store.replace_graph(name, half)
        assert name not in store.article_index()
        result = update_store(store, [SEEDS], nlp=nlp)
        assert name in result.added
        assert_same(store.dataset(), seeds_result.dataset)
        assert default_graph(store) == union_of_named(store)


def test_a_batch_is_sealed_only_once_its_graphs_are_in(tmp_path, seeds_result):
    from kg.export import named_graphs

    graphs = [(name, set(seeds_result.dataset.graph(name))) for name in named_graphs(seeds_result.dataset)]
    class StoppedBeforeTheSeal:
        """Oxigraph itself, but the build stops as the batch's seal is written."""

        def __init__(self, inner):
            self.inner = inner

        def __getattr__(self, name):
            return getattr(self.inner, name)

        def extend(self, quads):
            raise OSError("stopped")

    with OxigraphStore(tmp_path / "db", create=True) as store:
        store.ox = StoppedBeforeTheSeal(store.ox)
        with pytest.raises(OSError):
            store.add_graphs(graphs)
        store.ox = store.ox.inner
        assert not store.article_index() and store.graph_names()
