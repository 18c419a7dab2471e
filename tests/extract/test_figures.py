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


# ---------------------------------------------------------------- money and magnitudes as newsrooms write them
@pytest.mark.parametrize("text, value, unit", [
    ("The chancellor will raise £3bn from the levy.", 3_000_000_000, "GBP"),
    ("The firm was fined $5m for the spill.", 5_000_000, "USD"),
    ("The fund holds €2.5bn in bonds.", 2_500_000_000, "EUR"),
    ("Exports reached C$29.8 billion last year.", 29_800_000_000, "CAD"),
    ("Each family gets Rs 7 lakh under the scheme.", 700_000, "rupees"),
    ("The package is worth 2 trillion yen.", 2_000_000_000_000, "JPY"),
    ("Fuel now sells at N480 per litre in Lagos.", 480, "NGN"),
    ("Bulk oil fetches Rp 19,650 a litre in Medan.", 19_650, "IDR"),
    ("The plan costs A$40m over four years.", 40_000_000, "AUD"),
    ("The deficit reached $2.174T, the office said.", 2_174_000_000_000, "USD"),
])
def test_money(extract_one, text, value, unit):
    rec = extract_one(text)
    assert (value, unit) in {(f.value, f.unit) for f in rec.figures}, [(f.value, f.unit) for f in rec.figures]


@pytest.mark.parametrize("text, value", [
    ("About 1.2m people live in the valley.", 1_200_000),
    ("Some 10 000 fans filled the stadium.", 10_000),
    ("Output fell by -3.5% in the quarter.", -3.5),
    ("Two-thirds of voters backed the plan.", 2 / 3),
    ("A hundred and two villages were flooded.", 102),
    ("Fifty-two vessels were added to the list.", 52),
    ("Nearly two dozen officers joined the mission.", 24),
])
def test_magnitudes(extract_one, text, value):
    values = [f.value for f in extract_one(text).figures]
    assert any(abs(v - value) < 1e-6 for v in values), values


def test_a_range_gives_both_ends(extract_one):
    rec = extract_one("The unit will grow to 700 to 800 soldiers.")
    assert {700, 800} <= {f.value for f in rec.figures}


def test_x_of_y_gives_both_numbers(extract_one):
    assert {14, 24} <= {f.value for f in extract_one("Militants carried out 14 of 24 attacks.").figures}


@pytest.mark.parametrize("text, value, unit", [
    ("The subsidies will run for three months.", 3, "months"),
    ("The country has 10 years to reach the target.", 10, "years"),
    ("The commission imposed a 24-hour ban on the candidate.", 24, "hours"),
    ("The cabinet approved a two-year cap on permits.", 2, "years"),
])
def test_durations_of_measures(extract_one, text, value, unit):
    rec = extract_one(text)
    assert (value, unit) in {(f.value, f.unit) for f in rec.figures}


@pytest.mark.parametrize("text, value, measure", [
    ("A 380-member security unit arrived on the island.", 380, "security unit"),
    ("The ministry sent a three-member team to the district.", 3, "team"),
])
def test_counts_written_as_compounds(extract_one, text, value, measure):
    f = next(f for f in extract_one(text).figures if f.value == value)
    assert measure in f.measure


@pytest.mark.parametrize("text", [
    "The 10-year-old boy was found safe.",
    "Ana Lopes, 45, said she would appeal.",
    "The deaths occurred five years ago.",
    "Cases rose in the past two days.",
    "Talks resume at 8 pm on Monday.",
])
def test_ages_times_and_names_are_not_figures(extract_one, text):
    rec = extract_one(text)
    assert not [f for f in rec.figures if f.value in (10, 45, 5, 2, 8, 75)], [f.surface.text for f in rec.figures]


def test_a_headline_number_is_not_a_figure_of_its_own(extract_one):
    rec = extract_one("Fuel Tax To Rise 12%\n\nThe fuel tax will rise 12% in May, the minister said.")
    assert len([f for f in rec.figures if f.value == 12]) == 1


def test_a_repeated_figure_is_one_figure_written_twice(extract_one):
    rec = extract_one("The commission imposed a 24-hour ban on the candidate. The ban of 24 hours starts at noon.")
    [f] = [f for f in rec.figures if f.value == 24]
    assert len(f.mentions) == 1


@pytest.mark.parametrize("text, value", [
    ("About 2.500 people fled the town.", 2500),
    ("The fund holds 12.500.000 euros.", 12_500_000),
    ("Some 1 200 families were moved.", 1200),
    ("Growth was 3.125 percent last year.", 3.125),
])
def test_numbers_grouped_by_dots_or_spaces_are_never_split_or_misread(extract_one, text, value):
    values = [f.value for f in extract_one(text).figures]
    assert values and values[0] == pytest.approx(value), values


@pytest.mark.parametrize("text, value, measure", [
    ("Of the 20,000 workers at the plant, 3,000 are unemployed.", 3000, "unemployed workers"),
    ("About 5,000 families fled the region last year, and 2,000 were displaced again.", 2000, "displaced families"),
])
def test_a_bare_number_in_a_state_counts_the_sentences_earlier_noun(extract_one, text, value, measure):
    f = next(f for f in extract_one(text).figures if f.value == value)
    assert f.measure == measure



@pytest.mark.parametrize("text, surface, measure", [
    # a share or a sum a preposition hangs on a verb measures what the verb changes
    ("The ministry will cut the number of work permits by 35 per cent next year.", "35 per cent",
     "number of work permits"),
    ("The payroll tax rate will rise from 11.5% to 13% in April.", "11.5%", "payroll tax rate"),
    ("The payroll tax rate will rise from 11.5% to 13% in April.", "13%", "payroll tax rate"),
    ("The average price of rice rose to 19,650 pesos in March.", "19,650 pesos", "average price of rice"),
    # a sum spent on something
    ("The cabinet set aside 300 million pesos for flood barriers.", "300 million pesos", "flood barriers"),
    # a price per unit, glued or spelled out
    ("Rice will be sold below 14,000 pesos a kilogram at state markets.", "14,000 pesos", "price per kilogram"),
    ("Petrol now sells at N570 per litre in the capital.", "N570", "price per litre"),
    # a number of units with nothing else named: what the unit measures
    ("The island lies nearly 400 kilometers south of the mainland.", "400", "distance"),
    # both ends of a range count the same thing
    ("The regiment will have some 500 to 600 soldiers by next year.", "500", "soldiers"),
])
def test_what_a_number_measures(extract_one, text, surface, measure):
    found = {f.surface.text: f.measure for f in extract_one(text).figures}
    assert found.get(surface) == measure, found


def test_a_duration_takes_no_measure_from_a_noun_after_it(extract_one):
    found = extract_one("The aid will be paid for three months, sources in the ministry said.").figures
    assert [f.measure for f in found if f.unit == "months"] in ([None], [])
