"""kg.query on a hand-written graph: parameters as terms, the result formats, and the error messages."""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from rdflib import RDFS, XSD, Graph, Literal, URIRef
from rdflib.query import Result

from kg.errors import QueryError
from kg.query import Query, find_query, run
from kg.vocab import ID, NKG

from .kg_fixtures import BUGTI, MUJAHID, PAKISTAN, copy_dataset, small_dataset

SPEAKER = """# Everything one speaker said
# Statements by the speaker whose name or alias contains the words.
#
# param ?name: words of a name. Example: Mujahid
PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?speaker ?text WHERE {
  ?s nkg:speaker ?who ; nkg:text ?text . ?who rdfs:label ?speaker .
  FILTER(CONTAINS(LCASE(?speaker), LCASE(?name)))
}
"""
HOSTILE = [
    'x")) || CONTAINS(STR(?s), ("',  # pasted between the quotes, this would match every statement
    'x") || true || CONTAINS("',
    '" } UNION { ?s ?p ?o } #',
    "'; DROP ALL; SELECT * WHERE { ?s ?p ?o } #",
    "}}}}{{{{ \\\" \\u0022 ?who",
]


@pytest.fixture(scope="module")
def ds():
    return small_dataset()


# ---------------------------------------------------------------- the header

def test_the_header_gives_title_description_and_parameters():
    q = Query.from_text(SPEAKER, name="speaker")
    assert q.title == "Everything one speaker said"
    assert q.description == "Statements by the speaker whose name or alias contains the words."
    [p] = q.params
    assert (p.name, p.description, p.example, p.kind, p.optional) == ("name", "words of a name", "Mujahid",
                                                                       "string", False)


def test_a_parameter_line_may_declare_a_type_and_optional():
    q = Query.from_text("# T\n# D\n# param ?node (IRI, optional): a node. Example: id:agent/x\nASK {}")
    [p] = q.params
    assert (p.kind, p.optional, p.example) == ("iri", True, "id:agent/x")


def test_a_malformed_parameter_line_is_refused_with_the_line():
    with pytest.raises(QueryError, match="cannot read the parameter line"):
        Query.from_text("# T\n# param name without example\nASK {}")


@pytest.mark.parametrize("text, kind", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    ("ASK { ?s ?p ?o }", "ASK"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("DESCRIBE <https://w3id.org/newskg/id/government/pk>", "DESCRIBE"),
])
def test_the_kind_of_query_is_known_before_it_runs(text, kind):
    assert Query.from_text(text).kind == kind


# ---------------------------------------------------------------- parameters bound as terms

def test_a_parameter_filters_the_rows(ds):
    rows = run(ds, Query.from_text(SPEAKER), {"name": "mujahid"}).rows()
    assert rows == [{"speaker": "Zabihullah Mujahid", "text": "has rejected this claim"}]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_value_cannot_change_the_query(ds, value):
    """Pasted into the text, these values would close the string and match every statement or break the
    query; bound as a term they are only data, so they match nothing in this graph..."""
    assert run(ds, Query.from_text(SPEAKER), {"name": value}).rows() == []


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_value_is_matched_as_plain_data(ds, value):
    """...and a speaker whose label really contains the value is found, character for character."""
    g = copy_dataset(ds)
    g.graph(ID["article/a1"]).set((BUGTI, RDFS.label, Literal(f"Sarfraz {value} Bugti")))
    rows = run(g, Query.from_text(SPEAKER), {"name": value}).rows()
    assert [r["speaker"] for r in rows] == [f"Sarfraz {value} Bugti"]


def test_a_hostile_value_never_reaches_the_query_text(ds, monkeypatch):
    seen = []
    original = Query.prepared.func

    def spy(self):
        seen.append(self.text)
        return original(self)

    monkeypatch.setattr(Query, "prepared", property(spy))
    run(ds, Query.from_text(SPEAKER), {"name": HOSTILE[1]})
    assert seen and all(HOSTILE[1] not in text for text in seen)


@pytest.mark.parametrize("value", ["government:pk", "id:government/pk", "<https://w3id.org/newskg/id/government/pk>",
                                   "https://w3id.org/newskg/id/government/pk"])
def test_an_iri_parameter_takes_full_bracketed_and_short_forms(ds, value):
    q = Query.from_text("# T\n# param ?node (IRI): n. Example: id:x\n"
                        "SELECT ?label WHERE { ?node <http://www.w3.org/2000/01/rdf-schema#label> ?label }")
    assert run(ds, q, {"node": value}).rows() == [{"label": "Pakistan"}]


