"""kg.incremental.update_store: builds into a store add what is new, replace what changed, and change nothing twice."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS

from kg.build import build_dataset
from kg.incremental import update_store
from kg.store import EndpointGone, OxigraphStore, SparqlStore
from kg.vocab import ID, NKG

from .oxigraph_server import OxigraphServer
from .test_store import assert_same

ARTICLES = {
    "a-border.txt": "title: Border crossing reopens\ndate: 2024-03-02\n\n"
                    "Interior Minister Sarfraz Bugti said the Torkham crossing would reopen on Monday. "
                    "He said 12,000 people had crossed in the past week.",
    "b-camps.txt": "title: Camps fill up\ndate: 2024-03-05\n\n"
                   "The UN refugee agency said 4,500 families were waiting in camps near Peshawar. "
                   "Aid groups said the camps lacked water.",
    "c-talks.txt": "title: Talks in Kabul\ndate: 2024-03-09\n\n"
                   "Taliban spokesman Zabihullah Mujahid said the talks in Kabul had gone well. "
                   "Pakistan has not commented.",
}
LATER = ("d-deadline.txt", "title: New deadline\ndate: 2024-04-01\n\n"
         "Sarfraz Bugti announced a new deadline of April 30 for undocumented migrants to leave.")


def write(folder, files):
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def raw_quads(store) -> set:
    return set(store.quads())


@pytest.fixture
def store(tmp_path):
    with OxigraphStore(tmp_path / "db") as s:
        yield s


def test_building_twice_leaves_the_store_identical(store, tmp_path, nlp):
    folder = write(tmp_path / "in", ARTICLES)
    first = update_store(store, [folder], nlp=nlp)
    assert len(first.added) == 3 and not first.replaced
    before = raw_quads(store)
    second = update_store(store, [folder], nlp=nlp)
    assert not second.added and not second.replaced and len(second.unchanged) == 3
    assert raw_quads(store) == before


def test_a_changed_article_replaces_only_its_own_graph(store, tmp_path, nlp):
    folder = write(tmp_path / "in", ARTICLES)
    update_store(store, [folder], nlp=nlp)
    before = store.graphs()
    write(folder, {"b-camps.txt": ARTICLES["b-camps.txt"].replace("4,500 families", "6,200 families")})
    result = update_store(store, [folder], nlp=nlp)
    changed = ID["article/b-camps"]
    assert result.replaced == [changed] and not result.added
    after = store.graphs()
    assert {g: t for g, t in after.items() if g != changed} == {g: t for g, t in before.items() if g != changed}
    assert after[changed] != before[changed]
    assert len(store.articles()) == 3
    assert any("6,200" in str(o) for _, p, o in after[changed] if p == NKG.anchorOf)
    assert not any("4,500" in str(o) for *_, o in after[changed])


def test_an_official_seen_in_an_old_and_a_new_article_stays_one_node(store, tmp_path, nlp):
    old = write(tmp_path / "old", ARTICLES)
    new = write(tmp_path / "new", dict([LATER]))
    update_store(store, [old], nlp=nlp)
    result = update_store(store, [new], nlp=nlp)  # only the new article is given
    assert result.added == [ID["article/d-deadline"]]
    ds = store.dataset()
    bugti = {s for s, _, o, _ in ds.quads((None, RDFS.label, None, None)) if "Bugti" in str(o)
             and (s, RDF.type, NKG.Official) in ds}
    assert len(bugti) == 1
    homes = {g for *_, g in ds.quads((next(iter(bugti)), None, None, None))}
    assert {ID["article/a-border"], ID["article/d-deadline"]} <= set(homes)
    both = write(tmp_path / "both", {**ARTICLES, LATER[0]: LATER[1]})
    assert_same(ds, build_dataset([both], nlp=nlp).dataset)


def test_cached_records_are_used_instead_of_extracting_again(store, tmp_path, nlp, monkeypatch):
    folder = write(tmp_path / "in", ARTICLES)
    cache = tmp_path / "records"
    update_store(store, [folder], nlp=nlp, cache=cache)
    assert len(list(cache.glob("*.pickle"))) == 3

    def refuse(*args, **kwargs):
        raise AssertionError("extraction ran although every record was cached")

    import importlib

    # the module itself: the package exports a function of the same name as kg.build
    monkeypatch.setattr(importlib.import_module("kg.build"), "iter_records", refuse)
    again = update_store(store, [folder], cache=cache)
    assert len(again.unchanged) == 3


class DyingEndpoint(SparqlStore):
    """A real endpoint whose server is stopped after `survive` graphs were loaded."""

    def __init__(self, server, survive):
        super().__init__(f"{server.base}/query", retries=2, backoff=0.05)
        self.server, self.survive = server, survive

    def replace_graph(self, name, graph):
        if self.survive == 0:
            self.server.stop()
        self.survive -= 1
        super().replace_graph(name, graph)


def test_an_endpoint_dying_mid_load_is_reported_and_the_next_run_loads_the_rest(tmp_path, nlp):
    folder = write(tmp_path / "in", ARTICLES)
    server = OxigraphServer(tmp_path / "server").start()
    try:
        with pytest.raises(EndpointGone, match=r"loaded 1 article graph.*2 of 3 not loaded.*c-talks.*run the same build again"):
            update_store(DyingEndpoint(server, survive=1), [folder], nlp=nlp)
        server.start()
        store = SparqlStore(f"{server.base}/query")
        assert len(store.articles()) == 1
        result = update_store(store, [folder], nlp=nlp)
        assert len(result.added) == 2 and len(result.unchanged) == 1
        assert_same(store.dataset(), build_dataset([folder], nlp=nlp).dataset)
        quads = list(store.quads())
        assert len(quads) == len(set(quads))
    finally:
        server.stop()


def test_an_empty_input_into_an_empty_store_writes_nothing(store, tmp_path, nlp):
    from kg.store import StoreError

    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(StoreError, match="nothing was written"):
        update_store(store, [empty], nlp=nlp)
    assert not raw_quads(store)


def test_a_killed_build_leaves_every_article_graph_whole(store, tmp_path, nlp):
    import os
    import signal
    import subprocess
    import sys
    import time

    folder = write(tmp_path / "in", ARTICLES)
    update_store(store, [folder], nlp=nlp)
    old = store.graphs()
    store.close()
    write(folder, {name: text.replace("said", "stated") for name, text in ARTICLES.items()})
    write(folder, dict([LATER]))
    kg = Path(sys.executable).parent / "kg"
    proc = subprocess.Popen([str(kg), "build", str(folder), "--store", f"oxigraph:{tmp_path / 'db'}", "-q"])
    time.sleep(2.5)  # model loaded, extraction or loading under way
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with OxigraphStore(tmp_path / "db") as again:
        now = again.graphs()
        for name, triples in now.items():  # each graph is the old one or a complete new one
            assert triples == old.get(name) or (name, RDF.type, NKG.Article) in triples
            assert any(p == NKG.contentHash for _, p, _ in triples)
        finished = update_store(again, [folder], nlp=nlp)
        assert_same(again.dataset(), build_dataset([folder], nlp=nlp).dataset)
        assert len(finished.added) + len(finished.replaced) + len(finished.unchanged) == 4
