"""The newskg vocabulary as code: every ontology term the package uses, checked against ontology/."""
from __future__ import annotations

import inspect
import json
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import ORG, PROV, SDO, DefinedNamespace


def shipped(package: str) -> Path:
    """A data folder installed inside newskg: ontology/ and queries/ of the checkout, as kg.ontology and kg.queries."""
    return Path(str(files(package)))


ONTOLOGY_DIR = shipped("kg.ontology")
ONTOLOGY_FILE = ONTOLOGY_DIR / "newskg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"  # the JSON-LD context newskg compacts its JSON-LD with

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
    FigureGroup: URIRef
    PolicyEvent: URIRef

    body: URIRef
    url: URIRef
    contentHash: URIRef
    outlet: URIRef
    header: URIRef
    title: URIRef
    memberOf: URIRef
    country: URIRef
    partOf: URIRef
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
    member: URIRef
    series: URIRef
    referenceDate: URIRef
    lowerBound: URIRef
    upperBound: URIRef
    disagreesWith: URIRef
    respondsTo: URIRef
    stance: URIRef
    about: URIRef
    event: URIRef
    eventType: URIRef
    newDeadline: URIRef
    actor: URIRef
    spared: URIRef


def pin_terms(namespace: type[DefinedNamespace]) -> None:
    """Make each declared term a plain class attribute: reading one then costs a dict lookup, not the
    namespace's checks and cache (a graph of 300 articles reads a quarter of a million). A misspelled term
    is still not an attribute, so it still fails loudly."""
    for name in inspect.get_annotations(namespace):  # its own terms, not its base class' fields
        setattr(namespace, name, namespace[name])


pin_terms(NKG)
PREFIXES = {"nkg": NKG._NS, "id": ID}



class OA(DefinedNamespace):
    """The W3C Web Annotation terms newskg writes for every mention (kg.standard)."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    start: URIRef
    end: URIRef
    exact: URIRef


pin_terms(OA)
# the standard vocabularies newskg writes beside its own terms (kg.standard), bound in every graph it writes
STANDARD_PREFIXES = {"schema": SDO._NS, "prov": PROV._NS, "org": ORG._NS, "oa": OA._NS}

# one prefix per kind of node, so a short IRI pastes into SPARQL and Turtle: a prefixed name may not hold
# an unescaped '/', so id:agent/sarfraz-bugti is not one, agent:sarfraz-bugti is
ID_PREFIXES = {kind: ID[f"{path}/"] for kind, path in (
    ("article", "article"), ("government", "government"), ("agent", "agent"), ("organization", "org"),
    ("group", "group"), ("statement", "statement"), ("figure", "figure"), ("policy", "policy"),
    ("mention", "mention"), ("figuregroup", "figuregroup"), ("policyevent", "policyevent"))}


@lru_cache(maxsize=1)
def jsonld_context() -> dict:
    """The JSON-LD context of ontology/context.jsonld: prefixes and short names for the nkg: terms."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
