"""Policies: a government's measure, its issuer and its deadline."""
from datetime import date

import pytest


def test_deadline_policy_with_issuer_and_date(extract_one):
    rec = extract_one("The Thai government set a June 30 deadline for unregistered workers to leave the country.",
                      when=date(2024, 5, 1))
    assert len(rec.policies) == 1
    p = rec.policies[0]
    assert rec.entities[p.issuer].country == "TH"
    assert p.deadline == date(2024, 6, 30)
    assert "deadline for unregistered workers" in p.label


def test_announced_ban_by_capital(extract_one):
    rec = extract_one("Ottawa announced a ban on single-use plastics in federal buildings.")
    assert [rec.entities[p.issuer].country for p in rec.policies] == ["CA"]


def test_two_mentions_of_one_measure_are_one_policy(extract_one):
    rec = extract_one("Peru announced a curfew in the capital. Peru later extended the curfew to the coast.")
    assert len(rec.policies) == 1 and len(rec.policies[0].spans) == 2


def test_a_person_acting_is_not_a_policy(extract_one):
    rec = extract_one("The farmer set a deadline for his sons to finish the harvest.")
    assert not rec.policies


def test_effective_date_is_the_deadline(extract_one):
    rec = extract_one("Canada imposed tariffs of 25% on steel imports, effective March 12.", when=date(2025, 2, 11))
    assert [p.deadline for p in rec.policies] == [date(2025, 3, 12)]


def test_government_act_with_a_deadline_is_a_policy(extract_one):
    rec = extract_one("Chile will expel all foreign workers without permits by June 30, the ministry said.",
                      when=date(2025, 5, 1))
    assert len(rec.policies) == 1 and rec.policies[0].deadline == date(2025, 6, 30)


def test_headline_does_not_add_a_second_policy(extract_one):
    rec = extract_one("Chile To Expel Workers By June Deadline\n\nChile will expel all foreign workers without "
                      "permits by June 30, the ministry said.", when=date(2025, 5, 1))
    assert len(rec.policies) == 1


def test_deportation_and_expulsion_are_one_measure(extract_one):
    rec = extract_one("Peru announced the expulsion of unregistered miners. Peru ordered their deportation "
                      "within a week.")
    assert len(rec.policies) == 1


# ---------------------------------------------------------------- how measures are written
@pytest.mark.parametrize("text, code, words", [
    # a government as subject of a policy verb
    ("Uruguay banned the export of live cattle on Monday.", "UY", "export of live cattle"),
    ("Ottawa will cap the number of foreign student visas at 300,000 next year.", "CA", "foreign student visas"),
    ("Finland's government raised the tax on tobacco by 10 per cent.", "FI", "tax on tobacco"),
    ("Norway deployed two frigates to the Arctic coast.", "NO", "frigates"),
    ("The Estonian interior ministry expelled three Russian diplomats.", "EE", "diplomats"),
    ("Ghana will subsidise fertiliser for small farmers this season.", "GH", "fertiliser"),
    # an official acting for the government
    ("Kenyan Trade Minister Amos Otieno imposed a 20% duty on imported sugar.", "KE", "duty on imported sugar"),
    # a passive with its maker named by "by"
    ("New tariffs on steel were imposed by Brazil in March.", "BR", "tariffs on steel"),
    # emergencies and evacuations a government declares or orders
    ("Chile's government declared a state of emergency in three northern regions.", "CL", "state of emergency"),
    ("Philippine authorities ordered the evacuation of coastal villages.", "PH", "evacuation of coastal villages"),
    # what a state closes or reopens: borders, crossings, schools
    ("The Finnish government will close four border crossings from Friday.", "FI", "four border crossings"),
    ("Uganda reopened its schools after a two-month closure.", "UG", "schools"),
    # what a state halts or suspends: services, imports
    ("Bangladesh suspended mobile internet services nationwide.", "BD", "mobile internet services"),
    ("Canberra has halted imports of frozen prawns.", "AU", "imports of frozen prawns"),
    # a duty laid on others, a currency devalued, a phase-out, a status granted
    ("The Indonesian government will require all new buses to run on biofuel by 2030.", "ID", "all new buses"),
    ("Argentina devalued the peso by 40 percent.", "AR", "peso"),
    ("Germany's cabinet agreed to phase out lignite mining by 2038.", "DE", "lignite mining"),
    ("Spain granted residency to 200,000 undocumented workers.", "ES", "residency"),
])
def test_measures_a_government_takes(extract_one, text, code, words):
    rec = extract_one(text)
    assert [rec.entities[p.issuer].country for p in rec.policies] == [code]
    assert words in rec.policies[0].label


