"""What `kg build` leaves for the next command: the graph file or store it wrote last, per working folder.

Kept in $XDG_STATE_HOME/newskg/last.json (~/.local/state by default) as {folder: {"graph": path}} or
{folder: {"store": spec}}, so that `kg query` run in the folder of a build reads what that build wrote,
whatever its -o or --store.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from . import graphio

KEEP = 200  # folders remembered; the oldest are forgotten


@dataclass(frozen=True)
class Target:
    """A graph file (`graph`) or a store (`store`, a --store value) that a build wrote."""

    graph: Path | None = None
    store: str | None = None

    def __str__(self) -> str:
        return str(self.graph) if self.graph else str(self.store)


def state_file() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "newskg" / "last.json"


def _read() -> dict:
    try:
        data = json.loads(state_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _folder(folder: str | Path | None) -> str:
    return str(Path(folder or Path.cwd()).resolve())


def remember(target: Target, folder: str | Path | None = None) -> None:
    """Note what a build in `folder` (the current one by default) wrote; paths are kept absolute."""
    if target.graph:
        entry = {"graph": str(Path(target.graph).resolve())}
    elif target.store.startswith("oxigraph:"):
        entry = {"store": f"oxigraph:{Path(target.store.removeprefix('oxigraph:')).resolve()}"}
    else:
        entry = {"store": target.store}
    key = _folder(folder)
    data = {k: v for k, v in _read().items() if k != key}
    data[key] = entry
    try:
        graphio.atomic_write(state_file(), json.dumps(dict(list(data.items())[-KEEP:]), indent=1).encode())
    except OSError:
        pass  # remembering is a convenience: a read-only home must not fail a build


def recall(folder: str | Path | None = None) -> Target | None:
    """What the last build in `folder` (the current one by default) wrote, if it is still there."""
    entry = _read().get(_folder(folder))
    if not isinstance(entry, dict):
        return None
    if isinstance(entry.get("graph"), str) and Path(entry["graph"]).is_file():
        return Target(graph=Path(entry["graph"]))
    if isinstance(entry.get("store"), str):
        return Target(store=entry["store"])
    return None
