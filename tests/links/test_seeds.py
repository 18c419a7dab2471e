"""The checks the issue asks of the seed articles: one group of the undocumented-Afghans figures with its
disagreement, the Taliban spokesman's rejection linked to the minister's claim, one deadline policy with both
dates told and its steps."""
from __future__ import annotations

from datetime import date

import pytest
from rdflib import RDFS

from kg.graphio import union_graph
from kg.query import run
from kg.vocab import NKG


@pytest.fixture(scope="module")
def g(seeds_result):
    return union_graph(seeds_result.dataset)


def test_the_undocumented_afghans_figures_form_one_group_with_the_disagreement(seeds_result):
    rows = run(seeds_result.dataset, "figure-groups").rows()
    group = [r for r in rows if r["counts"].startswith("undocumented Afghans")]
    assert {r["value"] for r in group} >= {1730000, 2000000, 1700000}
    assert len({r["article"] for r in group}) >= 3
    pairs = run(seeds_result.dataset, "disagreements").rows()
    nearly = [p for p in pairs if 2000000 in (p["value"], p["other_value"])]
    assert {1730000, 1700000} <= {p["value"] if p["other_value"] == 2000000 else p["other_value"] for p in nearly}
    assert all("nearly 2 million" in p["sentence"] + p["other_sentence"] for p in nearly)
    assert not any({p["value"], p["other_value"]} == {1730000, 1700000} for p in pairs)  # estimates agree


def test_the_spokesmans_rejection_answers_the_ministers_claim(g):
    [rejection] = [s for s in g.subjects(NKG.stance, None) if "rejected this claim" in str(g.value(s, NKG.text))]
    assert str(g.value(rejection, NKG.stance)) == "rejects"
    [claim] = g.objects(rejection, NKG.respondsTo)
    assert "Bugti" in str(g.value(g.value(claim, NKG.speaker), RDFS.label))
    assert "suicide bombings" in str(g.value(claim, NKG.text))


def test_answers_never_answer_their_own_side(g):
    def side(s):
        speaker = g.value(s, NKG.speaker)
        return g.value(speaker, NKG.memberOf) or speaker
    answers = list(g.subject_objects(NKG.respondsTo))
    assert len(answers) >= 4
    assert all(side(a) != side(b) for a, b in answers if str(g.value(a, NKG.stance)) in ("rejects", "denies"))


def test_the_deadline_is_one_policy_with_both_dates_and_its_steps(seeds_result):
    rows = run(seeds_result.dataset, "policy-events").rows()
    deadlines = {r["deadline"] for r in rows if r["event"] == "deadline set"}
    assert {date(2023, 10, 31), date(2023, 11, 1)} <= deadlines
    nodes = {r["node"] for r in rows if r["deadline"] in (date(2023, 10, 31), date(2023, 11, 1))}
    assert len(nodes) == 1
    steps = [r for r in rows if r["node"] in nodes]
    assert len({r["article"] for r in steps}) >= 3
    assert any(r["event"] == "exemptions" and "Proof of Residence" in r["spared"] for r in steps)
    assert all(r["actor"] == "Pakistan" for r in steps)


def test_statements_are_about_what_they_name(seeds_result):
    rows = run(seeds_result.dataset, "statements-about", {"name": "Pakistan"}).rows()
    assert any("security problems" in r["text"] for r in rows)
    assert all(r["about"] for r in rows)


def test_the_seed_graph_with_its_links_conforms_to_the_shapes(seeds_result):
    from kg.validate import validate

    report = validate(seeds_result.dataset)
    assert report.conforms, report.text()
