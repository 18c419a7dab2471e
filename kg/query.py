"""Ask the graph: canned and ad-hoc SPARQL, parameters bound as RDF terms, results in the formats tools want.

A canned query is a `.rq` file in `queries/` whose leading comment block documents it:

    # Everything one speaker said                       <- title
    # All statements by the speakers whose name ...     <- one sentence on what it answers
    #
    # param ?name: words of the speaker's name. Example: Mujahid
    # param ?node (IRI, optional): ...                  <- types: IRI, date, integer, decimal; default string

Parameter values are RDF terms, never pieces of query text: run() binds them to the query's variables
(rdflib's initBindings), and for Oxigraph and endpoints kg.sparqltext writes each as one escaped term where
the parser found its variable, so quotes, braces or SPARQL keywords in a value are only ever data. run() is
rdflib's engine; graph files and stores are asked through kg.store.run_query (kg.engine for a file).
"""
from __future__ import annotations

import csv
import difflib
import itertools
import io
import json
import logging
import re
import shlex
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, TextIO

from pyparsing import ParseBaseException
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import traverse
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query as PreparedQuery
from rdflib.query import Result
from rdflib.term import Identifier

from .errors import QueryError
from .vocab import ID_PREFIXES, PREFIXES, STANDARD_PREFIXES, jsonld_context, shipped

QUERIES_DIR = shipped("kg.queries")

# prefixes an ad-hoc query may use without declaring them; also used to shorten IRIs in tables
DEFAULT_PREFIXES: dict[str, str] = {
    **{k: str(v) for k, v in PREFIXES.items()},
    **{k: str(v) for k, v in ID_PREFIXES.items()},
    "rdf": str(RDF), "rdfs": str(RDFS), "skos": str(SKOS), "dcterms": str(DCTERMS), "xsd": str(XSD),
    "owl": str(OWL),
    **{k: str(v) for k, v in STANDARD_PREFIXES.items()},
}
# a local name that may follow a prefix in SPARQL and Turtle without escapes (PN_LOCAL, ASCII letters only)
_PN_LOCAL = re.compile(r"[A-Za-z0-9_:](?:[A-Za-z0-9_:.-]*[A-Za-z0-9_:-])?")

_PARAM_LINE = re.compile(r"^param\s+[?$](?P<name>\w+)\s*(?:\((?P<flags>[^)]*)\))?\s*:\s*(?P<doc>.*?)\s*"
                         r"Example:\s*(?P<example>.+?)\s*$", re.IGNORECASE)
_IRI_FORBIDDEN = re.compile(r'[\s<>"{}|\\^`]')
# The line of a canned listing where a page's LIMIT and OFFSET go: inside the subquery that orders the
# listing's light keys, so that the engine sorts those alone and joins the heavy columns to one page only.
PAGE_MARK = "# page: kg query writes LIMIT and OFFSET here"
# the line above it that Query.whole leaves out: an ORDER BY alone, no LIMIT or OFFSET of the subquery's own
PAGE_ORDER = re.compile(r"ORDER\s+BY\b(?!.*\b(?:LIMIT|OFFSET)\b)", re.I)
# The line of a subquery that picks a few nodes by a parameter (names holding the words asked for): an
# Oxigraph store answers it on its own first and the query joins its rows, written in as VALUES. Joined as a
# subquery, Oxigraph cannot know it is small, and reads every statement to join them to its three rows.
FIRST_MARK = "# first: kg query answers this subquery on its own and joins its rows"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Param:
    """A value a canned query needs, as its header declares it."""

    name: str
    description: str
    example: str
    kind: str = "string"
    optional: bool = False

    def term(self, value: str | Identifier) -> Identifier:
        """The RDF term this parameter binds for a value given as text (or already as a term)."""
        if isinstance(value, Identifier):
            return value
        try:
            return TERM_PARSERS[self.kind](str(value))
        except (ValueError, InvalidOperation) as exc:
            raise QueryError(f"parameter {self.name}={value!r}: {exc}") from None


def _iri(value: str) -> URIRef:
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, _, local = text.partition(":")
    if prefix in DEFAULT_PREFIXES and not local.startswith("//"):
        text = DEFAULT_PREFIXES[prefix] + local
    if not _SCHEME.match(text) or _IRI_FORBIDDEN.search(text):
        raise ValueError("not an IRI; give a full IRI or a short form such as agent:sarfraz-bugti")
    return URIRef(text)


