"""Builds into a persistent store: add what is new, replace what changed, leave the rest, in small memory.

Resolution is corpus-wide, so every stored article takes part in each build; but only the small part of
its record that resolution reads (its outline) stays in memory. Full records wait on disk (the records
cache, or a scratch folder for the run), and each article's graph is made, compared with the stored one
and written on its own, so the memory a build needs grows with the outlines (some KB an article), not
with the graphs already in the store.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from rdflib import URIRef

from . import graphio, listings, recordfile
from .extract.records import ArticleRecord, FailedArticle
from .graphwriter import GraphWriter
from .ingest import Article
from .links.corpus import article_features
from .progress import Stage, no_stage
from .errors import NothingWritten
from .store import EndpointGone, Store, StoreError, same_triples
from .vocab import ID

UNION_PENDING = "union-pending"  # in the records folder while an endpoint's union may lag its graphs
FLUSH_EVERY = 200  # article graphs written between flushes of the store's buffers, and in one bulk load when new
FETCH_BATCH = 200  # stored articles whose text is read back per query, when their records are not cached


@dataclass
class StoreUpdate:
    """What a build did to a store: graphs written and graphs left as they were."""

    added: list[URIRef] = field(default_factory=list)
    replaced: list[URIRef] = field(default_factory=list)
    unchanged: list[URIRef] = field(default_factory=list)
    problems: list = field(default_factory=list)  # unreadable input files (kg.errors.InputError)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{len(self.added)} article graph(s) added, {len(self.replaced)} replaced, "
                f"{len(self.unchanged)} unchanged")


@dataclass(frozen=True)
class Entry:
    """One article of the corpus: where it comes from, and the key of its record on disk."""

    iri: URIRef
    identifier: str
    sha256: str
    article: Article | None = None  # the text, for a new or changed input article; None when stored

    @property
    def key(self) -> str:
        return hashlib.sha256(f"{self.sha256}\x1f{self.identifier}".encode()).hexdigest()[:32]


def records_folder(store: Store) -> Path:
    """Where a store's extraction records are kept between builds when the user names no folder.

    Beside an Oxigraph folder; for an endpoint, one folder per endpoint address in the user's cache, since
    re-extracting every stored article at each build would cost as much as the first build.
    """
    if store.default_cache is not None:
        return store.default_cache
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "newskg" / "records" / hashlib.sha256(store.spec.encode()).hexdigest()[:16]


def update_store(store: Store, paths: Iterable[str | Path], *, model: str | None = None, nlp=None,
                 jobs: int = 1, scheduler=None, progress=None, write_progress=None,
                 cache: str | Path | None = None, stage: Stage = no_stage, lang_check: str = "note",
                 worker: bool = False) -> StoreUpdate:
    """Build the articles into the store, writing only the named graphs whose triples change.

    New articles are added; one whose text changed (another content hash) replaces its graph; the stored
    articles take part in entity resolution again, so an official met in an old and a new article stays
    one node. Their records come from `cache` (a folder of JSON records by content hash) when there, else
    from extracting their stored text again. `progress` follows extraction, `write_progress` the graphs
    compared and written; both get (done, total, article IRI or identifier). `stage(name, total=None)` is
    told when each stage begins. `worker`: at `jobs=1`, extract in a worker process (kg.build.extracts_elsewhere).
    """
    from .build import failure_problem, read_inputs, workers_ahead
    from .links.corpus import link_corpus
    from .resolve import resolve
    from .triples import policy_iris

    paths = list(paths)
    # the worker processes start before the articles are read, so that spaCy loads in them meanwhile, unless
    # the records cache may hold every article already
    with workers_ahead(paths, model=model, nlp=nlp, jobs=jobs, scheduler=scheduler, worker=worker,
                       cached=_records_held(cache)) as workers:
        fresh, problems, notes = read_inputs(paths, lang_check)
        result = StoreUpdate(problems=problems, notes=notes)
        entries = _corpus(store, fresh, result)
        with _records_folder(cache) as folder, _EarlyGraphs(store, folder) as early:
            outlines, features = _cached_outlines(folder, entries, result.notes)
            failed = _extract_missing(store, entries, folder, outlines, features, early=early, model=model, nlp=nlp,
                                      jobs=jobs, scheduler=scheduler, progress=progress, stage=stage, worker=worker,
                                      workers=workers)
            if workers is not None:
                workers.close()  # idle from here on, and the memory they hold is the resolution's
            result.problems += [failure_problem(f) for f in failed]
            entries = [e for e in entries if e.key in outlines]
            if not entries:
                raise NothingWritten(f"{store.spec}: no article could be extracted and the store holds none; "
                                     "nothing was written", result.problems, result.notes)
            stage("resolving entities")
            features = [features[e.key] for e in entries]
            outlines = [outlines[e.key] for e in entries]
            res = resolve(outlines)
            policies = policy_iris(outlines, res)
            stage("linking across articles")
            links = link_corpus(outlines, features, res, policies)
            del outlines, features
            stage("writing graphs", len(entries))
            early.before_writing()
            with _union_kept(store, folder):
                _write_graphs(store, entries, folder, res, policies, result, write_progress, links, early)
            if early.tables is not None:
                stage("tabling the listings")
                listings.make(store)
        return result


class _EarlyGraphs:
    """The local part of each new article's graph (kg.triples.local_triples), written while extraction runs,
    into a store that writes behind the build (an Oxigraph folder): its loader then works while the parser
    does, and once resolution is done only the rest of each graph is left to write.

    Which graphs the store holds, and which it holds unsealed (an earlier build stopped while loading them),
    is read before anything is written: a graph started here is unsealed until its rest and its seal go in
    (kg.store.OxigraphStore.add_graphs), so a build stopped meanwhile leaves it to the next one to replace
    whole, as a stopped load always did. The store's listing tables are removed before the first write.
    """

    def __init__(self, store: Store, folder: Path) -> None:
        self.store, self.folder = store, folder
        self.stored = store.article_index()
        self.unsealed = set(store.graph_names()) - set(self.stored)
        self.tables = listings.tables_for(store)
        self.started: set[str] = set()  # entry keys whose local part is written
        self.writer = GraphWriter(store, FLUSH_EVERY)
        self._writing = False
        self._union = None

    def __enter__(self) -> _EarlyGraphs:
        self.writer.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.writer.__exit__(*exc)
        finally:
            if self._union is not None:
                self._union.__exit__(*exc)

    def before_writing(self) -> None:
        """The tables go before the first graph does: they never answer for a store they no longer match."""
        if not self._writing:
            self._writing = True
            if self.tables is not None:
                self.tables.remove()

    def add(self, entry: Entry, rec: ArticleRecord) -> None:
        """A new article's local part, if the store writes behind; others are written whole after resolution."""
        if not self.store.writes_behind or entry.iri in self.stored or entry.iri in self.unsealed:
            return
        from .triples import local_triples, no_collection_pauses

        if not self._writing:
            self.before_writing()
            self._union = _union_kept(self.store, self.folder)
            self._union.__enter__()
        with no_collection_pauses():
            self.writer.add(entry.iri, local_triples(rec))
        self.started.add(entry.key)


