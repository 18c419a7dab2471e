"""newskg from Python: one object for building, loading, querying, exporting, validating and counting.

    from kg import KnowledgeGraph

    graph = KnowledgeGraph.build(["seeds/"])           # or KnowledgeGraph.load("out/graph.ttl")
    for row in graph.rows("figures-for-measure", words="undocumented Afghans"):
        print(row["value"], row["reported_by"], row["date"])
    graph.save("out/graph.trig")                          # any format, by extension

The `kg` command line is a thin layer over this class.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from rdflib import Dataset, Graph
from rdflib.term import Identifier

from . import export as _export
from . import graphio
from .query import Query, QueryResult, canned_queries, run
from .stats import Stats, stats
from .validate import ValidationReport, validate
from .vocab import SHAPES_FILE


class KnowledgeGraph:
    """A newskg graph: an rdflib Dataset with one named graph per article, and what can be done with it."""

    def __init__(self, dataset: Dataset, problems: list | None = None):
        self.dataset = dataset
        self.problems = list(problems or [])  # files a build could not read (kg.errors.InputError)

    @classmethod
    def build(cls, paths: Iterable[str | Path], *, model: str | None = None) -> "KnowledgeGraph":
        """Read articles (files or folders) and extract their graph; unreadable files land in .problems."""
        from .build import build_dataset  # the spaCy pipeline is only loaded when building

        result = build_dataset([Path(p) for p in paths], model=model)
        return cls(result.dataset, result.problems)

    @classmethod
    def load(cls, path: str | Path) -> "KnowledgeGraph":
        """A graph file written by `kg build` or `save` (.ttl, .nt, .trig, .nq, .jsonld, .xml)."""
        return cls(graphio.load(path))

    @property
    def graph(self) -> Graph:
        """All triples of all articles in one plain rdflib Graph."""
        return graphio.union_graph(self.dataset)

    def query(self, query: str | Query, params: dict[str, str | Identifier] | None = None,
              **kwargs: str | Identifier) -> QueryResult:
        """Run a canned query by name, a .rq file or SPARQL text; parameters are bound as RDF terms."""
        return run(self.dataset, query, {**(params or {}), **kwargs})

    def rows(self, query: str | Query, params: dict[str, str | Identifier] | None = None,
             **kwargs: str | Identifier) -> list[dict[str, Any]]:
        """A SELECT query's rows as dicts of plain Python values."""
        return self.query(query, params, **kwargs).rows()

    @staticmethod
    def queries() -> dict[str, Query]:
        """The canned queries of queries/, by name, with their titles and parameters."""
        return canned_queries()

    def serialize(self, fmt: str = "ttl") -> bytes:
        """The graph in ttl, nt, trig, nq, jsonld or xml (trig, nq and jsonld keep one graph per article)."""
        return _export.export(self.dataset, fmt)

    def save(self, path: str | Path, fmt: str | None = None, allow_empty: bool = False) -> Path:
        """Write the graph atomically; the format comes from `fmt` or the file extension.

        An empty graph never replaces a file that is not empty unless `allow_empty`.
        """
        _export.write(self.dataset, fmt, output=path, allow_empty=allow_empty)
        return Path(path)

    def validate(self, shapes: str | Path = SHAPES_FILE) -> ValidationReport:
        """Check the graph against SHACL shapes (ontology/shapes.ttl by default)."""
        return validate(self.dataset, shapes=shapes)

    def stats(self, top: int = 10) -> Stats:
        """Counts per class, the articles, and the `top` most connected entities."""
        return stats(self.dataset, top=top)

    def __len__(self) -> int:
        return len(self.graph)
