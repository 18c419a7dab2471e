"""One policy across the corpus, and the steps of its life: announced, deadline set, extended, enforced,
exemptions, suspended, struck down.

Policies of different articles are one when the same government issued them, they are the same kind of
measure (a removal, a ban, a cap, a deadline) and they share at least two words that say what the measure is
about (besides the words of its kind, the issuer's names and words every policy has); two policies of one
article stay two, as the extractor found them. The steps are read in the sentences that tell a policy and in
what its government's people said in the same article, each with its date, who took it and the sentence.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple
from datetime import date, timedelta

from rdflib import URIRef

from ..extract import dates
from ..extract.policies import KINDS, POLICY_NOUNS, STATUS_ORDER, UMBRELLA_NOUNS
from ..extract.records import ORGANIZATION, ArticleRecord, PolicyRecord, Span
from ..vocab import ID
from .lexicon import column, find_phrases, stem, tokens, words

LIFECYCLE = column("lifecycle")
EVENT_ORDER = ("announced", "deadline set", "extended", "enforced", "exemptions", "suspended", "struck down")
GENERIC = words("policy_generic_words")
KIND_WORDS = frozenset(KINDS.values()) | POLICY_NOUNS
MIN_SHARED = 2
UMBRELLA = frozenset(UMBRELLA_NOUNS) | {"deadline", "ultimatum"}  # nouns that can stand for any kind of measure
# steps a government's people announce in their own words, beside the sentences that tell the policy
SPOKEN_STEPS = frozenset({"extended", "enforced", "exemptions", "suspended"})
DEADLINE_MARKERS = r"(?:by|until|till|before|to|through|on)"
_M = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
     r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
DAY = re.compile(rf"\b{_M}\.?\s*\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s*\d{{4}})?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?"
                 rf"{_M}\b(?:,?\s*\d{{4}})?", re.IGNORECASE)
MONTH = re.compile(rf"\b(?:in|at the (?:start|end|beginning) of|since|early|late|mid-?)\s+({_M})\b(?:\s+(\d{{4}}))?",
                   re.IGNORECASE)
LAST_MONTH = re.compile(r"\b(?:last|the previous|the past) month\b", re.IGNORECASE)


class PolicyNode(NamedTuple):
    """What every article graph says of a policy, the same in each: decided over all its mentions."""

    iri: URIRef
    label: str
    deadline: date | None  # the latest deadline told
    status: str | None  # the furthest along its life any article tells
    rules: tuple[str, ...]  # the rules that read its mentions


@dataclass(frozen=True)
class PolicyEvent:
    """One step in a policy's life as one article tells it."""

    policy: int  # index of the policy in its article's record
    kind: str
    when: date | None
    evidence: str
    span: Span
    deadline: date | None = None  # the day a deadline set or extended falls on
    actor: str | None = None  # local key of who took the step (the issuer, a court)
    spared: str | None = None  # who an exemption spares
    deadline_text: str | None = None  # a deadline written without its year in an undated article


# ---------------------------------------------------------------- one policy across the corpus

def policy_clusters(records: list[ArticleRecord], res) -> dict[tuple[int, int], PolicyNode]:
    """One node per policy: policies of different articles join when they are the same kind of measure by the
    same government about the same thing."""
    clusters: list[dict] = []
    out: dict[tuple[int, int], tuple[URIRef, str]] = {}
    for i, rec in enumerate(records):
        for j, p in enumerate(rec.policies):
            issuer = res.iri(i, p.issuer)
            kinds, targets = describe(p, res.nodes[issuer].names if issuer in res.nodes else ())
            found = next((c for c in clusters if issuer is not None and c["issuer"] == issuer
                          and i not in c["articles"] and _same_measure(kinds, targets, c)), None)
            if found is None:
                from ..triples import digest

                key = (issuer, p.deadline) if p.deadline and issuer else (rec.article.identifier, issuer, p.label)
                found = {"iri": ID[f"policy/{digest(*key)}"], "issuer": issuer, "articles": set(), "rules": set(),
                         "kinds": set(), "targets": set(), "label": p.label, "dated": bool(p.deadline),
                         "deadline": None, "status": None}
                clusters.append(found)
            elif p.deadline and not found["dated"]:
                found["label"], found["dated"] = p.label, True  # the mention that gives the date names it best
            found["articles"].add(i)
            found["deadline"] = max(filter(None, (found["deadline"], p.deadline)), default=None)
            found["status"] = max(filter(None, (found["status"], p.status)), key=STATUS_ORDER.index, default=None)
            found["rules"].add(p.rule)
            found["kinds"] |= kinds
            found["targets"] |= targets
            out[(i, j)] = found
    nodes = {id(c): PolicyNode(c["iri"], c["label"], c["deadline"], c["status"], tuple(sorted(c["rules"])))
             for c in clusters}
    return {k: nodes[id(c)] for k, c in out.items()}


