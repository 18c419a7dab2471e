"""kg.extract.attribute_index: the attribute rules found through an index set what spaCy's own ruler sets."""
from __future__ import annotations

import pytest
from spacy.pipeline import AttributeRuler

from kg.extract.attribute_index import IndexedAttributeRuler, index_attribute_rules
from kg.pipeline import DEFAULT_MODELS

# sentences of our own, with what the rules of an English pipeline treat apart: contractions, negations,
# auxiliaries and the same verbs as main verbs, pronouns as subjects and objects, "there is", determiners
# standing alone, spoken forms, and runs of spaces and line breaks
SENTENCES = [
    "The council's plan isn't ready, and we're not sure it'll pass before the vote.",
    "I told you it was late; you gave it to me anyway, and I'm grateful.",
    "There are three options, but that is the one they did not choose.",
    "She has a car. He had done it before. They do their homework. Did you?",
    "We're gonna win, y'all, and let's not pretend we ain't worried.",
    "Those were the days.  That was then.\n\nThis is now:\tthese are the facts.",
    "Whether or not the minister resigns, the law, which takes effect in May, will stand.",
    "He said he'd come if it didn't rain, because nothin' could stop him.",
    "The 2.5% rise, announced Tuesday by the bank's governor, surprised markets in Lagos and Lima.",
    "Got ta go, c'mon, gotta run: the mayor gets it, the council got it, but not the press.",
]
ATTRIBUTES = ("tag_", "pos_", "morph", "lemma_", "dep_")


def _stock_pipeline():
    import importlib

    import spacy

    for name in DEFAULT_MODELS:
        try:
            return spacy.load(name)
        except OSError:
            try:
                return importlib.import_module(name).load()
            except ImportError:
                continue
    pytest.fail("no English pipeline installed")


@pytest.fixture(scope="module")
def pipelines():
    return _stock_pipeline(), index_attribute_rules(_stock_pipeline())


def annotations(nlp, text):
    return [(t.text, *(str(getattr(t, a)) for a in ATTRIBUTES)) for t in nlp(text)]


def test_the_ruler_is_replaced_by_the_index(pipelines):
    stock, indexed = pipelines
    assert type(stock.get_pipe("attribute_ruler")) is AttributeRuler
    assert isinstance(indexed.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert indexed.pipe_names == stock.pipe_names
    assert indexed.get_pipe("attribute_ruler").patterns == stock.get_pipe("attribute_ruler").patterns


@pytest.mark.parametrize("text", SENTENCES)
def test_same_attributes_as_the_stock_ruler(pipelines, text):
    stock, indexed = pipelines
    assert annotations(indexed, text) == annotations(stock, text)


def test_most_rules_are_filed_and_the_rest_matched(pipelines):
    index = pipelines[1].get_pipe("attribute_ruler")
    index(pipelines[1].make_doc("x"))  # the index is made at the first Doc
    filed = sum(len(rules) for table in index.index.filed for rules in table.values())
    assert filed > 150 and 0 < len(index.index.rest) < 30


def _ruler(nlp, patterns):
    ruler = IndexedAttributeRuler(nlp.vocab)
    ruler.add_patterns(patterns)
    return ruler


def test_later_rules_win_and_added_rules_count(pipelines):
    nlp = pipelines[1]
    ruler = _ruler(nlp, [{"patterns": [[{"LOWER": "stand"}]], "attrs": {"LEMMA": "first"}},
                         {"patterns": [[{"LOWER": "stand", "TAG": {"IN": ["VB", "VBP"]}}]],
                          "attrs": {"LEMMA": "second"}}])
    doc = nlp.make_doc("We stand here.")
    doc[1].tag_ = "VBP"
    assert ruler(doc)[1].lemma_ == "second"
    ruler.add([[{"TAG": "VBP", "LOWER": {"NOT_IN": ["sit"]}}]], {"LEMMA": "third"})
    assert ruler(nlp.make_doc("We stand here."))[1].lemma_ == "first"  # untagged: only the first rule holds
    doc = nlp.make_doc("We stand here.")
    doc[1].tag_ = "VBP"
    assert ruler(doc)[1].lemma_ == "third"


def test_rules_of_several_tokens_and_expressions_go_to_the_matcher(pipelines):
    nlp = pipelines[1]
    ruler = _ruler(nlp, [{"patterns": [[{"LOWER": "new"}, {"LOWER": "deal"}]], "attrs": {"LEMMA": "pact"},
                          "index": 1},
                         {"patterns": [[{"LOWER": {"REGEX": "^re.+ed$"}}]], "attrs": {"LEMMA": "again"}}])
    doc = ruler(nlp.make_doc("A new deal was reopened and renamed, not a new plan."))
    assert [t.lemma_ for t in doc if t.lemma_] == ["pact", "again", "again"]
    assert len(ruler.index.rest) == 2
