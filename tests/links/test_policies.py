"""kg.links.policies: one policy across articles, and the dated steps of its life."""
from __future__ import annotations

from datetime import date

import pytest

from kg.ingest import parse_article
from kg.links.policies import policy_clusters, policy_events
from kg.pipeline import extract
from kg.resolve import resolve


@pytest.mark.parametrize("text, when, step, deadline", [
    ("The Thai government set a March 31 deadline for undocumented Myanmar workers to register.",
     date(2024, 1, 10), "deadline set", date(2024, 3, 31)),
    ("Thailand extended the deadline for undocumented Myanmar workers to register until June 30.",
     date(2024, 3, 20), "extended", date(2024, 6, 30)),
    ("The Thai government began deporting undocumented Myanmar workers who had not registered.",
     date(2024, 7, 2), "enforced", None),
    ("Peru suspended the curfew in Lima after the protests ended.", date(2024, 2, 1), "suspended", None),
    ("Canada announced a cap on international student permits.", date(2024, 1, 22), "announced", None),
])
def test_a_step_of_a_policy_with_its_date(extract_one, text, when, step, deadline):
    events = policy_events(extract_one(text, when=when))
    found = [e for e in events if e.kind == step]
    assert found and found[0].deadline == deadline and found[0].when == when
    assert found[0].evidence == text


def test_an_exemption_is_a_step_of_the_policy_it_spares_people_from(extract_one):
    rec = extract_one("Thailand extended the deadline for undocumented Myanmar workers to register until June 30. "
                      "Workers with valid visas will be exempt from the deadline, the labour ministry said.")
    [exemption] = [e for e in policy_events(rec) if e.kind == "exemptions"]
    assert exemption.spared == "Workers with valid visas"
    assert "extend" in rec.policies[exemption.policy].label


def clusters(nlp, *texts):
    records = list(extract(nlp, [parse_article(f"date: 2024-0{n + 1}-10\n\n{t}", identifier=f"p{n}.txt")
                                 for n, t in enumerate(texts)]))
    nodes = policy_clusters(records, resolve(records))
    return [nodes[(i, j)].iri for i, r in enumerate(records) for j in range(len(r.policies))]


def test_one_measure_told_by_three_articles_is_one_policy(nlp):
    iris = clusters(nlp, "The Thai government set a March 31 deadline for undocumented Myanmar workers to register.",
                    "Thailand extended the deadline for undocumented Myanmar workers to register until June 30.",
                    "The Thai government began deporting undocumented Myanmar workers who had not registered.")
    assert len(iris) == 3 and len(set(iris)) == 1


@pytest.mark.parametrize("first, second", [
    ("The Thai government set a March 31 deadline for undocumented Myanmar workers to register.",
     "Thailand set a May 15 deadline for factories to install smoke filters."),  # two deadlines of one state
    ("The Thai government banned imports of used cars from Japan.",
     "The Thai government banned exports of rice to Japan."),  # two bans
    ("The Thai government set a March 31 deadline for undocumented Myanmar workers to register.",
     "Malaysia set a March 31 deadline for undocumented Myanmar workers to register."),  # two governments
])
def test_different_policies_stay_apart(nlp, first, second):
    iris = clusters(nlp, first, second)
    assert len(iris) == 2 and iris[0] != iris[1]
