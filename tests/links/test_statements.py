"""kg.links.statements: who answers whom, with which stance, and what statements are about."""
from __future__ import annotations

import pytest
from rdflib import RDFS

from kg.graphio import union_graph
from kg.ingest import parse_article
from kg.pipeline import extract
from kg.resolve import resolve
from kg.triples import to_dataset
from kg.vocab import NKG


def graph(nlp, *texts):
    records = list(extract(nlp, [parse_article(f"date: 2024-05-0{n + 1}\n\n{t}", identifier=f"s{n}.txt")
                                 for n, t in enumerate(texts)]))
    return union_graph(to_dataset(records, resolve(records)))


def answers(g):
    return {(str(g.value(a, NKG.text)), str(g.value(a, NKG.stance)), str(g.value(b, NKG.text)))
            for a, b in g.subject_objects(NKG.respondsTo)}


@pytest.mark.parametrize("texts, stance, answered", [
    (("Chilean Interior Minister Rosa Pardo said that Peruvian smugglers had crossed the border at night. "
      "Peruvian spokesman Luis Quispe denied the claim.",), "denies", "smugglers had crossed the border"),
    (("Nigerian Defence Minister Bola Adeyemi said that rebels from Cameroon had attacked the village.",
      "Cameroonian spokesman Paul Etoga rejected Abuja's claim that rebels had attacked the village."),
     "rejects", "rebels from Cameroon had attacked the village"),
    (("The UN urged Hungary to reopen the border crossing for refugees.",
      "Hungary dismissed appeals from the UN to reopen the border crossing."), "rejects", "to reopen the border"),
])
def test_an_answer_links_to_what_it_answers(nlp, texts, stance, answered):
    found = answers(graph(nlp, *texts))
    assert any(s == stance and answered in b for _, s, b in found), found


@pytest.mark.parametrize("texts", [
    # the rejection has nothing earlier to answer
    ("Peruvian spokesman Luis Quispe rejected calls for new talks on fishing quotas.",),
    # an earlier statement of the same side is no claim the other side answers
    ("Chilean Interior Minister Rosa Pardo said the border would stay open. Chilean spokesman Ana Soto "
     "rejected the claim.",),
    # the named speaker said nothing like it
    ("Nigerian Defence Minister Bola Adeyemi said the harvest had been good.",
     "Cameroonian spokesman Paul Etoga rejected Abuja's claim that rebels had attacked the village."),
    # said without any marker of an answer
    ("Chilean Interior Minister Rosa Pardo said that Peruvian smugglers had crossed the border.",
     "Peruvian spokesman Luis Quispe said the border had been quiet all week."),
])
def test_no_answer_where_none_is_told(nlp, texts):
    assert answers(graph(nlp, *texts)) == set()


def test_a_statement_is_about_what_it_names(nlp):
    g = graph(nlp, "Chilean Interior Minister Rosa Pardo said that Peru had closed its border with Bolivia.")
    [s] = g.subjects(NKG.speaker, None)
    labels = {str(g.value(o, RDFS.label)) for o in g.objects(s, NKG.about)}
    assert {"Peru", "Bolivia"} <= labels and "Rosa Pardo" not in labels
