"""Where the graph lives past one file: an on-disk Oxigraph store or any SPARQL 1.1 endpoint.

A store spec names it: `memory` (the rdflib graph saved to a file, the default), `oxigraph:PATH` (a
persistent Oxigraph store in the folder PATH) or `sparql:QUERY_URL[,UPDATE_URL[,STORE_URL]]` (any SPARQL
1.1 endpoint; STORE_URL is its Graph Store Protocol address, guessed for Oxigraph's `/query` as `/store`).
Every article is its own named graph, and a graph is only ever replaced whole, in one request or one
transaction, so an interrupted build leaves each article either as it was or as it is now.
"""
from __future__ import annotations

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
from pathlib import Path
from typing import Iterable, Mapping

from rdflib import RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.term import BNode, Identifier

from . import graphio
from .errors import KGError
from .ingest import Article
from .vocab import ONTOLOGY_FILE

Triples = frozenset  # the triples of one named graph, as a comparable value

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
RETRIES = 4  # tries per request before the endpoint counts as gone
BACKOFF = 0.5  # seconds before the second try, doubled after each failure


class StoreError(KGError):
    """A store that cannot be opened, read or written; the message says which and how far a load got."""


class Store(ABC):
    """A dataset of per-article named graphs that newskg can read whole and replace graph by graph."""

    spec: str
    default_cache: Path | None = None  # where extraction records are kept between builds

    @abstractmethod
    def quads(self) -> Iterable[tuple[Identifier, Identifier, Identifier, URIRef]]:
        """Every (s, p, o, graph name) in the named graphs."""

    @abstractmethod
    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """Make the named graph hold exactly `graph`, atomically."""

    @abstractmethod
    def select(self, sparql: str) -> list[dict[str, Identifier]]:
        """Rows of a SELECT query over the store's named graphs."""

    def close(self) -> None:
        """Release the store (the Oxigraph folder lock)."""

    def graphs(self) -> dict[URIRef, Triples]:
        """Each named graph's triples, to compare a new build with what is stored."""
        found: dict[URIRef, set] = defaultdict(set)
        for s, p, o, g in self.quads():
            found[g].add((s, p, o))
        return {g: same_triples(t) for g, t in found.items()}

    def graph_triples(self, name: URIRef) -> Triples:
        """One named graph's triples, comparable with same_triples() of a new build's graph."""
        rows = self.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
        return same_triples((r["s"], r["p"], plain(r["p"], r["o"])) for r in rows)

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
            values = " ".join(f"<{n}>" for n in names)
            query = query.replace("WHERE {", f"WHERE {{ VALUES ?a {{ {values} }}", 1)
        out = {}
        for row in self.select(query):
            out[row["a"]] = Article(identifier=str(row["id"]), body=str(row["body"]), sha256=str(row["hash"]),
                                    title=_text(row.get("title")), source=_text(row.get("outlet")),
                                    date=_date(row.get("date")), url=_text(row.get("url")))
        return out

    def dataset(self) -> Dataset:
        """The whole store as an in-memory rdflib Dataset (for export, stats and the picture)."""
        ds = graphio.new_dataset()
        for s, p, o, g in self.quads():
            ds.graph(g).add((s, p, o))
        return ds

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

    A literal typed xsd:string is the plain literal rdflib makes; and Oxigraph keeps every integer as
    xsd:integer, so a span offset gets back the xsd:nonNegativeInteger its ontology range says.
    """
    if isinstance(term, Literal):
        if term.datatype == XSD.string:
            return Literal(str(term))
        if term.datatype == XSD.integer and predicate in _integer_ranges():
            return Literal(str(term), datatype=_integer_ranges()[predicate])
    return term


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


def ntriples(graph: Graph) -> str:
    g = Graph()
    for t in graph:
        g.add(t)
    return g.serialize(format="nt", encoding="utf-8").decode("utf-8")


# ------------------------------------------------------------------------------------------------ Oxigraph


class OxigraphStore(Store):
    """A persistent Oxigraph store in a folder, used in-process through pyoxigraph."""

    def __init__(self, path: str | Path):
        try:
            import pyoxigraph
        except ImportError:
            raise StoreError("the oxigraph store needs pyoxigraph: .venv/bin/pip install pyoxigraph oxrdflib") from None
        self.path = Path(path)
        self.spec = f"oxigraph:{path}"
        self.default_cache = self.path.with_name(self.path.name + ".records")
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{path}: not a folder; oxigraph:PATH needs a folder for the store")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.ox = pyoxigraph.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the Oxigraph store ({exc}); is another process using it?") from None

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
        _check_no_blank_nodes(name, graph)
        # one update is one transaction: the graph is never seen half-replaced
        self.ox.update(f"DROP SILENT GRAPH <{name}> ; INSERT DATA {{ GRAPH <{name}> {{\n{ntriples(graph)}}} }}")

    def select(self, sparql: str) -> list[dict[str, Identifier]]:
        from oxrdflib._converter import from_ox

        result = self.ox.query(sparql)
        names = [v.value for v in result.variables]
        return [{n: from_ox(v) for n, v in zip(names, row) if v is not None} for row in result]

    def rdflib_dataset(self) -> Dataset:
        """An rdflib Dataset over this store: rdflib's API, Oxigraph's SPARQL engine and serializers."""
        from oxrdflib import OxigraphStore as RdflibOxigraph

        return Dataset(store=RdflibOxigraph(store=self.ox), default_union=True)

    def close(self) -> None:
        """Flush and drop the store, which releases the folder's lock for other processes."""
        if getattr(self, "ox", None) is not None:
            self.ox.flush()
            self.ox = None


