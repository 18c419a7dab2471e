"""Turn resolved extraction records into RDF: one named graph per article, every node traceable to its span."""
from __future__ import annotations

import gc
import hashlib
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterator

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from .extract.numbers import clean_number
from .extract.records import GOVERNMENT, GROUP, OFFICIAL, ORGANIZATION, PERSON, ArticleRecord, Span
from .graphio import add_graph, new_dataset
from .resolve import Resolution
from .standard import add_selectors, add_standard_terms, offset
from .vocab import ID, NKG

if TYPE_CHECKING:
    from .links.corpus import Links
    from .links.policies import PolicyNode

CLASSES = {GOVERNMENT: NKG.Government, OFFICIAL: NKG.Official, PERSON: NKG.Person, ORGANIZATION: NKG.Organization,
           GROUP: NKG.Group}
LABEL_WORDS = 8


def article_iri(rec: ArticleRecord) -> URIRef:
    return ID[f"article/{rec.article.slug}"]


def digest(*parts: object) -> str:
    """A short stable hash of content, so rebuilding gives the same IRIs."""
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def to_dataset(records: list[ArticleRecord], res: Resolution) -> Dataset:
    """The whole corpus as a dataset of per-article named graphs."""
    made = StreamedDataset()
    for rec in records:
        made.add(rec)
    return made.finish(res)


class StreamedDataset:
    """A dataset made while extraction runs: each article's local part (local_triples, most of its graph)
    goes in as its record comes, the rest once resolution has seen the whole corpus (finish).

    Extraction in worker processes leaves the building process idle until the last record; filling the
    dataset meanwhile leaves little to do after it.
    """

    def __init__(self) -> None:
        from .links.corpus import article_features

        self.dataset = new_dataset()
        self.records: list[ArticleRecord] = []
        self.features: list = []
        self._features = article_features

    def add(self, rec: ArticleRecord) -> None:
        """One article's record: its local part into its graph now."""
        with no_collection_pauses():
            add_graph(self.dataset, article_iri(rec), local_triples(rec))
        self.records.append(rec)
        self.features.append(self._features(rec))

    def finish(self, res: Resolution) -> Dataset:
        """The resolved part of every graph, once `res` resolves the records added."""
        from .links.corpus import link_corpus

        policies = policy_iris(self.records, res)
        links = link_corpus(self.records, self.features, res, policies)
        ds = self.dataset
        with no_collection_pauses():
            for i, rec in enumerate(self.records):
                name = article_iri(rec)
                if complete(i, rec, res):
                    add_graph(ds, name, resolved_triples(i, rec, res, policies, links))
                else:  # the local part holds spans of an entity without a node: the graph is made whole
                    ds.remove((None, None, None, ds.graph(name)))
                    add_graph(ds, name, article_triples(i, rec, res, policies, links))
        return ds


