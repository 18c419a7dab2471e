"""A synthetic news corpus of any size, following docs/graph-contract.md, for the page's big-graph tests and bench.

Governments each lead a cluster of officials, persons, organisations and policies; speakers are quoted with a
long tail (a few often, most rarely) and mostly about their own cluster, as news is. Every node carries the
span it is written at, so the page can mark each one in its article.
"""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from rdflib import RDF, RDFS, XSD, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.graphio import new_dataset
from kg.vocab import ID, NKG

# share of entities per class, about what a year of migration news gives
SHARES = (("government", NKG.Government, 0.01), ("official", NKG.Official, 0.45),
          ("person", NKG.Person, 0.25), ("org", NKG.Organization, 0.15), ("policy", NKG.Policy, 0.14))
VERBS = ("say", "warn", "reject", "urge", "deny", "welcome", "announce")
SURNAMES = ("Abara", "Belo", "Corran", "Dusk", "Elvey", "Farro", "Gant", "Hollis", "Ibsen", "Jarro", "Kell",
            "Lorne", "Marek", "Nolan", "Orrin", "Pell", "Quill", "Rusk", "Sarne", "Tolly", "Ulm", "Varo", "Wen")
FIRST = ("Ada", "Bram", "Cleo", "Dov", "Esme", "Finn", "Gia", "Hal", "Iris", "Jon", "Kira", "Leo", "Mina")


@dataclass
class _Entity:
    iri: URIRef
    cls: URIRef
    name: str
    cluster: int
    member: URIRef | None = None
    title: str | None = None


@dataclass
class _Article:
    """One article's named graph: sentences appended to a body, each node with the span it is written at."""

    ds: Dataset
    number: int
    day: date
    body: str = ""
    seen: dict = field(default_factory=dict)

    def __post_init__(self):
        self.slug = f"story-{self.number:05d}"
        self.iri = ID[f"article/{self.slug}"]
        self.g = self.ds.graph(self.iri)
        self.g.add((self.iri, RDF.type, NKG.Article))
        self.g.add((self.iri, DCTERMS.identifier, Literal(f"{self.slug}.txt")))
        self.g.add((self.iri, DCTERMS.title, Literal(f"Story {self.number} of the border talks")))
        self.g.add((self.iri, NKG.date, Literal(self.day.isoformat(), datatype=XSD.date)))

    def write(self, parts) -> tuple[int, int]:
        """Append a sentence of (text, node or None) parts; each node gets a mention at its text."""
        start = len(self.body)
        for text, node in parts:
            if node is not None:
                self.mention(node, len(self.body), text)
            self.body += text
        self.body += ". "
        return start, len(self.body) - 1

    def mention(self, node, begin: int, text: str) -> None:
        if isinstance(node, _Entity):
            self.seen[node.iri] = node
            node = node.iri
        end = begin + len(text)
        m = ID[f"mention/{self.slug}/{begin}-{end}"]
        for triple in ((node, NKG.mention, m), (m, RDF.type, NKG.Mention), (m, NKG.anchorOf, Literal(text)),
                       (m, NKG.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)),
                       (m, NKG.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)), (m, NKG.source, self.iri)):
            self.g.add(triple)

    def claim(self, cls, key: str, label: str, sentence: tuple[int, int]) -> URIRef:
        iri = ID[f"{cls.fragment.lower()}/" + hashlib.sha1(f"{self.slug}/{key}".encode()).hexdigest()[:16]]
        for triple in ((iri, RDF.type, cls), (iri, RDFS.label, Literal(label)), (iri, NKG.source, self.iri),
                       (iri, NKG.evidence, Literal(self.body[sentence[0]:sentence[1]]))):
            self.g.add(triple)
        return iri

    def close(self) -> None:
        """Record the body, and each entity it names as the contract repeats them in every article graph."""
        self.g.add((self.iri, NKG.body, Literal(self.body)))
        self.g.add((self.iri, NKG.contentHash, Literal(hashlib.sha256(self.body.encode()).hexdigest())))
        for e in self.seen.values():
            self.g.add((e.iri, RDF.type, e.cls))
            self.g.add((e.iri, RDFS.label, Literal(e.name)))
            if e.cls != NKG.Policy:
                self.g.add((e.iri, SKOS.altLabel, Literal(e.name.split()[-1])))
            if e.member is not None:
                self.g.add((e.iri, NKG.memberOf if e.cls != NKG.Policy else NKG.issuedBy, e.member))
            if e.title:
                self.g.add((e.iri, NKG.title, Literal(e.title)))


