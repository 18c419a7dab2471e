"""Sub-national governments: a region's or a city's government, from its officials' titles and from the
phrases that name it, as a Government of its own that is part of its state."""
import pytest

from kg.extract.records import GOVERNMENT, OFFICIAL


def divisions(rec):
    return {(e.name, e.division, e.within) for e in rec.entities.values() if e.kind == GOVERNMENT and e.division}


def official(rec, surname):
    return next(e for e in rec.entities.values() if e.kind == OFFICIAL and surname in e.name)


@pytest.mark.parametrize("text, surname, region", [
    ("BENGALURU: Karnataka Chief Minister Ravi Kumar said the state would hire 5,000 teachers.", "Kumar",
     ("Karnataka", "state", "IN")),
    ("Alberta Premier Jane Holt said the province would cut fuel taxes.", "Holt", ("Alberta", "province", "CA")),
    ("Ohio Gov. Tom Reese signed the bill on Monday.", "Reese", ("Ohio", "state", "US")),
    ("Kano State Governor Musa Bello ordered the markets closed.", "Bello", ("Kano", "state", "NG")),
    ("Osaka Governor Kenji Mori asked residents to stay home.", "Mori", ("Osaka", "prefecture", "JP")),
])
def test_a_regional_title_makes_the_official_a_member_of_the_regions_government(extract_one, text, surname,
                                                                                region):
    rec = extract_one(text)
    assert divisions(rec) == {region}
    gov = rec.entities[official(rec, surname).government]
    assert (gov.name, gov.division, gov.within) == region


@pytest.mark.parametrize("text, surname, region", [
    ("The governor of Oregon, Lena Park, declared an emergency.", "Park", ("Oregon", "state", "US")),
    ("Lena Park, the governor of Oregon, declared an emergency.", "Park", ("Oregon", "state", "US")),
    ("Tom Hale, the mayor of Leeds, said bus fares would fall.", "Hale", ("Leeds", "city", "GB")),
])
def test_the_region_after_a_regional_title(extract_one, text, surname, region):
    rec = extract_one(text)
    gov = rec.entities[official(rec, surname).government]
    assert (gov.name, gov.division, gov.within) == region


def test_a_minister_of_a_named_region_serves_the_region(extract_one):
    rec = extract_one("Gujarat Health Minister Anil Desai said 40 cases were confirmed.")
    assert rec.entities[official(rec, "Desai").government].name == "Gujarat"


def test_a_senator_from_a_state_sits_in_the_national_legislature(extract_one):
    rec = extract_one("JERUSALEM: Ohio Senator Tom Reese criticised the plan after meeting Israeli officials.")
    assert not divisions(rec)
    assert rec.entities[official(rec, "Reese").government].country == "US"  # the region's state, not the story's


def test_a_former_regional_official_keeps_former_and_the_region(extract_one):
    rec = extract_one("Former Ohio Governor Tom Reese endorsed the candidate on Monday.")
    reese = official(rec, "Reese")
    assert reese.title == "Former Governor" and rec.entities[reese.government].name == "Ohio"


@pytest.mark.parametrize("text, region", [
    ("The Queensland government will cut electricity bills, officials said.", ("Queensland", "state", "AU")),
    ("Kano State Government has closed 20 markets.", ("Kano", "state", "NG")),
    ("The government of Sindh declared a public holiday.", ("Sindh", "province", "PK")),
    ("MUMBAI: The Gujarat state government declared a holiday.", ("Gujarat", "state", "IN")),
])
def test_a_region_named_with_government_is_a_government(extract_one, text, region):
    assert divisions(extract_one(text)) == {region}


def test_the_state_government_is_the_region_the_article_named(extract_one):
    rec = extract_one("Alberta Premier Jane Holt met farmers. The provincial government later raised subsidies.")
    [gov] = [e for e in rec.entities.values() if e.kind == GOVERNMENT and e.division]
    assert any(m.text == "provincial government" for m in gov.mentions)


def test_a_premier_named_without_a_place_serves_the_region_the_article_names(extract_one):
    rec = extract_one("The Manitoba government will cut gas taxes. Premier Jane Holt said the cut was needed.")
    assert rec.entities[official(rec, "Holt").government].name == "Manitoba"


def test_a_region_government_is_not_a_ruling_group(extract_one):
    rec = extract_one("The Sindh government banned gatherings, a spokesman said.")
    assert not [e for e in rec.entities.values() if e.kind == GOVERNMENT and e.group]


@pytest.mark.parametrize("text", [
    "Kenyan Health Minister Ann Wambui said cases rose.",
    "The Kabul government rejected the claim.",
    "Tesla Chief Executive Tom Reese said sales fell.",
    "The Labour government raised taxes.",
])
def test_states_capitals_companies_and_parties_are_no_regions(extract_one, text):
    assert not divisions(extract_one(text))


def test_a_hyphenated_surname_after_a_title_is_read_whole(extract_one):
    rec = extract_one("Governor Musa Adamu-Bello ordered the markets closed.")
    assert official(rec, "Bello").name == "Musa Adamu-Bello"


@pytest.mark.parametrize("text", [
    "Troops were stationed on Hokkaido's main island, officials said.",
    "Kano State borders Niger, and its markets draw traders from across the region.",
])
def test_a_region_the_tagger_calls_an_organization_is_none(extract_one, text):
    from kg.extract.records import ORGANIZATION

    rec = extract_one(text)
    assert not [e.name for e in rec.entities.values() if e.kind == ORGANIZATION]
