"""newskg: news articles to an RDF knowledge graph of governments, officials, statements, policies and figures.

    from kg import KnowledgeGraph
    graph = KnowledgeGraph.build(["seeds/"])
    rows = graph.rows("figures-for-measure", words="undocumented Afghans")
"""
from .api import KnowledgeGraph
from .build import BuildResult, build, build_dataset
from .errors import GraphError, InputError, KGError, ModelError, QueryError

__all__ = ["KnowledgeGraph", "BuildResult", "build", "build_dataset", "KGError", "InputError", "ModelError",
           "GraphError", "QueryError"]
