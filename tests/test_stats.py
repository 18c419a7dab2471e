"""kg.stats: counts per class, the articles and their yield, the most connected entities."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.export import named_graphs
from kg.graphio import union_graph
from kg.query import run
from kg.stats import network, stats, store_stats
from kg.store import OxigraphStore
from kg.vocab import ID, NKG

from .conftest import SEEDS
from .kg_fixtures import BUGTI, PAKISTAN, small_dataset


@pytest.fixture(scope="module")
def small():
    return small_dataset()


def test_counts_per_class_match_the_hand_written_graph(small):
    s = stats(small)
    mentions = len(set(union_graph(small).objects(None, NKG.mention)))
    assert s.classes == {"Article": 2, "Government": 2, "Official": 3, "Person": 0, "Organization": 0,
                         "Statement": 4, "Policy": 1, "Figure": 3, "Mention": mentions}
    assert s.triples == len(union_graph(small))


def test_each_article_with_what_was_read_from_it(small):
    rows = {a.identifier: a for a in stats(small).articles}
    assert list(rows) == ["a1.txt", "a2.txt"]  # in date order
    a1, a2 = rows["a1.txt"], rows["a2.txt"]
    assert (a1.date, a1.statements, a1.policies, a1.figures, a1.entities) == ("2023-10-04", 2, 1, 1, 4)
    assert (a2.date, a2.statements, a2.policies, a2.figures, a2.entities) == ("2023-11-01", 2, 0, 2, 3)


def test_spans_become_links_between_a_node_and_its_article(small):
    net = network(small)
    assert net.has_edge(BUGTI, ID["article/a1"]) and not net.has_edge(BUGTI, ID["article/a2"])
    assert not any(str(n).startswith(str(ID["mention/"])) for n in net)


def test_the_most_connected_entity_comes_first_with_its_degree(small):
    """Pakistan: both articles, two figures it reported, the policy it issued, two officials = 7."""
    hubs = stats(small, top=2).hubs
    assert len(hubs) == 2
    assert (hubs[0].node, hubs[0].label, hubs[0].kind, hubs[0].degree) == ("government:pk", "Pakistan",
                                                                          "Government", 7)
    assert hubs[0].degree >= hubs[1].degree


def test_stats_are_plain_data_for_json(small):
    doc = json.loads(json.dumps(stats(small).as_dict()))
    assert doc["classes"]["Statement"] == 4 and doc["hubs"][0]["node"] == "government:pk"
    assert "Pakistan" in stats(small).text()


def test_seed_stats_agree_with_the_articles_query(seeds_result):
    ds = seeds_result.dataset
    s = stats(ds)
    assert {a.identifier for a in s.articles} == {p.name for p in SEEDS.glob("*.txt")}
    by_query = {r["article"]: r for r in run(ds, "articles").rows()}
    for a in s.articles:
        q = by_query[a.identifier]
        assert (a.statements, a.policies, a.figures) == (q["statements"], q["policies"], q["figures"])
    assert s.classes["Article"] == 5 and s.classes["Statement"] == sum(a.statements for a in s.articles)


def test_pakistan_is_among_the_most_connected_in_the_seeds(seeds_result):
    """Every seed article is about Pakistan's expulsions: its government must be a hub."""
    hubs = stats(seeds_result.dataset, top=3).hubs
    assert "government:pk" in {h.node for h in hubs}


@pytest.mark.parametrize("top", [0, 3, 1000])
def test_a_store_counts_what_the_memory_graph_counts(seeds_store, seeds_result, top, no_whole_reads):
    assert store_stats(seeds_store, top=top).as_dict() == stats(seeds_result.dataset, top=top).as_dict()


def test_a_store_counts_the_hand_written_graph_like_memory(tmp_path):
    small = small_dataset()
    with OxigraphStore(tmp_path / "db", create=True) as store:
        for name in named_graphs(small):
            store.replace_graph(name, small.graph(name))
        assert store_stats(store, top=100).as_dict() == stats(small, top=100).as_dict()


def test_the_stats_command_reads_a_store(seeds_spec, seeds_result, no_whole_reads):
    res = CliRunner().invoke(cli, ["stats", "--store", seeds_spec, "--json", "--top", "5"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output) == json.loads(json.dumps(stats(seeds_result.dataset, top=5).as_dict()))
