"""kg.incremental.update_store: builds into a store add what is new, replace what changed, and change nothing twice."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDF, RDFS

from kg.build import build_dataset
from kg.incremental import records_folder, update_store
from kg.store import EndpointGone, OxigraphStore, SparqlStore, same_triples
from kg.vocab import ID, NKG

from .oxigraph_server import OxigraphServer, WriteGate
from .test_store import assert_same

ARTICLES = {
    "a-border.txt": "title: Border crossing reopens\ndate: 2024-03-02\n\n"
                    "Interior Minister Lena Varga said the Dravasz crossing would reopen on Monday. "
                    "She said 12,000 people had crossed in the past week.",
    "b-camps.txt": "title: Camps fill up\ndate: 2024-03-05\n\n"
                   "The UN refugee agency said 4,500 families were waiting in camps near Szeged. "
                   "Aid groups said the camps lacked water.",
    "c-talks.txt": "title: Talks in Belgrade\ndate: 2024-03-09\n\n"
                   "Serbian government spokesman Milan Petrovac said the talks in Belgrade had gone well. "
                   "Hungary has not commented.",
}
LATER = ("d-deadline.txt", "title: New deadline\ndate: 2024-04-01\n\n"
         "Lena Varga announced a new deadline of April 30 for seasonal workers to register.")
OFFICIALS = (("Transport Minister", "Ilse Brandt"), ("Health Minister", "Rui Tavares"),
             ("Trade Minister", "Amara Diallo"), ("Energy Minister", "Kofi Mensah"),
             ("Housing Minister", "Noor Haddad"), ("Labour Minister", "Tomas Okafor"))
WORKS = ("bus depots", "rural clinics", "road bridges", "ferry piers", "grain silos", "rail yards")
KG = Path(sys.executable).parent / "kg"
PAUSED_KG = Path(__file__).with_name("paused_kg.py")


def write(folder, files):
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def many_articles(n: int, verb: str = "said") -> dict[str, str]:
    """n invented two-sentence articles, n00.txt, n01.txt, …, each with an official and a figure."""
    out = {}
    for i in range(n):
        title, name = OFFICIALS[i % len(OFFICIALS)]
        out[f"n{i:02d}.txt"] = (f"title: Works report {i}\ndate: 2024-05-{i % 28 + 1:02d}\n\n"
                                f"{title} {name} {verb} on Monday that {120 + 7 * i} {WORKS[i % len(WORKS)]} "
                                f"would be repaired by June. The ministry {verb} the work was on schedule.")
    return out


def raw_quads(store) -> set:
    return set(store.quads())


@pytest.fixture
def store(tmp_path):
    with OxigraphStore(tmp_path / "db", create=True) as s:
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
    varga = {s for s, _, o, _ in ds.quads((None, RDFS.label, None, None)) if "Varga" in str(o)
             and (s, RDF.type, NKG.Official) in ds}
    assert len(varga) == 1
    homes = {g for *_, g in ds.quads((next(iter(varga)), None, None, None))}
    assert {ID["article/a-border"], ID["article/d-deadline"]} <= set(homes)
    both = write(tmp_path / "both", {**ARTICLES, LATER[0]: LATER[1]})
    assert_same(ds, build_dataset([both], nlp=nlp).dataset)


def test_cached_records_are_used_instead_of_extracting_again(store, tmp_path, nlp, monkeypatch):
    folder = write(tmp_path / "in", ARTICLES)
    cache = tmp_path / "records"
    update_store(store, [folder], nlp=nlp, cache=cache)
    assert len(list(cache.glob("*.json"))) == 3

    def refuse(*args, **kwargs):
        raise AssertionError("extraction ran although every record was cached")

    import importlib

    # the module itself: the package exports a function of the same name as kg.build
    monkeypatch.setattr(importlib.import_module("kg.build"), "iter_records", refuse)
    again = update_store(store, [folder], cache=cache)
    assert len(again.unchanged) == 3


def test_a_rebuild_whose_records_are_all_cached_starts_no_worker(store, tmp_path, nlp, monkeypatch):
    """Workers started ahead would load spaCy on every core while the cached records are read, for nothing."""
    import kg.build
    import kg.parallel

    folder = write(tmp_path / "in", ARTICLES)
    cache = tmp_path / "records"
    update_store(store, [folder], nlp=nlp, cache=cache)
    started = []

    class Noted(kg.parallel.Workers):
        def __init__(self, *args, **kwargs):
            started.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(kg.build, "WORKER_FROM", 2)  # three articles are enough for a worker
    monkeypatch.setattr(kg.parallel, "Workers", Noted)
    again = update_store(store, [folder], cache=cache, worker=True)
    assert len(again.unchanged) == 3 and not started
    write(folder, dict([LATER]))  # more files than records: workers start ahead, as for any build
    later = update_store(store, [folder], cache=cache, worker=True)
    assert len(later.added) == 1 and len(started) == 1


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
    from kg.errors import NothingWritten

    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(NothingWritten, match="nothing was written"):
        update_store(store, [empty], nlp=nlp)
    assert not raw_quads(store)


# ------------------------------------------------------------------ builds killed part-way


def wait_until(done: Callable[[], bool], proc: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    """Poll until `done()`; fail, with the build's stderr, if the build ends first or time runs out."""
    deadline = time.monotonic() + timeout
    while not done():
        if proc.poll() is not None:
            pytest.fail(f"the build ended (exit {proc.returncode}) before the point to kill it at:\n{log.read_text()}")
        if time.monotonic() > deadline:
            pytest.fail(f"the build did not reach the point to kill it at within {timeout} s:\n{log.read_text()}")
        time.sleep(0.02)


