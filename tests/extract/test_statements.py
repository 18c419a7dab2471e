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


# ---------------------------------------------------------------- quotes in every shape
def test_a_quote_split_by_its_attribution_is_one_statement(extract_one):
    rec = extract_one("“The port will reopen on Friday,” Mayor Ines Alves said during a rally, “and the ferries "
                      "will run again.”")
    found = statements_by(rec, "The port will reopen on Friday")
    assert len(found) == 1 and "the ferries will run again" in found[0].text
    assert found[0].rule == "split-quote" and speaker_name(rec, found[0]) == "Ines Alves"


def test_an_unattributed_quote_paragraph_continues_the_last_speaker(extract_one):
    rec = extract_one("Health Minister Rui Costa said the clinics would open longer hours.\n\n"
                      "“Nobody will be turned away at the door of a public clinic,” he added.\n\n"
                      "“We have hired two hundred nurses for the winter months.")
    found = statements_by(rec, "We have hired two hundred nurses")
    assert found and speaker_name(rec, found[0]) == "Rui Costa"


def test_said_x_colon_quote(extract_one):
    rec = extract_one("Said Governor Omar Kante: “The dam is safe and the valley can stay.”")
    found = statements_by(rec, "The dam is safe")
    assert found and speaker_name(rec, found[0]) == "Omar Kante"


def test_according_to_x_with_a_quote(extract_one):
    rec = extract_one("According to Minister Lea Fontaine, “the border will stay open to traders.”")
    found = statements_by(rec, "the border will stay open to traders")
    assert found and speaker_name(rec, found[0]) == "Lea Fontaine"


def test_a_short_quote_framed_by_a_speech_verb(extract_one):
    rec = extract_one('Senator Amir Pasha called the plan "a disaster" for farmers.')
    found = [s for s in rec.statements if "a disaster" in s.text]
    assert found and speaker_name(rec, found[0]) == "Amir Pasha"


def test_a_quote_inside_a_reported_clause_is_the_clause(extract_one):
    rec = extract_one('President Mira Holm said the reform was "long overdue" and would pass by summer.')
    found = statements_by(rec, "the reform was")
    assert found and "would pass by summer" in found[0].text and found[0].direct


# ---------------------------------------------------------------- reported speech as newsrooms write it
@pytest.mark.parametrize("verb", ["noted", "stressed", "emphasised", "acknowledged", "specified", "insisted",
                                  "conceded", "reiterated", "disclosed", "argued"])
def test_newsroom_reporting_verbs(extract_one, verb):
    rec = extract_one(f"Finance Minister Olga Berg {verb} that the deficit would shrink next year.")
    found = statements_by(rec, "the deficit would shrink next year")
    assert found and speaker_name(rec, found[0]) == "Olga Berg" and found[0].verb == verb_lemma(verb)


def verb_lemma(form):
    return {"noted": "note", "stressed": "stress", "emphasised": "emphasise", "acknowledged": "acknowledge",
            "specified": "specify", "insisted": "insist", "conceded": "concede", "reiterated": "reiterate",
            "disclosed": "disclose", "argued": "argue"}[form]


def test_two_content_clauses_of_one_verb_are_two_statements(extract_one):
    rec = extract_one("The minister said that the bridge would be rebuilt and that the tolls would be scrapped.")
    a = statements_by(rec, "the bridge would be rebuilt")
    b = statements_by(rec, "the tolls would be scrapped")
    assert a and b and a[0] is not b[0] and a[0].speaker == b[0].speaker
    assert "tolls" not in a[0].text


def test_a_second_reporting_verb_makes_a_second_statement(extract_one):
    rec = extract_one("Premier Ada Roy reiterated that the talks would continue and assured that no jobs would "
                      "be lost.")
    a = statements_by(rec, "the talks would continue")
    b = statements_by(rec, "no jobs would be lost")
    assert a and b and "no jobs" not in a[0].text
    assert speaker_name(rec, b[0]) == "Ada Roy"


def test_a_participle_after_the_verb_is_a_statement_of_its_own(extract_one):
    rec = extract_one("Mayor Tove Lund said the budget was tight, adding that the library would stay open.")
    a = statements_by(rec, "the budget was tight")
    b = statements_by(rec, "the library would stay open")
    assert a and b and "library" not in a[0].text and speaker_name(rec, b[0]) == "Tove Lund"


