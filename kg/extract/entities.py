"""Find the governments, officials, persons and organizations an article names, one Entity per referent."""
from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span as TokSpan, Token

from .. import gazetteer
from .lexicon import (SEATS, GOV_NOUNS, GOV_TITLE_HEADS, HONORIFICS, MINISTRY_NOUNS, NAME_PARTICLES, NON_GOV_TITLE_WORDS,
                      ORG_HEADS,
                      OUTLET_WORDS, PERSON_ROLE_HEADS, RULING_SUFFIXES, THING_HEADS, TITLE_MODIFIERS)
from .records import GOVERNMENT, OFFICIAL, ORGANIZATION, PERSON, Entity, Span

LOCATIVE_PREPS = frozenset("in into from across to through at within throughout near inside outside toward "
                           "towards via along around of".split())
ACRONYM = re.compile(r"((?:[A-Z][\w’'\-]*[ ](?:(?:of|for|and|the|on|e|ul|al|de|des|du|la|le)[ ])*){1,8})"
                     r"\((?P<acr>[A-Z][A-Za-z.&]{1,9})\)")
KNOWN_ORGS = {"UN": "United Nations", "U.N.": "United Nations", "EU": "European Union", "E.U.": "European Union",
              "NATO": "NATO", "IMF": "International Monetary Fund", "WHO": "World Health Organization",
              "ICC": "International Criminal Court", "ICJ": "International Court of Justice",
              "UNICEF": "UNICEF", "UNHCR": "UNHCR", "IOM": "International Organization for Migration"}


def text_of(doc: Doc) -> str:
    """The Doc's text, built once: spaCy rebuilds doc.text from its tokens on every access."""
    text = doc.user_data.get("newskg_text")
    if text is None:
        text = doc.user_data["newskg_text"] = doc.text
    return text


def norm_name(text: str) -> str:
    """A mention's name without a leading article, possessive ending or odd spacing."""
    t = text.replace("’", "'").strip()
    t = re.sub(r"^(the|The|THE)\s+", "", t)
    t = re.sub(r"'s?$", "", t).strip(" ,.-")
    return " ".join(t.split())


class EntityTable:
    """The entities of one article and which tokens mention which entity."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.entities: dict[str, Entity] = {}
        self.token_key: dict[int, str] = {}
        self.order: list[tuple[int, str]] = []  # (token index, key), in text order once sorted
        self.resolved: dict[int, str | None] = {}  # subject token -> speaker key, shared by the extractors
        self.home: gazetteer.Country | None = None  # the state of a capital in the dateline

    def get_or_create(self, key: str, kind: str, name: str, **attrs) -> Entity:
        ent = self.entities.get(key)
        if ent is None:
            ent = self.entities[key] = Entity(key=key, kind=kind, name=name, **attrs)
        return ent

    def mention(self, key: str, start: int, end: int, surface: str | None = None) -> None:
        """Record tokens [start, end) as a mention of the entity `key`."""
        span = self.doc[start:end]
        self.entities[key].add(Span(span.start_char, span.end_char, span.text), surface or span.text)
        for i in range(start, end):
            self.token_key.setdefault(i, key)
        self.order.append((start, key))

    def key_of(self, token: Token) -> str | None:
        return self.token_key.get(token.i)

    def claimed(self, start: int, end: int) -> bool:
        return any(i in self.token_key for i in range(start, end))

    def of_kind(self, *kinds: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.kind in kinds]

    def dominant_government(self) -> str | None:
        """The government the article is mostly about: the most mentioned, the first on a tie."""
        scores = {e.key: len(e.mentions) for e in self.of_kind(GOVERNMENT)}
        if self.home is not None:  # a story filed from a capital is first about that state
            home = gov_key(self.home)
            scores[home] = scores.get(home, 0) + 3
        if not scores:
            return None
        first = {k: i for i, k in sorted(self.order, reverse=True)}
        best = max(scores, key=lambda k: (scores[k], -first.get(k, 0)))
        if best not in self.entities:
            state_government(self, self.home)
        return best


def gov_key(country: gazetteer.Country | None, group: str | None = None) -> str:
    return f"gov:{country.code}" if country else f"gov:group:{group.lower()}"


def state_government(table: EntityTable, country: gazetteer.Country, tok: Token | None = None) -> str:
    """The key of a state's government, created if the article has not named it yet."""
    key = gov_key(country)
    table.get_or_create(key, GOVERNMENT, country.name, country=country.code)
    if tok is not None and not table.claimed(tok.i, tok.i + 1):
        table.mention(key, tok.i, tok.i + 1)
    return key