# --------------------------------------------------------------------------------------------- SPARQL 1.1


class SparqlStore(Store):
    """Any SPARQL 1.1 endpoint over HTTP: reads by the query protocol, writes by the Graph Store Protocol.

    Writes are whole-graph PUTs (far faster than per-triple updates, and atomic); UPDATE_URL is kept for
    the spec's sake but nothing needs it yet.
    """

    def __init__(self, query_url: str, update_url: str | None = None, store_url: str | None = None,
                 retries: int = RETRIES, backoff: float = BACKOFF):
        self.query_url = query_url
        self.update_url = update_url or _sibling(query_url, "update")
        self.store_url = store_url or _sibling(query_url, "store")
        self.spec = f"sparql:{query_url}"
        self.retries, self.backoff = retries, backoff

    def _request(self, url: str, data: bytes | None = None, headers: Mapping[str, str] | None = None,
                 method: str = "POST") -> bytes:
        """One HTTP exchange, tried again with growing pauses while the endpoint cannot be reached."""
        delay = self.backoff
        for attempt in range(1, self.retries + 1):
            req = urllib.request.Request(url, data=data, headers=dict(headers or {}), method=method)
            try:
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

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        _check_no_blank_nodes(name, graph)
        url = f"{self.store_url}?{urllib.parse.urlencode({'graph': str(name)})}"
        # PUT replaces the graph whole, in one request: far faster than updates, and never half-done
        self._request(url, ntriples(graph).encode("utf-8"), {"Content-Type": "application/n-triples"}, "PUT")


class EndpointGone(StoreError):
    """The endpoint stopped answering even after the retries."""


def _sibling(url: str, leaf: str) -> str:
    """Oxigraph serves /query, /update and /store side by side."""
    base, _, last = url.rstrip("/").rpartition("/")
    if last not in ("query", "sparql"):
        raise StoreError(f"{url}: cannot guess the {leaf} address; give sparql:QUERY_URL,UPDATE_URL,STORE_URL")
    return f"{base}/{leaf}"


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


def open_store(spec: str) -> Store | None:
    """The store a --store value names; None for `memory`, whose graph lives in a file."""
    kind, args = parse_spec(spec)
    return {"memory": lambda: None, "oxigraph": OxigraphStore, "sparql": SparqlStore}[kind](*args)


# ------------------------------------------------------------------------------------------------ reading


def run_query(store: Store, query, params: Mapping[str, str | Identifier] | None = None):
    """A canned or ad-hoc query against the store: Oxigraph runs it natively, an endpoint's data is read once.

    Returns a kg.query.QueryResult, printed the same way as for a graph file.
    """
    from . import query as q

    query = q.find_query(query) if isinstance(query, str) else query
    if not isinstance(store, OxigraphStore):
        return q.run(store.dataset(), query, params)
    bindings = query.bindings(params)
    query.prepared  # a syntax error is reported by newskg, naming the query
    ds = store.rdflib_dataset()
    text = with_values(query.text, bindings)
    try:
        if text is None:
            raise SyntaxError("no WHERE clause")
        result = ds.query(text, initNs=q.DEFAULT_PREFIXES)
        len(result)
    except (SyntaxError, ValueError, OSError):
        # a parameter where a term cannot stand (BIND … AS ?name): rdflib's engine over the same store
        return q.run(ds, query, params)
    return q.QueryResult(result, query, q._namespaces(ds))


WHERE_OPEN = re.compile(r"\b(?:WHERE|ASK)\s*\{", re.IGNORECASE)


def with_values(text: str, bindings: Mapping[str, Identifier]) -> str | None:
    """The query with each parameter written in as its RDF term, as rdflib's initBindings substitute them.

    Oxigraph only substitutes projected variables, and a parameter seldom is; a VALUES block would not
    reach the FILTERs of nested groups. None when the query has no WHERE clause to substitute in.
    """
    if not bindings:
        return text
    body = "\n".join("" if line.lstrip().startswith("#") else line for line in text.splitlines())
    found = WHERE_OPEN.search(body)
    if not found:
        return None
    head, rest = body[:found.start()], body[found.start():]
    for name, term in bindings.items():
        rest = re.sub(rf"[?$]{re.escape(name)}\b", lambda _: term.n3(), rest)
    return head + rest
