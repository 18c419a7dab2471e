"""What the page knows, read from the graph once: articles, entities, statements and figures as plain records.

The page never goes back to RDF: every record holds plain strings and numbers keyed by the node's short id
(`agent/sarfraz-bugti`), and every place a node is written is a span (article, begin, end) into that
article's body, so the page can show the exact characters behind each node.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ..vocab import ID, NKG
from .classes import AGENT_CLASSES, CLAIM_CLASSES, ENTITY_CLASSES

Span = tuple[str, int, int]  # article key, begin, end: characters of that article's body
_ID = str(ID)
_MENTION_NAME = re.compile(re.escape(_ID) + r"mention/(?P<slug>[^/]+)/(?P<begin>\d+)-(?P<end>\d+)$")


@dataclass
class Article:
    """One article: what its heading shows and the body every span points into."""

    key: str
    title: str
    date: str | None
    outlet: str | None
    file: str | None
    body: str


@dataclass
class Entity:
    """A node of the map: an agent or a policy, with every span where it is written."""

    key: str
    cls: URIRef
    name: str
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    member_of: list[str] = field(default_factory=list)  # governments or organisations
    issued_by: list[str] = field(default_factory=list)  # policies: the governments that set them
    deadlines: list[str] = field(default_factory=list)
    country: str | None = None
    unnamed: bool = False
    spans: list[Span] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # policies: the articles they were read from


@dataclass
class Claim:
    """A statement or a figure: who made it, the words it rests on, and the agents and policies inside them."""

    key: str
    cls: URIRef
    name: str
    makers: list[str]  # a statement's speakers, a figure's reporters
    article: str | None
    span: Span | None  # the quote or reported clause; the number of a figure
    sentence: Span | None  # the evidence sentence, found in the body
    evidence: str  # the sentence as the graph has it, for when the body does not contain it
    date: str | None = None
    text: str = ""
    direct: bool | None = None
    verb: str | None = None
    value: str | None = None
    unit: str | None = None
    measure: str | None = None
    approximate: bool | None = None
    about: list[str] = field(default_factory=list)


@dataclass
class Corpus:
    """Everything the page shows, in a stable order (articles by date, nodes by key)."""

    articles: dict[str, Article]
    entities: dict[str, Entity]
    claims: dict[str, Claim]

    def dates(self) -> list[str]:
        """Every article and statement date, sorted: the steps of the page's date slider."""
        found = {a.date for a in self.articles.values() if a.date}
        found |= {c.date for c in self.claims.values() if c.date}
        return sorted(found)


def short_id(node) -> str:
    """The node's IRI without the instance namespace: 'agent/sarfraz-bugti'."""
    text = node[:]
    return text[len(_ID):] if text.startswith(_ID) else text


def read_corpus(g: Graph) -> Corpus:
    """Read the page's records from a graph (a union of article graphs) with one pass per property."""
    facts = _Facts(g)
    articles = _read_articles(facts)
    entities = {e.key: e for e in (_read_entity(facts, node, cls) for node, cls in facts.typed(ENTITY_CLASSES))}
    claims = {c.key: c for c in (_read_claim(facts, node, cls, articles)
                                 for node, cls in facts.typed(CLAIM_CLASSES))}
    _find_what_claims_are_about(claims, entities, articles)
    return Corpus(articles, entities, claims)


