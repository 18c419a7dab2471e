"""A listing's last ORDER BY done in Python, as SPARQL orders its rows, where that is plain enough to be sure.

Oxigraph sorts slowly: every comparison reads both terms back from its dictionary, so ordering the 568,000
rows of `disagreements` at 10,000 articles took longer (some 50 s) than finding them (40 s). Python sorts
them in seconds, from a key value made once for each distinct term. The listing tables (kg.listings) are
made this way, so they must hold the rows in exactly the engine's order; this module sorts only where it
can promise that:

* every key of the ORDER BY is a projected variable, written `?v`, `ASC(?v)`, `DESC(?v)` or
  `(!BOUND(?v))` (a key such as `MIN(?first)` is an aggregate the rows do not hold), and
* the values a key compares are all of one kind: IRIs, strings without a language, numbers of the exact
  XML Schema types (integer and decimal, compared by value: "1.0" and "1" tie, as in the engine, and the
  next key decides), doubles alone, booleans (false first), or dates and date-times written without a
  time zone.

An unbound value sorts first, as SPARQL says. Anything else (a blank node, a language tag, mixed kinds,
a time zone) raises Unsortable, and the caller has the engine sort instead.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

XSD = "http://www.w3.org/2001/XMLSchema#"
EXACT = {XSD + t for t in ("integer", "decimal", "int", "long", "short", "byte", "nonNegativeInteger",
                           "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedInt",
                           "unsignedLong", "unsignedShort", "unsignedByte")}
DOUBLE = {XSD + "double", XSD + "float"}
TIMES = {XSD + "date": re.compile(r"\d{4}-\d\d-\d\d"), XSD + "dateTime": re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")}
STRING = XSD + "string"
BOOLEAN = XSD + "boolean"
KEY = re.compile(r"\(!BOUND\(\?(\w+)\)\)|(ASC|DESC)\(\?(\w+)\)|\?(\w+)")
LAST_ORDER = "ORDER BY "
UNBOUND = "unbound"  # the kind of an unbound cell


class Unsortable(Exception):
    """The rows hold values whose order this module cannot promise to be the engine's."""


def split_order(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """`text` without its last line, when that line is a top-level ORDER BY of plain keys, and the keys as
    (variable, how): how is "asc", "desc" or "bound first" (`(!BOUND(?v))`). None for any other query."""
    lines = text.rstrip().split("\n")
    last = lines[-1]
    if not last.startswith(LAST_ORDER):
        return None
    keys, at, spec = [], 0, last[len(LAST_ORDER):].strip()
    while at < len(spec):
        found = KEY.match(spec, at)
        if found is None:
            return None
        bound, how, named, plain = found.groups()
        keys.append((bound, "bound first") if bound else (named, how.lower()) if named else (plain, "asc"))
        at = found.end()
        while at < len(spec) and spec[at] == " ":
            at += 1
    if not keys:
        return None
    return "\n".join(lines[:-1]) + "\n", keys


def cell(term, payload=None) -> tuple:
    """A row's cell: (kind, sort value, payload). An unbound cell's sort value (False,) is below any bound
    one's (True, value), as SPARQL orders unbound first; a term with no plain order is of kind "unsortable",
    which only matters if a key reads it."""
    if term is None:
        return UNBOUND, (False,), payload
    try:
        kind, compared = value(term)
    except Unsortable:
        return "unsortable", None, payload
    return kind, (True, compared), payload


def value(term) -> tuple[str, object]:
    """A pyoxigraph term's kind and the value it is compared by."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return "iri", term.value
    if not isinstance(term, ox.Literal) or term.language:
        raise Unsortable(f"{term}: no plain order")
    datatype = term.datatype.value
    if datatype == STRING:
        return "string", term.value
    if datatype == BOOLEAN and term.value in ("true", "false", "1", "0"):
        return "boolean", term.value in ("true", "1")
    try:
        if datatype in EXACT:
            return "exact", Decimal(term.value)
        if datatype in DOUBLE:
            number = float(term.value)
            if number != number:
                raise Unsortable(f"{term}: not a number")
            return "double", number
    except (InvalidOperation, ValueError):
        raise Unsortable(f"{term}: not a well-formed number") from None
    pattern = TIMES.get(datatype)
    if pattern is not None and pattern.fullmatch(term.value):
        return datatype, term.value
    raise Unsortable(f"{term}: no plain order")


def sort_rows(rows: list, keys: list[tuple[int, str]]) -> None:
    """Sort `rows` (sequences of cell()s) in place by `keys` (column index, how), as the engine's ORDER BY
    would. Raises Unsortable before it moves a row."""
    for column, how in keys:
        if how != "bound first":
            kinds = {row[column][0] for row in rows} - {UNBOUND}
            if len(kinds) > 1 or "unsortable" in kinds:
                raise Unsortable(f"values of kinds {sorted(kinds)} in one key")
    runs: list[tuple[bool, list[tuple[int, bool]]]] = []  # keys in runs of one direction, one sort a run
    for column, how in keys:
        descending = how == "desc"
        if not runs or runs[-1][0] != descending:
            runs.append((descending, []))
        runs[-1][1].append((column, how == "bound first"))
    for descending, run in reversed(runs):  # stable sorts, the last keys first
        rows.sort(key=lambda row: tuple((row[c][0] == UNBOUND,) if bound else row[c][1] for c, bound in run),
                  reverse=descending)
