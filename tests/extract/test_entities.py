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


# ---------------------------------------------------------------- names of every shape
@pytest.mark.parametrize("text, name", [
    # inner capitals
    ("Senator Ewan McTavish said the harbour would close.", "Ewan McTavish"),
    ("Governor Rhona DeVries opened the new bridge.", "Rhona DeVries"),
    # particles
    ("Trade Minister Karel van der Molen signed the accord.", "Karel van der Molen"),
    # initials
    ("Finance Secretary K. R. Ramesh presented the accounts.", "K. R. Ramesh"),
    # hyphens
    ("Mayor Anna-Lena Berger-Holt closed the market.", "Anna-Lena Berger-Holt"),
    # an abbreviated given name is part of the name, not the end of a sentence
    ("Foreign Affairs spokesperson Md. Karim Uddin rejected the claim.", "Md. Karim Uddin"),
])
def test_names_of_every_shape(extract_one, text, name):
    rec = extract_one(text)
    assert name in {e.name for e in rec.entities.values() if e.kind in (OFFICIAL, PERSON)}, \
        [e.name for e in rec.entities.values()]


def test_a_weekday_after_a_name_is_not_part_of_it(extract_one):
    rec = extract_one("A meeting chaired by President Oskar Lind Thursday approved the plan.")
    assert "Oskar Lind" in names(rec, OFFICIAL)


def test_quoted_nickname_is_another_name_of_the_person(extract_one):
    rec = extract_one('President Tomas "Tommo" Varga announced the budget. Tommo said it was fair.')
    varga = [e for e in rec.entities.values() if e.kind == OFFICIAL]
    assert len(varga) == 1 and varga[0].name == "Tomas Varga" and "Tommo" in varga[0].names
    assert len(varga[0].mentions) == 2


@pytest.mark.parametrize("text", ["Rescuers reached Tanvir Shoal on Monday.", "Crowds filled Vesna Square."])
def test_places_are_not_people(extract_one, text):
    assert not [e for e in extract_one(text).entities.values() if e.kind in (PERSON, OFFICIAL)]


# ---------------------------------------------------------------- titles on both sides of a name
@pytest.mark.parametrize("text, name, title, country", [
    ("U.S. Defense Secretary Tom Hale visited the base.", "Tom Hale", "Defense Secretary", "US"),
    ("Federal Judge Ana Ruiz blocked the order.", "Ana Ruiz", "Federal Judge", None),
    ("Minister of State for Finance Dev Rao tabled the bill.", "Dev Rao", "Minister of State for Finance", None),
    ("Kenya's Agriculture Cabinet Secretary Mary Wanjiru toured the farms.", "Mary Wanjiru",
     "Agriculture Cabinet Secretary", "KE"),
    # an honorific between the title and the name
    ("Principal Secretary for Health Dr Amal Haddad met the nurses.", "Amal Haddad",
     "Principal Secretary for Health", None),
    # a coordination of titles: the government one makes the official
    ("Nepali Home Minister and party chief Lata Rao spoke.", "Lata Rao", "Home Minister", "NP"),
    # a party before a legislator's title
    ("Green senator Tara Nolan opposed the bill.", "Tara Nolan", "Green senator", None),
])
def test_titles_before_the_name(extract_one, text, name, title, country):
    rec = extract_one(text)
    official = next(e for e in rec.entities.values() if name in e.name)
    assert official.kind == OFFICIAL and official.title == title
    if country:
        assert rec.entities[official.government].country == country


@pytest.mark.parametrize("text, name, title, country", [
    ("Lena Park, head of the Ministry of Trade, said exports fell.", "Lena Park", "head of the Ministry of Trade",
     None),
    ("The country's ambassador, Omar Said, left the talks early.", "Omar Said", "ambassador", None),
    ("Marta Ilic, Serbia's foreign minister, arrived on Monday.", "Marta Ilic", "foreign minister", "RS"),
])
def test_titles_after_or_around_the_name(extract_one, text, name, title, country):
    rec = extract_one(text)
    official = next(e for e in rec.entities.values() if e.name == name)
    assert official.kind == OFFICIAL and title in official.title
    if country:
        assert rec.entities[official.government].country == country


@pytest.mark.parametrize("text, name, org", [
    ("Relief Now chief Ruth Mbeki said aid was late.", "Ruth Mbeki", "Relief Now"),
    ("Tomas Lind, an economist at the Baltic Institute, said prices would rise.", "Tomas Lind", "Baltic Institute"),
])
def test_a_title_in_an_organization_makes_a_person_of_it(extract_one, text, name, org):
    rec = extract_one(text)
    person = next(e for e in rec.entities.values() if e.name == name)
    assert person.kind == PERSON
    assert person.organization and rec.entities[person.organization].name == org


def test_a_title_standing_for_a_named_person_is_that_person(extract_one):
    rec = extract_one("The finance minister announced a tax on sugar on Monday. Jorge Lima said the tax "
                      "would fund clinics.")
    lima = next(e for e in rec.entities.values() if e.name == "Jorge Lima")
    assert lima.kind == OFFICIAL and "finance minister" in lima.title.lower()
    assert len(lima.mentions) == 2


