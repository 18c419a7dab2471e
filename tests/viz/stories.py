"""Graphs written by hand after docs/graph-contract.md for the page's tests: each node with the span it is read from.

`border_story()` is two short articles of invented news, a month apart: a government and its minister, a
rival government's spokesman, a deadline both argue about, a figure. `hostile_dataset()` adds an article
whose names, quote and sentences are markup and script.
"""
from __future__ import annotations

import hashlib
import re

from rdflib import RDF, RDFS, XSD, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg import graphio
from kg.vocab import ID, NKG

from ..kg_fixtures import PAKISTAN, copy_dataset, small_dataset

HOSTILE_SCRIPT = '</script><script>window.__pwned = "script";</script>'
HOSTILE_IMG = '<img src=x onerror="window.__pwned = \'img\'">'
HOSTILE_LINK = '<a href="https://evil.example/x.js" onclick="window.__pwned=1">href</a>'
HOSTILE_TEMPLATE = "{{ 7 * 7 }}"


class Story:
    """One article's named graph: type, title, date, body, and nodes with their spans."""

    def __init__(self, ds: Dataset, slug: str, body: str, *, title: str, date: str | None = "2024-05-01"):
        self.iri, self.slug, self.body = ID[f"article/{slug}"], slug, body
        self.g = ds.graph(self.iri)
        self.add(self.iri, RDF.type, NKG.Article)
        self.add(self.iri, DCTERMS.identifier, Literal(f"{slug}.txt"))
        self.add(self.iri, DCTERMS.title, Literal(title))
        self.add(self.iri, NKG.body, Literal(body))
        self.add(self.iri, NKG.contentHash, Literal(hashlib.sha256(body.encode()).hexdigest()))
        if date:
            self.add(self.iri, NKG.date, Literal(date, datatype=XSD.date))

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def mention(self, node: URIRef, text: str, after: str = "") -> tuple[int, int]:
        """A span of node at the first text after the words `after` (or from the start)."""
        begin = self.body.index(text, self.body.index(after) if after else 0)
        m = ID[f"mention/{self.slug}/{begin}-{begin + len(text)}"]
        self.add(node, NKG.mention, m)
        self.add(m, RDF.type, NKG.Mention)
        self.add(m, NKG.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger))
        self.add(m, NKG.endIndex, Literal(begin + len(text), datatype=XSD.nonNegativeInteger))
        self.add(m, NKG.anchorOf, Literal(text))
        self.add(m, NKG.source, self.iri)
        return begin, begin + len(text)

    def sentence(self, text: str) -> str:
        return next(s for s in re.split(r"(?<=\.)\s+", self.body) if text in s)

    def entity(self, iri, cls, label, surface, *, aliases=(), title=None, member=None, after="") -> URIRef:
        self.add(iri, RDF.type, cls)
        self.add(iri, RDFS.label, Literal(label))
        for alias in aliases:
            self.add(iri, SKOS.altLabel, Literal(alias))
        if title:
            self.add(iri, NKG.title, Literal(title))
        if member:
            self.add(iri, NKG.memberOf, member)
        self.mention(iri, surface, after)
        return iri

    def claim(self, kind: str, cls, label: str, surface: str) -> URIRef:
        iri = ID[f"{kind}/" + hashlib.sha1(f"{self.slug}{surface}".encode()).hexdigest()[:16]]
        self.add(iri, RDF.type, cls)
        self.add(iri, RDFS.label, Literal(label))
        self.add(iri, NKG.source, self.iri)
        self.add(iri, NKG.evidence, Literal(self.sentence(surface)))
        self.mention(iri, surface)
        return iri

    def statement(self, speaker, text: str, *, direct=False, verb="say", date=None) -> URIRef:
        iri = self.claim("statement", NKG.Statement, " ".join(text.split()[:8]), text)
        self.add(iri, NKG.speaker, speaker)
        self.add(iri, NKG.text, Literal(text))
        self.add(iri, NKG.direct, Literal(direct))
        self.add(iri, NKG.verb, Literal(verb))
        if date:
            self.add(iri, NKG.date, Literal(date, datatype=XSD.date))
        return iri

    def figure(self, surface: str, value: str, measure: str, reporter=None) -> URIRef:
        iri = self.claim("figure", NKG.Figure, f"{surface} \u2014 {measure}", surface)
        self.add(iri, NKG.value, Literal(value, datatype=XSD.decimal))
        self.add(iri, NKG.measure, Literal(measure))
        self.add(iri, NKG.approximate, Literal(False))
        if reporter:
            self.add(iri, NKG.reportedBy, reporter)
        return iri

    def policy(self, label: str, surface: str, issuer, deadline: str | None = None) -> URIRef:
        iri = self.claim("policy", NKG.Policy, label, surface)
        self.add(iri, NKG.issuedBy, issuer)
        if deadline:
            self.add(iri, NKG.deadline, Literal(deadline, datatype=XSD.date))
        return iri


