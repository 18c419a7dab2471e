"""Figures: every way news writes a number, and the numbers that are not figures."""
import pytest


def figures(rec):
    return {(f.value, f.unit, f.approximate) for f in rec.figures}


@pytest.mark.parametrize("text, expected", [
    ("The ministry said 2.5 million people had registered.", {(2_500_000, None, False)}),
    ("Nearly 40 percent of voters stayed home.", {(40, "percent", True)}),
    ("Over 1,200 homes were destroyed by the storm.", {(1200, None, True)}),
    ("Some three million children are out of school.", {(3_000_000, None, True)}),
    ("Rebels attacked 14 of 30 districts last year.", {(14, None, False), (30, None, False)}),
    ("The plan costs $4.5 billion over five years.", {(4_500_000_000, "USD", False)}),
    ("Up to 600 workers could lose their jobs.", {(600, None, True)}),
    ("Prices rose 12% in March.", {(12, "percent", False)}),
])
def test_figures(extract_one, text, expected):
    assert figures(extract_one(text)) >= expected


@pytest.mark.parametrize("text", [
    "The law was passed in 2019.",
    "The vote is set for March 3.",
    "It was the third time the talks had failed.",
    "The meeting ended at 5 p.m.",
    "No one was hurt when the two countries met.",
])
def test_dates_years_times_and_ordinals_are_not_figures(extract_one, text):
    assert not extract_one(text).figures


def test_measure_is_what_the_number_counts(extract_one):
    rec = extract_one("Officials said 4,500 displaced families had returned home.")
    f = next(f for f in rec.figures if f.value == 4500)
    assert "displaced families" in f.measure


def test_reporter_is_the_speaker_of_the_statement(extract_one):
    rec = extract_one("Health Minister Ana Lopes said that 320 clinics had closed.")
    f = next(f for f in rec.figures if f.value == 320)
    assert rec.entities[f.reporter].name == "Ana Lopes"


def test_estimate_credits_its_subject(extract_one):
    rec = extract_one("Mexico estimates that 90,000 migrants crossed the river.")
    f = next(f for f in rec.figures if f.value == 90000)
    assert rec.entities[f.reporter].country == "MX"


def test_percentage_measure_is_what_it_is_a_share_of(extract_one):
    rec = extract_one("Nearly 40 percent of voters in the capital backed the plan.")
    f = next(f for f in rec.figures if f.value == 40)
    assert f.measure.startswith("voters")


@pytest.mark.parametrize("text", [
    "Parliament revoked Article 370 of the constitution.",
    "A 10-year-old boy was rescued from the river.",
    "Maria Lopes, 45, said she had lost her shop.",
    "Passengers of Flight 17 were rebooked.",
])
def test_names_ages_and_compound_adjectives_are_not_figures(extract_one, text):
    assert not extract_one(text).figures
