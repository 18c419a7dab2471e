"""Parameters are data on every store: hostile values bind, match exactly themselves, and never rewrite a query."""
from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import RDF, RDFS, Literal, URIRef

from kg.graphio import new_dataset
from kg.query import Query, run
from kg.store import OxigraphStore, SparqlStore, run_query
from kg.vocab import ID, NKG

from ..oxigraph_server import OxigraphServer

# each value is also the label of one node, so a query that binds it must find that node and no other
HOSTILE = [
    "x\n} UNION { ?who rdfs:label ?label #",      # a newline that would end a comment, then query text
    "x\n} UNION { ?who rdfs:label ?label } #",
    "x # } UNION { ?who ?p ?o }",
    'quote " } ; DROP ALL ; {',
    "single ' quote",
    'triple """ quotes',
    "triple ''' quotes",
    "closing } brace",
    "back\\slash",
    "escape \\u0022 written out",
    "escape \\U0001F600 written out",
    "line\r\nends\tand tabs",
    "ends with a backslash \\",
    '"',
    "ünïcödé ☂ 😀",
]
PLAIN = "Plain Name"

# a user's query file: the parameter next to a comment, a comment holding it, a string holding it and '#'
QUERY = '''# Nodes by exact label
# ?name in the header comment is not a variable
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?who WHERE {
  ?who rdfs:label ?label .   # compare with ?name
  FILTER(?label = ?name)     # "a ?name in a comment"
  FILTER(?label != "a ?name # in a string" && ?label != 'and ?name } here')
}
'''

# the same question in a nested group, with the parameter again in a comment after it
NESTED = '''PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?who WHERE {
  {
    ?who rdfs:label ?label .
    FILTER(?label = ?name)  # ?name: the exact label
  }
}
'''


def dataset():
    ds = new_dataset()
    g = ds.graph(ID["article/hostile"])
    g.add((ID["article/hostile"], RDF.type, NKG.Article))
    for i, label in enumerate([PLAIN, *HOSTILE]):
        g.add((ID[f"agent/n{i}"], RDF.type, NKG.Person))
        g.add((ID[f"agent/n{i}"], RDFS.label, Literal(label)))
    return ds


def expected(value: str) -> list[URIRef]:
    return [ID[f"agent/n{[PLAIN, *HOSTILE].index(value)}"]]


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The same graph in memory, in an Oxigraph folder and behind a real endpoint."""
    ds = dataset()
    folder = tmp_path_factory.mktemp("hostile-params")
    server = OxigraphServer(folder / "server").start()
    endpoint = SparqlStore(f"{server.base}/query")
    oxigraph = OxigraphStore(folder / "db", create=True)
    for store in (oxigraph, endpoint):
        store.replace_graph(ID["article/hostile"], ds.graph(ID["article/hostile"]))
    try:
        yield {"memory": ds, "oxigraph": oxigraph, "sparql": endpoint}
    finally:
        oxigraph.close()
        server.stop()


def answer(stores, kind, query, params):
    result = run(stores[kind], query, params) if kind == "memory" else run_query(stores[kind], query, params)
    return sorted(row[0] for row in result.terms())


@pytest.mark.parametrize("text", [QUERY, NESTED], ids=["flat", "nested"])
@pytest.mark.parametrize("kind", ["memory", "oxigraph", "sparql"])
@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: repr(v)[:30])
def test_a_hostile_value_matches_exactly_itself_on_every_store(stores, kind, value, text):
    query = Query.from_text(text, name="nodes.rq")
    assert answer(stores, kind, query, {"name": Literal(value)}) == expected(value)


@pytest.mark.parametrize("kind", ["memory", "oxigraph", "sparql"])
def test_a_value_written_as_a_literal_is_read_whole(stores, kind):
    query = Query.from_text(QUERY, name="nodes.rq")
    assert answer(stores, kind, query, {"name": '"\\""'}) == expected('"')
    assert answer(stores, kind, query, {"name": '"""triple \\"\\"\\" quotes"""'}) == expected('triple """ quotes')


@pytest.mark.parametrize("kind", ["memory", "oxigraph", "sparql"])
def test_a_value_never_matches_what_it_does_not_say(stores, kind):
    query = Query.from_text(QUERY, name="nodes.rq")
    assert answer(stores, kind, query, {"name": PLAIN}) == expected(PLAIN)
    assert answer(stores, kind, query, {"name": "nobody\n} UNION { ?who ?p ?o } #"}) == []
    assert answer(stores, kind, Query.from_text(NESTED), {"name": "nobody\n} UNION { ?who ?p ?o #"}) == []


@pytest.mark.parametrize("kind", ["memory", "oxigraph", "sparql"])
def test_iri_parameters_are_checked_terms_on_every_store(stores, kind):
    query = Query.from_text("SELECT ?label WHERE { ?node rdfs:label ?label }  # ?node from --param")
    assert answer(stores, kind, query, {"node": f"<{ID['agent/n0']}>"}) == [Literal(PLAIN)]
    assert answer(stores, kind, query, {"node": "agent:n0"}) == []  # a plain string, not an IRI: no label


def test_the_cli_binds_a_newline_value_in_a_query_file_on_a_store(stores, tmp_path):
    rq = tmp_path / "nodes.rq"
    rq.write_text(NESTED, encoding="utf-8")
    value = HOSTILE[0]
    for spec in (f"oxigraph:{stores['oxigraph'].path}", stores["sparql"].spec):
        if spec.startswith("oxigraph:"):
            stores["oxigraph"].close()  # the folder is open in one process at a time
        r = subprocess.run([sys.executable, "-m", "kg", "query", str(rq), "-p", f"name={value}", "--store", spec,
                            "-f", "csv"], capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        assert r.stdout.splitlines() == ["who", str(expected(value)[0])], spec
    stores["oxigraph"].__init__(stores["oxigraph"].path)


@pytest.mark.parametrize("value, message", [
    ("<https://x y>", "not an IRI"),
    ('"2023-13-45"^^xsd:date', "'2023-13-45' is not a valid xsd:date"),
    ('"12a"^^xsd:integer', "'12a' is not a valid xsd:integer"),
    ('"Bugti" and more', "not one RDF literal"),
    ('"unclosed', "not one RDF literal"),
    ('"x"^^nosuch:type', "unknown prefix 'nosuch'"),
])
def test_a_bad_adhoc_parameter_is_one_line_naming_it(value, message, tmp_path):
    graph = tmp_path / "g.trig"
    dataset().serialize(graph, format="trig")
    r = subprocess.run([sys.executable, "-m", "kg", "query", "SELECT ?s WHERE { ?s ?p ?x }", "-p", f"x={value}",
                        "--graph", str(graph)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and r.stderr.startswith(f"Error: parameter x={value!r}: "), r.stderr
    assert message in r.stderr


def test_a_parameter_only_in_a_comment_or_string_is_not_a_variable():
    query = Query.from_text('SELECT ?s WHERE { ?s ?p "?name" } # ?name')
    with pytest.raises(Exception, match="parameter 'name' is not a variable of the query"):
        query.bindings({"name": "x"})
