"""Listing tables: the rows of each canned listing without parameters, kept beside the graph by the build.

A first page of `who-said-what` over a million triples must sort some 13,000 statements by keys joined from
four patterns (0.3 s in memory, 0.9 s from an Oxigraph folder) however few rows it shows, and the whole
listing runs at some 20,000 rows a second, the engine's joins and not the writing being most of it. No
rewriting of those queries makes joins of that many rows fast. But a listing without parameters has one
answer per graph, so a build asks the engine for it once and keeps its rows here, in the engine's order
(sorted in Python where kg.ordering can promise that order, faster than the engine sorts them); a page is
then a range of rows read back (a few ms), and the whole listing is read at hundreds of thousands of rows a
second. The rows are the engine's own, so a listing reads the same from the table as from the engine (the
tests hold every listing to that, row by row and as CSV).

The tables are an SQLite file: FILE.listings beside a graph file, or inside an Oxigraph folder. They answer
only for the graph they were made from: a graph file's size and modification time are written in them,
and a store build removes a folder's tables before it writes anything and makes them again when done.
Where they do not answer (a graph file changed or copied without them, a build that stopped, a query file
changed since), the engine answers as it would without them; only a build writes them, never a query. A
listing with parameters (`statements-about`) has no table: it has one answer per value.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Callable, Iterator

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from .errors import GraphError
from .graphio import atomic_path

SUFFIX = ".listings"  # beside a graph file: FILE.listings
IN_FOLDER = "newskg.listings"  # inside an Oxigraph folder
VERSION = "1"  # of the file's layout; a file of another version is not read
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
MAX_THREADS = 4  # listings asked at once by make()
XSD = "http://www.w3.org/2001/XMLSchema#"  # written "xsd:" in the tables, which hold many dates and numbers


def tabled(query) -> bool:
    """A canned SELECT without parameters, as shipped in queries/ (a user's own file has no table)."""
    from .query import canned_queries

    if query.kind != "SELECT" or query.params:
        return False
    canned = canned_queries().get(query.name)
    return canned is not None and canned.text == query.text


def digest(query) -> str:
    """Which version of the query a table answers: a changed query never reads rows an older one wrote."""
    return hashlib.sha256(query.text.encode("utf-8")).hexdigest()[:16]


def _encoded(term) -> list | None:
    """A pyoxigraph term as JSON: ["i", iri], ["b", id], ["l", text, datatype IRI or "@" language]; an XML
    Schema datatype is written xsd:name."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ["i", term.value]
    if isinstance(term, ox.BlankNode):
        return ["b", term.value]
    if term.language:
        return ["l", term.value, "@" + term.language]
    datatype = term.datatype.value
    return ["l", term.value, "xsd:" + datatype[len(XSD):] if datatype.startswith(XSD) else datatype]


def answer(store, query) -> tuple[list[str], list[str]]:
    """A tabled query's variables and rows from an Oxigraph store's engine (in memory or a folder), each row
    a JSON list of its terms.

    The engine finds the rows; their order is made in Python where kg.ordering can promise the engine's own,
    else the engine sorts them as the query says. A term met again is read and encoded once: the rows of a
    listing repeat their sentences and names many times. Both together: the 568,440 rows of `disagreements`
    at 10,000 articles in 57 s instead of 130."""
    from .ordering import Unsortable, sort_rows, split_order
    from .query import DEFAULT_PREFIXES

    text = query.whole(query.text)  # as kg.store asks it
    split = split_order(text)
    if split is not None:
        solutions = store.ox.query(split[0], prefixes=DEFAULT_PREFIXES)
        names = [v.value for v in solutions.variables]
        if all(name in names for name, _ in split[1]):
            rows = _cells(solutions)
            try:
                sort_rows(rows, [(names.index(name), how) for name, how in split[1]])
                return names, _as_json(rows)
            except Unsortable:
                pass
    solutions = store.ox.query(text, prefixes=DEFAULT_PREFIXES)
    return [v.value for v in solutions.variables], _as_json(_cells(solutions))


def _as_json(rows: list[list[tuple]]) -> list[str]:
    """Each row of cells as its JSON list, made in place: a row's cells go as its text comes."""
    for i, row in enumerate(rows):
        rows[i] = "[" + ", ".join([c[2] for c in row]) + "]"
    return rows


def _cells(solutions) -> list[list[tuple]]:
    """Each row's cells (kg.ordering.cell) with the term's JSON (see _encoded) as payload; a term met again
    is read once, as the engine's terms are slow to hash and to read."""
    from .ordering import cell

    known: dict = {}
    rows = []
    for solution in solutions:
        row = []
        for term in solution:
            found = known.get(term)
            if found is None:
                found = known[term] = cell(term, json.dumps(_encoded(term), ensure_ascii=False))
            row.append(found)
        rows.append(row)
    return rows


class TableRows:
    """A table's rows read in order from `first` on, at most `limit` of them, as the engine's rows are read
    (kg.store.OxigraphRows): rdflib terms made plain(), CSV text made straight from the stored terms, and
    skip() and count() that make no term."""

    def __init__(self, rows: Iterator[str]):
        self.rows = rows

    def __iter__(self):
        return self

    def __next__(self) -> list[Identifier | None]:
        return [_term(t) for t in json.loads(next(self.rows))]

    def skip(self, n: int) -> int:
        return sum(1 for _ in islice(self.rows, n))

    def count(self) -> int:
        return sum(1 for _ in self.rows)

    def csv_rows(self) -> Iterator[list[str]]:
        for row in self.rows:
            yield [_csv(t) for t in json.loads(row)]


def _term(t: list | None) -> Identifier | None:
    from .store import plain

    if t is None:
        return None
    if t[0] == "i":
        return URIRef(t[1])
    if t[0] == "b":
        return BNode(t[1])
    kind = t[2]
    if kind.startswith("@"):
        return Literal(t[1], lang=kind[1:])
    return plain(None, Literal(t[1], datatype=URIRef(XSD + kind[4:] if kind.startswith("xsd:") else kind)))


def _csv(t: list | None) -> str:
    """As kg.query.csv_value writes the plain() term (and kg.store.OxigraphRows.csv_rows the engine's)."""
    if t is None:
        return ""
    if t[0] == "b":
        return f"_:{t[1]}"
    if t[0] == "l" and t[2] == "xsd:decimal" and WHOLE_NUMBER.fullmatch(t[1]):
        return f"{t[1]}.0"
    return t[1]


class Tables:
    """The listing tables of one graph."""

    def __init__(self, path: Path, stamp: str):
        self.path = Path(path)
        self.stamp = stamp  # what the graph is now: tables made for another graph do not answer

    def rows(self, query, limit: int | None = None, offset: int = 0) -> tuple[list[str], TableRows, int] | None:
        """The query's variables, its rows from `offset` (at most `limit`), and how many rows it has in all;
        None when there is no table of this query for this graph."""
        try:
            db = _connect(self.path)
        except (sqlite3.Error, OSError):
            return None
        try:
            if db.execute("SELECT version, stamp FROM meta").fetchone() != (VERSION, self.stamp):
                db.close()
                return None
            found = db.execute("SELECT names, total FROM listing WHERE name = ? AND digest = ?",
                               (query.name, digest(query))).fetchone()
        except sqlite3.Error:
            db.close()
            return None
        if found is None:
            db.close()
            return None
        names, total = found
        end = total if limit is None else min(total, offset + limit)
        return names.split(), TableRows(_read(db, query.name, offset, end)), total

    def write(self, tables: dict[str, tuple[str, list[str], list[str]]]) -> None:
        """Replace the file with these tables (name: digest, variables, rows), atomically: a reader sees
        the old file or the new one."""
        with self.writing() as add:
            for name, (version, names, rows) in tables.items():
                add(name, version, names, rows)

    @contextmanager
    def writing(self) -> Iterator[Callable[[str, str, list[str], list[str]], None]]:
        """A function that adds one table (name, digest, variables, rows) to a new file, which replaces this
        one when the block ends without an error (a reader sees the old file or the new one).

        The tables go to disk one at a time, so a table's rows can be let go once added: at 10,000 articles
        the rows of all of them, a database of them in memory and its serialized copy were most of a store
        build's peak memory (3.5 GB). The file is scratch until renamed, so it keeps no journal."""
        self._check_ours()
        with atomic_path(self.path) as scratch:
            db = sqlite3.connect(scratch)
            try:
                db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                                 "CREATE TABLE meta (version TEXT, stamp TEXT);"
                                 "CREATE TABLE listing (name TEXT PRIMARY KEY, digest TEXT, names TEXT, total INTEGER);"
                                 "CREATE TABLE row (name TEXT, rank INTEGER, terms TEXT);")
                db.execute("INSERT INTO meta VALUES (?, ?)", (VERSION, self.stamp))
                yield lambda name, version, names, rows: _insert(db, name, version, names, rows)
                db.execute("CREATE UNIQUE INDEX ranked ON row (name, rank)")  # after the rows: one sort, not many
                db.commit()
            finally:
                db.close()

    def _check_ours(self) -> None:
        """A file of that name that is not listing tables (the user's own) is never written over."""
        if not self.path.exists():
            return
        try:
            db = _connect(self.path)
            try:
                db.execute("SELECT version, stamp FROM meta").fetchone()
            finally:
                db.close()
        except (sqlite3.Error, OSError):
            raise GraphError(f"{self.path}: not listing tables newskg wrote; left as it is (queries of the "
                             f"graph sort their listings themselves)") from None

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def _insert(db: sqlite3.Connection, name: str, version: str, names: list[str], rows: list[str]) -> None:
    db.execute("INSERT INTO listing VALUES (?, ?, ?, ?)", (name, version, " ".join(names), len(rows)))
    db.executemany("INSERT INTO row VALUES (?, ?, ?)", ((name, i, terms) for i, terms in enumerate(rows)))