@pytest.mark.parametrize("text, fragment, speaker", [
    ("Governor Sam Obi told the police chiefs to close the checkpoints by noon.",
     "to close the checkpoints by noon", "Sam Obi"),
    ("The chief minister Lata Rao directed officials to open water points in every market.",
     "to open water points in every market", "Lata Rao"),
    ("Senator Paul Kerr called on the ministry to publish the contracts.",
     "to publish the contracts", "Paul Kerr"),
])
def test_directives_report_what_someone_was_told_to_do(extract_one, text, fragment, speaker):
    rec = extract_one(text)
    found = statements_by(rec, fragment)
    assert found and found[0].rule == "directive" and speaker_name(rec, found[0]) == speaker


@pytest.mark.parametrize("text", [
    "The envoy, who asked not to be named, arrived late.",
    "The official called the mayor on Monday.",
    "After concluding that prices had stabilised, the government ended the scheme.",
])
def test_not_statements(extract_one, text):
    assert not extract_one(text).statements


# ---------------------------------------------------------------- who speaks
def test_pronouns_follow_gender_and_salience(extract_one):
    rec = extract_one("Minister Jane Roe met Senator Paul Kerr in the capital. She said the deal was close. "
                      "He said the talks would go on.")
    assert speaker_name(rec, statements_by(rec, "the deal was close")[0]) == "Jane Roe"
    assert speaker_name(rec, statements_by(rec, "the talks would go on")[0]) == "Paul Kerr"


@pytest.mark.parametrize("text", [
    "Tom Reyes told a town hall in Salem on Monday that the plan is “peanuts,” compared to what the city needs.",
    "Mayor Tom Reyes said the budget was «a disaster,» and left.",
    'Mayor Tom Reyes said that "we need more time" before the vote.',
    "Mayor Tom Reyes said that “we need more time” before the vote.",
])
def test_a_statement_holding_a_quote_holds_both_its_marks(extract_one, text):
    found = extract_one(text).statements
    assert found
    for s in found:
        assert s.text.count("“") == s.text.count("”") and s.text.count("«") == s.text.count("»"), s.text
        assert s.text.count('"') % 2 == 0, s.text


@pytest.mark.parametrize("text, fragment, speaker", [
    ("Senator Ivo Brandt spoke first about the vote. The Ohio Republican said the rules would stand.",
     "the rules would stand", "Ivo Brandt"),
    ("The developer Tom Reyes spoke in Reno on Sunday. The billionaire real estate magnate says a tackle that "
     "used to be praised now draws a penalty.", "a tackle that used to be praised", "Tom Reyes"),
    ("Ruth Lind came to the rally with Mark Olsen. The actress said she was tired of the old parties.",
     "she was tired of the old parties", "Ruth Lind"),  # the one woman in view
])
def test_a_description_sums_up_the_one_named_person_in_view(extract_one, text, fragment, speaker):
    rec = extract_one(text)
    found = statements_by(rec, fragment)
    assert found and speaker_name(rec, found[0]) == speaker


@pytest.mark.parametrize("text, fragment", [
    ("The agency hired a new lawyer. The Ohio Republican said the rules would stand.", "the rules would stand"),
    # two people in view: the description may be either, or somebody new
    ("Senator Ivo Brandt met Governor Tom Reyes in Dayton. The Ohio Republican said the rules would stand.",
     "the rules would stand"),
    ("Tom Reyes came to the rally with Mark Olsen. The actress said she was tired of the old parties.",
     "she was tired of the old parties"),
])
def test_a_description_with_nobody_or_several_in_view_is_nobodys(extract_one, text, fragment):
    assert not statements_by(extract_one(text), fragment)


def test_the_speaker_of_the_paragraph_keeps_speaking(extract_one):
    rec = extract_one("Ms Anna Lind, the transport minister, visited the depot where Mr Jon Berg showed her "
                      "the new trains. She said the line would open in May.")
    assert speaker_name(rec, statements_by(rec, "the line would open in May")[0]) == "Anna Lind"


def test_unnamed_sources_are_a_speaker_of_their_own(extract_one):
    rec = extract_one("The government plans to cut fuel duty in June, sources said.")
    found = statements_by(rec, "The government plans to cut fuel duty")
    who = rec.entities[found[0].speaker]
    assert who.unnamed and "sources" in who.name


