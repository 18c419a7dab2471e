"""The kg command, stopped for good once a chosen function has returned N times, so a test can kill it there.

    python tests/paused_kg.py MODULE:ATTRIBUTE N MARKER KG-ARGUMENTS...

For example `os:fsync 1 MARKER build in/ -o out.ttl` stops right after the new graph file was written and
synced, before it is renamed over the old one. MARKER is written when the pause begins; a test waits for
it, then sends its signal, so the signal lands at a known point of the run instead of after a guessed sleep.
The function itself is not changed: it runs, returns, and only then does the run stop.
"""
from __future__ import annotations

import importlib
import signal
import sys
import time
from pathlib import Path


def pause_after(target: str, calls: int, marker: Path) -> None:
    """Replace MODULE:ATTRIBUTE (a function or a method, dotted) with a wrapper that stops after `calls` calls."""
    module, _, attribute = target.partition(":")
    *parents, name = attribute.split(".")
    owner = importlib.import_module(module)
    for parent in parents:
        owner = getattr(owner, parent)
    original = getattr(owner, name)
    seen = 0

    def paused(*args, **kwargs):
        nonlocal seen
        result = original(*args, **kwargs)
        seen += 1
        if seen == calls:
            marker.write_text(f"paused after {calls} call(s) of {target}\n", encoding="utf-8")
            time.sleep(600)  # Ctrl-C interrupts the sleep, as it would interrupt the work
        return result

    setattr(owner, name, paused)


def main() -> None:
    target, calls, marker, *rest = sys.argv[1:]
    # Ctrl-C as at a terminal, even when the tests run in the background, where SIGINT comes in ignored
    signal.signal(signal.SIGINT, signal.default_int_handler)
    pause_after(target, int(calls), Path(marker))
    from kg.cli import main as kg

    sys.argv = ["kg", *rest]
    kg()


if __name__ == "__main__":
    main()
