"""Parameters written into a query for an engine that cannot bind them: Oxigraph in-process, an endpoint.

rdflib binds parameters itself (initBindings), and the memory graph uses that. Oxigraph binds only the
variables a SELECT projects, and the SPARQL protocol has no parameters at all, so for a store the values
must be written into the text. Where they go is decided by rdflib's SPARQL parser, never by searching the
text: a hook on the grammar's Var rule records where each variable token starts, so a `?name` inside a
comment, a string or an IRI is never touched, and each value is written there as one escaped RDF term
(term_text), whatever quotes, newlines, braces, `#` or `\\u` it holds. The result is checked once per
query and kind of value against the parsed algebra: its parse must be the original query's algebra with
each parameter replaced by its term. Where it is not (a parameter where only a variable may stand, as in
`BIND(… AS ?name)`), `substituted` returns None and the caller binds the parameters through rdflib.
"""
from __future__ import annotations

import contextvars
import re
from functools import lru_cache
from typing import Mapping

from rdflib import Literal, URIRef, Variable
from rdflib.plugins.sparql import parser as sparql_parser
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Identifier

from .errors import QueryError

_found: contextvars.ContextVar[list | None] = contextvars.ContextVar("newskg_variables", default=None)


def _record(text: str, loc: int, tokens) -> None:
    found = _found.get()
    if found is not None:
        found.append((loc, str(tokens[0])))


sparql_parser.Var.add_parse_action(_record)  # records nothing unless variables() is listening

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANGUAGE = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t",
                          "\b": "\\b", "\f": "\\f"})
STAND_INS = {"iri": URIRef("urn:x-newskg:parameter"), "literal": Literal("parameter")}


def term_text(term: Identifier) -> str:
    """An IRI or a literal as one SPARQL token that reads back as exactly that term.

    Quotes, backslashes and line ends are escaped. Some engines expand `\\uXXXX` anywhere in a query
    before they parse it, even after an escaped backslash, so a `u` or `U` right after a backslash of the
    value is itself written as a `\\u` escape: expanded first or read as an escape, it is the letter.
    """
    if isinstance(term, URIRef):
        if _IRI_FORBIDDEN.search(term):
            raise QueryError(f"<{term}> cannot be written in a query: an IRI holds no spaces, quotes, braces or "
                             f"backslashes")
        return f"<{term}>"
    if not isinstance(term, Literal):
        raise QueryError(f"{term!r}: a parameter is an IRI or a literal, not a blank node or a variable")
    text = '"' + re.sub(r"(?<=\\\\)([uU])", lambda m: f"\\u{ord(m[1]):04X}", str(term).translate(_ESCAPES)) + '"'
    if term.language:
        if not _LANGUAGE.fullmatch(term.language):
            raise QueryError(f"{term.language!r} is not a language tag")
        return f"{text}@{term.language}"
    if term.datatype:
        return f"{text}^^{term_text(URIRef(term.datatype))}"
    return text


def substituted(text: str, bindings: Mapping[str, Identifier], namespaces: Mapping[str, str]) -> str | None:
    """The query text with each parameter written in as its term, or None where that would not be the query
    with the parameter bound (see the module's docstring). A syntax error is the caller's to report first."""
    if not bindings:
        return text
    expanded, places = variables(text)
    shapes = tuple(sorted((name, _shape(term)) for name, term in bindings.items()))
    if not _checked(text, shapes, tuple(sorted(namespaces.items()))):
        return None
    return _splice(expanded, places, {name: term_text(term) for name, term in bindings.items()})


def variable_names(text: str) -> set[str]:
    """The names of the variables the parser finds in a query (none from its comments or strings)."""
    return {name for _, name in variables(text)[1]}


