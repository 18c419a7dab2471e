"""Graphs for the query, export, validation and stats tests.

`small_dataset()` is a two-article graph written by hand, following docs/graph-contract.md to the letter, so
those modules can be tested without the extractors; the seed corpus itself comes from the `seeds_result`
fixture in conftest.py.
"""
from __future__ import annotations

import hashlib
import re

from rdflib import RDF, RDFS, XSD, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.graphio import new_dataset
from kg.vocab import ID, NKG

BODY_1 = (
    "Pakistan estimates that there are 1.73 million undocumented Afghan immigrants living in the country. "
    "Interim Interior Minister Sarfraz Bugti alleged that Afghan citizens carried out 14 of 24 suicide bombings. "
    "The Taliban spokesman Zabihullah Mujahid has rejected this claim. "
    "Pakistan set a November 1 deadline for undocumented Afghans to leave."
)
BODY_2 = (
    "Of the more than 4 million Afghans living in Pakistan, the government estimates 1.7 million are undocumented. "
    "\u201cThis has no linkages with the TTP issue,\u201d a senior government official said. "
    "Kabul has dismissed the accusations."
)

PAKISTAN = ID["government/pk"]
AFGHANISTAN = ID["government/af"]
BUGTI = ID["agent/sarfraz-bugti"]
MUJAHID = ID["agent/zabihullah-mujahid"]
UNNAMED = ID["agent/a2-senior-government-official"]
DEADLINE = ID["policy/" + hashlib.sha1(b"nov1").hexdigest()[:16]]


