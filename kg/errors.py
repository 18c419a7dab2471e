"""The exceptions newskg raises; the CLI turns each into a one-line message."""


class KGError(Exception):
    """Base class of every error newskg reports to its user."""


class InputError(KGError):
    """An article file that cannot be read as news text (empty, binary, undecodable, no sentences)."""

    def __init__(self, path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NothingWritten(KGError):
    """No input could be used, so nothing was written; `problems` says why for each file, `notes` what was noticed."""

    def __init__(self, message: str, problems=(), notes=()):
        super().__init__(message)
        self.problems = list(problems)
        self.notes = list(notes)


class ModelError(KGError):
    """The spaCy pipeline is missing or unusable."""


class GraphError(KGError):
    """A graph file that cannot be read or written."""


class QueryError(KGError):
    """A SPARQL query that cannot be parsed or run, or a parameter it lacks."""


class QueryTimeout(QueryError):
    """A query stopped at its time limit (kg query --timeout)."""


class StoreError(KGError):
    """A store that cannot be opened, read or written; the message says which and how far a load got."""


class NotAStore(StoreError):
    """A --store that names no store a build made: a mistyped folder, a folder of other files, an empty endpoint."""


class EndpointGone(StoreError):
    """A SPARQL endpoint that stopped answering even after the retries."""


class RecordError(KGError):
    """A cached extraction record that cannot be used: not JSON, a field of the wrong type, spans off its text."""


class VizError(KGError):
    """A page that cannot be drawn: unknown focus, article or class, nothing to show, unwritable file."""