@contextmanager
def no_collection_pauses() -> Iterator[None]:
    """Python's cycle collector off while the memory store fills: its millions of dicts hold no garbage, yet
    every full collection walked all of them (a sixth to a third of the time of making the graph of 500
    articles)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class TripleList(dict):
    """An article's triples, each once, in the order they were made: several times faster to fill than an
    rdflib Graph, it drops the entity triples an article repeats before any store sees them, and keeps the
    graph file's order the same from one build to the next (a set's would change with the hash seed)."""

    def add(self, triple: tuple) -> None:
        self[triple] = None


def article_triples(i: int, rec: ArticleRecord, res: Resolution, policies,
                    links: Links | None = None) -> TripleList:
    """The triples of article `i`, ready for a dataset or a store: its own part and its resolved part."""
    triples = local_triples(rec, lambda key: res.iri(i, key) is not None)
    for triple in resolved_triples(i, rec, res, policies, links):
        triples.add(triple)
    return triples


def local_triples(rec: ArticleRecord, has_node: Callable[[str], bool] = lambda key: True) -> TripleList:
    """The part of an article's graph that no other article changes: the article itself but its seal (the
    content hash), every span as a mention, the statements but who said them, the figures but who reported
    them. About three quarters of a graph, it can be made while the next articles are still being
    extracted.

    `has_node(key)` says whether an entity of the record got a node (resolution drops none today); the spans of
    one that did not, and of what it said, belong to no graph. A build that makes this part before resolution
    takes every entity to have one, and checks that with `complete` once resolution is done.
    """
    g = TripleList()
    _article(g, rec)
    for key, e in rec.entities.items():
        if has_node(key):
            for span in e.mentions:
                _mention_body(g, rec, span)
    _statements(g, rec, has_node)
    _figures(g, rec)
    for p in rec.policies:
        for span in p.spans:
            _mention_body(g, rec, span)
    add_standard_terms(g)  # schema:, org:, prov:, dcterms: beside the nkg: terms (kg.standard)
    return g


def complete(i: int, rec: ArticleRecord, res: Resolution) -> bool:
    """Whether every entity and every speaker of article `i` got a node, so that its local part made before
    resolution is its own."""
    return (all(res.iri(i, key) is not None for key in rec.entities)
            and all(res.iri(i, s.speaker) is not None for s in rec.statements if s.speaker))


def resolved_triples(i: int, rec: ArticleRecord, res: Resolution, policies, links: Links | None = None
                     ) -> TripleList:
    """The part of article `i`'s graph that depends on the whole corpus: its entities as resolved, who said
    its statements and reported its figures, its policies, its share of the links across articles (kg.links),
    and last its seal.

    `res`, `policies` and `links` come from the whole corpus, so an article's graph depends on the others
    only through them; that is what lets a store build emit and write one graph at a time.
    """
    g = TripleList()
    _entities(g, i, rec, res)
    _speakers(g, i, rec, res)
    _reporters(g, i, rec, res)
    _policies(g, i, rec, res, policies)
    if links is not None:
        _links(g, i, rec, res, links)
    g.add((article_iri(rec), NKG.contentHash, Literal(rec.article.sha256)))
    add_standard_terms(g)
    return g


def _article(g: Graph, rec: ArticleRecord) -> None:
    a, art = article_iri(rec), rec.article
    g.add((a, RDF.type, NKG.Article))
    g.add((a, DCTERMS.identifier, Literal(art.identifier)))
    g.add((a, NKG.body, Literal(art.body)))
    if art.title:
        g.add((a, DCTERMS.title, Literal(art.title)))
    if art.source:
        g.add((a, NKG.outlet, Literal(art.source)))
    if art.date:
        g.add((a, NKG.date, Literal(art.date, datatype=XSD.date)))
    if art.url:
        g.add((a, NKG.url, Literal(art.url, datatype=XSD.anyURI)))
    for key, value in art.metadata:
        g.add((a, NKG.header, Literal(f"{key}: {value}")))


def mention_iri(rec: ArticleRecord, span: Span) -> URIRef:
    return ID[f"mention/{rec.article.slug}/{span.begin}-{span.end}"]


def _mention(g: Graph, rec: ArticleRecord, node: URIRef, span: Span) -> None:
    """A node's mention, with the mention's own triples."""
    g.add((node, NKG.mention, mention_iri(rec, span)))
    _mention_body(g, rec, span)


def _mention_body(g: Graph, rec: ArticleRecord, span: Span) -> None:
    """A span as a mention node: where it is and what it reads."""
    m, article, text = mention_iri(rec, span), article_iri(rec), Literal(rec.article.body[span.begin:span.end])
    g.add((m, RDF.type, NKG.Mention))
    g.add((m, NKG.beginIndex, offset(span.begin)))
    g.add((m, NKG.endIndex, offset(span.end)))
    g.add((m, NKG.anchorOf, text))
    g.add((m, NKG.source, article))
    add_selectors(g, m, article, text, span.begin, span.end)


def _node(g: Graph, res: Resolution, iri: URIRef) -> None:
    """An entity's own triples, repeated in every article graph that mentions it (made once per build)."""
    made = res.triples.get(iri)
    if made is None:
        made = res.triples[iri] = tuple(_node_triples(res, iri))
    for triple in made:
        g.add(triple)


def _node_triples(res: Resolution, iri: URIRef) -> Iterator[tuple]:
    node = res.nodes[iri]
    yield iri, RDF.type, CLASSES[node.kind]
    yield iri, RDFS.label, Literal(_display_label(res, iri))
    if node.country:
        yield iri, NKG.country, Literal(node.country)
    if node.part_of is not None and node.part_of in res.nodes:
        yield iri, NKG.partOf, node.part_of  # the state a region or city government is part of
        yield from _node_triples(res, node.part_of)
    if node.unnamed:
        yield iri, NKG.unnamed, Literal(True)
    if node.kind == OFFICIAL:
        for title in sorted(node.titles):
            yield iri, NKG.title, Literal(title)
    if node.kind in (OFFICIAL, PERSON) and node.government:
        yield iri, NKG.memberOf, node.government
        yield from _node_triples(res, node.government)


