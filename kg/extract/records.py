"""What extraction yields for one article: plain, picklable records, free of spaCy objects."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..ingest import Article

GOVERNMENT, OFFICIAL, PERSON, ORGANIZATION = "government", "official", "person", "organization"
GROUP = "group"  # an unnamed collective speaker: residents, critics, media reports


@dataclass(frozen=True, order=True)
class Span:
    """Characters [begin, end) of the article body, with the text found there."""

    begin: int
    end: int
    text: str


@dataclass
class Entity:
    """An entity as one article knows it; keys are local to the article until resolution."""

    key: str
    kind: str
    name: str
    names: set[str] = field(default_factory=set)
    mentions: list[Span] = field(default_factory=list)
    title: str | None = None
    government: str | None = None  # local key of the Government an Official belongs to
    organization: str | None = None  # local key of the non-government Organization a Person holds a title in
    country: str | None = None  # ISO code of a Government, when known
    group: str | None = None  # the ruling group a Government is named after ("X administration")
    unnamed: bool = False
    gender: str | None = None  # "male" or "female" when an honorific or a title says so
    division: str | None = None  # a sub-national Government's kind: "state", "province", "county", "city"
    within: str | None = None  # ISO code of the state a sub-national Government is part of, when known

    def add(self, span: Span, surface: str | None = None) -> None:
        if span not in self.mentions:
            self.mentions.append(span)
        if surface:
            self.names.add(surface)


@dataclass
class StatementRecord:
    speaker: str
    text: str
    direct: bool
    span: Span
    evidence: str
    verb: str | None = None
    date: date | None = None
    rule: str = "reported"  # the construction it was read from (kg.extract.statements names them)


@dataclass
class PolicyRecord:
    label: str
    issuer: str | None
    spans: list[Span]
    evidence: list[str]
    deadline: date | None = None
    keywords: frozenset[str] = frozenset()
    status: str | None = None  # proposed, announced, in force, extended, suspended, withdrawn, struck down
    rule: str = "policy-verb"


@dataclass
class FigureRecord:
    value: float
    surface: Span
    evidence: str
    approximate: bool = False
    unit: str | None = None
    measure: str | None = None
    reporter: str | None = None
    rule: str = "number"
    mentions: list[Span] = field(default_factory=list)  # where the story repeats the same figure


@dataclass
class FailedArticle:
    """An article whose extraction raised: named with the reason, left out of the graph, the build goes on."""

    article: Article
    reason: str


@dataclass
class ArticleRecord:
    """Everything one article contributed, ready for corpus-wide resolution."""

    article: Article
    entities: dict[str, Entity]
    statements: list[StatementRecord]
    policies: list[PolicyRecord]
    figures: list[FigureRecord]
    anchor_date: date | None = None
