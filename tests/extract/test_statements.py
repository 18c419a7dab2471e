"""Statements: quotes in every style and reported speech, each credited to the right speaker."""
import pytest

from .helpers import speaker_name, statements_by

CASES = [
    # direct quote, inverted attribution with a titled name
    ('"We will not back down on the reform," said Foreign Minister Elena Marquez.',
     "We will not back down on the reform", "Elena Marquez", True),
    # curly quotes, attribution first
    ("Finance Minister Otto Lindqvist said: “The budget is balanced for the first time in a decade.”",
     "The budget is balanced for the first time", "Otto Lindqvist", True),
    # reported speech with "that"
    ("Prime Minister Tomas Berg said that the northern border would reopen next week.",
     "the northern border would reopen next week", "Tomas Berg", False),
    # reported speech without "that", clause first
    ("The dam will be finished by spring, officials in Kenya said on Monday.",
     "The dam will be finished by spring", "Kenya", False),
    # accuse ... of
    ("Chile's government accused Bolivia of violating the water treaty.",
     "accused Bolivia of violating the water treaty", "Chile", False),
    # urge
    ("The United Nations urged Ghana to reconsider the ban on street vendors.",
     "urged Ghana to reconsider the ban", "United Nations", False),
    # according to
    ("Cases rose sharply in the northern provinces, according to the World Health Organization.",
     "Cases rose sharply in the northern provinces", "World Health Organization", False),
    # rejected, pronoun subject resolved to the last named person
    ("Opposition leader Karim Haddad spoke in parliament. He rejected the budget as a betrayal of voters.",
     "rejected the budget as a betrayal of voters", "Karim Haddad", False),
    # denied, government by capital city
    ("Ankara denied that its troops had crossed the frontier.",
     "its troops had crossed the frontier", "Turkey", False),
    # called for
    ("President Lina Sorensen called for an independent inquiry into the shooting.",
     "called for an independent inquiry into the shooting", "Lina Sorensen", False),
    # warned
    ("Health Minister Ana Lopes warned that hospitals would run out of beds within a week.",
     "hospitals would run out of beds within a week", "Ana Lopes", False),
]


@pytest.mark.parametrize("text, fragment, speaker, direct", CASES)
def test_statement_and_speaker(extract_one, text, fragment, speaker, direct):
    rec = extract_one(text)
    found = statements_by(rec, fragment)
    assert found, f"no statement containing {fragment!r}; got {[s.text for s in rec.statements]}"
    assert speaker in speaker_name(rec, found[0])
    assert found[0].direct is direct


def test_quote_over_two_sentences_continues_the_named_speaker(extract_one):
    rec = extract_one("Health Minister Ana Lopes visited the clinic on Friday. "
                      '"The plan is dead. We will start again from scratch," she said.')
    found = statements_by(rec, "We will start again from scratch")
    assert found and speaker_name(rec, found[0]) == "Ana Lopes"
    assert "The plan is dead" in found[0].text


def test_bare_quote_paragraph_continues_the_previous_speaker(extract_one):
    rec = extract_one('"Our farmers cannot wait any longer," Agriculture Minister Pedro Alves told reporters.\n\n'
                      '"The rains will not come back by themselves."')
    found = statements_by(rec, "The rains will not come back")
    assert found and speaker_name(rec, found[0]) == "Pedro Alves"


def test_spokesman_description_resolves_to_the_named_spokesman(extract_one):
    rec = extract_one("Government spokesman Ali Reza Farahani spoke on Monday. "
                      '"The talks have failed and we are leaving the table," the spokesman said.')
    found = statements_by(rec, "The talks have failed")
    assert found and speaker_name(rec, found[0]) == "Ali Reza Farahani"


def test_unnamed_official_is_a_speaker_of_its_own_tied_to_its_government(extract_one):
    rec = extract_one('"There is no deal yet and there will not be one this week," a senior Kenyan official said.')
    found = statements_by(rec, "There is no deal yet")
    assert found
    who = rec.entities[found[0].speaker]
    assert who.unnamed and "official" in who.name
    assert rec.entities[who.government].country == "KE"


def test_the_official_refers_back_to_the_unnamed_official(extract_one):
    rec = extract_one('"We have closed the crossing," a Foreign Ministry official said. '
                      '"It will stay closed until further notice," the official added.')
    a, b = statements_by(rec, "We have closed"), statements_by(rec, "It will stay closed")
    assert a and b and a[0].speaker == b[0].speaker


def test_signed_post_is_a_direct_statement_of_its_author(extract_one):
    rec = extract_one("Labour Minister Maria Costa posted on social media.\n"
                      "We stand with the farmers. The new rules are unfair and will be withdrawn.\n"
                      "— Maria Costa (@mcosta) May 2, 2024")
    found = statements_by(rec, "The new rules are unfair")
    assert found and found[0].direct and speaker_name(rec, found[0]) == "Maria Costa"


def test_scare_quotes_are_not_statements(extract_one):
    rec = extract_one('The mayor called the plan "reckless" on Tuesday.')
    assert not statements_by(rec, "reckless") or all(len(s.text.split()) > 2 for s in rec.statements)