def _corpus(store: Store, fresh: list[Article], result: StoreUpdate) -> list[Entry]:
    """Stored and new articles in one stable order; a changed text displaces the stored one."""
    corpus = {iri: Entry(iri, ident, sha) for iri, (ident, sha) in store.article_index().items()}
    for art in fresh:
        iri = ID[f"article/{art.slug}"]
        corpus[iri] = Entry(iri, art.identifier, art.sha256, art)
    if not corpus:
        raise NothingWritten(f"{store.spec}: no article could be read and the store holds none; nothing was written",
                             result.problems, result.notes)
    return sorted(corpus.values(), key=lambda e: e.identifier)


@contextmanager
def _records_folder(cache: str | Path | None) -> Iterator[Path]:
    """The records cache, kept between builds; without one, a scratch folder that lives for this run."""
    if cache:
        folder = Path(cache)
        folder.mkdir(parents=True, exist_ok=True)
        yield folder
        return
    with tempfile.TemporaryDirectory(prefix="newskg-records-") as scratch:
        yield Path(scratch)


@contextmanager
def _union_kept(store: Store, folder: Path) -> Iterator[None]:
    """Writes during which the store's default graph stays the union of its article graphs.

    An Oxigraph folder updates both in one transaction. An endpoint takes two requests per graph, so a
    marker in the records folder says a build is writing; found by the next build, it means the last one
    stopped between the two, and the union is rebuilt first. So is a store written before the union was kept.
    """
    pending = folder / UNION_PENDING
    if pending.exists() or store.union_missing():
        store.sync_union()
    if store.atomic_union:
        yield
        return
    pending.touch()
    yield
    pending.unlink()


