"""The entities of one article as the extractors build them: keys, mentions, and which token is whose."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span as TokSpan, Token

from ... import gazetteer
from ..records import GOVERNMENT, Entity, Span

LOCATIVE_PREPS = frozenset("in into from across to through at within throughout near inside outside toward "
                           "towards via along around of".split())


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



def _token_runs(doc: Doc, name: str):
    """Every place the exact name is written as whole tokens."""
    for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w]|-e-)", text_of(doc)):
        span = doc.char_span(m.start(), m.end())
        if span is not None:
            yield span



def _strip_det(ent: TokSpan) -> TokSpan | None:
    start = ent.start + (1 if ent[0].lower_ == "the" else 0)
    end = ent.end - (1 if ent[-1].text in ("'s", "’s") else 0)
    return ent.doc[start:end] if end > start else None

