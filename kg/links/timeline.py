"""The timeline of a graph: policies and the steps of their lives, and figures that count the same thing,
over time; printed as text and drawn as a chart (PNG or SVG by matplotlib, or an HTML page around the SVG)
that a journalist can drop into a story.

Everything is read through the canned queries policy-events and figure-groups, so a graph file and a store
give the same timeline.
"""
from __future__ import annotations

import html
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import KGError
from .. import graphio

CHART_FORMATS = {".png": "png", ".svg": "svg", ".html": "html", ".htm": "html"}
MARKERS = {"announced": "o", "deadline set": "D", "extended": ">", "enforced": "s", "exemptions": "^",
           "suspended": "v", "struck down": "X"}
LABEL_CHARS = 48


class TimelineError(KGError):
    """A chart that cannot be written: a format newskg does not draw, or nothing to draw."""


@dataclass(frozen=True)
class Step:
    when: date | None
    policy: str
    event: str
    deadline: date | None
    actor: str | None
    spared: str | None
    article: str
    sentence: str


@dataclass(frozen=True)
class Point:
    counts: str
    series: bool
    when: date | None
    value: float
    low: float
    high: float
    reported_by: str | None
    article: str
    disagrees: int
    sentence: str


@dataclass
class Timeline:
    steps: list[Step]
    points: list[Point]

    @classmethod
    def from_rows(cls, steps: list[dict], points: list[dict]) -> "Timeline":
        """From the rows of the canned queries policy-events and figure-groups."""
        return cls(
            steps=[Step(r["date"], r["policy"], r["event"], r.get("deadline"), r.get("actor"), r.get("spared"),
                        r["article"], r["sentence"]) for r in steps],
            points=[Point(r["counts"], bool(r["series"]), r.get("date"), float(r["value"]), float(r["low"]),
                          float(r["high"]), r.get("reported_by"), r["article"], int(r["disagrees"]), r["sentence"])
                    for r in points])

    def policies(self) -> dict[str, list[Step]]:
        out: dict[str, list[Step]] = defaultdict(list)
        for s in self.steps:
            out[s.policy].append(s)
        return dict(out)

    def groups(self) -> dict[str, list[Point]]:
        out: dict[str, list[Point]] = defaultdict(list)
        for p in self.points:
            out[p.counts].append(p)
        return dict(out)

    def text(self) -> str:
        """The timeline as lines of text: each policy with its steps, then each figure group with its members."""
        lines = []
        for policy, steps in self.policies().items():
            lines.append(f"Policy: {policy}")
            for s in steps:
                extra = [f"deadline {s.deadline.isoformat()}" if s.deadline else "", f"by {s.actor}" if s.actor else "",
                         f"spares {s.spared}" if s.spared else ""]
                lines.append(f"  {_day(s.when)}  {s.event:<13} {'; '.join(e for e in extra if e):<40} {s.article}")
            lines.append("")
        for counts, points in self.groups().items():
            kind = "series over time" if points[0].series else "counts of one thing"
            lines.append(f"Figures: {counts} ({kind})")
            for p in points:
                flag = f"  disagrees with {p.disagrees}" if p.disagrees else ""
                lines.append(f"  {_day(p.when)}  {p.value:>14,.0f}  ({p.low:,.0f}–{p.high:,.0f})  "
                             f"{p.reported_by or 'unattributed'}  {p.article}{flag}")
            lines.append("")
        if not lines:
            return "No policy steps and no figure groups in this graph.\n"
        return "\n".join(lines)

    def write_chart(self, path: str | Path) -> Path:
        """Draw the chart into `path` (.png, .svg or .html), atomically."""
        path = Path(path)
        fmt = chart_format(path)
        if not self.steps and not self.points:
            raise TimelineError(f"{path}: the graph has no policy steps and no figure groups to draw; "
                                "nothing was written")
        svg = self._figure("svg")
        data = svg if fmt == "svg" else self._figure("png") if fmt == "png" else self._page(svg).encode("utf-8")
        graphio.atomic_write(path, data)
        return path

    def _figure(self, fmt: str) -> bytes:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure  # no pyplot: no global state, nothing left behind in the process

        policies, groups = self.policies(), self.groups()
        rows = [bool(policies), bool(groups)]
        fig = Figure(figsize=(11, 2.2 + 0.6 * len(policies) + 2.6 * bool(groups)))
        FigureCanvasAgg(fig)
        axes = fig.subplots(sum(rows), 1, squeeze=False, sharex=True,
                            gridspec_kw={"height_ratios": [max(1, len(policies))] * rows[0] + [3] * rows[1]})
        axes = [a[0] for a in axes]
        if policies:
            _draw_policies(axes[0], policies)
        if groups:
            _draw_groups(axes[-1], groups)
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format=fmt, dpi=150)
        return out.getvalue()

    def _page(self, svg: bytes) -> str:
        """A self-contained page: the chart, then every step and figure with its sentence as evidence."""
        e = html.escape
        steps = "".join(f"<tr><td>{_day(s.when)}</td><td>{e(s.policy)}</td><td>{e(s.event)}</td>"
                        f"<td>{_day(s.deadline) if s.deadline else ''}</td><td>{e(s.actor or '')}</td>"
                        f"<td>{e(s.article)}</td><td>{e(s.sentence)}</td></tr>" for s in self.steps)
        points = "".join(f"<tr{' class=disagree' if p.disagrees else ''}><td>{_day(p.when)}</td><td>{e(p.counts)}</td>"
                         f"<td>{p.value:,.0f}</td><td>{p.low:,.0f}–{p.high:,.0f}</td><td>{e(p.reported_by or '')}</td>"
                         f"<td>{e(p.article)}</td><td>{e(p.sentence)}</td></tr>" for p in self.points)
        chart = svg.decode("utf-8")
        chart = chart[chart.index("<svg"):]
        return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Timeline</title>