VELMORA, OSTRAND = ID["government/velmora"], ID["government/ostrand"]
LEE, TAM = ID["agent/ann-lee"], ID["agent/ravi-tam"]
BODY_A = ("Velmora's Interior Minister Ann Lee said Ostrand must respect the March deadline. "
          "The government set the March deadline for all camps to close. "
          "Officials say 300 families reached Velmora from Ostrand.")
BODY_B = ("\u201cWe will not accept the March deadline,\u201d said Ostrand spokesman Ravi Tam. "
          "Ann Lee warned that Ostrand would face new checks. Tam rejected the claim on Wednesday.")


def border_story() -> tuple[Dataset, dict]:
    """Two invented articles a month apart, and the nodes they hold by name."""
    ds = graphio.new_dataset()
    a = Story(ds, "velmora-deadline", BODY_A, title="Velmora sets a border deadline", date="2024-03-01")
    a.entity(VELMORA, NKG.Government, "Velmora", "Velmora", aliases=["Velmoran government"])
    a.entity(OSTRAND, NKG.Government, "Ostrand", "Ostrand")
    a.entity(LEE, NKG.Official, "Ann Lee", "Ann Lee", title="Interior Minister", member=VELMORA)
    deadline = a.policy("March deadline for all camps to close", "March deadline", VELMORA, "2024-03-31")
    lee_march = a.statement(LEE, "Ostrand must respect the March deadline", date="2024-03-01")
    families = a.figure("300 families", "300", "families who reached Velmora")
    a.mention(VELMORA, "Velmora", after="reached")
    a.mention(OSTRAND, "Ostrand", after="reached")

    b = Story(ds, "ostrand-reply", BODY_B, title="Ostrand rejects the deadline", date="2024-04-10")
    b.entity(OSTRAND, NKG.Government, "Ostrand", "Ostrand")
    b.entity(TAM, NKG.Official, "Ravi Tam", "Ravi Tam", aliases=["Tam"], title="spokesman", member=OSTRAND)
    b.entity(LEE, NKG.Official, "Ann Lee", "Ann Lee", title="Interior Minister", member=VELMORA)
    b.mention(deadline, "March deadline")
    b.add(deadline, RDF.type, NKG.Policy)
    b.add(deadline, RDFS.label, Literal("March deadline for all camps to close"))
    b.add(deadline, NKG.source, b.iri)
    tam_quote = b.statement(TAM, "We will not accept the March deadline,", direct=True, date="2024-04-10")
    lee_april = b.statement(LEE, "Ostrand would face new checks", verb="warn", date="2024-04-10")
    b.mention(OSTRAND, "Ostrand", after="warned")
    tam_rejects = b.statement(TAM, "rejected the claim", verb="reject", date="2024-04-10")
    return ds, {"velmora": VELMORA, "ostrand": OSTRAND, "lee": LEE, "tam": TAM, "deadline": deadline,
                "lee_march": lee_march, "lee_april": lee_april, "tam_quote": tam_quote, "tam_rejects": tam_rejects,
                "families": families, "a": a.iri, "b": b.iri}


EVIL = ID["agent/evil-minister"]
EVIL_BODY = (f"Minister Evil {HOSTILE_IMG} said {HOSTILE_SCRIPT} and {HOSTILE_TEMPLATE} now. "
             f"He counted 12 people at {HOSTILE_LINK} yesterday.")


def hostile_dataset() -> Dataset:
    """The small graph plus an article whose title, names, quote and sentences are markup and script."""
    ds = copy_dataset(small_dataset())
    story = Story(ds, "evil", EVIL_BODY, title=f"Breaking {HOSTILE_SCRIPT} {HOSTILE_IMG}")
    story.entity(EVIL, NKG.Official, f"Evil {HOSTILE_IMG}", f"Evil {HOSTILE_IMG}",
                 aliases=[HOSTILE_LINK, HOSTILE_TEMPLATE], title=HOSTILE_SCRIPT, member=PAKISTAN)
    story.mention(PAKISTAN, "12 people")  # a government written over a hostile sentence, so it is about it
    story.statement(EVIL, f"{HOSTILE_SCRIPT} and {HOSTILE_TEMPLATE}")
    story.figure("12 people", "12", HOSTILE_LINK, reporter=EVIL)
    return ds


def short(iri) -> str:
    return str(iri)[len(str(ID)):]
