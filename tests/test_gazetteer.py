"""The country table: names, aliases, demonyms and capitals, and the words that must not match."""
from collections import defaultdict

import pytest

from kg import gazetteer
from kg.gazetteer import country_by_capital, country_by_demonym, country_by_name, load_countries, read_countries


def _code(country):
    return country.code if country else None


@pytest.mark.parametrize("text, code", [
    ("United States", "US"), ("US", "US"), ("U.S.", "US"), ("USA", "US"), ("America", "US"),
    ("United States of America", "US"), ("UNITED STATES", "US"),
    ("United Kingdom", "GB"), ("UK", "GB"), ("U.K.", "GB"), ("Britain", "GB"), ("Great Britain", "GB"),
    ("Russia", "RU"), ("Russian Federation", "RU"), ("Iran", "IR"), ("Islamic Republic of Iran", "IR"),
    ("South Korea", "KR"), ("Republic of Korea", "KR"), ("North Korea", "KP"), ("DPRK", "KP"),
    ("Ivory Coast", "CI"), ("Côte d'Ivoire", "CI"), ("Côte d’Ivoire", "CI"), ("Cote d'Ivoire", "CI"),
    ("Czech Republic", "CZ"), ("Czechia", "CZ"), ("Myanmar", "MM"), ("Burma", "MM"),
    ("Turkey", "TR"), ("Türkiye", "TR"), ("Vietnam", "VN"), ("Syria", "SY"), ("Pakistan", "PK"),
    ("DRC", "CD"), ("DR Congo", "CD"), ("Democratic Republic of the Congo", "CD"), ("Republic of Congo", "CG"),
    ("UAE", "AE"), ("Taiwan", "TW"), ("Kosovo", "XK"), ("Palestine", "PS"), ("Vatican", "VA"),
    ("Holy See", "VA"), ("Georgia", "GE"), ("Guinea-Bissau", "GW"), ("Timor-Leste", "TL"),
    ("Eswatini", "SZ"), ("Swaziland", "SZ"), ("North  Macedonia", "MK"),
])
def test_names_and_aliases(text, code):
    assert _code(country_by_name(text)) == code


@pytest.mark.parametrize("text, code", [
    ("the United States", "US"), ("The United States", "US"), ("the Philippines", "PH"),
    ("the Netherlands", "NL"), ("the Gambia", "GM"), ("The Bahamas", "BS"), ("the Vatican", "VA"),
    ("the US", "US"), ("the Democratic Republic of the Congo", "CD"),
])
def test_leading_the_is_ignored(text, code):
    assert _code(country_by_name(text)) == code


@pytest.mark.parametrize("text, code", [
    ("American", "US"), ("Americans", "US"), ("Pakistani", "PK"), ("Pakistanis", "PK"),
    ("Afghan", "AF"), ("Afghans", "AF"), ("Afghani", "AF"), ("AFGHAN", "AF"),
    ("British", "GB"), ("Briton", "GB"), ("Britons", "GB"), ("Filipino", "PH"), ("Filipinos", "PH"),
    ("Philippine", "PH"), ("Dutch", "NL"), ("Swiss", "CH"), ("Chinese", "CN"), ("Emirati", "AE"),
    ("Emiratis", "AE"), ("Ivorian", "CI"), ("Nigerien", "NE"), ("Nigerian", "NG"), ("Saudi", "SA"),
    ("South Korean", "KR"), ("North Korean", "KP"), ("Kosovar", "XK"), ("Palestinian", "PS"),
    ("Taiwanese", "TW"), ("Dominican", "DO"),
])
def test_demonyms(text, code):
    assert _code(country_by_demonym(text)) == code


@pytest.mark.parametrize("text, code", [
    ("Washington", "US"), ("Washington D.C.", "US"), ("London", "GB"), ("Islamabad", "PK"),
    ("Kabul", "AF"), ("New Delhi", "IN"), ("Delhi", "IN"), ("Jerusalem", "IL"), ("The Hague", "NL"),
    ("Amsterdam", "NL"), ("Pretoria", "ZA"), ("Cape Town", "ZA"), ("Santiago", "CL"), ("Kyiv", "UA"),
    ("Kiev", "UA"), ("Beijing", "CN"), ("Taipei", "TW"), ("Pristina", "XK"), ("Ramallah", "PS"),
    ("Nuku’alofa", "TO"), ("Malé", "MV"), ("Kinshasa", "CD"), ("Brazzaville", "CG"),
    ("Brussels", "EU"),  # "Brussels said" is the European Union's seat speaking, not Belgium's
])
def test_capitals(text, code):
    assert _code(country_by_capital(text)) == code


