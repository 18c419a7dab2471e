"""Where the graph lives past one file: an on-disk Oxigraph store or any SPARQL 1.1 endpoint.

A store spec names it: `memory` (the rdflib graph saved to a file, the default), `oxigraph:PATH` (a
persistent Oxigraph store in the folder PATH) or `sparql:QUERY_URL[,UPDATE_URL[,STORE_URL]]` (any SPARQL
1.1 endpoint; STORE_URL is its Graph Store Protocol address, guessed for Oxigraph's `/query` as `/store`).
Every article is its own named graph, and a graph is only ever replaced whole, in one request or one
transaction, so an interrupted build leaves each article either as it was or as it is now.
"""
from __future__ import annotations

import gc
import weakref
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from abc import ABC, abstractmethod
from collections import defaultdict
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Mapping, NamedTuple

from rdflib import RDFS, XSD, Dataset, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.term import BNode, Identifier

from . import export as _export
from . import graphio
from .errors import EndpointGone, NotAStore, QueryError, StoreError
from .ingest import Article
from .query import DEFAULT_PREFIXES, GRAPH_KINDS
from .sparqltext import term_text
from .vocab import NKG, ONTOLOGY_FILE

Triples = frozenset  # the triples of one named graph, as a comparable value
CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # no IRI holds one (RFC 3987)
STORE_MARKER = "newskg-store.json"  # in an Oxigraph folder that kg build made

# the stored articles, with what re-extracting them needs; optional fields stay unbound when absent
ARTICLES_QUERY = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?a ?id ?hash ?body ?title ?outlet ?date ?url WHERE {
  GRAPH ?a { ?a a nkg:Article ; dcterms:identifier ?id ; nkg:contentHash ?hash ; nkg:body ?body .
    OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a nkg:outlet ?outlet }
    OPTIONAL { ?a nkg:date ?date } OPTIONAL { ?a nkg:url ?url } }
}"""
QUADS_QUERY = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
# the stored articles without their text: enough to tell what is new, changed or already there
INDEX_QUERY = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?a ?id ?hash WHERE { GRAPH ?a { ?a a nkg:Article ; dcterms:identifier ?id ; nkg:contentHash ?hash } }"""
GRAPH_NAMES_QUERY = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"
ANY_ARTICLE_QUERY = ("SELECT ?a WHERE { GRAPH ?a { ?a a <https://w3id.org/newskg/ontology#Article> } } LIMIT 1")
# The default graph of a store is kept as the set union of its article graphs, which is what a query of a
# graph file sees. Querying the named graphs' union directly is not the same there: Oxigraph matches a
# triple once per graph that holds it, and the entities are repeated in every article that mentions them,
# so a join over an official's label, title and government multiplied rows by the number of those articles
# cubed. Each graph replacement keeps the union up to date; UNION_SYNC repairs it after anything else.
UNION_SYNC = """
DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } ;
INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }"""


def union_replace(name: URIRef, triples: str, graph_too: bool = True) -> str:
    """One update that keeps the default graph the union when a named graph is replaced (and, with
    `graph_too`, replaces the graph itself in the same transaction).

    A triple of the old graph leaves the union only if no other graph holds it; the new triples join it.
    """
    name = term_text(name)
    orphans = (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} "
               f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {name}) }} }} ;\n")
    if not graph_too:
        return f"{orphans}INSERT DATA {{\n{triples}}}"
    # the union copies the graph just written rather than parsing the triples a second time
    return (f"{orphans}DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{triples}}} }} ;\n"
            f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}")


RETRIES = 4  # tries per request before the endpoint counts as gone
BACKOFF = 0.5  # seconds before the second try, doubled after each failure


