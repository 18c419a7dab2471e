"""People: names the tagger found or the grammar shows, their titles, and whether a title makes an Official.

A title is read on both sides of a name ("U.S. Defense Secretary X", "X, head of the Ministry of Trade,").
The word in it that names a state or a group decides whose official the person is; a title held in an
organization that is not a government ("the union's president", "an economist at the Bank") makes a
Person of that organization instead. Where the tagger misses or mislabels a name, the grammar around it
(a title before it, an honorific, an appositive) decides.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span as TokSpan, Token

from ... import gazetteer
from ..lexicon import (GOV_NOUNS, GOV_TITLE_HEADS, HONORIFICS, MINISTRY_NOUNS, NAME_PARTICLES,
                       NON_GOV_TITLE_WORDS, ORG_HEADS, PERSON_ROLE_HEADS, TITLE_MODIFIERS, table as table_lexicon,
                       words)
from ..records import GOVERNMENT, OFFICIAL, ORGANIZATION, PERSON, Entity
from .governments import context_government, is_party, is_state_body, regional_level
from .table import (entities_of, multiword_state, EntityTable, _token_runs, division_government, gov_key, norm_name, sentences,
                    state_government, text_of)

TITLE_ABBREVIATIONS = {abbr: row[0] for abbr, row in table_lexicon("title_abbreviations").items()}
PLACE_HEADS = words("place_heads")
DIVISION_WORDS = words("division_words")
LEGISLATORS = words("legislator_titles")
TITLE_HEADS = GOV_TITLE_HEADS | PERSON_ROLE_HEADS
# heads that are a government office only when the word before them names a state, not an organization
GENERIC_HEADS = frozenset("chief head director chairman chairwoman chairperson chair president spokesman "
                          "spokeswoman spokesperson leader secretary official officer deputy adviser advisor "
                          "executive member".split())
NAME_TOKEN = re.compile(r"^(?:[A-Z][\w’'.\-]*|[A-Z]\.)$")  # Jenny, McAllister, O'Brien, Hanson-Young, K.
ABBREVIATED_GIVEN_NAME = re.compile(r"^[A-Z][a-z]{0,2}\.$")  # "Ma.", "Md." before a name
QUOTED_NICKNAME = re.compile(r"\s*[\"“‘'](?P<nick>[^\"”’']{2,24})[\"”’']\s*")
LINKS = ("and", "&", "of", "for")
GENERATIONS = frozenset("jr sr ii iii iv".split())  # "Brent Roe III" is called Roe, not III
QUOTE_MARKS = ('"', "“", "”", "'", "‘", "’")
HONORIFIC_GENDER = {w: "male" for w in ("mr", "sir", "lord")} | \
    {w: "female" for w in ("ms", "mrs", "miss", "madam", "dame", "lady")}
DATE_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                       "june july august september october november december today yesterday tomorrow".split())


@dataclass
class Title:
    """A title as one side of a name writes it, and what it says of the person."""

    text: str
    official: bool
    designator: Token | None = None  # the word naming the state or ruling group ("Kenyan", "U.S.")
    organization: str | None = None  # the non-government organization the title is held in
    division: tuple[TokSpan, str | None] | None = None  # the region or city it serves, and its kind ("city")
    state: str | None = None  # ISO code of the state a region's name before a national title says ("Texas Senator")


# ---------------------------------------------------------------- named people
def find_people(doc: Doc, table: EntityTable, headline_end: int) -> None:
    """Named people, their titles and whether a government title makes them Officials."""
    for span in _person_spans(doc, table, headline_end):
        name, nickname = _clean_name(span.text)
        if len(name) < 2:
            continue
        title = _title_before(doc, span, table) or _title_after(doc, span, table) or _title_apposed(doc, span, table)
        key = _person_key(table, name)
        ent = table.get_or_create(key, PERSON, name)
        if len(name.split()) > len(ent.name.split()):
            ent.name = name
        if nickname:
            ent.names.add(nickname)
        if span.start > 0 and not ent.gender:  # "Ms Lind", "Mr Berg": the honorific says
            ent.gender = HONORIFIC_GENDER.get(doc[span.start - 1].lower_.rstrip("."))
        if title is not None:
            _give_title(table, ent, title)
        table.mention(key, span.start, span.end, name)


def _give_title(table: EntityTable, ent: Entity, title: Title) -> None:
    if title.official:
        ent.kind, ent.title = OFFICIAL, ent.title or title.text
        if title.division is not None and not ent.government:
            place, division = title.division
            name = norm_name(place.text)
            if place[0].ent_type_ == "NORP" and name.endswith("n") and gazetteer.subdivision_states(name[:-1]):
                name = name[:-1]  # "Bavarian" -> "Bavaria"
            ent.government = division_government(table, name, division, place)
        if title.state is not None and not ent.government:
            ent.government = state_government(table, gazetteer.country_by_code(title.state))
        if title.designator is not None and not ent.government:
            ent.government = _designator_government(table, title.designator)
    elif not ent.title:
        ent.title = title.text
        if title.organization and not ent.organization:
            ent.organization = _organization_entity(table, title.organization)


def _organization_entity(table: EntityTable, name: str) -> str:
    """The organization a title names ("ACOSS chief", "an economist at the Bank"), created and mentioned at
    its first unclaimed place in the text when the article has not met it yet."""
    key = next((e.key for e in table.of_kind(ORGANIZATION) if name == e.name or name in e.names), f"org:{name.lower()}")
    ent = table.get_or_create(key, ORGANIZATION, name)
    if not ent.mentions:
        for span in _token_runs(table.doc, name):
            if not table.claimed(span.start, span.end):
                table.mention(key, span.start, span.end, name)
                break
    return key


def _clean_name(text: str) -> tuple[str, str | None]:
    """A name without a quoted nickname inside it ('Joko "Jokowi" Widodo'), and the nickname."""
    m = QUOTED_NICKNAME.search(text)
    if m and m.start() > 0 and m.end() < len(text):
        return norm_name(text[:m.start()] + " " + text[m.end():]), m.group("nick").strip()
    return norm_name(text.replace('"', "").replace("“", "").replace("”", "")), None


def _person_key(table: EntityTable, name: str) -> str:
    low = name.lower()
    for e in table.of_kind(PERSON, OFFICIAL):
        if e.name.lower() == low or low in (n.lower() for n in e.names):
            return e.key
    return f"person:{low}"


def _person_spans(doc: Doc, table: EntityTable, headline_end: int):
    """PERSON entities joined across name particles, ORG-tagged names that behave like people, and names the
    tagger missed after a title or an honorific."""
    ents = [e for e in entities_of(doc) if e.start_char >= headline_end]
    found = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        if ent.label_ == "PERSON" and _in_place_name(ent[0]):
            pass  # "Kano State" tagged as a person
        elif ent.label_ == "PERSON" or (ent.label_ in ("ORG", "GPE", "NORP") and _behaves_like_person(doc, ent)):
            start, end = ent.start, ent.end
            while i + 1 < len(ents) and ents[i + 1].label_ == "PERSON" and \
                    all(t.lower_ in NAME_PARTICLES for t in doc[end:ents[i + 1].start]):
                i += 1
                end = ents[i].end
            found.append(_name_extent(doc, start, end))
        i += 1
    covered = {t for s, e in found for t in range(s, e)}
    found += [s for s in _titled_names(doc, headline_end) if not covered.intersection(range(*s))]
    for start, end in sorted(set(found)):
        span = doc[start:end]
        if span and not table.claimed(span.start, span.end) and _looks_like_name(span):
            yield span


def _name_extent(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The whole name around a tagged span: an abbreviated given name before it ("Ma."), more name words after
    it, without a leading "the" or a trailing possessive."""
    if start > 0 and ABBREVIATED_GIVEN_NAME.match(doc[start - 1].text) and doc[start - 1].text not in \
            TITLE_ABBREVIATIONS and doc[start - 1].lower_.rstrip(".") not in HONORIFICS | TITLE_HEADS | TITLE_MODIFIERS:
        start -= 1
    while end - start > 1 and (doc[start].text in TITLE_ABBREVIATIONS or  # "Sen. Ted Cruz": the title is no name
                               doc[start].lower_.rstrip(".") in HONORIFICS or  # nor is the "Ms" of "Ms Varga"
                               doc[start].lower_ in TITLE_HEADS | TITLE_MODIFIERS):  # nor a tagged "Councillor"
        start += 1
    nick = doc[end:end + 4]  # 'Joko "Jokowi" Widodo': a quoted nickname inside the name
    if len(nick) == 4 and nick[0].text in QUOTE_MARKS and nick[2].text in QUOTE_MARKS and \
            NAME_TOKEN.match(nick[1].text) and NAME_TOKEN.match(nick[3].text) and nick[3].pos_ == "PROPN":
        end += 4
    while end < len(doc) and end - start < 5 and _continues_name(doc[end]):
        end += 1
    if doc[end - 1].text in ("'s", "’s"):
        end -= 1
    if doc[start].lower_ == "the":
        start += 1
    return start, max(end, start)