@pytest.mark.parametrize("lookup, text", [
    (country_by_name, "us"), (country_by_name, "Us"), (country_by_name, "uk"), (country_by_name, "Europe"),
    (country_by_name, "Karachi"), (country_by_name, "Congo"), (country_by_name, "Korea"),
    (country_by_name, "turkey"), (country_by_name, "china"), (country_by_name, "chad"), (country_by_name, ""),
    (country_by_name, "Western"), (country_by_demonym, "Western"), (country_by_demonym, "afghan"),
    (country_by_demonym, "Europe"), (country_by_demonym, "Korean"), (country_by_demonym, "Congolese"),
    (country_by_demonym, ""), (country_by_capital, "Karachi"), (country_by_capital, "Europe"),
    (country_by_capital, "Victoria"), (country_by_capital, "Kingston"), (country_by_capital, "Georgetown"),
    (country_by_capital, "Male"), (country_by_capital, "Tel Aviv"),
    (country_by_capital, "Georgia"), (country_by_demonym, "Georgia"),
])
def test_words_that_name_no_state(lookup, text):
    assert lookup(text) is None


@pytest.mark.parametrize("text", ["EU", "E.U.", "the European Union", "European Commission", "the European Parliament",
                                  "Council of the EU"])
def test_the_european_union_and_its_institutions_are_one_government(text):
    assert _code(country_by_name(text)) == "EU"


def test_table_has_every_state_once():
    countries = load_countries()
    codes = [c.code for c in countries]
    assert len(codes) == len(set(codes)), sorted(c for c in codes if codes.count(c) > 1)
    assert all(c.name for c in countries)
    assert len(countries) >= 195
    assert {"US", "GB", "TW", "XK", "PS", "VA", "SS"} <= set(codes)


def test_no_word_stands_for_two_states():
    owners = defaultdict(set)
    for c in load_countries():
        for word in (c.name, *c.aliases, *c.demonyms, *c.capitals):
            key = " ".join(word.replace("’", "'").split()).casefold()
            owners[key.removeprefix("the ")].add(c.code)
    clashes = {w: sorted(codes) for w, codes in owners.items() if len(codes) > 1}
    print("clashes:", clashes)
    assert not clashes


def test_every_name_finds_its_own_row():
    for c in load_countries():
        assert country_by_name(c.name) == c
        assert all(country_by_name(a) == c for a in c.aliases), c.code
        assert all(country_by_demonym(d) == c for d in c.demonyms), c.code
        assert all(country_by_capital(cap) == c for cap in c.capitals), c.code


def test_load_is_cached():
    assert load_countries() is load_countries()
    assert gazetteer._lookups() is gazetteer._lookups()


def test_malformed_row_names_file_and_line(tmp_path):
    f = tmp_path / "countries.tsv"
    f.write_text("\t".join(gazetteer.COLUMNS) + "\nPK\tPakistan\t\tPakistani\tIslamabad\t\nAF\tAfghanistan\tAfghan\n",
                 encoding="utf-8")
    with pytest.raises(ValueError, match=r"countries\.tsv:3: expected 6"):
        read_countries(f)
    f.write_text("\t".join(gazetteer.COLUMNS) + "\npk\tPakistan\t\t\t\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"countries\.tsv:2: code 'pk'"):
        read_countries(f)


@pytest.mark.parametrize("text, code", [("Peshawar", "PK"), ("PESHAWAR", "PK"), ("Lagos", "NG"), ("Mombasa", "KE"),
                                        ("London", "GB"), ("Nairobi", "KE")])
def test_large_cities_name_their_state(text, code):
    from kg.gazetteer import country_by_city

    assert _code(country_by_city(text)) == code


@pytest.mark.parametrize("text", ["Hyderabad", "Springfield", "Paris Hilton", ""])
def test_shared_or_unknown_city_names_name_no_state(text):
    from kg.gazetteer import country_by_city

    assert country_by_city(text) is None


@pytest.mark.parametrize("text, codes", [("Ontario", ("CA",)), ("Karnataka", ("IN",)), ("Bavaria", ("DE",)),
                                         ("Kwazulu-Natal", ("ZA",)), ("Guangdong", ("CN",))])
def test_regions_name_their_states(text, codes):
    assert gazetteer.subdivision_states(text) == codes


def test_a_region_two_states_share_names_both():
    assert set(gazetteer.subdivision_states("Punjab")) == {"IN", "PK"}


@pytest.mark.parametrize("text", ["Georgia", "Kenya", "Taliban", "Springfield", ""])
def test_states_and_other_names_are_no_regions(text):
    assert gazetteer.subdivision_states(text) == ()


@pytest.mark.parametrize("name, division, code, label", [
    ("Karnataka", "state", "IN", "Karnataka (Indian state)"),
    ("Ohio", "state", "US", "Ohio (US state)"),
    ("Leeds", "city", "GB", "Leeds (British city)"),
    ("Avalon", "province", None, "Avalon (province)"),
])
def test_a_regions_label_says_whose_and_what_it_is(name, division, code, label):
    assert gazetteer.division_label(name, division, code) == label


def test_each_state_calls_its_regions_by_its_own_word():
    assert (gazetteer.division_word("CA"), gazetteer.division_word("KE"), gazetteer.division_word(None)) == \
        ("province", "county", "region")
