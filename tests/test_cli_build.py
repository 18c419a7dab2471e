"""`kg build` from the command line: output, summary, bad input and exit statuses."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF

from kg.graphio import load, union_graph
from kg.vocab import NKG

KG = [sys.executable, "-m", "kg"]
GOOD = "Interior Minister Lars Holm said that the ferry service would resume on Monday.\n"


def kg(*args, cwd=None):
    return subprocess.run([*KG, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)


def articles(tmp_path, **files) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, content in files.items():
        p = folder / name.replace("_", ".", 1) if "_" in name else folder / name
        p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


def test_build_writes_the_graph_and_a_summary(tmp_path):
    folder = articles(tmp_path, a_txt=GOOD)
    out = tmp_path / "g.ttl"
    r = kg("build", folder, "-o", out)
    assert r.returncode == 0, r.stderr
    assert "1 article" in r.stdout and str(out) in r.stdout
    g = union_graph(load(out))
    assert list(g.subjects(RDF.type, NKG.Statement))


def test_bad_files_are_named_the_rest_is_built_and_the_exit_status_is_1(tmp_path):
    folder = articles(tmp_path, good_txt=GOOD, empty_txt="", binary_txt=b"\x00\x01\x02" * 100)
    out = tmp_path / "g.ttl"
    r = kg("build", folder, "-o", out)
    assert r.returncode == 1
    assert "empty.txt" in r.stderr and "binary.txt" in r.stderr
    assert len(list(union_graph(load(out)).subjects(RDF.type, NKG.Article))) == 1


def test_a_failed_build_leaves_the_previous_output_untouched(tmp_path):
    folder = articles(tmp_path, empty_txt="")
    out = tmp_path / "g.ttl"
    out.write_text("previous graph")
    r = kg("build", folder, "-o", out)
    assert r.returncode == 2 and "nothing was written" in r.stderr
    assert out.read_text() == "previous graph"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".g.ttl")] == []


@pytest.mark.parametrize("args", [["build", "no/such/folder"], ["build", "--no-such-flag"], ["no-such-command"]])
def test_usage_errors_exit_2(tmp_path, args):
    assert kg(*args, cwd=tmp_path).returncode == 2


def test_unknown_output_extension_is_refused_before_any_work(tmp_path):
    folder = articles(tmp_path, a_txt=GOOD)
    r = kg("build", folder, "-o", tmp_path / "g.xyz")
    assert r.returncode == 2 and "g.xyz" in r.stderr and not (tmp_path / "g.xyz").exists()


@pytest.mark.parametrize("model, hint", [
    ("xx_no_such_pipeline", "spaCy pipeline xx_no_such_pipeline is not installed; install it with: "
                            "python -m spacy download xx_no_such_pipeline"),
    ("lg", "spaCy pipeline en_core_web_lg (--model lg) is not installed; install it with: "
           "python -m spacy download en_core_web_lg"),
])
def test_a_missing_model_says_how_to_install_that_one(tmp_path, model, hint):
    folder = articles(tmp_path, a_txt=GOOD)
    r = kg("build", folder, "-o", tmp_path / "g.ttl", "--model", model)
    assert r.returncode == 2 and r.stderr == f"Error: {hint}\n"
    assert not (tmp_path / "g.ttl").exists()


def test_help_has_an_example():
    r = kg("build", "--help")
    assert r.returncode == 0 and "Example:" in r.stdout


def test_header_notes_name_the_file_and_unknown_keys_reach_the_graph(tmp_path):
    folder = articles(tmp_path, a_txt="date: someday\nauthor: Mara Lind\ntitle: Ferry\n\n" + GOOD)
    out = tmp_path / "g.ttl"
    r = kg("build", folder, "-o", out)
    assert r.returncode == 0, r.stderr
    assert f"note: {folder / 'a.txt'}: date 'someday' cannot be read as a day" in r.stderr
    assert f"note: {folder / 'a.txt'}: header key author kept as article metadata (nkg:header)" in r.stderr
    g = union_graph(load(out))
    assert [str(v) for v in g.objects(None, NKG.header)] == ["author: Mara Lind"]
    assert not list(g.objects(None, NKG.date))


def test_the_readers_use_what_the_last_build_here_wrote_and_say_so(tmp_path):
    folder = articles(tmp_path, a_txt=GOOD)
    assert kg("build", folder, "-o", "elsewhere/corpus.trig", cwd=tmp_path).returncode == 0
    r = kg("query", "articles", "-f", "csv", cwd=tmp_path)
    assert r.returncode == 0 and "a.txt" in r.stdout
    assert r.stderr == "reading elsewhere/corpus.trig (what the last 'kg build' here wrote)\n"
    (tmp_path / "other").mkdir()  # another folder has its own last build: none yet
    r = kg("query", "articles", cwd=tmp_path / "other")
    assert r.returncode == 2 and "out/graph.ttl: no such graph file" in r.stderr


def test_the_graph_can_come_from_the_environment(tmp_path):
    folder = articles(tmp_path, a_txt=GOOD)
    assert kg("build", folder, "-o", tmp_path / "g.nt", "-q").returncode == 0
    env = dict(os.environ, NEWSKG_GRAPH=str(tmp_path / "g.nt"))
    r = subprocess.run([*KG, "stats", "--json"], capture_output=True, text=True, cwd=folder, env=env, timeout=300)
    assert r.returncode == 0 and json.loads(r.stdout)["classes"]["Article"] == 1
    assert r.stderr == f"reading {tmp_path / 'g.nt'} (from $NEWSKG_GRAPH)\n"
