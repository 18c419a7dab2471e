"""Progress of a long job on the terminal: one line per stage, a bar where articles are counted.

Library functions report through two callables: `stage(name, total=None)` when a stage begins (loading the
pipeline, extracting, resolving, writing, drawing the page) and `progress(done, total, item)` as items of a
counted stage are done. TerminalProgress draws both on stderr with rich, and nothing at all when stderr is
not a terminal; the rate is the average since the stage began, so the first batch does not inflate it.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Callable

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

Stage = Callable[..., None]  # stage(name, total=None)
ItemProgress = Callable[[int, int, str], None]  # progress(done, total, item)


def no_stage(name: str, total: int | None = None) -> None:
    """The stage reporter of a job nobody watches."""


class _Counts(ProgressColumn):
    """'3/5 · 2.1 articles/s · 0:00:01 left' for a counted stage, the rate averaged from the stage's start."""

    def __init__(self, unit: str):
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        if not task.fields.get("counted"):
            return Text("")
        done, elapsed = int(task.completed), task.elapsed or 0.0
        parts = [f"{done:,}/{int(task.total or 0):,}"]
        if done and elapsed > 0:
            rate = done / elapsed
            parts.append(f"{rate:,.1f} {self.unit}/s")
            if not task.finished:
                parts.append(f"{timedelta(seconds=round(((task.total or done) - done) / rate))} left")
        return Text(" · ".join(parts))


class _Bar(BarColumn):
    """A bar for counted stages only: the others are one step each."""

    def render(self, task: Task):
        return super().render(task) if task.fields.get("counted") else Text("")


class TerminalProgress:
    """The stages of a job and its counted items on stderr, or nothing when stderr is not a terminal.

        with TerminalProgress() as shown:
            build(paths, output, progress=shown, stage=shown.stage)
    """

    def __init__(self, enabled: bool | None = None, unit: str = "articles", console: Console | None = None):
        console = console or Console(stderr=True)
        self.enabled = console.is_terminal if enabled is None else enabled
        self.bars = Progress(SpinnerColumn(finished_text="✓"), TextColumn("{task.description}"), _Bar(bar_width=30),
                             _Counts(unit), TimeElapsedColumn(), console=console, disable=not self.enabled)
        self.task = None
        self.started = False

    def stage(self, name: str, total: int | None = None) -> None:
        """End the stage under way and begin `name` (with `total` items to count, if known)."""
        self._finish()
        if not self.started:
            self.bars.start()
            self.started = True
        self.task = self.bars.add_task(name, total=total, counted=total is not None)

    def __call__(self, done: int, total: int, item: str = "") -> None:
        """`done` of `total` items of the current stage are done."""
        if self.task is None:
            self.stage("extracting", total)
        self.bars.update(self.task, completed=done, total=total)

    def _finish(self) -> None:
        if self.task is not None:
            task = self.bars.tasks[-1]
            total = task.total if task.total is not None else 1
            self.bars.update(self.task, total=total, completed=total)
            self.bars.stop_task(self.task)

    def close(self, failed: bool = False) -> None:
        """Stop drawing; the stage under way is marked done unless the job failed in it."""
        if not failed:
            self._finish()
        self.bars.stop()

    def __enter__(self) -> "TerminalProgress":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        self.close(failed=kind is not None)
