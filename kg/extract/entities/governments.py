"""Governments: states by name, demonym, capital and seat, ruling groups, ministries, and whose an official is."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Span as TokSpan, Token

from ... import gazetteer
from ..lexicon import GOV_NOUNS, MINISTRY_NOUNS, RULING_SUFFIXES, SEATS, TITLE_MODIFIERS, table as table_lexicon, words

PARTY_WORDS = words("party_words")
STATE_BODY_HEADS = words("state_body_heads")
INTERNATIONAL_WORDS = words("international_words")
DIVISION_WORDS = words("division_words")
REGIONAL_TITLES = {title: row[0] for title, row in table_lexicon("regional_titles").items()}
# country domains sold to anyone, which say nothing of where a site is
VANITY_DOMAINS = frozenset("io co tv me fm ai ly cc ws to gg am us eu la gl im is it sh st nu tk ml ga cf".split())
GENERIC_GOVERNMENT = frozenset("government administration authorities cabinet regime".split())
SUBNATIONAL_WORDS = frozenset("local state county provincial municipal regional city district council "
                              "tribal village".split())
PLACE_HINT = 0.25  # a state named as a place, or its people: weak evidence of the story's state
MONEY_HINT = 1.0  # a sum in a state's own currency
from ..records import GOVERNMENT, OFFICIAL, ORGANIZATION
from .table import (entities_of, multiword_state, LOCATIVE_PREPS, sentences, EntityTable, division_government, gov_key, norm_name,
                    state_government, text_of, _strip_det, _token_runs)

# ---------------------------------------------------------------- ruling groups ("the X administration")
def find_groups(doc: Doc, table: EntityTable) -> None:
    """A named group that heads a government phrase is a government: "X administration", "X-led", "Yemeni X"."""
    groups: dict[str, tuple[str, gazetteer.Country | None]] = {}
    for ent in entities_of(doc):
        if ent.label_ not in ("ORG", "NORP") or table.claimed(ent.start, ent.end):
            continue
        name = norm_name(ent.text)
        if not name or gazetteer.country_by_name(name) or gazetteer.country_by_demonym(name) or is_party(name) or \
                gazetteer.subdivision_states(name) or \
                any(gazetteer.country_by_name(t.text) or gazetteer.country_by_capital(t.text) for t in ent):
            continue  # "KAMPALA - Uganda" is a dateline run into a name, not a ruling group
        if _heads_government(doc, ent) or _ruled_by(doc, ent):
            country = _group_country(doc, ent)
            prev = groups.get(name.lower())
            groups[name.lower()] = (name, country or (prev[1] if prev else None))
    doc._.nkg_groups = set(groups)
    for low, (name, country) in groups.items():
        key = gov_key(None, name)
        ent = table.get_or_create(key, GOVERNMENT, name, group=name)
        ent.country = ent.country or (country.code if country else None)
        for tok_span in _token_runs(doc, name):
            if not table.claimed(tok_span.start, tok_span.end):
                start, end = _government_phrase(doc, tok_span)
                table.mention(key, start, end)
                if not ent.country:
                    hint = _group_country(doc, doc[start:end])
                    ent.country = hint.code if hint else None


def is_party(name: str) -> bool:
    """A political party: in government it is its state's government, not a ruling group ("Labour government")."""
    low = name.lower()
    return low in PARTY_WORDS or "party" in low.split()


def _heads_government(doc: Doc, ent: TokSpan) -> bool:
    after = doc[ent.end:ent.end + 4]
    for t in after:
        if t.lower_ in GOV_NOUNS or t.lower_ in MINISTRY_NOUNS:
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            return not (nxt is not None and nxt.pos_ == "NOUN" and t.lower_ == "leadership")  # "leadership race"
        if not (t.is_alpha and (t.is_title or t.lower_ in TITLE_MODIFIERS)):
            return False
    return False