def _same_measure(kinds: set[str], targets: set[str], cluster: dict) -> bool:
    """The same kind of measure about the same thing; a deadline or a plan, which can stand for any kind,
    needs one word more in common."""
    shared = len(targets & cluster["targets"])
    if kinds & cluster["kinds"] - UMBRELLA:
        return shared >= MIN_SHARED
    return bool(kinds and cluster["kinds"]) and (kinds <= UMBRELLA or cluster["kinds"] <= UMBRELLA) and \
        shared >= MIN_SHARED + 1


def describe(p: PolicyRecord, issuer_names=()) -> tuple[set[str], set[str]]:
    """The kinds of measure a policy is, and the words that say what it is about."""
    own = {w for n in issuer_names for w in tokens(n)}
    kinds = {w for w in p.keywords if w in KIND_WORDS}
    return kinds, {stem(w) for w in p.keywords if w.isalpha() and w not in KIND_WORDS | GENERIC | own}


def policy_words(records: list[ArticleRecord], iris: dict[tuple[int, int], tuple]):
    """A function (article index, policy index) -> the words of that policy in every article that tells it."""
    merged: dict[URIRef, set[str]] = defaultdict(set)
    for (i, j), (iri, *_) in iris.items():
        merged[iri] |= set(records[i].policies[j].keywords)
    return lambda i, j: frozenset(merged.get(iris[(i, j)][0], ())) if (i, j) in iris else frozenset()


# ---------------------------------------------------------------- the steps of a policy's life

def policy_events(rec: ArticleRecord) -> list[PolicyEvent]:
    """The steps of each policy of an article, in text order."""
    published = rec.article.date or rec.anchor_date
    body = rec.article.body
    out: list[PolicyEvent] = []
    for j, p in enumerate(rec.policies):
        seen: set[tuple[str, int]] = set()
        host = _exempted_from(rec, j)
        for span, sentence in _sentences_of(p, body):
            for ev in _events_in(host, sentence, span, published, p.issuer, rec):
                if (ev.kind, span.begin) not in seen:
                    seen.add((ev.kind, span.begin))
                    out.append(ev)
    out += _spoken_steps(rec, published)
    return sorted(out, key=lambda e: (e.span.begin, EVENT_ORDER.index(e.kind)))


def _exempted_from(rec: ArticleRecord, j: int) -> int:
    """An exemption ("students will be exempt from the cap") is a step of the policy it exempts from: the
    article's other policy of the same issuer and kind; else its own."""
    p = rec.policies[j]
    if "exemption" not in p.keywords:
        return j
    kinds = describe(p)[0] - {"exemption"}
    hosts = [k for k, q in enumerate(rec.policies) if k != j and q.issuer == p.issuer and kinds & describe(q)[0]]
    return hosts[0] if len(hosts) == 1 else j


def _sentences_of(p: PolicyRecord, body: str):
    """Each evidence sentence of a policy with its place in the body."""
    for sentence in p.evidence:
        start = body.find(sentence)
        if start >= 0:
            yield Span(start, start + len(sentence), sentence), sentence


def _events_in(j: int, sentence: str, span: Span, published: date | None, issuer: str | None,
               rec: ArticleRecord, allowed=None) -> list[PolicyEvent]:
    kinds = []
    for m in find_phrases(sentence, LIFECYCLE):
        kind = LIFECYCLE[m.group(1).lower()]
        if kind == "deadline set" and "deadline" not in sentence.lower():
            continue
        if kind not in kinds and (allowed is None or kind in allowed):
            kinds.append(kind)
    deadline, written = _deadline_in(sentence, published)
    if "deadline" in sentence.lower() and written and "deadline set" not in kinds and "extended" not in kinds:
        kinds.append("deadline set")  # "October 31 as the deadline", "a November 1 deadline"
    if "extended" in kinds and "deadline set" in kinds:
        kinds.remove("deadline set")  # "extended the deadline for ...": the deadline moves, it is not set
    if not kinds:
        return []
    when = _event_date(sentence, published, deadline)
    actor = _court(rec, span) if "struck down" in kinds else None
    return [PolicyEvent(policy=j, kind=k, when=when, evidence=sentence.strip(), span=span,
                        deadline=deadline if k in ("deadline set", "extended") else None,
                        deadline_text=written if deadline is None and k in ("deadline set", "extended") else None,
                        actor=actor if k == "struck down" and actor else issuer,
                        spared=_spared(sentence) if k == "exemptions" else None) for k in kinds]


