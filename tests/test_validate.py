"""kg.validate: SHACL against ontology/shapes.ttl, violations reported by node, property and message."""
from __future__ import annotations

import pytest
from rdflib import RDF, XSD, Literal

from kg.errors import GraphError
from kg.query import DEFAULT_PREFIXES, short_iri
from kg.validate import validate
from kg.vocab import ID, NKG

from .kg_fixtures import BUGTI, MUJAHID, PAKISTAN, copy_dataset, small_dataset

A1 = ID["article/a1"]


def statement_of(ds, speaker):
    return next(ds.subjects(NKG.speaker, speaker))


def figure_of(ds):
    return next(s for s in ds.subjects(RDF.type, NKG.Figure) if (s, NKG.reportedBy, None) in ds)


def drop(ds, s, p):
    for g in ds.graphs():
        g.remove((s, p, None))


def no_speaker(ds):
    s = statement_of(ds, BUGTI)
    drop(ds, s, NKG.speaker)
    return s, "nkg:speaker", "Less than 1"


def direct_as_text(ds):
    s = statement_of(ds, BUGTI)
    drop(ds, s, NKG.direct)
    ds.graph(A1).add((s, NKG.direct, Literal("yes")))
    return s, "nkg:direct", "xsd:boolean"


def two_values(ds):
    f = figure_of(ds)
    ds.graph(A1).add((f, NKG.value, Literal("5", datatype=XSD.decimal)))
    return f, "nkg:value", "More than 1"


def member_of_an_article(ds):
    ds.graph(A1).add((BUGTI, NKG.memberOf, A1))
    return BUGTI, "nkg:memberOf", "nkg:Government"


def span_without_text(ds):
    m = next(ds.objects(PAKISTAN, NKG.mention))
    drop(ds, m, NKG.anchorOf)
    return m, "nkg:anchorOf", "Less than 1"


@pytest.fixture(scope="module")
def small():
    return small_dataset()


def test_a_graph_that_follows_the_contract_conforms(small):
    report = validate(small)
    assert report.conforms and report.violations == []
    assert report.text().strip() == "graph conforms to the shapes"


AGENT_SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix nkg: <https://w3id.org/newskg/ontology#> .
<urn:shape> a sh:NodeShape ; sh:targetClass nkg:Statement ;
    sh:property [ sh:path nkg:speaker ; sh:class nkg:Agent ] .
"""


def test_shapes_may_name_superclasses_the_graph_leaves_implicit(small, tmp_path):
    """Nodes carry only their most specific class; the ontology's subclass axioms make an Official an Agent."""
    shapes = tmp_path / "agents.ttl"
    shapes.write_text(AGENT_SHAPES, encoding="utf-8")
    assert validate(small, shapes=shapes).conforms
    report = validate(small, shapes=shapes, ontology=None)
    assert not report.conforms and {v.path for v in report.violations} == {"nkg:speaker"}


@pytest.mark.parametrize("breakage", [no_speaker, direct_as_text, two_values, member_of_an_article,
                                      span_without_text])
def test_each_breakage_is_reported_on_its_node_and_property(small, breakage):
    ds = copy_dataset(small)
    node, path, words = breakage(ds)
    report = validate(ds)
    assert not report.conforms
    short = short_iri(str(node), DEFAULT_PREFIXES)
    hits = [v for v in report.violations if v.node == short and v.path == path]
    assert hits, report.text()
    assert any(words in v.message for v in hits), report.text()
    assert any(line.startswith(f"Violation: {short}  {path}  ") for line in report.text().splitlines())
    assert report.text().splitlines()[-1].startswith("graph does not conform: ")


def test_a_broken_shapes_file_is_named(small, tmp_path):
    bad = tmp_path / "shapes.ttl"
    bad.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nthis is not turtle", encoding="utf-8")
    with pytest.raises(GraphError, match=r"shapes\.ttl: cannot read the SHACL shapes"):
        validate(small, shapes=bad)


