"""The embedded query engine: a graph file or an rdflib dataset in an in-memory Oxigraph store.

A graph file stays an rdflib graph for building, writing and users' Python, but rdflib's SPARQL engine is pure
Python: at a million triples reading the file took 43 s and 2.4 GB, and several canned queries passed 20 s.
Queries of a graph file run here instead, in Oxigraph's engine over a copy of the graph in memory, answered
exactly as an Oxigraph folder answers them (kg.store.run_query: parameters written in by kg.sparqltext,
objects given back as newskg wrote them).

The default graph is materialised as the set union of the article graphs, as the on-disk store keeps it:
Oxigraph's own union-of-named-graphs mode matches a triple once per graph that holds it (a bag), and the
entities are repeated in every article that mentions them, which multiplies join rows.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from . import graphio
from .errors import GraphError
from .sparqltext import term_text
from .store import OxigraphStore

# rdflib format name -> pyoxigraph format name, for reading graph files
OXIGRAPH_READERS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "trig": "TRIG", "nquads": "N_QUADS",
                    "json-ld": "JSON_LD", "xml": "RDF_XML"}


class MemoryStore(OxigraphStore):
    """An Oxigraph store in memory holding one graph, queried, counted and exported like an Oxigraph folder."""

    def __init__(self, name: str = "memory"):
        import pyoxigraph

        self.ox = pyoxigraph.Store()  # no path: in memory, gone when dropped
        self.path = None
        self.spec = name
        self.default_cache = None
        self.source_file: Path | None = None  # the graph file read, whose listing tables (kg.listings) are beside it

    @classmethod
    def from_file(cls, path: str | Path) -> "MemoryStore":
        """A graph file of any format newskg writes, read by Oxigraph's parsers; a bad file is a GraphError."""
        import pyoxigraph as ox

        path = Path(path)
        fmt = graphio.check_readable(path)
        store = cls(str(path))
        try:
            store.ox.bulk_load(path=str(path), format=getattr(ox.RdfFormat, OXIGRAPH_READERS[fmt]))
        except (SyntaxError, ValueError, OSError) as exc:
            raise GraphError(f"{path}: not a readable {fmt} graph: {_one_line(exc)}") from None
        store.fill_union()
        store.source_file = path
        return store

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> "MemoryStore":
        """A copy of an rdflib dataset (its named graphs, and the triples of its default graph)."""
        import pyoxigraph as ox
        from oxrdflib._converter import to_ox

        store = cls()

        def quads():
            for s, p, o, g in dataset.quads((None, None, None, None)):
                name = getattr(g, "identifier", g)
                graph = ox.DefaultGraph() if name is None or name == DATASET_DEFAULT_GRAPH_ID else to_ox(name)
                yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph)

        store.ox.extend(quads())
        store.fill_union()
        return store

    def fill_union(self) -> None:
        """Make the default graph hold every triple of the named graphs (a triple file's are there already).

        One graph at a time: a single INSERT over all of them gathers every quad first, and peaks at 40 %
        more memory (876 against 623 MB at a million triples), in the same time."""
        for name in list(self.ox.named_graphs()):
            self.ox.update(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {term_text(_rdflib(name))} {{ ?s ?p ?o }} }}")

    def union_missing(self) -> bool:
        return False

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.ox = None


def _rdflib(term):
    from oxrdflib._converter import from_ox

    return from_ox(term)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]
