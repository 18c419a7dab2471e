"""Shared fixtures: the English pipeline loaded once, and a helper that extracts one article's records."""
from __future__ import annotations

from datetime import date

import pytest

from kg.build import build_dataset
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
        return next(extract(nlp, [article]))

    return run


@pytest.fixture(scope="session")
def resolve_texts(nlp):
    """Records of several articles and their corpus-wide resolution."""

    def run(*texts: str):
        articles = [parse_article(t, identifier=f"a{i}.txt") for i, t in enumerate(texts)]
        records = list(extract(nlp, articles))
        return records, resolve(records)

    return run


@pytest.fixture(scope="session")
def seeds_result(nlp):
    """The seed corpus built once for the end-to-end tests."""
    return build_dataset([SEEDS], nlp=nlp)
