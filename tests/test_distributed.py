"""kg.distributed: extraction on a real Dask LocalCluster gives the graph a local build gives."""
from __future__ import annotations

import pytest

from kg.build import build_dataset
from kg.errors import KGError
from kg.distributed import connect

from .conftest import SEEDS
from .test_store import assert_same

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as c:
        yield c


def test_a_two_worker_cluster_builds_the_local_graph(cluster, seeds_result):
    seen = []
    result = build_dataset([SEEDS], scheduler=cluster.scheduler_address,
                           progress=lambda n, total, name: seen.append(n))
    assert_same(result.dataset, seeds_result.dataset)
    assert sorted(seen) == [1, 2, 3, 4, 5]


def test_each_worker_loads_the_model_once(cluster):
    from kg.ingest import parse_article
    from kg.distributed import extract_distributed

    articles = [parse_article(f"Minister Ali Khan{i} said {i + 3} schools had closed.", identifier=f"w{i}.txt")
                for i in range(12)]
    records = extract_distributed(articles, cluster.scheduler_address)
    assert [r.article.identifier for r in records] == [a.identifier for a in articles]
    with distributed.Client(cluster.scheduler_address) as client:
        loaded = client.run(lambda: len(__import__("kg.distributed").distributed._models))
    assert set(loaded.values()) <= {0, 1} and sum(loaded.values()) >= 1


def test_an_unreachable_scheduler_is_named():
    with pytest.raises(KGError, match="127.0.0.1:9"):
        connect("tcp://127.0.0.1:9")