def _in_place_name(tok: Token) -> bool:
    """A token of a region's name the tagger took for a person's ("Kano State", "Rio Grande do Sul")."""
    if not tok.ent_type_:
        return False
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    ent = doc[start:end]
    words_ = ent.text.split()
    if len(words_) > 1 and words_[-1].lower() in DIVISION_WORDS:
        return True
    return bool(gazetteer.subdivision_states(ent.text))


def _continues_name(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.lower_ not in TITLE_HEADS and \
        tok.ent_type_ not in ("GPE", "ORG", "NORP", "DATE", "TIME") and tok.lower_ not in DATE_WORDS


def _titled_names(doc: Doc, headline_end: int):
    """"senator Jenny McAllister", "Dr Amal Haddad", "Undersecretary for Trade Ma. Ana Cruz": the capitalised
    words that end a noun phrase carrying a title or an honorific are a name, whatever the tagger made of them."""
    for tok in doc:
        if tok.idx < headline_end or tok.pos_ != "PROPN" or not NAME_TOKEN.match(tok.text) or _title_token(tok):
            continue
        if tok.head.i != tok.i and tok.head.pos_ == "PROPN" and tok.dep_ in ("compound", "flat") and tok.head.i > tok.i:
            continue  # not the last word of the phrase
        start = tok.i
        while start > 0 and tok.i - start < 5:
            prev = doc[start - 1]
            if _joins_name(doc, start - 1):  # "Sanwo-Olu": a hyphenated surname is written as three tokens
                start -= 2
            elif NAME_TOKEN.match(prev.text) and not _title_token(prev) and prev.pos_ == "PROPN":
                start -= 1
            else:
                break
        before = doc[start - 1] if start > 0 else None
        titled = before is not None and (_title_token(before) or before.lower_ in LINKS or before.text in ("'s", "’s"))
        titled = titled and any(_title_token(t) for t in doc[max(0, start - 8):start])
        if before is not None and before.lower_ == "of" and start > 1 and doc[start - 2].lower_ in DIVISION_WORDS:
            continue  # "an official in the province of X": X is the province
        if titled and (tok.i - start >= 1 or before.lower_.rstrip(".") in HONORIFICS):
            yield start, tok.i + 1


def _joins_name(doc: Doc, i: int) -> bool:
    """A hyphen written without spaces between two capitalised name words."""
    return i > 0 and doc[i].text in ("-", "\u2010", "\u2011") and not doc[i].whitespace_ and \
        not doc[i - 1].whitespace_ and bool(NAME_TOKEN.match(doc[i - 1].text)) and not _title_token(doc[i - 1])


def _title_token(t: Token) -> bool:
    low = t.lower_.rstrip(".")
    return low in TITLE_HEADS or low in TITLE_MODIFIERS or low in HONORIFICS or t.text in TITLE_ABBREVIATIONS


def _looks_like_name(span: TokSpan) -> bool:
    words_ = [t for t in span if t.is_alpha or NAME_TOKEN.match(t.text)]
    honorific = span.start > 0 and span.doc[span.start - 1].lower_.rstrip(".") in HONORIFICS  # "Mr. King"
    return bool(words_) and all(NAME_TOKEN.match(t.text) or t.lower_ in NAME_PARTICLES for t in words_) and \
        not any(t.lower_ in (ORG_HEADS if honorific else GOV_TITLE_HEADS | ORG_HEADS) for t in words_) and \
        span[-1].lower_ not in PLACE_HEADS and not span.text.isupper() and \
        not any(gazetteer.country_by_name(t.text) or gazetteer.country_by_demonym(t.text) for t in words_) and \
        not gazetteer.country_by_demonym(span.text) and not gazetteer.country_by_name(span.text) and \
        not gazetteer.subdivision_states(span.text)  # a region's name is no person's, whatever the tagger says


def _behaves_like_person(doc: Doc, ent: TokSpan) -> bool:
    """A name tagged as an organization or a place but followed by ", who", ", a lawyer" or ", the country's
    foreign minister" is a person the tagger got wrong; so is one it read with an honorific ("Ms Varga")."""
    honorific = ent[0].lower_.rstrip(".") in HONORIFICS or ent.start > 0 and \
        doc[ent.start - 1].lower_.rstrip(".") in HONORIFICS
    if honorific and not any(t.lower_ in ORG_HEADS for t in ent) and ent[-1].is_title:
        return True
    if any(t.lower_ in ORG_HEADS or t.is_upper for t in ent) or len(ent) < 2:
        return False
    text = norm_name(ent.text)
    if gazetteer.country_by_name(text) or gazetteer.country_by_capital(text) or gazetteer.country_by_demonym(text):
        return False
    if ent.label_ != "ORG":
        after = _title_after(doc, ent, EntityTable(doc))
        return after is not None and after.official
    if ent.start > 0 and doc[ent.start - 1].lower_ in TITLE_HEADS:
        return True  # "spokeswoman Jane Roe"
    nxt = doc[ent.end:ent.end + 3]
    return len(nxt) >= 2 and nxt[0].text == "," and (
        nxt[1].lower_ == "who" or (nxt[1].lower_ in ("a", "an", "the") and len(nxt) > 2)
        or nxt[1].lower_ in TITLE_HEADS | TITLE_MODIFIERS)


# ---------------------------------------------------------------- titles before a name
def _title_before(doc: Doc, span: TokSpan, table: EntityTable) -> Title | None:
    """The title written before a name: "Interim Interior Minister X", "Principal Secretary for Health Dr X",
    "West Bengal Chief Minister and party chief X"."""
    i = span.start - 1
    while i >= 0 and doc[i].lower_.rstrip(".") in HONORIFICS:  # "Health Secretary Dr Jane Roe"
        i -= 1
    toks: list[Token] = []
    while i >= 0:
        t = doc[i]
        if (t.ent_type_ == "PERSON" and not _in_place_name(t) and t.lower_ not in TITLE_HEADS | TITLE_MODIFIERS
                and not _names_state(t)) or \
                table.key_of(t) and table.entities[table.key_of(t)].kind in (PERSON, OFFICIAL):
            break  # "flanked by Jane Roe and Finance Minister X": another person's name ends the title
        inner = toks and t.dep_ in ("compound", "amod", "nmod") and t.head.i in {x.i for x in toks} and t.is_alpha
        if _title_word(t) or inner or t.lower_ in LINKS and toks and i > 0 and _title_word(doc[i - 1]):
            toks.insert(0, t)
            i -= 1
            continue
        if t.is_title and t.i == t.sent.start and t.pos_ not in ("DET", "PRON", "ADP", "CCONJ", "ADV", "VERB"):
            toks.insert(0, t)
        break
    while toks and toks[0].lower_ in LINKS:
        toks = toks[1:]
    titles = [_read_title(unit, table) for unit in _title_units(toks)]
    titles = [t for t in titles if t is not None]
    if not titles:
        return None
    return next((t for t in titles if t.official), titles[-1])


def _names_state(t: Token) -> bool:
    """A word of a state's name or demonym, whatever the tagger made of it ("Sri Lankan" tagged a person)."""
    return multiword_state(t.doc, t.i) is not None or bool(
        gazetteer.country_by_demonym(t.text) or gazetteer.country_by_name(t.text))


def _title_word(t: Token) -> bool:
    low = t.lower_
    return t.text in ("'s", "’s") or low in TITLE_MODIFIERS or low in TITLE_HEADS or low in GOV_NOUNS or \
        low in MINISTRY_NOUNS or t.text in TITLE_ABBREVIATIONS or \
        (t.is_title and t.is_alpha and t.i != t.sent.start) or \
        (t.is_upper and 2 <= len(t.text) <= 6 and t.text.replace(".", "").isalpha()) or \
        (t.text in ("U.S.", "U.K.", "E.U.", "U.N."))


def _title_units(toks: list[Token]) -> list[list[Token]]:
    """Coordinated titles split apart: "Chief Minister and party chief" is two, "Energy and Climate Change
    Minister" one (a unit ends with its head)."""
    units, cur = [], []
    for t in toks:
        if t.lower_ in ("and", "&") and cur and cur[-1].lower_ in TITLE_HEADS:
            units.append(cur)
            cur = []
            continue
        cur.append(t)
    if cur:
        units.append(cur)
    return units


def _read_title(unit: list[Token], table: EntityTable) -> Title | None:
    heads = [k for k, t in enumerate(unit) if t.lower_ in TITLE_HEADS or t.text in TITLE_ABBREVIATIONS]
    if not heads:
        return None
    # the head is the last head word before any "of"/"for" complement ("Minister of State for Finance")
    link = next((k for k, t in enumerate(unit) if t.lower_ in ("of", "for") and k > heads[0]), len(unit))
    head_k = max(k for k in heads if k < link)
    designator, org, first = None, None, 0
    for k, t in enumerate(unit[:head_k]):
        if k < first:
            continue
        state = multiword_state(t.doc, t.i)
        inside = state is not None and state[0].start == t.i and state[0].end - 1 <= unit[head_k - 1].i
        if inside:  # "Sri Lankan President", "New Zealand Prime Minister"
            designator, first = state[0][-1], k + len(state[0])
        elif t.text in ("'s", "’s"):
            first = k + 1
        elif _designates(t):
            designator, first = _designates(t), k + 1
        elif _organization_word(t, table):
            word = _organization_word(t, table)
            org = f"{org} {word}" if org and unit[k - 1].i == t.i - 1 and word == t.text else word
            first = k + 1
    division = _division_place(unit, head_k, table)
    lead: list[Token] = []
    if division is not None:
        place = division[0]
        lead = [t for t in unit if t.i < place.start]  # "former": still the title's
        first = max(first, next(k for k, t in enumerate(unit) if t.i == place.end - 1) + 1)
        while first < head_k and unit[first].lower_ in DIVISION_WORDS:
            first += 1  # "Lagos State Governor": the state is the place's
        designator = None if designator is not None and designator.i < place.end else designator
        org = None
    words_ = [t.text for t in lead + unit[first:] if t.text not in ("'s", "’s")]
    text = " ".join(words_).strip()
    head = unit[head_k].lower_
    expanded = TITLE_ABBREVIATIONS.get(unit[head_k].text, "").lower()
    official = (head in GOV_TITLE_HEADS or bool(expanded)) and \
        not NON_GOV_TITLE_WORDS & {t.lower_ for t in unit} and \
        not (org and head in GENERIC_HEADS) and \
        (head != "leader" or designator is not None or "supreme" in text.lower())
    state = _region_state(unit, head_k, table) if official and division is None and designator is None else None
    return Title(text=text or unit[head_k].text, official=official, designator=designator,
                 organization=None if official else org, division=division if official else None, state=state)


def _place_run(unit: list[Token], head_k: int) -> list[Token]:
    """The capitalised words before a title's own words, after any "former" ("former Ohio Governor")."""
    lead = 0
    while lead < head_k and unit[lead].lower_ in TITLE_MODIFIERS and unit[lead].lower_ not in DIVISION_WORDS:
        lead += 1
    run = []
    for t in unit[lead:head_k]:
        if not (t.is_title or t.is_upper) or not t.text[:1].isalpha() or _designates(t) or is_party(t.text) or \
                t.lower_ in TITLE_MODIFIERS or t.lower_ in TITLE_HEADS or t.lower_ in MINISTRY_NOUNS or \
                t.lower_ in GOV_NOUNS or t.lower_ in DIVISION_WORDS or t.text in TITLE_ABBREVIATIONS:
            break
        run.append(t)
    return run


def _region_state(unit: list[Token], head_k: int, table: EntityTable) -> str | None:
    """"Texas Senator", "Kerala MP": a region's name before a national title says the state it serves."""
    run = _place_run(unit, head_k)
    states = gazetteer.subdivision_states(" ".join(t.text for t in run)) if run else ()
    home = table.home or table.outlet
    if home is not None and home.code in states:
        return home.code
    named = [code for code in states if f"gov:{code}" in table.entities]  # "Florida": the US's, not Uruguay's
    return states[0] if len(states) == 1 else named[0] if len(named) == 1 else None


def _division_place(unit: list[Token], head_k: int, table: EntityTable) -> tuple[TokSpan, str] | None:
    """"West Bengal Chief Minister", "Lagos State Governor", "Kerala Health Minister": the region or city a
    title's leading place words name, and its kind. A state's own name, a party or a legislature's seat
    ("Texas Senator") is no region's."""
    run = _place_run(unit, head_k)
    if not run:
        return None
    rest = unit[next(k for k, t in enumerate(unit) if t.i == run[-1].i) + 1:head_k + 1]
    named = len(rest) > 1 and rest[0].lower_ in DIVISION_WORDS
    level = regional_level([t.text for t in rest if t.lower_ not in DIVISION_WORDS])
    if {t.lower_ for t in rest} & LEGISLATORS and not named:
        return None  # "Texas Senator": the state's seat in the national legislature
    after = rest[0] if named else None
    place = unit[0].doc[run[0].i:run[-1].i + 1]
    text = place.text
    if len(run) == 1 and run[0].ent_type_ == "NORP":  # "Bavarian Premier": the region its adjective names
        if not (text.endswith("n") and gazetteer.subdivision_states(text[:-1])):
            return None
        return None if level is None else (place, level if level != "region" else None)
    if gazetteer.country_by_name(text) or table.acronyms.get(text) or is_state_body(text):
        return None
    if level is None and not named and not all(t.ent_type_ in ("GPE", "LOC") for t in run) and \
            not gazetteer.subdivision_states(text):
        return None  # "Tesla Chief Executive", "Relief Now director": no place
    if level is None and gazetteer.country_by_capital(text):
        return None  # "Kabul's foreign minister": a capital stands for its state
    if named:
        return place, after.lower_
    if level == "city" or gazetteer.country_by_city(text) and level is None and not gazetteer.subdivision_states(text):
        return place, "city"
    return place, level if level not in (None, "region") else None



def _designates(t: Token) -> Token | None:
    """The word of a title that names a state or ruling group ("Kenyan", "Brazil's", "Houthi")."""
    if gazetteer.country_by_demonym(t.text) or gazetteer.country_by_name(t.text):
        return t
    return t if getattr(t.doc._, "nkg_groups", None) and t.text.lower() in t.doc._.nkg_groups else None


def _organization_word(t: Token, table: EntityTable) -> str | None:
    """A word of a title naming a non-government organization ("union", an unknown acronym, a company):
    its name, or None for states, state bodies, parties and plain title words."""
    if t.lower_ in TITLE_MODIFIERS or t.lower_ in TITLE_HEADS or t.text in TITLE_ABBREVIATIONS or \
            t.lower_ in NON_GOV_TITLE_WORDS:
        return None
    if is_party(t.text):
        return None  # "Labor senator": a legislator of the state, whatever the party
    known = table.acronyms.get(t.text)
    if known is not None:
        return None if is_state_body(known) else known
    if t.ent_type_ == "ORG" or (t.is_upper and len(t.text) >= 2 and t.text.isalpha()):
        return None if is_state_body(t.text) else t.text
    if t.is_title and t.ent_type_ not in ("GPE", "NORP", "LOC", "PERSON") and t.lower_ not in GOV_NOUNS and \
            t.lower_ not in MINISTRY_NOUNS and not gazetteer.country_by_capital(t.text) and not is_state_body(t.text):
        return t.text  # "Relief Now chief": a name that is no state, no office and no party
    return None


def _designator_government(table: EntityTable, t: Token) -> str:
    """The government a designating word stands for, created and mentioned there when new."""
    existing = table.key_of(t)
    if existing and table.entities[existing].kind == GOVERNMENT:
        return existing
    state = multiword_state(t.doc, t.i)  # "Sri Lankan", "New Zealand": a state's name of two or three words
    country = state[1] if state else gazetteer.country_by_demonym(t.text) or gazetteer.country_by_name(t.text)
    if country:
        return state_government(table, country, t)
    key = gov_key(None, t.text)
    table.get_or_create(key, GOVERNMENT, t.text, group=t.text)
    if not table.claimed(t.i, t.i + 1):
        table.mention(key, t.i, t.i + 1)
    return key


# ---------------------------------------------------------------- titles after a name
def _title_after(doc: Doc, span: TokSpan, table: EntityTable) -> Title | None:
    """", the deputy commissioner of the area,", ", head of the Ministry of Trade,", ", an economist at X"."""
    j = span.end
    if j + 1 >= len(doc) or doc[j].text != ",":
        return None
    j += 1
    designator = None
    if doc[j].lower_ in ("the", "a", "an", "his", "her", "its", "their"):
        j += 1
    if j + 1 < len(doc) and doc[j + 1].text in ("'s", "’s"):  # ", the Council's president"
        designator = doc[j]
        j += 2
    toks = []
    while j < len(doc) and len(toks) < 6 and (doc[j].lower_ in TITLE_MODIFIERS or doc[j].lower_ in TITLE_HEADS
                                              or doc[j].text in TITLE_ABBREVIATIONS or
                                              doc[j].is_title and doc[j].is_alpha or doc[j].lower_ in ("and", "-")):
        toks.append(doc[j])
        j += 1
    while toks and toks[-1].lower_ not in TITLE_HEADS and toks[-1].text not in TITLE_ABBREVIATIONS:
        toks.pop()
    if not toks:
        return None
    title = _read_title(toks, table)
    if title is None:
        return None
    owner = _complement_owner(doc, toks[-1], table) or (designator and _owner_of_word(designator, table))
    if owner is not None:
        kind, value = owner
        if kind == "organization":
            return Title(text=title.text, official=False, organization=value)
        if kind == "division":
            title.official, title.division, value = True, value, None
        title.official = title.official or toks[-1].lower_ in GENERIC_HEADS
        title.designator = title.designator or (value if isinstance(value, Token) else None)
        title.text = " ".join(t.text for t in doc[toks[0].i:_complement_end(doc, toks[-1])])
    elif title.official and toks[-1].lower_ in GENERIC_HEADS and title.designator is None:
        return None  # ", the head of household": a generic head names no office by itself
    return title


def _title_apposed(doc: Doc, span: TokSpan, table: EntityTable) -> Title | None:
    """"summoned the chargé d'affaires of the Embassy, Jane Roe,": the name in apposition to a title."""
    head = span.root.head
    if span.root.dep_ == "appos" and head.dep_ == "pobj" and head.head.head.lower_ in TITLE_HEADS:
        head = head.head.head  # "the chief minister of Punjab, X,": the name hangs on the complement
    if span.root.dep_ != "appos" or head.lower_ not in TITLE_HEADS or head.i >= span.start:
        return None
    toks = [t for t in doc[head.left_edge.i:head.i + 1] if t.dep_ not in ("det", "poss", "case", "punct")]
    title = _read_title(toks, table) if toks else None
    if title is None:
        return None
    owner = _complement_owner(doc, head, table)
    if owner is not None and owner[0] == "organization":
        return Title(text=title.text, official=False, organization=owner[1])
    if owner is not None and owner[0] == "division":
        title.division, owner = owner[1], ("state", None)
    if owner is not None:
        title.official = True
        title.designator = title.designator or (owner[1] if isinstance(owner[1], Token) else None)
        words_ = [t for t in doc[toks[0].i:min(_complement_end(doc, head), span.start)]]
        while words_ and words_[-1].is_punct:
            words_.pop()
        title.text = " ".join(t.text for t in words_)
    return title


def _complement_owner(doc: Doc, head: Token, table: EntityTable):
    """Whose the title is, from "of/for/at X" after its head: ("state", designator token or None) for a state
    or its body, ("organization", name) for anything else named."""
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "for", "at", "in", "with"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            phrase = doc[obj.left_edge.i:obj.right_edge.i + 1]
            for t in phrase:
                k = table.key_of(t)
                if k and table.entities[k].kind == GOVERNMENT:
                    return "state", t
                if _designates(t):
                    return "state", t
            text = norm_name(phrase.text)
            if is_state_body(text) or obj.lower_ in GOV_NOUNS:
                return "state", None
            division = _complement_place(doc, head, obj)
            if division is not None:
                return "division", division
            if any(t.text[:1].isupper() for t in phrase):
                return "organization", text
    return None


def _complement_place(doc: Doc, head: Token, obj: Token) -> tuple[TokSpan, str] | None:
    """"the governor of Texas", "mayor of Lagos", "chief minister of Punjab state": the region or city a
    regional title's complement names."""
    level = regional_level([t.text for t in doc[head.left_edge.i:head.i + 1] if t.dep_ not in ("det", "poss")])
    if level is None or obj.pos_ != "PROPN":
        return None
    toks = [t for t in doc[obj.left_edge.i:obj.i + 1] if t.dep_ not in ("det",)]
    named = obj.lower_ in DIVISION_WORDS and len(toks) > 1
    place = toks[:-1] if named else toks
    if not place or not all(t.is_title for t in place) or any(t.lower_ in GOV_NOUNS for t in place):
        return None
    span = doc[place[0].i:place[-1].i + 1]
    if named:
        return span, obj.lower_
    return span, level if level != "region" else None


def _complement_end(doc: Doc, head: Token) -> int:
    end = head.i + 1
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "at", "in"):
            end = max(end, prep.right_edge.i + 1)
    while end > head.i + 1 and doc[end - 1].is_punct:
        end -= 1
    return end


