"""The table for people (kg.table): fits the width, wraps instead of cutting, counts rows, IRIs that paste."""
from __future__ import annotations

import unicodedata

import pytest
from rdflib import Literal
from rdflib.plugins.sparql import prepareQuery

from kg.query import DEFAULT_PREFIXES, run, short_iri
from kg.table import SHORT_VALUE
from kg.vocab import ID, NKG

from .kg_fixtures import BUGTI, copy_dataset, small_dataset

WHO = "SELECT ?who ?name ?text WHERE { ?s nkg:speaker ?who ; nkg:text ?text . ?who rdfs:label ?name } ORDER BY ?text"


@pytest.fixture(scope="module")
def ds():
    return small_dataset()


def cells(text: str) -> int:
    """Terminal cells a line takes: two for wide (CJK) characters, none for combining marks."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_the_table_has_a_header_every_row_and_a_count(ds):
    lines = run(ds, WHO).text(width=120).splitlines()
    assert lines[0].split() == ["name", "text"]
    assert set(lines[1]) == {"─"}
    assert any("Sarfraz Bugti" in line and "Afghan citizens carried out" in line for line in lines)
    assert lines[-1].startswith("4 rows; not shown: who")


def test_iri_columns_are_shown_when_asked_in_a_form_that_pastes_into_sparql(ds):
    res = run(ds, WHO)
    shown = res.text(width=200, show_iris=True).splitlines()
    assert shown[0].split() == ["who", "name", "text"] and shown[-1] == "4 rows"
    printed = {line.split()[0] for line in shown[2:-1]}
    assert short_iri(str(BUGTI), DEFAULT_PREFIXES) in printed
    for value in printed:  # each one, pasted into a query, means the node it came from
        pasted = prepareQuery(f"SELECT ?name WHERE {{ {value} rdfs:label ?name }}", initNs=DEFAULT_PREFIXES)
        assert [str(r.name) for r in ds.query(pasted)] in (["Sarfraz Bugti"], ["Zabihullah Mujahid"],
                                                             ["senior government official (Pakistan)"],
                                                             ["Afghanistan"])


@pytest.mark.parametrize("iri", [ID["mention/a1/12-30"], ID["agent/ends-with-a-dot."], "https://example.org/a b"])
def test_an_iri_no_prefix_can_hold_is_written_whole(iri):
    shown = short_iri(str(iri), DEFAULT_PREFIXES)
    assert shown == f"<{iri}>"


def test_numbers_are_grouped_and_aligned_right(ds):
    text = run(ds, "SELECT ?v ?m WHERE { ?f nkg:value ?v ; nkg:measure ?m } ORDER BY DESC(?v)").text(width=80)
    rows = text.splitlines()[2:5]
    assert [r.split()[0] for r in rows] == ["4,000,000", "1,730,000", "1,700,000"]
    assert len({r.index(r.split()[0]) + len(r.split()[0]) for r in rows}) == 1  # right edges line up


@pytest.mark.parametrize("width", [40, 60, 100])
def test_the_table_fits_the_width_and_wraps_wide_and_combining_characters_whole(ds, width):
    g = copy_dataset(ds)
    long = "东京都 官员 表示 " * 6 + "Zu\u0308rich cafe\u0301 " * 6 + "end-of-value"
    g.graph(ID["article/a1"]).set((BUGTI, NKG.title, Literal(long)))
    text = run(g, "SELECT ?name ?title WHERE { ?o nkg:title ?title ; rdfs:label ?name } ORDER BY ?name").text(
        width=width, full=True)
    assert all(cells(line) <= width for line in text.splitlines())
    assert "".join(text.split()).count("".join(long.split())) == 1  # wrapped, nothing cut


def test_long_values_are_shortened_unless_full(ds):
    g = copy_dataset(ds)
    long = " ".join(f"word{i}" for i in range(100))
    g.graph(ID["article/a1"]).set((BUGTI, NKG.title, Literal(long)))
    query = "SELECT ?title WHERE { ?o nkg:title ?title FILTER(STRSTARTS(?title, 'word')) }"
    short = run(g, query).text(width=100)
    assert "word99" not in short and "…" in short and "--full shows them whole" in short
    assert len("".join(short.splitlines()[2:-1]).replace(" ", "")) <= SHORT_VALUE
    assert "word99" in run(g, query).text(width=100, full=True)


def test_no_rows_one_row_and_a_limit_are_counted(ds):
    assert run(ds, "SELECT ?s WHERE { ?s a nkg:Nothing }").text().splitlines()[-1] == "0 rows"
    assert run(ds, "SELECT ?l WHERE { ?g nkg:country 'PK' ; rdfs:label ?l }").text().splitlines()[-1] == "1 row"
    limited = run(ds, WHO).project(["name"], limit=2)
    assert limited.text().splitlines()[-1] == "first 2 of 4 rows"
    assert len(limited.rows()) == 2 and list(limited.rows()[0]) == ["name"]


def test_a_terminal_too_narrow_for_the_columns_gets_one_record_per_row(ds):
    text = run(ds, "who-said-what").text(width=50)
    lines = text.splitlines()
    assert all(cells(line) <= 50 for line in lines)
    assert sum(line.startswith("speaker ") for line in lines) == 4
    assert any(line.startswith("text ") and "Afghan citizens" in line for line in lines)
