"""Write a graph in another RDF format; quad formats get one named graph per article.

A graph read from a triple format (Turtle, N-Triples, RDF/XML) has lost its named graphs. `by_article`
puts them back from the provenance every node carries (`nkg:source`, mentions), so `kg export --format trig`
of the default out/graph.ttl still lets a user drop or replace one article's triples.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import BinaryIO, Iterable

from rdflib import RDF, RDFS, Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import SKOS

from . import graphio
from .errors import GraphError
from .standard import beside
from .vocab import NKG, OA

EXPORT_FORMATS = tuple(graphio.FORMAT_NAMES)  # ttl nt trig nq jsonld xml
# links from a node to the entities whose own triples are repeated in the node's article graph
ENTITY_LINKS = (NKG.speaker, NKG.reportedBy, NKG.issuedBy)
_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")


def named_graphs(ds: Dataset) -> list[URIRef]:
    """The names of the dataset's non-empty named graphs (the default graph excluded)."""
    return sorted(g.identifier for g in ds.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g))


def with_article_graphs(ds: Dataset) -> Dataset:
    """The dataset itself when it has named graphs, else its triples split into one graph per article."""
    return ds if named_graphs(ds) else by_article(graphio.union_graph(ds))


def by_article(graph: Graph) -> Dataset:
    """Split a union graph into one named graph per article, following each triple's provenance.

    Triples that belong to no article (none in a graph newskg built) stay in the default graph.
    """
    homes = _homes(graph)
    anchors = _anchors(graph)
    ds = graphio.new_dataset()
    for prefix, ns in graph.namespaces():
        ds.bind(prefix, ns, override=False)
    for triple in graph:
        targets = _targets(graph, triple, homes, anchors) or {DATASET_DEFAULT_GRAPH_ID}
        for name in targets:
            ds.graph(name).add(triple)
    return ds


# links from a node told by many articles to a part told by one: a group's member, a policy's step
PART_LINKS = (NKG.member, NKG.event)


def _homes(graph: Graph) -> dict[URIRef, set[URIRef]]:
    """For every node, the articles whose graphs hold its triples."""
    homes: dict[URIRef, set[URIRef]] = defaultdict(set)
    for article in graph.subjects(RDF.type, NKG.Article):
        homes[article].add(article)
    for node, article in graph.subject_objects(NKG.source):
        homes[node].add(article)
    for node, mention in graph.subject_objects(NKG.mention):
        homes[node] |= set(graph.objects(mention, NKG.source))
    # an entity is written into every article graph of a node that names it, and so is an official's government
    for link in ENTITY_LINKS:
        for node, entity in graph.subject_objects(link):
            homes[entity] |= homes[node]
    for official, government in graph.subject_objects(NKG.memberOf):
        homes[government] |= homes[official]
    for group, figure in graph.subject_objects(NKG.member):  # a figure group is written with each member
        homes[group] |= homes[figure]
    for mention, selector in graph.subject_objects(OA.hasSelector):
        homes[selector] |= homes[mention]
    return homes


def _anchors(graph: Graph) -> dict[tuple[URIRef, URIRef], set[str]]:
    """The surface forms of each node per article, to tell which article an alias was seen in."""
    seen: dict[tuple[URIRef, URIRef], set[str]] = defaultdict(set)
    for node, mention in graph.subject_objects(NKG.mention):
        for article in graph.objects(mention, NKG.source):
            seen[(node, article)] |= {_norm(a) for a in graph.objects(mention, NKG.anchorOf)}
    return seen


def _norm(text) -> str:
    return " ".join(str(text).split()).casefold()


def _targets(graph: Graph, triple, homes, anchors) -> set[URIRef]:
    s, p, o = triple
    if p == NKG.mention:
        return set(graph.objects(o, NKG.source))  # the link lives where the span is
    if p in PART_LINKS or any(p in beside(q) for q in PART_LINKS):
        return homes.get(o, set()) & homes.get(s, set()) or homes.get(o, set())  # where the part is
    here = homes.get(s, set())
    if len(here) <= 1:
        return set(here)
    if p == NKG.source or p in beside(NKG.source):
        return {o}
    if p == NKG.evidence:
        return {a for a in here if str(o) in str(graph.value(a, NKG.body) or "")} or here
    if p == SKOS.altLabel:
        return _alias_targets(graph, s, o, here, anchors)
    return set(here)


def _alias_targets(graph: Graph, node, alias, here: set[URIRef], anchors) -> set[URIRef]:
    """An alias lives in the articles that write it; the entity's own name (its label without the
    parenthesis, like "Yemen" for "Yemen (Houthi)") in every article that mentions the entity."""
    written = {a for a in here if _norm(alias) in anchors.get((node, a), ())}
    if _norm(alias) == _norm(_PARENTHESIS.sub("", str(graph.value(node, RDFS.label) or ""))):
        written |= {a for a in here if anchors.get((node, a))}
    return written or here