def _entities(n_entities: int, rnd: random.Random) -> list[_Entity]:
    counts = {kind: max(1, round(share * n_entities)) for kind, _, share in SHARES}
    counts["official"] += n_entities - sum(counts.values())
    n_govs = counts["government"]
    govs = [_Entity(ID[f"government/g{i}"], NKG.Government, f"Republic of {SURNAMES[i % 23]}{'ia' * (1 + i // 23)}", i)
            for i in range(n_govs)]
    out = list(govs)
    for kind, cls, _ in SHARES[1:]:
        for i in range(counts[kind]):
            cluster = rnd.randrange(n_govs)
            if kind == "policy":
                e = _Entity(ID[f"policy/p{i}"], cls, f"{FIRST[i % 13]} rule number {i}", cluster, govs[cluster].iri)
            elif kind == "org":
                e = _Entity(ID[f"org/o{i}"], cls, f"{SURNAMES[i % 23]} Relief Group {i}", cluster)
            else:
                name = f"{FIRST[i % 13]} {SURNAMES[(i // 13) % 23]}{kind[0]}{i}"
                e = _Entity(ID[f"agent/{kind}-{i}"], cls, name, cluster,
                            govs[cluster].iri if kind == "official" else None,
                            "Minister of the Interior" if kind == "official" else None)
            out.append(e)
    return out


def _zipf(items: list, rnd: random.Random):
    """An item drawn with weight 1/rank: a few are picked often, most rarely."""
    weights = [1 / (i + 1) for i in range(len(items))]
    return lambda: rnd.choices(items, weights)[0]


def synthetic_corpus(n_entities: int = 2000, n_statements: int = 10000, *, seed: int = 7,
                     per_article: int = 20, first_day: date = date(2024, 1, 1)) -> Dataset:
    """A corpus of about n_entities entities and n_statements statements, with a figure per three statements."""
    rnd = random.Random(seed)
    entities = _entities(n_entities, rnd)
    speakers = [e for e in entities if e.cls != NKG.Policy]
    rnd.shuffle(speakers)
    pick_speaker = _zipf(speakers, rnd)
    clusters: dict[int, list] = {}
    for e in entities:
        clusters.setdefault(e.cluster, []).append(e)
    pick_in = {c: _zipf(sorted(members, key=lambda e: (e.cls != NKG.Government, str(e.iri))), rnd)
               for c, members in clusters.items()}
    pick_any = _zipf(entities, rnd)
    ds = new_dataset()
    unspoken = list(entities)  # every entity is written at least once, so all of them are on the map
    n_articles = max(1, -(-n_statements // per_article))
    for a in range(n_articles):
        article = _Article(ds, a, first_day + timedelta(days=a * 365 // n_articles))
        for k in range(per_article):
            number = a * per_article + k
            if number >= n_statements:
                break
            who = pick_speaker()
            about = unspoken.pop() if unspoken else (pick_in[who.cluster]() if rnd.random() < 0.95 else pick_any())
            if about is who:
                about = pick_any()
            _statement(article, number, who, about, rnd)
            if k % 3 == 0:
                _figure(article, number, who, about, rnd)
        article.close()
    return ds


def _statement(article: _Article, number: int, who: _Entity, about: _Entity, rnd: random.Random) -> None:
    verb = rnd.choice(VERBS)
    claim = f"{about.name} must change course on matter {number}"
    direct = rnd.random() < 0.4
    if direct:
        parts = [("\u201c", None), (about.name, about), (f" must change course on matter {number},\u201d ", None),
                 (who.name, who), (" said", None)]
        begin = len(article.body) + 1
    else:
        parts = [(who.name, who), (f" {verb}s that ", None), (about.name, about),
                 (f" must change course on matter {number}", None)]
        begin = len(article.body) + len(who.name) + len(f" {verb}s that ")
    sentence = article.write(parts)
    iri = article.claim(NKG.Statement, f"s{number}", " ".join(claim.split()[:8]), sentence)
    article.mention(iri, begin, claim)
    g = article.g
    g.add((iri, NKG.speaker, who.iri))
    g.add((iri, NKG.text, Literal(claim)))
    g.add((iri, NKG.direct, Literal(direct)))
    g.add((iri, NKG.verb, Literal("say" if direct else verb)))
    g.add((iri, NKG.date, Literal(article.day.isoformat(), datatype=XSD.date)))


def _figure(article: _Article, number: int, who: _Entity, about: _Entity, rnd: random.Random) -> None:
    amount = f"{rnd.randint(2, 900)} thousand"
    begin = len(article.body) + len(who.name) + len(" counted ")
    sentence = article.write([(who.name, who), (" counted ", None), (amount, None), (" people near ", None),
                              (about.name, about)])
    iri = article.claim(NKG.Figure, f"f{number}", f"{amount} \u2014 people near {about.name}", sentence)
    article.mention(iri, begin, amount)
    g = article.g
    g.add((iri, NKG.value, Literal(amount.split()[0] + "000", datatype=XSD.decimal)))
    g.add((iri, NKG.measure, Literal(f"people near {about.name}")))
    g.add((iri, NKG.approximate, Literal(False)))
    g.add((iri, NKG.reportedBy, who.iri))
