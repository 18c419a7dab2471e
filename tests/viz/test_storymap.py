"""kg.viz.storymap: entities as nodes, statements summed up into speaker -> entity edges; narrowing a corpus."""
from __future__ import annotations

import pytest

from kg.errors import VizError
from kg.viz.classes import stance
from kg.viz.corpus import read_corpus
from kg.viz.storymap import (around, class_list, find_article, find_entity, in_article, only_classes,
                             story_map)
from kg.vocab import NKG

from .stories import border_story, short


@pytest.fixture(scope="module")
def story():
    ds, n = border_story()
    return read_corpus(ds), {k: short(v) for k, v in n.items()}


def edges(G):
    return {(a, b, d["kind"]): d for a, b, d in G.edges(data=True)}


def test_the_map_has_entities_only(story):
    corpus, n = story
    G = story_map(corpus)
    assert set(G) == set(corpus.entities)
    assert {G.nodes[k]["cls"] for k in G} <= {NKG.Government, NKG.Official, NKG.Policy}


def test_statements_become_one_edge_per_speaker_and_entity_with_their_count(story):
    corpus, n = story
    found = edges(story_map(corpus))
    assert found[n["lee"], n["ostrand"], "said"]["statements"] == [n["lee_march"], n["lee_april"]]
    assert found[n["lee"], n["deadline"], "said"]["statements"] == [n["lee_march"]]
    assert found[n["tam"], n["deadline"], "said"]["statements"] == [n["tam_quote"]]
    assert (n["lee"], n["velmora"], "memberOf") in found and (n["deadline"], n["velmora"], "issuedBy") in found
    said = [d for (_, _, kind), d in found.items() if kind == "said"]
    assert sum(len(d["statements"]) for d in said) == 4  # Tam's rejection names nobody: it makes no edge


def test_rank_puts_governments_first_then_the_busiest(story):
    corpus, n = story
    G = story_map(corpus)
    order = sorted(G, key=lambda k: G.nodes[k]["rank"])
    assert set(order[:2]) == {n["velmora"], n["ostrand"]}
    assert G.nodes[n["lee"]]["rank"] < G.nodes[n["tam"]]["rank"]  # Lee said more about more


@pytest.mark.parametrize("verbs, expected", [
    (["reject", "deny"], "against"), (["welcome"], "for"), (["reject", "welcome"], None), (["say"], None),
    ([None], None),
])
def test_stance_is_the_one_side_every_verb_takes(verbs, expected):
    assert stance(verbs) == expected


def test_only_classes_keeps_claims_whose_maker_stays(story):
    corpus, n = story
    narrowed = only_classes(corpus, [NKG.Government, NKG.Policy])
    assert set(narrowed.entities) == {n["velmora"], n["ostrand"], n["deadline"]}
    assert set(narrowed.claims) == {n["families"]}  # the figure has no reporter and is about what stays


def test_around_keeps_what_lies_within_the_hops(story):
    corpus, n = story
    assert set(around(corpus, n["tam"], 0).entities) == {n["tam"]}
    assert set(around(corpus, n["tam"], 1).entities) == {n["tam"], n["ostrand"], n["deadline"]}
    with pytest.raises(VizError, match="--hops -1"):
        around(corpus, n["tam"], -1)


def test_in_article_keeps_one_article_and_what_it_says(story):
    corpus, n = story
    narrowed = in_article(corpus, n["b"])
    assert set(narrowed.articles) == {n["b"]}
    assert set(narrowed.entities) == {n["ostrand"], n["tam"], n["lee"], n["deadline"]}
    assert set(narrowed.claims) == {n["tam_quote"], n["lee_april"], n["tam_rejects"]}
    assert all(s[0] == n["b"] for e in narrowed.entities.values() for s in e.spans)


@pytest.mark.parametrize("name", ["Ravi Tam", "ravi tam", "Tam", "agent/ravi-tam", "ravi"])
def test_find_entity_by_name_alias_id_or_part(story, name):
    corpus, n = story
    assert find_entity(corpus, name) == n["tam"]


@pytest.mark.parametrize("name, message", [("a", "matches"), ("Nobody", "no entity"), (" ", "give the name")])
def test_find_entity_errors_name_the_value(story, name, message):
    with pytest.raises(VizError, match=message) as exc:
        find_entity(story[0], name)
    assert repr(name) in str(exc.value) or not name.strip()


@pytest.mark.parametrize("name", ["ostrand-reply", "ostrand-reply.txt", "article/ostrand-reply"])
def test_find_article_by_file_stem_or_id(story, name):
    assert find_article(story[0], name) == story[1]["b"]


def test_find_article_lists_the_known_ones():
    with pytest.raises(VizError, match="known: ostrand-reply.txt, velmora-deadline.txt"):
        find_article(read_corpus(border_story()[0]), "nope")


@pytest.mark.parametrize("words, expected", [
    (["statements", "Figure"], (NKG.Statement, NKG.Figure)), (["policies"], (NKG.Policy,)),
    (["official", "OFFICIAL"], (NKG.Official,)),
])
def test_class_list_takes_any_case_and_plurals(words, expected):
    assert class_list(words) == expected


def test_class_list_rejects_an_unknown_class():
    with pytest.raises(VizError, match="--show 'Mention': unknown class"):
        class_list(["Mention"], option="--show")
