"""Every canned query in queries/: documented, parses, runs on the seed graph, and finds facts the seed texts state.

Assertions look for facts among the rows rather than at fixed positions, so they hold whatever order or
extra rows the extractors produce; each fails when its query is broken.
"""
from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, RDFS

from kg.graphio import union_graph
from kg.query import QUERIES_DIR, canned_queries, run
from kg.vocab import NKG

from .conftest import SEEDS

QUERIES = canned_queries()
SEED_FILES = {p.name for p in SEEDS.glob("*.txt")}
ISSUE_QUESTIONS = {  # the questions the issue asks for, each answered by one file
    "who-said-what", "speaker-statements", "officials-by-government", "policy-timeline", "figures-for-measure",
    "figures-by-reporter", "rejections", "unnamed-sources", "most-quoted", "articles-mentioning", "evidence",
    "entity-subgraph",
}


@pytest.fixture(scope="module")
def ds(seeds_result):
    return seeds_result.dataset


def ask(ds, query_name, /, **params):
    return run(ds, QUERIES[query_name], params)


def assert_in_text_order(ds, rows, node="statement"):
    """Rows of one article and date follow the order their nodes appear in the article."""
    g = union_graph(ds)
    starts = [(r["date"], r["article"], min(int(g.value(m, NKG.beginIndex))
                                            for m in g.objects(URIRef(r[node]), NKG.mention))) for r in rows]
    for before, after in zip(starts, starts[1:]):
        if before[:2] == after[:2]:
            assert before[2] <= after[2], (before, after)


def test_at_least_twelve_queries_cover_the_questions():
    assert len(QUERIES) >= 12
    assert ISSUE_QUESTIONS <= set(QUERIES)
    assert {p.stem for p in QUERIES_DIR.glob("*.rq")} == set(QUERIES)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_is_documented(name):
    q = QUERIES[name]
    assert q.title and q.description.endswith(".")
    assert all(p.description and p.example for p in q.params)
    for p in q.params:  # the parameter is a variable the query really uses
        assert f"?{p.name}" in q.text.split("PREFIX", 1)[1]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_parses_and_runs_on_the_seeds_with_its_example(ds, name):
    q = QUERIES[name]
    res = run(ds, q, {p.name: p.example for p in q.params})
    if res.kind == "SELECT":
        assert res.rows(), f"{name} found nothing for its own example"
    elif res.kind == "ASK":
        assert res.boolean is True, f"{name}'s example is not true on the seeds"
    else:
        assert len(res.graph) > 0


# ---------------------------------------------------------------- facts from the seed texts

def test_who_said_what_has_bugtis_claim_with_his_government(ds):
    rows = ask(ds, "who-said-what").rows()
    [bugti] = [r for r in rows if "14 of 24 suicide bombings" in r["text"]]
    assert "Bugti" in bugti["speaker"] and "Pakistan" in bugti["government"]
    assert bugti["article"] == "000_0d08b72ce4582031.txt" and bugti["direct"] is False
    assert "Sarfraz Bugti on Tuesday alleged" in bugti["sentence"]
    quote = next(r for r in rows if "with full authority" in r["text"])
    assert quote["direct"] is True and quote["article"] == "001_4681012913b4791f.txt"
    assert quote["date"] == date(2023, 11, 7)
    assert {r["article"] for r in rows} == SEED_FILES
    assert len({r["statement"] for r in rows}) == len(rows)  # one row per statement
    assert_in_text_order(ds, rows)


def test_speaker_statements_finds_a_speaker_by_surname(ds):
    rows = ask(ds, "speaker-statements", name="haqqani").rows()
    assert rows and all("Haqqani" in r["speaker"] for r in rows)
    assert any("blame Afghanistan for its own problems" in r["text"] for r in rows)
    assert {r["article"] for r in rows} == {"001_4681012913b4791f.txt"}
    assert_in_text_order(ds, rows)


def test_officials_by_government_pairs_ministers_with_their_governments(ds):
    rows = ask(ds, "officials-by-government").rows()
    by_name = {r["official"]: r for r in rows}
    assert "Pakistan" in by_name["Sarfraz Bugti"]["government"]
    assert "Interior Minister" in by_name["Sarfraz Bugti"]["titles"]
    assert "Afghanistan" in by_name["Sirajuddin Haqqani"]["government"]
    assert "Interior Minister" in by_name["Sirajuddin Haqqani"]["titles"]
    assert any(r["unnamed"] and "Pakistan" in (r["government"] or "") for r in rows)
    governments = [r["government"] for r in rows if r["government"]]
    assert governments == sorted(governments)