def find_entities(doc: Doc, headline_end: int = 0) -> EntityTable:
    """All entity mentions of a parsed article, in the order that lets later steps use earlier ones."""
    table = EntityTable(doc)
    acronyms = find_acronyms(doc, table)
    find_groups(doc, table)
    find_states(doc, table)
    find_people(doc, table, headline_end)
    merge_short_names(table)
    find_short_names(doc, table)
    find_leader_governments(doc, table)
    find_ministries(doc, table)
    find_organizations(doc, table, acronyms)
    assign_governments(doc, table)
    table.order.sort()
    return table


# ---------------------------------------------------------------- organizations named with an acronym
def find_acronyms(doc: Doc, table: EntityTable) -> dict[str, str]:
    """"Long Name (ACR)": the acronym stands for the name; organizations only, not documents."""
    found: dict[str, str] = {}
    for m in ACRONYM.finditer(text_of(doc)):
        long_text, acr = m.group(1).strip(), m.group("acr")
        words = re.findall(r"[A-Z][\w’']*", long_text)
        initials = "".join(w[0] for w in words)
        letters = acr.replace(".", "").upper()
        take = _initials_suffix(words, letters)
        if take is None and not initials.endswith(letters):
            continue
        words_needed = take or len(letters)
        start_char = _start_of_last_words(long_text, m.start(1), words_needed, words)
        span = doc.char_span(start_char, m.start(1) + len(long_text), alignment_mode="expand")
        if span is None or span[-1].lower_ in THING_HEADS or span.root.lower_ in THING_HEADS:
            continue
        name = norm_name(span.text)
        found[acr] = name
        key = f"org:{name.lower()}"
        table.get_or_create(key, ORGANIZATION, name).names.add(acr)
        table.mention(key, span.start, span.end, name)
        acr_span = doc.char_span(m.start("acr"), m.end("acr"))
        if acr_span is not None:
            table.mention(key, acr_span.start, acr_span.end, acr)
    return found


def _initials_suffix(words: list[str], letters: str) -> int | None:
    """How many trailing capitalised words spell the acronym ("Lashkar-e-Jhangvi Front" counts its parts)."""
    for n in range(1, len(words) + 1):
        parts = [p for w in words[-n:] for p in re.split(r"-(?:e|ul|al|i)-|-", w) if p]
        if "".join(p[0].upper() for p in parts) == letters or "".join(w[0] for w in words[-n:]) == letters:
            return n
    return None


def _start_of_last_words(long_text: str, offset: int, n: int, words: list[str]) -> int:
    target = words[-n]
    idx = long_text.rfind(target, 0, len(long_text) - sum(len(w) for w in words[-n + 1:]) if n > 1 else None)
    return offset + max(idx, 0)


# ---------------------------------------------------------------- ruling groups ("the X administration")
def find_groups(doc: Doc, table: EntityTable) -> None:
    """A named group that heads a government phrase is a government: "X administration", "X-led", "Yemeni X"."""
    groups: dict[str, tuple[str, gazetteer.Country | None]] = {}
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "NORP") or table.claimed(ent.start, ent.end):
            continue
        name = norm_name(ent.text)
        if not name or gazetteer.country_by_name(name) or gazetteer.country_by_demonym(name):
            continue
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


def _heads_government(doc: Doc, ent: TokSpan) -> bool:
    after = doc[ent.end:ent.end + 4]
    for t in after:
        if t.lower_ in GOV_NOUNS or t.lower_ in MINISTRY_NOUNS:
            return True
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