def start(args: list, log: Path) -> subprocess.Popen:
    with open(log, "wb") as err:
        return subprocess.Popen([str(a) for a in args], stdout=subprocess.DEVNULL, stderr=err)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait(30)


def expected_graphs(folder: Path, nlp) -> dict:
    """Each article graph of the memory build of the folder, comparable with Store.graphs()."""
    ds = build_dataset([folder], nlp=nlp).dataset
    return {g.identifier: same_triples(g) for g in ds.graphs() if g.identifier != ds.default_context.identifier}


def test_a_build_killed_while_writing_to_an_endpoint_leaves_every_graph_old_or_new(tmp_path, nlp):
    folder = write(tmp_path / "in", many_articles(36))
    server = OxigraphServer(tmp_path / "server").start()
    gate = WriteGate(server, let_through=12).start()  # the 13th graph write is held half sent
    proc = None
    try:
        store = SparqlStore(f"{server.base}/query")
        update_store(store, [folder], nlp=nlp)
        old = store.graphs()
        write(folder, many_articles(40, verb="stated"))  # 36 articles changed, 4 new
        new = expected_graphs(folder, nlp)
        assert len(old) == 36 and len(new) == 40 and not set(old.values()) & set(new.values())
        log = tmp_path / "build.log"
        proc = start([KG, "build", folder, "--store", gate.spec, "-q"], log)
        wait_until(gate.holding.is_set, proc, log)
        written = {g for g, triples in store.graphs().items() if triples == new[g]}
        assert written == {ID[f"article/n{i:02d}"] for i in range(12)}  # in order, some but not all
        assert proc.poll() is None, "the build must still be writing when it is killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
        gate.stop()  # the held write is dropped, half sent

        now = store.graphs()
        assert now[ID["article/n12"]] == old[ID["article/n12"]]
        for name, triples in now.items():
            assert triples in (old.get(name), new[name]), f"{name} is neither the old graph nor the new one"
        assert {g for g, triples in now.items() if triples == new[g]} == written
        finished = update_store(store, [folder], nlp=nlp)
        assert (len(finished.unchanged), len(finished.replaced), len(finished.added)) == (12, 24, 4)
        assert store.graphs() == new
        assert_same(store.dataset(), build_dataset([folder], nlp=nlp).dataset)
    finally:
        if proc:
            stop(proc)
        gate.stop()
        server.stop()


def test_a_build_killed_between_graph_writes_leaves_the_oxigraph_folder_whole(tmp_path, nlp):
    db, marker, log = tmp_path / "db", tmp_path / "paused", tmp_path / "build.log"
    folder = write(tmp_path / "in", many_articles(10))
    with OxigraphStore(db, create=True) as store:
        update_store(store, [folder], nlp=nlp)
        old = store.graphs()
    write(folder, many_articles(12, verb="stated"))
    new = expected_graphs(folder, nlp)
    # the build stops for good once its 5th graph is committed, in the middle of its write phase
    proc = start([sys.executable, PAUSED_KG, "kg.store:OxigraphStore.replace_graph", 5, marker,
                  "build", folder, "--store", f"oxigraph:{db}", "-q"], log)
    try:
        wait_until(marker.exists, proc, log)
        assert proc.poll() is None
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        stop(proc)
    with OxigraphStore(db) as again:  # the killed process's lock is gone with it
        now = again.graphs()
        for name, triples in now.items():
            assert triples in (old.get(name), new[name]), f"{name} is neither the old graph nor the new one"
        assert {g for g, triples in now.items() if triples == new[g]} == {ID[f"article/n{i:02d}"] for i in range(5)}
        finished = update_store(again, [folder], nlp=nlp)
        assert (len(finished.unchanged), len(finished.replaced), len(finished.added)) == (5, 5, 2)
        assert_same(again.dataset(), build_dataset([folder], nlp=nlp).dataset)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill"])