def _ruled_by(doc: Doc, ent: TokSpan) -> bool:
    nxt = text_of(doc)[ent.end_char:ent.end_char + 12].lower()
    return nxt.startswith(RULING_SUFFIXES)


def _group_country(doc: Doc, ent: TokSpan) -> gazetteer.Country | None:
    """The state a ruling group governs: "Yemeni X", "X administration in <capital>"."""
    if ent.start > 0:
        c = gazetteer.country_by_demonym(doc[ent.start - 1].text)
        if c:
            return c
    window = doc[ent.end:min(len(doc), ent.end + 6)]
    for i, t in enumerate(window):
        if t.lower_ == "in" and i + 1 < len(window):
            nxt = window[i + 1]
            return gazetteer.country_by_capital(nxt.text) or gazetteer.country_by_name(nxt.text)
    return None


def _government_phrase(doc: Doc, span: TokSpan) -> tuple[int, int]:
    """Stretch "X" to "X administration" / "X government" when the phrase goes on."""
    end = span.end
    for t in doc[span.end:span.end + 3]:
        if t.lower_ in GOV_NOUNS:
            end = t.i + 1
            break
        if not (t.is_title or t.lower_ in TITLE_MODIFIERS or t.text in ("-", "led", "ruled")):
            break
    return span.start, end


# ---------------------------------------------------------------- states by name, demonym, capital
def find_named_bodies(doc: Doc, table: EntityTable) -> None:
    """"The Election Commission of Ghana", "the Chilean Embassy": a state body whose name says its state is a
    mention of that state's government, whole, before the state's name inside it is read on its own."""
    for ent in entities_of(doc):
        if ent.label_ not in ("ORG", "FAC", "GPE") or table.claimed(ent.start, ent.end):
            continue
        span = _strip_det(ent)
        if span is not None:
            span = _with_of_state(doc, span)
        name = norm_name(span.text) if span is not None else ""
        if not name or not is_state_body(name):
            continue
        country = _names_state(name)
        if country is not None:
            table.mention(state_government(table, country), span.start, span.end, name)


def _with_of_state(doc: Doc, span: TokSpan) -> TokSpan:
    """"The Election Commission of" + "Ghana" tagged apart: the body's name runs on to its state."""
    end = span.end
    if span[-1].lower_ != "of" and end < len(doc) and doc[end].lower_ == "of":
        end += 1
    if doc[end - 1].lower_ == "of":
        for n in (3, 2, 1):
            tail = doc[end:end + n]
            if len(tail) == n and gazetteer.country_by_name(tail.text):
                return doc[span.start:end + n]
    return span


def find_states(doc: Doc, table: EntityTable) -> None:
    """Country names and capitals acting as agents, and "<Demonym> government" phrases."""
    for span in _country_spans(doc):
        if table.claimed(span.start, span.end):
            continue
        country = gazetteer.country_by_name(span.text)
        if country is None:
            capital = gazetteer.country_by_capital(span.text)
            if _is_dateline(doc, span) and table.home is None:
                table.home = gazetteer.country_by_city(span.text)  # "NAIROBI:", "PESHAWAR, Pakistan (AP) —"
            if capital is None or _is_locative(span) or _is_dateline(doc, span):
                continue
            country = capital
        elif _is_locative(span) and not _names_government_nearby(doc, span):
            table.hint(country.code, PLACE_HINT, span.start)
            continue
        key = gov_key(country)
        table.get_or_create(key, GOVERNMENT, country.name, country=country.code)
        start, end = _government_phrase(doc, span)
        table.mention(key, start, end)
    for name, code in SEATS.items():
        for span in _token_runs(doc, name):
            if not table.claimed(span.start, span.end) and not _is_locative(span):
                country = next(c for c in gazetteer.load_countries() if c.code == code)
                table.get_or_create(gov_key(country), GOVERNMENT, country.name, country=country.code)
                table.mention(gov_key(country), span.start, span.end)
    for tok in doc:
        if table.claimed(tok.i, tok.i + 1):
            continue
        country, last = _demonym_at(doc, tok)
        if country is None:
            continue
        end = _demonym_government_end(doc, last)
        if end:
            key = gov_key(country)
            table.get_or_create(key, GOVERNMENT, country.name, country=country.code)
            table.mention(key, tok.i, end)
        else:
            table.hint(country.code, PLACE_HINT, tok.i)  # "Kenyan farmers": the story is about Kenya
    for ent in entities_of(doc):  # "clashes in Peshawar": a city tells which state a story is set in
        if ent.label_ == "GPE" and not table.claimed(ent.start, ent.end):
            city = gazetteer.country_by_city(norm_name(ent.text))
            if city is not None and not gazetteer.country_by_name(norm_name(ent.text)):
                table.hint(city.code, PLACE_HINT, ent.start)
    _money_hints(doc, table)
    _outlet_hint(doc, table)


