"""Quote marks of every style, apostrophes that are not quotes, and stray marks that must never raise."""
import pytest

from kg.extract.quotes import find_quotes


def quoted(text):
    return [text[q.begin:q.end] for q in find_quotes(text)]


@pytest.mark.parametrize("text, quotes", [
    # curly and straight double quotes
    ('He said "yes" and "no".', ["yes", "no"]),
    ("She said “first” then “second”.", ["first", "second"]),
    # guillemets, low-high quotes and corner brackets
    ("« Nous partons demain », a dit le ministre.", [" Nous partons demain "]),
    ("Er sagte: „Wir kommen morgen.“", ["Wir kommen morgen."]),
    ("She wrote 「we will come」 in the note.", ["we will come"]),
    # single quotes open at a word start and close at a word end; apostrophes are left alone
    ("Headline: Minister Vows 'No Retreat On Taxes'", ["No Retreat On Taxes"]),
    ("The union’s leader said ‘we won’t stop’ today.", ["we won’t stop"]),
    ("The ministers' plan didn't pass.", []),
    # a curly quote closed with a straight mark, as hand-typed copy does
    ("“The talks are over,\" the envoy said.", ["The talks are over,"]),
    # a possessive typed with a space is no quote
    ("It was President Amara ‘s idea, she said.", []),
    # an inch mark after a digit opens nothing
    ('The pipe is 12" wide, the engineer said "today".', ["today"]),
])
def test_quote_styles(text, quotes):
    assert quoted(text) == quotes


def test_a_quote_left_open_runs_to_the_end_of_its_paragraph():
    text = "“We will rebuild the bridge and the school\nThe next paragraph is plain."
    assert quoted(text) == ["We will rebuild the bridge and the school"]


def test_a_quote_over_two_paragraphs_is_one_passage():
    text = "“We will rebuild the bridge.\n\n“And then the school,” she said."
    [q] = find_quotes(text)
    assert text[q.begin:q.end].startswith("We will rebuild") and text[q.begin:q.end].endswith("the school,")


@pytest.mark.parametrize("text", ['"', "“", "”", "‘", "'", '"""', "«««", "“a “b” c”", '" " " "', "5'11\"", "''''",
                                  "“\n\n”", "a\n“\n“\n“"])
def test_stray_marks_never_raise(text):
    for q in find_quotes(text):
        assert 0 <= q.begin <= q.end <= len(text)
