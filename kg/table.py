"""SELECT results as a table for people: fit to the terminal, long values wrapped, numbers grouped, rows counted.

The machine formats (csv, tsv, json, jsonl, xml) give every value whole; the table is for reading. It hides
the columns that hold only IRIs (the node ids) unless they are asked for, holds long values to SHORT_VALUE
characters unless `full`, and ends with the number of rows. Widths are measured in terminal cells, so wide
(CJK) and combining characters line up.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TextIO

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier
from rich import box
from rich.console import Console
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from .query import QueryResult

NARROWEST = 12  # no column is made narrower than this, its header or (if shorter) its longest value
GAP = 2  # cells between two columns
SHORT_VALUE = 160  # characters shown of a value unless --full (about three lines of a wide column)
TABLE_ROWS = 10_000  # rows a table shows at most (it holds them to measure them); the rest are counted
NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long, XSD.short,
           XSD.nonNegativeInteger, XSD.positiveInteger, XSD.negativeInteger, XSD.nonPositiveInteger,
           XSD.unsignedInt, XSD.unsignedLong}


@dataclass
class Column:
    name: str
    cells: list[str]
    numeric: bool
    iris_only: bool


def number(term: Literal) -> str:
    """A numeric literal for reading: 1730000.0 as 1,730,000, 1.73 as 1.73."""
    value = term.toPython()
    if isinstance(value, bool) or isinstance(value, Literal):
        return str(term)
    if isinstance(value, (Decimal, float)) and value == int(value):
        value = int(value)
    return f"{value:,}"


def cell(term: Identifier | None, namespaces) -> str:
    """One value as the table shows it: IRIs in a form that pastes into SPARQL, numbers grouped, one line."""
    from .query import short_iri

    if term is None:
        return ""
    if isinstance(term, URIRef):
        return short_iri(str(term), namespaces)
    if isinstance(term, Literal) and term.datatype in NUMERIC:
        return number(term)
    return " ".join(str(term).split())


def shorten(text: str, limit: int = SHORT_VALUE) -> str:
    """The text cut at a word boundary before `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0] if " " in text[:limit - 1] else text[:limit - 1]
    return cut.rstrip(" ,;:") + "…"


def columns_of(res: "QueryResult") -> list[Column]:
    rows = list(res.terms())
    out = []
    for i, name in enumerate(res.vars):
        terms = [row[i] for row in rows]
        bound = [t for t in terms if t is not None]
        out.append(Column(name=name, cells=[cell(t, res.namespaces) for t in terms],
                          numeric=bool(bound) and all(isinstance(t, Literal) and t.datatype in NUMERIC for t in bound),
                          iris_only=bool(bound) and all(isinstance(t, URIRef) for t in bound)))
    return out


def write_table(res: "QueryResult", out: TextIO, *, full: bool = False, show_iris: bool = False,
                width: int | None = None) -> None:
    """The rows as a table that fits `width` terminal cells (the terminal's width by default), then a row count.

    Columns holding only IRIs are left out unless `show_iris` or `full` (or unless nothing else is left);
    values longer than SHORT_VALUE characters are shortened unless `full`. When the columns cannot all
    have a readable width, each row is printed as a record instead: one `column  value` line per column.
    """
    columns = columns_of(res)
    hidden = [] if full or show_iris else [c for c in columns if c.iris_only]
    if len(hidden) == len(columns):
        hidden = []
    shown = [c for c in columns if c not in hidden]
    nrows = len(columns[0].cells) if columns else 0
    rows = [[c.cells[r] if full else shorten(c.cells[r]) for c in shown] for r in range(nrows)]
    shortened = any(v != c.cells[r] for r, row in enumerate(rows) for v, c in zip(row, shown))
    console = Console(file=out, width=width, highlight=False, markup=False, emoji=False, soft_wrap=False)
    narrowest = [min(max(map(cell_len, [c.name, *c.cells])), max(cell_len(c.name), NARROWEST)) for c in shown]
    fits = sum(narrowest) + GAP * (len(shown) - 1) <= console.width
    if shown:
        console.print(_table(shown, rows, narrowest) if fits else _records(shown, rows))
    console.print(Text(footer(nrows, res.total(), [c.name for c in hidden], shortened, res.offset), style="dim"))


def _table(shown: list[Column], rows: list[list[str]], narrowest: list[int]) -> Table:
    """Columns side by side; rich narrows the widest first, none below its `narrowest` width."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, GAP - 1, 0, 0),
                  header_style="bold")
    for c, least in zip(shown, narrowest):
        table.add_column(c.name, justify="right" if c.numeric else "left", overflow="fold", min_width=least)
    for row in rows:
        table.add_row(*map(Text, row))
    return table


def _records(shown: list[Column], rows: list[list[str]]) -> Table:
    """One row after another, a line per column, for terminals too narrow for the columns side by side."""
    grid = Table.grid(padding=(0, GAP, 0, 0))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for r, row in enumerate(rows):
        if r:
            grid.add_row("", "")
        for c, value in zip(shown, row):
            grid.add_row(c.name, Text(value))
    return grid


def footer(shown: int, total: int | None, hidden: list[str], shortened: bool, offset: int = 0) -> str:
    """'3 rows', '0 rows', 'first 10 of 57 rows', 'rows 11–20 of 57', with what the table left out and how to
    see it."""
    total = shown if total is None else total
    count = f"{total:,} row{'' if total == 1 else 's'}"
    if offset:
        line = f"rows {offset + 1:,}–{offset + shown:,} of {total:,}" if shown else f"no rows after {offset:,} of {total:,}"
    else:
        line = count if shown == total else f"first {shown:,} of {count}"
    if hidden:
        line += f"; not shown: {', '.join(hidden)} (IRIs: --columns or --full shows them)"
    if shortened:
        line += "; long values shortened (--full shows them whole)"
    return line