def _token_runs(doc: Doc, name: str):
    """Every place the exact name is written as whole tokens."""
    for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w]|-e-)", text_of(doc)):
        span = doc.char_span(m.start(), m.end())
        if span is not None:
            yield span


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
def find_states(doc: Doc, table: EntityTable) -> None:
    """Country names and capitals acting as agents, and "<Demonym> government" phrases."""
    for span in _country_spans(doc):
        if table.claimed(span.start, span.end):
            continue
        country = gazetteer.country_by_name(span.text)
        if country is None:
            capital = gazetteer.country_by_capital(span.text)
            if capital is not None and _is_dateline(doc, span) and table.home is None:
                table.home = capital
            if capital is None or _is_locative(span) or _is_dateline(doc, span):
                continue
            country = capital
        elif _is_locative(span) and not _names_government_nearby(doc, span):
            continue
        key = gov_key(country)
        table.get_or_create(key, GOVERNMENT, country.name, country=country.code)
        start, end = _government_phrase(doc, span)
        table.mention(key, start, end)
    for name, code in SEATS.items():
        country = next(c for c in gazetteer.load_countries() if c.code == code)
        for span in _token_runs(doc, name):
            if not table.claimed(span.start, span.end) and not _is_locative(span):
                table.get_or_create(gov_key(country), GOVERNMENT, country.name, country=country.code)
                table.mention(gov_key(country), span.start, span.end)
    for tok in doc:
        if table.claimed(tok.i, tok.i + 1):
            continue
        country = gazetteer.country_by_demonym(tok.text)
        if country is None:
            continue
        end = _demonym_government_end(doc, tok)
        if end:
            key = gov_key(country)
            table.get_or_create(key, GOVERNMENT, country.name, country=country.code)
            table.mention(key, tok.i, end)


def _country_spans(doc: Doc):
    """Spans that could name a state: entities and gazetteer names the tagger missed."""
    seen = set()
    for ent in doc.ents:
        if ent.label_ in ("GPE", "ORG", "NORP", "LOC", "PERSON"):
            span = _strip_det(ent)
            if span is not None and (gazetteer.country_by_name(span.text) or gazetteer.country_by_capital(span.text)):
                seen.update(range(span.start, span.end))
                yield span
    for tok in doc:
        if tok.i in seen or not tok.is_title and not tok.is_upper:
            continue
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and prev.is_title and prev.is_alpha and prev.i != prev.sent.start:
            continue  # the end of a longer name: "Latin America", "New Guinea Highlands"
        for n in (3, 2, 1):
            span = doc[tok.i:tok.i + n]
            if len(span) == n and not seen.intersection(range(span.start, span.end)) and \
                    (gazetteer.country_by_name(span.text) or _is_dateline(doc, span) and gazetteer.country_by_capital(span.text)):
                seen.update(range(span.start, span.end))
                yield span
                break


def _strip_det(ent: TokSpan) -> TokSpan | None:
    start = ent.start + (1 if ent[0].lower_ == "the" else 0)
    end = ent.end - (1 if ent[-1].text in ("'s", "’s") else 0)
    return ent.doc[start:end] if end > start else None


def _is_locative(span: TokSpan) -> bool:
    """A place where something happens ("in Nairobi", "from Chad"), not an actor."""
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPS and head.lower_ != "of" or \
        (span.start > 0 and span.doc[span.start - 1].text in ("[", "("))


def _is_dateline(doc: Doc, span: TokSpan) -> bool:
    nxt = text_of(doc)[span.end_char:span.end_char + 3]
    return span.text.isupper() or nxt.lstrip().startswith((":", "[", "(")) and span.start_char < 200


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


# ---------------------------------------------------------------- people
def find_people(doc: Doc, table: EntityTable, headline_end: int) -> None:
    """Named people, their titles and whether a government title makes them Officials."""
    for span in _person_spans(doc, table, headline_end):
        name = norm_name(span.text)
        if len(name) < 2:
            continue
        title, designator = _title_before(doc, span)
        appos_title, appos_designator, role = _appositive(doc, span)
        title = title or appos_title
        designator = designator or appos_designator
        key = _person_key(table, name)
        ent = table.get_or_create(key, PERSON, name)
        if len(name.split()) > len(ent.name.split()):
            ent.name = name
        if title and title.split()[-1].lower() in GOV_TITLE_HEADS and \
                not NON_GOV_TITLE_WORDS & set(title.lower().split()) and \
                (title.split()[-1].lower() != "leader" or designator is not None or "supreme" in title.lower()):
            ent.kind, ent.title = OFFICIAL, ent.title or title
            if designator and not ent.government:
                ent.government = _designator_government(table, designator)
        elif (role or title) and not ent.title:
            ent.title = role or title
        table.mention(key, span.start, span.end, name)