def test_a_capitalised_title_abbreviation_is_the_person_with_that_title(extract_one):
    rec = extract_one("Chief Minister Rohan Das toured the flooded district. The CM ordered relief camps.")
    das = next(e for e in rec.entities.values() if e.name == "Rohan Das")
    assert len(das.mentions) == 2
    assert not [e for e in rec.entities.values() if e.kind == ORGANIZATION]


# ---------------------------------------------------------------- governments
@pytest.mark.parametrize("text", [
    "The European Union adopted the package.",
    "The EU said the talks would resume.",
    "The European Commission proposed new rules.",
    "Brussels warned against the plan.",
])
def test_the_european_union_is_a_government(extract_one, text):
    assert "EU" in govs(extract_one(text))


def test_eu_commissioner_is_an_official_of_the_eu(extract_one):
    rec = extract_one("EU Commissioner Petra Novak said the rules were final.")
    novak = next(e for e in rec.entities.values() if e.name == "Petra Novak")
    assert novak.kind == OFFICIAL and rec.entities[novak.government].country == "EU"


@pytest.mark.parametrize("text, code, body", [
    ("The Chilean Embassy said the visas were valid.", "CL", "Chilean Embassy"),
    ("The Election Commission of Ghana postponed the vote.", "GH", "Election Commission of Ghana"),
    ("Ghana's economy slowed. The Ministry of Trade said exports fell.", "GH", "Ministry of Trade"),
    ("Peru's navy sailed. The Peruvian Coast Guard said three boats sank.", "PE", "Peruvian Coast Guard"),
])
def test_state_bodies_speak_for_their_state(extract_one, text, code, body):
    rec = extract_one(text)
    gov = next(e for e in rec.entities.values() if e.kind == GOVERNMENT and e.country == code)
    assert body in gov.names
    assert not [e for e in rec.entities.values() if e.kind == ORGANIZATION and e.name == body]


def test_an_acronym_spelled_by_a_state_body_is_that_state(extract_one):
    rec = extract_one("Peru's Department of Foreign Investment closed the office. A DFI official said it would "
                      "reopen.")
    gov = next(e for e in rec.entities.values() if e.country == "PE")
    assert "DFI" in gov.names


@pytest.mark.parametrize("text", [
    "The World Health Organization said cases fell.",
    "The International Energy Agency cut its forecast.",
])
def test_international_bodies_are_not_a_states_government(extract_one, text):
    assert not govs(extract_one(text))


def test_a_government_named_by_a_common_noun_is_the_state_of_the_sentence(extract_one):
    rec = extract_one("Bolivian farmers protested after the government raised fuel prices.")
    gov = next(e for e in rec.entities.values() if e.country == "BO")
    assert any("government" in text_of_span(m) for m in gov.mentions)


def test_the_nearest_country_of_the_sentence_beats_a_demonym_before_it(extract_one):
    """"Of 3 million Syrians living in Jordan, the government says ...": Jordan's government, not Syria's."""
    rec = extract_one("Of the 3 million Syrians living in Jordan, the government says half have work permits.")
    gov = next(e for e in rec.entities.values() if any("government" in text_of_span(m) for m in e.mentions))
    assert gov.country == "JO"


def text_of_span(span):
    return span.text.lower()


def test_a_party_in_government_is_its_states_government(extract_one):
    rec = extract_one("Norway's economy grew. The Labour government said taxes would stay.")
    assert govs(rec) == {"NO"}


def test_a_party_leadership_race_is_no_government(extract_one):
    rec = extract_one("Ministers are preparing for the NDP leadership race in the autumn.")
    assert not [e for e in rec.entities.values() if e.kind == GOVERNMENT and e.group]


def test_states_listed_as_places_are_not_governments(extract_one):
    rec = extract_one("The targeted firms are based in Peru, Chile and Bolivia, the ministry said.")
    assert not govs(rec) & {"PE", "CL", "BO"}


def test_the_money_of_a_story_names_its_state(extract_one):
    rec = extract_one("The government will raise taxes by £12bn, the chancellor said.")
    assert govs(rec) == {"GB"}


def test_a_description_is_not_another_name(extract_one):
    rec = extract_one("Japan will spend more on defence. The federal government said the budget would grow.")
    gov = next(e for e in rec.entities.values() if e.country == "JP")
    assert not any("government" in n.lower() for n in gov.names)


def test_a_dateline_city_is_the_state_a_story_is_filed_from(extract_one):
    rec = extract_one("MOMBASA: Officials said the port would reopen on Monday.")
    found = rec.statements[0]
    assert rec.entities[found.speaker].country == "KE"