def _demonym_at(doc: Doc, tok: Token) -> tuple[gazetteer.Country | None, Token]:
    """The state a demonym starting at tok names, and its last token: "Kenyan", "Sri Lankan", "North Korean"."""
    found = multiword_state(doc, tok.i, demonyms_only=True) if tok.is_title else None  # its words are all titled
    if found is not None and found[0].start == tok.i:
        return found[1], found[0][-1]
    return gazetteer.country_by_demonym(tok.text), tok


def _outlet_hint(doc: Doc, table: EntityTable) -> None:
    """A news site under a state's country domain ("….co.ke") mostly writes about that state."""
    url = getattr(doc._, "article_url", None) or ""
    m = re.match(r"(?:\w+://)?([^/?#:]+)", url.strip())
    tld = m.group(1).rsplit(".", 1)[-1].lower() if m and "." in m.group(1) else ""
    if len(tld) == 2 and tld not in VANITY_DOMAINS:
        country = gazetteer.country_by_code("GB" if tld == "uk" else tld.upper())
        if country is not None:
            table.hint(country.code, MONEY_HINT, len(doc))
            table.outlet = country


def _money_hints(doc: Doc, table: EntityTable) -> None:
    """Sums in a state's own currency ("£40bn", "2 trillion yen") say which state a story is about."""
    text = text_of(doc)
    lowered = text.lower()
    for surface, country in _home_currencies().items():
        if surface not in lowered:
            continue  # most currencies are not in the text at all: skip their patterns
        m = _currency_pattern(surface).search(text)
        if m:
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            table.hint(country, MONEY_HINT, span.start if span is not None and len(span) else 0)


@lru_cache(maxsize=1)
def _home_currencies() -> dict[str, str]:
    return {surface: row[1] for surface, row in table_lexicon("currencies").items() if len(row) > 1 and row[1]}


@lru_cache(maxsize=None)
def _currency_pattern(surface: str) -> re.Pattern:
    """A currency written before a number ("£40", "Rp 14,000") or, as a word, after one ("450 yen")."""
    s = re.escape(surface)
    if len(surface) == 1 and surface.isalpha():  # "N480": a letter glued to the number
        return re.compile(rf"(?<![A-Za-z]){s.upper()}\d")
    before = rf"(?<![A-Za-z]){s}\s?\d"
    if surface.isalpha():  # "450 yen", "2 trillion yen", or written first: "Rp 14,000"
        return re.compile(rf"\d\s*(?:[mb]illion|trillion|bn|m|tn)?\s+{s}\b|{before}", re.I)
    return re.compile(before, re.I)