def test_an_outlet_reporting_on_its_own_is_the_speaker(extract_one):
    rec = extract_one("Fuel prices rose by a third last month, The Harbour Times reported.")
    found = statements_by(rec, "Fuel prices rose by a third")
    assert found and speaker_name(rec, found[0]) == "Harbour Times"


@pytest.mark.parametrize("text", [
    "The harbour will close for repairs, Mayor Ida Brun said, The Harbour Times reported.",
    "Mayor Ida Brun told The Harbour Times that the harbour will close for repairs.",
])
def test_an_outlet_that_only_carries_the_words_is_not_the_speaker(extract_one, text):
    rec = extract_one(text)
    found = statements_by(rec, "the harbour will close for repairs") or statements_by(rec, "The harbour will close")
    assert found and {speaker_name(rec, s) for s in found} == {"Ida Brun"}


def test_called_x_y_is_a_statement(extract_one):
    rec = extract_one('Prime Minister Ivan Petrov called the sanctions "an act of economic war".')
    found = statements_by(rec, "called the sanctions")
    assert found and speaker_name(rec, found[0]) == "Ivan Petrov"


def test_asking_not_to_be_named_is_not_a_statement(extract_one):
    rec = extract_one("A senior Treasury official, who asked not to be named, said the tax would be reviewed.")
    assert not statements_by(rec, "not to be named")
    assert statements_by(rec, "the tax would be reviewed")


def test_spokesperson_of_an_organization_is_not_an_official(extract_one):
    rec = extract_one("The Refugee Relief Foundation said it was in contact with the camps. "
                      "A Foundation spokesperson said checks were a last resort.")
    found = statements_by(rec, "checks were a last resort")
    who = rec.entities[found[0].speaker]
    assert who.unnamed and who.kind == "person" and rec.entities[who.government].name == "Refugee Relief Foundation"


def test_spokesperson_of_the_european_commission_speaks_for_the_eu(extract_one):
    rec = extract_one("The European Commission said it was in contact with Rome. "
                      "A Commission spokesperson said checks were a last resort.")
    found = statements_by(rec, "checks were a last resort")
    who = rec.entities[found[0].speaker]
    assert who.unnamed and who.kind == "official" and rec.entities[who.government].name == "European Union"


def test_dateline_does_not_hide_the_subject(extract_one):
    rec = extract_one("LIMA, May 2 - Peru's government said the state of emergency would be lifted.")
    found = statements_by(rec, "the state of emergency would be lifted")
    assert found and rec.entities[found[0].speaker].country == "PE"


def test_headline_and_dateline_are_not_part_of_the_first_statement(extract_one):
    rec = extract_one("Port Strike Ends After Deal\n\nROTTERDAM (Wire) - Dockers will return to work on Monday, "
                      "Transport Minister Eva Smit said.")
    found = statements_by(rec, "Dockers will return to work on Monday")
    assert found and found[0].text.startswith("Dockers") and speaker_name(rec, found[0]) == "Eva Smit"


def test_a_leaders_spokesman_is_not_the_leader(extract_one):
    rec = extract_one("Prime Minister Tomas Berg met the unions. Mr Berg's spokesman said talks would continue.")
    found = statements_by(rec, "talks would continue")
    who = rec.entities[found[0].speaker]
    assert who.unnamed and "spokesman" in who.name


def test_party_leader_is_a_person(extract_one):
    rec = extract_one("Labour leader Keir Starmer said his party would scrap the scheme.")
    assert rec.entities[statements_by(rec, "would scrap the scheme")[0].speaker].kind == "person"


def test_person_the_tagger_calls_an_organization(extract_one):
    rec = extract_one('"This is a dark day for justice," said Sacha Deshmukh, chief executive of the charity.')
    found = statements_by(rec, "This is a dark day")
    assert found and rec.entities[found[0].speaker].kind == "person"


def test_police_said(extract_one):
    rec = extract_one("Five people were injured at a protest outside the plant, police said.")
    found = statements_by(rec, "Five people were injured")
    assert found and rec.entities[found[0].speaker].name == "police"


def test_told_that_without_a_parsed_clause(extract_one):
    rec = extract_one("A senior Iranian official, speaking on condition of anonymity, told Reuters that about "
                      "30 percent of those targeted held expired permits.")
    found = statements_by(rec, "30 percent of those targeted")
    assert found and rec.entities[found[0].speaker].unnamed


def test_group_with_a_ministry_governs(extract_one):
    rec = extract_one("The Houthis' interior ministry urged Riyadh to halt the strikes.")
    found = statements_by(rec, "urged Riyadh to halt the strikes")
    assert found and rec.entities[found[0].speaker].kind == "government"


def test_state_name_in_an_officials_phrase_is_not_an_organization(extract_one):
    rec = extract_one("The Kenya Wildlife Service (KWS) counted the herds. The Kenya official said the count "
                      "would be repeated.")
    who = rec.entities[statements_by(rec, "the count would be repeated")[0].speaker]
    assert who.kind == "official" and rec.entities[who.government].country == "KE"