def _person_key(table: EntityTable, name: str) -> str:
    low = name.lower()
    for e in table.of_kind(PERSON, OFFICIAL):
        if e.name.lower() == low or low in (n.lower() for n in e.names):
            return e.key
    return f"person:{low}"


def _person_spans(doc: Doc, table: EntityTable, headline_end: int):
    """PERSON entities, joined across name particles, plus ORG-tagged names that behave like people."""
    ents = [e for e in doc.ents if e.start_char >= headline_end]
    i = 0
    while i < len(ents):
        ent = ents[i]
        if ent.label_ == "PERSON" or (ent.label_ == "ORG" and _behaves_like_person(doc, ent)):
            start, end = ent.start, ent.end
            while i + 1 < len(ents) and ents[i + 1].label_ == "PERSON" and \
                    all(t.lower_ in NAME_PARTICLES for t in doc[end:ents[i + 1].start]):
                i += 1
                end = ents[i].end
            while end < len(doc) and end - start < 5 and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
                    and doc[end].lower_ not in GOV_TITLE_HEADS and not doc[end].ent_type_ in ("GPE", "ORG", "NORP"):
                end += 1
            span = doc[start:end]
            if span[-1].text in ("'s", "’s"):
                span = doc[start:end - 1]
            if span[0].lower_ == "the":
                span = doc[start + 1:end]
            if span and not table.claimed(span.start, span.end) and _looks_like_name(span):
                yield span
        i += 1


def _looks_like_name(span: TokSpan) -> bool:
    words = [t for t in span if t.is_alpha]
    return bool(words) and all(t.is_title or t.lower_ in NAME_PARTICLES for t in words) and \
        not any(t.lower_ in GOV_TITLE_HEADS | ORG_HEADS for t in words) and \
        not any(gazetteer.country_by_name(t.text) or gazetteer.country_by_demonym(t.text) for t in words)


def _behaves_like_person(doc: Doc, ent: TokSpan) -> bool:
    """An ORG-tagged name followed by ", who" or ", a lawyer" is a person the tagger got wrong."""
    if any(t.lower_ in ORG_HEADS or t.is_upper for t in ent) or len(ent) < 2:
        return False
    if ent.start > 0 and doc[ent.start - 1].lower_ in GOV_TITLE_HEADS | PERSON_ROLE_HEADS:
        return True  # "spokeswoman Jane Roe"
    nxt = doc[ent.end:ent.end + 3]
    return len(nxt) >= 2 and nxt[0].text == "," and (
        nxt[1].lower_ == "who" or (nxt[1].lower_ in ("a", "an", "the") and len(nxt) > 2)
        or nxt[1].lower_ in GOV_TITLE_HEADS | PERSON_ROLE_HEADS | TITLE_MODIFIERS)


def _title_before(doc: Doc, span: TokSpan) -> tuple[str | None, str | None]:
    """The title written before a name ("Interim Interior Minister X") and the state or group in it."""
    i = span.start - 1
    words: list[Token] = []
    while i >= 0:
        t = doc[i]
        if t.text in ("'s", "’s") or t.lower_ in TITLE_MODIFIERS or t.lower_ in GOV_TITLE_HEADS or \
                t.lower_ in GOV_NOUNS or t.lower_ in MINISTRY_NOUNS or (t.is_title and t.is_alpha and t.i != t.sent.start) or \
                (t.is_title and t.lower_ in TITLE_MODIFIERS | GOV_TITLE_HEADS):
            words.insert(0, t)
            i -= 1
            continue
        if t.is_title and t.i == t.sent.start and t.pos_ not in ("DET", "PRON", "ADP", "CCONJ", "ADV"):
            words.insert(0, t)
        break
    heads = [k for k, t in enumerate(words) if t.lower_ in GOV_TITLE_HEADS | PERSON_ROLE_HEADS]
    if not heads:
        return None, None
    last = heads[-1]
    designator, first = None, 0
    for k, t in enumerate(words[:last]):
        if t.text in ("'s", "’s") or t.lower_ in GOV_NOUNS:
            first = k + 1
        elif _designates(t):
            designator, first = _designates(t), k + 1
    title_words = [t.text for t in words[first:last + 1] if t.text not in ("'s", "’s")]
    return (" ".join(title_words) or None), designator


