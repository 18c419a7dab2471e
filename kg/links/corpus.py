"""Links across the corpus, in two steps that fit a build which streams one article at a time.

`article_features(record)` reads, from one full record, the little that linking needs (profiles of its
figures and statements, the steps of its policies); `link_corpus(outlines, features, resolution, policies)`
joins them across articles. A store build keeps the features of every article in memory beside the outlines
(some KB each) and writes each article graph with its share of the links (kg.triples).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from rdflib import URIRef

from ..extract import dates
from ..extract.records import GOVERNMENT, ArticleRecord
from ..vocab import ID
from .figures import FigureLinks, FigureProfile, figure_profiles, link_figures
from .policies import PolicyEvent, policy_events, policy_words
from .statements import StatementProfile, link_statements, statement_profiles


@dataclass
class ArticleFeatures:
    """What one article brings to the links."""

    identifier: str
    figures: list[FigureProfile]
    statements: list[StatementProfile]
    events: list[PolicyEvent]


@dataclass
class EventNode:
    iri: URIRef
    policy: URIRef
    event: PolicyEvent
    actor: URIRef | None
    deadline: date | None


@dataclass
class Links:
    """Every cross-source link, keyed by (article index, index of the node in its record)."""

    figures: FigureLinks = field(default_factory=FigureLinks)
    profiles: list[list[FigureProfile]] = field(default_factory=list)
    responds: dict[tuple[int, int], list[tuple[URIRef, str]]] = field(default_factory=lambda: defaultdict(list))
    about: dict[tuple[int, int], set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    events: dict[int, list[EventNode]] = field(default_factory=lambda: defaultdict(list))


def article_features(rec: ArticleRecord) -> ArticleFeatures:
    return ArticleFeatures(identifier=rec.article.identifier, figures=figure_profiles(rec),
                           statements=statement_profiles(rec), events=policy_events(rec))


def link_corpus(records: list[ArticleRecord], features: list[ArticleFeatures], res, policies) -> Links:
    """The links of a corpus: `records` may be outlines (kg.incremental.outline), `policies` is
    kg.triples.policy_iris of the same records."""
    from ..triples import statement_iri

    links = Links(profiles=[f.figures for f in features])
    links.figures = link_figures(links.profiles, policy_words(records, policies))

    def side(i: int, key: str | None):
        iri = res.iri(i, key)
        if iri is None:
            return None, None, "", None
        node = res.nodes[iri]
        mine = iri if node.kind == GOVERNMENT else node.government or iri
        return mine, iri, node.label, res.nodes[mine].country if mine in res.nodes else None

    def s_iri(j: int, k: int) -> URIRef | None:
        q = features[j].statements[k]
        return statement_iri(features[j].identifier, q.speaker, q.text) if res.iri(j, q.speaker) is not None else None

    answers = link_statements([f.statements for f in features], side)
    for key, targets in answers.responds.items():
        for (j, k), stance in targets:
            target = s_iri(j, k)
            if target is not None and target != s_iri(*key):
                links.responds[key].append((target, stance))
    for i, f in enumerate(features):
        for p in f.statements:
            about = {res.iri(i, k) for k in p.mentions_of} | {policies[(i, j)][0] for j in p.policies} | \
                    {f.figures[j].iri for j in p.figures}
            about.discard(None)
            about.discard(res.iri(i, p.speaker))
            if about:
                links.about[(i, p.index)] = about
    _events(links, records, features, res, policies)
    return links


def _events(links: Links, records, features, res, policies) -> None:
    from ..triples import digest

    known: dict[URIRef, list[date]] = defaultdict(list)  # each policy's deadlines, to date one written yearless
    for i, f in enumerate(features):
        for ev in f.events:
            if ev.deadline:
                known[policies[(i, ev.policy)][0]].append(ev.deadline)
    for i, f in enumerate(features):
        for ev in f.events:
            policy = policies[(i, ev.policy)][0]
            if ev.deadline is None and ev.deadline_text and known[policy]:
                ev = replace(ev, deadline=dates.resolve(ev.deadline_text, max(known[policy])))
            node = ID[f"policyevent/{digest(policy, f.identifier, ev.kind, ev.span.begin)}"]
            links.events[i].append(EventNode(iri=node, policy=policy, event=ev, actor=res.iri(i, ev.actor),
                                             deadline=ev.deadline))
