"""Extraction in several processes: each worker loads the spaCy pipeline once, records come back in order.

Records (kg.extract.records) are plain dataclasses, so they cross process boundaries as pickles; resolution
and triples still run once, in the parent, over all of them, which is why the graph is the same for any
number of jobs.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Callable, Iterator

from .errors import KGError
from .extract.records import ArticleRecord
from .ingest import Article
from .pipeline import extract, load_model

Progress = Callable[[int, int, str], None]
CHUNK = 16  # articles per task: nlp.pipe parses a task as one batch, and smaller batches parse slower

_nlp = None  # the worker's pipeline, loaded by _init_worker
_load_error: KGError | None = None


def check_jobs(jobs: int) -> int:
    """The number of processes to use; 0 means one per CPU."""
    if jobs < 0:
        raise KGError(f"--jobs {jobs}: give a positive number of processes (0 for one per CPU)")
    return jobs or os.cpu_count() or 1


def _init_worker(model: str | None) -> None:
    """Pool initializer: load the pipeline once per process, not once per article."""
    global _nlp, _load_error
    try:
        _nlp = load_model(model)
    except KGError as exc:  # raised from an initializer it would make the pool respawn workers forever
        _load_error = exc


def _extract_chunk(articles: list[Article]) -> list[ArticleRecord]:
    if _load_error is not None:
        raise _load_error
    return list(extract(_nlp, articles))


def _chunks(articles: list[Article], size: int) -> Iterator[list[Article]]:
    for start in range(0, len(articles), size):
        yield articles[start:start + size]


def extract_parallel(articles: list[Article], jobs: int, *, model: str | None = None,
                     progress: Progress | None = None) -> list[ArticleRecord]:
    """Records of the articles, in input order, extracted by `jobs` worker processes."""
    return list(iter_parallel(articles, jobs, model=model, progress=progress))


def iter_parallel(articles: list[Article], jobs: int, *, model: str | None = None,
                  progress: Progress | None = None) -> Iterator[ArticleRecord]:
    """The records one at a time, in input order, so a caller can spill them to disk as they come."""
    jobs = min(check_jobs(jobs), max(1, len(articles)))
    # spawn, not fork: the parent may hold threads (BLAS, an HTTP client) that a fork would copy half-locked
    ctx = multiprocessing.get_context("spawn")
    done = 0
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(model,)) as pool:
        for chunk in pool.imap(_extract_chunk, _chunks(articles, CHUNK)):
            for rec in chunk:
                done += 1
                if progress:
                    progress(done, len(articles), rec.article.identifier)
                yield rec