def _records_held(cache: str | Path | None) -> int:
    """How many records the cache folder holds (none without one, or while it does not exist yet)."""
    folder = Path(cache) if cache else None
    return sum(1 for _ in folder.glob(f"*{recordfile.SUFFIX}")) if folder is not None and folder.is_dir() else 0


def _record_file(folder: Path, entry: Entry) -> Path:
    return folder / f"{entry.key}{recordfile.SUFFIX}"


def _load(folder: Path, entry: Entry) -> ArticleRecord:
    return recordfile.loads(_record_file(folder, entry).read_bytes(), entry.identifier, entry.sha256)


def _cached_outlines(folder: Path, entries: list[Entry], notes: list[str]) -> tuple[dict, dict]:
    """The outline and link features of every usable record on disk, by entry key. A record file that cannot be used is
    removed and named in `notes`, so its article is extracted again like one never extracted.

    Pickles an older newskg wrote are removed unread: unpickling a file runs the code it names.
    """
    outlines, features = {}, {}
    pickles = list(folder.glob("*.pickle"))
    for old in pickles:
        old.unlink(missing_ok=True)
    if pickles:
        notes.append(f"{folder}: {len(pickles)} record(s) in the old pickle format removed unread (a pickle can run "
                     f"code); their articles are extracted again")
    for entry in entries:
        path = _record_file(folder, entry)
        if not path.is_file():
            continue
        try:
            rec = _load(folder, entry)
            outlines[entry.key], features[entry.key] = outline(rec), article_features(rec)
        except (recordfile.RecordError, OSError) as exc:
            path.unlink(missing_ok=True)
            notes.append(f"{path}: record of {entry.identifier} cannot be used ({exc}); extracting it again")
    return outlines, features


def _extract_missing(store: Store, entries: list[Entry], folder: Path, outlines: dict[str, ArticleRecord],
                     features: dict, early: _EarlyGraphs | None = None, **options) -> list[FailedArticle]:
    """Extract every article without a usable record, writing each record as it comes, adding its outline and
    handing it to `early` (the local part of a new article's graph is written then).

    Articles whose extraction failed get no record: they are returned, and the build leaves them out.
    """
    from .build import iter_records

    todo = [e for e in entries if e.key not in outlines]
    stored = [e.iri for e in todo if e.article is None]
    texts: dict[URIRef, Article] = {}
    for start in range(0, len(stored), FETCH_BATCH):
        texts.update(store.articles(stored[start:start + FETCH_BATCH]))
    unreadable = [e.iri for e in todo if e.article is None and e.iri not in texts]
    if unreadable:
        raise StoreError(f"{store.spec}: stored article {unreadable[0]} has no record in {folder} and no text "
                         f"(nkg:body) to extract again{f' ({len(unreadable)} such)' if len(unreadable) > 1 else ''}; "
                         "nothing was written")
    articles = [e.article or texts[e.iri] for e in todo]
    by_identifier = {e.identifier: e for e in todo}
    failed = []
    graphio.remove_stale_parts_in(folder)  # once, not at each of the many records written below
    for rec in iter_records(articles, **options) if articles else ():
        if isinstance(rec, FailedArticle):
            failed.append(rec)
            continue
        entry = by_identifier[rec.article.identifier]
        graphio.atomic_write(_record_file(folder, entry), recordfile.dumps(rec), swept=True)
        outlines[entry.key], features[entry.key] = outline(rec), article_features(rec)
        if early is not None:
            early.add(entry, rec)
    return failed


