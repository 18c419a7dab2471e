"""kg.viz.layout: positions computed once, the same every time, clustered, with room between nodes."""
from __future__ import annotations

import itertools
import math
from functools import cache

import networkx as nx

from kg.viz.corpus import read_corpus
from kg.viz.layout import SPACING, layout
from kg.viz.storymap import story_map

from .synthetic import synthetic_corpus


@cache
def clustered_map() -> nx.MultiDiGraph:
    """A few hundred entities in ten governments' clusters, quoted mostly about their own cluster."""
    return story_map(read_corpus(synthetic_corpus(500, 1500, per_article=15)))


def test_every_node_gets_a_position_and_the_same_one_each_time():
    G = clustered_map()
    first, second = layout(G), layout(G)
    assert set(first) == set(G)
    assert first == second


def test_nodes_keep_their_distance():
    pos = layout(clustered_map())
    near = sorted(min(math.dist(p, q) for other, q in pos.items() if other != node) for node, p in pos.items())
    assert near[len(near) // 10] >= 0.9 * SPACING  # nearly every node has room around it
    assert near[0] > 0.1 * SPACING  # and none sits on another


def test_communities_sit_together():
    """A node is nearer the others of its government's cluster than the rest: the map reads as clusters."""
    G = clustered_map()
    pos = layout(G)
    cluster = {}
    for n, d in G.nodes(data=True):
        if d["cls"].fragment == "Government":
            cluster[n] = n
    for a, b, d in G.edges(data=True):
        if d["kind"] in ("memberOf", "issuedBy"):
            cluster[a] = b
    members = [n for n in cluster if cluster[n] != n]
    inside, across = [], []
    for a, b in itertools.islice(itertools.combinations(members, 2), 0, None, 7):
        (inside if cluster[a] == cluster[b] else across).append(math.dist(pos[a], pos[b]))
    assert sum(inside) / len(inside) < 0.75 * sum(across) / len(across)


def test_components_do_not_overlap():
    G = nx.MultiDiGraph()
    for part in range(4):
        for i in range(1, 6 + part):
            G.add_edge(f"p{part}/n{i}", f"p{part}/n0", kind="memberOf", statements=[])
    G.add_node("alone")
    pos = layout(G)
    boxes = []
    for component in nx.connected_components(G.to_undirected()):
        xs, ys = [pos[n][0] for n in component], [pos[n][1] for n in component]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    for a, b in itertools.combinations(boxes, 2):
        assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], (a, b)
