"""An article graph in two parts: the local part made as its record comes, the resolved part after the corpus.

A build fills each graph's local part while extraction runs and adds the resolved part once resolution has
seen every article (kg.triples.StreamedDataset); the graph must come out as if made whole.
"""
from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import URIRef

from kg.resolve import Resolution, resolve
from kg.triples import (StreamedDataset, article_iri, article_triples, complete, local_triples, policy_iris,
                        resolved_triples, statement_iri)
from kg.vocab import NKG

FIRST = """Harbour workers walk out over pay in Port Elso

PORT ELSO, March 3 (Wire) - Dockers at Port Elso began a 48-hour strike on Monday.

"We will not unload a single ship until the offer changes," said Mirela Santos, who leads the dockers' union.

Transport Minister Aldo Ferrante said the government would meet the union on Thursday. He said the port
handled 2.4 million containers last year.
"""

SECOND = """Port Elso strike ends after two days

PORT ELSO, March 5 (Wire) - The strike at Port Elso ended on Wednesday.

Mirela Santos told reporters the union had accepted a 6 percent rise. "This is a fair deal," Santos said.
"""


@pytest.fixture(scope="module")
def records(extract_one):
    return [extract_one(FIRST, name="first.txt"), extract_one(SECOND, name="second.txt")]


def _whole(records, res):
    """Each article's graph made whole, the way a store build makes it."""
    from kg.links.corpus import article_features, link_corpus

    policies = policy_iris(records, res)
    links = link_corpus(records, [article_features(r) for r in records], res, policies)
    return {article_iri(r): set(article_triples(i, r, res, policies, links)) for i, r in enumerate(records)}


def _streamed(records, res):
    made = StreamedDataset()
    for rec in records:
        made.add(rec)
    ds = made.finish(res)
    return {article_iri(r): set(ds.graph(article_iri(r))) for r in records}


def test_the_streamed_dataset_holds_each_graph_as_made_whole(records):
    res = resolve(records)
    assert all(complete(i, r, res) for i, r in enumerate(records))
    whole = _whole(records, res)
    assert all(len(g) > 50 for g in whole.values())
    assert _streamed(records, res) == whole


def test_a_graph_whose_entity_got_no_node_is_made_whole_again(records):
    """The local part takes every entity to have a node; one that has none has no mentions in the graph, and
    the build makes that article's graph again without them."""
    res = resolve(records)
    key = next(k for k, e in records[0].entities.items() if e.mentions)
    dropped = Resolution(nodes=res.nodes, local={k: v for k, v in res.local.items() if k != (0, key)})
    assert not complete(0, records[0], dropped)
    whole = _whole(records, dropped)
    streamed = _streamed(records, dropped)
    assert streamed == whole
    before = set(local_triples(records[0]))
    assert before - streamed[article_iri(records[0])], "the dropped entity's mentions were in the local part"


def test_the_two_parts_share_nothing_but_the_repeated_nodes_and_make_the_graph(records):
    res = resolve(records)
    policies = policy_iris(records, res)
    local = set(local_triples(records[0]))
    resolved = set(resolved_triples(0, records[0], res, policies))
    assert local | resolved == set(article_triples(0, records[0], res, policies))
    assert (article_iri(records[0]), NKG.contentHash, None) not in local  # the seal comes last
    assert any(p == NKG.contentHash for _, p, _ in resolved)
    assert not any(p in (NKG.speaker, NKG.reportedBy, NKG.memberOf) for _, p, _ in local)


def test_a_statement_keeps_its_iri_when_its_speaker_is_resolved_to_another_node(records):
    """Statements are named from the article and the speaker's key in it, not from the speaker's node, which
    other articles decide: the local part can name them before resolution."""
    res = resolve(records)
    rec = records[0]
    said = next(s for s in rec.statements if s.speaker and "unload" in s.text)
    elsewhere = URIRef("https://w3id.org/newskg/id/agent/someone-else")
    moved = Resolution(nodes={**res.nodes, elsewhere: replace(res.nodes[res.iri(0, said.speaker)], iri=elsewhere)},
                       local={**res.local, (0, said.speaker): elsewhere})
    iri = statement_iri(rec.article.identifier, said.speaker, said.text)
    policies = policy_iris(records, res)
    for resolution, speaker in ((res, res.iri(0, said.speaker)), (moved, elsewhere)):
        triples = set(article_triples(0, rec, resolution, policies))
        assert (iri, NKG.speaker, speaker) in triples