@pytest.mark.parametrize("text, fragment, words", [
    ("Doctors say that hospital wards are full.", "hospital wards are full", "Doctors"),
    ("Local reports said that the river had burst its banks.", "the river had burst its banks", "reports"),
    ("Some in the ruling party have criticised the plan, calling it rushed.", "calling it rushed", "Some"),
    ("Aides to the mayor say she will not run again.", "she will not run again", "Aides to the mayor"),
    ("Lawyers for the two drivers said the charges would be dropped.", "the charges would be dropped",
     "Lawyers for the two drivers"),
    ("Friends of the couple told the court they had seen no sign of trouble.", "they had seen no sign",
     "Friends of the couple"),
])
def test_collectives_speak_as_groups(extract_one, text, fragment, words):
    rec = extract_one(text)
    found = [s for s in rec.statements if fragment in s.text or s.text in fragment]
    who = rec.entities[found[0].speaker]
    assert who.kind == "group" and who.unnamed and words in who.name


def test_an_agentless_passive_speaks_for_the_state_of_the_story(extract_one):
    rec = extract_one("KAMPALA - Uganda's cabinet met on Monday. At least 40 schools had closed, the cabinet "
                      "was told.")
    found = statements_by(rec, "At least 40 schools had closed")
    assert found and rec.entities[found[0].speaker].country == "UG"


def test_a_name_the_article_never_introduced_still_speaks(extract_one):
    rec = extract_one("Haldane said the committee would meet again in March.")
    found = statements_by(rec, "the committee would meet again")
    assert found and speaker_name(rec, found[0]) == "Haldane"


def test_a_quote_going_on_after_its_attribution_is_one_passage(extract_one):
    rec = extract_one("“There is more to be done,” Senator Ruth Alder said. “We need a plan for the ports.”")
    found = statements_by(rec, "There is more to be done")
    assert len(found) == 1 and "a plan for the ports" in found[0].text


@pytest.mark.parametrize("text, quote", [
    ('Governor Ben Oduya yelled “You lie!” at the crowd.', "You lie!"),
    ('“Really,” Mayor Lina Roth added.', "Really,"),
])
def test_a_short_quote_beside_its_verb_is_a_statement(extract_one, text, quote):
    rec = extract_one(text)
    assert any(quote.rstrip(",!") in s.text for s in rec.statements), [s.text for s in rec.statements]


def test_scare_quotes_stay_out(extract_one):
    rec = extract_one('The so-called “reform” was debated for hours, the minister Ann Lee said on Monday.')
    assert not [s for s in rec.statements if s.text.strip("“”") == "reform"]


def test_a_quote_below_said_colon_is_attributed(extract_one):
    rec = extract_one("Her adviser, Jake Moss, said:\n\n“The alliance is strongest when its members act together.”")
    found = statements_by(rec, "The alliance is strongest")
    assert found and speaker_name(rec, found[0]) == "Jake Moss"


@pytest.mark.parametrize("text, quote, speaker", [
    ("“Go back to your desk,” Mayor Tom Reyes barked at the aide.", "Go back to your desk", "Tom Reyes"),
    ("“You have broken every promise,” Senator Ana Costa charged in the debate.", "You have broken every promise",
     "Ana Costa"),
])
def test_verbs_that_only_frame_a_quote(extract_one, text, quote, speaker):
    rec = extract_one(text)
    found = statements_by(rec, quote)
    assert found and speaker_name(rec, found[0]) == speaker


def test_a_quote_framing_verb_reports_no_clause_of_its_own(extract_one):
    rec = extract_one("The ministry charged the company with fraud and fined it heavily.")
    assert not rec.statements


def test_a_participle_inside_the_reported_clause_is_a_statement_of_its_own(extract_one):
    rec = extract_one("Premier Ada Roy said the plan will depend on the provinces, stating “the federal government "
                      "can only do so much”.")
    a = statements_by(rec, "the plan will depend on the provinces")
    b = statements_by(rec, "the federal government can only do so much")
    assert a and b and a[0] is not b[0] and "federal" not in a[0].text
    assert speaker_name(rec, b[0]) == "Ada Roy"


def test_a_that_clause_the_parser_hung_on_a_noun_is_still_the_content(extract_one):
    rec = extract_one("Ms Varga said on Friday during a news conference in the capital that she would not run again.")
    assert [s.text for s in rec.statements] == ["she would not run again"]


