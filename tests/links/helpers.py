"""Building a story's graph and finding its nodes by the words the annotation gives."""
from __future__ import annotations

from functools import lru_cache
from itertools import combinations

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from kg.extract.records import FailedArticle
from kg.graphio import union_graph
from kg.ingest import parse_article
from kg.pipeline import extract
from kg.resolve import resolve
from kg.triples import to_dataset
from kg.vocab import NKG

from .corpus import STORIES, Story


def build(nlp, story: Story):
    """The records and dataset of one story."""
    records = list(extract(nlp, [parse_article(text, identifier=name) for name, text in story.articles.items()]))
    assert not any(isinstance(r, FailedArticle) for r in records)
    return records, to_dataset(records, resolve(records))


def article_of(g: Graph, node) -> str:
    return str(g.value(g.value(node, NKG.source), DCTERMS.identifier))


def figure(g: Graph, ref: str) -> URIRef:
    name, surface = ref.split(":", 1)
    found = {f for f, m in g.subject_objects(NKG.mention)
             if str(g.value(m, NKG.anchorOf)) == surface and article_of(g, f) == name and g.value(f, NKG.value)}
    assert len(found) == 1, (ref, found)
    return found.pop()


def statement(g: Graph, ref: str) -> URIRef:
    name, words = ref.split(":", 1)
    found = {s for s in g.subjects(NKG.speaker, None) if article_of(g, s) == name
             and (words in str(g.value(s, NKG.text)) or words in str(g.value(s, NKG.evidence)))}
    assert len(found) >= 1, (ref, found)
    return min(found, key=lambda s: (words not in str(g.value(s, NKG.text)), str(s)))


def policy(g: Graph, ref: str) -> URIRef:
    name, words = ref.split(":", 1)
    [article] = [a for a in g.subjects(NKG.body, None) if article_of_source(g, a) == name]
    body = str(g.value(article, NKG.body))
    found = {p for p in g.subjects(NKG.source, article) if (p, NKG.issuedBy, None) in g
             and any(words in str(e) and str(e) in body for e in g.objects(p, NKG.evidence))}
    assert len(found) <= 1, (ref, found)
    return found.pop() if found else ref  # not found: the reference itself, which no link can equal


def article_of_source(g: Graph, article) -> str:
    return str(g.value(article, DCTERMS.identifier))


def pairs(items) -> set[frozenset]:
    return {frozenset(p) for p in combinations(items, 2)}


@lru_cache(maxsize=None)
def story_by_name(name: str) -> Story:
    return next(s for s in STORIES if s.name == name)


def union(ds) -> Graph:
    return union_graph(ds)
