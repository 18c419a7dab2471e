"""newskg: news articles to an RDF knowledge graph of governments, officials, statements, policies and figures.

    from kg import KnowledgeGraph
    graph = KnowledgeGraph.build(["seeds/"])
    rows = graph.rows("figures-for-measure", words="undocumented Afghans")
"""
from importlib import import_module

from .errors import GraphError, InputError, KGError, ModelError, QueryError

_LAZY = {"KnowledgeGraph": "api", "BuildResult": "build", "build_dataset": "build"}


def __getattr__(name: str):
    """KnowledgeGraph and the build functions, imported when first used: `kg query` need not load spaCy."""
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["KnowledgeGraph", "BuildResult", "build_dataset", "KGError", "InputError", "ModelError",
           "GraphError", "QueryError"]