def test_a_passive_participle_before_the_speaker_is_not_their_statement(extract_one):
    rec = extract_one("Widely expected to win the nomination, Mr Okafor said he would campaign in every state.")
    assert [(s.text, s.verb) for s in rec.statements] == [("he would campaign in every state", "say")]


@pytest.mark.parametrize("text, speaker", [
    ("The mayor leads her rival by 40 votes, according to a count by the Daily Courier.", "Daily Courier"),
    ("Turnout fell sharply, according to figures released by the Electoral Commission.", "Electoral Commission"),
    ("Jobs grew by 2 percent, according to a report from the Institute for Labour Studies.",
     "Institute for Labour Studies"),
])
def test_according_to_a_document_credits_its_author(extract_one, text, speaker):
    rec = extract_one(text)
    assert [(rec.entities[s.speaker].name, s.rule) for s in rec.statements] == [(speaker, "according-to")]


@pytest.mark.parametrize("text", [
    '"Only the mayor," Ms Holt shot back.',
    '"Not this year," Ms Holt answered.',
    '"We never agreed to that," Ms Holt fired back.',
])
def test_retorts_frame_a_quote(extract_one, text):
    rec = extract_one(text)
    assert [(rec.entities[s.speaker].name, s.direct) for s in rec.statements] == [("Holt", True)]


def test_a_second_speaker_coordinated_into_a_reported_clause_reports_on_their_own(extract_one):
    rec = extract_one("LIMA: Nurses say that cases have risen and the health officer has advised people not to go "
                      "out at noon.")
    said = {s.text: rec.entities[s.speaker].name for s in rec.statements}
    assert said["cases have risen"] == "Nurses"
    assert any("not to go out at noon" in text and who != "Nurses" for text, who in said.items())


def test_countries_that_express_support_are_a_speaker(extract_one):
    rec = extract_one("Twelve countries have expressed their support for the ceasefire and the talks.")
    assert [(rec.entities[s.speaker].name, s.rule) for s in rec.statements] == [("Twelve countries", "stance")]


def test_a_name_and_a_colon_opening_a_paragraph_label_the_quote_after_them(extract_one):
    rec = extract_one("Council meets over flooding\n\n"
                      "Mayor Ilse Brandt met residents on Tuesday.\n\n"
                      "Brandt: “We will rebuild the embankment before the rains come back.”\n\n"
                      "Councillor Piet Vos: “The money was promised two years ago and never arrived.”")
    quotes = {s.rule: s for s in rec.statements if s.rule == "quote-labelled"}
    assert speaker_name(rec, statements_by(rec, "rebuild the embankment")[0]) == "Ilse Brandt"
    assert speaker_name(rec, statements_by(rec, "never arrived")[0]) == "Piet Vos"
    assert quotes and all(s.direct for s in rec.statements if s.rule == "quote-labelled")


@pytest.mark.parametrize("text", [
    "Flood warning\n\nThe plan in one line: “rebuild the embankment before the rains come back.”",
    "Flood warning\n\nMayor Ilse Brandt said on Tuesday: “We will rebuild the embankment before the rains.”",
])
def test_a_label_that_names_no_speaker_or_holds_a_verb_is_no_label(extract_one, text):
    assert not [s for s in extract_one(text).statements if s.rule == "quote-labelled"]


def test_a_quote_under_a_label_naming_nobody_is_not_the_last_speakers(extract_one):
    rec = extract_one("Council meets over flooding\n\n"
                      "“We will rebuild the embankment before the rains,” Mayor Ilse Brandt said.\n\n"
                      "Moderator: “Why was the money promised two years ago never paid out to the town?”")
    assert not statements_by(rec, "never paid out")


@pytest.mark.parametrize("text, whole", [
    # the clause goes on after the quote
    ("Senator Lena Park said that “we need more time” before the vote on the dam.",
     "“we need more time” before the vote on the dam"),
    # the quote closes the clause, its last mark after the clause's end
    ("Senator Lena Park said the voters wanted to know if the town is “still worth saving.”",
     "the voters wanted to know if the town is “still worth saving.”"),
    # a comma inside the quote is no end of the clause
    ("Lena Park told reporters that the mayor has “taken every blow, and he is still standing.”",
     "the mayor has “taken every blow, and he is still standing.”"),
])
def test_a_reported_clause_holding_a_quote_is_one_statement(extract_one, text, whole):
    found = [s for s in extract_one(text).statements]
    assert [s.text for s in found] == [whole] and found[0].direct