def _country_spans(doc: Doc):
    """Spans that could name a state: entities and gazetteer names the tagger missed."""
    seen = set()
    for ent in entities_of(doc):
        if ent.label_ in ("GPE", "ORG", "NORP", "LOC", "PERSON"):
            span = _strip_det(ent)
            if span is not None and (gazetteer.country_by_name(span.text) or gazetteer.country_by_capital(span.text)):
                seen.update(range(span.start, span.end))
                yield span
    texts = [t.text_with_ws for t in doc]
    for tok in doc:
        if tok.i in seen or not tok.is_title and not tok.is_upper:
            continue
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and prev.is_title and prev.is_alpha and not prev.is_sent_start:
            continue  # the end of a longer name: "Latin America", "New Guinea Highlands"
        for n in (3, 2, 1):
            if tok.i + n > len(doc) or seen.intersection(range(tok.i, tok.i + n)):
                continue
            text = "".join(texts[tok.i:tok.i + n]).strip()
            if gazetteer.country_by_name(text) or gazetteer.country_by_city(text) and \
                    _is_dateline(doc, doc[tok.i:tok.i + n]):
                seen.update(range(tok.i, tok.i + n))
                yield doc[tok.i:tok.i + n]
                break



def _is_locative(span: TokSpan) -> bool:
    """A place where something happens ("in Nairobi", "based in Chad, Niger and Mali"), not an actor."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:  # the later items of a list share the first one's role
        root = root.head
    head = root.head
    return root.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPS and head.lower_ != "of" or \
        (span.start > 0 and span.doc[span.start - 1].text in ("[", "("))


def _is_dateline(doc: Doc, span: TokSpan) -> bool:
    """"NAIROBI:", "LIMA (Wire) -", "Brussels, Dec. 16, (Wire) –": a place opening the story's first lines."""
    text = text_of(doc)
    nxt = text[span.end_char:span.end_char + 3].lstrip()
    line_start = span.start_char == 0 or text[span.start_char - 1] == "\n"
    return span.text.isupper() or span.start_char < 300 and (
        nxt.startswith((":", "[", "(")) or line_start and nxt.startswith((",", "-", "–", "—")))


def _names_government_nearby(doc: Doc, span: TokSpan) -> bool:
    return any(t.lower_ in GOV_NOUNS for t in doc[span.end:span.end + 2])


def _demonym_government_end(doc: Doc, tok: Token) -> int | None:
    """"Kenyan government", "Libyan interim government", "Chilean side": the phrase end, else None."""
    for t in doc[tok.i + 1:tok.i + 4]:
        if t.lower_ in GOV_NOUNS or t.lower_ in ("ministry",):
            return t.i + 1
        if not (t.lower_ in TITLE_MODIFIERS or t.lower_ in ("caretaker", "interim", "military", "new")):
            return None
    return None