class _Facts:
    """The objects of the properties the page reads, gathered per subject in one pass over each property."""

    # name -> property; records ask by name (a typo is a KeyError), and a plain dict is read fast per node
    PROPERTIES = {"label": RDFS.label, "aliases": SKOS.altLabel, "heading": DCTERMS.title,
                  "file": DCTERMS.identifier, "title": NKG.title, "memberOf": NKG.memberOf,
                  "issuedBy": NKG.issuedBy, "deadline": NKG.deadline, "country": NKG.country,
                  "unnamed": NKG.unnamed, "speaker": NKG.speaker, "reportedBy": NKG.reportedBy, "text": NKG.text,
                  "direct": NKG.direct, "verb": NKG.verb, "date": NKG.date,
                  "evidence": NKG.evidence, "value": NKG.value, "unit": NKG.unit, "measure": NKG.measure,
                  "approximate": NKG.approximate, "mention": NKG.mention, "body": NKG.body, "outlet": NKG.outlet}

    def __init__(self, g: Graph):
        self.types: dict[URIRef, URIRef] = {}
        for cls in (*ENTITY_CLASSES, *CLAIM_CLASSES, NKG.Article):
            for node in g.subjects(RDF.type, cls):
                if isinstance(node, URIRef):
                    self.types.setdefault(node, cls)
        # keyed by the subject as a plain str: rdflib terms compare in Python, str in C
        self.objects: dict[str, dict[str, list]] = {name: defaultdict(list) for name in self.PROPERTIES}
        for name, table in self.objects.items():
            for s, o in g.subject_objects(self.PROPERTIES[name]):
                table[_plain(s)].append(o)
        self.mentions = self._mentions(g)
        self.g = g

    def _mentions(self, g: Graph) -> dict[str, Span]:
        """Each mention as (article key, begin, end).

        The graph contract names a mention after its place, id:mention/<article slug>/<begin>-<end>, so the
        place is read from the name: that spares reading three triples for each of the corpus's many
        mentions. A mention named otherwise is read from its triples.
        """
        out = {}
        for mentions in self.objects["mention"].values():
            for m in mentions:
                key = _plain(m)
                if key in out:
                    continue
                place = _MENTION_NAME.match(key)
                if place:
                    out[key] = ("article/" + place["slug"], int(place["begin"]), int(place["end"]))
                else:
                    span = _mention_triples(g, m)
                    if span:
                        out[key] = span
        return out

    def typed(self, classes) -> list[tuple[URIRef, URIRef]]:
        return sorted(((n, c) for n, c in self.types.items() if c in classes), key=lambda nc: _plain(nc[0]))

    def all(self, node, prop) -> list:
        """Each distinct object once, sorted (an entity's triples repeat in every article graph)."""
        values = self.objects[prop].get(_plain(node), ())
        return list(values) if len(values) < 2 else sorted(set(values))

    def one(self, node, prop) -> str | None:
        values = self.all(node, prop)
        return _plain(values[0]) if values else None

    def flag(self, node, prop) -> bool | None:
        values = self.objects[prop].get(_plain(node))
        return None if not values else values[0].value is True

    def spans(self, node) -> list[Span]:
        """Where the node is written: its mentions as (article key, begin, end), in reading order."""
        mentions = self.mentions
        found = (mentions.get(_plain(m)) for m in self.objects["mention"].get(_plain(node), ()))
        return sorted({span for span in found if span})

    def sources(self, node) -> list[str]:
        """The articles a node was read from, asked per node: most nkg:source triples belong to mentions,
        whose article the mention's own name gives, so reading them all would be wasted."""
        return sorted({short_id(a) for a in self.g.objects(node, NKG.source) if isinstance(a, URIRef)})

    def keys(self, node, prop) -> list[str]:
        return [short_id(o) for o in self.all(node, prop) if isinstance(o, URIRef)]


def _number(literal) -> str | None:
    """A number as plain digits, the same however the graph file wrote it (300, 300.0, 3.0E2)."""
    if literal is None:
        return None
    value = literal.value
    if isinstance(value, (int, float, Decimal)):
        text = format(Decimal(str(value)).normalize(), "f")
        return text
    return _plain(literal)


def _plain(term) -> str:
    """The term's text as a plain str, for keys: a slice copies in C, where str() of an rdflib term runs Python."""
    return term[:]


def _mention_triples(g: Graph, mention) -> Span | None:
    source, begin, end = (g.value(mention, p) for p in (NKG.source, NKG.beginIndex, NKG.endIndex))
    if source is None or begin is None or end is None:
        return None
    try:
        return short_id(source), int(begin), int(end)
    except (TypeError, ValueError):
        return None