def _display_label(res: Resolution, iri: URIRef) -> str:
    node = res.nodes[iri]
    if node.unnamed and node.government:
        return f"{node.label} ({res.nodes[node.government].label})"
    return node.label


def _entities(g: Graph, i: int, rec: ArticleRecord, res: Resolution) -> None:
    for key, e in rec.entities.items():
        iri = res.iri(i, key)
        if iri is None:
            continue
        _node(g, res, iri)
        label = _display_label(res, iri)
        for name in sorted(e.names | {e.name}):
            name = " ".join(name.split())
            if name and name != label:
                g.add((iri, SKOS.altLabel, Literal(name)))
        for span in e.mentions:
            g.add((iri, NKG.mention, mention_iri(rec, span)))  # the mention itself is in the local part


def _short(text: str) -> str:
    words = text.split()
    return " ".join(words[:LABEL_WORDS]) + ("…" if len(words) > LABEL_WORDS else "")


def decimal_lexical(value: float) -> str:
    """The canonical xsd:decimal form ("14.0"), which every serializer writes back unchanged."""
    text = clean_number(value)
    return text if "." in text else text + ".0"


def statement_iri(identifier: str, speaker: str, text: str) -> URIRef:
    """A statement's IRI, from its article, its speaker's key in the article's record and its words: the same
    words said again by the same speaker of an article are one statement. Not from the speaker's node, which
    the other articles of a corpus decide: the statement is made before them (local_triples) and keeps its
    IRI when a later build names its speaker otherwise."""
    return ID[f"statement/{digest(identifier, speaker, text)}"]


def figure_iri(identifier: str, f) -> URIRef:
    return ID[f"figure/{digest(identifier, f.surface.begin, f.surface.end, f.value)}"]


def _statements(g: Graph, rec: ArticleRecord, has_node: Callable[[str], bool]) -> None:
    """The statements as read, each with its mentions; who said one is resolved later (_speakers)."""
    a = article_iri(rec)
    made = set()
    for s in rec.statements:
        if not (s.speaker and has_node(s.speaker)):
            continue
        iri = statement_iri(rec.article.identifier, s.speaker, s.text)
        if iri in made:  # the same words of the same speaker said again in the article: one statement, one
            g.add((iri, NKG.evidence, Literal(s.evidence)))  # more mention (its first verb, date and rule)
            _mention(g, rec, iri, s.span)
            continue
        made.add(iri)
        g.add((iri, RDF.type, NKG.Statement))
        g.add((iri, RDFS.label, Literal(_short(s.text))))
        g.add((iri, NKG.text, Literal(s.text)))
        g.add((iri, NKG.direct, Literal(s.direct)))
        if s.verb:
            g.add((iri, NKG.verb, Literal(s.verb)))
        g.add((iri, NKG.rule, Literal(s.rule)))
        if s.date:
            g.add((iri, NKG.date, Literal(s.date, datatype=XSD.date)))
        g.add((iri, NKG.source, a))
        g.add((iri, NKG.evidence, Literal(s.evidence)))
        _mention(g, rec, iri, s.span)


def _speakers(g: Graph, i: int, rec: ArticleRecord, res: Resolution) -> None:
    for s in rec.statements:
        speaker = res.iri(i, s.speaker)
        if speaker is not None:
            g.add((statement_iri(rec.article.identifier, s.speaker, s.text), NKG.speaker, speaker))
            _node(g, res, speaker)


def _figures(g: Graph, rec: ArticleRecord) -> None:
    """The figures as read, each with its mentions; who reported one is resolved later (_reporters)."""
    a = article_iri(rec)
    for f in rec.figures:
        iri = figure_iri(rec.article.identifier, f)
        g.add((iri, RDF.type, NKG.Figure))
        # the label writes the number without thousands separators, so "140,000" is found as 140000
        label = f.surface.text.replace(",", "") + (f" — {f.measure}" if f.measure else "")
        g.add((iri, RDFS.label, Literal(label)))
        g.add((iri, NKG.value, Literal(decimal_lexical(f.value), datatype=XSD.decimal)))
        if f.unit:
            g.add((iri, NKG.unit, Literal(f.unit)))
        if f.measure:
            g.add((iri, NKG.measure, Literal(f.measure)))
        g.add((iri, NKG.approximate, Literal(f.approximate)))
        g.add((iri, NKG.rule, Literal(f.rule)))
        g.add((iri, NKG.source, a))
        g.add((iri, NKG.evidence, Literal(f.evidence)))
        for span in [f.surface, *f.mentions]:
            _mention(g, rec, iri, span)