@pytest.mark.parametrize("value", ["not an iri", "id:agent/x> } ; DROP ALL", "<a b>", "plain"])
def test_an_iri_parameter_refuses_what_is_not_an_iri(ds, value):
    q = Query.from_text("# T\n# param ?node (IRI): n. Example: id:x\nASK { ?node ?p ?o }")
    with pytest.raises(QueryError, match="not an IRI"):
        run(ds, q, {"node": value})


def test_typed_parameters_bind_typed_literals(ds):
    q = Query.from_text("# T\n# param ?day (date): d. Example: 2023-11-01\n"
                        "# param ?n (decimal): n. Example: 1\n"
                        "SELECT ?f WHERE { ?f <https://w3id.org/newskg/ontology#value> ?v ; "
                        "<https://w3id.org/newskg/ontology#source>/<https://w3id.org/newskg/ontology#date> ?day "
                        "FILTER(?v > ?n) }")
    rows = run(ds, q, {"day": "2023-11-01", "n": "2000000"}).rows()
    assert len(rows) == 1 and rows[0]["f"].startswith(str(ID["figure/"]))
    with pytest.raises(QueryError, match="day='November 1'"):
        run(ds, q, {"day": "November 1", "n": "1"})


def test_an_adhoc_query_binds_strings_iris_and_typed_literals(ds):
    q = "SELECT ?x WHERE { ?x nkg:memberOf ?gov ; nkg:title ?t }"
    assert run(ds, q, {"gov": f"<{PAKISTAN}>"}).rows() == [{"x": str(BUGTI)}]
    q = "SELECT ?who WHERE { ?s nkg:speaker ?who ; nkg:date ?d }"
    day = '"2023-10-03"^^xsd:date'
    assert run(ds, q, {"d": day}).rows() == [{"who": str(BUGTI)}]
    assert run(ds, q, {"d": "2023-10-03"}).rows() == []  # a plain string is not a date


def test_a_missing_parameter_is_named_with_an_example(ds):
    with pytest.raises(QueryError, match=r"missing parameter 'name'.*--param name=Mujahid"):
        run(ds, Query.from_text(SPEAKER, name="speaker"), {})


def test_an_unknown_parameter_is_named_with_the_ones_the_query_takes(ds):
    with pytest.raises(QueryError, match=r"no parameter 'nmae'; it takes name"):
        run(ds, Query.from_text(SPEAKER), {"name": "x", "nmae": "y"})


def test_an_adhoc_parameter_must_be_a_variable_of_the_query(ds):
    with pytest.raises(QueryError, match=r"'who' is not a variable"):
        run(ds, "SELECT ?s WHERE { ?s ?p ?o }", {"who": "x"})


# ---------------------------------------------------------------- finding queries and parse errors

def test_find_query_takes_a_name_a_file_or_text(tmp_path):
    assert find_query("who-said-what").name == "who-said-what"
    f = tmp_path / "mine.rq"
    f.write_text(SPEAKER, encoding="utf-8")
    assert find_query(str(f)).title == "Everything one speaker said"
    assert find_query("ASK { ?s ?p ?o }").kind == "ASK"


def test_an_unknown_name_suggests_the_closest_canned_query():
    with pytest.raises(QueryError, match=r"no canned query named 'who-said-wat'; did you mean 'who-said-what'"):
        find_query("who-said-wat")


def test_a_missing_query_file_is_named(tmp_path):
    with pytest.raises(QueryError, match="nope.rq: no such query file"):
        find_query(str(tmp_path / "nope.rq"))


def test_a_syntax_error_gives_the_line_and_column(ds):
    text = "SELECT ?s\nWHERE {\n  ?s ?p ?o\n  FILTER(\n}"
    with pytest.raises(QueryError) as err:
        run(ds, text)
    msg = str(err.value)
    assert "syntax error at line " in msg and ", column " in msg
    line = int(msg.split("line ")[1].split(",")[0])
    assert 2 <= line <= 5


def test_an_undeclared_prefix_is_reported(ds):
    with pytest.raises(QueryError, match="foo"):
        run(ds, "SELECT ?s WHERE { ?s foo:bar ?o }")


# ---------------------------------------------------------------- result kinds and formats

def test_rows_are_dicts_of_python_values(ds):
    rows = run(ds, "SELECT ?v ?a ?d ?f WHERE { ?f nkg:value ?v ; nkg:approximate ?a ; nkg:source/nkg:date ?d ; "
                   "nkg:measure 'undocumented Afghan immigrants' }").rows()
    [row] = rows
    assert row["v"] == Decimal("1730000") and row["a"] is False and row["d"] == date(2023, 10, 4)
    assert isinstance(row["f"], str)