@pytest.mark.parametrize("text, code", [
    ("Valletta, Dec. 16, (Wire) – Ministers of the island agreed on the plan.", "MT"),
    ("SANTO DOMINGO, Dominican Republic (Wire) — The fishing fleet stayed in port.", "DO"),
    ("Brussels, May 2 (Wire) – Foreign ministers agreed to extend the sanctions.", "EU"),
])
def test_a_dateline_is_no_part_of_the_first_sentence(extract_one, text, code):
    rec = extract_one(text)
    doc_sentences = [s for s in rec.article.body.split("\n") if s]
    assert rec.entities  # the story's state was found from the dateline
    assert any(e.country == code for e in rec.entities.values() if e.kind == "government") or \
        any(rec.entities[p.issuer].country == code for p in rec.policies), doc_sentences


def test_outlets_reposting_wire_copy_do_not_place_the_story(extract_one, nlp):
    from kg.ingest import parse_article
    from kg.pipeline import extract

    article = parse_article("source: https://news.example.gh/story\n\nBrussels, May 2 (Wire) – Twenty ships were "
                            "placed under sanctions on Monday.", identifier="t.txt")
    [rec] = list(extract(nlp, [article]))
    assert [rec.entities[p.issuer].country for p in rec.policies] == ["EU"]


@pytest.mark.parametrize("text, name, gender", [
    ("Ms Varga said she would not run again.", "Varga", "female"),
    ("Widely expected to win, Mr Okafor said he would campaign everywhere.", "Okafor", "male"),
])
def test_a_name_after_an_honorific_is_a_person_whatever_the_tagger_says(extract_one, text, name, gender):
    rec = extract_one(text)
    people = [e for e in rec.entities.values() if e.kind == PERSON]
    assert [(e.name, e.gender) for e in people] == [(name, gender)]


def test_merging_a_short_name_keeps_the_other_entities_in_the_text_order(nlp):
    from kg.extract.entities.table import EntityTable

    doc = nlp("Mira Tolvanen met Finland's envoy. Tolvanen spoke later.")
    table = EntityTable(doc)
    table.get_or_create("person:mira tolvanen", PERSON, "Mira Tolvanen")
    table.get_or_create("gov:FI", GOVERNMENT, "Finland")
    table.get_or_create("person:tolvanen", PERSON, "Tolvanen")
    table.mention("person:mira tolvanen", 0, 2)
    table.mention("gov:FI", 3, 4)
    table.mention("person:tolvanen", 7, 8)
    table.drop(table.entities["person:tolvanen"], replacement="person:mira tolvanen")
    assert table.order == [(0, "person:mira tolvanen"), (3, "gov:FI"), (7, "person:mira tolvanen")]


def test_a_prime_minister_without_a_country_serves_the_state_that_acts_in_the_story(extract_one):
    rec = extract_one(
        "Norway tightens rules after dispute with Swedish hauliers\n\n"
        "Prime Minister Eirik Lundgaard told reporters that Norway would close two crossings. "
        "Swedish hauliers and Swedish drivers blocked the road with Swedish trucks. "
        "Norway said the crossings would stay shut. Norway has asked for talks. "
        "Lundgaard said the decision was final. Lundgaard added that Norway would review it in spring.")
    pm = next(e for e in rec.entities.values() if e.kind == OFFICIAL)
    assert rec.entities[pm.government].country == "NO"


@pytest.mark.parametrize("text, state", [
    ("A senior official in the southern province of Sindh said the schools would reopen.", "PK"),
    ("An official in Bavaria said the bridge would stay closed until June.", "DE"),
])
def test_an_official_in_a_named_region_serves_its_state_and_the_region_is_no_person(extract_one, text, state):
    rec = extract_one(text)
    assert not [e for e in rec.entities.values() if e.kind == PERSON]
    official = next(e for e in rec.entities.values() if e.kind == OFFICIAL)
    assert rec.entities[official.government].country == state


def test_a_title_inside_the_taggers_name_is_read_as_the_title(extract_one):
    rec = extract_one("Flood money delayed\n\nCouncillor Piet Vos: “The money was promised long ago and never arrived.”")
    vos = next(e for e in rec.entities.values() if e.kind == OFFICIAL)
    assert vos.name == "Piet Vos" and vos.title == "Councillor"


@pytest.mark.parametrize("text, name, country", [
    ("Sri Lankan President Anura Mendis dissolved parliament on Monday.", "Anura Mendis", "LK"),
    ("The Sri Lankan president, Anura Mendis, dissolved parliament on Monday.", "Anura Mendis", "LK"),
    ("South African Health Minister Thabo Nkosi said the clinics were full.", "Thabo Nkosi", "ZA"),
    ("The North Korean envoy, Ri Chol, left the talks early.", "Ri Chol", "KP"),
])
def test_a_state_named_in_two_words_designates_the_title(extract_one, text, name, country):
    rec = extract_one(text)
    official = next(e for e in rec.entities.values() if e.kind == OFFICIAL)
    assert official.name == name and rec.entities[official.government].country == country
    assert not [e for e in rec.entities.values() if e.kind in (PERSON, ORGANIZATION)]
