"""kg.listings: a listing read from its table is the engine's answer, row by row and as CSV, and a table
answers only for the graph it was made from."""
from __future__ import annotations

import io
import os
import re

import pytest
from kg import listings
from kg.build import table_listings
from kg.engine import MemoryStore
from kg.errors import GraphError
from kg.graphio import new_dataset, save
from kg.incremental import update_store
from kg.query import canned_queries
from kg.store import OxigraphStore, run_query

from .test_incremental import ARTICLES, many_articles, write

TABLED = sorted(name for name, q in canned_queries().items() if listings.tabled(q))
PAGES = ((3, 0), (5, 2), (50, 0), (4, 9), (3, 10_000), (None, 4))


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, seeds_result):
    """The seed build as a graph file, with no tables beside it yet."""
    return save(seeds_result.dataset, tmp_path_factory.mktemp("tables") / "seeds.trig")


def copy(graph_file, tmp_path):
    path = tmp_path / "g.trig"
    path.write_bytes(graph_file.read_bytes())
    return path


def engine_only(path) -> MemoryStore:
    store = MemoryStore.from_file(path)
    store.source_file = None  # as a graph made in memory: no tables
    return store


def asked(store) -> list[str]:
    """The texts of the queries the store's engine is asked from now on."""
    texts: list[str] = []
    ask = store.sparql

    def recording(text, kind):
        texts.append(text)
        return ask(text, kind)

    store.sparql = recording
    return texts


def same_lists(name: str, rows: list[dict]) -> list[dict]:
    """Rows with each GROUP_CONCAT column's items sorted: SPARQL leaves their order to the engine's joins,
    which two runs of one query need not repeat."""
    joined = re.findall(r"GROUP_CONCAT\(.*?AS \?(\w+)\)", canned_queries()[name].text)
    return [{k: ", ".join(sorted(v.split(", "))) if k in joined and isinstance(v, str) else v for k, v in row.items()}
            for row in rows]


def csv_text(result) -> str:
    out = io.StringIO()
    result.write(out, "csv")
    return out.getvalue()


def test_every_canned_listing_without_parameters_has_a_table():
    assert {"who-said-what", "disagreements", "most-quoted", "responses", "articles"} <= set(TABLED)
    assert "statements-about" not in TABLED  # one answer per value of its parameter
    assert not listings.tabled(canned_queries()["entity-subgraph"])  # a graph, not rows


@pytest.mark.parametrize("name", TABLED)
def test_a_listing_read_from_its_table_is_the_engines_answer(name, graph_file):
    engine = engine_only(graph_file)
    every = same_lists(name, run_query(engine, name).rows())
    assert every, name
    tabled = MemoryStore.from_file(graph_file)
    assert listings.make(tabled) is not None
    texts = asked(tabled)
    assert same_lists(name, run_query(tabled, name).rows()) == every
    if not re.search("GROUP_CONCAT", canned_queries()[name].text):
        assert csv_text(run_query(tabled, name)) == csv_text(run_query(engine, name))
    for limit, offset in PAGES:
        got = run_query(tabled, name, page=(limit, offset)).project(None, limit, offset)
        end = None if limit is None else offset + limit
        assert same_lists(name, got.rows()) == every[offset:end], (limit, offset)
        assert got.total() == len(every)
    assert texts == []  # the engine was never asked


def test_a_graph_file_changed_after_its_tables_were_made_is_read_as_it_is_now(graph_file, tmp_path, seeds_result):
    path = copy(graph_file, tmp_path)
    table_listings(path)
    who = canned_queries()["who-said-what"]
    assert listings.tables_for(MemoryStore.from_file(path)).rows(who) is not None
    smaller = new_dataset()  # the same graph without its first article, written over the file
    names = sorted(g.identifier for g in seeds_result.dataset.graphs() if "article/" in str(g.identifier))
    for g in seeds_result.dataset.graphs():
        if g.identifier in names[1:]:
            for t in g:
                smaller.graph(g.identifier).add(t)
    save(smaller, path)
    os.utime(path, ns=(1, 1))  # a stamp of its own even where the clock is coarse
    now = MemoryStore.from_file(path)
    assert listings.tables_for(now).rows(who) is None  # made for the old file: they do not answer
    texts = asked(now)
    every = run_query(engine_only(path), who).rows()
    assert run_query(now, who).rows() == every and texts  # the engine answered
    assert len(every) < len(run_query(engine_only(graph_file), who).rows())


