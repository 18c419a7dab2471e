"""What a graph holds: nodes per class, the articles, and the most connected entities."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx
from rdflib import RDF, RDFS, Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS

from . import graphio
from .query import DEFAULT_PREFIXES, short_iri
from .vocab import NKG

if TYPE_CHECKING:
    from .store import Store

CLASS_NAMES = ("Article", "Government", "Official", "Person", "Organization", "Statement", "Policy", "Figure",
               "Mention")
ENTITY_CLASSES = {NKG.Government, NKG.Official, NKG.Person, NKG.Organization}
COUNTED_IN_ARTICLES = {NKG.Statement: "statements", NKG.Policy: "policies", NKG.Figure: "figures"}


@dataclass
class ArticleStats:
    """One article and what was read from it."""

    identifier: str
    date: str | None
    title: str | None
    statements: int = 0
    policies: int = 0
    figures: int = 0
    entities: int = 0


@dataclass
class Hub:
    """An entity and its number of distinct neighbours in the graph."""

    node: str
    label: str
    kind: str
    degree: int


@dataclass
class Stats:
    """Counts per class, the articles, and the most connected entities."""

    triples: int
    classes: dict[str, int]
    articles: list[ArticleStats] = field(default_factory=list)
    hubs: list[Hub] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        """A plain-text report for the terminal."""
        lines = [f"{self.triples} triples", "", "nodes per class:"]
        lines += [f"  {name:<13}{n:>6}" for name, n in self.classes.items()]
        lines += ["", f"articles ({len(self.articles)}):"]
        for a in self.articles:
            counts = ", ".join(_count(n, word) for n, word in ((a.statements, "statement"), (a.policies, "policy"),
                                                                (a.figures, "figure"), (a.entities, "entity")))
            title = f"  {a.title}" if a.title else ""
            lines.append(f"  {a.date or '(no date)':<10}  {a.identifier}  {counts}{title}")
        lines += ["", "most connected entities (distinct neighbours):"]
        lines += [f"  {h.degree:>4}  {h.label}  [{h.kind}]  {h.node}" for h in self.hubs]
        return "\n".join(lines) + "\n"


def _count(n: int, word: str) -> str:
    plural = word[:-1] + "ies" if word.endswith("y") else word + "s"
    return f"{n} {word if n == 1 else plural}"


def network(graph: Graph | Dataset) -> nx.Graph:
    """The graph's nodes and the links between them, with each span collapsed into a node–article link.

    Nodes are typed IRIs other than mentions; edges are the object properties between them. A mention
    (node → span → article) becomes a direct node–article edge, so an entity's degree counts the
    articles, statements, figures, policies and fellow entities it is tied to.
    """
    g = graphio.union_graph(graph) if isinstance(graph, Dataset) else graph
    kinds = {s: o for s, o in g.subject_objects(RDF.type)
             if isinstance(s, URIRef) and o in NKG and o != NKG.Mention}  # nkg: types only, not schema: beside them
    net = nx.Graph()
    for node, cls in kinds.items():
        net.add_node(node, kind=short_iri(str(cls), DEFAULT_PREFIXES).removeprefix("nkg:"),
                     label=str(g.value(node, RDFS.label) or g.value(node, DCTERMS.identifier) or node))
    for s, p, o in g:
        if p == NKG.mention:
            for article in g.objects(o, NKG.source):
                if s in kinds and article in kinds and s != article:
                    net.add_edge(s, article)
        elif s in kinds and o in kinds and s != o and p != RDF.type:
            net.add_edge(s, o)
    return net


def stats(graph: Graph | Dataset, top: int = 10) -> Stats:
    """Counts per class, every article with its yield, and the `top` entities by degree."""
    g = graphio.union_graph(graph) if isinstance(graph, Dataset) else graph
    types = Counter(o for _, o in g.subject_objects(RDF.type))
    classes = {name: types.get(getattr(NKG, name), 0) for name in CLASS_NAMES}
    net = network(g)
    return Stats(triples=len(g), classes=classes, articles=_articles(g), hubs=_hubs(net, top))


def _articles(g: Graph) -> list[ArticleStats]:
    out = []
    for a in g.subjects(RDF.type, NKG.Article):
        date, title = g.value(a, NKG.date), g.value(a, DCTERMS.title)
        row = ArticleStats(identifier=str(g.value(a, DCTERMS.identifier) or a),
                           date=str(date) if date else None, title=str(title) if title else None)
        for node in g.subjects(NKG.source, a):
            for cls in g.objects(node, RDF.type):
                if cls in COUNTED_IN_ARTICLES:
                    attr = COUNTED_IN_ARTICLES[cls]
                    setattr(row, attr, getattr(row, attr) + 1)
        mentioned = {n for m in g.subjects(NKG.source, a) for n in g.subjects(NKG.mention, m)}
        row.entities = sum(1 for n in mentioned if set(g.objects(n, RDF.type)) & ENTITY_CLASSES)
        out.append(row)
    return sorted(out, key=lambda r: (r.date or "", r.identifier))


def _hubs(net: nx.Graph, top: int) -> list[Hub]:
    entity_kinds = {short_iri(str(c), DEFAULT_PREFIXES).removeprefix("nkg:") for c in ENTITY_CLASSES}
    hubs = [Hub(node=short_iri(str(n), DEFAULT_PREFIXES), label=d["label"], kind=d["kind"], degree=net.degree(n))
            for n, d in net.nodes(data=True) if d["kind"] in entity_kinds]
    return sorted(hubs, key=lambda h: (-h.degree, h.label, h.node))[:top]


# ---------------------------------------------------------------- the same numbers, counted in a store
# A store's default graph is the set union of its article graphs (kg.store keeps it so), which is the
# graph stats() counts; these queries read it as they would a graph file.

_PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in DEFAULT_PREFIXES.items())


def _values(classes) -> str:
    return " ".join(c.n3() for c in sorted(classes))


TRIPLES_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CLASSES_QUERY = "SELECT ?class (COUNT(DISTINCT ?node) AS ?n) WHERE { ?node a ?class } GROUP BY ?class"
ARTICLES_QUERY = _PROLOGUE + """
SELECT ?a (SAMPLE(?id) AS ?identifier) (SAMPLE(?d) AS ?date) (SAMPLE(?t) AS ?title) WHERE {
  ?a a nkg:Article .
  OPTIONAL { ?a dcterms:identifier ?id }
  OPTIONAL { ?a nkg:date ?d }
  OPTIONAL { ?a dcterms:title ?t }
} GROUP BY ?a"""
# what was read from each article: statements, policies and figures, and the entities it mentions
YIELD_QUERY = _PROLOGUE + f"""
SELECT ?a ?class (COUNT(DISTINCT ?node) AS ?n) WHERE {{
  VALUES ?class {{ {_values(COUNTED_IN_ARTICLES)} }}
  ?node a ?class ; nkg:source ?a .
}} GROUP BY ?a ?class"""
MENTIONED_QUERY = _PROLOGUE + f"""
SELECT ?a (COUNT(DISTINCT ?node) AS ?n) WHERE {{
  VALUES ?class {{ {_values(ENTITY_CLASSES)} }}
  ?node a ?class ; nkg:mention ?m .
  ?m nkg:source ?a .
}} GROUP BY ?a"""
# network(): the typed nodes but spans, linked by object properties, a span standing for a node-article link
HUBS_QUERY = _PROLOGUE + f"""
SELECT ?node (SAMPLE(?kind) AS ?class) (SAMPLE(?label) AS ?name) (SAMPLE(?id) AS ?identifier)
       (COUNT(DISTINCT ?other) AS ?degree) WHERE {{
  VALUES ?kind {{ {_values(ENTITY_CLASSES)} }}
  ?node a ?kind . FILTER(isIRI(?node))
  OPTIONAL {{ ?node rdfs:label ?label }}
  OPTIONAL {{ ?node dcterms:identifier ?id }}
  OPTIONAL {{
    {{ ?node ?p ?other FILTER(?p NOT IN (rdf:type, nkg:mention)) }}
    UNION {{ ?other ?p ?node FILTER(?p NOT IN (rdf:type, nkg:mention)) }}
    UNION {{ ?node nkg:mention ?m . ?m nkg:source ?other }}
    UNION {{ ?other nkg:mention ?m . ?m nkg:source ?node }}
    FILTER(isIRI(?other) && ?other != ?node)
    FILTER EXISTS {{ ?other a ?type FILTER(?type != nkg:Mention) }}
  }}
}} GROUP BY ?node"""


def store_stats(store: "Store", top: int = 10) -> Stats:
    """The numbers of stats(), counted by SPARQL aggregates in a kg.store store instead of read into rdflib."""
    total = store.select(TRIPLES_QUERY)
    types = {row["class"]: int(row["n"]) for row in store.select(CLASSES_QUERY)}
    classes = {name: types.get(getattr(NKG, name), 0) for name in CLASS_NAMES}
    return Stats(triples=int(total[0]["n"]) if total else 0, classes=classes, articles=_store_articles(store),
                 hubs=_store_hubs(store, top) if top else [])


def _store_articles(store: "Store") -> list[ArticleStats]:
    counts: dict[Any, dict[str, int]] = defaultdict(dict)
    for row in store.select(YIELD_QUERY):
        counts[row["a"]][COUNTED_IN_ARTICLES[row["class"]]] = int(row["n"])
    for row in store.select(MENTIONED_QUERY):
        counts[row["a"]]["entities"] = int(row["n"])
    out = []
    for row in store.select(ARTICLES_QUERY):
        date, title = row.get("date"), row.get("title")
        out.append(ArticleStats(identifier=str(row.get("identifier") or row["a"]), date=str(date) if date else None,
                                title=str(title) if title else None, **counts[row["a"]]))
    return sorted(out, key=lambda r: (r.date or "", r.identifier))


def _store_hubs(store: "Store", top: int) -> list[Hub]:
    hubs = []
    for row in store.select(HUBS_QUERY):
        label = row.get("name") or row.get("identifier") or row["node"]
        kind = short_iri(str(row["class"]), DEFAULT_PREFIXES).removeprefix("nkg:")
        hubs.append(Hub(node=short_iri(str(row["node"]), DEFAULT_PREFIXES), label=str(label), kind=kind,
                        degree=int(row["degree"])))
    return sorted(hubs, key=lambda h: (-h.degree, h.label, h.node))[:top]