class _Article:
    """Writes one article's named graph the way the contract says, computing spans from the body."""

    def __init__(self, ds: Dataset, slug: str, body: str, date: str, title: str):
        self.iri = ID[f"article/{slug}"]
        self.slug, self.body = slug, body
        self.g = ds.graph(self.iri)
        g, a = self.g, self.iri
        g.add((a, RDF.type, NKG.Article))
        g.add((a, DCTERMS.identifier, Literal(f"{slug}.txt")))
        g.add((a, DCTERMS.title, Literal(title)))
        g.add((a, NKG.date, Literal(date, datatype=XSD.date)))
        g.add((a, NKG.body, Literal(body)))
        g.add((a, NKG.contentHash, Literal(hashlib.sha256(body.encode()).hexdigest())))

    def mention(self, node: URIRef, text: str) -> None:
        begin = self.body.index(text)
        end = begin + len(text)
        m = ID[f"mention/{self.slug}/{begin}-{end}"]
        self.g.add((node, NKG.mention, m))
        self.g.add((m, RDF.type, NKG.Mention))
        self.g.add((m, NKG.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)))
        self.g.add((m, NKG.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
        self.g.add((m, NKG.anchorOf, Literal(text)))
        self.g.add((m, NKG.source, self.iri))

    def sentence(self, text: str) -> str:
        return next(s for s in re.split(r"(?<=[.])\s+", self.body) if text in s)

    def entity(self, iri, cls, label, surface, *, alias=None, title=None, member=None, country=None, unnamed=False):
        g = self.g
        g.add((iri, RDF.type, cls))
        g.add((iri, RDFS.label, Literal(label)))
        if alias:
            g.add((iri, SKOS.altLabel, Literal(alias)))
        if title:
            g.add((iri, NKG.title, Literal(title)))
        if member:
            g.add((iri, NKG.memberOf, member))
        if country:
            g.add((iri, NKG.country, Literal(country)))
        if unnamed:
            g.add((iri, NKG.unnamed, Literal(True)))
        self.mention(iri, surface)

    def statement(self, speaker, text, *, direct, verb, date):
        iri = ID["statement/" + hashlib.sha1(f"{self.slug}{speaker}{text}".encode()).hexdigest()[:16]]
        g = self.g
        g.add((iri, RDF.type, NKG.Statement))
        g.add((iri, RDFS.label, Literal(" ".join(text.split()[:8]))))
        g.add((iri, NKG.speaker, speaker))
        g.add((iri, NKG.text, Literal(text)))
        g.add((iri, NKG.direct, Literal(direct)))
        g.add((iri, NKG.verb, Literal(verb)))
        g.add((iri, NKG.date, Literal(date, datatype=XSD.date)))
        g.add((iri, NKG.source, self.iri))
        g.add((iri, NKG.evidence, Literal(self.sentence(text))))
        self.mention(iri, text)
        return iri

    def figure(self, surface, value, measure, *, reporter=None, approximate=False):
        iri = ID["figure/" + hashlib.sha1(f"{self.slug}{surface}".encode()).hexdigest()[:16]]
        g = self.g
        g.add((iri, RDF.type, NKG.Figure))
        g.add((iri, RDFS.label, Literal(f"{surface} — {measure}")))
        g.add((iri, NKG.value, Literal(value, datatype=XSD.decimal)))
        g.add((iri, NKG.measure, Literal(measure)))
        g.add((iri, NKG.approximate, Literal(approximate)))
        if reporter:
            g.add((iri, NKG.reportedBy, reporter))
        g.add((iri, NKG.source, self.iri))
        g.add((iri, NKG.evidence, Literal(self.sentence(surface))))
        self.mention(iri, surface)
        return iri


def small_dataset() -> Dataset:
    """Two short articles: a figure reported twice, a rejection, an unnamed official, one policy."""
    ds = new_dataset()
    a1 = _Article(ds, "a1", BODY_1, "2023-10-04", "Pakistan sets deadline")
    a1.entity(PAKISTAN, NKG.Government, "Pakistan", "Pakistan", country="PK")
    a1.entity(AFGHANISTAN, NKG.Government, "Afghanistan", "Taliban", alias="Taliban", country="AF")
    a1.entity(BUGTI, NKG.Official, "Sarfraz Bugti", "Sarfraz Bugti", alias="Bugti",
              title="Interim Interior Minister", member=PAKISTAN)
    a1.entity(MUJAHID, NKG.Official, "Zabihullah Mujahid", "Zabihullah Mujahid", title="spokesman",
              member=AFGHANISTAN)
    a1.statement(BUGTI, "Afghan citizens carried out 14 of 24 suicide bombings", direct=False, verb="allege",
                 date="2023-10-03")
    a1.statement(MUJAHID, "has rejected this claim", direct=False, verb="reject", date="2023-10-04")
    a1.figure("1.73 million", "1730000.0", "undocumented Afghan immigrants", reporter=PAKISTAN)
    g = a1.g
    g.add((DEADLINE, RDF.type, NKG.Policy))
    g.add((DEADLINE, RDFS.label, Literal("November 1 deadline for undocumented Afghans to leave")))
    g.add((DEADLINE, NKG.issuedBy, PAKISTAN))
    g.add((DEADLINE, NKG.deadline, Literal("2023-11-01", datatype=XSD.date)))
    g.add((DEADLINE, NKG.source, a1.iri))
    g.add((DEADLINE, NKG.evidence, Literal(a1.sentence("November 1 deadline"))))
    a1.mention(DEADLINE, "November 1 deadline")

    a2 = _Article(ds, "a2", BODY_2, "2023-11-01", "Afghans leave Pakistan")
    a2.entity(PAKISTAN, NKG.Government, "Pakistan", "Pakistan", country="PK")
    a2.entity(AFGHANISTAN, NKG.Government, "Afghanistan", "Kabul", alias="Kabul", country="AF")
    a2.entity(UNNAMED, NKG.Official, "senior government official (Pakistan)", "a senior government official",
              alias="a senior government official", member=PAKISTAN, unnamed=True)
    a2.statement(UNNAMED, "This has no linkages with the TTP issue,", direct=True, verb="say", date="2023-11-01")
    a2.statement(AFGHANISTAN, "has dismissed the accusations", direct=False, verb="dismiss", date="2023-11-01")
    a2.figure("4 million", "4000000.0", "Afghans living in Pakistan", approximate=True)
    a2.figure("1.7 million", "1700000.0", "undocumented", reporter=PAKISTAN)
    return ds


def copy_dataset(ds: Dataset) -> Dataset:
    """A changeable copy of a dataset, named graphs included."""
    out = new_dataset()
    for s, p, o, c in ds.quads((None, None, None, None)):
        out.graph(c if isinstance(c, URIRef) else c.identifier).add((s, p, o))
    return out
