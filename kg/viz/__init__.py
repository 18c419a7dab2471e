"""The story map: a graph drawn as one offline page a journalist can read.

graph -> records (corpus) -> the map of entities (storymap) -> positions (layout) -> the page (render).
Entities are the nodes; statements and figures are what the edges and the panels are made of, each shown in
the sentence and article it was read from.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable

from rdflib import Dataset, Graph, URIRef

from ..errors import VizError
from ..graphio import atomic_write, load, union_graph
from .classes import CLAIM_CLASSES, CLASS_NAMES, ENTITY_CLASSES, STYLES
from .corpus import Corpus, read_corpus
from .page import TEMPLATES, VIS_DIR, render
from .storymap import around, class_list, find_article, find_entity, in_article, only_classes, story_map

__all__ = ["write_html", "read_corpus", "story_map", "CLASS_NAMES", "STYLES", "TEMPLATES", "VIS_DIR",
           "VizError", "Corpus"]


def write_html(ds_or_graph, path, *, focus: str | None = None, hops: int | None = None,
               include: Iterable[str | URIRef] | None = None, show: Iterable[str | URIRef] | None = None,
               article: str | None = None) -> Path:
    """Write the story map of a graph (a Dataset, Graph or graph file) to path, atomically.

    focus opens the page centred on one entity, selected; with hops the page keeps only what lies within
    that many edges of it. include keeps some classes (names such as "Official"), show draws statements or
    figures as nodes too, article keeps what one article says and opens it.
    """
    g, source = _open(ds_or_graph)
    with _collector_paused():
        page = _page(g, source, focus, hops, include, show, article)
    path = Path(path)
    try:
        atomic_write(path, page.encode("utf-8"))
    except OSError as exc:
        raise VizError(f"{path}: cannot write the page: {exc.strerror or exc}") from exc
    return path


def _page(g: Graph, source: str, focus, hops, include, show, article) -> str:
    """The page's text: the corpus read, narrowed as asked, drawn."""
    corpus = read_corpus(g)
    chosen = class_list(include) if include else ENTITY_CLASSES
    shown = {*class_list(show or (), option="--show"), *(c for c in chosen if c in CLAIM_CLASSES)}
    if include:
        corpus = only_classes(corpus, [c for c in chosen if c in ENTITY_CLASSES])
    article_key = find_article(corpus, article, source=source) if article else None
    if article_key:
        corpus = in_article(corpus, article_key)
    focus_key = find_entity(corpus, focus, source=source) if focus is not None else None
    if hops is not None:
        if focus_key is None:
            raise VizError(f"--hops {hops}: needs --focus, the entity to count the edges from")
        corpus = around(corpus, focus_key, hops)
    G = story_map(corpus)
    if not G:
        raise VizError(f"{source}: nothing to show; the graph has no "
                       f"{', '.join(c.fragment for c in chosen if c in ENTITY_CLASSES) or 'entity'} nodes"
                       + (f" in article {article!r}" if article else ""))
    return render(corpus, G, show=[c for c in CLAIM_CLASSES if c in shown], focus=focus_key, article=article_key)


@contextmanager
def _collector_paused():
    """No cyclic garbage collection while the page is made: its hundreds of thousands of small records hold
    no cycles, and collecting among them would cost a sixth of the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _open(ds_or_graph) -> tuple[Graph, str]:
    """The union graph to read and a name for messages."""
    if isinstance(ds_or_graph, (str, Path)):
        ds = load(ds_or_graph)
        return (ds if ds.default_union else union_graph(ds)), str(ds_or_graph)
    if isinstance(ds_or_graph, Dataset):
        # a default-union dataset already reads as one graph; copying it would cost more than drawing
        return (ds_or_graph if ds_or_graph.default_union else union_graph(ds_or_graph)), "the graph"
    if isinstance(ds_or_graph, Graph):
        return ds_or_graph, "the graph"
    raise TypeError(f"write_html needs a Dataset, Graph or graph file, not {type(ds_or_graph).__name__}")
