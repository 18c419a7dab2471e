"""Number phrases as news writes them."""
import pytest

from kg.extract.numbers import clean_number, phrase_value


@pytest.mark.parametrize("words, value", [
    (["1.73", "million"], 1_730_000),
    (["2,200"], 2200),
    (["three", "million"], 3_000_000),
    (["twenty-five"], 25),
    (["two", "hundred", "thousand"], 200_000),
    (["4.5", "billion"], 4_500_000_000),
    (["forty", "two"], 42),
    (["million"], None),
    (["many"], None),
])
def test_phrase_value(words, value):
    assert phrase_value(words) == value


@pytest.mark.parametrize("value, text", [(1730000.0, "1730000"), (1.5, "1.5"), (60.0, "60"), (0.0, "0")])
def test_clean_number(value, text):
    assert clean_number(value) == text