def _date(value: str) -> Literal:
    return Literal(date.fromisoformat(value.strip()).isoformat(), datatype=XSD.date)


def _integer(value: str) -> Literal:
    return Literal(int(value.strip()), datatype=XSD.integer)


def _decimal(value: str) -> Literal:
    return Literal(Decimal(value.strip()), datatype=XSD.decimal)


TERM_PARSERS: dict[str, Callable[[str], Identifier]] = {
    "string": Literal, "iri": _iri, "date": _date, "integer": _integer, "decimal": _decimal,
}


def adhoc_term(value: str | Identifier, name: str = "value") -> Identifier:
    """A term for a parameter of an undocumented query: <iri>, a "literal"^^type, or else a plain string.

    A malformed IRI or literal is a QueryError of one line; a literal is read whole or not at all.
    """
    if isinstance(value, Identifier):
        return value
    text = str(value)
    try:
        if text.startswith("<") and text.endswith(">"):
            return _iri(text)
        if text.startswith('"'):
            return _literal(text)
    except ValueError as exc:
        raise QueryError(f"parameter {name}={text!r}: {exc}") from None
    return Literal(text)


def _literal(text: str) -> Literal:
    """One SPARQL literal ("text", "text"@lang or "text"^^type), read by rdflib's grammar, all of it."""
    from rdflib.plugins.sparql import parser as sparql_parser

    try:
        parsed = sparql_parser.RDFLiteral.parse_string(sparql_parser.expandUnicodeEscapes(text), parse_all=True)[0]
    except (ParseBaseException, ValueError) as exc:
        raise ValueError(f"not one RDF literal ({getattr(exc, 'msg', exc)}); write \"text\", \"text\"@en or "
                         f"\"text\"^^xsd:type, or drop the leading quote for a plain string") from None
    datatype = parsed["datatype"] if "datatype" in parsed else None
    if isinstance(datatype, CompValue):  # prefix:name
        if datatype.prefix not in DEFAULT_PREFIXES:
            raise ValueError(f"unknown prefix {datatype.prefix!r} in the datatype")
        datatype = URIRef(DEFAULT_PREFIXES[datatype.prefix] + (datatype.localname or ""))
    rdflib_terms = logging.getLogger("rdflib.term")
    level, rdflib_terms.level = rdflib_terms.level, logging.CRITICAL  # an ill-typed value is reported below
    try:
        term = Literal(str(parsed["string"]), lang=parsed["lang"] if "lang" in parsed else None, datatype=datatype)
    finally:
        rdflib_terms.level = level
    if term.ill_typed:
        raise ValueError(f"{str(term)!r} is not a valid {short_iri(str(datatype), DEFAULT_PREFIXES)}")
    return term


