"""kg.engine: a graph file or dataset in an in-memory Oxigraph store answers every canned query as rdflib does,
and as an Oxigraph folder and a SPARQL endpoint do: the same rows, in the same order where the query orders."""
from __future__ import annotations

import re

import pytest
from rdflib import Literal

from kg.api import KnowledgeGraph
from kg.engine import MemoryStore
from kg.errors import GraphError
from kg.export import export
from kg.query import canned_queries, run
from kg.store import OxigraphStore, SparqlStore, run_query

QUERIES = canned_queries()
# GROUP_CONCAT joins values in the order the engine met them, which SPARQL leaves open
CONCAT = re.compile(r'GROUP_CONCAT\(.*?separator\s*=\s*"([^"]*)"\)\s+AS\s+\?(\w+)', re.IGNORECASE | re.DOTALL)


def example(query) -> dict:
    return {p.name: p.example for p in query.params}


def answer(result, query) -> object:
    """What an engine answered, comparable across engines: rows in order, a boolean, or a set of triples."""
    if result.kind == "ASK":
        return result.boolean
    if result.kind != "SELECT":
        return {(s, p, o.toPython() if isinstance(o, Literal) else o) for s, p, o in result.graph}
    concat = {column: separator for separator, column in CONCAT.findall(query.text)}
    rows = result.rows()
    for row in rows:
        for column, separator in concat.items():
            if row.get(column) is not None:
                row[column] = sorted(row[column].split(separator))
    return rows if "ORDER BY" in query.text else sorted(rows, key=repr)


@pytest.fixture(scope="module")
def files(seeds_result, tmp_path_factory):
    folder = tmp_path_factory.mktemp("engine")
    out = {}
    for fmt in ("trig", "nq", "ttl", "nt", "jsonld", "xml"):
        out[fmt] = folder / f"graph.{fmt}"
        out[fmt].write_bytes(export(seeds_result.dataset, fmt))
    return out


@pytest.fixture(scope="module")
def reference(seeds_result):
    """rdflib's engine over the memory build: the answers every other engine must give."""
    return {name: answer(run(seeds_result.dataset, q, example(q)), q) for name, q in QUERIES.items()}


@pytest.mark.parametrize("source", ["dataset", "trig", "nq", "ttl", "jsonld", "xml"])
def test_the_memory_engine_answers_every_canned_query_as_rdflib(source, seeds_result, files, reference):
    store = MemoryStore.from_dataset(seeds_result.dataset) if source == "dataset" else MemoryStore.from_file(files[source])
    for name, q in QUERIES.items():
        assert answer(run_query(store, q, example(q)), q) == reference[name], name


@pytest.mark.parametrize("kind", ["oxigraph", "sparql"])
def test_stores_answer_every_canned_query_as_rdflib(kind, seeds_oxigraph, seeds_endpoint, reference):
    store = OxigraphStore(seeds_oxigraph) if kind == "oxigraph" else SparqlStore(f"{seeds_endpoint.base}/query")
    with store:
        for name, q in QUERIES.items():
            assert answer(run_query(store, q, example(q)), q) == reference[name], name


def test_the_union_is_a_set_each_triple_once(seeds_result):
    store = MemoryStore.from_dataset(seeds_result.dataset)
    [row] = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    distinct = {(s, p, o) for s, p, o, _ in seeds_result.dataset.quads((None, None, None, None))}
    assert int(row["n"]) == len(distinct)
    [row] = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(row["n"]) == len(list(seeds_result.dataset.quads((None, None, None, None))))


def test_knowledge_graph_queries_a_loaded_file_in_oxigraph_and_sees_later_changes(files):
    from kg.vocab import NKG

    graph = KnowledgeGraph.load(files["trig"])
    before = graph.rows("articles")
    assert graph._dataset is None  # the query did not need rdflib to read the file
    assert graph.rows("articles", engine="rdflib") == before
    article = next(graph.dataset.subjects(None, NKG.Article))
    graph.dataset.graph(article).add((article, NKG.outlet, Literal("Changed Outlet")))
    assert "Changed Outlet" in {r["outlet"] for r in graph.rows("articles")}


@pytest.mark.parametrize("content, fmt", [("<a> <b> .", "nt"), ("@prefix : <x> . :a :b", "ttl"), ("{", "jsonld")])
def test_a_broken_file_is_one_line_naming_it(tmp_path, content, fmt):
    path = tmp_path / f"bad.{fmt}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GraphError, match=rf"bad\.{fmt}: not a readable") as err:
        MemoryStore.from_file(path)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("name", sorted(n for n, q in QUERIES.items() if q.kind == "SELECT" and not CONCAT.search(q.text)))
