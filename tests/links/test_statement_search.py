"""kg.links.statements._Corpus.best_overlap: which earlier statement an answer answers, among a corpus of them.

Profiles are made by hand here, so each rule of the choice is seen on its own: the most shared words, then
one of the answer's own article, then the latest, then the one furthest into its article; nothing later than
the answer, nothing of the same stance, nothing `allowed` refuses.
"""
from __future__ import annotations

from datetime import date

import pytest

from kg.links.statements import StatementProfile, _Corpus


def profile(index, words, when=date(2024, 3, 1), begin=0, stance=None, speaker="s1"):
    return StatementProfile(index=index, speaker=speaker, text=" ".join(sorted(words)), verb=None, when=when,
                            begin=begin, sentence_no=0, stance=stance, words=frozenset(words))


ANSWER_WORDS = {"tariff", "steel", "imports", "unfair"}


def answer(when=date(2024, 3, 10), begin=500):
    return profile(99, ANSWER_WORDS, when=when, begin=begin, stance="denies", speaker="s2")


def choose(articles, *, allowed=lambda j, q: True, minimum=2, undated=False, sides=None, side=None):
    """The (article, statement) the answer, last statement of the last article, answers."""
    corpus = _Corpus(articles, side or (lambda j, key: (key, key, key, None)))
    last = len(articles) - 1
    return corpus.best_overlap(last, articles[last][-1], allowed, minimum, undated=undated, sides=sides)


def test_the_statement_sharing_most_words_wins():
    articles = [[profile(0, {"tariff", "steel"}), profile(1, {"tariff", "steel", "imports"}),
                 profile(2, {"weather"})], [answer()]]
    assert choose(articles) == (0, 1)


def test_too_few_shared_words_is_no_answer():
    articles = [[profile(0, {"tariff", "weather"})], [answer()]]
    assert choose(articles) is None
    assert choose(articles, minimum=1) == (0, 0)


def test_the_answers_own_article_first():
    words = {"tariff", "steel"}
    articles = [[profile(0, words, when=date(2024, 3, 9), begin=900)],
                [profile(0, words, begin=10), answer()]]
    assert choose(articles) == (1, 0)


@pytest.mark.parametrize("first, second, expected", [
    ((date(2024, 3, 2), 0), (date(2024, 3, 8), 0), (1, 0)),  # the latest
    ((date(2024, 3, 8), 300), (date(2024, 3, 8), 20), (0, 0)),  # same date: furthest into its article
    ((date(2024, 3, 8), 20), (date(2024, 3, 8), 20), (0, 0)),  # all equal: the first found
])
def test_between_equals_in_other_articles(first, second, expected):
    words = {"tariff", "steel"}
    articles = [[profile(0, words, when=first[0], begin=first[1])],
                [profile(0, words, when=second[0], begin=second[1])], [answer()]]
    assert choose(articles) == expected


def test_nothing_later_than_the_answer():
    words = {"tariff", "steel", "imports"}
    articles = [[profile(0, words, when=date(2024, 3, 20))],
                [profile(0, words, begin=800), answer(begin=500)]]  # after the answer in its own article
    assert choose(articles) is None


def test_an_undated_article_only_when_asked():
    articles = [[profile(0, {"tariff", "steel"}, when=None)], [answer()]]
    assert choose(articles) is None
    assert choose(articles, undated=True) == (0, 0)


def test_not_of_the_answers_own_stance():
    articles = [[profile(0, {"tariff", "steel", "imports"}, stance="denies"), profile(1, {"tariff", "steel"})],
                [answer()]]
    assert choose(articles) == (0, 1)


def test_allowed_and_sides_narrow_the_speakers():
    articles = [[profile(0, {"tariff", "steel", "imports"}, speaker="s3"), profile(1, {"tariff", "steel"})],
                [answer()]]
    assert choose(articles, allowed=lambda j, q: q.speaker != "s3") == (0, 1)
    assert choose(articles, sides={"s1"}) == (0, 1)
    assert choose(articles, sides={"nobody"}) is None


def test_a_big_corpus_of_shared_words():
    """Thousands of statements sharing the answer's words: the best is still the one the rules pick."""
    articles = [[profile(k, {"tariff", "steel"}, when=date(2024, 1, 1 + (j % 28)), begin=k * 10)
                 for k in range(5)] for j in range(2000)]
    articles[1234].append(profile(5, {"tariff", "steel", "unfair"}, when=date(2024, 1, 2), begin=1))
    articles.append([answer(when=date(2024, 2, 1))])
    assert choose(articles) == (1234, 5)
    articles[1234][5] = profile(5, {"tariff", "steel", "unfair"}, when=date(2024, 2, 5), begin=1)
    # now later than the answer: of those sharing two words, the latest (28 January), furthest into its
    # article (the fifth statement), first found (the first article of that date)
    assert choose(articles) == (27, 4)