def _read_articles(facts: _Facts) -> dict[str, Article]:
    articles = []
    for node, _ in facts.typed({NKG.Article}):
        key = short_id(node)
        file = facts.one(node, "file")
        articles.append(Article(key, facts.one(node, "heading") or file or key, facts.one(node, "date"),
                                facts.one(node, "outlet"), file, facts.one(node, "body") or ""))
    articles.sort(key=lambda a: (a.date or "9999", a.key))
    return {a.key: a for a in articles}


def _read_entity(facts: _Facts, node: URIRef, cls: URIRef) -> Entity:
    name = " ".join((facts.one(node, "label") or short_id(node)).split())
    return Entity(
        key=short_id(node), cls=cls, name=name,
        aliases=sorted({str(a) for a in facts.all(node, "aliases")} - {name}),
        titles=[str(t) for t in facts.all(node, "title")],
        member_of=facts.keys(node, "memberOf") if cls in AGENT_CLASSES else [],
        issued_by=facts.keys(node, "issuedBy"),
        deadlines=[str(d) for d in facts.all(node, "deadline")],
        country=facts.one(node, "country"),
        unnamed=bool(facts.flag(node, "unnamed")),
        spans=facts.spans(node),
        sources=facts.sources(node) if cls == NKG.Policy else [],
    )


def _read_claim(facts: _Facts, node: URIRef, cls: URIRef, articles: dict[str, Article]) -> Claim:
    key = short_id(node)
    spans = facts.spans(node)
    article = spans[0][0] if spans else next(iter(facts.sources(node)), None)
    span = spans[0] if spans else None
    evidence = facts.one(node, "evidence") or ""
    maker = "speaker" if cls == NKG.Statement else "reportedBy"
    return Claim(
        key=key, cls=cls, name=" ".join((facts.one(node, "label") or key).split()),
        makers=facts.keys(node, maker), article=article, span=span,
        sentence=_locate(articles.get(article), evidence, span),
        evidence=evidence, date=facts.one(node, "date"), text=facts.one(node, "text") or "",
        direct=facts.flag(node, "direct"), verb=facts.one(node, "verb"),
        value=_number(next(iter(facts.all(node, "value")), None)), unit=facts.one(node, "unit"), measure=facts.one(node, "measure"),
        approximate=facts.flag(node, "approximate"),
    )


def _locate(article: Article | None, sentence: str, span: Span | None) -> Span | None:
    """Where the evidence sentence is in the body: the occurrence around the claim's own span if it has one."""
    if article is None or not sentence:
        return span
    body = article.body
    if span is not None:
        start = body.find(sentence, max(0, span[2] - len(sentence)))
        if 0 <= start <= span[1]:
            return article.key, start, start + len(sentence)
    start = body.find(sentence)
    return (article.key, start, start + len(sentence)) if start >= 0 else span


def _find_what_claims_are_about(claims: dict[str, Claim], entities: dict[str, Entity],
                                articles: dict[str, Article]) -> None:
    """Tie each claim to the agents and policies written inside it: a statement's own words, a figure's sentence.

    The graph has no "about" property; it is read from the mention offsets, leaving out who made the claim.
    """
    written = defaultdict(list)
    for e in entities.values():
        for article, begin, end in e.spans:
            written[article].append((begin, end, e.key))
    for spans in written.values():
        spans.sort()
    for claim in claims.values():
        inside = claim.span if claim.cls == NKG.Statement and claim.span else claim.sentence
        if inside is None:
            continue
        article, begin, end = inside
        spans = written.get(article, [])
        found = []
        for b, e, key in spans[bisect_left(spans, (begin, -1, "")):]:
            if b >= end:
                break
            if e <= end and key not in claim.makers and key not in found:
                found.append(key)
        claim.about = found