def test_a_build_stopped_while_saving_its_file_leaves_the_old_file_as_it_was(tmp_path, sig):
    from kg.build import build

    folder, out = write(tmp_path / "in", ARTICLES), tmp_path / "out" / "graph.ttl"
    marker, log = tmp_path / "paused", tmp_path / "build.log"
    build([folder], out)
    before = out.read_bytes()
    write(folder, dict([LATER]))
    # the build stops for good once the new graph is written and synced, just before it is renamed over the old
    proc = start([sys.executable, PAUSED_KG, "os:fsync", 1, marker, "build", folder, "-o", out, "-q"], log)
    try:
        wait_until(marker.exists, proc, log)
        [part] = out.parent.glob(f".{out.name}.*.part")  # graphio.atomic_write's temporary file
        assert b"d-deadline" in part.read_bytes() and b"d-deadline" not in before
        assert proc.poll() is None
        os.kill(proc.pid, sig)
        proc.wait(30)
    finally:
        stop(proc)
    assert out.read_bytes() == before
    if sig == signal.SIGINT:  # Ctrl-C ends the run cleanly: the half-done file is removed, the exit status says so
        assert proc.returncode == 130 and "Aborted" in log.read_text()
        assert not list(out.parent.glob(f".{out.name}.*.part"))
    else:  # a killed process cannot clean up: its temporary file may stay, but is never taken for the output
        assert proc.returncode == -signal.SIGKILL
    build([folder], out)
    assert b"d-deadline" in out.read_bytes()


# ------------------------------------------------------------------ streaming: never a whole read

TEXTS = {
    "p1.txt": "title: Port strike\ndate: 2025-02-03\n\n"
              "Transport Minister Ilse Brandvold said the port of Bergen would reopen on Friday. "
              "She said 3,400 containers were waiting.",
    "p2.txt": "title: Strike talks\ndate: 2025-02-06\n\n"
              "Ilse Brandvold told reporters that talks with the dockers' union had resumed.",
}


class NoWholeReads(OxigraphStore):
    """A real Oxigraph store that fails the test if a build reads every quad at once."""

    def quads(self):
        raise AssertionError("the build read the whole store")

    def articles(self, names=None):
        if names is None:
            raise AssertionError("the build read every stored text")
        return super().articles(names)


def test_a_build_reads_the_store_graph_by_graph_never_whole(tmp_path, nlp):
    folder = write(tmp_path / "in", TEXTS)
    with NoWholeReads(tmp_path / "db", create=True) as store:
        update_store(store, [folder], nlp=nlp)
        (folder / "p3.txt").write_text("title: Deal\ndate: 2025-02-09\n\nIlse Brandvold said a deal was signed.",
                                       encoding="utf-8")
        again = update_store(store, [folder], nlp=nlp)  # stored articles take part without a whole read
        assert len(again.added) == 1 and len(again.unchanged) == 2
    with OxigraphStore(tmp_path / "db", create=True) as plain:
        assert_same(plain.dataset(), build_dataset([folder], nlp=nlp).dataset)


def test_stored_articles_without_records_are_read_back_and_extracted(tmp_path, nlp):
    folder = write(tmp_path / "in", TEXTS)
    with OxigraphStore(tmp_path / "db", create=True) as store:
        update_store(store, [folder], nlp=nlp)  # no cache: records lived in a scratch folder
        extra = write(tmp_path / "more", {"p3.txt": "title: Deal\ndate: 2025-02-09\n\n"
                                                    "Transport Minister Ilse Brandvold said a deal was signed."})
        result = update_store(store, [extra], nlp=nlp)
        assert len(result.added) == 1 and len(result.unchanged) == 2
        both = write(tmp_path / "both", {**TEXTS, "p3.txt": (extra / "p3.txt").read_text()})
        assert_same(store.dataset(), build_dataset([both], nlp=nlp).dataset)


def test_write_progress_counts_every_article_graph(tmp_path, nlp):
    folder = write(tmp_path / "in", TEXTS)
    seen = []
    with OxigraphStore(tmp_path / "db", create=True) as store:
        update_store(store, [folder], nlp=nlp, write_progress=lambda done, total, name: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]


def test_an_endpoint_keeps_its_records_in_the_user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    one = records_folder(SparqlStore("http://127.0.0.1:1/a/query"))
    two = records_folder(SparqlStore("http://127.0.0.1:1/b/query"))
    assert one.parent == tmp_path / "cache" / "newskg" / "records" and one != two
    with OxigraphStore(tmp_path / "db", create=True) as store:
        assert records_folder(store) == tmp_path / "db.records"


