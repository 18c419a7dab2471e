"""kg.ordering: rows sorted in Python in exactly the order Oxigraph's ORDER BY gives them, or not at all."""
from __future__ import annotations

import json
import random

import pyoxigraph as ox
import pytest
from kg import listings
from kg.ordering import Unsortable, cell, sort_rows, split_order
from kg.query import Query

X = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
ASKED = "SELECT ?row ?a ?b ?c WHERE {{ ?row <{x}in> <{x}set> . OPTIONAL {{ ?row <{x}a> ?a }} " \
        "OPTIONAL {{ ?row <{x}b> ?b }} OPTIONAL {{ ?row <{x}c> ?c }} }}\n"


def typed(text: str, datatype: str) -> ox.Literal:
    return ox.Literal(text, datatype=ox.NamedNode(XSD + datatype))


# values of one kind each, with ties, lexical forms that are one number, and IRIs that begin one another
KINDS = {
    "iri": [ox.NamedNode(X + s) for s in ("a", "a-b", "a/b", "ab", "a.b", "B", "é")],
    "string": [ox.Literal(s) for s in ("", "a", "a b", "ab", "Ab", "é", "z", "10", "9")],
    "exact": [typed(s, t) for s, t in (("1", "integer"), ("1.0", "decimal"), ("01", "integer"), ("-2.5", "decimal"),
                                      ("0.5", "decimal"), ("10", "integer"), ("3", "int"))],
    "double": [typed(s, "double") for s in ("1.5E0", "2", "-1e3", "0.25", "1.50")],
    "date": [typed(s, "date") for s in ("2024-01-02", "2023-12-31", "2024-01-02", "1999-07-01")],
    "boolean": [typed(s, "boolean") for s in ("true", "false", "1", "0")],
}


def store_of(columns: dict[str, list], rows: int, seed: int) -> ox.Store:
    """`rows` subjects, each with a value for each column drawn from its list, or none (one time in five)."""
    rnd = random.Random(seed)
    store = ox.Store()
    for i in range(rows):
        row = ox.NamedNode(f"{X}row/{i:03}")
        store.add(ox.Quad(row, ox.NamedNode(X + "in"), ox.NamedNode(X + "set")))
        for name, values in columns.items():
            if rnd.random() > 0.2:
                store.add(ox.Quad(row, ox.NamedNode(X + name), rnd.choice(values)))
    return store


def engine_and_ours(store: ox.Store, order: str) -> tuple[list, list]:
    """The rows as the engine orders them, and as sort_rows orders the engine's unordered rows (both as the
    text of their terms)."""
    asked = ASKED.format(x=X)
    text, keys = split_order(asked + "ORDER BY " + order)
    assert text == asked
    solutions = store.query(text)
    names = [v.value for v in solutions.variables]
    rows = [[cell(t, t) for t in solution] for solution in solutions]
    sort_rows(rows, [(names.index(name), how) for name, how in keys])
    ours = [[str(c[2]) for c in row] for row in rows]
    engine = [[str(t) for t in solution] for solution in store.query(asked + "ORDER BY " + order)]
    return engine, ours


ORDERS = ["?a ?row", "DESC(?a) ?row", "(!BOUND(?a)) ?a ?b ?row", "?a DESC(?b) ?c ?row", "DESC(?a) DESC(?b) ASC(?row)",
          "(!BOUND(?b)) ?b DESC(?c) (!BOUND(?a)) ?a DESC(?row)"]


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("order", ORDERS)
def test_rows_sorted_in_python_come_in_the_engines_order(kind, order):
    other = sorted(KINDS)[(sorted(KINDS).index(kind) + 1) % len(KINDS)]
    store = store_of({"a": KINDS[kind], "b": KINDS[other], "c": KINDS["string"]}, 120, seed=len(order))
    engine, ours = engine_and_ours(store, order)
    assert ours == engine


def test_numbers_of_one_value_tie_and_the_next_key_decides():
    store = store_of({"a": [typed("1", "integer"), typed("1.0", "decimal"), typed("1.00", "decimal")],
                      "b": KINDS["iri"]}, 40, seed=3)
    engine, ours = engine_and_ours(store, "?a DESC(?b) ?row")
    assert ours == engine
    assert len({row[1] for row in ours if row[1] != "None"}) == 2  # an integer and a decimal, one value


@pytest.mark.parametrize("values", [
    [ox.Literal("a"), typed("1", "integer")],  # a string and a number
    [typed("1", "integer"), typed("1.5E0", "double")],  # exact and double numbers compare by rounding
    [ox.Literal("chat", language="fr")],
    [ox.BlankNode("b1")],
    [typed("2024-01-02Z", "date")],  # a time zone
    [typed("P1D", "duration")],
    [ox.NamedNode(X + "a"), ox.Literal("a")],
])
def test_values_whose_order_is_not_plain_are_left_to_the_engine(values):
    store = store_of({"a": values}, 30, seed=1)
    with pytest.raises(Unsortable):
        engine_and_ours(store, "?a ?row")


def test_a_key_that_reads_no_value_may_hold_anything():
    store = store_of({"a": [ox.Literal("chat", language="fr"), ox.BlankNode("b1")], "b": KINDS["string"]}, 30, seed=2)
    engine, ours = engine_and_ours(store, "(!BOUND(?a)) ?b ?row")  # ?a only as bound or not
    assert ours == engine


@pytest.mark.parametrize("text", [
    "SELECT ?a WHERE { ?a ?b ?c } ORDER BY MIN(?a)",  # an aggregate: the rows do not hold it
    "SELECT ?a WHERE { ?a ?b ?c } ORDER BY STR(?a)",
    "SELECT ?a WHERE { ?a ?b ?c }\nORDER BY ?a\nLIMIT 5",
    "SELECT ?a WHERE { ?a ?b ?c }\nORDER BY ?a\n# a comment after it",
    "SELECT ?a WHERE { ?a ?b ?c }\n  ORDER BY ?a",  # inside a subquery, not the query's own
    "SELECT ?a WHERE { ?a ?b ?c }",
    "SELECT ?a WHERE { ?a ?b ?c }\nORDER BY DESC((!BOUND(?a)))",
])
def test_only_a_last_order_of_plain_keys_is_split_off(text):
    assert split_order(text) is None


def test_a_listing_table_keeps_the_engines_order_when_python_cannot_sort(tmp_path):
    """A query whose key mixes kinds: answer() has the engine sort, and its rows are the engine's."""
    store = store_of({"a": [ox.Literal("a"), typed("2", "integer"), ox.NamedNode(X + "z")], "b": KINDS["date"],
                      "c": KINDS["string"]}, 60, seed=5)

    class Held:
        ox = store

    for order in ("?a ?row", "?b DESC(?row)"):
        query = Query.from_text(ASKED.format(x=X) + "ORDER BY " + order, name="mixed")
        names, rows = listings.answer(Held, query)
        engine = [[listings._encoded(t) for t in s] for s in store.query(query.text)]
        assert [json.loads(r) for r in rows] == engine, order