@pytest.mark.parametrize("text", [
    "Senator Ray Dunn released the following statement: “Our thoughts are with the families of the miners.”",
    "Senator Ray Dunn issued this statement:\n\n“Our thoughts are with the families of the miners.”",
])
def test_a_released_statement_is_quoted_from_its_author(extract_one, text):
    found = statements_by(extract_one(text), "Our thoughts are with the families")
    assert found and speaker_name(extract_one(text), found[0]) == "Ray Dunn"


def test_words_after_a_quote_closed_by_a_comma_are_the_writers(extract_one):
    found = extract_one("Ray Dunn told the Ledger “We were wrong to wait so long,” in an interview.").statements
    assert [s.text for s in found] == ["We were wrong to wait so long"]


@pytest.mark.parametrize("text, fragment, speaker", [
    ("Mr. Halvorsen gloated: ''I told you he wouldn't be ready for the race.''", "I told you", "Halvorsen"),
    ("Tom Reddy, a former secretary of transport, put it: ''The trains are no longer late. They are gone.''",
     "The trains are no longer late", "Tom Reddy"),
])
def test_verbs_that_only_frame_a_quote(extract_one, text, fragment, speaker):
    rec = extract_one(text)
    found = statements_by(rec, fragment)
    assert found and speaker_name(rec, found[0]) == speaker and found[0].direct


def test_an_adverb_of_saying_before_a_quote_is_no_part_of_it(extract_one):
    found = extract_one("Bill Easton said matter-of-factly “We have had better conventions than this one,” "
                        "before walking off.").statements
    assert [s.text for s in found] == ["We have had better conventions than this one"]


def test_a_clause_inside_split_quotes_is_not_reported_again(extract_one):
    found = extract_one("Governor Ana Pruitt said “And while I am at it, I thank the volunteers,” "
                        "“and I fully support them.”").statements
    assert len(found) == 1 and found[0].direct



@pytest.mark.parametrize("text, speaker", [
    ("Mr. King said the count in the north would decide the whole race.", "King"),
    ("Ms. Bishop told reporters that the count would take a week.", "Bishop"),
])
def test_a_title_word_after_an_honorific_is_a_surname(extract_one, text, speaker):
    rec = extract_one(text)
    assert [speaker_name(rec, s) for s in rec.statements] == [speaker]


@pytest.mark.parametrize("text", [
    "Mayor Tom Reyes said,“Look, partisan images have no place in a campaign. The post has been deleted.”",
    'Mayor Tom Reyes said:"We will rebuild the bridge before the rains come back."',
])
def test_a_quote_glued_to_the_comma_or_colon_before_it_is_a_quote(extract_one, text):
    rec = extract_one(text)
    found = [s for s in rec.statements if s.direct]
    assert len(found) == 1 and speaker_name(rec, found[0]) == "Tom Reyes"
    assert found[0].text.startswith(("Look, partisan", "We will rebuild"))


def test_according_to_before_a_quote_credits_every_sentence_of_it(extract_one):
    rec = extract_one("According to the Herald, “The city’s rules let dealers sell to almost anyone. Very few "
                      "people are barred. Convicted thieves are among those barred.”")
    found = [s for s in rec.statements if s.rule == "according-to"]
    assert len(found) == 1 and found[0].direct
    assert found[0].text.startswith("The city’s rules") and found[0].text.endswith("among those barred.")


@pytest.mark.parametrize("text, fragment, described", [
    ("A lawyer for the family said the police had ignored the warnings.", "the police had ignored", "lawyer for the family"),
    ("An aide to the governor said the budget would be delayed until June.", "the budget would be delayed",
     "aide to the governor"),
    ("A local doctor told reporters that the clinic had run out of insulin.", "the clinic had run out",
     "local doctor"),
])
def test_a_person_known_by_a_role_speaks_as_an_unnamed_person(extract_one, text, fragment, described):
    rec = extract_one(text)
    found = statements_by(rec, fragment)
    assert found
    who = rec.entities[found[0].speaker]
    assert who.unnamed and who.kind == "person" and who.name == described


def test_a_role_in_a_relative_clause_is_no_speaker(extract_one):
    assert not extract_one("What do you call a boy who calls himself a hero? The crowd laughed.").statements