def _owner_of_word(t: Token, table: EntityTable):
    if _designates(t):
        return "state", t
    org = _organization_word(t, table)
    return ("organization", org) if org else None


# ---------------------------------------------------------------- titles standing for a person
def adopt_title_descriptions(doc: Doc, table: EntityTable) -> None:
    """"The chancellor announced…", "the CM said": a definite title standing for someone is that person.

    It is the named person who holds that title in the article; failing that, a named person without a
    title who is the subject of a neighbouring sentence (news names "the minister" a sentence before or
    after naming her) takes the title.
    """
    for tok in doc:
        head = _description_head(tok)
        if head is None or table.claimed(tok.i, tok.i + 1):
            continue
        start = min([c.i for c in tok.lefts if c.dep_ in ("amod", "compound")] + [tok.i])
        title_text = doc[start:tok.i + 1].text
        holder = _title_holder(table, title_text, tok.i) or _untitled_neighbour(doc, table, tok)
        if holder is None:
            continue
        if not holder.title and (head in GOV_TITLE_HEADS or tok.text in TITLE_ABBREVIATIONS):
            holder.kind, holder.title = OFFICIAL, TITLE_ABBREVIATIONS.get(tok.text, title_text)
            holder.government = holder.government or context_government(doc, table, tok.i, skip=holder.key)
        table.mention(holder.key, start, tok.i + 1, None)


