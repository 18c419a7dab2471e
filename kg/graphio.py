"""Reading and writing graph files: formats chosen by name, writes that are atomic."""
from __future__ import annotations

import glob
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from rdflib import Dataset, Graph

from .errors import GraphError
from .vocab import PREFIXES, STANDARD_PREFIXES, jsonld_context

# file extension -> rdflib format name; quad formats keep one named graph per article
FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".trig": "trig",
    ".nq": "nquads",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".xml": "xml",
    ".rdf": "xml",
}
QUAD_FORMATS = {"trig", "nquads", "json-ld"}
FORMAT_NAMES = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld", "xml": "xml"}


def format_for(path: str | Path, name: str | None = None) -> str:
    """The rdflib format for a path, from an explicit short name or the file extension."""
    if name:
        if name not in FORMAT_NAMES:
            raise GraphError(f"unknown format {name!r}; choose one of {', '.join(FORMAT_NAMES)}")
        return FORMAT_NAMES[name]
    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        raise GraphError(f"{path}: unknown graph file extension {ext or '(none)'!r}; "
                         f"use one of {', '.join(sorted(FORMATS))}")
    return FORMATS[ext]


def new_dataset() -> Dataset:
    """An empty dataset whose default graph is the union of the article graphs (what queries see)."""
    ds = Dataset(default_union=True)
    for prefix, ns in {**PREFIXES, **STANDARD_PREFIXES}.items():
        ds.bind(prefix, ns)
    return ds


def add_graph(ds: Dataset, name, triples: Iterable[tuple]) -> None:
    """Add one named graph's triples to a dataset straight through its store (kg.bulk_add).

    Graph.add checks every triple and goes through two more calls before the store sees it; triples made by
    kg.triples need no checking, and a corpus' graph is millions of them.
    """
    from .bulk_add import add_triples

    add_triples(ds.store, ds.graph(name), triples)


def union_graph(ds: Dataset) -> Graph:
    """All triples of all named graphs in one plain graph (for triple formats and the picture)."""
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns, override=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def serialize(ds: Dataset, fmt: str) -> bytes:
    """The dataset in one format: quad formats keep named graphs, triple formats get the union.

    JSON-LD is compacted with newskg's context (ontology/context.jsonld), written into the file whole so that
    reading it back needs no network.
    """
    if fmt == "json-ld":
        return ds.serialize(format=fmt, encoding="utf-8", context=jsonld_context(), auto_compact=True)
    if fmt in QUAD_FORMATS:
        return ds.serialize(format=fmt, encoding="utf-8")
    return union_graph(ds).serialize(format=fmt, encoding="utf-8")


def save(ds: Dataset, path: str | Path, fmt: str | None = None) -> Path:
    """Write the dataset to path atomically: a failed or interrupted write leaves the old file intact."""
    path = Path(path)
    data = serialize(ds, fmt or format_for(path))
    atomic_write(path, data)
    return path


def atomic_write(path: Path, data: bytes, *, swept: bool = False) -> None:
    """Write bytes next to path, then rename over it, so readers never see half a file. `swept`: as for
    atomic_file."""
    with atomic_file(path, swept=swept) as fh:
        fh.write(data)


@contextmanager
def atomic_file(path: Path, *, swept: bool = False) -> Iterator[BinaryIO]:
    """A binary file to write in steps that replaces path only when the block ends without an error.

    The data goes to a temporary file next to path, renamed over it at the end; after a failure or an
    interruption path is as it was. A symlink is written through: its target gets the data, the link stays.
    The temporary file's name holds this process's id, so that the next write to the same path removes
    the ones a killed process left behind (and never another live writer's). A caller that writes many
    files into one folder says `swept` once it has removed them for the whole folder (remove_stale_parts_in):
    looking for them at each write lists the folder each time, which made writing n files cost n².
    """
    with atomic_path(path, swept=swept) as tmp, open(tmp, "wb") as fh:
        yield fh


