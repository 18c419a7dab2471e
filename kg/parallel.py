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


class Workers:
    """`jobs` worker processes, each loading the pipeline as soon as it starts. Started before the articles
    are read, they load spaCy (2–3 s) while the caller reads (3–4 s for 10,000 files). Used as a context:
    leaving it ends the processes."""

    def __init__(self, jobs: int, model: str | None = None):
        self.jobs = check_jobs(jobs)
        # spawn, not fork: the parent may hold threads (BLAS, an HTTP client) that a fork would copy half-locked
        self.pool = multiprocessing.get_context("spawn").Pool(self.jobs, initializer=_init_worker,
                                                              initargs=(model,))

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """End the processes (as a pool used as a context ends); again, nothing more."""
        self.pool.terminate()

    def records(self, articles: list[Article], progress: Progress | None = None) -> Iterator[ArticleRecord]:
        """The records of `articles` one at a time, in input order."""
        done = 0
        for chunk in self.pool.imap(_extract_chunk, _chunks(articles, CHUNK)):
            for rec in chunk:
                done += 1
                if progress:
                    progress(done, len(articles), rec.article.identifier)
                yield rec


def iter_parallel(articles: list[Article], jobs: int, *, model: str | None = None,
                  progress: Progress | None = None, workers: Workers | None = None) -> Iterator[ArticleRecord]:
    """The records one at a time, in input order, so a caller can spill them to disk as they come; in
    `workers` when the caller started them already, else in `jobs` processes started here."""
    if workers is not None:
        yield from workers.records(articles, progress)
        return
    with Workers(min(check_jobs(jobs), max(1, len(articles))), model) as started:
        yield from started.records(articles, progress)
