"""The exceptions newskg raises; the CLI turns each into a one-line message."""


class KGError(Exception):
    """Base class of every error newskg reports to its user."""


class InputError(KGError):
    """An article file that cannot be read as news text (empty, binary, undecodable, no sentences)."""

    def __init__(self, path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ModelError(KGError):
    """The spaCy pipeline is missing or unusable."""


class GraphError(KGError):
    """A graph file that cannot be read or written."""


class QueryError(KGError):
    """A SPARQL query that cannot be parsed or run, or a parameter it lacks."""
