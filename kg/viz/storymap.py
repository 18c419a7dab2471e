"""The story map: entities as nodes, and edges for membership, issuing and who spoke about whom.

Statements and figures are not nodes here: a speaker's statements about an entity become one edge carrying
their count (and the statements themselves, for the page's panels). This module also narrows a corpus to
what a page should show: some classes, one entity's neighbourhood, one article.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

import networkx as nx
from rdflib import URIRef

from ..errors import VizError
from ..vocab import ID, NKG
from .classes import CLAIM_CLASSES, ENTITY_CLASSES, stance
from .corpus import Corpus

MEMBER, ISSUED, SAID = "memberOf", "issuedBy", "said"


def story_map(corpus: Corpus) -> nx.MultiDiGraph:
    """Entities joined by memberOf, issuedBy and speaker -> entity edges aggregated from statements."""
    G = nx.MultiDiGraph()
    for key, e in corpus.entities.items():
        G.add_node(key, cls=e.cls, name=e.name, mentions=len(e.spans))
    for key, e in corpus.entities.items():
        for target in e.member_of:
            if target in G and target != key:
                G.add_edge(key, target, key=MEMBER, kind=MEMBER, statements=[])
        for target in e.issued_by:
            if target in G and target != key:
                G.add_edge(key, target, key=ISSUED, kind=ISSUED, statements=[])
    said = defaultdict(list)
    for claim in corpus.claims.values():
        if claim.cls == NKG.Statement:
            for speaker in claim.makers:
                for target in claim.about:
                    if speaker in G and target in G:
                        said[speaker, target].append(claim)
    for (speaker, target), claims in said.items():
        G.add_edge(speaker, target, key=SAID, kind=SAID, statements=[c.key for c in claims],
                   stance=stance(c.verb for c in claims))
    _rank(G, corpus)
    return G


def _rank(G: nx.MultiDiGraph, corpus: Corpus) -> None:
    """Order the nodes by how much of the story runs through them: governments first, then the busiest.

    A node's weight is its statements spoken and spoken about plus its other edges; rank 0 is the first.
    """
    spoke = Counter(m for c in corpus.claims.values() for m in c.makers)
    weight = Counter()
    for a, b, data in G.edges(data=True):
        w = len(data["statements"]) or 1
        weight[a] += w
        weight[b] += w
    for node in G:
        G.nodes[node]["weight"] = weight[node] + spoke[node]
    order = sorted(G, key=lambda n: (G.nodes[n]["cls"] != NKG.Government, -G.nodes[n]["weight"],
                                     -G.nodes[n]["mentions"], G.nodes[n]["name"].casefold(), n))
    for rank, node in enumerate(order):
        G.nodes[node]["rank"] = rank


# ------------------------------------------------------------------ narrowing what a page shows

def only_classes(corpus: Corpus, classes) -> Corpus:
    """The corpus with entities of these classes only (claims follow their makers)."""
    keep = {k for k, e in corpus.entities.items() if e.cls in set(classes)}
    return keep_entities(corpus, keep)


def around(corpus: Corpus, focus: str, hops: int) -> Corpus:
    """The part of the corpus within hops edges of the focus entity on the map, either direction."""
    if hops < 0:
        raise VizError(f"--hops {hops}: must be 0 or more")
    G = story_map(corpus)
    near = nx.ego_graph(G.to_undirected(as_view=True), focus, radius=hops)
    return keep_entities(corpus, set(near))


def in_article(corpus: Corpus, article: str) -> Corpus:
    """What one article says: the entities written in it and its statements and figures."""
    claims = {k for k, c in corpus.claims.items() if c.article == article}
    keep = {k for k, e in corpus.entities.items()
            if any(s[0] == article for s in e.spans) or article in e.sources}
    keep |= {m for k in claims for m in corpus.claims[k].makers if m in corpus.entities}
    narrowed = keep_entities(corpus, keep, articles={article})
    return replace(narrowed, claims={k: c for k, c in narrowed.claims.items() if k in claims})


def keep_entities(corpus: Corpus, keep: set[str], articles: set[str] | None = None) -> Corpus:
    """The corpus restricted to some entities: claims whose maker (or, unreported figures, subject) stays."""
    claims = {}
    for key, claim in corpus.claims.items():
        makers = [m for m in claim.makers if m in keep]
        about = [a for a in claim.about if a in keep]
        if makers or (not claim.makers and about):
            claims[key] = replace(claim, makers=makers, about=about)
    used = set(articles) if articles is not None else (
        {c.article for c in claims.values()} | {s[0] for k in keep for s in corpus.entities[k].spans}
        | {a for k in keep for a in corpus.entities[k].sources})
    entities = {}
    for key in keep:
        e = corpus.entities[key]
        entities[key] = replace(e, member_of=[m for m in e.member_of if m in keep],
                                issued_by=[i for i in e.issued_by if i in keep],
                                spans=[s for s in e.spans if s[0] in used],
                                sources=[a for a in e.sources if a in used])
    return Corpus({k: a for k, a in corpus.articles.items() if k in used},
                  dict(sorted(entities.items())), {k: c for k, c in claims.items() if c.article in used or
                                                   c.article is None})


# ------------------------------------------------------------------ names given by the user

def find_entity(corpus: Corpus, name: str, *, source: str = "the graph") -> str:
    """The one entity called name: an exact label, then an exact alias or id, then a unique part of a name."""
    want = name.strip().casefold()
    if not want:
        raise VizError("--focus: give the name of an entity")
    tiers = (
        lambda k, e: e.name.casefold() == want,
        lambda k, e: want in {a.casefold() for a in e.aliases} or want in {k.casefold(), _iri(k).casefold()},
        lambda k, e: any(want in n.casefold() for n in [e.name, *e.aliases]),
    )
    for matches in tiers:
        found = sorted(k for k, e in corpus.entities.items() if matches(k, e))
        if len(found) == 1:
            return found[0]
        if found:
            shown = "; ".join(f"{corpus.entities[k].name} ({corpus.entities[k].cls.fragment}, {k})"
                              for k in found[:8])
            raise VizError(f"--focus {name!r} matches {len(found)} entities in {source}: {shown}; "
                           "use a fuller name or the id")
    raise VizError(f"--focus {name!r}: no entity of that name or alias in {source} (among the classes shown)")


def find_article(corpus: Corpus, wanted: str, *, source: str = "the graph") -> str:
    """The article named by its file name, file stem, slug or IRI."""
    want = wanted.strip().casefold()
    for key, a in corpus.articles.items():
        names = {key, _iri(key), key.rsplit("/", 1)[-1], a.file or "", (a.file or "").rsplit(".", 1)[0]}
        if want in {n.casefold() for n in names if n}:
            return key
    known = sorted(a.file or k for k, a in corpus.articles.items())
    raise VizError(f"--article {wanted!r}: no such article in {source}; "
                   f"known: {', '.join(known[:10]) or 'none'}" + (" ..." if len(known) > 10 else ""))


def class_list(names, *, option: str = "--include") -> tuple[URIRef, ...]:
    """Class names (any case, singular or plural) or terms as ontology classes the page knows."""
    by_name = {cls.fragment.casefold(): cls for cls in (*ENTITY_CLASSES, *CLAIM_CLASSES)}
    chosen = []
    for item in names:
        word = str(item).strip()
        singular = re.sub(r"ies$", "y", word.casefold()).removesuffix("s")
        cls = item if isinstance(item, URIRef) else by_name.get(word.casefold()) or by_name.get(singular)
        if cls not in by_name.values():
            raise VizError(f"{option} {item!r}: unknown class; choose from "
                           f"{', '.join(c.fragment for c in by_name.values())}")
        chosen.append(cls)
    return tuple(dict.fromkeys(chosen))


def _iri(key: str) -> str:
    return key if "://" in key else str(ID) + key