def test_who_replies_is_not_who_asked(extract_one):
    rec = extract_one("Senator Tom Reyes met Governor Ivo Brandt in Dayton. Reyes asked whether the bridge would "
                      "reopen. He replied that it would open in May.")
    assert speaker_name(rec, statements_by(rec, "it would open in May")[0]) == "Ivo Brandt"
    rec = extract_one("Senator Tom Reyes spoke at the town hall. A reporter asked whether the bridge would reopen. "
                      "He replied: “We will reopen it in May, and not a day later.”")
    assert speaker_name(rec, statements_by(rec, "We will reopen it in May")[0]) == "Tom Reyes"


def test_a_quote_its_own_sentence_credits_with_according_to_is_not_the_last_speakers(extract_one):
    rec = extract_one("Ruth Lind later said she had been pushed backward.\n\n“Although there was cause to make an "
                      "arrest, the evidence cannot prove the crime and is insufficient to support a prosecution,” "
                      "according to a court document filed by state attorney Tom Reyes.")
    found = statements_by(rec, "the evidence cannot prove the crime")
    assert [speaker_name(rec, s) for s in found] == ["Tom Reyes"]


@pytest.mark.parametrize("text", [
    "Governor Ana Ruiz says the farm lobby that has been courting voters and funding candidates across the "
    "region appeals to the “worst instincts” of the electorate.",
    "Governor Ana Ruiz said the Liberal coalition, which won the vote last spring, had broken its “solemn "
    "promise” to farmers.",
    "The bridge will reopen in May, Mayor Tom Reyes said on Monday.",
])
def test_no_break_spaces_change_nothing_but_themselves(extract_one, text):
    def found(t):
        return [(s.speaker, s.text.replace("\u00a0", " "), s.span.begin) for s in extract_one(t).statements]

    assert found(text.replace(" ", "\u00a0", 4).replace("\u00a0", " ", 1)) == found(text)


def test_a_name_right_before_a_speech_verb_the_parse_left_without_a_subject_speaks(extract_one):
    # no comma after the fronted phrase: the parser takes the name for the convention's apposition
    rec = extract_one("Saturday at the state party convention Sen. Ruth Lind (D-OH) said the mayor was a "
                      "“proven failure” in business.")
    found = statements_by(rec, "the mayor was a")
    assert found and speaker_name(rec, found[0]) == "Ruth Lind"


@pytest.mark.parametrize("text, speaker", [
    ("The World Bank issued a report saying the economy grew by two percent.", "World Bank"),
    ("Mayor Ruth Lind posted a video on Sunday saying the bridge would reopen in May.", "Ruth Lind"),
])
def test_who_puts_out_a_document_says_what_it_says(extract_one, text, speaker):
    rec = extract_one(text)
    assert [speaker_name(rec, s) for s in rec.statements] == [speaker]


@pytest.mark.parametrize("text", [
    "Asked whether she would resign, Mayor Ilse Kohl said she would stay until the audit was done.",
    "When asked whether the talks had failed, Senator Ruth Alder said they would go on next week.",
])
def test_who_was_asked_did_not_ask(extract_one, text):
    """"Asked whether …, X said": X answers the question; the question is nobody's statement of X's."""
    rec = extract_one(text)
    assert not [s for s in rec.statements if s.text.startswith("whether")]
    assert [s for s in rec.statements if s.verb == "say"]


def test_who_asks_asks(extract_one):
    rec = extract_one("Senator Ruth Alder asked whether the talks had failed after the second week.")
    found = [s for s in rec.statements if s.text.startswith("whether the talks had failed")]
    assert found and speaker_name(rec, found[0]) == "Ruth Alder"


@pytest.mark.parametrize("text, speaker", [
    ("The decision, Finance Minister Carlos Ibarra said, would be reviewed in June.", "Carlos Ibarra"),
    ("Carlos Ibarra spoke on Monday. The decision, he said, would be reviewed in June.", "Carlos Ibarra"),
])
def test_an_attribution_inside_the_clause_reports_the_whole_clause(extract_one, text, speaker):
    """"The decision, X said, would be reviewed": what was said runs on past the attribution."""
    rec = extract_one(text)
    found = statements_by(rec, "would be reviewed in June")
    assert found and speaker_name(rec, found[0]) == speaker
    assert found[0].text.startswith("The decision") and found[0].text.endswith("in June")
