"""SHACL shapes as SPARQL: each constraint of the shapes one query that lists the nodes breaking it.

pySHACL checks a graph node by node in Python: 11 s at 95,000 triples, minutes at a million. The constraints
newskg's shapes use (sh:targetClass, sh:targetSubjectsOf; sh:property with a predicate path and sh:minCount, sh:maxCount,
sh:datatype, sh:class, sh:or of sh:class shapes, sh:in, sh:minLength) are each one SELECT that Oxigraph
answers over the whole graph at once. The report is pySHACL's, message for message: the messages are
written with pySHACL's own stringify functions. Shapes that use anything else are left to pySHACL
(`translate` returns None).

Classes are read with the ontology mixed in, as pySHACL is told to: a target or sh:class nkg:Person also
takes an nkg:Official. Oxigraph keeps every integer as xsd:integer, so a datatype derived from it (the span
offsets' xsd:nonNegativeInteger) is checked as an integer in its range.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from .sparqltext import term_text

Message = Callable[[URIRef, object], str]  # (focus node, value node) -> message

# the parts of a shape this module knows; a shape with any other predicate goes to pySHACL
NODE_SHAPE_KEYS = {RDF.type, SH.targetClass, SH.targetSubjectsOf, SH.property, RDFS.comment, RDFS.label}
PROPERTY_KEYS = {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH["or"], SH["in"], SH.minLength,
                 SH.name, SH.description, RDFS.comment}
# a well-formed literal of these datatypes casts to itself; Oxigraph keeps ill-typed ones unparsed
CASTS = {XSD.date: "xsd:date", XSD.dateTime: "xsd:dateTime", XSD.boolean: "xsd:boolean",
         XSD.decimal: "xsd:decimal", XSD.integer: "xsd:integer", XSD.double: "xsd:double", XSD.float: "xsd:float"}
# integer types Oxigraph stores as xsd:integer: the range a value must lie in
INTEGER_RANGES = {XSD.nonNegativeInteger: ">= 0", XSD.positiveInteger: "> 0", XSD.nonPositiveInteger: "<= 0",
                  XSD.negativeInteger: "< 0", XSD.long: None, XSD.int: None, XSD.short: None,
                  XSD.unsignedInt: ">= 0", XSD.unsignedLong: ">= 0"}


@dataclass(frozen=True)
class Check:
    """One constraint of one property shape, as a query whose rows are (?focus, ?value) that break it."""

    sparql: str
    path: URIRef
    message: Message
    severity: URIRef = SH.Violation
    with_value: bool = True  # the report names the offending value (not for the counts)


def translate(shapes: Graph, ontology: Graph | None = None) -> list[Check] | None:
    """The shapes as SPARQL checks, or None when they use something this module does not translate."""
    classes = _subclasses(shapes + ontology if ontology is not None else shapes)
    checks: list[Check] = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        if set(shapes.predicates(shape)) - NODE_SHAPE_KEYS:
            return None
        targets = sorted({c for t in shapes.objects(shape, SH.targetClass) for c in classes(t)}, key=str)
        foci = [f"VALUES ?class {{ {_values(targets)} }} ?focus a ?class ."] if targets else []
        # sh:targetSubjectsOf: every node with that property ("a link has its stance")
        foci += [f"?focus {term_text(p)} [] ." for p in sorted(shapes.objects(shape, SH.targetSubjectsOf), key=str)]
        for focus in foci:
            for prop in shapes.objects(shape, SH.property):
                found = _property_checks(shapes, prop, focus, classes)
                if found is None:
                    return None
                checks += found
    # property shapes outside a node shape, and other shape kinds, are pySHACL's
    standalone = set(shapes.subjects(SH.path, None)) - set(shapes.objects(None, SH.property))
    if standalone or set(shapes.subjects(RDF.type, SH.PropertyShape)) - set(shapes.objects(None, SH.property)):
        return None
    return checks


def _subclasses(graph: Graph) -> Callable[[URIRef], set[URIRef]]:
    """A class and every class below it, by rdfs:subClassOf."""
    def below(cls: URIRef) -> set[URIRef]:
        return set(graph.transitive_subjects(RDFS.subClassOf, cls))

    return below


def _values(terms) -> str:
    return " ".join(term_text(t) for t in terms)


def _property_checks(shapes: Graph, prop, focus: str, classes) -> list[Check] | None:
    """The checks of one property shape over the focus nodes `focus` (a SPARQL pattern binding ?focus)."""
    from pyshacl.rdfutil import stringify_node

    keys = set(shapes.predicates(prop))
    path = shapes.value(prop, SH.path)
    if keys - PROPERTY_KEYS or not isinstance(path, URIRef):
        return None
    p = term_text(path)
    shown_path = stringify_node(shapes, path)
    checks = []
    for count in shapes.objects(prop, SH.minCount):
        n = int(count)
        checks.append(Check(
            f"SELECT DISTINCT ?focus WHERE {{ {{ SELECT ?focus (COUNT(DISTINCT ?value) AS ?n) WHERE {{ {focus} "
            f"OPTIONAL {{ ?focus {p} ?value }} }} GROUP BY ?focus }} FILTER(?n < {n}) }}",
            path, lambda f, v, n=n: f"Less than {n} values on {_iri(f)}->{shown_path}", with_value=False))
    for count in shapes.objects(prop, SH.maxCount):
        n = int(count)
        checks.append(Check(
            f"SELECT ?focus WHERE {{ SELECT ?focus WHERE {{ {focus} ?focus {p} ?value }} GROUP BY ?focus "
            f"HAVING(COUNT(DISTINCT ?value) > {n}) }}",
            path, lambda f, v, n=n: f"More than {n} values on {_iri(f)}->{shown_path}", with_value=False))
    values = f"SELECT DISTINCT ?focus ?value WHERE {{ {focus} ?focus {p} ?value "
    for datatype in shapes.objects(prop, SH.datatype):
        message = f"Value is not Literal with datatype {stringify_node(shapes, datatype)}"
        checks.append(Check(f"{values} FILTER(!COALESCE({_well_typed(datatype)}, false)) }}", path,
                            lambda f, v, m=message: m))
    for cls in shapes.objects(prop, SH["class"]):
        message = f"Value does not have class {stringify_node(shapes, cls)}"
        checks.append(Check(f"{values} FILTER NOT EXISTS {{ VALUES ?c {{ {_values(sorted(classes(cls), key=str))} }} "
                            f"?value a ?c }} }}", path, lambda f, v, m=message: m))
    for alternatives in shapes.objects(prop, SH["or"]):
        members = list(Collection(shapes, alternatives))
        if not all(isinstance(m, BNode) and set(shapes.predicates(m)) == {SH["class"]} for m in members):
            return None
        allowed = sorted({c for m in members for cls in shapes.objects(m, SH["class"]) for c in classes(cls)}, key=str)
        shown = " , ".join(stringify_node(shapes, m) for m in members)
        checks.append(Check(f"{values} FILTER NOT EXISTS {{ VALUES ?c {{ {_values(allowed)} }} ?value a ?c }} }}",
                            path, lambda f, v, s=shown: f"Node {_iri(v)} must conform to one or more shapes in {s}"))
    for listed in shapes.objects(prop, SH["in"]):
        allowed = list(Collection(shapes, listed))
        shown = sorted(stringify_node(shapes, a) for a in allowed)
        checks.append(Check(f"{values} FILTER NOT EXISTS {{ VALUES ?allowed {{ {_values(allowed)} }} "
                            f"FILTER(sameTerm(?value, ?allowed)) }} }}", path,
                            lambda f, v, s=shown: f"Value {_term(v)} not in list {s}"))
    for length in shapes.objects(prop, SH.minLength):
        message = f"String length not >= {stringify_node(shapes, length)}"
        checks.append(Check(f"{values} FILTER(isBlank(?value) || STRLEN(STR(?value)) < {int(length)}) }}", path,
                            lambda f, v, m=message: m))
    return checks


def _well_typed(datatype: URIRef) -> str:
    """A SPARQL condition: ?value is a literal of the datatype, and well formed."""
    if datatype in INTEGER_RANGES:
        bound = INTEGER_RANGES[datatype]
        return ("isLiteral(?value) && DATATYPE(?value) = xsd:integer"
                + (f" && ?value {bound}" if bound else ""))
    test = f"isLiteral(?value) && DATATYPE(?value) = {term_text(datatype)}"
    if datatype in CASTS:
        test += f" && sameTerm({CASTS[datatype]}(STR(?value)), {CASTS[datatype]}(STR(?value)))"
    return test


def _iri(node) -> str:
    """A node as pySHACL writes one of the data graph (kg.validate shortens the IRI afterwards)."""
    return f"<{node}>" if isinstance(node, URIRef) else str(node)


def _term(node) -> str:
    from pyshacl.rdfutil.stringify import stringify_literal

    if isinstance(node, Literal):
        return stringify_literal(Graph(), node)
    return _iri(node)


def run_checks(checks: list[Check], select: Callable[[str], list[dict]]) -> Iterator[tuple]:
    """(focus, path, message, severity, value) for every node that breaks a check, `select` running the SPARQL
    over a store (its objects made plain(), as newskg wrote them)."""
    from .store import plain

    prologue = f"PREFIX xsd: <{XSD}>\n"
    for check in checks:
        for row in select(prologue + check.sparql):
            focus = row.get("focus")
            value = plain(check.path, row["value"]) if "value" in row else None
            yield (focus, check.path, check.message(focus, value), check.severity,
                   value if check.with_value else None)
