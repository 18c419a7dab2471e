"""Build the knowledge graph: read articles, extract, resolve entities across the corpus, emit RDF."""
from __future__ import annotations

from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rdflib import RDF, Dataset

from . import graphio
from .errors import GraphError, InputError, NothingWritten
from .extract.records import ArticleRecord, FailedArticle
from .ingest import Article, read_articles
from .pipeline import extract, load_model
from .progress import Stage, no_stage
from .resolve import resolve
from .triples import StreamedDataset, no_collection_pauses
from .vocab import NKG

Progress = Callable[[int, int, str], None]
WORKER_FROM = 32  # articles: below this, starting a worker and loading the pipeline in it costs more than it saves


@dataclass
class BuildResult:
    """The graph of what could be read, and what could not."""

    dataset: Dataset
    articles: list[Article] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def counts(self) -> Counter:
        """Nodes per ontology class."""
        names = {getattr(NKG, c): c for c in ("Article", "Government", "Official", "Person", "Organization",
                                              "Statement", "Policy", "Figure")}
        found = {(s, o) for s, _, o, _ in self.dataset.quads((None, RDF.type, None, None)) if o in names}
        return Counter(names[o] for _, o in found)

    def summary(self) -> str:
        c = self.counts()
        order = ("Article", "Government", "Official", "Person", "Organization", "Statement", "Policy", "Figure")
        plural = {"Policy": "policies"}
        return ", ".join(f"{c.get(k, 0)} {k.lower() if c.get(k, 0) == 1 else plural.get(k, k.lower() + 's')}"
                         for k in order)


def build_dataset(paths: Iterable[str | Path], *, model: str | None = None, nlp=None,
                  progress: Progress | None = None, jobs: int = 1, scheduler=None,
                  stage: Stage = no_stage, lang_check: str = "note", worker: bool = False) -> BuildResult:
    """Everything from files to an in-memory dataset; unreadable files are reported, not fatal.

    `stage(name, total=None)` is told when each stage begins, `progress(done, total, id)` after each article;
    `lang_check` says what happens to an article that does not look English (kg.ingest.check_language).
    `worker`: at `jobs=1`, extract in one worker process while this one makes the graphs (extracts_elsewhere).
    """
    paths = list(paths)
    made = StreamedDataset()
    with workers_ahead(paths, model=model, nlp=nlp, jobs=jobs, scheduler=scheduler, worker=worker) as workers:
        articles, problems, notes = read_inputs(paths, lang_check)
        # the graphs fill while extraction runs; with extraction in worker processes this one holds only
        # records and triples, which leave no cycles for the collector to find (kg.triples.no_collection_pauses);
        # a cluster's client, or spaCy parsing here, may leave cycles, so the collector stays on for them
        pool = scheduler is None and extracts_elsewhere(len(articles), nlp=nlp, jobs=jobs, worker=worker)
        with no_collection_pauses() if pool else nullcontext():
            for result in iter_records(articles, model=model, nlp=nlp, progress=progress, jobs=jobs,
                                       scheduler=scheduler, stage=stage, worker=worker,
                                       workers=workers) if articles else ():
                if isinstance(result, FailedArticle):
                    problems.append(failure_problem(result))
                else:
                    made.add(result)
    with no_collection_pauses():
        stage("resolving entities")
        resolution = resolve(made.records)
        stage("making the graph")
        dataset = made.finish(resolution)
    return BuildResult(dataset=dataset, articles=[r.article for r in made.records], problems=problems,
                       notes=notes)


def extracts_elsewhere(count: int, *, nlp=None, jobs: int = 1, scheduler=None, worker: bool = False) -> bool:
    """Whether extraction of `count` articles runs outside this process: on a cluster, in `jobs` processes,
    or, when `worker` asks for it, for a one-process build of WORKER_FROM articles or more without a pipeline
    of the caller's, in one worker process, so that this one makes the graphs of the articles extracted
    meanwhile (a second core at work where there is one; `kg build` asks for it).

    Not by default: a worker process re-imports the caller's main module, which a script needs the
    `if __name__ == "__main__":` guard for, as for `jobs` > 1.
    """
    return (scheduler is not None or jobs != 1
            or (worker and nlp is None and count >= WORKER_FROM))