def test_rows_written_by_another_version_of_a_query_are_not_read(graph_file, tmp_path):
    store = MemoryStore.from_file(copy(graph_file, tmp_path))
    who = canned_queries()["who-said-what"]
    tables = listings.tables_for(store)
    tables.write({who.name: ("0123456789abcdef", ["x"], ['[["l", "stale", "@en"]]'])})
    assert tables.rows(who) is None
    assert run_query(store, who).rows() == run_query(engine_only(copy(graph_file, tmp_path)), who).rows()


def test_a_query_never_writes_tables(graph_file, tmp_path):
    path = copy(graph_file, tmp_path)
    every = run_query(engine_only(path), "who-said-what").rows()
    page = run_query(MemoryStore.from_file(path), "who-said-what", page=(4, 3)).project(None, 4, 3)
    assert page.rows() == every[3:7] and page.total() == len(every)
    assert not (tmp_path / ("g.trig" + listings.SUFFIX)).exists()


def test_a_store_build_removes_the_tables_before_it_writes_and_makes_them_when_done(tmp_path, nlp, monkeypatch):
    folder = write(tmp_path / "in", ARTICLES)
    who = canned_queries()["who-said-what"]
    with OxigraphStore(tmp_path / "db", create=True) as store:
        update_store(store, [folder], nlp=nlp)
        tables = listings.tables_for(store)
        *_, first = tables.rows(who)
        assert first == len(run_query(store, who).rows()) > 0

        import kg.incremental

        def broken(*args, **kwargs):
            raise RuntimeError("the disk is full")

        monkeypatch.setattr(kg.incremental, "_write_graphs", broken)
        write(folder, many_articles(1))
        with pytest.raises(RuntimeError):
            update_store(store, [folder], nlp=nlp)
        assert tables.rows(who) is None  # gone before the first write, and not made by a failed build
        monkeypatch.undo()
        update_store(store, [folder], nlp=nlp)
        names, rows, after = tables.rows(who)
        assert after > first
        engine = store.sparql(who.text, "SELECT")  # the engine's own answer, not read through the tables
        assert names == engine.names and list(rows) == list(engine.rows)


def test_a_file_of_the_users_own_where_the_tables_would_go_is_never_written_over(graph_file, tmp_path):
    path = copy(graph_file, tmp_path)
    theirs = tmp_path / ("g.trig" + listings.SUFFIX)
    theirs.write_text("my notes on this graph\n")
    every = run_query(engine_only(path), "most-quoted").rows()
    assert run_query(MemoryStore.from_file(path), "most-quoted").rows() == every
    with pytest.raises(GraphError, match="not listing tables"):
        table_listings(path)
    assert theirs.read_text() == "my notes on this graph\n"


def test_tables_that_fail_midway_leave_the_old_file_as_it_was(graph_file, tmp_path, monkeypatch):
    """The tables go to a new file one at a time (a table's rows let go once written): a listing that fails
    after others were written leaves the last complete file, and no scratch file beside it."""
    path = copy(graph_file, tmp_path)
    table_listings(path)
    tables = tmp_path / ("g.trig" + listings.SUFFIX)
    before = tables.read_bytes()
    answer, seen = listings.answer, []

    def failing(store, query):
        seen.append(query.name)
        if len(seen) == len(TABLED) - 1:
            raise OSError("disk gone")
        return answer(store, query)

    monkeypatch.setattr(listings, "answer", failing)
    with pytest.raises(OSError, match="disk gone"):
        listings.make(MemoryStore.from_file(path))
    assert len(seen) == len(TABLED) and tables.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["g.trig", tables.name])
    monkeypatch.setattr(listings, "answer", answer)
    store = MemoryStore.from_file(path)
    for name in TABLED:  # the tables read still answer as the engine does
        assert same_lists(name, run_query(store, name).rows()) == \
            same_lists(name, run_query(engine_only(path), name).rows())
