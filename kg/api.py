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
    """A newskg graph: an rdflib Dataset with one named graph per article, and what can be done with it.

    Queries run in an in-memory Oxigraph store (kg.engine) made from the graph file, or from the dataset, at
    the first query and kept for the next ones; reading `dataset` or `graph` again after changing the
    dataset makes the next query see the change. rdflib's own engine answers with `engine="rdflib"`.
    """

    def __init__(self, dataset: Dataset | None = None, problems: list | None = None, *,
                 path: str | Path | None = None):
        self._dataset = dataset
        self._path = Path(path) if path is not None else None
        self._engine = None
        self.problems = list(problems or [])  # files a build could not read (kg.errors.InputError)

    @classmethod
    def build(cls, paths: Iterable[str | Path], *, model: str | None = None) -> "KnowledgeGraph":
        """Read articles (files or folders) and extract their graph; unreadable files land in .problems."""
        from .build import build_dataset  # the spaCy pipeline is only loaded when building

        result = build_dataset([Path(p) for p in paths], model=model)
        return cls(result.dataset, result.problems)

    @classmethod
    def load(cls, path: str | Path) -> "KnowledgeGraph":
        """A graph file written by `kg build` or `save` (.ttl, .nt, .trig, .nq, .jsonld, .xml).

        The file is checked now and read when first needed: by rdflib for `dataset`, by Oxigraph for queries.
        """
        path = Path(path)
        graphio.check_readable(path)
        return cls(path=path)

    @property
    def dataset(self) -> Dataset:
        """The rdflib Dataset (read from the file on first use); queries after this see changes made to it."""
        self._engine = None  # the caller may change it: the next query copies it again
        return self._read()

    def _read(self) -> Dataset:
        if self._dataset is None:
            self._dataset = graphio.load(self._path)
        return self._dataset

    @property
    def graph(self) -> Graph:
        """All triples of all articles in one plain rdflib Graph."""
        return graphio.union_graph(self.dataset)

    @property
    def engine(self):
        """The in-memory Oxigraph store queries run in (kg.engine.MemoryStore), made on first use."""
        if self._engine is None:
            from .engine import MemoryStore

            self._engine = (MemoryStore.from_dataset(self._dataset) if self._dataset is not None
                            else MemoryStore.from_file(self._path))
        return self._engine

    def query(self, query: str | Query, params: dict[str, str | Identifier] | None = None, *,
              engine: str = "oxigraph", page: tuple[int | None, int] | None = None,
              **kwargs: str | Identifier) -> QueryResult:
        """Run a canned query by name, a .rq file or SPARQL text; parameters are bound as RDF terms.

        `engine`: "oxigraph" (the in-memory store, the default) or "rdflib" (rdflib's own engine). `page`
        (limit, offset): only that page of a listing is wanted, which the result's project(…, limit,
        offset) then gives (kg.store.run_query asks the engine for it alone where the query allows).
        """
        params = {**(params or {}), **kwargs}
        if engine == "rdflib":
            return run(self._read(), query, params)
        if engine != "oxigraph":
            raise ValueError(f"engine {engine!r}: use oxigraph or rdflib")
        from .store import run_query

        return run_query(self.engine, query, params, page=page)

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
        return _export.export(self._read(), fmt)

    def save(self, path: str | Path, fmt: str | None = None, allow_empty: bool = False) -> Path:
        """Write the graph atomically; the format comes from `fmt` or the file extension.

        An empty graph never replaces a file that is not empty unless `allow_empty`.
        """
        _export.write(self._read(), fmt, output=path, allow_empty=allow_empty)
        return Path(path)

    def validate(self, shapes: str | Path = SHAPES_FILE, engine: str = "sparql") -> ValidationReport:
        """Check the graph against SHACL shapes (ontology/shapes.ttl by default): each constraint as SPARQL
        in the query engine, or with `engine="pyshacl"` by pySHACL (kg.validate)."""
        if engine == "pyshacl":
            return validate(self._read(), shapes=shapes, engine=engine)
        return validate(self.engine, shapes=shapes, engine=engine)

    def stats(self, top: int = 10) -> Stats:
        """Counts per class, the articles, and the `top` most connected entities."""
        return stats(self._read(), top=top)

    def __len__(self) -> int:
        """The number of distinct triples (the default graph of the query engine: the union of the articles)."""
        if self._dataset is not None:
            return len(graphio.union_graph(self._dataset))
        return int(self.engine.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"])