class Store(ABC):
    """A dataset of per-article named graphs that newskg can read whole and replace graph by graph."""

    spec: str
    default_cache: Path | None = None  # where extraction records are kept between builds
    atomic_union = True  # replace_graph updates the graph and the union in one transaction
    writes_behind = False  # add_graphs may run in a thread of its own while the build makes the next graphs

    @abstractmethod
    def quads(self) -> Iterable[tuple[Identifier, Identifier, Identifier, URIRef]]:
        """Every (s, p, o, graph name) in the named graphs."""

    @abstractmethod
    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """Make the named graph hold exactly `graph`, atomically."""

    def add_graphs(self, graphs: list[tuple[URIRef, Iterable[tuple]]]) -> None:
        """Write named graphs the store does not hold yet, with their share of the union; a store that can
        writes them all in one go (here, one graph after another with replace_graph)."""
        for name, triples in graphs:
            self.replace_graph(name, triples)

    @abstractmethod
    def select(self, sparql: str) -> list[dict[str, Identifier]]:
        """Rows of a SELECT query over the store's named graphs."""

    @abstractmethod
    def sparql(self, text: str, kind: str) -> "Result | SelectRows":
        """A query's result from the store's own engine, its default graph the union of the named graphs.

        That union is what queries on a graph file see. `kind` is the query's SELECT, ASK, CONSTRUCT or
        DESCRIBE; literals come back as plain() makes them.
        """

    @abstractmethod
    def export(self, fmt: str, out: BinaryIO) -> None:
        """Write the store to a binary stream in one of kg.export's formats (ttl nt trig nq jsonld xml)."""

    def close(self) -> None:
        """Release the store (the Oxigraph folder lock)."""

    def flush(self) -> None:
        """Write buffered changes out (the Oxigraph folder's memory tables), so a long build stays small."""

    def sync_union(self) -> None:
        """Make the default graph the set union of the named graphs again (see UNION_SYNC)."""
        self.update(UNION_SYNC)

    def update(self, text: str) -> None:
        """Run a SPARQL 1.1 Update against the store."""
        raise StoreError(f"{self.spec}: this store takes no SPARQL updates")

    def is_empty(self) -> bool:
        """No triple in any graph."""
        return not self.select("SELECT ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } LIMIT 1")

    def union_missing(self) -> bool:
        """A store written before newskg kept the union: named graphs, and an empty default graph."""
        return (not self.select("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
                and bool(self.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1")))

    def graphs(self) -> dict[URIRef, Triples]:
        """Each named graph's triples, to compare a new build with what is stored."""
        found: dict[URIRef, set] = defaultdict(set)
        for s, p, o, g in self.quads():
            found[g].add((s, p, o))
        return {g: same_triples(t) for g, t in found.items()}

    def graph_triples(self, name: URIRef) -> Triples:
        """One named graph's triples, comparable with same_triples() of a new build's graph."""
        rows = self.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH {term_text(name)} {{ ?s ?p ?o }} }}")
        return same_triples((r["s"], r["p"], plain(r["p"], r["o"])) for r in rows)

    def graph_names(self) -> list[URIRef]:
        """The names of the named graphs (one per article), sorted."""
        return sorted(r["g"] for r in self.select(GRAPH_NAMES_QUERY) if isinstance(r.get("g"), URIRef))

    def article_index(self) -> dict[URIRef, tuple[str, str]]:
        """(identifier, content hash) of each stored article, by IRI: cheap, the texts stay in the store."""
        return {row["a"]: (str(row["id"]), str(row["hash"])) for row in self.select(INDEX_QUERY)}

    def articles(self, names: Iterable[URIRef] | None = None) -> dict[URIRef, Article]:
        """The stored articles by IRI (all, or those named), rebuilt so they can be extracted again."""
        query = ARTICLES_QUERY
        if names is not None:
            names = list(names)
            if not names:
                return {}
            values = " ".join(term_text(n) for n in names)
            query = query.replace("WHERE {", f"WHERE {{ VALUES ?a {{ {values} }}", 1)
        out = {}
        for row in self.select(query):
            out[row["a"]] = Article(identifier=str(row["id"]), body=str(row["body"]), sha256=str(row["hash"]),
                                    title=_text(row.get("title")), source=_text(row.get("outlet")),
                                    date=_date(row.get("date")), url=_text(row.get("url")))
        return out

    def dataset(self) -> Dataset:
        """The whole store as an in-memory rdflib Dataset (for the picture, and queries rdflib must run)."""
        ds = graphio.new_dataset()
        for s, p, o, g in self.quads():
            ds.graph(g).add((s, p, o))
        return ds

    def rdflib_dataset(self) -> Dataset:
        """The store as an rdflib Dataset for rdflib's query engine: here a copy read into memory."""
        return self.dataset()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


DERIVED_INTEGERS = {XSD.nonNegativeInteger, XSD.positiveInteger, XSD.nonPositiveInteger, XSD.negativeInteger,
                    XSD.long, XSD.int, XSD.short, XSD.unsignedInt, XSD.unsignedLong}


@lru_cache(maxsize=1)
def _integer_ranges() -> dict[URIRef, URIRef]:
    """Properties whose ontology range is a type derived from xsd:integer (the span offsets)."""
    onto = Graph().parse(ONTOLOGY_FILE)
    return {p: r for p, r in onto.subject_objects(RDFS.range) if r in DERIVED_INTEGERS}


def plain(predicate: Identifier, term: Identifier) -> Identifier:
    """A stored object as newskg wrote it.

    A literal typed xsd:string is the plain literal rdflib makes; Oxigraph keeps every integer as
    xsd:integer, so a span offset gets back the xsd:nonNegativeInteger its ontology range says; and a whole
    decimal gets back the ".0" that stores drop ("15" is written "15.0", as kg.triples does).
    """
    if isinstance(term, Literal):
        if term.datatype == XSD.string:
            return Literal(str(term))
        if term.datatype == XSD.integer and predicate in _integer_ranges():
            return Literal(str(term), datatype=_integer_ranges()[predicate])
        if term.datatype == XSD.decimal and WHOLE_NUMBER.fullmatch(str(term)):
            return Literal(f"{term}.0", datatype=XSD.decimal)
    return term


WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")


def canonical(term: Identifier) -> Identifier:
    """The term with a decimal in its canonical form ("15.0" and "15"), as stores keep them."""
    if isinstance(term, Literal) and term.datatype == XSD.decimal:
        try:
            return Literal(format(Decimal(str(term)).normalize(), "f"), datatype=XSD.decimal)
        except InvalidOperation:
            return term
    return plain(None, term)


def same_triples(triples: Iterable[tuple]) -> Triples:
    """Triples in a form that compares equal whether they come from rdflib or back from a store."""
    return frozenset((s, p, canonical(o)) for s, p, o in triples)


def _text(term: Identifier | None) -> str | None:
    return str(term) if term is not None else None


def _date(term: Identifier | None) -> date | None:
    value = term.toPython() if isinstance(term, Literal) else None
    return value if isinstance(value, date) else None


def _check_no_blank_nodes(name: URIRef, graph: Graph) -> None:
    """Blank nodes cannot be matched across requests (and Oxigraph's update endpoint refuses them)."""
    for triple in graph:
        if any(isinstance(t, BNode) for t in triple):
            raise StoreError(f"graph {name}: blank node in {triple}; newskg graphs name every node with an IRI")


def _split_seal(name: URIRef, triples: Iterable[tuple]) -> tuple[list[tuple], list[tuple]]:
    """A new graph's triples without its seal (the content hash), and the seal; StoreError on a blank node.

    One pass over the triples, the term looked up once: a DefinedNamespace term costs a lookup at each use,
    and this loop sees every triple a store build writes.
    """
    body, seal, sealed_by = [], [], NKG.contentHash
    for triple in triples:
        s, p, o = triple
        if isinstance(s, BNode) or isinstance(p, BNode) or isinstance(o, BNode):
            raise StoreError(f"graph {name}: blank node in {triple}; newskg graphs name every node with an IRI")
        (seal if p == sealed_by else body).append(triple)
    return body, seal


def ntriples(graph: Graph) -> str:
    """The graph as N-Triples text: rdflib's own line writer, without its serializer's set-up per graph,
    which cost four times as much on graphs of a few hundred triples written one article at a time."""
    from rdflib.plugins.serializers.nt import _nt_row

    return "".join(_nt_row(triple) for triple in graph)


def nquads(graphs: Iterable[tuple[URIRef, Iterable[tuple]]]) -> str:
    """Named graphs as N-Quads text, each triple twice: in its graph and in the default graph (the union).

    The text of an IRI is made once per call: the same subjects and predicates fill every article graph. Each
    IRI is checked then, as the text is for a loader told not to check them again (OxigraphStore.add_graphs):
    rdflib's n3() refuses the characters an IRI cannot hold but lets control characters through.
    """
    from rdflib.plugins.serializers.nt import _quoteLiteral

    iris: dict = {}

    def text(term) -> str:
        # most terms are IRIs: a check of the exact type spares them isinstance's walk through rdflib's ABCs
        if type(term) is not URIRef and isinstance(term, Literal):
            return _quoteLiteral(term)
        found = iris.get(term)
        if found is None:
            if CONTROL.search(term):
                raise StoreError(f"{term!r} is not an IRI (it holds a control character); nothing of its batch "
                                 "was written")
            found = iris[term] = term.n3()
        return found

    out = []
    for name, triples in graphs:
        rows = [f"{text(s)} {text(p)} {text(o)}" for s, p, o in triples]
        suffix = f" {text(name)} .\n"
        out += [row + suffix for row in rows]
        out += [row + " .\n" for row in rows]
    return "".join(out)


def rdflib_result(kind: str, names: Iterable[str] = (), rows: Iterable[Mapping[str, Identifier]] = (),
                  answer: bool | None = None, triples: Iterable[tuple] = ()) -> Result:
    """Another engine's answer as the rdflib Result that kg.query.QueryResult prints, like rdflib's own."""
    result = Result(kind)
    if kind == "ASK":
        result.askAnswer = bool(answer)
    elif kind == "SELECT":
        result.vars = [Variable(n) for n in names]
        result.bindings = [{Variable(n): term for n, term in row.items()} for row in rows]
    else:
        result.graph = Graph()
        for triple in triples:
            result.graph.add(triple)
    return result


# ------------------------------------------------------------------------------------------------ Oxigraph


class OxigraphStore(Store):
    """A persistent Oxigraph store in a folder, used in-process through pyoxigraph."""

    writes_behind = True

    def __init__(self, path: str | Path, create: bool = False):
        try:
            import pyoxigraph
        except ImportError:
            raise StoreError("the oxigraph store needs pyoxigraph: .venv/bin/pip install pyoxigraph oxrdflib") from None
        self.path = Path(path)
        self.spec = f"oxigraph:{path}"
        self.default_cache = self.path.with_name(self.path.name + ".records")
        self._check_folder(create)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.ox = pyoxigraph.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the Oxigraph store ({exc}); is another process using it?") from None
        if create and not self.marker.is_file():
            graphio.atomic_write(self.marker, json.dumps({"newskg": "store", "version": 1}).encode())
        if self.union_missing():
            self.sync_union()

    @property
    def marker(self) -> Path:
        """The file a build leaves in the folder: only a folder holding it is opened as a newskg store."""
        return self.path / STORE_MARKER

    def _check_folder(self, create: bool) -> None:
        """Open only a newskg store; a build may also start one in a new or empty folder, or adopt an
        Oxigraph store an older newskg wrote. Nothing is written into any other folder."""
        path = self.path
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path}: not a folder; oxigraph:PATH needs a folder for the store")
        if self.marker.is_file():
            return
        if not create:
            what = "no such folder" if not path.exists() else "not a newskg store"
            raise NotAStore(f"{self.spec}: {what} (no {STORE_MARKER}, which 'kg build --store' writes); check the "
                            f"path, or build into it first")
        if path.is_dir() and any(path.iterdir()) and not (path / "CURRENT").is_file():
            raise NotAStore(f"{self.spec}: the folder holds other files and no store; give a new or empty folder")

    def quads(self):
        from oxrdflib._converter import from_ox
        from pyoxigraph import NamedNode

        for q in self.ox.quads_for_pattern(None, None, None, None):
            if isinstance(q.graph_name, NamedNode):
                p = from_ox(q.predicate)
                yield from_ox(q.subject), p, plain(p, from_ox(q.object)), URIRef(q.graph_name.value)

    def graph_triples(self, name: URIRef) -> Triples:
        from oxrdflib._converter import from_ox
        from pyoxigraph import NamedNode

        found = []
        for q in self.ox.quads_for_pattern(None, None, None, NamedNode(str(name))):
            p = from_ox(q.predicate)
            found.append((from_ox(q.subject), p, plain(p, from_ox(q.object))))
        return same_triples(found)

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        import pyoxigraph as ox

        _check_no_blank_nodes(name, graph)
        graph_name = ox.NamedNode(str(name))
        if self.ox.contains_named_graph(graph_name):
            # one update is one transaction: neither the graph nor the union is ever seen half-replaced
            self.ox.update(union_replace(name, ntriples(graph)))
            return
        # a new graph drops nothing from the union: its quads and the union's go in one transaction, without
        # the update's text to write and parse (a third of a store build's time went there)
        triples = [tuple(map(_ox_term, t)) for t in graph]
        self.ox.extend([ox.Quad(s, p, o, graph_name) for s, p, o in triples]
                       + [ox.Quad(s, p, o) for s, p, o in triples])

    def add_graphs(self, graphs: list[tuple[URIRef, Iterable[tuple]]]) -> None:
        """New graphs and their share of the union through Oxigraph's bulk loader, three times faster than a
        transaction: it sorts the quads and writes the store's files itself, and leaves Python's lock while it
        does, so a build makes its next graphs meanwhile (writes_behind).

        The loader is not a transaction, so each graph is sealed after it: its article's content hash, by which
        a build knows a stored article (article_index), goes in afterwards, in one transaction for the
        batch. A build stopped during the load leaves graphs without their seal, which the next build sees
        as not stored and replaces whole (replace_graph, one transaction), never as done.
        """
        import pyoxigraph as ox

        bodies, seals = [], []
        for name, triples in graphs:
            body, seal = _split_seal(name, triples)
            bodies.append((name, body))
            seals += [(name, t) for t in seal]
        # lenient: the loader skips checking each IRI again; nquads wrote them with rdflib's n3(), which refuses
        # one that is not valid, and refused control characters (a tenth to a sixth of the loader's time)
        self.ox.bulk_load(nquads(bodies).encode("utf-8"), format=ox.RdfFormat.N_QUADS, lenient=True)
        quads = []
        for name, (s, p, o) in seals:
            s, p, o = _ox_term(s), _ox_term(p), _ox_term(o)
            quads += [ox.Quad(s, p, o, ox.NamedNode(str(name))), ox.Quad(s, p, o)]
        self.ox.extend(quads)

    def update(self, text: str) -> None:
        self.ox.update(text)

    def flush(self) -> None:
        # without it the memory tables grow with every graph written until the store is closed: 0.8 GB
        # at a million quads, against 0.27 GB flushed every few hundred graphs
        self.ox.flush()

    def union_missing(self) -> bool:
        from pyoxigraph import DefaultGraph

        empty = next(iter(self.ox.quads_for_pattern(None, None, None, DefaultGraph())), None) is None
        return empty and next(iter(self.ox.named_graphs()), None) is not None

    def select(self, sparql: str) -> list[dict[str, Identifier]]:
        from oxrdflib._converter import from_ox

        result = self.ox.query(sparql)
        names = [v.value for v in result.variables]
        return [{n: from_ox(v) for n, v in zip(names, row) if v is not None} for row in result]

    def sparql(self, text: str, kind: str) -> Result:
        from pyoxigraph import QueryBoolean, QuerySolutions

        try:
            found = self.ox.query(text, prefixes=DEFAULT_PREFIXES)  # the default graph is the union
        except (SyntaxError, ValueError) as exc:
            raise QueryError(f"Oxigraph cannot run the query: {exc}") from None
        if isinstance(found, QueryBoolean):
            return rdflib_result("ASK", answer=bool(found))
        if isinstance(found, QuerySolutions):  # rows as Oxigraph finds them, read once
            rows = OxigraphRows(found)
            self._views = [*getattr(self, "_views", []), weakref.ref(rows)]  # unread rows hold the store: let go
            return SelectRows([v.value for v in found.variables], rows)
        return _oxigraph_graph_result(kind, found)

    def export(self, fmt: str, out: BinaryIO) -> None:
        """Write the store with Oxigraph's own serializers, which are many times faster here than rdflib's.

        pyoxigraph writes every export format, JSON-LD included. Quad formats (trig, nq, jsonld) get the
        named graphs one after the other; triple formats get the default graph, their union with each
        triple once, which the store keeps (UNION_SYNC). On the way out each object
        is made plain(), so the file holds the datatypes newskg wrote and passes `kg validate` like the
        memory export.
        """
        import pyoxigraph as ox

        rdf_format = getattr(ox.RdfFormat, OXIGRAPH_FORMATS[_check_format(fmt)])
        fix = _oxigraph_plain()
        if rdf_format.supports_datasets:
            items = (ox.Quad(q.subject, q.predicate, fix(q.predicate, q.object), q.graph_name)
                     for name in sorted(self.ox.named_graphs(), key=str)
                     for q in self.ox.quads_for_pattern(None, None, None, name))
        else:
            items = (ox.Triple(q.subject, q.predicate, fix(q.predicate, q.object))
                     for q in self.ox.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        try:
            ox.serialize(items, out, rdf_format, prefixes=DEFAULT_PREFIXES)
        except OSError as exc:
            raise StoreError(f"{self.spec}: cannot export ({exc})") from None

    def rdflib_dataset(self) -> Dataset:
        """An rdflib Dataset over this store: rdflib's API and query engine, no copy in memory."""
        from oxrdflib import OxigraphStore as RdflibOxigraph

        view = RdflibOxigraph(store=self.ox)
        self._views = [*getattr(self, "_views", []), weakref.ref(view)]  # let go of on close
        return Dataset(store=view, default_union=False)  # the default graph is the union

    def close(self) -> None:
        """Flush and drop the store, which releases the folder's lock for other processes."""
        if getattr(self, "ox", None) is not None:
            self.ox.flush()
            for ref in getattr(self, "_views", []):  # an rdflib Dataset or unread rows still alive (a query
                view = ref()                           # result or a stopped query's traceback holds them) must
                if isinstance(view, OxigraphRows):     # not keep the folder locked
                    view.solutions = iter(())
                elif view is not None:
                    view._store = None
            self._views = []
            self.ox = None
            gc.collect()  # an rdflib Dataset over the store (rdflib_dataset) holds it in reference cycles


class OxigraphRows:
    """Oxigraph's solutions as rows of rdflib terms (made plain()), each made when it is read; skip() and
    count() pass over solutions without making any term."""

    def __init__(self, solutions):
        self.solutions = solutions

    def __iter__(self):
        return self

    def __next__(self) -> list[Identifier | None]:
        from oxrdflib._converter import from_ox

        return [None if t is None else plain(None, from_ox(t)) for t in next(self.solutions)]

    def skip(self, n: int) -> int:
        return sum(1 for _ in islice(self.solutions, n))

    def count(self) -> int:
        return sum(1 for _ in self.solutions)

    def csv_rows(self):
        """The rows as the text kg.query.csv_value writes for their plain() terms, made from Oxigraph's terms."""
        import pyoxigraph as ox

        decimal = ox.NamedNode(str(XSD.decimal))

        def text(t) -> str:
            if t is None:
                return ""
            if isinstance(t, ox.BlankNode):
                return f"_:{t.value}"
            if isinstance(t, ox.Literal) and t.datatype == decimal and WHOLE_NUMBER.fullmatch(t.value):
                return f"{t.value}.0"  # as plain() writes a whole decimal back
            return t.value

        for row in self.solutions:
            yield [text(t) for t in row]


TRIPLE_FORMATS = {"ttl", "nt", "xml"}  # the export formats that hold no graph names
OXIGRAPH_FORMATS = {"ttl": "TURTLE", "nt": "N_TRIPLES", "trig": "TRIG", "nq": "N_QUADS", "jsonld": "JSON_LD",
                    "xml": "RDF_XML"}


def _check_format(fmt: str) -> str:
    graphio.format_for("", fmt)  # an unknown name is a GraphError that lists the known ones
    return fmt


@lru_cache(maxsize=100_000)
def _ox_term(term: Identifier):
    """An rdflib term as a pyoxigraph term (the IRIs and values an article graph repeats are made once)."""
    from oxrdflib._converter import to_ox

    return to_ox(term)


def _oxigraph_graph_result(kind: str, triples) -> Result:
    """A CONSTRUCT or DESCRIBE answer of Oxigraph kept in an Oxigraph graph of its own, each object as
    plain() makes it: an rdflib Graph to the caller, written by Oxigraph's serializers (kg.query's graph
    writers), which at a few thousand triples take a twentieth of the time rdflib's Turtle writer does."""
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore as RdflibOxigraph

    fix = _oxigraph_plain()
    inner = ox.Store()
    inner.extend(ox.Quad(t.subject, t.predicate, fix(t.predicate, t.object)) for t in triples)
    result = Result(kind)
    result.graph = Graph(store=RdflibOxigraph(store=inner), identifier=DATASET_DEFAULT_GRAPH_ID, bind_namespaces="none")
    return result


def _oxigraph_plain():
    """plain() for pyoxigraph terms: (predicate, object) -> the object as newskg wrote it."""
    import pyoxigraph as ox

    ranges = {ox.NamedNode(str(p)): ox.NamedNode(str(r)) for p, r in _integer_ranges().items()}
    integer, decimal = ox.NamedNode(str(XSD.integer)), ox.NamedNode(str(XSD.decimal))

    def fix(predicate, term):
        if isinstance(term, ox.Literal):
            if term.datatype == integer and predicate in ranges:
                return ox.Literal(term.value, datatype=ranges[predicate])
            if term.datatype == decimal and WHOLE_NUMBER.fullmatch(term.value):
                return ox.Literal(f"{term.value}.0", datatype=decimal)
        return term

    return fix


# --------------------------------------------------------------------------------------------- SPARQL 1.1


class SparqlStore(Store):
    """Any SPARQL 1.1 endpoint over HTTP: reads by the query protocol, writes by the Graph Store Protocol.

    Writes are whole-graph PUTs (far faster than per-triple updates, and atomic), each preceded by one
    update at UPDATE_URL that keeps the default graph the union of the article graphs. The two requests
    are not one transaction: a build cut off between them leaves the union ahead of the graph, which
    kg.incremental notices and repairs on the next build (sync_union).
    """

    atomic_union = False

    def __init__(self, query_url: str, update_url: str | None = None, store_url: str | None = None,
                 retries: int = RETRIES, backoff: float = BACKOFF):
        self.query_url = query_url
        self.update_url = update_url or _sibling(query_url, "update")
        self.store_url = store_url or _sibling(query_url, "store")
        self.spec = f"sparql:{query_url}"
        self.retries, self.backoff = retries, backoff

    def _request(self, url: str, data: bytes | None = None, headers: Mapping[str, str] | None = None,
                 method: str = "POST", stream: bool = False):
        """One HTTP exchange, tried again with growing pauses while the endpoint cannot be reached; the body,
        or with `stream` the open response to read it from."""
        delay = self.backoff
        for attempt in range(1, self.retries + 1):
            req = urllib.request.Request(url, data=data, headers=dict(headers or {}), method=method)
            try:
                if stream:
                    return urllib.request.urlopen(req, timeout=60)
                with urllib.request.urlopen(req, timeout=60) as resp:
                    return resp.read()
            except urllib.error.HTTPError as exc:  # the endpoint answered: trying again will not help
                detail = exc.read().decode("utf-8", "replace")[:300]
                raise StoreError(f"{url}: HTTP {exc.code} {exc.reason}: {detail}") from None
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
                if attempt == self.retries:
                    raise EndpointGone(f"{url}: unreachable after {attempt} tries ({exc})") from None
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    def select(self, sparql: str) -> list[dict[str, Identifier]]:
        body = urllib.parse.urlencode({"query": sparql}).encode()
        raw = self._request(self.query_url, body, {"Content-Type": "application/x-www-form-urlencoded",
                                                   "Accept": "application/sparql-results+json"})
        doc = json.loads(raw)
        return [{k: _json_term(v) for k, v in row.items()} for row in doc["results"]["bindings"]]

    def quads(self):
        for row in self.select(QUADS_QUERY):
            yield row["s"], row["p"], plain(row["p"], row["o"]), row["g"]

    def sparql(self, text: str, kind: str) -> Result | SelectRows:
        """The endpoint's answer, over its default graph: the union of the article graphs newskg keeps there.

        SELECT rows are read from the response as they arrive (SPARQL XML results, parsed incrementally).
        """
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in DEFAULT_PREFIXES.items())
        form = urllib.parse.urlencode({"query": prologue + text}, doseq=True).encode()
        if kind == "SELECT":
            response = self._request(self.query_url, form, {"Content-Type": "application/x-www-form-urlencoded",
                                                            "Accept": "application/sparql-results+xml"}, stream=True)
            return _xml_rows(response)
        accept = "application/n-triples" if kind in GRAPH_KINDS else "application/sparql-results+json"
        raw = self._request(self.query_url, form, {"Content-Type": "application/x-www-form-urlencoded",
                                                   "Accept": accept})
        if kind in GRAPH_KINDS:
            parsed = Graph().parse(data=raw.decode("utf-8"), format="nt")
            return rdflib_result(kind, triples=((s, p, plain(p, o)) for s, p, o in parsed))
        doc = json.loads(raw)
        if "boolean" in doc:
            return rdflib_result("ASK", answer=doc["boolean"])
        rows = ({n: plain(None, _json_term(v)) for n, v in b.items()} for b in doc["results"]["bindings"])
        return rdflib_result("SELECT", doc["head"]["vars"], rows)

    def graph(self, name: URIRef | None) -> Graph:
        """One named graph (None: the default graph, the union), fetched whole by a Graph Store Protocol GET,
        its objects made plain()."""
        url = self._graph_url(name) if name is not None else f"{self.store_url}?default"
        raw = self._request(url, None, {"Accept": "application/n-triples"}, "GET")
        fetched = Graph().parse(data=raw.decode("utf-8"), format="nt")
        graph = Graph()
        for s, p, o in fetched:
            graph.add((s, p, plain(p, o)))
        return graph

    def export(self, fmt: str, out: BinaryIO) -> None:
        """Write the endpoint's article graphs fetched one at a time, or for a triple format its default
        graph, their union; see kg.export.write_graphs for which formats stream."""
        fmt = _check_format(fmt)
        if fmt in TRIPLE_FORMATS:
            graphs = iter([(URIRef(self.store_url), self.graph(None))])
        else:
            graphs = ((name, self.graph(name)) for name in self.graph_names())
        _export.write_graphs(graphs, fmt, out)

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        _check_no_blank_nodes(name, graph)
        triples = ntriples(graph)
        # the union first (the old graph still tells which triples only it held), then the graph itself:
        # PUT replaces it whole, in one request, far faster than updates, and never half-done
        self.update(union_replace(name, triples, graph_too=False))
        self._request(self._graph_url(name), triples.encode("utf-8"), {"Content-Type": "application/n-triples"},
                      "PUT")

    def update(self, text: str) -> None:
        self._request(self.update_url, urllib.parse.urlencode({"update": text}).encode(),
                      {"Content-Type": "application/x-www-form-urlencoded"})

    def _graph_url(self, name: URIRef) -> str:
        return f"{self.store_url}?{urllib.parse.urlencode({'graph': str(name)})}"


