"""Number phrases as news writes them."""
import pytest

from kg.extract.numbers import clean_number, fraction_value, glued_value, phrase_value


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


@pytest.mark.parametrize("words, value", [
    (["a", "hundred", "and", "two"], 102),
    (["two", "dozen"], 24),
    (["Fifty-two"], 52),
    (["-3.5"], -3.5),
    (["7", "lakh"], 700_000),
    (["1.2", "crore"], 12_000_000),
])
def test_more_phrases(words, value):
    assert phrase_value(words) == pytest.approx(value)


@pytest.mark.parametrize("token, value, currency", [
    ("£40bn", 40_000_000_000, "GBP"), ("$5m", 5_000_000, "USD"), ("N480", 480, "NGN"), ("C$29.8", 29.8, "CAD"),
    ("40bn", 40_000_000_000, None), ("10k", 10_000, None),
])
def test_glued_value(token, value, currency):
    assert glued_value(token) == (pytest.approx(value), currency)


@pytest.mark.parametrize("token", ["480", "N", "COVID19", "F-16", "Mr5"])
def test_not_glued(token):
    assert glued_value(token) is None


@pytest.mark.parametrize("text, value", [("two-thirds", 2 / 3), ("a quarter", 0.25), ("half", 0.5)])
def test_fraction_value(text, value):
    assert fraction_value(text) == pytest.approx(value)