@contextmanager
def atomic_path(path: Path, *, swept: bool = False) -> Iterator[Path]:
    """As atomic_file, for a writer that opens the file by its name (a database): the name of a new empty
    file next to path, which replaces path, synced to disk, when the block ends without an error, and is
    removed otherwise."""
    path = Path(os.path.realpath(path))
    if path.is_dir():
        raise GraphError(f"{path}: is a folder; give a file name to write")
    path.parent.mkdir(parents=True, exist_ok=True)
    if not swept:
        remove_stale_parts(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=PART, dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes files private; outputs are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


PART = ".part"


def remove_stale_parts(path: Path) -> list[Path]:
    """Remove the temporary files of writes to path whose process is gone (killed before it could clean up)."""
    removed = []
    for part in path.parent.glob(f".{glob.escape(path.name)}.*{PART}"):
        pid = part.name[len(path.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            part.unlink(missing_ok=True)
            removed.append(part)
    return removed


def remove_stale_parts_in(folder: Path) -> list[Path]:
    """Remove the temporary files that writes into folder left behind when their process was killed."""
    removed = []
    for part in Path(folder).glob(f".*{PART}"):
        pieces = part.name[:-len(PART)].rsplit(".", 2)  # ".NAME", "PID", "RANDOM"
        pid = pieces[1] if len(pieces) == 3 else ""
        if pid.isdigit() and not _alive(int(pid)):
            part.unlink(missing_ok=True)
            removed.append(part)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def check_outputs(*paths: str | Path | None, inputs: Iterable[str | Path] = ()) -> None:
    """Refuse two outputs that are one file (also through a symlink), or an output that is one of the inputs."""
    seen: dict[str, Path] = {}
    for path in (Path(p) for p in paths if p is not None):
        real = os.path.realpath(path)
        if real in seen:
            raise GraphError(f"{path}: given for two outputs ({seen[real]} and {path}); give each its own file")
        seen[real] = path
    for given in (i for i in inputs if i is not None):
        real = os.path.realpath(given)
        if real in seen:
            raise GraphError(f"{seen[real]}: is also an input; writing it would replace {given}")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def refuse_entities(path: Path) -> None:
    """RDF/XML never needs entity declarations, and they can read other files or expand a few bytes into
    gigabytes (the "billion laughs" kept the parser busy for minutes): such a file is refused (defusedxml)."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    try:
        for _ in iterparse(str(path), forbid_dtd=False, forbid_entities=True, forbid_external=True):
            pass
    except DefusedXmlException as exc:
        raise GraphError(f"{path}: declares XML entities ({exc}), which newskg does not read") from None
    except (OSError, ParseError) as exc:
        raise GraphError(f"{path}: not a readable xml graph: {exc}") from None


def refuse_remote_contexts(path: Path) -> None:
    """A JSON-LD file may name its @context (or an @import in it) by URL, which rdflib would fetch: newskg
    fetches nothing at run time, so such a file is refused, naming the URL. newskg's own JSON-LD carries
    its context inline."""
    try:
        doc = json.loads(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise GraphError(f"{path}: not a readable json-ld graph: {exc}") from None
    url = _remote_context(doc)
    if url is not None:
        raise GraphError(f"{path}: its JSON-LD context is the remote document {url}, which newskg does not fetch; "
                         f"put the context into the file")


def _remote_context(node) -> str | None:
    """The first context given by reference (a URL or a file name) anywhere in a JSON-LD document."""
    if isinstance(node, list):
        return next((url for url in map(_remote_context, node) if url is not None), None)
    if not isinstance(node, dict):
        return None
    for key, value in node.items():
        if key == "@context":
            for context in value if isinstance(value, list) else [value]:
                if isinstance(context, str):
                    return context
                if isinstance(context, dict) and isinstance(context.get("@import"), str):
                    return context["@import"]
        found = _remote_context(value)
        if found is not None:
            return found
    return None


def check_readable(path: Path) -> str:
    """The rdflib format of a graph file that exists and asks for nothing outside it (no remote JSON-LD
    context, no XML entity); otherwise a GraphError naming the file."""
    if not path.is_file():
        raise GraphError(f"{path}: no such graph file; run 'kg build' first or pass --graph")
    fmt = format_for(path)
    if fmt == "json-ld":
        refuse_remote_contexts(path)
    if fmt == "xml":
        refuse_entities(path)
    return fmt


def load(path: str | Path) -> Dataset:
    """Read a graph file of any supported format into a dataset (triple files land in one graph)."""
    path = Path(path)
    fmt = check_readable(path)
    ds = new_dataset()
    try:
        if fmt in QUAD_FORMATS:
            ds.parse(path, format=fmt)
        else:
            ds.graph(ds.default_context.identifier)  # triples go to the default graph
            ds.default_context.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise GraphError(f"{path}: not a readable {fmt} graph: {exc}") from exc
    return ds