def test_policy_timeline_has_the_november_deadline_in_date_order(ds):
    rows = ask(ds, "policy-timeline").rows()
    deadlines = [r["deadline"] for r in rows if r["deadline"]]
    assert date(2023, 11, 1) in deadlines
    assert deadlines == sorted(deadlines)
    assert all(r["deadline"] is None for r in rows[len(deadlines):])  # undated policies come last
    nov1 = next(r for r in rows if r["deadline"] == date(2023, 11, 1))
    assert nov1["issuer"] == "Pakistan" and "November 1" in nov1["sentence"]


def test_sources_on_undocumented_afghans_are_1_73_and_1_7_million(ds):
    rows = ask(ds, "figures-for-measure", words="undocumented Afghans").rows()
    first = next(r for r in rows if r["value"] == Decimal("1730000"))
    assert "Pakistan" in first["reported_by"] and first["article"] == "000_0d08b72ce4582031.txt"
    later = [r for r in rows if r["value"] == Decimal("1700000")]
    assert later and all(r["article"] in {"001_4681012913b4791f.txt", "004_c222ffbbe3ead1ce.txt"} for r in later)
    assert all(r["matched"] >= 1 for r in rows)
    assert [r["matched"] for r in rows] == sorted((r["matched"] for r in rows), reverse=True)
    assert not any(r["value"] == Decimal("60") for r in rows)  # "60 percent increase in militant attacks"


def test_figures_by_reporter_lists_what_the_iom_reported(ds):
    rows = ask(ds, "figures-by-reporter", source="Organization for Migration").rows()
    assert rows and all("Migration" in r["reported_by"] for r in rows)
    up_to = next(r for r in rows if r["value"] == Decimal("1600000"))
    assert up_to["approximate"] is True and up_to["article"] == "003_0bf2647603aebe96.txt"


def test_rejections_sit_next_to_what_they_answer(ds):
    rows = ask(ds, "rejections").rows()
    mujahid = next(r for r in rows if "rejected this claim" in r["rejection"])
    assert "suicide bombings" in mujahid["answered"] and "Bugti" in mujahid["answered_speaker"]
    kabul = next(r for r in rows if r["article"] == "004_c222ffbbe3ead1ce.txt" and "dismissed" in r["sentence"])
    assert kabul["answered_speaker"] != kabul["speaker"]
    assert all(r["answered_speaker"] != r["speaker"] for r in rows if r["answered_speaker"])
    assert_in_text_order(ds, rows)


def test_unnamed_sources_include_the_senior_official(ds):
    rows = ask(ds, "unnamed-sources").rows()
    quote = next(r for r in rows if "no linkages with the TTP issue" in r["text"])
    assert quote["direct"] is True and "Pakistan" in quote["government"]
    assert "Bugti" not in {r["speaker"] for r in rows}
    assert_in_text_order(ds, rows)


def test_most_quoted_counts_agree_with_who_said_what(ds):
    ranking = ask(ds, "most-quoted").rows()
    said = Counter(r["speaker"] for r in ask(ds, "who-said-what").rows())
    assert {r["speaker"]: r["statements"] for r in ranking} == dict(said)
    counts = [r["statements"] for r in ranking]
    assert counts == sorted(counts, reverse=True)
    assert all(r["direct_quotes"] <= r["statements"] for r in ranking)
    bugti = next(r for r in ranking if r["speaker"] == "Sarfraz Bugti")
    assert "Pakistan" in bugti["government"]


def test_articles_mentioning_an_official_are_the_ones_naming_him(ds):
    rows = ask(ds, "articles-mentioning", name="Haqqani").rows()
    assert {r["article"] for r in rows} == {"001_4681012913b4791f.txt"}
    assert "Haqqani" in rows[0]["written_as"]
    rows = ask(ds, "articles-mentioning", name="Kakar").rows()
    assert {r["article"] for r in rows} >= {"002_b575546220e49dce.txt", "003_0bf2647603aebe96.txt"}


