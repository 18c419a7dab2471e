"""kg.viz.corpus: the page's records read from a graph, each claim with its words and sentence as spans."""
from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from kg import graphio
from kg.viz.corpus import read_corpus, short_id
from kg.vocab import ID, NKG

from ..kg_fixtures import copy_dataset
from .stories import BODY_A, BODY_B, border_story, short


def test_claims_point_at_their_words_and_sentence_in_the_body():
    ds, n = border_story()
    corpus = read_corpus(ds)
    bodies = {short(n["a"]): BODY_A, short(n["b"]): BODY_B}
    g = graphio.union_graph(ds)
    for key in ("lee_march", "lee_april", "tam_quote"):
        claim = corpus.claims[short(n[key])]
        article, begin, end = claim.span
        assert bodies[article][begin:end] == str(g.value(n[key], NKG.text))
        s_article, s_begin, s_end = claim.sentence
        assert s_article == article and bodies[article][s_begin:s_end] == str(g.value(n[key], NKG.evidence))
        assert s_begin <= begin and end <= s_end


def test_a_claim_is_about_the_entities_written_inside_its_words_not_its_speaker():
    ds, n = border_story()
    claims = read_corpus(ds).claims
    assert claims[short(n["lee_march"])].about == [short(n["ostrand"]), short(n["deadline"])]
    assert claims[short(n["lee_march"])].makers == [short(n["lee"])]
    assert claims[short(n["tam_rejects"])].about == []
    # a figure is about what its whole sentence names: it has no words of its own beyond the number
    assert set(claims[short(n["families"])].about) == {short(n["velmora"]), short(n["ostrand"])}


def test_entities_keep_names_titles_memberships_and_every_span():
    ds, n = border_story()
    entities = read_corpus(ds).entities
    tam = entities[short(n["tam"])]
    assert (tam.name, tam.aliases, tam.titles, tam.member_of) == ("Ravi Tam", ["Tam"], ["spokesman"],
                                                                  [short(n["ostrand"])])
    ostrand = entities[short(n["ostrand"])]
    assert {s[0] for s in ostrand.spans} == {short(n["a"]), short(n["b"])}
    assert all((BODY_A if s[0] == short(n["a"]) else BODY_B)[s[1]:s[2]] == "Ostrand" for s in ostrand.spans)
    deadline = entities[short(n["deadline"])]
    assert deadline.issued_by == [short(n["velmora"])] and deadline.deadlines == ["2024-03-31"]
    assert set(deadline.sources) == {short(n["a"]), short(n["b"])}


def test_dates_are_the_article_and_statement_dates_in_order():
    ds, _ = border_story()
    assert read_corpus(ds).dates() == ["2024-03-01", "2024-04-10"]


def test_a_mention_named_otherwise_is_read_from_its_triples():
    """The contract names mentions after their place; a graph that does not is read the long way."""
    ds, n = border_story()
    renamed = graphio.new_dataset()
    names = {}
    for s, p, o, c in copy_dataset(ds).quads((None, None, None, None)):
        def rename(term):
            if isinstance(term, URIRef) and str(term).startswith(str(ID["mention/"])):
                return names.setdefault(term, ID[f"span/{len(names)}"])
            return term
        renamed.graph(c if isinstance(c, URIRef) else c.identifier).add((rename(s), p, rename(o)))
    assert not any(str(m).startswith(str(ID["mention/"])) for m in renamed.subjects(RDF.type, NKG.Mention))
    assert read_corpus(renamed).claims == read_corpus(ds).claims
    assert read_corpus(renamed).entities == read_corpus(ds).entities


def test_a_claim_whose_sentence_is_not_in_the_body_keeps_the_evidence_text():
    ds, n = border_story()
    g = ds.graph(n["a"])
    g.remove((n["lee_march"], NKG.evidence, None))
    g.add((n["lee_march"], NKG.evidence, Literal("A sentence the body does not hold.")))
    claim = read_corpus(ds).claims[short(n["lee_march"])]
    assert claim.sentence == claim.span  # the words are still found by their own span
    assert claim.evidence == "A sentence the body does not hold."


def test_short_ids_drop_the_instance_namespace_only():
    assert short_id(ID["agent/ann-lee"]) == "agent/ann-lee"
    assert short_id(URIRef("urn:other:x")) == "urn:other:x"


def test_a_group_that_speaks_is_drawn_with_its_claim():
    """Unnamed collective speakers ("some farmers said") are agents: the page keeps them and their words."""
    body = "Some farmers said the new levy would ruin them."
    ds = graphio.new_dataset()
    from .stories import Story

    story = Story(ds, "levy", body, title="Farmers and the levy")
    farmers = story.entity(ID["group/levy/farmers"], NKG.Group, "some farmers", "Some farmers")
    said = story.statement(farmers, "the new levy would ruin them")
    corpus = read_corpus(ds)
    assert corpus.entities[short_id(farmers)].name == "some farmers"
    assert corpus.claims[short_id(said)].makers == [short_id(farmers)]