# ---------------------------------------------------------------- ministries and short names
def find_ministries(doc: Doc, table: EntityTable) -> None:
    """"the interior ministry", "Foreign Office": parts of the government of the state the text is about."""
    for tok in doc:
        if tok.lower_ not in MINISTRY_NOUNS or table.claimed(tok.i, tok.i + 1):
            continue
        left = [t for t in tok.lefts if t.dep_ in ("compound", "amod")]
        text_before = doc[tok.i - 1].text.lower() if tok.i else ""
        is_ministry = tok.lower_ == "ministry" or (tok.lower_ == "office" and text_before in ("foreign", "home", "cabinet"))
        if not is_ministry:
            continue
        start = min([t.i for t in left] + [tok.i])
        if tok.lower_ == "ministry" and not left and not (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of") \
                and doc[tok.i - 1].lower_ not in ("the", "its"):
            continue
        end = tok.i + 1
        if end < len(doc) and doc[end].lower_ == "of":
            end = tok.right_edge.i + 1
        owner = _owner(doc, table, tok) or _group_owner(doc, table, tok)
        key = owner or context_government(doc, table, tok.i)
        if key:
            table.mention(key, start, end)


def find_leader_governments(doc: Doc, table: EntityTable) -> None:
    """"The X administration" for a person or a party ("the Sanchez government", "the Labour government"):
    the government of the state the text is about."""
    for ent in entities_of(doc):
        if ent.label_ not in ("PERSON", "NORP", "ORG") or ent.end >= len(doc):
            continue
        if ent.label_ != "PERSON" and not is_party(norm_name(ent.text)):
            continue
        noun = doc[ent.end]
        if noun.lower_ not in GOV_NOUNS or noun.lower_ in ("side", "state") or table.claimed(ent.end, ent.end + 1):
            continue
        key = context_government(doc, table, ent.start)
        if key:
            for i in range(ent.start, ent.end):
                table.token_key.pop(i, None)
            table.mention(key, ent.start + (ent[0].lower_ == "the"), ent.end + 1)


def find_generic_governments(doc: Doc, table: EntityTable) -> None:
    """"The government", "the federal government", "authorities": the state the sentence or the text is about.

    A government named by a common noun is still an actor (a speaker, an issuer of policies); sub-national
    ones ("state and local government", "county governments") are left alone.
    """
    for tok in doc:
        if tok.lower_ not in GENERIC_GOVERNMENT or tok.pos_ not in ("NOUN", "PROPN") or table.claimed(tok.i, tok.i + 1):
            continue
        mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod")]
        if any(c.lower_ in SUBNATIONAL_WORDS for c in mods) or tok.tag_ == "NNS" and tok.lower_ != "authorities":
            continue
        if not any(c.dep_ in ("det", "poss") for c in tok.lefts) and not tok.is_title:
            continue  # "government spending", "form a government"
        key = _of_government(table, tok) or _sentence_state(doc, table, tok) or context_government(doc, table, tok.i)
        if key:
            start = min([c.i for c in mods if c.i >= tok.i - 2] + [tok.i])
            table.mention(key, start, tok.i + 1)


DIVISION_ADJECTIVES = {"state": "state", "provincial": "province", "county": "county", "city": "city",
                       "municipal": "city", "regional": "region", "prefectural": "prefecture", "cantonal": "canton"}


def find_division_governments(doc: Doc, table: EntityTable) -> None:
    """"The Ontario government", "Lagos State Government", "the government of Punjab", and "the state
    government" once the article has named its state: sub-national governments as actors."""
    for tok in doc:
        if tok.lower_ not in ("government", "administration") or tok.pos_ not in ("NOUN", "PROPN") or \
                table.claimed(tok.i, tok.i + 1):
            continue
        mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod")]
        kinds = [DIVISION_ADJECTIVES[c.lower_] for c in mods if c.lower_ in DIVISION_ADJECTIVES]
        place = _division_name(doc, mods) or _division_of(doc, tok)
        start = min([c.left_edge.i for c in mods] + [tok.i])
        if place is not None:
            city = gazetteer.country_by_city(place.text) and not gazetteer.subdivision_states(place.text)
            division = kinds[0] if kinds else "city" if city else None
            key = division_government(table, norm_name(place.text), division)
            table.mention(key, start if start <= place.start else place.start, max(tok.i + 1, place.end))
        elif kinds and any(c.dep_ == "det" for c in tok.lefts):  # "the state government": the one named
            named = [e for e in table.of_kind(GOVERNMENT) if e.division == kinds[0] and e.mentions and
                     e.mentions[0].begin < tok.idx]
            if len({e.key for e in named}) == 1:
                table.mention(named[0].key, start, tok.i + 1)


def _division_name(doc: Doc, mods: list[Token]) -> TokSpan | None:
    """The capitalised place words before "government" that name no state: "Ontario", "Lagos State"."""
    toks = sorted({t.i for m in mods for t in m.subtree if t.dep_ != "det" and t.text not in ("'s", "’s")})
    if not toks or not all(doc[i].is_title or doc[i].lower_ in DIVISION_WORDS for i in toks):
        return None
    while toks and doc[toks[-1]].lower_ in DIVISION_WORDS:
        toks.pop()
    if not toks or toks != list(range(toks[0], toks[-1] + 1)):
        return None
    span = doc[toks[0]:toks[-1] + 1]
    if gazetteer.country_by_name(span.text) or gazetteer.country_by_demonym(span.text) or \
            gazetteer.country_by_capital(span.text) or is_party(span.text) or \
            not any(t.ent_type_ in ("GPE", "LOC") for t in span) and doc[toks[-1] + 1].lower_ not in DIVISION_WORDS \
            and not gazetteer.subdivision_states(span.text):
        return None
    return span


def _division_of(doc: Doc, tok: Token) -> TokSpan | None:
    """"the government of Punjab": a place after "of" that names no state."""
    for prep in tok.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
            if obj is not None:
                return _division_name(doc, [obj]) if obj.lower_ not in DIVISION_WORDS else \
                    _division_name(doc, [c for c in obj.lefts if c.dep_ == "compound"])
    return None



def _of_government(table: EntityTable, tok: Token) -> str | None:
    """"the government of Japan": the state named in the phrase."""
    for prep in tok.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                k = table.key_of(obj)
                if k and table.entities[k].kind == GOVERNMENT:
                    return k
    return None


def _sentence_state(doc: Doc, table: EntityTable, tok: Token) -> str | None:
    """A state named or implied earlier in the same sentence ("Kenyan farmers ... the government")."""
    for t in reversed(doc[tok.sent.start:tok.i]):
        k = table.key_of(t)
        if k and table.entities[k].kind == GOVERNMENT and table.entities[k].country:
            return k
        country = _place_country(t) or (gazetteer.country_by_demonym(t.text) if t.is_title else None)
        if country is not None:
            return state_government(table, country)
    return None


def _place_country(tok: Token) -> gazetteer.Country | None:
    """The country a place name ends at this token names ("living in Pakistan"): as near as a demonym."""
    if tok.ent_type_ != "GPE" or (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].ent_iob_ == "I"):
        return None
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None) if tok.ent_iob_ == "I" else None
    return gazetteer.country_by_name(ent.text if ent is not None else tok.text)