def _sibling(url: str, leaf: str) -> str:
    """Oxigraph serves /query, /update and /store side by side."""
    base, _, last = url.rstrip("/").rpartition("/")
    if last not in ("query", "sparql"):
        raise StoreError(f"{url}: cannot guess the {leaf} address; give sparql:QUERY_URL,UPDATE_URL,STORE_URL")
    return f"{base}/{leaf}"


class SelectRows(NamedTuple):
    """A store's SELECT answer: the variable names, and the rows (lists of terms or None) as they come."""

    names: list[str]
    rows: Iterator[list[Identifier | None]]


RESULTS_XML = "{http://www.w3.org/2005/sparql-results#}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _xml_rows(response) -> SelectRows:
    """SPARQL XML results read as they arrive: the head now, each row when asked for, none kept."""
    from xml.etree.ElementTree import iterparse

    events = iterparse(response, events=("start", "end"))
    names = []
    for event, element in events:
        if event == "end" and element.tag == RESULTS_XML + "variable":
            names.append(element.get("name"))
        elif event == "end" and element.tag == RESULTS_XML + "head":
            break

    def rows():
        with response:
            for event, element in events:
                if event == "start" and element.tag == RESULTS_XML + "results":
                    results = element
                elif event == "end" and element.tag == RESULTS_XML + "result":
                    found = {b.get("name"): _xml_term(b[0]) for b in element if len(b)}
                    yield [None if found.get(n) is None else plain(None, found[n]) for n in names]
                    results.clear()  # the rows read so far are not kept

    return SelectRows(names, rows())