def _description_head(tok: Token) -> str | None:
    """The title word of "the minister", "The Prime Minister", "the CM" when it stands for a person."""
    low = tok.lower_
    if tok.text in TITLE_ABBREVIATIONS:
        low = TITLE_ABBREVIATIONS[tok.text].split()[-1].lower()
    elif low not in GOV_TITLE_HEADS or tok.tag_ in ("NNS", "NNPS") or low in ("official", "head", "chief", "officer"):
        return None
    if tok.dep_ not in ("nsubj", "nsubjpass", "appos") and not (tok.dep_ == "pobj" and tok.head.lower_ == "by"):
        return None
    det = [c for c in tok.lefts if c.dep_ in ("det", "poss")]
    if not det or det[0].lower_ not in ("the", "this") or any(c.dep_ == "poss" for c in tok.lefts):
        return None
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and (nxt.ent_type_ == "PERSON" or nxt.pos_ == "PROPN" and NAME_TOKEN.match(nxt.text)):
        return None  # "the minister Jane Roe": a title before a name, read with the name
    return low


def _title_holder(table: EntityTable, title_text: str, before: int) -> Entity | None:
    words_ = {w for w in title_text.split() if w.lower() not in ("the", "this")}
    expanded = {w.lower() for t in words_ for w in TITLE_ABBREVIATIONS.get(t, "").split()}
    want = {w.lower() for w in words_ if w not in TITLE_ABBREVIATIONS} | expanded
    cands = [e for e in table.of_kind(OFFICIAL, PERSON) if e.title and not e.unnamed and
             want and want <= {w.lower() for w in e.title.split()}]
    if not cands:
        return None
    last = {k: i for i, k in sorted(table.order)}
    return max(cands, key=lambda e: (last.get(e.key, -1) < before, last.get(e.key, -1)))


