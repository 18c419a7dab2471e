"""kg.links.figures: the range a figure's wording allows, what it counts, and when two disagree."""
from __future__ import annotations

from datetime import date

import pytest

from kg.extract.records import FigureRecord, Span
from kg.links.figures import FigureProfile, disagree, figure_profiles, value_range, written_precision


@pytest.mark.parametrize("surface, value, unit", [
    ("1.73 million", 1_730_000, 10_000), ("1.7 million", 1_700_000, 100_000), ("140,000", 140_000, 10_000),
    ("140,322", 140_322, 1), ("2 million", 2_000_000, 1_000_000), ("three million", 3_000_000, 1_000_000),
    ("800,000", 800_000, 100_000), ("15", 15, 1), ("$45m", 45_000_000, 1_000_000),
])
def test_written_precision_is_the_unit_of_the_last_digit(surface, value, unit):
    assert written_precision(surface, value) == pytest.approx(unit)


@pytest.mark.parametrize("before, surface, value, low, high", [
    ("there are ", "1.73 million", 1_730_000, 1_725_000, 1_735_000),
    ("called for nearly ", "2 million", 2_000_000, 1_800_000, 2_000_000),
    ("an estimated ", "1.7 million", 1_700_000, 1_530_000, 1_870_000),
    ("of the more than ", "4 million", 4_000_000, 4_000_000, 6_000_000),
    ("could affect up to ", "1.6 million", 1_600_000, 0, 1_600_000),
    ("at least ", "300", 300, 300, 600),
])
def test_the_hedge_sets_the_range(before, surface, value, low, high):
    f = FigureRecord(value=value, surface=Span(0, len(surface), surface), evidence=before + surface)
    assert value_range(f, before) == (pytest.approx(low), pytest.approx(high))


def profile(low, high, when):
    return FigureProfile(index=0, iri=None, low=low, high=high, when=when, key=("x",))


@pytest.mark.parametrize("a, b, series, expected", [
    ((1.725, 1.735, date(2024, 1, 1)), (1.8, 2.0, date(2024, 2, 1)), False, True),   # apart, a month apart
    ((1.725, 1.735, date(2024, 1, 1)), (1.65, 1.75, date(2024, 2, 1)), False, False),  # ranges meet
    ((1.725, 1.735, date(2022, 1, 1)), (1.8, 2.0, date(2024, 2, 1)), False, False),   # years apart: change
    ((0.14, 0.14, date(2024, 1, 1)), (0.8, 0.8, date(2024, 6, 1)), True, False),      # a running total grows
    ((0.14, 0.14, date(2024, 1, 1)), (0.8, 0.8, date(2024, 1, 1)), True, True),       # two totals of one day
    ((1.0, 1.1, None), (2.0, 2.1, date(2024, 1, 1)), False, False),                   # no date, no conflict
])
def test_disagreement_needs_ranges_apart_about_the_same_time(a, b, series, expected):
    assert disagree(profile(*a), profile(*b), series=series) is expected


@pytest.mark.parametrize("text, expected", [
    ("Kenya estimates that 300,000 Somali refugees live in Kenya.", ("", "people", "SO", None, "KE", None)),
    ("Officials said 20,000 undocumented Haitians had left the Dominican Republic.",
     ("", "people", "HT", "undocumented", "DO", "departure")),
    ("Thailand says 2.4 million undocumented Myanmar workers live in the country.",
     ("", "people", "MM", "undocumented", "TH", None)),
    ("Of the 900,000 Syrians living in Lebanon, the government says 300,000 are unregistered.",
     ("", "people", "SY", "undocumented", "LB", None)),
])
def test_what_a_figure_counts(extract_one, text, expected):
    rec = extract_one(text)
    keys = [p.key for p in figure_profiles(rec)]
    assert keys[-1] == expected


@pytest.mark.parametrize("text", [
    "An average of 4,000 Chileans crossed the border each day, officials in Peru said.",  # a rate
    "The plan could affect up to 60,000 Bolivian workers in Argentina.",  # a projection
    "Officials said 8,000 Sudanese refugees arrived in Chad and Egypt.",  # two places
])
def test_unsure_figures_join_no_group(extract_one, text):
    assert all(p.key is None for p in figure_profiles(extract_one(text)))


def test_the_part_of_n_of_m_joins_no_group_the_whole_may(extract_one):
    part, whole = figure_profiles(extract_one("Police said 14 of 24 attacks in Nigeria were carried out by one group."))
    assert part.key is None and whole.key is not None
