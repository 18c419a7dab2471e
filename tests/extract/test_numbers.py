"""Number phrases as news writes them."""
import pytest

from kg.extract.numbers import clean_number, phrase_value


@pytest.mark.parametrize("words, value", [
    (["2.46", "million"], 2_460_000),
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


@pytest.mark.parametrize("value, text", [(2460000.0, "2460000"), (1.5, "1.5"), (60.0, "60"), (0.0, "0")])
def test_clean_number(value, text):
    assert clean_number(value) == text