def workers_ahead(paths: list[str | Path], *, model: str | None = None, nlp=None, jobs: int = 1, scheduler=None,
                  worker: bool = False, cached: int = 0):
    """The worker processes a build will extract in (extracts_elsewhere), started before its articles are
    read so that spaCy loads in them meanwhile; a context that gives None where the build extracts here or
    on a cluster. Whether it will is judged from the files named (the articles are not read yet): a worker
    started for a build whose files turn out unreadable is ended unused.

    `cached`: the records a store build's cache holds. When they are as many as the files, the build may
    well extract nothing (a rebuild), and workers started ahead would load spaCy on both cores for nothing
    while the records are read; none is started then, and if some article does need extracting, its
    workers start when it does (iter_records), as they did before they were started ahead."""
    from .ingest import find_files

    if scheduler is not None:
        return nullcontext(None)
    found = sum(1 for f in find_files(paths) if f.is_file())  # a mistyped path is no article
    if not found or found <= cached or not extracts_elsewhere(found, nlp=nlp, jobs=jobs, worker=worker):
        return nullcontext(None)
    from .parallel import Workers, check_jobs

    return Workers(min(check_jobs(jobs), found), model)


def failure_problem(failed: FailedArticle) -> InputError:
    """A failed extraction reported like an unreadable file: named, with the reason, left out."""
    return InputError(failed.article.path or failed.article.identifier, failed.reason)


def read_inputs(paths: Iterable[str | Path], lang_check: str = "note"
                ) -> tuple[list[Article], list[InputError], list[str]]:
    """The readable articles (each with its own IRI), the files that could not be read, and decoding notes."""
    articles, problems, notes = [], [], []
    for item in read_articles(paths, lang_check):
        if isinstance(item, InputError):
            problems.append(item)
        else:
            articles.append(item)
            notes += [f"{item.path or item.identifier}: {n}" for n in item.notes]
    return _unique_slugs(articles), problems, notes


def iter_records(articles: list[Article], *, model: str | None = None, nlp=None, progress: Progress | None = None,
                 jobs: int = 1, scheduler=None, stage: Stage = no_stage, worker: bool = False,
                 workers=None) -> Iterator[ArticleRecord | FailedArticle]:
    """The records one at a time, in input order (in `jobs` processes, in a worker process (extracts_elsewhere),
    or on the Dask cluster at `scheduler`);
    a store build spills each to disk instead of keeping it. An article whose extraction failed comes as a
    FailedArticle in its place. `workers` (kg.parallel.Workers): processes the caller started for this."""
    if scheduler is not None:
        from .distributed import iter_distributed

        stage("extracting on the Dask cluster", len(articles))
        yield from iter_distributed(articles, scheduler, model=model, progress=progress)
        return
    if extracts_elsewhere(len(articles), nlp=nlp, jobs=jobs, worker=worker):
        from .parallel import iter_parallel

        where = "a worker process" if jobs == 1 else f"{jobs} processes" if jobs else "one process per CPU"
        stage(f"extracting in {where}", len(articles))
        yield from iter_parallel(articles, jobs, model=model, progress=progress, workers=workers)
        return
    if nlp is None:
        stage("loading the pipeline")
        nlp = load_model(model)
    stage("extracting", len(articles))
    for n, rec in enumerate(extract(nlp, articles), 1):
        if progress:
            progress(n, len(articles), rec.article.identifier)
        yield rec


def _unique_slugs(articles: list[Article]) -> list[Article]:
    """Two files with the same stem in different folders must not share an article IRI."""
    from dataclasses import replace

    seen: Counter = Counter()
    out = []
    for a in articles:
        seen[a.slug] += 1
        if seen[a.slug] > 1:
            a = replace(a, identifier=f"{Path(a.identifier).stem}-{a.sha256[:8]}{Path(a.identifier).suffix}")
        out.append(a)
    return out


def build(paths: Iterable[str | Path], output: str | Path, *, fmt: str | None = None, model: str | None = None,
          progress: Progress | None = None, jobs: int = 1, scheduler=None, stage: Stage = no_stage,
          lang_check: str = "note", worker: bool = False) -> BuildResult:
    """Build and write the graph atomically; refuse to write an empty graph over a good one."""
    graphio.format_for(output, fmt)  # a bad output name fails before the slow part
    result = build_dataset(paths, model=model, progress=progress, jobs=jobs, scheduler=scheduler, stage=stage,
                           lang_check=lang_check, worker=worker)
    if not result.articles:
        raise NothingWritten("no article could be read" + (f" ({len(result.problems)} skipped)" if result.problems
                                                           else "") + "; nothing was written", result.problems,
                             result.notes)
    stage(f"writing {output}")
    graphio.save(result.dataset, output, graphio.format_for(output, fmt))
    stage("tabling the listings")
    try:
        table_listings(output)
    except GraphError as exc:
        result.notes.append(str(exc))
    return result


def table_listings(path: str | Path) -> None:
    """The listing tables beside a graph file just written (kg.listings), made from the file as a query
    of it reads it: without them each canned listing is sorted whole again at each query."""
    from . import listings
    from .engine import MemoryStore

    listings.make(MemoryStore.from_file(path))