def test_a_passive_measure_without_its_maker_is_the_states_of_the_story(extract_one):
    rec = extract_one("OSLO - Norway's cabinet met on Monday. Twelve fishing vessels were placed under sanctions "
                      "for breaking the quota.")
    assert any(rec.entities[p.issuer].country == "NO" and "sanctions" in p.label for p in rec.policies)


def test_an_exemption_is_a_measure_of_its_own(extract_one):
    rec = extract_one("Ireland will cap rents in the capital. Students renting rooms will be exempt from the cap.")
    labels = [p.label for p in rec.policies]
    assert len(labels) == 2 and any("exempt from the cap" in label for label in labels)


def test_a_measure_a_minister_announces_in_reported_speech(extract_one):
    rec = extract_one("Norway's Finance Minister Ida Berg said the levy on sugary drinks will rise from 10% to 15% "
                      "in April 2026.")
    [p] = rec.policies
    assert p.rule == "announced" and p.deadline == date(2026, 4, 1) and p.status == "announced"


def test_a_planned_measure_is_proposed(extract_one):
    rec = extract_one("Chile plans to impose tariffs on imported solar panels.")
    [p] = rec.policies
    assert p.rule == "planned" and p.status == "proposed"


@pytest.mark.parametrize("text, status", [
    ("Peru lifted the curfew in the capital on Friday.", "withdrawn"),
    ("Peru extended the curfew in the capital until May.", "extended"),
    ("Peru suspended the fuel subsidy for three months.", "suspended"),
    ("Peru imposed a curfew in the capital on Friday.", "in force"),
    ("Peru will impose a curfew in the capital on Friday.", "announced"),
])
def test_status_follows_what_the_verb_does_to_the_measure(extract_one, text, status):
    [p] = extract_one(text).policies
    assert p.status == status


def test_a_measure_named_by_a_noun_with_its_government(extract_one):
    rec = extract_one("Critics said Portugal's ban on short-term rentals was too late.")
    assert [(rec.entities[p.issuer].country, "ban on short-term rentals" in p.label) for p in rec.policies] == \
        [("PT", True)]


@pytest.mark.parametrize("text", [
    "The farmers' union called for a cap on fertiliser prices.",
    "Shipping companies demanded a ban on night-time inspections.",
    "The opposition party promised to scrap the tax if elected.",
    "Ecuador urged Peru to lift its ban on banana imports.",
    "Bolivia accused Chile of imposing tariffs on its lithium.",
])
def test_what_others_ask_for_is_no_policy_of_theirs(extract_one, text):
    rec = extract_one(text)
    issuers = {rec.entities[p.issuer].country for p in rec.policies}
    assert not issuers & {"EC", "BO"} and not [p for p in rec.policies if rec.entities[p.issuer].kind != "government"]
    if "union" in text or "companies" in text or "opposition" in text:
        assert not rec.policies


def test_a_request_to_another_government_is_not_its_measure(extract_one):
    rec = extract_one("“We call on them not to deport families without notice,” the Iraqi ministry said of "
                      "Turkey.")
    assert not rec.policies


def test_the_agent_of_accuse_x_of_is_x(extract_one):
    rec = extract_one("Bolivia accused Chile of imposing tariffs on its lithium.")
    assert [rec.entities[p.issuer].country for p in rec.policies] == ["CL"]