def _spoken_steps(rec: ArticleRecord, published: date | None) -> list[PolicyEvent]:
    """"We will not deport those who hold cards", said by the issuer's side: a step of its one policy."""
    out = []
    for s in rec.statements:
        side = _side(rec, s.speaker)
        mine = [j for j, p in enumerate(rec.policies) if p.issuer == side]
        if side is None or len(mine) != 1:
            continue
        start = rec.article.body.find(s.evidence)
        span = Span(start, start + len(s.evidence), s.evidence) if start >= 0 else s.span
        if any(s.evidence.strip() == ev.strip() for ev in rec.policies[mine[0]].evidence):
            continue  # read with the policy's own sentences
        out += _events_in(mine[0], s.evidence, span, s.date or published, side, rec, allowed=SPOKEN_STEPS)
    return out


def _side(rec: ArticleRecord, key: str | None) -> str | None:
    e = rec.entities.get(key) if key else None
    if e is None:
        return None
    return key if e.kind == "government" else e.government


def _deadline_in(sentence: str, published: date | None) -> tuple[date | None, str | None]:
    """The day a deadline falls on ("a November 1 deadline", "October 31 as the deadline", "until June 30"),
    and how it is written."""
    low = sentence.lower()
    for m in DAY.finditer(sentence):
        before = low[max(0, m.start() - 12):m.start()]
        after = low[m.end():m.end() + 20]
        if re.search(rf"\b{DEADLINE_MARKERS}\s+(?:the\s+)?$", before) or after.lstrip().startswith("deadline") \
                or re.match(r"\s*as the (?:new |final |last )?deadline", after) or \
                re.search(r"deadline (?:of|to|on)\s+$", low[max(0, m.start() - 20):m.start()]):
            return dates.resolve(m.group(0), published), m.group(0)
    return None, None


def _event_date(sentence: str, published: date | None, deadline: date | None) -> date | None:
    """When a step was taken: a day in its sentence other than the deadline, a month, else the article's date."""
    for m in DAY.finditer(sentence):
        d = dates.resolve(m.group(0), published)
        if d and d != deadline and re.search(r"\b(?:on|since|from)\s+(?:\w+,\s+)?$",
                                             sentence[max(0, m.start() - 16):m.start()], re.IGNORECASE):
            return d
    m = MONTH.search(sentence)
    if m and published:
        month = dates.MONTHS[m.group(1).lower()[:4] if m.group(1).lower().startswith("sept") else m.group(1).lower()[:3]]
        year = int(m.group(2)) if m.group(2) else published.year - (month > published.month)
        return date(year, month, 1)
    if LAST_MONTH.search(sentence) and published:
        first = published.replace(day=1) - timedelta(days=1)
        return first.replace(day=1)
    return published


def _spared(sentence: str) -> str | None:
    """Who an exemption spares: the subject of "will be exempt" or "are spared", else the words after
    "exempts", "not bothering" up to the clause's end."""
    m = re.search(r"(?:^|[,;:]\s*)([A-Z]?[^,;:]*?)\s+(?:will|would|are|were|is|was|shall)\s+(?:be\s+)?(?:also\s+)?"
                  r"(?:exempt|exempted|spared)\b", sentence)
    if m and m.group(1).strip():
        return m.group(1).strip()
    m = re.search(r"\b(?:exempts?|exempted|spared|spares|not bothering|will not apply to|does not apply to|"
                  r"exemptions? (?:for|to))\s+(.+?)(?:[.;:!?\"”]|$)", sentence, re.IGNORECASE)
    if not m:
        return None
    who = re.sub(r"^(?:from\s+.+?\s+(?:for|are)\s+)", "", m.group(1)).strip(" ,")
    return who or None


def _court(rec: ArticleRecord, span: Span) -> str | None:
    """A court named in the sentence: the actor of a policy struck down."""
    for key, e in rec.entities.items():
        if e.kind == ORGANIZATION and re.search(r"\b(court|tribunal|judge)", e.name, re.IGNORECASE) and \
                any(span.begin <= m.begin < span.end for m in e.mentions):
            return key
    return None
