"""Extraction on a Dask distributed cluster: each worker process loads the spaCy pipeline once, for every task.

The workers need newskg and the English pipeline installed; only articles go out and plain records come
back, and resolution and triples still run once, here, so the graph is the one a local build makes.
"""
from __future__ import annotations

from typing import Callable, Iterator

from .errors import KGError
from .extract.records import ArticleRecord
from .ingest import Article
from .parallel import CHUNK, _chunks

Progress = Callable[[int, int, str], None]
CONNECT_TIMEOUT = "5s"

_models: dict = {}  # model name -> pipeline, per worker process


def _extract_on_worker(articles: list[Article], model: str | None) -> list[ArticleRecord]:
    """Task run on a worker: the pipeline is loaded by the first task and kept for the next ones."""
    from .pipeline import extract, load_model

    if model not in _models:
        _models[model] = load_model(model)
    return list(extract(_models[model], articles))


def connect(scheduler):
    """A client of the cluster at `scheduler` (an address such as tcp://10.0.0.5:8786, or a cluster object)."""
    try:
        from distributed import Client
    except ImportError:
        raise KGError("--scheduler needs Dask distributed: .venv/bin/pip install distributed") from None
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise KGError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc}); "
                      "start one with 'dask scheduler' and workers with 'dask worker ADDRESS'") from None


def extract_distributed(articles: list[Article], scheduler, *, model: str | None = None,
                        progress: Progress | None = None) -> list[ArticleRecord]:
    """Records of the articles, in input order, extracted by the cluster's workers."""
    return list(iter_distributed(articles, scheduler, model=model, progress=progress))


def iter_distributed(articles: list[Article], scheduler, *, model: str | None = None,
                     progress: Progress | None = None) -> Iterator[ArticleRecord]:
    """The records one at a time, in input order, each chunk released on the cluster once collected."""
    client = connect(scheduler)
    try:
        futures = [client.submit(_extract_on_worker, chunk, model, pure=False)
                   for chunk in _chunks(articles, CHUNK)]
        done = 0
        for k, future in enumerate(futures):  # all run at once on the cluster; collected in input order
            chunk = future.result()  # a worker's error is raised here, with its own message
            futures[k] = None  # the cluster may forget a chunk once it is here
            for rec in chunk:
                done += 1
                if progress:
                    progress(done, len(articles), rec.article.identifier)
                yield rec
    finally:
        client.close()
