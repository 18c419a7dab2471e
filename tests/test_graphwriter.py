"""kg.graphwriter: new article graphs written in batches behind the build land in the store as written one by one."""
from __future__ import annotations

import threading

import pytest
from rdflib import Literal, URIRef

from kg.graphwriter import GraphWriter
from kg.store import OxigraphStore, StoreError


def graphs(n: int) -> list[tuple[URIRef, set]]:
    """n small graphs sharing one triple, so the union holds fewer triples than the graphs."""
    shared = (URIRef("urn:x:thing"), URIRef("urn:x:label"), Literal("shared"))
    return [(URIRef(f"urn:x:g{i}"), {shared, (URIRef(f"urn:x:s{i}"), URIRef("urn:x:p"), Literal(f"value {i}"))})
            for i in range(n)]


class Recording(OxigraphStore):
    """An Oxigraph folder that notes which thread wrote each batch and when it was flushed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.batches, self.threads, self.flushes = [], set(), 0

    def add_graphs(self, batch):
        self.batches.append([name for name, _ in batch])
        self.threads.add(threading.current_thread().name)
        super().add_graphs(batch)

    def flush(self):
        self.flushes += 1
        super().flush()


@pytest.mark.parametrize("size", [1, 3, 100])
def test_batches_behind_the_build_write_every_graph_once(tmp_path, size):
    with Recording(tmp_path / "db", create=True) as store:
        with GraphWriter(store, size) as writer:
            for name, triples in graphs(7):
                writer.add(name, triples)
        assert [len(b) for b in store.batches] == [min(size, 7 - k) for k in range(0, 7, size)]
        assert store.threads == {"newskg-graph-writer"} and store.flushes == len(store.batches)
        assert {(s, p, o, g) for s, p, o, g in store.quads()} == {(*t, name) for name, ts in graphs(7) for t in ts}


def test_an_error_in_the_writer_thread_is_raised_in_the_build(tmp_path):
    from rdflib import BNode

    with OxigraphStore(tmp_path / "db", create=True) as store:
        with pytest.raises(StoreError, match="blank node"):
            with GraphWriter(store, 2) as writer:
                writer.add(URIRef("urn:x:g"), {(BNode(), URIRef("urn:x:p"), Literal("x"))})


def test_a_store_that_cannot_write_behind_gets_each_graph_at_once(tmp_path):
    class Plain(OxigraphStore):
        writes_behind = False
        written: list = []

        def replace_graph(self, name, graph):
            Plain.written.append((name, threading.current_thread().name))
            super().replace_graph(name, graph)

    with Plain(tmp_path / "db", create=True) as store:
        with GraphWriter(store, 100) as writer:
            for name, triples in graphs(2):
                writer.add(name, triples)
                assert Plain.written[-1] == (name, threading.current_thread().name)