def _xml_term(element) -> Identifier:
    """A term of the W3C SPARQL XML results format."""
    kind, text = element.tag.removeprefix(RESULTS_XML), element.text or ""
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    datatype = element.get("datatype")
    return Literal(text, lang=element.get(XML_LANG), datatype=URIRef(datatype) if datatype else None)


def _json_term(value: Mapping[str, str]) -> Identifier:
    """A term of the W3C SPARQL JSON results format."""
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    datatype = value.get("datatype")
    return Literal(value["value"], lang=value.get("xml:lang"), datatype=URIRef(datatype) if datatype else None)


# ------------------------------------------------------------------------------------------------ specs


def parse_spec(spec: str) -> tuple[str, list[str]]:
    """The kind of store a --store value names and its arguments; a malformed value is named."""
    kind, _, rest = spec.partition(":")
    if spec == "memory":
        return "memory", []
    if kind == "oxigraph" and rest:
        return "oxigraph", [rest]
    if kind == "sparql" and rest:
        urls = [u.strip() for u in rest.split(",")]
        if len(urls) > 3 or not all(u.startswith(("http://", "https://")) for u in urls):
            raise StoreError(f"--store {spec}: give sparql:QUERY_URL[,UPDATE_URL[,STORE_URL]] with http(s) URLs")
        return "sparql", urls
    raise StoreError(f"--store {spec!r}: use memory, oxigraph:PATH or sparql:QUERY_URL[,UPDATE_URL[,STORE_URL]]")