def find_state_bodies(doc: Doc, table: EntityTable) -> None:
    """Ministries, embassies, armies and election commissions speak for their state: an organization found
    under such a name becomes a mention of that state's government (named in the body's own name, else
    the one the text is about)."""
    bodies = [e for e in table.of_kind(ORGANIZATION) if not e.unnamed and is_state_body(e.name)]
    named = [e for e in bodies if _named_state(e) is not None]
    for ent in named + [e for e in bodies if e not in named]:  # bodies that name their state first: they
        key = _body_government(doc, table, ent)                  # tell which state the others belong to
        if key is None:
            continue
        gov = table.entities[key]
        for m in ent.mentions:
            gov.add(m)
        gov.names |= ent.names | {ent.name}
        table.drop(ent, replacement=key)


def is_state_body(name: str) -> bool:
    """"Ministry of Economy", "Chinese Embassy", "Election Commission of India", "National Police Agency"."""
    low = " ".join(name.lower().replace("’", "'").split())
    if any(w in INTERNATIONAL_WORDS for w in low.split()) or any(p in low for p in INTERNATIONAL_WORDS if " " in p):
        return False
    core = re.split(r"\s+(?:of|for|in|on)\s+", low)[0]
    if core.startswith(("ministry", "department")) or any(core == h or core.endswith(" " + h) for h in STATE_BODY_HEADS):
        return True
    # agencies and commissions are the state's when their name says so ("National Police Agency")
    return core.split()[-1:] in (["agency"], ["commission"], ["authority"]) and (
        core.split()[0] in ("national", "federal", "state", "central") or _names_state(name) is not None)


def _names_state(name: str) -> gazetteer.Country | None:
    for word in re.findall(r"[A-Z][\w’'.-]*", name):
        country = gazetteer.country_by_demonym(word) or gazetteer.country_by_name(word)
        if country is not None:
            return country
    m = re.search(r"\bof\s+(?:the\s+)?([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)", name)
    return gazetteer.country_by_name(m.group(1)) if m else None


def _named_state(ent) -> gazetteer.Country | None:
    return next((c for c in map(_names_state, sorted(ent.names | {ent.name})) if c), None)