def test_unbound_values_are_none_in_rows(ds):
    rows = run(ds, "SELECT ?f ?r WHERE { ?f a nkg:Figure OPTIONAL { ?f nkg:reportedBy ?r } }").rows()
    assert sorted(r["r"] is None for r in rows) == [False, False, True]


def test_ask_answers_true_or_false(ds):
    assert run(ds, "ASK { ?s nkg:speaker ?who }").boolean is True
    assert run(ds, "ASK { ?s nkg:speaker ?s }").boolean is False
    assert run(ds, "ASK { ?s nkg:speaker ?who }").text() == "true\n"
    assert json.loads(run(ds, "ASK { ?s nkg:speaker ?s }").text("json")) == {"head": {}, "boolean": False}


def test_construct_returns_a_graph_in_turtle_by_default(ds):
    res = run(ds, "CONSTRUCT { ?o nkg:memberOf ?g } WHERE { ?o nkg:memberOf ?g }")
    g = Graph().parse(data=res.text(), format="turtle")
    assert set(g.subjects(NKG.memberOf, PAKISTAN)) == {BUGTI, ID["agent/a2-senior-government-official"]}
    assert (MUJAHID, NKG.memberOf, ID["government/af"]) in Graph().parse(data=res.text("nt"), format="nt")
    assert len(Graph().parse(data=res.text("jsonld"), format="json-ld")) == 3


