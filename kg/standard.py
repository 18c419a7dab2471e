"""Standard vocabularies beside newskg's own terms, for readers that do no RDFS reasoning.

Every nkg: type and property in a graph gets the schema.org, W3C ORG, PROV-O and DC terms counterparts that
the ontology aligns it with (`rdfs:subClassOf` / `rdfs:subPropertyOf`, through nkg: parents too), so a Person
is also a schema:Person and a statement's `nkg:source` is also a `prov:wasDerivedFrom`. The ontology is the
one source: a new alignment there is written into the next build. FOAF and NIF alignments repeat these and
stay for reasoners. Every mention is also a W3C Web Annotation SpecificResource with a text position and a
text quote selector, which annotation tools read.
"""
from __future__ import annotations

from functools import lru_cache

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SDO

from .vocab import OA, ONTOLOGY_FILE

WRITTEN = tuple(str(ns) for ns in (SDO._NS, ORG._NS, PROV._NS, DCTERMS, OA._NS))


@lru_cache(maxsize=1)
def counterparts() -> dict[URIRef, tuple[URIRef, ...]]:
    """For each nkg: class and property, the standard terms written beside it."""
    onto = Graph().parse(ONTOLOGY_FILE)
    out = {}
    for kind, link in ((OWL.Class, RDFS.subClassOf), (OWL.ObjectProperty, RDFS.subPropertyOf),
                       (OWL.DatatypeProperty, RDFS.subPropertyOf)):
        for term in onto.subjects(RDF.type, kind):
            found = {t for t in onto.transitive_objects(term, link) if str(t).startswith(WRITTEN)}
            if found:
                out[term] = tuple(sorted(found))
    return out


def beside(term: URIRef) -> tuple[URIRef, ...]:
    """The standard terms written beside one nkg: term (none for most of them)."""
    return counterparts().get(term, ())


def add_standard_terms(g: Graph) -> None:
    """Add the standard types and properties beside every nkg: type and property of `g` (a Graph, or anything
    with add() that iterates triples, like kg.triples.TripleList)."""
    table, a = counterparts(), RDF.type
    extra = []
    for s, p, o in g:
        if p == a:
            if o in table:
                extra += [(s, a, t) for t in table[o]]
        elif p in table:
            extra += [(s, q, o) for q in table[p]]
    for triple in extra:
        g.add(triple)


@lru_cache(maxsize=65_536)
def offset(n: int) -> Literal:
    """A character offset as a literal; made once per value, since every mention writes four and rdflib's
    Literal constructor was the costliest step of making a graph."""
    return Literal(n, datatype=XSD.nonNegativeInteger)


def add_selectors(g: Graph, mention: URIRef, article: URIRef, exact: str | Literal, begin: int, end: int) -> None:
    """A mention as Web Annotation reads it: a SpecificResource of its article, selected by position and quote
    (`exact`, the quote, as text or as the literal the mention already holds)."""
    position, quote = URIRef(f"{mention}#position"), URIRef(f"{mention}#quote")
    g.add((mention, OA.hasSource, article))
    g.add((mention, OA.hasSelector, position))
    g.add((position, RDF.type, OA.TextPositionSelector))
    g.add((position, OA.start, offset(begin)))
    g.add((position, OA.end, offset(end)))
    g.add((mention, OA.hasSelector, quote))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, exact if isinstance(exact, Literal) else Literal(exact)))