def outline(rec: ArticleRecord) -> ArticleRecord:
    """The part of a record that resolution, policy naming and linking read: entities' names and kinds, policy
    keys (kg.links.corpus.article_features keeps the rest that linking needs).

    No text, no spans: it is kept for every article of the corpus at once, so it must stay small.
    """
    return replace(rec, article=Article(identifier=rec.article.identifier, body=""), statements=[], figures=[],
                   entities={k: replace(e, mentions=[]) for k, e in rec.entities.items()},
                   policies=[replace(p, evidence=[], spans=[]) for p in rec.policies])


def _write_graphs(store: Store, entries: list[Entry], folder: Path, res, policies, result: StoreUpdate,
                  progress, links, early: _EarlyGraphs) -> None:
    """Make, compare and write one article graph at a time; on a dead endpoint say how far it got.

    New graphs go to a GraphWriter, which writes them in batches behind the making of the next ones (in an
    Oxigraph folder); a stored graph is compared and replaced on its own, once the batch in flight is in. A
    graph whose local part `early` wrote gets the rest (kg.triples.resolved_triples), or is made whole again
    when an entity of its article got no node.
    """
    from .triples import article_triples, complete, no_collection_pauses, resolved_triples

    stored, unsealed, started = early.stored, early.unsealed, early.started
    last, written = None, 0  # `written`: graphs written in this thread; the writer flushes what it writes
    writer = early.writer
    # the collector off: making graphs leaves no cycles, yet its full collections walked every outline and
    # feature of the corpus again and again (nearly half the time of making 2,000 articles' graphs)
    with no_collection_pauses():
        for i, entry in enumerate(entries):
            rec = _load(folder, entry)
            before = written
            try:
                if entry.key in started and complete(i, rec, res):
                    writer.add(entry.iri, resolved_triples(i, rec, res, policies, links))
                    result.added.append(entry.iri)
                    last, written = entry.iri, written + (not store.writes_behind)
                elif entry.iri in unsealed or entry.key in started:
                    writer.close()  # its local part, if queued, goes in first and is replaced here
                    store.replace_graph(entry.iri, article_triples(i, rec, res, policies, links))
                    result.added.append(entry.iri)
                    last, written = entry.iri, written + 1
                elif entry.iri not in stored:
                    writer.add(entry.iri, article_triples(i, rec, res, policies, links))
                    result.added.append(entry.iri)
                    last, written = entry.iri, written + (not store.writes_behind)
                elif _replace(store, writer, entry.iri, article_triples(i, rec, res, policies, links)):
                    result.replaced.append(entry.iri)
                    last, written = entry.iri, written + 1
                else:
                    result.unchanged.append(entry.iri)
                if written != before and written % FLUSH_EVERY == 0:
                    store.flush()
            except EndpointGone as exc:
                raise EndpointGone(f"{exc}; {_how_far(result, last, entries[i:], len(entries))}") from None
            if progress:
                progress(i + 1, len(entries), str(entry.iri))
        writer.close()


def _replace(store: Store, writer: GraphWriter, name: URIRef, graph) -> bool:
    """Replace a stored graph whose triples changed (after the new graphs in flight are in); False if it is
    the same."""
    writer.wait()
    if store.graph_triples(name) == same_triples(graph):
        return False
    store.replace_graph(name, graph)
    return True


def _how_far(result: StoreUpdate, last: URIRef | None, left: list[Entry], total: int) -> str:
    """What a load cut short did and did not do, so the user knows the next run picks it up."""
    loaded = len(result.added) + len(result.replaced)
    names = ", ".join(str(e.iri) for e in left[:3]) + (" …" if len(left) > 3 else "")
    return (f"loaded {loaded} article graph(s){f' (last: {last})' if last else ''}, "
            f"{len(result.unchanged)} already up to date; {len(left)} of {total} not loaded or not checked: "
            f"{names}; run the same build again to load the rest")
