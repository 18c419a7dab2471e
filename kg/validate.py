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


def validate(graph, shapes: str | Path = SHAPES_FILE, ontology: str | Path | None = ONTOLOGY_FILE,
             engine: str = "sparql") -> ValidationReport:
    """Validate the union of the graph's triples (an rdflib Graph or Dataset, or a kg.store store) against
    the shapes.

    The ontology is mixed in so that sh:class sees an Official as a Person and a Government as an
    Organization (the graph states only each node's most specific class). With `engine="sparql"` (the
    default) each constraint runs as one SPARQL query in Oxigraph (kg.shacl), which gives pySHACL's report
    in a fraction of its time; shapes that use what kg.shacl does not translate, or `engine="pyshacl"`, go
    to pySHACL.
    """
    from .shacl import run_checks, translate
    from .store import Store

    shapes_graph = load_shapes(shapes)
    ont = Graph().parse(ontology, format="turtle") if ontology else None
    checks = translate(shapes_graph, ont) if engine == "sparql" else None
    if checks is None:
        data = graph.dataset() if isinstance(graph, Store) else graph
        return _pyshacl(data, shapes_graph, ont)
    if isinstance(graph, Store):
        store = graph
    else:
        from .engine import MemoryStore

        store = MemoryStore.from_dataset(graph)
    found = run_checks(checks, store.select)
    violations = [Violation(node=_show(focus), path=_show(path), message=_message(message),
                            severity=_show(severity).removeprefix("sh:"), value=_show(value))
                  for focus, path, message, severity, value in found]
    return ValidationReport(conforms=not violations, violations=sorted(set(violations)))


def _pyshacl(data: Graph | Dataset, shapes_graph: Graph, ont: Graph | None) -> ValidationReport:
    data = graphio.union_graph(data) if isinstance(data, Dataset) else data
    conforms, results, _ = shacl_validate(data, shacl_graph=shapes_graph, ont_graph=ont,
                                          inference="none", abort_on_first=False, allow_warnings=True)
    return ValidationReport(conforms=bool(conforms), violations=_violations(results))


_IN_LIST = re.compile(r"^(Value .* not in list )(\[.*\])$", re.DOTALL)


def _message(text: str) -> str:
    """A message with its IRIs shortened, and the list of sh:in values in a stable order (pySHACL writes
    them in the order of a Python set, which changes from run to run)."""
    import ast

    found = _IN_LIST.match(text)
    if found:
        try:
            text = found[1] + repr(sorted(ast.literal_eval(found[2])))
        except (ValueError, SyntaxError):
            pass
    return _IRI.sub(lambda m: _show(URIRef(m[1])), text)


def _violations(results: Graph) -> list[Violation]:
    out = []
    for r in results.subjects(SH.resultSeverity, None):
        out.append(Violation(
            node=_show(results.value(r, SH.focusNode)),
            path=_show(results.value(r, SH.resultPath)),
            message=_message(str(results.value(r, SH.resultMessage) or "breaks a shape")),
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
