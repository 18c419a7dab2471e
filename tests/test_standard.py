"""Standard vocabularies beside the nkg: terms, Web Annotation selectors, the JSON-LD context, ontology metadata."""
from __future__ import annotations

import json
from importlib.metadata import version

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, ORG, PROV, SDO

from kg import graphio
from kg.export import export
from kg.standard import counterparts
from kg.vocab import NKG, OA, ONTOLOGY_FILE

VANN = "http://purl.org/vocab/vann/"


@pytest.fixture(scope="module")
def seeds(seeds_result):
    return graphio.union_graph(seeds_result.dataset)


@pytest.mark.parametrize("cls, standard", [
    (NKG.Official, SDO.Person), (NKG.Person, SDO.Person), (NKG.Organization, ORG.Organization),
    (NKG.Government, SDO.GovernmentOrganization), (NKG.Government, ORG.Organization),
    (NKG.Statement, SDO.Claim), (NKG.Policy, DCTERMS.Policy), (NKG.Figure, SDO.QuantitativeValue),
    (NKG.Article, SDO.NewsArticle), (NKG.Mention, OA.SpecificResource),
])
def test_every_node_also_has_its_standard_type(seeds, cls, standard):
    nodes = set(seeds.subjects(RDF.type, cls))
    assert nodes and all((n, RDF.type, standard) in seeds for n in nodes)


@pytest.mark.parametrize("prop, standard", [
    (NKG.speaker, SDO.author), (NKG.speaker, PROV.wasAttributedTo), (NKG.source, PROV.wasDerivedFrom),
    (NKG.memberOf, ORG.memberOf), (NKG.text, SDO.text), (NKG.value, SDO.value),
])
def test_every_nkg_property_has_its_standard_one_beside_it(seeds, prop, standard):
    pairs = set(seeds.subject_objects(prop))
    assert pairs and pairs <= set(seeds.subject_objects(standard))


def test_what_is_written_is_what_the_ontology_aligns_no_more():
    onto = Graph().parse(ONTOLOGY_FILE)
    for term, standard in counterparts().items():
        assert str(term).startswith(str(NKG._NS))
        aligned = set(onto.transitive_objects(term, RDFS.subClassOf)) | set(
            onto.transitive_objects(term, RDFS.subPropertyOf))
        assert set(standard) <= aligned
    assert not any("xmlns.com/foaf" in str(s) or "nif-core" in str(s) for v in counterparts().values() for s in v)


def test_each_mention_has_web_annotation_selectors_that_find_its_text(seeds, seeds_result):
    bodies = {a: str(b) for a, b in seeds.subject_objects(NKG.body)}
    mentions = set(seeds.subjects(RDF.type, NKG.Mention))
    assert mentions
    for m in mentions:
        article = seeds.value(m, OA.hasSource)
        assert article == seeds.value(m, NKG.source)
        selectors = {seeds.value(s, RDF.type): s for s in seeds.objects(m, OA.hasSelector)}
        position, quote = selectors[OA.TextPositionSelector], selectors[OA.TextQuoteSelector]
        start, end = seeds.value(position, OA.start).toPython(), seeds.value(position, OA.end).toPython()
        assert (start, end) == (seeds.value(m, NKG.beginIndex).toPython(), seeds.value(m, NKG.endIndex).toPython())
        assert bodies[article][start:end] == str(seeds.value(quote, OA.exact)) == str(seeds.value(m, NKG.anchorOf))


def test_jsonld_is_compacted_with_the_shipped_context_and_reads_back_the_same(seeds_result):
    text = export(seeds_result.dataset, "jsonld").decode("utf-8")
    doc = json.loads(text)
    assert doc["@context"]["speaker"] == {"@id": "nkg:speaker", "@type": "@id"}
    statements = [n for g in doc["@graph"] for n in g["@graph"] if "speaker" in n]
    assert statements and all(isinstance(n["speaker"], str) for n in statements)
    # a short IRI (agent:…, government:…) for every speaker but those scoped to their article, whose IRI has
    # the article in its path (agent/<article>/unnamed-1), which the serializer writes whole
    speakers = [n["speaker"] for n in statements]
    assert any(s.startswith("agent:") for s in speakers)
    whole = [s for s in speakers if "http" in s]  # only speakers scoped to their article: <class>/<article>/<name>
    assert all(s.split("/id/", 1)[1].count("/") == 2 for s in whole)
    back = graphio.new_dataset()
    back.parse(data=text, format="json-ld")
    assert isomorphic(graphio.union_graph(back), graphio.union_graph(seeds_result.dataset))


def test_the_ontology_names_its_version_licence_creator_and_prefix():
    onto = Graph().parse(ONTOLOGY_FILE)
    head = URIRef("https://w3id.org/newskg/ontology")
    assert onto.value(head, OWL.versionInfo) == Literal(version("newskg"))
    assert onto.value(head, DCTERMS.license) and onto.value(head, DCTERMS.creator)
    assert onto.value(head, URIRef(VANN + "preferredNamespacePrefix")) == Literal("nkg")


def test_standard_terms_are_the_same_on_a_set_of_triples_as_on_a_graph(seeds_result):
    from kg.standard import add_standard_terms

    from kg.export import named_graphs

    name = next(iter(named_graphs(seeds_result.dataset)))
    nkg_only = {t for t in seeds_result.dataset.graph(name) if str(t[1]).startswith(str(NKG))
                or (t[1] == RDF.type and str(t[2]).startswith(str(NKG)))}
    as_set, as_graph = set(nkg_only), Graph()
    for t in nkg_only:
        as_graph.add(t)
    add_standard_terms(as_set)
    add_standard_terms(as_graph)
    assert as_set == set(as_graph) and len(as_set) > len(nkg_only)
