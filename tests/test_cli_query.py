"""The query, queries, export, validate and stats commands: exit status, output formats read back, messages."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.query import Result

from kg import graphio
from kg.cli import cli, main
from kg.export import named_graphs
from kg.query import DEFAULT_PREFIXES, canned_queries, run, short_iri
from kg.vocab import NKG

from .kg_fixtures import BUGTI, MUJAHID, copy_dataset, small_dataset

ROOT = Path(__file__).resolve().parent.parent
MY_COMMANDS = ("query", "queries", "export", "validate", "stats")
HOSTILE = 'x")) || CONTAINS(STR(?statement), ("'  # pasted, it would match every statement


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def kg(capsys, monkeypatch):
    """Run the real entry point in-process, as the `kg` script does: kg("query", "x") -> Run."""

    def invoke(*args: str) -> Run:
        monkeypatch.setattr(sys, "argv", ["kg", *args])
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return invoke


@pytest.fixture(scope="module")
def seeds_ttl(seeds_result, tmp_path_factory):
    return graphio.save(seeds_result.dataset, tmp_path_factory.mktemp("seeds") / "graph.ttl")


@pytest.fixture(scope="module")
def small_ttl(tmp_path_factory):
    return graphio.save(small_dataset(), tmp_path_factory.mktemp("small") / "graph.ttl")


# ---------------------------------------------------------------- kg query

def test_json_output_is_w3c_results_with_every_row(kg, seeds_ttl, seeds_result):
    r = kg("query", "who-said-what", "--graph", str(seeds_ttl), "--format", "json", "--all")
    assert r.code == 0, r.err
    parsed = Result.parse(io.StringIO(r.out), format="json")
    expected = run(graphio.load(seeds_ttl), "who-said-what").rows()
    assert [str(row.statement) for row in parsed] == [row["statement"] for row in expected]
    assert len(expected) == len(set(seeds_result.dataset.subjects(NKG.speaker, None)))


def test_csv_output_reads_back_with_the_parameter_applied(kg, seeds_ttl):
    r = kg("query", "speaker-statements", "--graph", str(seeds_ttl), "--param", "name=Bugti", "-f", "csv")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out, newline="")))
    assert rows and all("Bugti" in row["speaker"] for row in rows)
    assert any("suicide bombings" in row["text"] for row in rows)


def test_tsv_and_nl_outputs_read_back(kg, seeds_ttl):
    args = ("query", "figures-for-measure", "--graph", str(seeds_ttl), "-p", "words=undocumented Afghans")
    tsv = kg(*args, "-f", "tsv")
    values = {float(row.value) for row in Result.parse(io.StringIO(tsv.out), format="tsv")}
    assert {1730000.0, 1700000.0} <= values
    nl = kg(*args, "-f", "jsonl")
    rows = [json.loads(line) for line in nl.out.splitlines()]
    assert {float(row["value"]) for row in rows} == values


def test_the_table_is_for_people(kg, seeds_ttl):
    r = kg("query", "officials-by-government", "--graph", str(seeds_ttl))
    lines = r.out.splitlines()
    assert r.code == 0 and lines[0].split()[:2] == ["government", "official"]
    assert any("Sarfraz Bugti" in line and "Pakistan" in line for line in lines[2:])


def test_construct_prints_turtle_or_n_triples(kg, seeds_ttl):
    r = kg("query", "entity-subgraph", "--graph", str(seeds_ttl), "-p", "name=Bugti")
    g = Graph().parse(data=r.out, format="turtle")
    assert r.code == 0 and (BUGTI, NKG.memberOf, None) in g
    r = kg("query", "entity-subgraph", "--graph", str(seeds_ttl), "-p", "name=Bugti", "-f", "nt")
    assert len(Graph().parse(data=r.out, format="nt")) == len(g)


def test_ask_prints_the_answer_and_sets_the_exit_status(kg, seeds_ttl):
    yes = kg("query", "did-they-say", "--graph", str(seeds_ttl), "-p", "name=Bugti", "-p", "about=suicide bombings")
    no = kg("query", "did-they-say", "--graph", str(seeds_ttl), "-p", "name=Bugti", "-p", "about=zebra crossing")
    assert (yes.code, yes.out) == (0, "true\n")
    assert (no.code, no.out) == (1, "false\n")


def test_adhoc_sparql_and_query_files_run(kg, small_ttl, tmp_path):
    r = kg("query", "SELECT ?l WHERE { ?g a nkg:Government ; rdfs:label ?l } ORDER BY ?l", "--graph", str(small_ttl),
           "-f", "csv")
    assert r.out.split() == ["l", "Afghanistan", "Pakistan"]
    f = tmp_path / "officials.rq"
    f.write_text("SELECT ?o WHERE { ?o a nkg:Official ; nkg:memberOf ?gov }", encoding="utf-8")
    r = kg("query", str(f), "--graph", str(small_ttl), "-p", "gov=<https://w3id.org/newskg/id/government/af>",
           "-f", "jsonl")
    assert [json.loads(line)["o"] for line in r.out.splitlines()] == [str(MUJAHID)]


def test_a_hostile_parameter_is_data_on_the_command_line_too(kg, small_ttl):
    r = kg("query", "speaker-statements", "--graph", str(small_ttl), "-p", f"name={HOSTILE}", "-f", "json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["results"]["bindings"] == []
    r = kg("query", "speaker-statements", "--graph", str(small_ttl), "-p", "name=Bugti", "-f", "json")
    assert len(json.loads(r.out)["results"]["bindings"]) == 1


def test_the_graph_defaults_to_what_kg_build_writes(kg, small_ttl, tmp_path, monkeypatch):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "graph.ttl").write_bytes(small_ttl.read_bytes())
    monkeypatch.chdir(tmp_path)
    r = kg("query", "articles", "-f", "csv")
    assert r.code == 0 and [row["article"] for row in csv.DictReader(io.StringIO(r.out))] == ["a1.txt", "a2.txt"]
    assert "out/graph.ttl" in kg("query", "--help").out


@pytest.mark.parametrize("args, code, message", [
    (("SELECT ?s WHERE {\n ?s ?p \n FILTER( }",), 2, r"syntax error at line \d+, column \d+"),
    (("speaker-statements",), 2, r"missing parameter 'name'"),
    (("speaker-statements", "-p", "nmae=x"), 2, r"no parameter 'nmae'"),
    (("speaker-statements", "-p", "name"), 2, r"'name' is not NAME=VALUE"),
    (("who-said-wat",), 2, r"did you mean 'who-said-what'"),
    (("who-said-what", "-f", "ttl"), 2, r"--format ttl does not apply to a SELECT query"),
    (("who-said-what", "-f", "yaml"), 2, r"Invalid value for '-f' / '--format'"),
    (("evidence", "-p", "node=x> } DROP ALL"), 2, r"not an IRI"),
    (("who-said-what", "--columns", "speaker,nobody"), 2, r"no column 'nobody'; the columns are date, speaker"),
    (("did-they-say", "-p", "name=x", "-p", "about=y", "--limit", "3"), 2, r"--limit and --offset apply to SELECT"),
    (("who-said-what", "--limit", "-1"), 2, r"Invalid value for '--limit'"),
])
def test_mistakes_get_a_message_and_an_exit_status(kg, small_ttl, args, code, message):
    r = kg("query", *args, "--graph", str(small_ttl))
    assert r.code == code
    assert r.out == ""
    assert re.search(message, r.err), r.err


def test_a_missing_graph_file_is_named(kg, tmp_path):
    r = kg("query", "articles", "--graph", str(tmp_path / "none.ttl"))
    assert r.code == 2 and "none.ttl: no such graph file" in r.err


# ---------------------------------------------------------------- kg queries

def test_queries_lists_every_canned_question_with_its_parameters(kg):
    r = kg("queries")
    assert r.code == 0
    for name, q in canned_queries().items():
        assert f"{name} — {q.title}" in r.out
        for p in q.params:
            assert f"--param {p.name}=" in r.out.split(f"{name} — ")[1].split("\n\n")[0]


# ---------------------------------------------------------------- kg export

def test_export_to_trig_keeps_one_graph_per_article(kg, seeds_ttl, tmp_path):
    out = tmp_path / "graph.trig"
    r = kg("export", "--graph", str(seeds_ttl), "--format", "trig", "-o", str(out))
    assert r.code == 0, r.err
    assert len(named_graphs(graphio.load(out))) == 5


def test_export_to_stdout_and_by_extension(kg, small_ttl, tmp_path):
    r = kg("export", "--graph", str(small_ttl), "--format", "nt")
    assert len(Graph().parse(data=r.out, format="nt")) == len(graphio.union_graph(graphio.load(small_ttl)))
    out = tmp_path / "g.nq"
    assert kg("export", "--graph", str(small_ttl), "-o", str(out)).code == 0
    assert len(named_graphs(graphio.load(out))) == 2


def test_export_to_an_unknown_extension_writes_nothing(kg, small_ttl, tmp_path):
    r = kg("export", "--graph", str(small_ttl), "-o", str(tmp_path / "g.docx"))
    assert r.code == 2 and "g.docx" in r.err
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- kg validate and kg stats

def test_validate_passes_the_seed_graph(kg, seeds_ttl):
    r = kg("validate", "--graph", str(seeds_ttl))
    assert r.code == 0, r.out
    assert r.out.strip() == "graph conforms to the shapes"


def test_validate_fails_a_broken_graph_and_says_where(kg, tmp_path):
    ds = copy_dataset(small_dataset())
    statement = next(ds.subjects(NKG.speaker, BUGTI))
    for g in ds.graphs():
        g.remove((statement, NKG.text, None))
    path = graphio.save(ds, tmp_path / "broken.trig")
    r = kg("validate", "--graph", str(path))
    assert r.code == 1
    short = short_iri(str(statement), DEFAULT_PREFIXES)
    assert f"Violation: {short}  nkg:text  Less than 1 values" in r.out
    by_pyshacl = kg("validate", "--graph", str(path), "--engine", "pyshacl")
    assert by_pyshacl.code == 1 and by_pyshacl.out == r.out


def test_validate_reads_a_store_too(kg, tmp_path):
    from kg.export import named_graphs
    from kg.store import OxigraphStore

    ds = copy_dataset(small_dataset())
    statement = next(ds.subjects(NKG.speaker, BUGTI))
    for g in ds.graphs():
        g.remove((statement, NKG.text, None))
    with OxigraphStore(tmp_path / "db", create=True) as store:
        for name in named_graphs(ds):
            store.replace_graph(name, ds.graph(name))
    r = kg("validate", "--store", f"oxigraph:{tmp_path / 'db'}")
    assert r.code == 1
    assert r.out == kg("validate", "--graph", str(graphio.save(ds, tmp_path / "broken.trig"))).out


def test_stats_as_json_and_text(kg, seeds_ttl):
    r = kg("stats", "--graph", str(seeds_ttl), "--json", "--top", "3")
    doc = json.loads(r.out)
    assert r.code == 0 and doc["classes"]["Article"] == 5 and len(doc["hubs"]) == 3
    text = kg("stats", "--graph", str(seeds_ttl)).out
    assert "nodes per class:" in text and "000_0d08b72ce4582031.txt" in text


# ---------------------------------------------------------------- help and docs

@pytest.mark.parametrize("command", MY_COMMANDS)
def test_every_command_has_help_with_an_example_and_docs(kg, command):
    r = kg(command, "--help")
    assert r.code == 0 and "Example:" in r.out and f"kg {command}" in r.out
    assert cli.commands[command].help.split("\n")[0].strip()
    docs = "".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
    assert re.search(rf"\bkg {command}\b", docs), f"'kg {command}' is not documented in README.md or docs/"


def test_the_installed_script_runs(seeds_ttl):
    script = Path(sys.executable).parent / "kg"
    if not script.exists():
        pytest.fail(f"{script} is missing; install the package (pip install -e .)")
    done = subprocess.run([str(script), "query", "articles", "--graph", str(seeds_ttl), "-f", "json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["results"]["bindings"]) == 5


def test_xml_output_is_w3c_results_that_read_back(kg, seeds_ttl):
    r = kg("query", "figures-for-measure", "--graph", str(seeds_ttl), "-p", "words=undocumented Afghans", "-f", "xml")
    assert r.code == 0, r.err
    parsed = list(Result.parse(io.StringIO(r.out), format="xml"))
    expected = run(graphio.load(seeds_ttl), "figures-for-measure", {"words": "undocumented Afghans"}).rows()
    assert [(str(row.figure), row.approximate.toPython()) for row in parsed] == \
           [(row["figure"], row["approximate"]) for row in expected]
    ask = kg("query", "did-they-say", "--graph", str(seeds_ttl), "-p", "name=Bugti", "-p", "about=zebra", "-f", "xml")
    assert ask.code == 1 and Result.parse(io.StringIO(ask.out), format="xml").askAnswer is False


def test_columns_and_limit_apply_to_every_row_format(kg, seeds_ttl):
    args = ("query", "who-said-what", "--graph", str(seeds_ttl), "--columns", "speaker,statement", "--limit", "3")
    rows = list(csv.DictReader(io.StringIO(kg(*args, "-f", "csv").out, newline="")))
    assert len(rows) == 3 and list(rows[0]) == ["speaker", "statement"]
    table = kg(*args).out.splitlines()
    total = len(run(graphio.load(seeds_ttl), "who-said-what"))
    assert table[0].split() == ["speaker", "statement"] and table[-1] == f"first 3 of {total} rows"
    assert [json.loads(line)["statement"] for line in kg(*args, "-f", "jsonl").out.splitlines()] == \
           [row["statement"] for row in rows]


# ---------------------------------------------------------------- pages

def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))[1:]


@pytest.fixture(scope="module", params=["graph", "store"])
def source(request, seeds_ttl):
    if request.param == "graph":
        return ["--graph", str(seeds_ttl)]
    return ["--store", f"oxigraph:{request.getfixturevalue('seeds_oxigraph')}"]


@pytest.mark.parametrize("name", sorted(n for n, q in canned_queries().items() if q.kind == "SELECT"))
def test_every_listing_pages_by_default_and_its_pages_make_the_whole(kg, source, name):
    q = canned_queries()[name]
    params = [a for p in q.params for a in ("-p", f"{p.name}={p.example}")]
    every = _csv_rows(kg("query", name, *source, *params, "-f", "csv", "--all").out)
    first = _csv_rows(kg("query", name, *source, *params, "-f", "csv").out)
    assert first == every[:50]
    pages = []
    for offset in range(0, len(every) + 7, 7):
        r = kg("query", name, *source, *params, "-f", "csv", "--limit", "7", "--offset", str(offset))
        assert r.code == 0, r.err
        pages += _csv_rows(r.out)
    assert pages == every


def test_the_table_names_the_page_it_shows(kg, seeds_ttl):
    total = len(_csv_rows(kg("query", "who-said-what", "--graph", str(seeds_ttl), "-f", "csv", "--all").out))
    assert total > 60
    first = kg("query", "who-said-what", "--graph", str(seeds_ttl), "--columns", "speaker").out.splitlines()
    assert first[-1] == f"first 50 of {total} rows" and len(first) == 50 + 3
    later = kg("query", "who-said-what", "--graph", str(seeds_ttl), "--columns", "speaker", "--offset", "50")
    assert later.out.splitlines()[-1] == f"rows 51–{total} of {total}"


def test_limit_and_all_together_are_refused(kg, seeds_ttl):
    r = kg("query", "articles", "--graph", str(seeds_ttl), "--limit", "3", "--all")
    assert r.code == 2 and "--limit N or --all" in r.err and r.out == ""