def test_mentions_of_one_measure_make_one_policy(extract_one):
    rec = extract_one("Latvia banned the sale of energy drinks to minors on Monday. The ban takes effect in "
                      "June. Shop owners said the move came too fast.")
    assert len(rec.policies) == 1 and len(rec.policies[0].spans) >= 2


def test_additional_measures_are_another_policy(extract_one):
    rec = extract_one("Japan imposed sanctions on ten shipping firms. Japan said it would impose additional "
                      "sanctions if the shipments continued.")
    assert len(rec.policies) == 2
    assert sorted(p.status for p in rec.policies) == ["announced", "in force"]


def test_a_headline_does_not_add_a_policy(extract_one):
    rec = extract_one("Latvia Bans Energy Drinks For Minors\n\nLatvia banned the sale of energy drinks to minors "
                      "on Monday.")
    assert len(rec.policies) == 1


@pytest.mark.parametrize("text, label", [
    ("Early on Monday, in the capital, Interior Minister Lea Roth of Austria banned night flights over the city.",
     "banned night flights over the city"),
    ("Twenty trawlers were placed under sanctions by Norway on Friday.", "Twenty trawlers were placed under sanctions"),
])
def test_a_label_says_what_the_measure_does(extract_one, text, label):
    [p] = extract_one(text).policies
    assert label in p.label, p.label
    assert not p.label.startswith(("Early", "Interior"))


def test_idioms_with_measure_words_are_no_measures(extract_one):
    rec = extract_one("Kenya's president warned of serious law and order problems in the capital.")
    assert not rec.policies


@pytest.mark.parametrize("text, country, status", [
    ("A Nepali court on Monday struck down the ban on motorbike taxis that the transport ministry imposed.",
     "NP", "struck down"),
    ("Zambia's ban on charcoal exports was suspended by the High Court.", "ZM", "suspended"),
    ("LIMA - The Constitutional Court upheld the new fishing quota.", "PE", "in force"),
])
def test_a_court_rules_on_the_governments_measure(extract_one, text, country, status):
    """A court does not make the measure it rules on: it stays the government's, with the ruling's status."""
    rec = extract_one(text)
    assert [(rec.entities[p.issuer].country, p.status) for p in rec.policies] == [(country, status)]


def test_a_ruling_is_labelled_by_the_measure_it_rules_on(extract_one):
    rec = extract_one("A Nepali court on Monday struck down the ban on motorbike taxis that the transport ministry "
                      "imposed.")
    assert rec.policies[0].label == "ban on motorbike taxis"


def test_a_day_announced_as_the_deadline_is_its_date(extract_one):
    rec = extract_one("The Ghanaian government announced March 15 as the deadline for miners to register.",
                      when=date(2025, 2, 1))
    assert [p.deadline for p in rec.policies] == [date(2025, 3, 15)]


def test_two_deadlines_for_different_things_are_two_policies(extract_one):
    rec = extract_one("Fiji's government imposed a levy on tourist arrivals. The fisheries ministry announced a "
                      "deadline for trawlers to renew their licences. It later set a deadline for the registration "
                      "of boat crews.", when=date(2025, 2, 1))
    assert len(rec.policies) == 3


def test_a_sum_to_be_allocated_is_the_governments_measure(extract_one):
    rec = extract_one("SEOUL: About 500 billion won, partly drawn from reserves, is expected to be allocated for fuel "
                      "subsidies, the sources said.")
    assert [(rec.entities[p.issuer].country, "fuel subsidies" in p.label) for p in rec.policies] == [("KR", True)]


def test_what_others_expect_a_government_to_do_is_no_measure(extract_one):
    assert not extract_one("Farmers expect the tariffs to be raised next year.").policies


@pytest.mark.parametrize("text", [
    "The Finnish government will close the meeting with a short speech.",
    "Uganda closed the gap with the leaders in the second half.",
    "The Finnish government suspended the meeting for an hour.",
])
def test_closing_what_is_no_place_or_service_is_no_measure(extract_one, text):
    assert not extract_one(text).policies