def test_a_format_that_does_not_fit_the_kind_is_refused(ds):
    with pytest.raises(QueryError, match="--format csv does not apply to a CONSTRUCT query"):
        run(ds, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").text("csv")
    with pytest.raises(QueryError, match="--format ttl does not apply to a SELECT query"):
        run(ds, "SELECT * WHERE { ?s ?p ?o }").text("ttl")


STATEMENTS = "SELECT ?s ?text ?direct ?date ?none WHERE { ?s nkg:text ?text ; nkg:direct ?direct ; nkg:date ?date }"


def _expected(ds):
    return {(str(s), str(t), bool(d.toPython())) for s, t, d in
            ((s, ds.value(s, NKG.text), ds.value(s, NKG.direct)) for s in ds.subjects(NKG.speaker, None))}


def test_json_is_w3c_sparql_results(ds):
    text = run(ds, STATEMENTS).text("json")
    doc = json.loads(text)
    assert doc["head"]["vars"] == ["s", "text", "direct", "date", "none"]
    parsed = Result.parse(io.StringIO(text), format="json")
    assert {(str(r.s), str(r.text), r.direct.toPython()) for r in parsed} == _expected(ds)
    assert {r.date.datatype for r in parsed} == {XSD.date}
    assert all("none" not in b for b in doc["results"]["bindings"])  # unbound variables are left out


def test_tsv_is_w3c_sparql_results(ds):
    text = run(ds, STATEMENTS).text("tsv")
    assert text.splitlines()[0] == "?s\t?text\t?direct\t?date\t?none"
    parsed = Result.parse(io.StringIO(text), format="tsv")
    assert {(str(r.s), str(r.text), r.direct.toPython()) for r in parsed} == _expected(ds)
    assert all(isinstance(r.s, URIRef) for r in parsed)


def test_tsv_escapes_tabs_newlines_and_quotes(ds):
    g = copy_dataset(ds)
    g.graph(ID["article/a1"]).add((BUGTI, NKG.title, Literal('a\tb\n"c"\\')))
    text = run(g, "SELECT ?t WHERE { ?x nkg:title ?t FILTER(STRSTARTS(?t, 'a')) }").text("tsv")
    assert len(text.splitlines()) == 2
    [row] = Result.parse(io.StringIO(text), format="tsv")
    assert str(row.t) == 'a\tb\n"c"\\'


def test_csv_is_w3c_sparql_results(ds):
    text = run(ds, STATEMENTS).text("csv")
    assert text.endswith("\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == ["s", "text", "direct", "date", "none"]
    assert {(r["s"], r["text"], r["direct"] == "true") for r in rows} == _expected(ds)
    assert all(r["none"] == "" for r in rows)


def test_jsonl_is_one_json_object_of_plain_values_per_row(ds):
    lines = run(ds, "SELECT ?v ?a ?d WHERE { ?f nkg:value ?v ; nkg:approximate ?a ; nkg:source/nkg:date ?d }"
                ).text("jsonl").splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) == 3
    assert {(r["v"], r["a"], r["d"]) for r in rows} == {(1730000, False, "2023-10-04"), (4000000, True, "2023-11-01"),
                                                         (1700000, False, "2023-11-01")}


@pytest.mark.parametrize("text, words", [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * FROM <http://example.org/graph.ttl> WHERE { ?s ?p ?o }", "FROM"),
    ("SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM"),
])
def test_queries_never_reach_out_to_the_network(ds, text, words):
    with pytest.raises(QueryError, match=f"{words}.* not supported"):
        run(ds, text)


def test_an_update_is_not_a_query(ds):
    with pytest.raises(QueryError, match="syntax error"):
        run(ds, "DROP ALL")
    assert len(ds) > 0


def test_a_query_file_with_spaces_in_its_path_is_read_as_a_file(tmp_path):
    f = tmp_path / "my questions" / "who is it.rq"
    f.parent.mkdir()
    f.write_text(SPEAKER, encoding="utf-8")
    assert find_query(str(f)).params[0].name == "name"


def test_an_unreadable_query_file_is_named(tmp_path):
    f = tmp_path / "binary.rq"
    f.write_bytes(b"\xff\xfe\x00SELECT")
    with pytest.raises(QueryError, match="binary.rq: cannot read the query file"):
        find_query(str(f))


def test_a_page_is_written_at_the_mark_of_a_listing_once():
    from kg.query import PAGE_MARK

    text = ("SELECT ?s ?o WHERE {\n  { SELECT ?s WHERE { ?s ?p ?o }\n    ORDER BY ?s\n    " + PAGE_MARK
            + "\n  }\n  ?s ?q ?o .\n}\nORDER BY ?s ?o\n")
    q = Query.from_text(text)
    assert q.paged(q.text, 10, 20) == text.replace(PAGE_MARK, "LIMIT 10 OFFSET 20")
    assert q.paged(q.text, None, 5) == text.replace(PAGE_MARK, "OFFSET 5")
    assert q.paged(q.text, None, 0) == q.whole(q.text)  # every row: no page at all
    assert Query.from_text(text.replace(PAGE_MARK, "")).paged(text, 10, 0) is None  # no mark of its own
    twice = Query.from_text(text.replace("?q ?o .", "?q ?o .\n" + PAGE_MARK))
    assert twice.paged(twice.text, 10, 0) is None
    ask = Query.from_text("ASK { ?s ?p ?o\n" + PAGE_MARK + "\n}")
    assert ask.paged(ask.text, 10, 0) is None


def test_the_whole_listing_leaves_out_the_sort_only_a_page_needs():
    """Without a page the marked subquery's ORDER BY means nothing, and costs a sort: it is left out, and the
    rows are the same, in the listing's own order. A subquery with a LIMIT or OFFSET of its own keeps it."""
    from rdflib import Dataset

    from kg.engine import MemoryStore
    from kg.query import PAGE_MARK
    from kg.store import run_query

    text = ("SELECT ?s ?o WHERE {\n  { SELECT DISTINCT ?s WHERE { ?s <urn:p> ?o }\n    ORDER BY ?s\n    "
            + PAGE_MARK + "\n  }\n  ?s <urn:p> ?o .\n}\nORDER BY ?s ?o\n")
    q = Query.from_text(text)
    assert q.whole(q.text) == text.replace("    ORDER BY ?s\n", "")
    for kept in ("    ORDER BY ?s LIMIT 3\n", "    ORDER BY ?s offset 1\n"):
        own = Query.from_text(text.replace("    ORDER BY ?s\n", kept))
        assert own.whole(own.text) == own.text
    assert Query.from_text(text.replace(PAGE_MARK, "")).whole(text) == text  # no mark of its own
    ds = Dataset(default_union=True)
    for n in range(5):
        ds.graph(URIRef("urn:g")).add((URIRef(f"urn:s{n % 3}"), URIRef("urn:p"), Literal(n)))
    store = MemoryStore.from_dataset(ds)
    whole = run_query(store, q).rows()
    assert whole == run(ds, q).rows() and len(whole) == 5  # rdflib's engine runs the text as it is
    assert [(r["s"], r["o"]) for r in whole] == sorted((r["s"], r["o"]) for r in whole)
    # a page is still sorted: the rows of the first subject, then the next
    assert whole == [r for start in range(3) for r in run_query(store, q, page=(1, start)).rows()]