def _connect(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise OSError(f"{path}: no listing tables")
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _read(db: sqlite3.Connection, name: str, start: int, end: int) -> Iterator[str]:
    """The rows ranked start..end-1, read as they are asked for; the connection closed after the last."""
    try:
        for (terms,) in db.execute("SELECT terms FROM row WHERE name = ? AND rank >= ? AND rank < ? ORDER BY rank",
                                   (name, start, end)):
            yield terms
    finally:
        db.close()


def file_stamp(path: Path) -> str:
    st = os.stat(path)
    return f"{st.st_size}:{st.st_mtime_ns}"


def tables_for(store) -> Tables | None:
    """The listing tables of an Oxigraph folder or of a graph file read into memory; None for other stores
    (an endpoint, a graph made in memory)."""
    source = getattr(store, "source_file", None)
    if source is not None:
        try:
            return Tables(Path(str(source) + SUFFIX), file_stamp(source))
        except OSError:
            return None
    path = getattr(store, "path", None)
    if path is not None and hasattr(store, "ox"):
        return Tables(Path(path) / IN_FOLDER, "store")
    return None


def make(store) -> Tables | None:
    """Every canned listing's table for a store (a build's last step); None where the store has none.

    The listings are asked side by side, in threads: the engine leaves Python's lock while it finds rows,
    though not while they are read, so on two cores the tables take some 20% less time than asked one after
    another (92 s against 115 at 10,000 articles). Each is written as soon as it is answered."""
    from concurrent.futures import ThreadPoolExecutor, as_completed

    from .query import canned_queries

    tables = tables_for(store)
    if tables is None:
        return None
    queries = {name: q for name, q in canned_queries().items() if tabled(q)}
    with tables.writing() as add, ThreadPoolExecutor(max(1, min(len(queries), os.cpu_count() or 1,
                                                                 MAX_THREADS))) as pool:
        asked = {pool.submit(answer, store, q): name for name, q in queries.items()}
        for done in as_completed(asked):  # each table written as it comes, and let go
            name = asked.pop(done)
            add(name, digest(queries[name]), *done.result())
    return tables