@pytest.mark.parametrize("extra", [[], ["-q"]])
def test_cli_records_option_keeps_records_where_asked(tmp_path, extra):
    from click.testing import CliRunner

    from kg.cli import cli

    folder = write(tmp_path / "in", TEXTS)
    runner = CliRunner()
    done = runner.invoke(cli, ["build", str(folder), "--store", f"oxigraph:{tmp_path / 'db'}",
                               "--records", str(tmp_path / "recs"), *extra])
    assert done.exit_code == 0, done.output
    assert len(list((tmp_path / "recs").glob("*.json"))) == 2
    assert not (tmp_path / "db.records").exists()
    refused = runner.invoke(cli, ["build", str(folder), "-o", str(tmp_path / "g.ttl"), "--records", str(tmp_path)])
    assert refused.exit_code == 2 and "--records" in refused.output


def test_a_long_build_flushes_the_store_as_it_writes(tmp_path, nlp, monkeypatch):
    import kg.incremental

    class Counting(OxigraphStore):
        flushes = 0

        def flush(self):
            Counting.flushes += 1
            super().flush()

    monkeypatch.setattr(kg.incremental, "FLUSH_EVERY", 1)
    folder = write(tmp_path / "in", TEXTS)
    with Counting(tmp_path / "db", create=True) as store:
        result = update_store(store, [folder], nlp=nlp)
    # each new graph is written in two parts, its local part while extraction runs and the rest after it
    assert Counting.flushes >= len(result.added) == 2


def test_new_graphs_are_started_while_extraction_runs(tmp_path, nlp, monkeypatch):
    """An Oxigraph folder gets each new article's local part as its record comes: before resolution the store
    holds graphs, none of them sealed; once done, the store is the memory build."""
    import kg.incremental
    import kg.resolve

    seen = []
    resolve = kg.resolve.resolve

    def noting(records):
        seen.append((set(store.graph_names()), store.article_index()))
        return resolve(records)

    monkeypatch.setattr(kg.incremental, "FLUSH_EVERY", 1)
    monkeypatch.setattr(kg.resolve, "resolve", noting)
    folder = write(tmp_path / "in", many_articles(3))
    with OxigraphStore(tmp_path / "db", create=True) as store:
        result = update_store(store, [folder], nlp=nlp)
        assert len(result.added) == 3
        graphs, sealed = seen[0]
        assert graphs and not sealed
        monkeypatch.setattr(kg.resolve, "resolve", resolve)
        assert_same(store.dataset(), build_dataset([folder], nlp=nlp).dataset)
        assert len(store.article_index()) == 3


def test_a_started_graph_whose_entity_got_no_node_is_made_whole(tmp_path, nlp, monkeypatch):
    """The local part takes every entity to have a node; where resolution gives one none, the graph written
    early is replaced whole, as the memory build makes it."""
    import kg.resolve
    from kg.resolve import Resolution
    from kg.ingest import read_article
    from kg.pipeline import extract
    from kg.triples import local_triples

    resolve = kg.resolve.resolve

    def dropping(records):
        res = resolve(records)
        key = next(k for k, e in records[0].entities.items() if e.kind == "official")
        return Resolution(nodes=res.nodes, local={k: v for k, v in res.local.items() if k != (0, key)})

    import kg.build

    monkeypatch.setattr(kg.resolve, "resolve", dropping)  # as the store build finds it
    monkeypatch.setattr(kg.build, "resolve", dropping)  # as the memory build does
    folder = write(tmp_path / "in", many_articles(2))
    expected = build_dataset([folder], nlp=nlp).dataset
    with OxigraphStore(tmp_path / "db", create=True) as store:
        update_store(store, [folder], nlp=nlp)
        assert_same(store.dataset(), expected)
        assert len(store.article_index()) == 2
        first = set(store.dataset().graph(ID["article/n00"]))
    early = set(local_triples(next(extract(nlp, [read_article(folder / "n00.txt")]))))
    assert early - first, "the dropped official's mentions, written early, are gone"


def test_a_stored_article_with_neither_record_nor_text_is_named(tmp_path, nlp):
    from kg.store import StoreError

    folder = write(tmp_path / "in", TEXTS)
    with OxigraphStore(tmp_path / "db", create=True) as store:
        update_store(store, [folder], nlp=nlp)  # records in a scratch folder, gone after the build
        store.update("DELETE WHERE { GRAPH ?g { ?a <https://w3id.org/newskg/ontology#body> ?body } }")
        before = set(store.quads())
        with pytest.raises(StoreError, match=r"article/p1 has no record .* no text \(nkg:body\).*2 such"):
            update_store(store, [write(tmp_path / "more", {"p3.txt": TEXTS["p1.txt"].replace("Bergen", "Oslo")})],
                         nlp=nlp)
        assert set(store.quads()) == before
