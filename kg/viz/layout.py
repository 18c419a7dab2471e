"""Where each node of the map sits, computed once when the page is written so that it opens still.

Communities (Louvain, on edges weighted by how many statements they carry) start in their own region; a
force-directed layout (igraph's Fruchterman-Reingold, with a grid for big graphs: a few hundred
milliseconds for thousands of nodes) then pulls each community together and pushes the rest apart.
Components are laid out separately and packed side by side; the same graph always gets the same layout.
"""
from __future__ import annotations

import math
import random
from contextlib import contextmanager

import igraph
import networkx as nx
import numpy as np

from .classes import node_size

SPACING = 70.0  # distance from nearly every node to its nearest neighbour, in page units (nodes are 10 to 50 across)
GAP = 90.0  # space between packed components
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
SEED = 7
ONE_LEVEL_LIMIT = 60  # a component this small is laid out in one go: a few nodes need no regions
UNSTACK_LIMIT = 600  # communities up to this size get their big nodes pushed apart (every pair compared)
EXACT_LIMIT = 400  # up to this many nodes every pair of nodes repels; above, only neighbours on a grid


def layout(G: nx.Graph) -> dict:
    """Positions (x, y) in page units for every node of the map."""
    U = _weighted(G)
    if not len(U):
        return {}
    community = _communities(U)
    parts = [_component(U.subgraph(c), community) for c in nx.connected_components(U)]
    parts.sort(key=lambda p: (-len(p), min(str(n) for n in p)))
    return _pack(parts)


def _weighted(G: nx.Graph) -> nx.Graph:
    """One undirected edge per pair of nodes, weighted by the statements it carries (1 for the others)."""
    U = nx.Graph()
    U.add_nodes_from((n, G.nodes[n]) for n in sorted(G, key=str))
    for a, b, data in G.edges(data=True):
        if a == b:
            continue
        w = max(1, len(data.get("statements") or ()))
        if U.has_edge(a, b):
            U[a][b]["weight"] += w
        else:
            U.add_edge(a, b, weight=w)
    return U


def _communities(U: nx.Graph) -> dict:
    """Node -> community number (Louvain, igraph's multilevel), biggest community first."""
    nodes = list(U)
    index = {n: i for i, n in enumerate(nodes)}
    g = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in U.edges()])
    with _seeded():
        membership = g.community_multilevel(weights=[d["weight"] for _, _, d in U.edges(data=True)] or None,
                                             return_levels=False).membership
    found: dict[int, list] = {}
    for n, c in zip(nodes, membership):
        found.setdefault(c, []).append(n)
    order = sorted(found.values(), key=lambda c: (-len(c), min(str(n) for n in c)))
    return {n: i for i, c in enumerate(order) for n in c}


def _component(H: nx.Graph, community: dict) -> dict:
    """One connected component: each community laid out on its own, then the communities around each other.

    Two levels keep a community together however many edges run between communities: its nodes never
    mix with another's, and communities that talk to each other more sit closer.
    """
    groups: dict[int, list] = {}
    for n in sorted(H, key=str):
        groups.setdefault(0 if len(H) <= ONE_LEVEL_LIMIT else community[n], []).append(n)
    inner = {c: _unstack(_force(H.subgraph(nodes)), H) for c, nodes in groups.items()}
    if len(inner) == 1:
        return next(iter(inner.values()))
    radius = {c: max(math.hypot(x, y) + _size(H, n) for n, (x, y) in p.items()) + SPACING / 4
              for c, p in inner.items()}
    between = nx.Graph()
    between.add_nodes_from(groups)
    for a, b, d in H.edges(data=True):
        ca, cb = community[a], community[b]
        if ca != cb:
            w = between.get_edge_data(ca, cb, {"weight": 0})["weight"]
            between.add_edge(ca, cb, weight=w + d["weight"])
    centres = _apart(_force(between, spaced=False), radius)
    return {n: (centres[c][0] + x, centres[c][1] + y) for c, p in inner.items() for n, (x, y) in p.items()}