@lru_cache(maxsize=256)
def variables(text: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    """The query with its \\u escapes expanded (what the parser reads), and where each variable token
    starts in it, with its name, as the parser found them."""
    expanded = sparql_parser.expandUnicodeEscapes(text)
    return expanded, tuple(sorted(set(_parse(expanded)[1])))


def _parse(expanded: str):
    found: list = []
    token = _found.set(found)
    try:
        tree = sparql_parser.Query.parse_string(expanded, parse_all=True)
    finally:
        _found.reset(token)
    return tree, found


def _shape(term: Identifier) -> str:
    return "iri" if isinstance(term, URIRef) else "literal"


@lru_cache(maxsize=256)
def _checked(text: str, shapes: tuple[tuple[str, str], ...], namespaces: tuple[tuple[str, str], ...]) -> bool:
    """Whether writing terms of these kinds in for these parameters gives the query with them bound.

    That depends on where the parameters stand, not on their values, so it is found once per query and
    kinds of terms, with stand-in terms: parsing each run's text again would cost more than many answers.
    """
    stand_ins = {name: STAND_INS[shape] for name, shape in shapes}
    expanded, places = variables(text)
    try:
        want = _bound(translateQuery(_parse(expanded)[0], initNs=dict(namespaces)).algebra, stand_ins)
        spliced = _splice(expanded, places, {name: term_text(t) for name, t in stand_ins.items()})
        got = _bound(translateQuery(_parse(spliced)[0], initNs=dict(namespaces)).algebra, {})
    except Exception:  # rdflib's parser raises assorted types; the spliced text is only ours to try
        return False
    return got == want


def _splice(expanded: str, places: tuple[tuple[int, str], ...], texts: Mapping[str, str]) -> str:
    out, last = [], 0
    for at, name in places:
        if name in texts:
            out += [expanded[last:at], texts[name]]
            last = at + 1 + len(name)  # the ? or $ and the name
    return "".join(out) + expanded[last:]


def _bound(node, terms: Mapping[str, Identifier]):
    """The algebra with each parameter variable replaced by its term (and gone from the lists of variables),
    comparable with another parse's."""
    if isinstance(node, Variable):
        return terms.get(str(node), node)
    if isinstance(node, CompValue):
        out = CompValue(node.name)
        for key, value in node.items():
            if key == "PV":  # often made from a set, whose order varies from one parse to the next
                value = sorted((v for v in value if str(v) not in terms), key=str)
            out[key] = _bound(value, terms)
        return out
    if isinstance(node, dict):
        return {key: _bound(value, terms) for key, value in node.items()}
    if isinstance(node, (list, tuple)):
        return type(node)(_bound(value, terms) for value in node)
    if isinstance(node, (set, frozenset)):
        return type(node)(v for v in node if not (isinstance(v, Variable) and str(v) in terms))
    return node


def group_around(text: str, at: int) -> tuple[int, int]:
    """The braces of the innermost group of a query holding position `at` (a marked line of a canned
    query): the index of its "{" and the index past its "}".

    Braces in strings and comments do not count. A `#` opens a comment at a line's start or after a space;
    one inside an IRI (`<…#>`) follows a letter or a slash.
    """
    opened: list[int] = []
    start, depth = None, 0
    for i, ch in _braces(text):
        if i >= at and start is None:
            if not opened:
                break
            start, depth = opened[-1], len(opened)
        if ch == "{":
            opened.append(i)
        elif opened:
            opened.pop()
            if start is not None and len(opened) < depth:
                return start, i + 1
    raise QueryError("the marked line stands in no group of the query")


def _braces(text: str):
    """(position, character) of each brace outside strings and comments."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#" and (i == 0 or text[i - 1].isspace()):
            i = text.find("\n", i)
            if i < 0:
                return
        elif ch in "\"'":
            close = ch * 3 if text.startswith(ch * 3, i) else ch
            i += len(close)
            while i < n and not text.startswith(close, i):
                i += 2 if text[i] == "\\" else 1
            i += len(close) - 1
        elif ch in "{}":
            yield i, ch
        i += 1
