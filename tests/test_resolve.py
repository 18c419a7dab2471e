"""Entity resolution across articles: spelling variants merge, namesakes do not."""
import pytest

from kg.resolve import name_key, same_name


@pytest.mark.parametrize("a, b", [
    ("Mohammad Rahimi", "Muhammad Rahimi"),
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
    ("Tariq ul Haq Samadi", "Tariq ul-Haq Samadi"),
    ("Abdul Rahman", "Abdul-Rahman"),
    ("José Álvarez", "Jose Alvarez"),
])
def test_spelling_variants_share_a_key(a, b):
    assert same_name(name_key(a), name_key(b))


@pytest.mark.parametrize("a, b", [("Ahmed Karimi", "Sara Karimi"), ("Jan Novak", "Jana Novak")])
def test_different_people_have_different_keys(a, b):
    assert not same_name(name_key(a), name_key(b))


def people(res):
    return {n.label: n for n in res.nodes.values() if n.kind in ("official", "person") and not n.unnamed}


def test_one_official_across_articles_is_one_node(resolve_texts):
    _, res = resolve_texts("Interior Minister Mohammad Rahimi said the camps would close.",
                           "Muhammad Rahimi, the interior minister, visited the border on Friday.")
    assert len(people(res)) == 1


def test_namesakes_in_different_articles_stay_apart(resolve_texts):
    _, res = resolve_texts("Prime Minister Ahmed Karimi said the election would go ahead.",
                           "Sara Karimi, a lawyer in the capital, said the election was unfair.")
    assert {"Ahmed Karimi", "Sara Karimi"} <= set(people(res))


def test_state_named_by_capital_and_demonym_is_one_government(resolve_texts):
    _, res = resolve_texts("Nairobi rejected the report.", "The Kenyan government said it would appeal.")
    govs = [n for n in res.nodes.values() if n.kind == "government"]
    assert len(govs) == 1 and govs[0].country == "KE"


def test_ruling_group_joins_its_state_across_articles(resolve_texts):
    _, res = resolve_texts("The Houthi administration in Sanaa condemned the strikes.",
                           "The Houthis said they would respond. Yemen's rulers gave no date.")
    govs = [n for n in res.nodes.values() if n.kind == "government"]
    assert len(govs) == 1 and "Houthi" in govs[0].label


def test_surname_alone_in_another_article_joins_the_only_full_name(resolve_texts):
    _, res = resolve_texts("Interior Minister Jan Novak said the fence would be finished.",
                           "Novak said on Friday that the fence was finished.")
    assert len(people(res)) == 1


def test_ambiguous_surname_alone_stays_apart(resolve_texts):
    _, res = resolve_texts("Prime Minister Ahmed Karimi spoke. Sara Karimi, a lawyer, disagreed.",
                           "Karimi said on Friday that the vote was fair.")
    found = people(res)
    assert "Karimi" not in found["Ahmed Karimi"].names and "Karimi" not in found["Sara Karimi"].names


def test_a_region_is_a_government_of_its_own_part_of_its_state(resolve_texts):
    from kg.vocab import ID

    _, res = resolve_texts("BENGALURU: Karnataka Chief Minister Ravi Kumar said schools would reopen.",
                           "The Karnataka government extended the school holidays, India's education minister said.")
    region = res.nodes[ID["government/in-karnataka"]]
    assert region.label == "Karnataka (Indian state)" and region.part_of == ID["government/in"]
    kumar = next(n for n in res.nodes.values() if n.label == "Ravi Kumar")
    assert kumar.government == region.iri