def _force(H: nx.Graph, spaced: bool = True) -> dict:
    """A force-directed layout (igraph's Fruchterman-Reingold) centred on 0, nodes SPACING apart if spaced."""
    nodes = sorted(H, key=str)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {n: i for i, n in enumerate(nodes)}
    g = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in H.edges()])
    weights = [1 + 0.3 * math.log2(d["weight"]) for _, _, d in H.edges(data=True)] or None
    big = len(nodes) > EXACT_LIMIT
    start = [list(_spiral(i + 1, 1.0)) for i in range(len(nodes))]  # the same start every time
    with _seeded():
        xy = np.array(g.layout_fruchterman_reingold(weights=weights, seed=start, niter=300 if big else 600,
                                                    grid=big).coords, dtype=float)
    xy -= xy.mean(axis=0)
    if spaced:
        xy *= _scale(xy)
    return {n: (float(xy[i, 0]), float(xy[i, 1])) for n, i in index.items()}


@contextmanager
def _seeded():
    """igraph draws from Python's random module: give it a seeded generator of its own for one layout."""
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def _unstack(pos: dict, H: nx.Graph) -> dict:
    """Big nodes (hubs) pushed off their neighbours, in communities small enough to compare every pair."""
    if len(pos) > UNSTACK_LIMIT:
        return pos
    radius = {n: _size(H, n) for n in pos}
    return _apart(pos, radius, rounds=25, margin=SPACING / 4, spread=False)


def _size(H: nx.Graph, node) -> float:
    return node_size(H.nodes[node].get("mentions", 0), H.nodes[node].get("cls"))


def _apart(centres: dict, radius: dict, rounds: int = 200, margin: float = GAP / 2, spread: bool = True) -> dict:
    """Move circles (centre, radius) apart until none overlaps another, keeping their arrangement."""
    keys = sorted(centres, key=str)
    xy = np.array([centres[k] for k in keys], dtype=float)
    r = np.array([radius[k] for k in keys])
    if spread:  # neighbours about two radii apart to begin with
        xy *= np.median(r) * 2 / max(float(np.median(_nearest(xy))), 1e-9)
    need = r[:, None] + r[None, :] + margin
    np.fill_diagonal(need, 0)
    for _ in range(rounds):
        diff = xy[:, None, :] - xy[None, :, :]
        dist = np.maximum(np.linalg.norm(diff, axis=-1), 1e-9)
        push = np.clip(need - dist, 0, None)
        if push.max() < 1:  # less than a page unit: nothing anyone would see
            break
        # each circle moves half of its overlaps, averaged over the circles it overlaps: no overshoot
        crowd = np.maximum(1, (push > 0).sum(axis=1))[:, None]
        xy += 0.5 * (diff / dist[..., None] * push[..., None]).sum(axis=1) / crowd
    return {k: (float(x), float(y)) for k, (x, y) in zip(keys, xy)}


def _scale(xy: np.ndarray) -> float:
    """The factor that puts nearly every node at least SPACING from its nearest neighbour."""
    near = _nearest(xy)
    typical = max(float(np.percentile(near, 10)), float(np.median(near)) / 3, 1e-9)
    return SPACING / typical


def _nearest(xy: np.ndarray, chunk: int = 1024) -> np.ndarray:
    """Each point's distance to its nearest other point (in chunks: n x n distances would not fit for big n)."""
    out = np.empty(len(xy))
    sq = (xy ** 2).sum(axis=1)
    for start in range(0, len(xy), chunk):
        part = slice(start, start + chunk)
        d2 = sq[part, None] + sq[None, :] - 2 * xy[part] @ xy.T  # |a - b|^2 without an n x n x 2 array
        d2[np.arange(d2.shape[0]), np.arange(start, start + d2.shape[0])] = np.inf
        out[part] = np.sqrt(np.maximum(d2.min(axis=1), 0))
    return out


def _spiral(i: int, step: float) -> tuple[float, float]:
    r = step * math.sqrt(i)
    return r * math.cos(i * GOLDEN_ANGLE), r * math.sin(i * GOLDEN_ANGLE)


def _pack(parts: list[dict]) -> dict:
    """Lay the components out in rows, biggest first, so that none overlaps another."""
    boxes = []
    for p in parts:
        xs, ys = [x for x, _ in p.values()], [y for _, y in p.values()]
        boxes.append((p, min(xs), min(ys), max(xs) - min(xs) + GAP, max(ys) - min(ys) + GAP))
    width = max(max(b[3] for b in boxes), math.sqrt(sum(b[3] * b[4] for b in boxes)) * 1.3)
    out, x, y, row = {}, 0.0, 0.0, 0.0
    for p, left, top, w, h in boxes:
        if x and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        for v, (px, py) in p.items():
            out[v] = (px - left + x, py - top + y)
        x, row = x + w, max(row, h)
    return out