def open_store(spec: str, create: bool = False) -> Store | None:
    """The store a --store value names; None for `memory`, whose graph lives in a file.

    Only a build passes `create`: every other use opens a store that a build made, and refuses any other
    folder or an endpoint that holds no newskg article, so that a mistyped name is an error, not an empty answer.
    """
    kind, args = parse_spec(spec)
    if kind == "memory":
        return None
    if kind == "oxigraph":
        return OxigraphStore(*args, create=create)
    store = SparqlStore(*args)
    if not create and not store.select(ANY_ARTICLE_QUERY):
        raise NotAStore(f"{store.spec}: holds no newskg article graph; check the address, or build into it first")
    return store


# ------------------------------------------------------------------------------------------------ reading


def run_query(store: Store, query, params: Mapping[str, str | Identifier] | None = None,
              page: tuple[int | None, int] | None = None):
    """A canned or ad-hoc query run by the store's own engine: Oxigraph in-process, an endpoint over HTTP.

    Parameters are written into the query as escaped RDF terms where the SPARQL parser found their
    variables (kg.sparqltext), never by searching the text. Where that would not be the query with the
    parameters bound (a parameter the query projects, or one where only a variable may stand, as in
    BIND … AS ?name), rdflib's engine runs the query with the parameters bound as usual: over the Oxigraph
    store itself, but over the whole endpoint read into memory, since rdflib can only bind parameters in a
    query it evaluates itself.

    Queries read the store's default graph, the set union of the article graphs that newskg keeps there
    (UNION_SYNC), so a triple several articles hold is matched once, as in a graph file. Returns a
    kg.query.QueryResult, printed the same way as for a graph file.

    `page` (limit, offset) asks for one page of a listing, as project(…, limit, offset) then takes it: a
    canned listing with a page mark (kg.query.Query.paged) has the engine sort its light keys and join the
    other columns to that page alone, and total() counts the whole listing apart, only when asked.
    """
    from . import listings
    from . import query as q

    query = q.find_query(query) if isinstance(query, str) else query
    bindings = query.bindings(params)
    text = _substituted(query, bindings)
    if text is None:
        return q.run(store.rdflib_dataset(), query, params)
    if not bindings and listings.tabled(query):
        out = _from_table(store, query, page)
        if out is not None:
            return out
    paged = query.paged(text, *page) if page else None
    result = _ask(store, query, _answered_first(store, paged or query.whole(text)))
    if isinstance(result, SelectRows):
        out = q.QueryResult.of_rows([Variable(n) for n in result.names], result.rows, query, q._namespaces())
        if paged:
            out.paged, out.counter = page[1], lambda: q.Rows(_ask(store, query, query.whole(text)).rows).count()
        return out
    return q.QueryResult(result, query, q._namespaces())


