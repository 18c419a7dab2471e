"""End to end on the seed articles: the graph conforms, every span re-reads, rebuilds are identical."""
from collections import Counter

import pytest
from pyshacl import validate
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.build import build_dataset
from kg.graphio import load, save, union_graph
from kg.vocab import NKG, SHAPES_FILE

from .conftest import SEEDS


def test_every_seed_article_is_in_the_graph(seeds_result):
    names = {str(o) for o in union_graph(seeds_result.dataset).objects(None, __import__("rdflib").DCTERMS.identifier)}
    assert names == {p.name for p in SEEDS.glob("*.txt")}
    assert not seeds_result.problems


def test_graph_conforms_to_the_shapes(seeds_result):
    g = union_graph(seeds_result.dataset)
    conforms, _, text = validate(g, shacl_graph=str(SHAPES_FILE), inference="none")
    assert conforms, text[:3000]


def test_every_span_rereads_from_its_article_body(seeds_result):
    g = union_graph(seeds_result.dataset)
    spans = list(g.subjects(predicate=NKG.anchorOf))
    assert len(spans) > 100
    for m in spans:
        body = str(g.value(g.value(m, NKG.source), NKG.body))
        begin, end = int(g.value(m, NKG.beginIndex)), int(g.value(m, NKG.endIndex))
        assert body[begin:end] == str(g.value(m, NKG.anchorOf)), m


def test_every_statement_policy_and_figure_has_provenance(seeds_result):
    g = union_graph(seeds_result.dataset)
    for cls in (NKG.Statement, NKG.Policy, NKG.Figure):
        nodes = list(g.subjects(predicate=__import__("rdflib").RDF.type, object=cls))
        assert nodes, cls
        for n in nodes:
            assert g.value(n, NKG.mention) is not None and g.value(n, NKG.evidence) is not None


def test_two_builds_give_isomorphic_graphs(seeds_result, nlp):
    again = build_dataset([SEEDS], nlp=nlp)
    a, b = to_isomorphic(union_graph(seeds_result.dataset)), to_isomorphic(union_graph(again.dataset))
    if a != b:
        _, only_a, only_b = graph_diff(a, b)
        pytest.fail(f"only in first: {list(only_a)[:5]}\nonly in second: {list(only_b)[:5]}")


def test_trig_keeps_one_named_graph_per_article(seeds_result, tmp_path):
    out = save(seeds_result.dataset, tmp_path / "g.trig")
    ds = load(out)
    names = {c.identifier for c in ds.contexts() if len(c)}
    assert len([n for n in names if "/article/" in str(n)]) == len(list(SEEDS.glob("*.txt")))


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".trig"])
def test_every_output_format_reads_back_to_the_same_triples(seeds_result, tmp_path, suffix):
    out = save(seeds_result.dataset, tmp_path / f"g{suffix}")
    assert isomorphic(union_graph(load(out)), union_graph(seeds_result.dataset))


def test_no_entity_has_two_nodes_for_one_label(seeds_result):
    g = union_graph(seeds_result.dataset)
    labels = Counter()
    for cls in (NKG.Government, NKG.Official, NKG.Person, NKG.Organization):
        for n in g.subjects(predicate=__import__("rdflib").RDF.type, object=cls):
            labels[str(g.value(n, __import__("rdflib").RDFS.label)).lower()] += 1
    assert [l for l, c in labels.items() if c > 1] == []


def test_a_regions_government_is_written_part_of_its_state_and_conforms(tmp_path, nlp):
    from kg.vocab import ID

    (tmp_path / "a.txt").write_text("BENGALURU: Karnataka Chief Minister Ravi Kumar said schools would reopen, "
                                    "overruling India's education ministry.", encoding="utf-8")
    ds = build_dataset([tmp_path], nlp=nlp).dataset
    g = union_graph(ds)
    region, state = ID["government/in-karnataka"], ID["government/in"]
    assert (region, NKG.partOf, state) in g and (state, NKG.country, None) in g
    assert validate(g, shacl_graph=str(SHAPES_FILE), inference="none")[0]


def test_the_same_words_said_twice_are_one_statement_that_conforms(tmp_path, nlp):
    (tmp_path / "a.txt").write_text(
        "Dam holds\n\nMayor Ilse Brandt said the dam would hold through the winter. Engineers were less sure. "
        "Brandt insisted the dam would hold through the winter.", encoding="utf-8")
    g = union_graph(build_dataset([tmp_path], nlp=nlp).dataset)
    said = [s for s in g.subjects(NKG.text, None) if "dam would hold" in str(g.value(s, NKG.text))]
    assert len(said) == 1 and len(list(g.objects(said[0], NKG.mention))) == 2
    assert len(list(g.objects(said[0], NKG.verb))) == 1
    assert validate(g, shacl_graph=str(SHAPES_FILE), inference="none")[0]
