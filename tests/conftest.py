"""Shared fixtures: the English pipeline loaded once, and a helper that extracts one article's records."""
from __future__ import annotations

from datetime import date

import pytest

from kg.build import build_dataset
from kg.extract.records import FailedArticle
from kg.ingest import parse_article
from kg.pipeline import extract, load_model
from kg.resolve import resolve

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session", autouse=True)
def user_cache(tmp_path_factory):
    """Builds into an endpoint keep records in the user's cache: in tests, a folder of the test run."""
    import os

    folder = tmp_path_factory.mktemp("user-cache")
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)  # subprocesses (kg build …) inherit it
    yield folder
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(scope="session", autouse=True)
def user_state(tmp_path_factory):
    """What kg build remembers for the next command (kg.state): in tests, a folder of the test run."""
    import os

    folder = tmp_path_factory.mktemp("user-state")
    old = os.environ.get("XDG_STATE_HOME")
    os.environ["XDG_STATE_HOME"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("XDG_STATE_HOME", None)
    else:
        os.environ["XDG_STATE_HOME"] = old


@pytest.fixture(scope="session")
def nlp():
    return load_model()


@pytest.fixture(scope="session")
def extract_one(nlp):
    """Extraction records of one article written in a test: text -> ArticleRecord."""

    def run(text: str, when: date | None = date(2024, 5, 1), name: str = "t.txt"):
        article = parse_article(text, identifier=name)
        if when and not article.date:
            from dataclasses import replace
            article = replace(article, date=when)
        rec = next(extract(nlp, [article]))
        assert not isinstance(rec, FailedArticle), rec.reason
        return rec

    return run


@pytest.fixture(scope="session")
def resolve_texts(nlp):
    """Records of several articles and their corpus-wide resolution."""

    def run(*texts: str):
        articles = [parse_article(t, identifier=f"a{i}.txt") for i, t in enumerate(texts)]
        records = list(extract(nlp, articles))
        assert not any(isinstance(r, FailedArticle) for r in records), records
        return records, resolve(records)

    return run


@pytest.fixture(scope="session")
def seeds_result(nlp):
    """The seed corpus built once for the end-to-end tests."""
    return build_dataset([SEEDS], nlp=nlp)


def _fill(store, dataset) -> None:
    """Write each article graph of a memory build into a store, as a build into it leaves them."""
    from kg.export import named_graphs

    for name in named_graphs(dataset):
        store.replace_graph(name, dataset.graph(name))


@pytest.fixture(scope="session")
def seeds_oxigraph(tmp_path_factory, seeds_result):
    """An Oxigraph folder holding the seed build (closed: open it with OxigraphStore or oxigraph:PATH)."""
    from kg.store import OxigraphStore

    path = tmp_path_factory.mktemp("seeds-oxigraph") / "db"
    with OxigraphStore(path, create=True) as store:
        _fill(store, seeds_result.dataset)
    return path


@pytest.fixture(scope="session")
def seeds_endpoint(tmp_path_factory, seeds_result):
    """A running Oxigraph server holding the seed build, for sparql: stores."""
    from kg.store import SparqlStore

    from .oxigraph_server import OxigraphServer

    server = OxigraphServer(tmp_path_factory.mktemp("seeds-endpoint") / "server").start()
    try:
        _fill(SparqlStore(f"{server.base}/query"), seeds_result.dataset)
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["oxigraph", "sparql"])
def seeds_store(request):
    """The seed build in each kind of store, open."""
    from kg.store import OxigraphStore, SparqlStore

    if request.param == "oxigraph":
        with OxigraphStore(request.getfixturevalue("seeds_oxigraph")) as store:
            yield store
    else:
        yield SparqlStore(f"{request.getfixturevalue('seeds_endpoint').base}/query")


@pytest.fixture(params=["oxigraph", "sparql"])
def seeds_spec(request):
    """The --store value of the seed build in each kind of store."""
    if request.param == "oxigraph":
        return f"oxigraph:{request.getfixturevalue('seeds_oxigraph')}"
    return request.getfixturevalue("seeds_endpoint").spec


@pytest.fixture
def no_whole_reads(monkeypatch):
    """Stores that fail the test when something reads them whole into memory."""
    from kg.store import OxigraphStore, SparqlStore, Store

    def refuse(self, *args, **kwargs):
        raise AssertionError(f"{self.spec} was read whole")

    for cls in (Store, OxigraphStore, SparqlStore):
        monkeypatch.setattr(cls, "quads", refuse)
    monkeypatch.setattr(Store, "dataset", refuse)