def _untitled_neighbour(doc: Doc, table: EntityTable, tok: Token) -> Entity | None:
    """The named, untitled person who is a subject in this sentence or the next or previous one."""
    sents = sentences(doc)
    idx = next((k for k, s in enumerate(sents) if s.start <= tok.i < s.end), 0)
    for k in (idx, idx + 1, idx - 1):
        if not 0 <= k < len(sents):
            continue
        for t in sents[k]:
            key = table.key_of(t)
            ent = table.entities.get(key) if key else None
            if ent is not None and ent.kind == PERSON and not ent.title and not ent.unnamed and \
                    t.dep_ in ("nsubj", "nsubjpass") and t.i != tok.i:
                return ent
    return None


# ---------------------------------------------------------------- short names
def merge_short_names(table: EntityTable) -> None:
    """A one-word name the tagger found on its own ("Amos") joins the full name it is part of."""
    full = [e for e in table.of_kind(PERSON, OFFICIAL) if len(_name_words(e.name)) >= 2]
    for short in [e for e in table.of_kind(PERSON, OFFICIAL) if len(_name_words(e.name)) == 1]:
        word = _name_words(short.name)[0]
        cands = [e for e in full if word in _calling_names(e)]
        if len(cands) != 1:
            if not cands and len(short.mentions) == 1 and not short.title and not _after_honorific(table, short):
                table.drop(short)  # a lone capitalised word the tagger took for a name
            continue
        _fold_into(table, short, cands[0])


