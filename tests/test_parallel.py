"""kg.parallel: extraction in worker processes gives the same graph as in one process."""
from __future__ import annotations

import pytest

from kg.build import build_dataset
from kg.errors import KGError, ModelError
from kg.ingest import parse_article
from kg.parallel import check_jobs, extract_parallel
from kg.pipeline import extract

from .conftest import SEEDS


def quads(ds):
    return {(s, p, o, g.identifier if hasattr(g, "identifier") else g) for s, p, o, g in ds.quads((None, None, None, None))}


def test_two_jobs_build_the_same_graph_as_one(seeds_result, monkeypatch):
    """…with the workers started before the articles are read, so that spaCy loads in them meanwhile."""
    import kg.build
    import kg.parallel

    order = []
    started, read = kg.parallel.Workers.__init__, kg.build.read_inputs
    monkeypatch.setattr(kg.parallel.Workers, "__init__",
                        lambda self, *a, **k: (order.append("workers"), started(self, *a, **k))[1])
    monkeypatch.setattr(kg.build, "read_inputs", lambda *a, **k: (order.append("read"), read(*a, **k))[1])
    parallel = build_dataset([SEEDS], jobs=2)
    assert order == ["workers", "read"]
    assert len(seeds_result.articles) == 5
    only_one, only_two = quads(seeds_result.dataset) - quads(parallel.dataset), \
        quads(parallel.dataset) - quads(seeds_result.dataset)
    assert not only_one and not only_two, (sorted(only_one)[:5], sorted(only_two)[:5])


def test_a_store_build_in_two_jobs_writes_the_graph_of_one(seeds_result, tmp_path, monkeypatch):
    """…its workers, too, started before the articles are read, and ended before entities are resolved."""
    import kg.build
    import kg.parallel
    from kg.incremental import update_store
    from kg.store import OxigraphStore

    order = []
    started, closed, read = kg.parallel.Workers.__init__, kg.parallel.Workers.close, kg.build.read_inputs
    monkeypatch.setattr(kg.parallel.Workers, "__init__",
                        lambda self, *a, **k: (order.append("workers"), started(self, *a, **k))[1])
    monkeypatch.setattr(kg.parallel.Workers, "close", lambda self: (order.append("closed"), closed(self))[1])
    monkeypatch.setattr(kg.build, "read_inputs", lambda *a, **k: (order.append("read"), read(*a, **k))[1])
    with OxigraphStore(tmp_path / "db", create=True) as store:
        update_store(store, [SEEDS], jobs=2, stage=lambda name, total=None: order.append(name))
        assert quads(store.dataset()) == quads(seeds_result.dataset)
    assert order[:2] == ["workers", "read"] and "extracting in 2 processes" in order
    assert order.index("extracting in 2 processes") < order.index("closed") < order.index("resolving entities")


def test_a_one_process_build_with_a_worker_builds_the_same_graph(seeds_result, monkeypatch):
    """`worker`: one extraction process beside the one that makes the graphs (what `kg build` does)."""
    import kg.build

    monkeypatch.setattr(kg.build, "WORKER_FROM", 2)
    stages = []
    apart = build_dataset([SEEDS], worker=True, stage=lambda name, total=None: stages.append(name))
    assert "extracting in a worker process" in stages
    assert quads(apart.dataset) == quads(seeds_result.dataset)


def test_small_builds_and_callers_pipelines_stay_in_this_process(nlp):
    from kg.build import WORKER_FROM, extracts_elsewhere

    many, few = WORKER_FROM, WORKER_FROM - 1
    assert extracts_elsewhere(many, worker=True)
    assert not extracts_elsewhere(few, worker=True)
    assert not extracts_elsewhere(many, worker=True, nlp=nlp)
    assert not extracts_elsewhere(many)  # a script calling the library needs no main-module guard
    assert extracts_elsewhere(few, jobs=2) and extracts_elsewhere(few, scheduler="tcp://127.0.0.1:1")


def test_workers_are_started_ahead_only_for_a_build_that_will_extract_in_them(tmp_path):
    from kg.build import WORKER_FROM, workers_ahead

    few = tmp_path / "few"
    few.mkdir()
    for n in range(WORKER_FROM - 1):
        (few / f"a{n}.txt").write_text("Officials said the port would reopen.", encoding="utf-8")
    with workers_ahead([few], worker=True) as workers:  # too few articles to be worth a process
        assert workers is None
    with workers_ahead([few], jobs=2, scheduler="tcp://127.0.0.1:1") as workers:  # a cluster extracts
        assert workers is None
    (tmp_path / "empty").mkdir()
    with workers_ahead([tmp_path / "empty", tmp_path / "missing.txt"], jobs=2) as workers:  # nothing to read
        assert workers is None
    (few / "last.txt").write_text("Officials said the port would reopen.", encoding="utf-8")
    with workers_ahead([few], worker=True, cached=WORKER_FROM) as workers:  # a rebuild may extract nothing
        assert workers is None


def test_workers_started_for_files_that_cannot_be_read_are_ended_unused(tmp_path):
    for n in range(3):
        (tmp_path / f"b{n}.txt").write_bytes(b"\x00\x01\x02" * 50)
    result = build_dataset([tmp_path], jobs=2)
    assert not result.articles and len(result.problems) == 3


def test_records_come_back_in_input_order_with_progress(nlp):
    texts = [f"Minister Ahmed Khan{i} said the talks in Islamabad would resume on Monday. "
             f"Officials said {i + 2} million people had left." for i in range(7)]
    articles = [parse_article(t, identifier=f"p{i}.txt") for i, t in enumerate(texts)]
    seen = []
    records = extract_parallel(articles, 2, progress=lambda n, total, name: seen.append((n, total, name)))
    assert [r.article.identifier for r in records] == [a.identifier for a in articles]
    assert [n for n, _, _ in seen] == list(range(1, 8)) and {t for _, t, _ in seen} == {7}
    local = list(extract(nlp, articles))
    assert [r.figures for r in records] == [r.figures for r in local]
    assert [sorted(r.entities) for r in records] == [sorted(r.entities) for r in local]


def test_a_missing_model_fails_with_its_name_instead_of_hanging():
    articles = [parse_article("The minister said the border would stay open.", identifier="m.txt")]
    with pytest.raises(ModelError, match="no_such_pipeline"):
        extract_parallel(articles, 2, model="no_such_pipeline")


@pytest.mark.parametrize("jobs", [-1, -8])
def test_negative_jobs_are_refused(jobs):
    with pytest.raises(KGError, match=f"--jobs {jobs}"):
        check_jobs(jobs)


def test_zero_jobs_means_one_per_cpu():
    assert check_jobs(0) >= 1


def test_the_build_command_takes_jobs(tmp_path, seeds_result):
    from click.testing import CliRunner

    from kg.api import KnowledgeGraph
    from kg.cli import cli

    out = tmp_path / "graph.trig"
    res = CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(out), "--jobs", "2", "-q"])
    assert res.exit_code == 0, res.output
    assert quads(KnowledgeGraph.load(out).dataset) == quads(seeds_result.dataset)
