"""Check a graph against the SHACL shapes in ontology/shapes.ttl and report what breaks them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph
from rdflib.namespace import SH
from rdflib.term import Node, URIRef

from . import graphio
from .errors import GraphError
from .query import DEFAULT_PREFIXES, short_iri
from .vocab import ONTOLOGY_FILE, SHAPES_FILE

_IRI = re.compile(r"<([a-z][a-z0-9+.-]*:[^<>\s]+)>", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Violation:
    """One way one node breaks a shape."""

    node: str
    path: str
    message: str
    severity: str = "Violation"
    value: str = ""


@dataclass
class ValidationReport:
    """Whether the graph conforms, and every violation found."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def text(self) -> str:
        """One line per violation (node, property, message), then a verdict."""
        lines = [f"{v.severity}: {v.node}  {v.path}  {v.message}" + (f" (value: {v.value})" if v.value else "")
                 for v in self.violations]
        verdict = "conforms to the shapes" if self.conforms else \
            f"does not conform: {len(self.violations)} violation{'s' if len(self.violations) != 1 else ''}"
        return "\n".join(lines + [f"graph {verdict}"]) + "\n"


def load_shapes(path: str | Path = SHAPES_FILE) -> Graph:
    """The SHACL shapes graph; a broken shapes file is reported by name."""
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # parser errors come in many types
        raise GraphError(f"{path}: cannot read the SHACL shapes: {exc}") from None


def validate(graph: Graph | Dataset, shapes: str | Path = SHAPES_FILE,
             ontology: str | Path | None = ONTOLOGY_FILE) -> ValidationReport:
    """Validate the union of the graph's triples against the shapes.

    The ontology is mixed in so that sh:class sees an Official as a Person and a Government as an
    Organization (the graph states only each node's most specific class).
    """
    data = graphio.union_graph(graph) if isinstance(graph, Dataset) else graph
    ont = Graph().parse(ontology, format="turtle") if ontology else None
    conforms, results, _ = shacl_validate(data, shacl_graph=load_shapes(shapes), ont_graph=ont,
                                          inference="none", abort_on_first=False, allow_warnings=True)
    return ValidationReport(conforms=bool(conforms), violations=_violations(results))


def _violations(results: Graph) -> list[Violation]:
    out = []
    for r in results.subjects(SH.resultSeverity, None):
        out.append(Violation(
            node=_show(results.value(r, SH.focusNode)),
            path=_show(results.value(r, SH.resultPath)),
            message=_IRI.sub(lambda m: _show(URIRef(m[1])), str(results.value(r, SH.resultMessage) or
                                                                 "breaks a shape")),
            severity=_show(results.value(r, SH.resultSeverity)).removeprefix("sh:"),
            value=_show(results.value(r, SH.value)),
        ))
    return sorted(set(out))


def _show(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return short_iri(str(term), {**DEFAULT_PREFIXES, "sh": str(SH)})
    text = " ".join(str(term).split())
    return text if len(text) <= 80 else text[:79] + "…"