def test_the_seed_graph_conforms(seeds_result):
    report = validate(seeds_result.dataset)
    assert report.conforms, report.text()[:3000]


def every_kind_of_breakage(ds):
    """One graph breaking each constraint kind the shapes use: counts, datatypes (ill-typed too), classes,
    sh:or, sh:in, sh:minLength, and a node of a target class with nothing else."""
    from rdflib import URIRef
    from rdflib.namespace import DCTERMS, SKOS

    g = ds.graph(A1)
    for breakage in (direct_as_text, two_values, member_of_an_article, span_without_text, no_speaker):
        breakage(ds)
    s = statement_of(ds, MUJAHID)
    g.add((s, NKG.text, Literal("")))
    g.add((s, NKG.date, Literal("not a date", datatype=XSD.date)))
    g.add((figure_of(ds), NKG.reportedBy, A1))
    g.add((BUGTI, SKOS.altLabel, URIRef("http://example.org/not-a-name")))
    policy = next(ds.subjects(RDF.type, NKG.Policy))
    g.add((policy, NKG.status, Literal("maybe")))
    g.add((policy, NKG.status, Literal("announced", lang="en")))
    g.add((A1, DCTERMS.title, Literal("title", lang="en")))
    g.add((next(ds.objects(PAKISTAN, NKG.mention)), NKG.beginIndex, Literal("-4", datatype=XSD.nonNegativeInteger)))
    g.add((URIRef("http://example.org/bare"), RDF.type, NKG.Mention))
    return ds


def link_without_its_stance(ds):
    s = statement_of(ds, BUGTI)
    ds.graph(A1).add((s, NKG.respondsTo, PAKISTAN))  # answers no statement, and says not how
    return s, "nkg:stance", "Less than 1"


def stance_out_of_the_list(ds):
    s = statement_of(ds, BUGTI)
    other = next(x for x in ds.subjects(RDF.type, NKG.Statement) if x != s)
    ds.graph(A1).add((s, NKG.respondsTo, other))
    ds.graph(A1).add((s, NKG.stance, Literal("mocks")))
    return s, "nkg:stance", "not in list"


@pytest.mark.parametrize("breakage", [None, no_speaker, direct_as_text, two_values, member_of_an_article,
                                      span_without_text, every_kind_of_breakage, link_without_its_stance,
                                      stance_out_of_the_list])
def test_shapes_as_sparql_give_pyshacls_report(small, breakage):
    ds = copy_dataset(small)
    if breakage:
        breakage(ds)
    by_sparql, by_pyshacl = validate(ds), validate(ds, engine="pyshacl")
    assert by_sparql.text() == by_pyshacl.text()
    assert by_sparql.conforms is (breakage is None)


def test_the_seeds_give_pyshacls_report_through_sparql(seeds_result):
    assert validate(seeds_result.dataset).text() == validate(seeds_result.dataset, engine="pyshacl").text()


def test_shapes_kg_shacl_does_not_translate_are_checked_by_pyshacl(small, tmp_path):
    from kg.shacl import translate
    from kg.validate import load_shapes

    shapes = tmp_path / "pattern.ttl"
    shapes.write_text(AGENT_SHAPES.replace("sh:class nkg:Agent", 'sh:pattern "^nothing$"'), encoding="utf-8")
    assert translate(load_shapes(shapes)) is None
    report = validate(small, shapes=shapes)
    assert not report.conforms and {v.path for v in report.violations} == {"nkg:speaker"}


def test_the_shipped_shapes_are_checked_as_sparql_whole():
    """pySHACL takes minutes at a million triples: every shipped shape, the links' too, must translate."""
    from rdflib import Graph

    from kg.shacl import translate
    from kg.validate import load_shapes
    from kg.vocab import ONTOLOGY_FILE, SHAPES_FILE

    assert translate(load_shapes(SHAPES_FILE), Graph().parse(ONTOLOGY_FILE, format="turtle"))