def _body_government(doc: Doc, table: EntityTable, ent) -> str | None:
    country = _named_state(ent)
    if country is not None:
        return state_government(table, country)
    # a body without its state's name ("the Cabinet", "the Department of Foreign Affairs") belongs to the state
    # the story is filed from or published in; a foreign one would be named ("the Chinese Embassy")
    home = table.home or table.outlet
    return state_government(table, home) if home is not None else table.dominant_government()


def _group_owner(doc: Doc, table: EntityTable, tok: Token) -> str | None:
    """"The X's refugees ministry": a named group that has ministries is a government."""
    for t in doc[max(0, tok.left_edge.i - 3):tok.i]:
        if t.dep_ == "poss" and t.ent_type_ in ("ORG", "NORP") and not gazetteer.country_by_demonym(t.text):
            name = norm_name(t.text)
            key = gov_key(None, name)
            table.get_or_create(key, GOVERNMENT, name, group=name)
            table.token_key.pop(t.i, None)
            table.mention(key, t.i, t.i + 1)
            return key
    return None


def _owner(doc: Doc, table: EntityTable, tok: Token) -> str | None:
    """The state or ruling group named in the ministry's own phrase ("the X refugees ministry")."""
    for t in doc[max(0, tok.left_edge.i - 3):tok.i]:
        k = table.key_of(t)
        if k and table.entities[k].kind == GOVERNMENT and (t.i >= tok.left_edge.i or t.dep_ == "poss"):
            return k
    return None



# ---------------------------------------------------------------- which government an official serves
def regional_level(title_words: list[str]) -> str | None:
    """What a title's holder heads when it is a sub-national office: "region", "city", "county"."""
    text = " ".join(w.lower() for w in title_words)
    return next((REGIONAL_TITLES[t] for t in sorted(REGIONAL_TITLES, key=len, reverse=True)
                 if text == t or text.endswith(" " + t)), None)


def assign_governments(doc: Doc, table: EntityTable) -> None:
    """Officials named without their state get the one the surrounding sentences are about; a premier, a
    governor or a mayor the region or city the article names, when it names one."""
    for ent in table.of_kind(OFFICIAL):
        if ent.government:
            continue
        level = regional_level((ent.title or "").split())
        if level is not None:
            divisions = {e.key for e in table.of_kind(GOVERNMENT) if e.division and
                         (e.division == "city") == (level == "city")}
            if len(divisions) == 1:
                ent.government = divisions.pop()
                continue
        votes = Counter()
        for m in ent.mentions:
            span = doc.char_span(m.begin, m.end, alignment_mode="expand")
            if span is not None:
                key = context_government(doc, table, span.start, skip=ent.key)
                if key:
                    votes[key] += 1
        key = votes.most_common(1)[0][0] if votes else table.dominant_government()
        other = table.entities.get(key) if key else None
        if level is not None and other is not None and other.division and (other.division == "city") != (level == "city"):
            key = table.dominant_government()  # a mayor in a story about a province serves no province
        ent.government = key


def context_government(doc: Doc, table: EntityTable, i: int, skip: str | None = None) -> str | None:
    """The government the main clauses just before token i are about, else the article's main one."""
    sents = sentences(doc)
    idx = bisect.bisect_right([s.start for s in sents], i) - 1
    for s in reversed(sents[max(0, idx - 3):max(idx, 0)]):
        key = _subject_government(table, s, skip)
        if key:
            return key
    return table.dominant_government()


def _subject_government(table: EntityTable, sent: TokSpan, skip: str | None) -> str | None:
    for tok in sent:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ not in ("ROOT", "conj"):
            continue
        for t in tok.subtree:
            k = table.key_of(t)
            if not k or k == skip:
                continue
            e = table.entities[k]
            if e.kind == GOVERNMENT:
                return k
            if e.kind == OFFICIAL and e.government:
                return e.government
        break
    return None