@dataclass(frozen=True)
class Query:
    """A SPARQL query with what its header says about it: name, title, description, parameters."""

    text: str
    name: str = "query text"
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    path: Path | None = None

    @classmethod
    def from_text(cls, text: str, name: str = "query text", path: Path | None = None) -> "Query":
        """A query from SPARQL text, reading the documentation in its leading comment block."""
        title, description, params = _read_header(text, name)
        return cls(text=text, name=name, title=title, description=description, params=params, path=path)

    @classmethod
    def from_file(cls, path: str | Path, name: str | None = None) -> "Query":
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise QueryError(f"{path}: no such query file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{path}: cannot read the query file: {exc}") from None
        return cls.from_text(text, name=name or str(path), path=path)

    @cached_property
    def prepared(self) -> PreparedQuery:
        """The parsed query; a syntax error names the query, line and column."""
        try:
            prepared = prepareQuery(self.text, initNs=DEFAULT_PREFIXES)
        except ParseBaseException as exc:
            raise QueryError(f"{self.name}: SPARQL syntax error at line {exc.lineno}, column {exc.col}: "
                             f"{exc.msg}, found {_near(exc)}") from None
        except Exception as exc:  # rdflib reports unknown prefixes and the like as plain Exception
            raise QueryError(f"{self.name}: {exc}") from None
        _refuse_remote(prepared, self.name)
        return prepared

    @property
    def kind(self) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE."""
        return self.prepared.algebra.name.removesuffix("Query").upper()

    def bindings(self, values: Mapping[str, str | Identifier] | None = None) -> dict[str, Identifier]:
        """Parameter values as RDF terms, checked against the parameters the query declares."""
        values = dict(values or {})
        if not self.params:
            return self._adhoc_bindings(values)
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            raise QueryError(f"{self.name}: no parameter {unknown[0]!r}; it takes {_param_list(self.params)}")
        for p in self.params:
            if p.name not in values and not p.optional:
                raise QueryError(f"{self.name}: missing parameter {p.name!r} ({p.description}); "
                                 f"add --param {p.name}={shlex.quote(p.example)}")
        return {name: declared[name].term(v) for name, v in values.items()}

    def paged(self, text: str, limit: int | None, offset: int = 0) -> str | None:
        """`text` (this query's, maybe with its parameters written in) asking the engine for one page of
        rows (limit None: every row from `offset` on; from the first, the whole listing, as whole() asks for
        it), or None when the query has no page mark.

        The page is written where the query's own line PAGE_MARK stands, once, in a subquery whose ORDER BY
        is the listing's, so its rows are exactly those of the same slice of the whole listing (the tests
        hold every canned listing to that). Parameter values never add a line (kg.sparqltext escapes line
        ends), so the mark is the query's own.
        """
        lines, at = self._page_line(text)
        if at is None:
            return None
        if limit is None and offset == 0:
            return self.whole(text)
        indent = lines[at][:len(lines[at]) - len(lines[at].lstrip())]
        lines[at] = indent + (f"LIMIT {int(limit)} " if limit is not None else "") + f"OFFSET {int(offset)}"
        return "\n".join(lines)

    def whole(self, text: str) -> str:
        """`text` asking for every row, the ORDER BY of the subquery marked for a page left out.

        That ORDER BY is there for a page: a subquery's order without LIMIT or OFFSET means nothing to the
        query around it, which orders the rows itself, so the rows are the same. But an engine sorts what
        it is asked to sort: the whole of `disagreements` took 85 s with it and 67 s without, at 10,000
        articles (568,440 rows). A query without a page mark, or whose marked subquery has a LIMIT or
        OFFSET of its own, is left as it is."""
        lines, at = self._page_line(text)
        if at is None or not at or not PAGE_ORDER.match(lines[at - 1].strip()):
            return text
        return "\n".join(lines[:at - 1] + lines[at:])

    def _page_line(self, text: str) -> tuple[list[str], int | None]:
        """`text` in lines, and the line of its page mark: None unless this query is a SELECT whose own text
        has the mark once."""
        lines = text.split("\n")
        if self.kind != "SELECT" or sum(line.strip() == PAGE_MARK for line in self.text.split("\n")) != 1:
            return lines, None
        return lines, next((i for i, line in enumerate(lines) if line.strip() == PAGE_MARK), None)

    def _adhoc_bindings(self, values: Mapping[str, str | Identifier]) -> dict[str, Identifier]:
        from .sparqltext import variable_names

        self.prepared  # a syntax error first
        known = variable_names(self.text)
        for name in values:
            if name not in known:
                raise QueryError(f"{self.name}: parameter {name!r} is not a variable of the query "
                                 f"(it would bind ?{name})")
        return {name: adhoc_term(v, name) for name, v in values.items()}


def _refuse_remote(prepared: PreparedQuery, name: str) -> None:
    """SERVICE and FROM would make rdflib fetch from the network; queries only ever see the local graph."""
    found = set()
    traverse(prepared.algebra, visitPost=lambda n: found.add(n.name) if isinstance(n, CompValue) else None)
    if "ServiceGraphPattern" in found:
        raise QueryError(f"{name}: SERVICE (a federated query) is not supported: queries run on the local graph only")
    if prepared.algebra.get("datasetClause"):
        raise QueryError(f"{name}: FROM / FROM NAMED are not supported: queries run on the --graph file; "
                         f"use GRAPH <article IRI> {{ … }} to look into one article")


def _near(exc: ParseBaseException) -> str:
    rest = exc.pstr[exc.loc:exc.loc + 20].split("\n")[0]
    return repr(rest) if rest else "the end of the query"


def _param_list(params: tuple[Param, ...]) -> str:
    return ", ".join(p.name for p in params) if params else "no parameters"


def _read_header(text: str, name: str) -> tuple[str, str, tuple[Param, ...]]:
    """Title, description and parameters from the comment lines that open a query."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    title = lines[0] if lines else ""
    description, params = [], []
    for line in lines[1:]:
        if line.lower().startswith("param"):
            params.append(_param(line, name))
        elif line and not params:
            description.append(line)
    return title, " ".join(description), tuple(params)


