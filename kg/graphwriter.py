"""New article graphs written to a store in batches, behind the build that makes them.

A store build makes each article graph in Python and hands it to the store. Oxigraph's bulk loader needs no
Python while it sorts and writes a batch, so a thread writes one batch while the build makes the next: the
write costs the build nothing but the second core it runs on. Other stores get every graph at once, in the
caller's thread, so their errors (an endpoint gone) come back where the caller counts what is written.
"""
from __future__ import annotations

import threading
from typing import Iterable

from rdflib import URIRef

from .store import Store


class GraphWriter:
    """Article graphs the store does not hold yet, written `batch` at a time, one batch in flight."""

    def __init__(self, store: Store, batch: int):
        self.store, self.batch = store, max(1, batch)
        self.pending: list[tuple[URIRef, Iterable[tuple]]] = []
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def __enter__(self) -> GraphWriter:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if kind is None:
            self.close()
            return
        self.pending = []  # the build failed: the batch in flight ends, the queued graphs are not written
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def add(self, name: URIRef, triples: Iterable[tuple]) -> None:
        """Queue one new graph; a full batch goes to the store (behind the caller when the store allows)."""
        if not self.store.writes_behind:
            self.store.replace_graph(name, triples)
            return
        self.pending.append((name, triples))
        if len(self.pending) >= self.batch:
            self._send()

    def wait(self) -> None:
        """Return once the batch in flight is in the store; its error, if any, is raised here."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def close(self) -> None:
        """Write what is queued and wait for it."""
        if self.pending:
            self._send()
        self.wait()

    def _send(self) -> None:
        batch, self.pending = self.pending, []
        self.wait()
        self._thread = threading.Thread(target=self._write, args=(batch,), name="newskg-graph-writer", daemon=True)
        self._thread.start()

    def _write(self, batch: list[tuple[URIRef, Iterable[tuple]]]) -> None:
        try:
            self.store.add_graphs(batch)
            self.store.flush()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread by wait()
            self._error = exc