def test_evidence_rereads_the_span_from_the_article_body(ds):
    g = union_graph(ds)
    claim = next(s for s, t in g.subject_objects(NKG.text) if "14 of 24 suicide bombings" in t)
    [row] = ask(ds, "evidence", node=str(claim)).rows()
    assert row["article"] == "000_0d08b72ce4582031.txt" and "Bugti on Tuesday alleged" in row["sentence"]
    body = (SEEDS / row["article"]).read_text(encoding="utf-8")
    assert "14 of 24 suicide bombings" in row["anchor"]
    assert row["anchor"] in body
    pk = ask(ds, "evidence", node="id:government/pk").rows()
    assert {r["article"] for r in pk} == SEED_FILES
    assert all(r["anchor"] in r["sentence"] for r in pk)


def test_entity_subgraph_holds_the_entity_its_government_and_words(ds):
    g: Graph = ask(ds, "entity-subgraph", name="Bugti").graph
    [bugti] = [s for s, o in g.subject_objects(RDFS.label) if str(o) == "Sarfraz Bugti"]
    gov = g.value(bugti, NKG.memberOf)
    assert str(g.value(gov, RDFS.label)) == "Pakistan"
    texts = [str(t) for s, t in g.subject_objects(NKG.text) if g.value(s, NKG.speaker) == bugti]
    assert any("suicide bombings" in t for t in texts)
    articles = {str(i) for i in g.objects(None, DCTERMS.identifier)}
    assert articles == {"000_0d08b72ce4582031.txt"}
    assert not set(g.subjects(RDF.type, NKG.Mention)) and NKG.body not in set(g.predicates())


def test_articles_lists_every_seed_with_its_header_date(ds):
    rows = {r["article"]: r for r in ask(ds, "articles").rows()}
    assert set(rows) == SEED_FILES
    assert rows["001_4681012913b4791f.txt"]["date"] == date(2023, 11, 7)
    assert rows["003_0bf2647603aebe96.txt"]["date"] == date(2025, 4, 8)
    said = Counter(r["article"] for r in ask(ds, "who-said-what").rows())
    assert {a: r["statements"] for a, r in rows.items()} == {a: said.get(a, 0) for a in rows}


def test_did_they_say_is_true_only_for_what_was_said(ds):
    assert ask(ds, "did-they-say", name="Bugti", about="suicide bombings").boolean is True
    assert ask(ds, "did-they-say", name="Bugti", about="tolerate them").boolean is False


@pytest.fixture(scope="module")
def answers(nlp):
    """Three articles of invented people: a claim, its rejection in another article, and a confirmation."""
    from kg.ingest import parse_article
    from kg.pipeline import extract
    from kg.resolve import resolve
    from kg.triples import to_dataset

    texts = [
        "Portuguese Fisheries Minister Marta Sequeira said that Spanish trawlers had emptied the northern fishing "
        "grounds.",
        "Spanish spokesman Iker Zubiri rejected Lisbon's claim that trawlers had emptied the fishing grounds. "
        "Zubiri said the fleet would stay in port until June.",
        "Portuguese harbour master Rui Matos confirmed that trawlers had emptied the fishing grounds.",
    ]
    records = list(extract(nlp, [parse_article(f"date: 2024-06-0{n + 1}\n\n{t}", identifier=f"r{n}.txt")
                                 for n, t in enumerate(texts)]))
    return to_dataset(records, resolve(records))


def test_a_rejection_is_listed_next_to_the_claim_it_answers_in_another_article(answers):
    from kg.engine import MemoryStore
    from kg.store import run_query

    rows = ask(answers, "rejections").rows()
    assert [(r["speaker"], r["article"], r["answered_speaker"]) for r in rows] == [
        ("Iker Zubiri", "r1.txt", "Marta Sequeira")]
    assert "trawlers had emptied" in rows[0]["answered"] and "rejected" in rows[0]["sentence"]
    assert run_query(MemoryStore.from_dataset(answers), QUERIES["rejections"]).rows() == rows
    # the confirmation answers too, but is no rejection
    assert {r["stance"] for r in ask(answers, "responses").rows()} == {"rejects", "confirms"}