def _after_honorific(table: EntityTable, ent: Entity) -> bool:
    """"Ms Varga": a word written after an honorific is a name, however rarely the text uses it."""
    text = text_of(table.doc)
    return any(text[max(0, m.begin - 6):m.begin].rstrip().rstrip(".").split()[-1:] and
               text[max(0, m.begin - 6):m.begin].rstrip().rstrip(".").split()[-1].lower() in HONORIFICS
               for m in ent.mentions)


def _name_words(name: str) -> list[str]:
    return [w for w in name.split() if w.lower().rstrip(".") not in HONORIFICS and w.lower() not in NAME_PARTICLES
            and not ABBREVIATED_GIVEN_NAME.match(w) and w.rstrip(".,").lower() not in GENERATIONS] or [name]


def _calling_names(e: Entity) -> set[str]:
    """The words a person is called by alone: first and last name, and a nickname."""
    words_ = _name_words(e.name)
    return {words_[0], words_[-1]} | {n for n in e.names if len(n.split()) == 1 and n[:1].isupper()}


def _fold_into(table: EntityTable, src: Entity, dst: Entity) -> None:
    for m in src.mentions:
        dst.add(m)
    dst.names |= src.names
    dst.title = dst.title or src.title
    if src.kind == OFFICIAL:
        dst.kind = OFFICIAL
    table.drop(src, replacement=dst.key)


def find_short_names(doc: Doc, table: EntityTable) -> None:
    """A surname, first name or nickname alone ("Otieno", "Amos") is the person named in full nearby, even
    where the tagger called it an organization."""
    parts: dict[str, list[Entity]] = {}
    for e in table.of_kind(PERSON, OFFICIAL):
        if len(_name_words(e.name)) < 2:
            continue
        for w in _calling_names(e):
            parts.setdefault(w, []).append(e)
    for tok in doc:
        cands = parts.get(tok.text)
        if not cands or table.claimed(tok.i, tok.i + 1) or not NAME_TOKEN.match(tok.text):
            continue
        if tok.i + 1 < len(doc) and NAME_TOKEN.match(doc[tok.i + 1].text) and doc[tok.i + 1].is_alpha and \
                doc[tok.i + 1].pos_ == "PROPN":
            continue  # part of a longer, different name ("Sara Karimi" is not "Karimi")
        ent = _latest(table, cands, tok.i)
        table.mention(ent.key, tok.i, tok.i + 1, tok.text)


def _latest(table: EntityTable, cands: list[Entity], before: int) -> Entity:
    last = {k: i for i, k in sorted(table.order) if i < before}
    return max(cands, key=lambda e: last.get(e.key, -1))