def test_csv_written_from_oxigraphs_own_terms_is_rdflibs_csv(name, seeds_result):
    import io

    q = QUERIES[name]
    by_rdflib, by_oxigraph = io.StringIO(), io.StringIO()
    run(seeds_result.dataset, q, example(q)).write(by_rdflib, "csv")
    run_query(MemoryStore.from_dataset(seeds_result.dataset), q, example(q)).write(by_oxigraph, "csv")
    assert by_oxigraph.getvalue() == by_rdflib.getvalue()
    if name == "figures-for-measure":
        assert "1730000.0" in by_oxigraph.getvalue()  # a whole decimal keeps the ".0" newskg wrote


PAGED = sorted(name for name, q in QUERIES.items() if q.paged(q.text, 1) is not None)


def test_the_long_listings_are_paged_in_the_engine():
    assert {"who-said-what", "unnamed-sources", "rejections", "policy-timeline"} <= set(PAGED)


@pytest.mark.parametrize("name", PAGED)
def test_a_page_the_engine_sorts_is_the_slice_of_the_whole_listing(name, seeds_result):
    store = MemoryStore.from_dataset(seeds_result.dataset)
    q = QUERIES[name]
    every = run_query(store, q, example(q)).rows()
    assert every, name
    for limit, offset in ((3, 0), (5, 2), (4, max(len(every) - 2, 1)), (3, len(every) + 1)):
        page = run_query(store, q, example(q), page=(limit, offset)).project(None, limit, offset)
        assert page.rows() == every[offset:offset + limit], (name, limit, offset)
        assert page.total() == len(every)


def test_a_graph_the_engine_makes_is_written_by_its_own_writers_as_the_graph_rdflib_makes(seeds_result):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    q = QUERIES["entity-subgraph"]
    by_rdflib = run(seeds_result.dataset, q, example(q)).graph
    by_oxigraph = run_query(MemoryStore.from_dataset(seeds_result.dataset), q, example(q))
    assert len(by_rdflib) > 20
    for fmt, name in (("ttl", "turtle"), ("nt", "nt"), ("xml", "xml")):
        assert isomorphic(Graph().parse(data=by_oxigraph.text(fmt), format=name), by_rdflib), fmt


FIRST_QUERY = """PREFIX ex: <http://example.org/x#>
SELECT ?s ?n WHERE {
  # a comment with a { brace, and an IRI with a # in it: <http://example.org/x#b>
  {
    SELECT ?s WHERE { ?s ex:p ?text . FILTER(CONTAINS(?text, "} {")) }
    # first: kg query answers this subquery on its own and joins its rows
  }
  ?s ex:n ?n .
}
ORDER BY ?n"""
FIRST_DATA = """@prefix ex: <http://example.org/x#> .
ex:a ex:p "one } { two" ; ex:n "A" .
ex:b ex:p "three" ; ex:n "B" .
ex:c ex:p "} {" ; ex:n "C" ."""


def test_a_subquery_marked_first_is_answered_on_its_own_and_its_rows_joined_as_values():
    from rdflib import Dataset, Graph

    from kg.query import Query
    from kg.sparqltext import group_around

    start, end = group_around(FIRST_QUERY, FIRST_QUERY.index("# first:"))
    assert FIRST_QUERY[start:end].startswith("{\n    SELECT ?s") and FIRST_QUERY[start:end].endswith("}")
    ds = Dataset()
    ds.graph("http://example.org/g").parse(data=FIRST_DATA, format="turtle")
    store = MemoryStore.from_dataset(ds)
    asked = []
    ask = store.sparql
    store.sparql = lambda text, kind: asked.append(text) or ask(text, kind)
    q = Query.from_text(FIRST_QUERY)
    rows = run_query(store, q).rows()
    assert [r["n"] for r in rows] == ["A", "C"]
    assert "VALUES (?s)" in asked[0] and "ex:p" not in asked[0]  # the subquery went in as its rows
    assert rows == run(Graph().parse(data=FIRST_DATA, format="turtle"), q).rows()  # rdflib, as written


def test_every_canned_query_answers_the_same_with_its_first_subquery_as_values(seeds_result):
    from kg.query import FIRST_MARK

    marked = [name for name, q in QUERIES.items() if FIRST_MARK in q.text]
    assert "statements-about" in marked
    store = MemoryStore.from_dataset(seeds_result.dataset)
    for name in marked:
        q = QUERIES[name]
        as_written = q.__class__.from_text(q.text.replace(FIRST_MARK, ""))
        rows = run_query(store, q, example(q)).rows()
        assert rows and rows == run_query(store, as_written, example(q)).rows(), name