def test_policy_timeline_lists_a_widely_reported_policy_once_with_each_article_once():
    """A policy many articles report has as many sources as sentences: its row names each article once and
    picks the sentence that speaks of the deadline, on rdflib's engine and on Oxigraph's."""
    from rdflib import Dataset, Literal
    from rdflib.namespace import XSD

    from kg.engine import MemoryStore
    from kg.store import run_query
    from kg.vocab import ID

    ds = Dataset(default_union=True)  # as newskg reads a graph
    policy, issuer = ID["policy/levy"], ID["government/xx"]
    sentences = ["The levy was announced on Monday.", "Ministers set a deadline of March 3 for the levy.",
                 "Traders criticised the levy."]
    for n, sentence in enumerate(sentences):
        article = ID[f"article/a{n}"]
        g = ds.graph(ID[f"graph/a{n}"])
        g.add((article, DCTERMS.identifier, Literal(f"a{n}.txt")))
        g.add((article, NKG.date, Literal(f"2024-01-0{n + 1}", datatype=XSD.date)))
        for s, p, o in [(policy, RDF.type, NKG.Policy), (policy, RDFS.label, Literal("a levy on imports")),
                        (policy, NKG.deadline, Literal("2024-03-03", datatype=XSD.date)),
                        (policy, NKG.issuedBy, issuer), (issuer, RDFS.label, Literal("Xland")),
                        (policy, NKG.source, article), (policy, NKG.evidence, Literal(sentence))]:
            g.add((s, p, o))
    rows = ask(ds, "policy-timeline").rows()
    assert len(rows) == 1
    [row] = rows
    assert sorted(row["articles"].split(", ")) == ["a0.txt", "a1.txt", "a2.txt"]
    assert row["sentence"] == sentences[1] and row["issuer"] == "Xland"
    assert row["first_reported"] == date(2024, 1, 1) and row["deadline"] == date(2024, 3, 3)
    [ox] = run_query(MemoryStore.from_dataset(ds), QUERIES["policy-timeline"]).rows()
    assert sorted(ox.pop("articles").split(", ")) == sorted(row.pop("articles").split(", "))  # in no set order
    assert ox == row


def test_disagreements_list_each_pair_of_a_group_once_with_both_sides():
    """Four figures of one group that all disagree are six pairs, each once, in the query's order, each side
    with its own value, range, reporter, article and sentence; Oxigraph answers as rdflib does."""
    from itertools import combinations

    from rdflib import Dataset, Literal
    from rdflib.namespace import XSD

    from kg.engine import MemoryStore
    from kg.store import run_query
    from kg.vocab import ID

    ds = Dataset(default_union=True)
    group = ID["figuregroup/g"]
    figures = [ID[f"figure/f{n}"] for n in range(4)]
    for n, figure in enumerate(figures):
        article, reporter = ID[f"article/a{n}"], ID[f"org/o{n}"]
        g = ds.graph(ID[f"graph/a{n}"])
        value = 1000 * (n + 1)
        for s, p, o in [(group, NKG.member, figure), (group, RDFS.label, Literal("ferries in Yland")),
                        (figure, RDF.type, NKG.Figure), (figure, NKG.value, Literal(value, datatype=XSD.decimal)),
                        (figure, NKG.lowerBound, Literal(value - 10, datatype=XSD.decimal)),
                        (figure, NKG.upperBound, Literal(value + 10, datatype=XSD.decimal)),
                        (figure, NKG.referenceDate, Literal(f"2024-05-0{4 - n}", datatype=XSD.date)),
                        (figure, NKG.evidence, Literal(f"Sentence {n}.")), (figure, NKG.source, article),
                        (figure, NKG.reportedBy, reporter), (reporter, RDFS.label, Literal(f"Office {n}")),
                        (article, DCTERMS.identifier, Literal(f"a{n}.txt"))]:
            g.add((s, p, o))
        for other in figures:
            if other != figure:
                g.add((figure, NKG.disagreesWith, other))
    rows = ask(ds, "disagreements").rows()
    assert {frozenset((r["figure"], r["other"])) for r in rows} == \
        {frozenset(map(str, pair)) for pair in combinations(figures, 2)} and len(rows) == 6
    assert [(r["date"], r["other_date"]) for r in rows] == sorted((r["date"], r["other_date"]) for r in rows)
    for r in rows:
        for side in ("", "other_"):
            n = int(r["other" if side else "figure"][-1])
            assert r[f"{side}value"] == 1000 * (n + 1) and r[f"{side}low"] == 1000 * (n + 1) - 10
            assert (r[f"{side}reported_by"], r[f"{side}article"], r[f"{side}sentence"]) == \
                (f"Office {n}", f"a{n}.txt", f"Sentence {n}.")
    assert run_query(MemoryStore.from_dataset(ds), QUERIES["disagreements"]).rows() == rows
