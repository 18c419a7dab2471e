"""The newskg vocabulary as code: every ontology term the package uses, checked against ontology/."""
from __future__ import annotations

from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "newskg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

BASE = "https://w3id.org/newskg/"
ID = Namespace(BASE + "id/")  # instance data: articles, entities, statements, spans


class NKG(DefinedNamespace):
    """Classes and properties of the newskg ontology (ontology/newskg.ttl)."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    Article: URIRef
    Agent: URIRef
    Person: URIRef
    Official: URIRef
    Organization: URIRef
    Government: URIRef
    Group: URIRef
    Statement: URIRef
    Policy: URIRef
    Figure: URIRef
    Mention: URIRef

    body: URIRef
    url: URIRef
    contentHash: URIRef
    outlet: URIRef
    title: URIRef
    memberOf: URIRef
    country: URIRef
    unnamed: URIRef
    speaker: URIRef
    text: URIRef
    direct: URIRef
    verb: URIRef
    date: URIRef
    source: URIRef
    evidence: URIRef
    issuedBy: URIRef
    deadline: URIRef
    status: URIRef
    rule: URIRef
    value: URIRef
    unit: URIRef
    measure: URIRef
    approximate: URIRef
    reportedBy: URIRef
    mention: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef


PREFIXES = {"nkg": NKG._NS, "id": ID}
