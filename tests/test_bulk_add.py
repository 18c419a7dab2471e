"""kg.bulk_add: triples added a graph at a time leave rdflib's memory store as its own add does."""
from __future__ import annotations

from rdflib import Dataset, Literal, URIRef
from rdflib.store import TripleAddedEvent

from kg.bulk_add import add_triples

EX = "http://example.org/"
INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")


def term(name):
    return URIRef(EX + name)


GRAPHS = {  # triples shared between graphs, repeated in one, literals of every kind
    "g1": [(term("a"), term("p"), Literal("one")), (term("a"), term("q"), term("b")),
           (term("b"), term("p"), Literal("deux", lang="fr")), (term("a"), term("q"), term("b"))],
    "g2": [(term("a"), term("q"), term("b")), (term("c"), term("p"), Literal("3", datatype=INTEGER))],
    "g3": [(term("c"), term("p"), Literal("3", datatype=INTEGER)), (term("a"), term("p"), Literal("one")),
           (term("d"), term("r"), term("a"))],
}


def filled(bulk: bool, graphs=GRAPHS) -> Dataset:
    ds = Dataset(default_union=True)
    for name, triples in graphs.items():
        context = ds.graph(term(name))
        if bulk:
            add_triples(ds.store, context, triples)
        else:
            for triple in triples:
                ds.store.add(triple, context)
    return ds


def state(ds: Dataset):
    """What a reader of the store can see: the quads, each triple's graphs, each graph's size, the union."""
    quads = {(s, p, o, getattr(c, "identifier", c)) for s, p, o, c in ds.quads()}
    where = {t: sorted(str(c.identifier) for c in ds.store.contexts(t)) for t, _ in ds.store.triples((None, None, None))}
    sizes = {str(c.identifier): len(c) for c in ds.contexts()}
    by_object = {o: sorted(s for (s, _, _), _ in ds.store.triples((None, None, o)))
                 for (_, _, o), _ in ds.store.triples((None, None, None))}
    return quads, where, sizes, by_object, len(ds)


def test_the_same_store_as_one_add_at_a_time():
    assert state(filled(True)) == state(filled(False))


def test_the_same_store_after_a_graph_is_removed():
    one, other = filled(True), filled(False)
    for ds in (one, other):
        ds.remove((None, None, None, ds.graph(term("g1"))))
    assert state(one) == state(other)
    assert (term("b"), term("p"), Literal("deux", lang="fr")) not in one


def test_added_again_later_and_mixed_with_single_adds():
    ds, expected = filled(True), filled(False)
    late = [(term("e"), term("p"), term("a")), (term("a"), term("q"), term("b"))]
    add_triples(ds.store, ds.graph(term("g1")), late)
    for triple in late:
        expected.store.add(triple, expected.graph(term("g1")))
    ds.store.add((term("f"), term("p"), term("a")), ds.graph(term("g4")))
    expected.store.add((term("f"), term("p"), term("a")), expected.graph(term("g4")))
    assert state(ds) == state(expected)


def test_a_store_with_listeners_hears_every_triple():
    ds, heard = Dataset(default_union=True), []
    ds.store.dispatcher.subscribe(TripleAddedEvent, heard.append)
    add_triples(ds.store, ds.graph(term("g1")), GRAPHS["g1"])
    assert len(heard) == len(GRAPHS["g1"])
    assert state(ds)[0] == {(s, p, o, term("g1")) for s, p, o in GRAPHS["g1"]}
