"""The entities of one article as the extractors build them: keys, mentions, and which token is whose."""
from __future__ import annotations

import bisect
import re
from collections import Counter

from spacy.tokens import Doc, Span as TokSpan, Token

from ... import gazetteer
from ..lexicon import GOV_NOUNS
from ..records import GOVERNMENT, Entity, Span

LOCATIVE_PREPS = frozenset("in into from across to through at within throughout near inside outside toward "
                           "towards via along around of".split())


def text_of(doc: Doc) -> str:
    """The Doc's text, built once: spaCy rebuilds doc.text from its tokens on every access."""
    text = doc.user_data.get("newskg_text")
    if text is None:
        text = doc.user_data["newskg_text"] = doc.text
    return text


def sentences(doc: Doc) -> list[TokSpan]:
    """The Doc's sentences, listed once: spaCy walks the whole Doc on every doc.sents."""
    sents = doc.user_data.get("newskg_sents")
    if sents is None:
        sents = doc.user_data["newskg_sents"] = list(doc.sents)
    return sents


def is_name(surface: str) -> bool:
    """A proper name ("the Labour government", "Kabul"), not a description ("the federal government"): only
    names become a node's other labels; descriptions stay its mentions."""
    words = surface.split()
    if words and words[0].lower() in DETERMINERS:
        words = words[1:]
    if all(w.lower() in GOV_NOUNS or w.lower() in GENERIC_MODIFIERS for w in words):
        return False  # "Government" at the start of a sentence is still a description
    return any(w[:1].isupper() or w[:1].isdigit() for w in words)


MIN_HINT = 0.5  # a state named once as a place is no evidence the story is about it; twice, or its money, is
DETERMINERS = frozenset("the a an its their our his her this that these those".split())
GENERIC_MODIFIERS = frozenset("federal national central previous new current former interim caretaker".split())


def entities_of(doc: Doc) -> list[TokSpan]:
    """The Doc's named-entity spans, listed once: spaCy builds them anew on every doc.ents."""
    ents = doc.user_data.get("newskg_ents")
    if ents is None:
        ents = doc.user_data["newskg_ents"] = list(doc.ents)
    return ents


def entities_in(span: TokSpan) -> list[TokSpan]:
    """The named-entity spans that start inside a span (a sentence), found by bisection."""
    ents = entities_of(span.doc)
    starts = span.doc.user_data.get("newskg_ent_starts")
    if starts is None:
        starts = span.doc.user_data["newskg_ent_starts"] = [e.start for e in ents]
    return ents[bisect.bisect_left(starts, span.start):bisect.bisect_left(starts, span.end)]


def entity_at(tok: Token) -> TokSpan | None:
    """The named-entity span a token is part of, if any."""
    doc = tok.doc
    index = doc.user_data.get("newskg_ent_index")
    if index is None:
        index = doc.user_data["newskg_ent_index"] = {i: e for e in entities_of(doc) for i in range(e.start, e.end)}
    return index.get(tok.i)


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
        self.seen: set[tuple[str, Span]] = set()  # (key, mention) pairs already recorded
        self.order: list[tuple[int, str]] = []  # (token index, key), in text order once sorted
        self.resolved: dict[int, str | None] = {}  # subject token -> speaker key, shared by the extractors
        self.home: gazetteer.Country | None = None  # the state of a capital in the dateline
        self.outlet: gazetteer.Country | None = None  # the state of the news site's country domain
        self.acronyms: dict[str, str] = {}  # acronym -> the long name it stands for in this article
        self.hints: Counter = Counter()  # country code -> weight of evidence that the story is about that state
        self.hint_at: dict[str, int] = {}  # country code -> token index of its first hint

    def get_or_create(self, key: str, kind: str, name: str, **attrs) -> Entity:
        ent = self.entities.get(key)
        if ent is None:
            ent = self.entities[key] = Entity(key=key, kind=kind, name=name, **attrs)
        return ent

    def mention(self, key: str, start: int, end: int, surface: str | None = None) -> None:
        """Record tokens [start, end) as a mention of the entity `key`."""
        span = self.doc[start:end]
        surface = surface or span.text
        mention = Span(span.start_char, span.end_char, span.text)
        ent = self.entities[key]
        if (key, mention) not in self.seen:  # a set beside the entity's list: adding stays cheap in long articles
            self.seen.add((key, mention))
            ent.mentions.append(mention)
        if surface and is_name(surface):
            ent.names.add(surface)
        for i in range(start, end):
            self.token_key.setdefault(i, key)
        bisect.insort(self.order, (start, key))

    def drop(self, ent: Entity, replacement: str | None = None) -> None:
        """Forget an entity; its tokens and places in the text order go to `replacement` when given."""
        del self.entities[ent.key]
        for i, k in list(self.token_key.items()):
            if k == ent.key:
                if replacement:
                    self.token_key[i] = replacement
                else:
                    del self.token_key[i]
        self.order = sorted((i, replacement if k == ent.key else k) for i, k in self.order
                            if k != ent.key or replacement)

    def hint(self, code: str, weight: float, at: int) -> None:
        """Evidence short of a government mention that the story is about a state (its people, its money)."""
        self.hints[code] += weight
        self.hint_at.setdefault(code, at)

    def key_of(self, token: Token) -> str | None:
        return self.token_key.get(token.i)

    def claimed(self, start: int, end: int) -> bool:
        return any(i in self.token_key for i in range(start, end))

    def of_kind(self, *kinds: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.kind in kinds]

    def dominant_government(self) -> str | None:
        """The government the article is mostly about: the most mentioned, the first on a tie.

        Domestic news often never names its own state ("the government said", "the Labour government"):
        the dateline, the people and the money of a state then decide, as they would for a reader.
        """
        scores = Counter()
        for i, key in self.order:  # a state that acts (a subject) counts more than one acted upon
            ent = self.entities.get(key)
            if ent is not None and ent.kind == GOVERNMENT and not ent.division:  # a state, not one of its regions
                scores[key] += 1.0 if _acts(self.doc[i]) else 0.5
        first = {k: i for i, k in sorted(self.order, reverse=True)}
        codes = {}
        for code, weight in self.hints.items():
            country = gazetteer.country_by_code(code)
            if country is not None and (weight >= MIN_HINT or gov_key(country) in self.entities):
                key = gov_key(country)
                scores[key] += weight
                codes[key] = country
                first[key] = min(first.get(key, self.hint_at[code]), self.hint_at[code])
        if self.home is not None:  # a story filed from a capital is first about that state
            home = gov_key(self.home)
            scores[home] += 3
            codes[home] = self.home
        if not scores:
            return None
        best = max(scores, key=lambda k: (scores[k], -first.get(k, 0)))
        if best not in self.entities:
            state_government(self, codes[best])
        return best