def _designates(t: Token) -> Token | None:
    """The word of a title that names a state or ruling group ("Kenyan", "Brazil's", "Houthi")."""
    if gazetteer.country_by_demonym(t.text) or gazetteer.country_by_name(t.text):
        return t
    return t if getattr(t.doc._, "nkg_groups", None) and t.text.lower() in t.doc._.nkg_groups else None


def _designator_government(table: EntityTable, t: Token) -> str:
    """The government a designating word stands for, created and mentioned there when new."""
    existing = table.key_of(t)
    if existing and table.entities[existing].kind == GOVERNMENT:
        return existing
    country = gazetteer.country_by_demonym(t.text) or gazetteer.country_by_name(t.text)
    if country:
        return state_government(table, country, t)
    key = gov_key(None, t.text)
    table.get_or_create(key, GOVERNMENT, t.text, group=t.text)
    if not table.claimed(t.i, t.i + 1):
        table.mention(key, t.i, t.i + 1)
    return key


def _appositive(doc: Doc, span: TokSpan) -> tuple[str | None, str | None, str | None]:
    """", the deputy commissioner of the area" or ", a lawyer in ..." after a name."""
    nxt = doc[span.end:span.end + 8]
    if len(nxt) < 3 or nxt[0].text != "," or nxt[1].lower_ not in ("the", "a", "an", "his", "her", "its"):
        return None, None, None
    words = []
    for t in nxt[2:]:
        if t.is_punct or t.lower_ in ("of", "in", "for", "at", "who", "with", "from"):
            break
        words.append(t)
    if not words:
        return None, None, None
    head = words[-1].lower_
    designator = next((d for d in map(_designates, words) if d), None)
    text_words = [t.text for t in words if not _designates(t) and t.text not in ("'s", "’s")]
    if head in GOV_TITLE_HEADS:
        return " ".join(text_words), designator, None
    if head in PERSON_ROLE_HEADS:
        return None, None, " ".join(text_words)
    return None, None, None


# ---------------------------------------------------------------- organizations
def find_organizations(doc: Doc, table: EntityTable, acronyms: dict[str, str]) -> None:
    """ORG entities that act, speak or are named as organizations; places and documents are left out."""
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        span = _strip_det(ent)
        if span is not None and ". " in span.text:
            cut = span.text.rindex(". ") + 2
            span = doc.char_span(span.start_char + cut, span.end_char, alignment_mode="expand")
            span = _strip_det(span) if span is not None else None
        if span is None or table.claimed(span.start, span.end):
            continue
        name = norm_name(span.text)
        if not name or any(ch.isdigit() for ch in name) or _title_follows(doc, span) or \
                gazetteer.country_by_capital(name) or gazetteer.country_by_demonym(name):
            continue
        full = acronyms.get(name) or KNOWN_ORGS.get(name) or name
        if not (_org_like(span) or full != name or name in KNOWN_ORGS.values() or _acts(span) or _is_outlet(name)):
            continue
        key = f"org:{full.lower()}"
        ent_obj = table.get_or_create(key, ORGANIZATION, full)
        table.mention(key, span.start, span.end, name)
        ent_obj.names.add(name)


def _title_follows(doc: Doc, span: TokSpan) -> bool:
    return span.end < len(doc) and doc[span.end].lower_ in GOV_TITLE_HEADS


def _org_like(span: TokSpan) -> bool:
    return any(t.lower_ in ORG_HEADS for t in span) or (len(span) == 1 and span[0].is_upper and len(span[0]) >= 2
                                                        and span[0].lower_ not in THING_HEADS and _acts(span))


