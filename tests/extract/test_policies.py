"""Policies: a government's measure, its issuer and its deadline."""
from datetime import date


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