<style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}}
table{{border-collapse:collapse;width:100%;font-size:14px}}td,th{{border-bottom:1px solid #ddd;padding:4px;
text-align:left;vertical-align:top}}tr.disagree td{{background:#fde8e8}}svg{{max-width:100%;height:auto}}</style>
</head><body><h1>Timeline</h1>{chart}
<h2>Policy steps</h2><table><tr><th>date</th><th>policy</th><th>step</th><th>deadline</th><th>by</th>
<th>article</th><th>evidence</th></tr>{steps}</table>
<h2>Figures</h2><table><tr><th>date</th><th>counts</th><th>value</th><th>range</th><th>reported by</th>
<th>article</th><th>evidence</th></tr>{points}</table></body></html>
"""


def chart_format(path: Path) -> str:
    fmt = CHART_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise TimelineError(f"--chart {path}: a chart is written as .png, .svg or .html, not "
                            f"{path.suffix or 'a file without extension'}")
    return fmt


def _day(d: date | None) -> str:
    return d.isoformat() if d else "(undated)"


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1] + "…"


def _draw_policies(ax, policies: dict[str, list[Step]]) -> None:
    names = list(policies)
    for y, name in enumerate(names):
        dated = [s for s in policies[name] if s.when]
        ax.plot([s.when for s in dated], [y] * len(dated), color="#bbb", zorder=1)
        for s in dated:
            ax.scatter([s.when], [y], marker=MARKERS.get(s.event, "o"), s=60, zorder=2,
                       label=s.event, color="#1f5aa6" if s.event != "struck down" else "#b00")
            if s.deadline:
                ax.scatter([s.deadline], [y], marker="|", s=300, color="#d97a00", zorder=2, label="deadline")
    ax.set_yticks(range(len(names)), [_short(n) for n in names])
    ax.set_ylim(-0.7, len(names) - 0.3)
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles))
    ax.legend(unique.values(), unique.keys(), loc="upper left", fontsize=8, ncol=4, frameon=False)
    ax.set_title("Policies and their steps")


def _draw_groups(ax, groups: dict[str, list[Point]]) -> None:
    for counts, points in groups.items():
        dated = [p for p in points if p.when]
        if not dated:
            continue
        line = ax.plot([p.when for p in dated], [p.value for p in dated], marker="o",
                       linestyle="-" if points[0].series else ":", label=_short(counts))[0]
        ax.vlines([p.when for p in dated], [p.low for p in dated], [p.high for p in dated], color=line.get_color(),
                  alpha=0.5)
        bad = [p for p in dated if p.disagrees]
        if bad:
            ax.scatter([p.when for p in bad], [p.value for p in bad], s=140, facecolors="none", edgecolors="#b00",
                       linewidths=2, zorder=3, label="disagrees")
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles))
    ax.legend(unique.values(), unique.keys(), fontsize=8, frameon=False)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    ax.set_title("Figures that count the same thing (bars: the range each wording allows; red: disagrees)")


def query_rows(source, name: str) -> list[dict]:
    """The rows of a canned query on a KnowledgeGraph or an open store."""
    from ..query import find_query
    from ..store import Store, run_query

    if isinstance(source, Store):
        return run_query(source, find_query(name)).rows()
    return source.rows(name)


def load_timeline(source) -> Timeline:
    """The timeline of a KnowledgeGraph or an open store."""
    return Timeline.from_rows(query_rows(source, "policy-events"), query_rows(source, "figure-groups"))


def disagreements_text(rows: list[dict]) -> str:
    """Each disagreement as a block: what is counted, then each side with its range, source and sentence."""
    if not rows:
        return "No disagreements: no two figures that count the same thing differ beyond their wording.\n"
    out = []
    for r in rows:
        out.append(f"{r['counts']}:")
        for side in ("", "other_"):
            who = r.get(f"{side}reported_by") or "unattributed"
            out.append(f"  {float(r[f'{side}value']):,.0f} (allows {float(r[f'{side}low']):,.0f}–"
                       f"{float(r[f'{side}high']):,.0f}) — {who}, {_day(r.get(f'{side}date'))}, {r[f'{side}article']}")
            out.append(f"    “{' '.join(str(r[f'{side}sentence']).split())}”")
        out.append("")
    return "\n".join(out)