def _acts(span: TokSpan) -> bool:
    """The name is the subject of a verb, a possessor, or the object of "according to" or "by"."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root.dep_ in ("nsubj", "nsubjpass", "poss") or \
        (root.dep_ == "pobj" and root.head.lower_ in ("to", "by") and root.head.head.lower_ in ("according", "told"))


def _is_outlet(name: str) -> bool:
    return any(w in OUTLET_WORDS for w in name.lower().split())


def is_outlet(ent: Entity) -> bool:
    """News outlets are cited as where something was reported, never as who said it."""
    return ent.kind == ORGANIZATION and _is_outlet(ent.name)


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
    """"The Trump administration", "the Sanchez government": the government of the state the text is about."""
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.end >= len(doc) or doc[ent.end].lower_ not in GOV_NOUNS:
            continue
        if table.claimed(ent.end, ent.end + 1):
            continue
        key = context_government(doc, table, ent.start)
        if key:
            start = ent.start
            for i in range(ent.start, ent.end):
                table.token_key.pop(i, None)
            table.mention(key, start, ent.end + 1)


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


def merge_short_names(table: EntityTable) -> None:
    """A one-word name the tagger found on its own ("Amos") joins the full name it is part of."""
    full = [e for e in table.of_kind(PERSON, OFFICIAL) if len(_name_words(e.name)) >= 2]
    for short in [e for e in table.of_kind(PERSON, OFFICIAL) if len(_name_words(e.name)) == 1]:
        word = _name_words(short.name)[0]
        cands = [e for e in full if word in (_name_words(e.name)[0], _name_words(e.name)[-1])]
        if len(cands) != 1:
            if not cands and len(short.mentions) == 1 and not short.title:
                _drop(table, short)  # a lone capitalised word the tagger took for a name
            continue
        _fold_into(table, short, cands[0])


def _name_words(name: str) -> list[str]:
    return [w for w in name.split() if w.lower() not in HONORIFICS and w.lower() not in NAME_PARTICLES] or [name]


def _fold_into(table: EntityTable, src: Entity, dst: Entity) -> None:
    for m in src.mentions:
        dst.add(m)
    dst.names |= src.names
    dst.title = dst.title or src.title
    if src.kind == OFFICIAL:
        dst.kind = OFFICIAL
    _drop(table, src, replacement=dst.key)


def _drop(table: EntityTable, ent: Entity, replacement: str | None = None) -> None:
    del table.entities[ent.key]
    for i, k in list(table.token_key.items()):
        if k == ent.key:
            if replacement:
                table.token_key[i] = replacement
            else:
                del table.token_key[i]
    table.order = [(i, replacement or k) for i, k in table.order if k != ent.key or replacement]


def find_short_names(doc: Doc, table: EntityTable) -> None:
    """A surname or first name alone ("Otieno", "Amos") is the person named in full nearby."""
    people = table.of_kind(PERSON, OFFICIAL)
    parts: dict[str, list[Entity]] = {}
    for e in people:
        words = [w for w in e.name.split() if w.lower() not in HONORIFICS and w.lower() not in NAME_PARTICLES]
        if len(words) < 2:
            continue
        for w in {words[0], words[-1]}:
            parts.setdefault(w, []).append(e)
    for tok in doc:
        cands = parts.get(tok.text)
        if not cands or table.claimed(tok.i, tok.i + 1) or not tok.is_title:
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].is_title and doc[tok.i + 1].is_alpha:
            continue  # part of a longer, different name ("Sara Karimi" is not "Karimi")
        ent = _latest(table, cands, tok.i)
        table.mention(ent.key, tok.i, tok.i + 1, tok.text)


def _latest(table: EntityTable, cands: list[Entity], before: int) -> Entity:
    last = {k: i for i, k in sorted(table.order) if i < before}
    return max(cands, key=lambda e: last.get(e.key, -1))


# ---------------------------------------------------------------- which government an official serves
def assign_governments(doc: Doc, table: EntityTable) -> None:
    """Officials named without their state get the one the surrounding sentences are about."""
    for ent in table.of_kind(OFFICIAL):
        if ent.government:
            continue
        votes = Counter()
        for m in ent.mentions:
            span = doc.char_span(m.begin, m.end, alignment_mode="expand")
            if span is not None:
                key = context_government(doc, table, span.start, skip=ent.key)
                if key:
                    votes[key] += 1
        ent.government = votes.most_common(1)[0][0] if votes else table.dominant_government()


def context_government(doc: Doc, table: EntityTable, i: int, skip: str | None = None) -> str | None:
    """The government the main clauses just before token i are about, else the article's main one."""
    sent = doc[i].sent
    sents = list(doc.sents)
    idx = next((k for k, s in enumerate(sents) if s.start == sent.start), 0)
    for s in reversed(sents[max(0, idx - 3):idx]):
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
