"""kg.validate: SHACL against ontology/shapes.ttl, violations reported by node, property and message."""
from __future__ import annotations

import pytest
from rdflib import RDF, XSD, Literal

from kg.errors import GraphError
from kg.query import DEFAULT_PREFIXES, short_iri
from kg.validate import validate
from kg.vocab import ID, NKG

from .kg_fixtures import BUGTI, PAKISTAN, copy_dataset, small_dataset

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