def export(ds: Dataset, fmt: str) -> bytes:
    """The dataset in one of EXPORT_FORMATS; trig, nq and jsonld keep one named graph per article."""
    rdflib_format = graphio.format_for("", fmt)
    if rdflib_format in graphio.QUAD_FORMATS:
        ds = with_article_graphs(ds)
    return graphio.serialize(ds, rdflib_format)


def write(ds: Dataset, fmt: str | None = None, output: str | Path | None = None,
          stream: BinaryIO | None = None, allow_empty: bool = False) -> None:
    """Export to a file (atomically; the format defaults to its extension) or to a binary stream.

    An empty graph never replaces a file that is not empty, unless `allow_empty`.
    """
    fmt = _format(fmt, output, stream)
    if output is not None and not allow_empty and next(iter(ds.quads((None, None, None, None))), None) is None:
        refuse_empty(Path(output))
    data = export(ds, fmt)
    if output is not None:
        graphio.atomic_write(Path(output), data)
    else:
        stream.write(data)


def write_store(store, fmt: str | None = None, output: str | Path | None = None,
                stream: BinaryIO | None = None, allow_empty: bool = False) -> None:
    """Export a kg.store store to a file (atomically) or a binary stream, by the store's own means.

    An Oxigraph folder is written by Oxigraph's serializers, an endpoint graph by graph (Store.export);
    neither is copied into an rdflib Dataset first. An empty store never replaces a file that is not
    empty, unless `allow_empty`.
    """
    fmt = _format(fmt, output, stream)
    if output is None:
        store.export(fmt, stream)
        return
    if not allow_empty and store.is_empty():
        refuse_empty(Path(output))
    with graphio.atomic_file(Path(output)) as fh:
        store.export(fmt, fh)


def refuse_empty(output: Path) -> None:
    """An empty graph may start a new file, never replace one that holds something."""
    if output.is_file() and output.stat().st_size > 0:
        raise GraphError(f"{output}: the graph to write is empty; not replacing this file "
                         f"({output.stat().st_size:,} bytes) with it (--allow-empty writes it anyway)")


def _format(fmt: str | None, output: str | Path | None, stream: BinaryIO | None) -> str:
    """The short format name to write: the one given, else the output file's extension, else ttl."""
    if output is None and stream is None:
        raise GraphError("export needs an output file or a stream")
    if fmt is None:
        return _short_name(graphio.format_for(output)) if output is not None else "ttl"
    graphio.format_for("", fmt)  # an unknown name fails before anything is written
    return fmt


def write_graphs(graphs: Iterable[tuple[URIRef, Graph]], fmt: str, out: BinaryIO) -> None:
    """Export named graphs that arrive one at a time (from an endpoint) without holding them all.

    N-Quads, TriG and N-Triples are written as each graph arrives (a store gives a triple format one
    graph, its union). Turtle, RDF/XML and JSON-LD are gathered in memory first: rdflib writes them from
    a whole graph.
    """
    streamed = STREAMED.get(fmt)
    if streamed is not None:
        streamed(graphs, out)
        return
    ds = graphio.new_dataset()
    for name, graph in graphs:
        target = ds.graph(name)
        for triple in graph:
            target.add(triple)
    out.write(export(ds, fmt))


def _one_graph(name: URIRef, graph: Graph) -> Dataset:
    ds = graphio.new_dataset()
    target = ds.graph(name)
    for triple in graph:
        target.add(triple)
    return ds


def _write_nquads(graphs: Iterable[tuple[URIRef, Graph]], out: BinaryIO) -> None:
    for name, graph in graphs:
        out.write(_one_graph(name, graph).serialize(format="nquads", encoding="utf-8"))


_PREFIX_LINE = re.compile(rb"@prefix\s+([^:\s]*):\s*<([^>]*)>\s*\.\s*")


def _write_trig(graphs: Iterable[tuple[URIRef, Graph]], out: BinaryIO) -> None:
    """One TriG block per graph; a prefix is declared again only when a block binds it differently."""
    declared: dict[bytes, bytes] = {}
    for name, graph in graphs:
        for line in _one_graph(name, graph).serialize(format="trig", encoding="utf-8").splitlines(keepends=True):
            prefix = _PREFIX_LINE.fullmatch(line)
            if prefix:
                if declared.get(prefix[1]) == prefix[2]:
                    continue
                declared[prefix[1]] = prefix[2]
            out.write(line)


def _write_ntriples(graphs: Iterable[tuple[URIRef, Graph]], out: BinaryIO) -> None:
    for _, graph in graphs:
        out.write(graph.serialize(format="nt", encoding="utf-8"))


STREAMED = {"nq": _write_nquads, "trig": _write_trig, "nt": _write_ntriples}


def _short_name(rdflib_format: str) -> str:
    return next(k for k, v in graphio.FORMAT_NAMES.items() if v == rdflib_format)