def _param(line: str, name: str) -> Param:
    m = _PARAM_LINE.match(line)
    if not m:
        raise QueryError(f"{name}: cannot read the parameter line {line!r}; write "
                         f"'# param ?name (type, optional): what it is. Example: value'")
    flags = {f.strip().lower() for f in (m["flags"] or "").split(",") if f.strip()}
    kinds = flags & set(TERM_PARSERS)
    if flags - kinds - {"optional"} or len(kinds) > 1:
        raise QueryError(f"{name}: parameter ?{m['name']} has unknown flags {m['flags']!r}; "
                         f"use one of {', '.join(TERM_PARSERS)} and/or optional")
    return Param(name=m["name"], description=m["doc"].rstrip("."), example=m["example"],
                 kind=kinds.pop() if kinds else "string", optional="optional" in flags)


def canned_queries(directory: str | Path = QUERIES_DIR) -> dict[str, Query]:
    """The documented queries shipped in queries/, by name (the file stem)."""
    return {p.stem: Query.from_file(p, name=p.stem) for p in sorted(Path(directory).glob("*.rq"))}


def find_query(ref: str, directory: str | Path = QUERIES_DIR) -> Query:
    """A canned query by name, a .rq file by path, or SPARQL text given inline."""
    looks_like_text = bool(re.search(r"[\s{]", ref))
    if _is_file(ref) and (looks_like_text or ref.endswith(".rq")):
        return Query.from_file(ref)
    if looks_like_text:
        return Query.from_text(ref)
    queries = canned_queries(directory)
    if ref in queries:
        return queries[ref]
    if ref.endswith(".rq") or _is_file(ref):
        return Query.from_file(ref)
    close = difflib.get_close_matches(ref, queries, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise QueryError(f"no canned query named {ref!r}; {hint}run 'kg queries' to list them")


def _is_file(ref: str) -> bool:
    try:
        return Path(ref).is_file()
    except (OSError, ValueError):  # names too long for the file system, or holding NUL
        return False


def run(graph: Graph | Dataset, query: Query | str, params: Mapping[str, str | Identifier] | None = None
        ) -> "QueryResult":
    """Run a query (a Query, a canned name, a .rq path or SPARQL text) with its parameters bound as terms.

    SELECT rows come as rdflib's engine finds them: writing the result streams them (kept nowhere), and
    rows(), len() or iterating keep them. The first row is found here, so most errors come before any output.
    """
    from rdflib.plugins.sparql.evaluate import evalQuery

    if isinstance(query, str):
        query = find_query(query)
    bindings = {Variable(k): v for k, v in query.bindings(params).items()}
    prepared = query.prepared
    try:
        found = evalQuery(graph, prepared, bindings)
    except QueryError:
        raise
    except Exception as exc:  # rdflib evaluation errors come in many types
        raise QueryError(f"{query.name}: the query failed: {exc}") from None
    if found["type_"] != "SELECT":
        return QueryResult(_whole(found), query, _namespaces(graph))
    names = [Variable(v) for v in found["vars_"]]
    rows = ([solution.get(v) for v in names] for solution in found["bindings"] if solution)
    return QueryResult.of_rows(names, rows, query, _namespaces(graph))


def _whole(found: dict) -> Result:
    """An ASK, CONSTRUCT or DESCRIBE answer of rdflib's evaluation as a Result."""
    result = Result(found["type_"])
    if found["type_"] == "ASK":
        result.askAnswer = found["askAnswer"]
    else:
        result.graph = found["graph"]
    return result


def _namespace_manager():
    g = Graph(bind_namespaces="none")
    for prefix, ns in DEFAULT_PREFIXES.items():
        g.bind(prefix, ns)
    return g.namespace_manager


def _namespaces(graph: Graph | None = None) -> dict[str, str]:
    ns = dict(DEFAULT_PREFIXES)
    if graph is not None:
        ns.update({p: str(n) for p, n in graph.namespaces() if p and p not in ns})
    return ns


@dataclass
class QueryResult:
    """What a query returned: rows for SELECT, a graph for CONSTRUCT/DESCRIBE, a boolean for ASK.

    SELECT rows may still be coming from the engine (`stream`): write() and terms() read them once and
    keep none, so a result of any size is printed in small memory; rows(), len() and iterating keep them.
    """

    result: Result
    query: Query
    namespaces: dict[str, str] = field(default_factory=dict)
    stream: Iterator[list[Identifier | None]] | None = field(default=None, repr=False)
    rest: Iterator | None = field(default=None, repr=False)  # the rows past project(limit=…), counted on demand
    shown: int = 0  # rows read from the stream so far
    offset: int = 0  # rows passed over by project(offset=…) before the first one shown
    paged: int | None = None  # the offset of the page the engine was asked for (Query.paged), if it was
    counter: Callable[[], int] | None = field(default=None, repr=False)  # the rows of the whole listing

    @classmethod
    def of_rows(cls, names: list[Variable], rows: Iterable[list[Identifier | None]], query: Query,
                namespaces: dict[str, str]) -> "QueryResult":
        """A SELECT result whose rows (lists of terms in the order of `names`) are read when needed.

        `rows` may offer skip(n) and count() (see Rows) to pass over rows without making their terms."""
        result = Result("SELECT")
        result.vars = list(names)
        result.bindings = []
        out = cls(result, query, namespaces, stream=iter(rows))
        out.peek()
        return out

    def peek(self) -> None:
        """Find the first row now, so that an error in the query comes before anything is printed."""
        try:
            first = next(self.stream, None)
        except (QueryError, KeyboardInterrupt):
            raise
        except Exception as exc:  # rdflib evaluation errors come in many types
            raise QueryError(f"{self.query.name}: the query failed: {exc}") from None
        self.stream = Rows(self.stream, ahead=[first] if first is not None else [])

    def project(self, columns: Iterable[str] | None = None, limit: int | None = None,
                offset: int = 0) -> "QueryResult":
        """The SELECT rows with only the named columns (in that order), from row `offset` on (0 the first) and
        at most `limit` of them: a page. The rows before it are passed over and those after it not read,
        unless total() is asked for."""
        names = [c.strip().lstrip("?$") for c in columns or () if c.strip()] or self.vars
        if self.kind != "SELECT":
            if columns or limit is not None or offset:
                raise QueryError(f"{self.query.name}: --columns, --limit and --offset apply to SELECT results, "
                                 f"not to a {self.kind} query")
            return self
        unknown = [c for c in names if c not in self.vars]
        if unknown:
            raise QueryError(f"{self.query.name}: no column {unknown[0]!r}; the columns are {', '.join(self.vars)}")
        where = [self.vars.index(c) for c in names]
        source = self._source()
        start = self.paged or 0  # the engine passed over the rows before its page
        if offset < start:
            raise QueryError(f"{self.query.name}: the engine was asked for rows from {start + 1:,} on, not {offset + 1:,}")
        skipped = start + (self._guarded(lambda: source.skip(offset - start)) if offset > start else 0)
        out = QueryResult(Result("SELECT"), self.query, self.namespaces, offset=self.offset + skipped,
                          counter=self.counter)
        out.result.vars, out.result.bindings = [Variable(c) for c in names], []
        out.stream, out.rest = Rows(source, where=where, limit=limit), source
        return out

    def _source(self) -> "Rows":
        """The rows still to come, as a Rows that can skip and count; kept rows come first."""
        if self.stream is None:
            return Rows(iter([list(row) for row in self.result] if self.kind == "SELECT" else []))
        stream, self.stream = self.stream, None
        return stream if isinstance(stream, Rows) else Rows(stream)

    def _guarded(self, step: Callable[[], int]) -> int:
        try:
            return step()
        except (QueryError, KeyboardInterrupt):
            raise
        except Exception as exc:  # rdflib evaluation errors come in many types
            raise QueryError(f"{self.query.name}: the query failed: {exc}") from None

    def total(self) -> int:
        """How many rows the query found: those passed over, those read, and the ones not read yet counted
        (not kept); for a page the engine was asked for, the rows of the whole listing, counted apart."""
        if self.counter is not None:
            return self._guarded(self.counter)
        for _ in self.terms() if self.stream is not None else ():
            pass
        rest, self.rest = self.rest, None
        later = self._guarded(rest.count) if isinstance(rest, Rows) else sum(1 for _ in rest or ())
        return self.offset + (self.shown or len(self.result.bindings or [])) + later

    def keep(self) -> None:
        """Read the rows still coming and keep them, so they can be read again."""
        if self.stream is not None:
            kept = list(self.terms())
            self.result.bindings = [{v: t for v, t in zip(self.result.vars, row) if t is not None} for row in kept]

    @property
    def kind(self) -> str:
        return self.result.type

    @property
    def vars(self) -> list[str]:
        return [str(v) for v in (self.result.vars or [])]

    @property
    def boolean(self) -> bool:
        if self.kind != "ASK":
            raise QueryError(f"{self.query.name}: a {self.kind} query has no true/false answer")
        return bool(self.result.askAnswer)

    @property
    def graph(self) -> Graph:
        if self.kind not in GRAPH_KINDS:
            raise QueryError(f"{self.query.name}: a {self.kind} query returns no graph")
        g = self.result.graph
        for prefix, ns in self.namespaces.items():
            g.bind(prefix, ns, override=False)
        return g

    def terms(self) -> Iterator[list[Identifier | None]]:
        """SELECT rows as lists of RDF terms (None where a variable is unbound), in variable order: the rows
        still coming from the engine are read once and not kept (see keep)."""
        if self.kind != "SELECT":
            raise QueryError(f"{self.query.name}: a {self.kind} query returns no rows")
        if self.stream is None:
            for row in self.result:
                yield list(row)
            return
        stream, self.stream = self.stream, None
        yield from self._counted(stream)

    def _counted(self, rows: Iterable) -> Iterator:
        """The engine's rows as they come, counted in `shown`; its errors as one QueryError."""
        try:
            for row in rows:
                self.shown += 1
                yield row
        except (QueryError, KeyboardInterrupt):
            raise
        except Exception as exc:  # rdflib evaluation errors come in many types
            raise QueryError(f"{self.query.name}: the query failed: {exc}") from None

    def csv_rows(self) -> Iterator[list[str]]:
        """SELECT rows as the values CSV writes (see csv_value), read once like terms(); made straight from
        the engine's own terms when it can (kg.store's Oxigraph rows), which is many times faster."""
        if self.stream is None or not isinstance(self.stream, Rows):
            yield from map(_csv_row, self.terms())
            return
        stream, self.stream = self.stream, None
        yield from self._counted(stream.csv_rows())

    def rows(self) -> list[dict[str, Any]]:
        """SELECT rows as dicts of plain Python values: str, int, Decimal, bool, date; None when unbound."""
        self.keep()
        return [{v: to_python(t) for v, t in zip(self.vars, row)} for row in self.terms()]

    def __iter__(self):
        return iter(self.rows())

    def __len__(self) -> int:
        self.keep()
        return len(self.result)

    def write(self, out: TextIO, fmt: str | None = None, **table: Any) -> None:
        """Write the result to a text stream in a format fit for its kind (see FORMATS); rows still coming
        from the engine are written as they come, and not kept.

        `table` options go to the table (kg.table.write_table): full, show_iris, width.
        """
        fmt = check_format(self.kind, fmt)
        FORMATS[self.kind][fmt](self, out, **(table if fmt == "table" and self.kind == "SELECT" else {}))

    def text(self, fmt: str | None = None, **table: Any) -> str:
        """The result written in a format, as a string (the rows are kept, so it can be asked for again)."""
        if self.kind == "SELECT":
            self.keep()
        buf = io.StringIO()
        self.write(buf, fmt, **table)
        return buf.getvalue()


class Rows:
    """Rows as an engine gives them, one at a time, maybe only some columns (`where`) and at most `limit` of
    them. skip(n), count() and csv_rows() pass over rows, or write them as CSV text, without making rdflib
    terms when the engine offers that (kg.store's Oxigraph rows): a page past many rows, the count of a
    long result and a CSV listing stay cheap."""

    def __init__(self, rows: Iterator, ahead: list | None = None, where: list[int] | None = None,
                 limit: int | None = None):
        self.rows, self.ahead, self.where, self.left = rows, list(ahead or []), where, limit

    def __iter__(self):
        return self

    def _taking(self) -> None:
        if self.left is not None:
            if self.left <= 0:
                raise StopIteration
            self.left -= 1

    def __next__(self):
        self._taking()
        row = self.ahead.pop(0) if self.ahead else next(self.rows)
        return row if self.where is None else [row[i] for i in self.where]

    def csv_rows(self) -> Iterator[list[str]]:
        """The rows left as CSV values (csv_value of each term)."""
        def ahead():
            while self.ahead:
                yield _csv_row(self.ahead.pop(0))

        inner = self.rows.csv_rows() if hasattr(self.rows, "csv_rows") else map(_csv_row, self.rows)
        for row in itertools.chain(ahead(), inner):
            yield row if self.where is None else [row[i] for i in self.where]
            if self.left is not None:
                self.left -= 1
                if self.left <= 0:
                    return

    def skip(self, n: int) -> int:
        """Pass over up to n rows; how many there were."""
        if self.left is not None:
            n = min(n, self.left)
            self.left -= n
        done = min(n, len(self.ahead))
        del self.ahead[:done]
        if done < n:
            inner = getattr(self.rows, "skip", None)
            done += inner(n - done) if inner else sum(1 for _ in itertools.islice(self.rows, n - done))
        return done

    def count(self) -> int:
        """Pass over every row left; how many there were."""
        if self.left is not None:
            return self.skip(self.left)
        ahead, self.ahead = len(self.ahead), []
        inner = getattr(self.rows, "count", None)
        return ahead + (inner() if inner else sum(1 for _ in self.rows))


def _csv_row(row: list[Identifier | None]) -> list[str]:
    return [csv_value(t) for t in row]


def to_python(term: Identifier | None) -> Any:
    """A plain Python value for a term: IRIs as strings, typed literals as their values."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


# ---------------------------------------------------------------- result formats

def short_iri(iri: str, namespaces: Mapping[str, str]) -> str:
    """The IRI as it pastes into SPARQL or Turtle: agent:sarfraz-bugti when a known prefix covers it, else <iri>."""
    for ns in sorted((ns for ns in namespaces.values() if iri.startswith(ns)), key=len, reverse=True):
        local = iri[len(ns):]
        if not local or _PN_LOCAL.fullmatch(local):
            prefix = next(p for p, n in namespaces.items() if n == ns)
            return f"{prefix}:{local}"
    return f"<{iri}>"


def write_table(res: QueryResult, out: TextIO, **options: Any) -> None:
    """A table for reading in a terminal (kg.table); the other formats give every value whole."""
    from .table import write_table as table

    table(res, out, **options)


def csv_value(term: Identifier | None) -> str:
    if term is None:
        return ""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def write_csv(res: QueryResult, out: TextIO) -> None:
    """SPARQL 1.1 Query Results CSV: a header of variable names, then plain values, CRLF line ends."""
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(res.vars)
    w.writerows(res.csv_rows())


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def tsv_term(term: Identifier | None) -> str:
    """A term in the Turtle-like syntax SPARQL TSV results use; empty when unbound."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    text = '"' + str(term).translate(_TSV_ESCAPES) + '"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype and term.datatype != XSD.string:
        return f"{text}^^<{term.datatype}>"
    return text


def write_tsv(res: QueryResult, out: TextIO) -> None:
    """SPARQL 1.1 Query Results TSV: ?var headers, RDF terms in Turtle syntax."""
    out.write("\t".join(f"?{v}" for v in res.vars) + "\n")
    for row in res.terms():
        out.write("\t".join(tsv_term(t) for t in row) + "\n")


def json_term(term: Identifier) -> dict[str, str]:
    """One RDF term as the SPARQL 1.1 JSON results format writes it."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def write_json(res: QueryResult, out: TextIO) -> None:
    """SPARQL 1.1 Query Results JSON, one binding per line so large results stream."""
    out.write('{"head": ' + json.dumps({"vars": res.vars}) + ', "results": {"bindings": [')
    for i, row in enumerate(res.terms()):
        binding = {v: json_term(t) for v, t in zip(res.vars, row) if t is not None}
        out.write(("," if i else "") + "\n  " + json.dumps(binding, ensure_ascii=False))
    out.write("\n]}}\n")


def _plain_json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_jsonl(res: QueryResult, out: TextIO) -> None:
    """JSON Lines: one object of plain values per row (IRIs as strings, numbers as numbers)."""
    for row in res.rows():
        out.write(json.dumps(row, default=_plain_json, ensure_ascii=False) + "\n")


SPARQL_RESULTS_XML = "http://www.w3.org/2005/sparql-results#"


def write_xml(res: QueryResult, out: TextIO) -> None:
    """SPARQL 1.1 Query Results XML: SELECT rows (one <result> a line, so large results stream) or an ASK answer."""
    from xml.sax.saxutils import XMLGenerator

    w = XMLGenerator(out, encoding="utf-8", short_empty_elements=True)
    w.startDocument()
    w.startElement("sparql", {"xmlns": SPARQL_RESULTS_XML})
    w.startElement("head", {})
    for v in res.vars if res.kind == "SELECT" else ():
        w.startElement("variable", {"name": v})
        w.endElement("variable")
    w.endElement("head")
    if res.kind == "ASK":
        w.startElement("boolean", {})
        w.characters("true" if res.boolean else "false")
        w.endElement("boolean")
    else:
        w.startElement("results", {})
        for row in res.terms():
            w.ignorableWhitespace("\n")
            w.startElement("result", {})
            for v, term in zip(res.vars, row):
                if term is not None:
                    w.startElement("binding", {"name": v})
                    _xml_term(w, term)
                    w.endElement("binding")
            w.endElement("result")
        w.ignorableWhitespace("\n")
        w.endElement("results")
    w.endElement("sparql")
    w.ignorableWhitespace("\n")


def _xml_term(w, term: Identifier) -> None:
    if isinstance(term, URIRef):
        name, attrs = "uri", {}
    elif isinstance(term, BNode):
        name, attrs = "bnode", {}
    elif term.language:
        name, attrs = "literal", {"xml:lang": term.language}
    else:
        name, attrs = "literal", {"datatype": str(term.datatype)} if term.datatype else {}
    w.startElement(name, attrs)
    w.characters(str(term))
    w.endElement(name)


def write_boolean(res: QueryResult, out: TextIO) -> None:
    out.write(("true" if res.boolean else "false") + "\n")


def write_boolean_json(res: QueryResult, out: TextIO) -> None:
    out.write(json.dumps({"head": {}, "boolean": res.boolean}) + "\n")


def _graph_writer(rdflib_format: str) -> Callable[[QueryResult, TextIO], None]:
    def write(res: QueryResult, out: TextIO) -> None:
        if rdflib_format == "json-ld":  # compacted with newskg's context, as kg export writes it
            out.write(res.graph.serialize(format=rdflib_format, context=jsonld_context(), auto_compact=True))
            return
        graph = res.graph
        # a graph the Oxigraph engine gave is written by Oxigraph's own serializer, many times faster
        fast = rdflib_format in _OXIGRAPH_WRITERS and type(graph.store).__module__.startswith("oxrdflib")
        out.write(graph.serialize(format=_OXIGRAPH_WRITERS[rdflib_format] if fast else rdflib_format))
    write.__doc__ = f"The constructed graph as {rdflib_format}."
    return write


GRAPH_KINDS = ("CONSTRUCT", "DESCRIBE")
_OXIGRAPH_WRITERS = {"turtle": "ox-turtle", "nt": "ox-nt", "xml": "ox-xml"}
_GRAPH_FORMATS = {"ttl": _graph_writer("turtle"), "nt": _graph_writer("nt"),
                  "jsonld": _graph_writer("json-ld"), "xml": _graph_writer("xml")}
FORMATS: dict[str, dict[str, Callable[[QueryResult, TextIO], None]]] = {
    "SELECT": {"table": write_table, "csv": write_csv, "tsv": write_tsv, "json": write_json, "jsonl": write_jsonl,
               "xml": write_xml},
    "ASK": {"table": write_boolean, "json": write_boolean_json, "csv": write_boolean, "tsv": write_boolean,
            "jsonl": write_boolean, "xml": write_xml},
    "CONSTRUCT": _GRAPH_FORMATS,
    "DESCRIBE": _GRAPH_FORMATS,
}
DEFAULT_FORMAT = {"SELECT": "table", "ASK": "table", "CONSTRUCT": "ttl", "DESCRIBE": "ttl"}
FORMAT_NAMES = tuple(dict.fromkeys(name for writers in FORMATS.values() for name in writers))


def check_format(kind: str, fmt: str | None) -> str:
    """The output format to use for a query kind; a format that does not fit the kind is an error."""
    fmt = fmt or DEFAULT_FORMAT[kind]
    if fmt not in FORMATS[kind]:
        raise QueryError(f"--format {fmt} does not apply to a {kind} query; use {', '.join(FORMATS[kind])}")
    return fmt
