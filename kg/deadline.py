"""Time limits for queries: a runaway query is stopped with a message, and its store is let go.

rdflib's engine is Python, so an alarm stops it at once; so does the loop that reads rows from a store.
Oxigraph evaluates some queries (an aggregate, an ORDER BY) whole before the first row, in native code
that an alarm cannot interrupt; for the command line a watchdog then ends the process a moment after the
deadline, which also releases the store's lock.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from contextlib import contextmanager
from typing import Iterator

from .errors import QueryTimeout

GRACE = 2.0  # seconds past the deadline before the watchdog ends a process stuck in native code


@contextmanager
def deadline(seconds: float | None, what: str, hard: bool = False) -> Iterator[None]:
    """Raise QueryTimeout naming `what` once `seconds` have passed (None or 0: no limit).

    Only the main thread can take the alarm; elsewhere the block runs unlimited. With `hard`, a process
    still stuck GRACE seconds later prints the message and exits with status 2.
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    message = f"{what}: stopped after {seconds:g} s (--timeout {seconds:g}); narrow the query or give it more time"

    def expire(signum, frame):
        raise QueryTimeout(message)

    done = threading.Event()
    if hard:
        threading.Thread(target=_watchdog, args=(seconds + GRACE, done, message), daemon=True).start()
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        done.set()


def _watchdog(after: float, done: threading.Event, message: str) -> None:
    if done.wait(after):
        return
    try:
        sys.stdout.flush()
    except Exception:  # noqa: BLE001 - the process ends either way
        pass
    sys.stderr.write(f"Error: {message}\n")
    sys.stderr.flush()
    os._exit(2)