def _reporters(g: Graph, i: int, rec: ArticleRecord, res: Resolution) -> None:
    for f in rec.figures:
        reporter = res.iri(i, f.reporter)
        if reporter is not None:
            g.add((figure_iri(rec.article.identifier, f), NKG.reportedBy, reporter))
            _node(g, res, reporter)


def policy_iris(records: list[ArticleRecord], res: Resolution) -> dict[tuple[int, int], PolicyNode]:
    """One node per policy across the corpus, with what every article graph says of it (kg.links.policies
    says which mentions of which articles are one policy)."""
    from .links.policies import policy_clusters

    return policy_clusters(records, res)


def _policies(g: Graph, i: int, rec: ArticleRecord, res: Resolution, nodes) -> None:
    a = article_iri(rec)
    for j, p in enumerate(rec.policies):
        node = nodes[(i, j)]
        iri = node.iri
        g.add((iri, RDF.type, NKG.Policy))
        g.add((iri, RDFS.label, Literal(node.label)))
        issuer = res.iri(i, p.issuer)
        if issuer is not None:
            g.add((iri, NKG.issuedBy, issuer))
            _node(g, res, issuer)
        if node.deadline:
            g.add((iri, NKG.deadline, Literal(node.deadline, datatype=XSD.date)))
        if node.status:
            g.add((iri, NKG.status, Literal(node.status)))
        for rule in node.rules:
            g.add((iri, NKG.rule, Literal(rule)))
        g.add((iri, NKG.source, a))
        for ev in p.evidence:
            g.add((iri, NKG.evidence, Literal(ev)))
        for span in p.spans:
            g.add((iri, NKG.mention, mention_iri(rec, span)))


def _links(g: Graph, i: int, rec: ArticleRecord, res: Resolution, links: Links) -> None:
    """This article's share of the cross-source links: its figures' groups and disagreements, its statements'
    answers and subjects, its policies' steps."""
    for k, f in enumerate(rec.figures):
        fig = figure_iri(rec.article.identifier, f)
        profile = links.profiles[i][k]
        if profile.when:
            g.add((fig, NKG.referenceDate, Literal(profile.when, datatype=XSD.date)))
        group = links.figures.group_of.get((i, k))
        if group is None:
            continue
        info = links.figures.groups[group]
        g.add((group, RDF.type, NKG.FigureGroup))
        g.add((group, RDFS.label, Literal(info.label)))
        g.add((group, NKG.series, Literal(info.series)))
        g.add((group, NKG.member, fig))
        g.add((fig, NKG.lowerBound, Literal(decimal_lexical(round(profile.low, 6)), datatype=XSD.decimal)))
        g.add((fig, NKG.upperBound, Literal(decimal_lexical(round(profile.high, 6)), datatype=XSD.decimal)))
        for other in sorted(links.figures.disagrees.get((i, k), ())):
            g.add((fig, NKG.disagreesWith, other))
    for k, s in enumerate(rec.statements):
        if res.iri(i, s.speaker) is None:
            continue
        iri = statement_iri(rec.article.identifier, s.speaker, s.text)
        for target, stance in links.responds.get((i, k), ()):
            g.add((iri, NKG.respondsTo, target))
            g.add((iri, NKG.stance, Literal(stance)))
        for node in sorted(links.about.get((i, k), ())):
            g.add((iri, NKG.about, node))
    for node in links.events.get(i, ()):
        _event(g, rec, node)


def _event(g: Graph, rec: ArticleRecord, node) -> None:
    ev, iri = node.event, node.iri
    g.add((node.policy, NKG.event, iri))
    g.add((iri, RDF.type, NKG.PolicyEvent))
    g.add((iri, RDFS.label, Literal(ev.kind + (f" {node.deadline.isoformat()}" if node.deadline else ""))))
    g.add((iri, NKG.eventType, Literal(ev.kind)))
    if ev.when:
        g.add((iri, NKG.date, Literal(ev.when, datatype=XSD.date)))
    if node.deadline:
        g.add((iri, NKG.newDeadline, Literal(node.deadline, datatype=XSD.date)))
    if node.actor is not None:
        g.add((iri, NKG.actor, node.actor))
    if ev.spared:
        g.add((iri, NKG.spared, Literal(ev.spared)))
    g.add((iri, NKG.source, article_iri(rec)))
    g.add((iri, NKG.evidence, Literal(ev.evidence)))
    _mention(g, rec, iri, ev.span)
