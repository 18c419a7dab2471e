"""Stores: only kg build makes one; a mistyped name is an error, never an empty answer or a new store."""
from __future__ import annotations

import pytest

from kg.store import STORE_MARKER, OxigraphStore, SparqlStore, open_store
from kg.errors import NotAStore

from ..oxigraph_server import OxigraphServer
from .helpers import GOOD, kg, write


def test_export_from_a_mistyped_store_keeps_the_backup(tmp_path):
    backup = tmp_path / "backup.nq"
    backup.write_text("<urn:a> <urn:b> <urn:c> .\n")
    r = kg("export", "--store", f"oxigraph:{tmp_path / 'TYPO'}", "-o", backup)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "TYPO: no such folder" in r.stderr
    assert backup.read_text() == "<urn:a> <urn:b> <urn:c> .\n"
    assert not (tmp_path / "TYPO").exists()


def test_a_query_on_a_missing_store_is_an_error_not_an_empty_table(tmp_path):
    r = kg("query", "articles", "--store", f"oxigraph:{tmp_path / 'MISSING'}")
    assert r.returncode == 2 and r.stdout == "" and "MISSING: no such folder" in r.stderr
    assert not (tmp_path / "MISSING").exists()


@pytest.mark.parametrize("command", ["stats", "query articles", "export", "viz"])
def test_no_command_but_build_writes_into_a_folder_that_is_not_a_store(tmp_path, command):
    folder = write(tmp_path / "articles", {"a.txt": GOOD})
    before = sorted(p.name for p in folder.iterdir())
    r = kg(*command.split(), "--store", f"oxigraph:{folder}", cwd=tmp_path)
    assert r.returncode == 2 and "not a newskg store" in r.stderr
    assert sorted(p.name for p in folder.iterdir()) == before


def test_build_refuses_a_folder_of_other_files_and_starts_a_store_in_a_new_one(tmp_path):
    folder = write(tmp_path / "articles", {"a.txt": GOOD})
    r = kg("build", folder, "--store", f"oxigraph:{folder}", "-q")
    assert r.returncode == 2 and "holds other files and no store" in r.stderr
    assert [p.name for p in folder.iterdir()] == ["a.txt"]
    assert kg("build", folder, "--store", f"oxigraph:{tmp_path / 'db'}", "-q").returncode == 0
    assert (tmp_path / "db" / STORE_MARKER).is_file()
    r = kg("query", "articles", "--store", f"oxigraph:{tmp_path / 'db'}", "-f", "csv")
    assert r.returncode == 0 and "a.txt" in r.stdout


def test_a_store_an_older_newskg_wrote_is_adopted_by_a_build(tmp_path):
    store = OxigraphStore(tmp_path / "db", create=True)
    store.close()
    (tmp_path / "db" / STORE_MARKER).unlink()  # as an older newskg left it
    with pytest.raises(NotAStore, match="not a newskg store"):
        open_store(f"oxigraph:{tmp_path / 'db'}")
    open_store(f"oxigraph:{tmp_path / 'db'}", create=True).close()
    open_store(f"oxigraph:{tmp_path / 'db'}").close()


def test_an_endpoint_without_newskg_articles_is_refused(tmp_path):
    server = OxigraphServer(tmp_path / "server").start()
    try:
        r = kg("query", "articles", "--store", server.spec)
        assert r.returncode == 2 and "holds no newskg article graph" in r.stderr and r.stdout == ""
        with pytest.raises(NotAStore):
            open_store(server.spec)
        assert isinstance(open_store(server.spec, create=True), SparqlStore)  # a build may fill it
    finally:
        server.stop()