def _from_table(store: Store, query, page: tuple[int | None, int] | None):
    """A canned listing without parameters read from the listing tables a build left (kg.listings), or None
    where there are none for this graph: the engine answers then. A query never writes tables."""
    from . import listings
    from . import query as q

    tables = listings.tables_for(store)
    limit, offset = page if page else (None, 0)
    found = tables.rows(query, limit, offset) if tables is not None else None
    if found is None:
        return None
    names, rows, total = found
    out = q.QueryResult.of_rows([Variable(n) for n in names], rows, query, q._namespaces())
    if page:
        out.paged, out.counter = offset, lambda: total
    return out


def _answered_first(store: Store, text: str) -> str:
    """The query with the subquery marked FIRST_MARK replaced by its rows as VALUES, answered on its own by
    an Oxigraph store (kg.query.FIRST_MARK); other engines get the query as it is, which means the same.

    A subquery is evaluated apart from the rest of its query in SPARQL, so its rows written in as data give
    the same answer. Oxigraph writes each term in N-Triples syntax, which SPARQL reads as the same term; a
    blank node, which VALUES cannot hold, leaves the query as it is.
    """
    import pyoxigraph as ox

    from .query import FIRST_MARK
    from .sparqltext import group_around

    if FIRST_MARK not in text or getattr(store, "ox", None) is None:
        return text
    start, end = group_around(text, text.index(FIRST_MARK))
    prologue = "".join(line + "\n" for line in text.split("\n") if line.lstrip().upper().startswith("PREFIX"))
    try:
        solutions = store.ox.query(prologue + text[start + 1:end - 1], prefixes=DEFAULT_PREFIXES)
    except (SyntaxError, ValueError) as exc:
        raise QueryError(f"Oxigraph cannot run the query: {exc}") from None
    names = " ".join(str(v) for v in solutions.variables)
    rows = [list(row) for row in solutions]
    if any(isinstance(t, ox.BlankNode) for row in rows for t in row):
        return text
    values = "\n".join("(" + " ".join("UNDEF" if t is None else str(t) for t in row) + ")" for row in rows)
    return f"{text[:start]}{{ VALUES ({names}) {{\n{values}\n}} }}{text[end:]}"


def _ask(store: Store, query, text: str):
    try:
        return store.sparql(text, query.kind)
    except QueryError as exc:
        raise QueryError(f"{query.name}: {exc}") from None


def _substituted(query, bindings: Mapping[str, Identifier]) -> str | None:
    """The query text with its parameters written in, or None where rdflib must bind them."""
    from .sparqltext import substituted

    prepared = query.prepared  # a syntax error is reported by newskg, naming the query
    if not bindings:
        return query.text
    if set(bindings) & _output_variables(query.kind, prepared.algebra):
        return None
    return substituted(query.text, bindings, DEFAULT_PREFIXES)


def _output_variables(kind: str, algebra) -> set[str]:
    """The variables a SELECT projects or a DESCRIBE names: a term cannot stand there, and rdflib's
    binding gives them back as columns."""
    if kind in ("SELECT", "DESCRIBE"):
        return {str(v) for v in algebra["PV"] if isinstance(v, Variable)}
    return set()
