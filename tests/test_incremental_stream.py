"""kg.incremental streams: a build never reads the whole store, and says how far it got while writing."""
from __future__ import annotations

import pytest

from kg.build import build_dataset
from kg.incremental import records_folder, update_store
from kg.store import OxigraphStore, SparqlStore

from .test_store import assert_same

TEXTS = {
    "p1.txt": "title: Port strike\ndate: 2025-02-03\n\n"
              "Transport Minister Ilse Brandvold said the port of Bergen would reopen on Friday. "
              "She said 3,400 containers were waiting.",
    "p2.txt": "title: Strike talks\ndate: 2025-02-06\n\n"
              "Ilse Brandvold told reporters that talks with the dockers' union had resumed.",
}


def write(folder, files):
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


class NoWholeReads(OxigraphStore):
    """A real Oxigraph store that fails the test if a build reads every quad at once."""

    def quads(self):
        raise AssertionError("the build read the whole store")

    def articles(self, names=None):
        if names is None:
            raise AssertionError("the build read every stored text")
        return super().articles(names)


def test_a_build_reads_the_store_graph_by_graph_never_whole(tmp_path, nlp):
    folder = write(tmp_path / "in", TEXTS)
    with NoWholeReads(tmp_path / "db") as store:
        update_store(store, [folder], nlp=nlp)
        (folder / "p3.txt").write_text("title: Deal\ndate: 2025-02-09\n\nIlse Brandvold said a deal was signed.",
                                       encoding="utf-8")
        again = update_store(store, [folder], nlp=nlp)  # stored articles take part without a whole read
        assert len(again.added) == 1 and len(again.unchanged) == 2
    with OxigraphStore(tmp_path / "db") as plain:
        assert_same(plain.dataset(), build_dataset([folder], nlp=nlp).dataset)


def test_stored_articles_without_records_are_read_back_and_extracted(tmp_path, nlp):
    folder = write(tmp_path / "in", TEXTS)
    with OxigraphStore(tmp_path / "db") as store:
        update_store(store, [folder], nlp=nlp)  # no cache: records lived in a scratch folder
        extra = write(tmp_path / "more", {"p3.txt": "title: Deal\ndate: 2025-02-09\n\n"
                                                    "Transport Minister Ilse Brandvold said a deal was signed."})
        result = update_store(store, [extra], nlp=nlp)
        assert len(result.added) == 1 and len(result.unchanged) == 2
        both = write(tmp_path / "both", {**TEXTS, "p3.txt": (extra / "p3.txt").read_text()})
        assert_same(store.dataset(), build_dataset([both], nlp=nlp).dataset)


def test_write_progress_counts_every_article_graph(tmp_path, nlp):
    folder = write(tmp_path / "in", TEXTS)
    seen = []
    with OxigraphStore(tmp_path / "db") as store:
        update_store(store, [folder], nlp=nlp, write_progress=lambda done, total, name: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]


def test_an_endpoint_keeps_its_records_in_the_user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    one = records_folder(SparqlStore("http://127.0.0.1:1/a/query"))
    two = records_folder(SparqlStore("http://127.0.0.1:1/b/query"))
    assert one.parent == tmp_path / "cache" / "newskg" / "records" and one != two
    with OxigraphStore(tmp_path / "db") as store:
        assert records_folder(store) == tmp_path / "db.records"


@pytest.mark.parametrize("extra", [[], ["-q"]])
def test_cli_records_option_keeps_records_where_asked(tmp_path, extra):
    from click.testing import CliRunner

    from kg.cli import cli

    folder = write(tmp_path / "in", TEXTS)
    runner = CliRunner()
    done = runner.invoke(cli, ["build", str(folder), "--store", f"oxigraph:{tmp_path / 'db'}",
                               "--records", str(tmp_path / "recs"), *extra])
    assert done.exit_code == 0, done.output
    assert len(list((tmp_path / "recs").glob("*.pickle"))) == 2
    assert not (tmp_path / "db.records").exists()
    refused = runner.invoke(cli, ["build", str(folder), "-o", str(tmp_path / "g.ttl"), "--records", str(tmp_path)])
    assert refused.exit_code == 2 and "--records" in refused.output
