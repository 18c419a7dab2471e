"""The classes the page draws, how each looks, and the stance a reporting verb takes."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..vocab import NKG

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Style:
    """How one class looks on the map, in the legend and in the article view's marks."""

    colour: str
    shape: str
    glyph: str


STYLES = {  # class -> look; this order is the legend's
    NKG.Government: Style("#1f77b4", "hexagon", "\u2b22"),
    NKG.Official: Style("#2ca02c", "triangle", "\u25b2"),
    NKG.Person: Style("#17becf", "dot", "\u25cf"),
    NKG.Organization: Style("#9467bd", "square", "\u25a0"),
    NKG.Group: Style("#7f7f7f", "dot", "\u25cb"),  # "doctors", "some lawmakers": unnamed collective speakers
    NKG.Policy: Style("#d62728", "star", "\u2605"),
    NKG.Statement: Style("#ff7f0e", "diamond", "\u25c6"),
    NKG.Figure: Style("#8c564b", "triangleDown", "\u25bc"),
}
AGENT_CLASSES = (NKG.Government, NKG.Official, NKG.Person, NKG.Organization, NKG.Group)
ENTITY_CLASSES = (*AGENT_CLASSES, NKG.Policy)  # the map's nodes
CLAIM_CLASSES = (NKG.Statement, NKG.Figure)  # what edges and panels are made of; nodes only on demand
CLASS_NAMES = {cls.fragment: cls for cls in STYLES}

STANCE_COLOURS = {"against": "#c0392b", "for": "#27ae60", None: "#9a9a9a"}


@cache
def stance_verbs() -> dict[str, str]:
    """Reporting verb lemma -> 'for' or 'against', from data/stance.tsv."""
    table = {}
    for line in (DATA / "stance.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            stance, verbs = line.split("\t", 1)
            table.update({verb: stance for verb in verbs.split()})
    return table


def stance(verbs) -> str | None:
    """The stance every one of these reporting verbs takes, or None when they differ or say nothing."""
    found = {stance_verbs().get((v or "").casefold()) for v in verbs}
    return found.pop() if len(found) == 1 else None


def node_size(mentions: int, cls) -> float:
    """A node's radius on the map: bigger for entities written more often; governments never small."""
    size = 9 + 3.2 * (mentions ** 0.5)
    return round(min(48.0, max(size, 20.0 if cls == NKG.Government else 0.0)), 1)
