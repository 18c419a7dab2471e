"""Entities: governments by name, capital and description; officials by title; people and organizations."""
import pytest

from kg.extract.records import GOVERNMENT, OFFICIAL, ORGANIZATION, PERSON
from .helpers import names


def govs(rec):
    return {e.country or e.group for e in rec.entities.values() if e.kind == GOVERNMENT}


@pytest.mark.parametrize("text, expected", [
    ("Paris has rejected the proposal from the commission.", {"FR"}),
    ("The Kenyan government announced new taxes on Friday.", {"KE"}),
    ("Brazil's foreign ministry summoned the ambassador.", {"BR"}),
    ("The talks between Seoul and Tokyo resumed.", {"KR", "JP"}),
])
def test_governments(extract_one, text, expected):
    assert govs(extract_one(text)) >= expected


@pytest.mark.parametrize("text", [
    "Protesters gathered in Paris on Sunday.",
    "Thousands crossed into Chad from the camps.",
])
def test_places_are_not_governments(extract_one, text):
    assert not govs(extract_one(text))


def test_ruling_group_named_with_its_capital_is_that_state_government(extract_one):
    rec = extract_one("The Houthi-led administration in Sanaa condemned the strikes. The Houthi administration "
                      "said it would respond.")
    gov = [e for e in rec.entities.values() if e.kind == GOVERNMENT and e.group]
    assert gov and gov[0].country == "YE"


@pytest.mark.parametrize("text, name, title, country", [
    ("Interior Minister Jan Novak said the fence would be finished.", "Jan Novak", "Interior Minister", None),
    ("Kenyan Finance Minister Amos Otieno presented the budget.", "Amos Otieno", "Finance Minister", "KE"),
    ("Brazil's Foreign Minister Paulo Reis flew to Lisbon.", "Paulo Reis", "Foreign Minister", "BR"),
    ("Ines Duarte, the deputy governor of the province, visited the camp.", "Ines Duarte", "deputy governor", None),
])
def test_officials_with_titles(extract_one, text, name, title, country):
    rec = extract_one(text)
    official = next(e for e in rec.entities.values() if e.kind == OFFICIAL and e.name == name)
    assert official.title == title
    if country:
        assert rec.entities[official.government].country == country


def test_a_lawyer_is_a_person_not_an_official(extract_one):
    rec = extract_one("Jana Dvorak, a lawyer in Brno, said the ruling was unfair.")
    assert "Jana Dvorak" in names(rec, PERSON) and "Jana Dvorak" not in names(rec, OFFICIAL)


def test_surname_alone_is_the_person_named_in_full(extract_one):
    rec = extract_one("Interior Minister Jan Novak visited the border. Novak later said the fence would hold.")
    novak = [e for e in rec.entities.values() if e.kind == OFFICIAL]
    assert len(novak) == 1 and len(novak[0].mentions) == 2


def test_two_people_sharing_a_surname_stay_apart(extract_one):
    rec = extract_one("Prime Minister Ahmed Karimi spoke first. Sara Karimi, a lawyer, said he was wrong.")
    assert {"Ahmed Karimi", "Sara Karimi"} <= {e.name for e in rec.entities.values()}


def test_acronym_in_parentheses_is_the_organization(extract_one):
    rec = extract_one("The International Committee of the Red Cross (ICRC) said aid was blocked. "
                      "The ICRC called for access.")
    orgs = [e for e in rec.entities.values() if e.kind == ORGANIZATION]
    assert len(orgs) == 1 and "ICRC" in orgs[0].names


def test_documents_with_acronyms_are_not_organizations(extract_one):
    rec = extract_one("Holders of a National Identity Card (NIC) may stay.")
    assert not [e for e in rec.entities.values() if e.kind == ORGANIZATION]


def test_opposition_leader_is_a_person_with_a_title(extract_one):
    rec = extract_one("Opposition leader Maria Sanz urged voters to stay home.")
    person = next(e for e in rec.entities.values() if e.name == "Maria Sanz")
    assert person.kind == PERSON and person.title == "Opposition leader"


def test_department_word_is_part_of_the_title_not_a_government(extract_one):
    rec = extract_one("Chile's economy is slowing. Treasury Secretary Ana Vidal said rates would fall.")
    official = next(e for e in rec.entities.values() if e.name == "Ana Vidal")
    assert official.title == "Treasury Secretary"
    assert rec.entities[official.government].country == "CL"


def test_name_cut_by_the_tagger_is_completed(extract_one):
    rec = extract_one("Finance Minister Njeri Wa'kamau said the budget was fair.")
    assert any(e.name.startswith("Njeri") and len(e.name.split()) == 2 for e in rec.entities.values())


def test_state_name_inside_a_region_name_is_not_a_government(extract_one):
    rec = extract_one("Inflation is rising across Latin America, the bank said.")
    assert not govs(rec)


def test_home_office_is_the_government(extract_one):
    rec = extract_one("Britain will tighten visa rules. The Home Office said the changes start in April.")
    assert "Home Office" in next(e for e in rec.entities.values() if e.country == "GB").names


@pytest.mark.parametrize("text, code", [
    ("The Kremlin said the talks were useful.", "RU"),
    ("Downing Street rejected the report.", "GB"),
])
def test_seats_of_government_stand_for_it(extract_one, text, code):
    assert code in govs(extract_one(text))


def test_dateline_capital_decides_an_officials_state(extract_one):
    rec = extract_one("OTTAWA (Wire) - Tariffs rose sharply on Monday.\n\nPresident Ana Ruiz signed the order.")
    official = next(e for e in rec.entities.values() if e.name == "Ana Ruiz")
    assert rec.entities[official.government].country == "CA"


def test_leader_named_administration_is_the_government(extract_one):
    rec = extract_one("TOKYO - The Ishida administration announced a ban on fishing in the bay.")
    assert [rec.entities[p.issuer].country for p in rec.policies] == ["JP"]


def test_possessive_state_owns_the_ministry_in_a_title(extract_one):
    rec = extract_one("Canada said it would respond. China's foreign ministry spokesman Guo Jiakun said "
                      "there were no winners in a trade war.")
    official = next(e for e in rec.entities.values() if e.name == "Guo Jiakun")
    assert rec.entities[official.government].country == "CN"