def _acts(tok: Token) -> bool:
    """A mention heading a subject, or a possessor or modifier of one ("Kenya's government said")."""
    t = tok
    for _ in range(3):
        if t.dep_ in ("nsubj", "nsubjpass"):
            return True
        if t.dep_ not in ("compound", "poss", "amod", "nmod", "det") or t.head.i == t.i:
            return False
        t = t.head
    return False


def multiword_state(doc: Doc, i: int, demonyms_only: bool = False) -> tuple[TokSpan, gazetteer.Country] | None:
    """The state name or demonym of two or three capitalised words that token i is part of ("Sri Lankan",
    "New Zealand", "North Korean"), whatever the tagger made of them, with its words."""
    titled = _titled(doc)
    for n in (3, 2):
        for start in range(max(0, i - n + 1), i + 1):
            if start + n > len(titled) or not all(titled[start:start + n]):
                continue
            words_ = doc[start:start + n]
            country = gazetteer.country_by_demonym(words_.text) or \
                (None if demonyms_only else gazetteer.country_by_name(words_.text))
            if country is not None:
                return words_, country
    return None


def _titled(doc: Doc) -> list[bool]:
    """Which tokens are title-cased, listed once: multiword_state asks it of every token's neighbours, and a
    spaCy Token made for each ask costs more than the rest of the check."""
    titled = doc.user_data.get("newskg_titled")
    if titled is None:
        titled = doc.user_data["newskg_titled"] = [t.is_title for t in doc]
    return titled


def gov_key(country: gazetteer.Country | None, group: str | None = None) -> str:
    return f"gov:{country.code}" if country else f"gov:group:{group.lower()}"


def division_government(table: EntityTable, name: str, division: str | None, span: TokSpan | None = None) -> str:
    """The key of a sub-national government ("West Bengal", a state; "Lagos", a city), created if new.

    The state it is part of is the region's or the city's own, else the state the article is from or about;
    `division` None is whatever that state calls its first-level regions ("state", "province", "county").
    """
    home = table.home or table.outlet
    within = gazetteer.country_by_city(name) if division == "city" else None
    states = gazetteer.subdivision_states(name) if within is None else ()
    if states:  # "Punjab" is India's and Pakistan's: the story's own state decides, else a state it names
        named = [code for code in states if f"gov:{code}" in table.entities]
        code = home.code if home is not None and home.code in states else named[0] if named else states[0]
        within = gazetteer.country_by_code(code)
    within = within or home
    code = within.code if within is not None else None
    if code is None:  # the state most written of, without creating one
        states = [e for e in table.of_kind(GOVERNMENT) if e.country]
        code = max(states, key=lambda e: len(e.mentions)).country if states else \
            max(table.hints, key=table.hints.get) if table.hints else None
    division = division or gazetteer.division_word(code)
    same = next((e for e in table.of_kind(GOVERNMENT) if e.division and e.name.lower() == name.lower() and
                 (e.division == "city") == (division == "city")), None)  # "Punjab Chief Minister", "the provincial"
    key = same.key if same is not None else f"gov:div:{division}:{name.lower()}"
    table.get_or_create(key, GOVERNMENT, name, division=division, within=code)
    if span is not None and not table.claimed(span.start, span.end):
        table.mention(key, span.start, span.end)
    return key


def state_government(table: EntityTable, country: gazetteer.Country, tok: Token | None = None) -> str:
    """The key of a state's government, created if the article has not named it yet."""
    key = gov_key(country)
    table.get_or_create(key, GOVERNMENT, country.name, country=country.code)
    if tok is not None and not table.claimed(tok.i, tok.i + 1):
        table.mention(key, tok.i, tok.i + 1)
    return key



def _token_runs(doc: Doc, name: str):
    """Every place the exact name is written as whole tokens."""
    text = text_of(doc)
    if name not in text:  # most names asked for are not in the text: no pattern to make and run
        return
    for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w]|-e-)", text):
        span = doc.char_span(m.start(), m.end())
        if span is not None:
            yield span



def _strip_det(ent: TokSpan) -> TokSpan | None:
    start = ent.start + (1 if ent[0].lower_ == "the" else 0)
    end = ent.end - (1 if ent[-1].text in ("'s", "’s") else 0)
    return ent.doc[start:end] if end > start else None

