"""Figures that count the same thing across articles: groups, the range each value allows, disagreements.

A figure's profile says what it counts: people or a kind of thing, their nationality, legal status and
place, and whether it is a stock ("1.7 million live in X") or the running total of an event ("140,000 have
left X"). Figures with the same profile from at least two articles form a FigureGroup. Two members disagree
when the ranges their hedges allow ("nearly 2 million": 1.8 to 2 million; "1.73 million": as written, to
its last digit) do not meet and they refer to the same time: stocks within STOCK_WINDOW days of each other,
running totals on the same day (over time they are a series, never a conflict). A figure whose profile is
unsure (no place, a rate, a part of another figure, a projection) joins no group: a missing link is better
than a false disagreement.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from rdflib import URIRef

from .. import gazetteer
from ..extract import dates
from ..extract.records import ArticleRecord, FigureRecord
from ..vocab import ID
from .lexicon import column, find_phrases, has_any, stem, table, tokens, words
from .text import Located, locate, main_country, places_after_prepositions, places_in

STOCK_WINDOW = 90  # days within which two counts of a population must agree
HEDGES = {k: (float(v[0]), float(v[1])) for k, v in table("hedges").items()}
PEOPLE = words("people_nouns")
STATUS = column("status_words")
FLOWS = column("flow_verbs")
RATES = words("rate_words")
PROJECTIONS = words("projection_words")
COPULAS = frozenset("are were is was have had remain remained".split())
PRONOUN_PEOPLE = ("those who", "those", "people who")
HEAD_STOP = frozenset("in of on by for to with from at into who that which whose conducted living carried made "
                      "held killed".split())


@dataclass(frozen=True)
class FigureProfile:
    """What one figure counts and the range its wording allows; `key` is None when it joins no group."""

    index: int
    iri: URIRef
    low: float
    high: float
    when: date | None
    key: tuple | None
    reporter: str | None = None
    lends: tuple[int, ...] = ()  # the article's policies whose sentence this is, when its status is untold

    def final_key(self, article: int, policy_words) -> tuple | None:
        """The key with the status a policy lends it: `policy_words(article, policy index)` gives the words
        of that policy across the corpus."""
        if self.key is None or self.key[3] is not None or not self.lends:
            return self.key
        statuses = {_status(" ".join(sorted(policy_words(article, j)))) for j in self.lends}
        status = statuses.pop() if len(statuses) == 1 else None
        return self.key[:3] + (status,) + self.key[4:]


@dataclass
class FigureGroup:
    iri: URIRef
    label: str
    series: bool
    members: list[tuple[int, int]] = field(default_factory=list)  # (article index, figure index)


@dataclass
class FigureLinks:
    groups: dict[URIRef, FigureGroup] = field(default_factory=dict)
    group_of: dict[tuple[int, int], URIRef] = field(default_factory=dict)
    disagrees: dict[tuple[int, int], set[URIRef]] = field(default_factory=lambda: defaultdict(set))


# ---------------------------------------------------------------- one article's figures

def figure_profiles(rec: ArticleRecord) -> list[FigureProfile]:
    """The profile of every figure of an article.

    A figure counting people in the sentence that tells a policy, with no status of its own, takes the
    policy's ("the deadline called for nearly 2 million Afghans to leave" counts the people the measure is
    for): the policy's words across the corpus are only known when linking, so it `lends` them then.
    """
    from ..triples import figure_iri

    body = rec.article.body
    country = main_country(rec)
    when = rec.article.date or rec.anchor_date
    out = []
    for k, f in enumerate(rec.figures):
        loc = locate(body, f.surface.begin, f.surface.end, f.evidence)
        low, high = value_range(f, loc.before)
        key = _key(rec, k, f, loc, country)
        lends = tuple(j for j, p in enumerate(rec.policies) if loc.sentence.strip() in " ".join(p.evidence)) \
            if key is not None and key[1] == "people" and key[3] is None else ()
        out.append(FigureProfile(index=k, iri=figure_iri(rec.article.identifier, f), low=low, high=high,
                                 when=_reference_date(loc, when), key=key, reporter=f.reporter, lends=lends))
    return out


def value_range(f: FigureRecord, before: str) -> tuple[float, float]:
    """The lowest and highest value the figure's wording allows."""
    hedge = _hedge(before)
    if hedge is None and f.approximate:
        hedge = HEDGES["about"]
    if hedge is not None:
        return f.value * hedge[0], f.value * hedge[1]
    half = written_precision(f.surface.text, f.value) / 2
    return f.value - half, f.value + half


def _hedge(before: str) -> tuple[float, float] | None:
    tail = " ".join(tokens(before)[-4:])
    for phrase in sorted(HEDGES, key=len, reverse=True):
        if tail == phrase or tail.endswith(" " + phrase):
            return HEDGES[phrase]
    return None


def written_precision(surface: str, value: float) -> float:
    """The unit of the last digit written: 1.73 million -> 10,000; 140,000 -> 10,000; 140,322 -> 1."""
    m = re.search(r"\d[\d,]*(?:\.(\d+))?", surface)
    if not m:
        return max(1.0, 10 ** (len(str(int(value))) - 1))  # a number word: "three million" -> a million
    digits = m.group(0).replace(",", "")
    written = float(digits)
    scale = value / written if written else 1.0
    if m.group(1):
        return scale * 10 ** -len(m.group(1))
    zeros = len(digits) - len(digits.rstrip("0"))
    return scale * 10 ** zeros if digits.strip("0") else scale


def _reference_date(loc: Located, published: date | None) -> date | None:
    """The day a figure refers to: a day written in its clause ("as of March 3", "on Monday"), else the article's."""
    for m in re.finditer(r"\b(?:on|as of|as at)\s+([A-Z][a-z]+\.?\s*\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]+"
                         r"(?:\s+\d{4})?|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)", loc.sentence):
        d = dates.resolve(m.group(1), published)
        if d:
            return d
    return published


def _key(rec: ArticleRecord, k: int, f: FigureRecord, loc: Located, country: str | None) -> tuple | None:
    """(unit, kind, nationality, status, place, event) of what the figure counts, or None when unsure."""
    if f.rule == "duration":
        return None
    before = loc.before.lower()
    clause_after = re.split(r"[;:.!?]|\s[-–—]{1,2}\s|,\s(?:while|but|and|who|which)\b", loc.after)[0]
    if _rate_or_part(before, clause_after.lower(), loc.sentence.lower()):
        return None
    if has_any(" ".join(tokens(before)[-5:]), PROJECTIONS):
        return None
    measure = f.measure or _elided_measure(rec, k, f, loc)
    if not measure:
        return None
    kind = _kind(measure)
    if kind is None:
        return None
    nationality = _nationality(measure)
    context = f"{measure} {clause_after}"
    status = _status(context)
    event = _event(loc.before, clause_after, measure)
    place = _place(context, loc.sentence, country, nationality)
    if place is None:
        return None
    return (f.unit or "", kind, nationality, status, place, event)


def _rate_or_part(before: str, after: str, sentence: str) -> bool:
    """A count per period, an average, or the first of "14 of 24": not comparable with a total."""
    if re.match(r"\s*of\s+(?:the\s+)?\d", after):
        return True
    near = " ".join(tokens(before)[-4:] + tokens(after)[:12])
    return has_any(near, RATES)


def _elided_measure(rec: ArticleRecord, k: int, f: FigureRecord, loc: Located) -> str | None:
    """"Of the 4 million Afghans living in X, 1.7 million are undocumented": the noun left out is the other
    figure's, and what the clause says of them ("undocumented") is kept."""
    m = re.match(r"\s*(are|were|have|had|remain|remained)\b\s*([^,;.]*)", loc.after)
    if not m:
        return None
    others = [g for j, g in enumerate(rec.figures) if j != k and g.evidence == f.evidence and g.measure
              and g.surface.begin < f.surface.begin]
    if not others or not re.match(r"\s*of\b", loc.sentence, re.IGNORECASE):
        return None
    return f"{m.group(2).strip()} {others[-1].measure}".strip()


def _kind(measure: str) -> str | None:
    toks = tokens(measure)
    text = " ".join(toks)
    if has_any(text, PEOPLE) or \
            any(text.startswith(p) for p in PRONOUN_PEOPLE):
        return "people"
    if any(gazetteer.country_by_demonym(w) and w.endswith("s") for w in re.findall(r"[A-Z][a-z]+s\b", measure)):
        return "people"  # "Afghans", "Syrians"
    head = []
    for t in toks:  # the words before the first preposition or clause: "suicide bombings conducted by ..."
        if t in HEAD_STOP:
            break
        head.append(stem(t))
    return " ".join(head) or None


def _nationality(measure: str) -> str | None:
    """The state of the people counted: a demonym ("Afghan refugees") or a state's name before a noun
    ("Myanmar workers")."""
    for m in re.finditer(r"\b([A-Z][a-z]+)\b(\s+[a-z])?", measure):
        c = gazetteer.country_by_demonym(m.group(1)) or (gazetteer.country_by_name(m.group(1)) if m.group(2) and
                                                         not _after_preposition(measure, m.start()) else None)
        if c is not None:
            return c.code
    return None


def _after_preposition(text: str, at: int) -> bool:
    return bool(re.search(r"\b(?:in|into|to|from|of|across|leave|left|inside|within)\s+(?:the\s+)?$", text[:at]))


def _status(text: str) -> str | None:
    found = {STATUS[m.group(1).lower()] for m in find_phrases(text, STATUS)}
    return found.pop() if len(found) == 1 else None


def _event(before: str, clause_after: str, measure: str) -> str | None:
    """The event a running total counts: a past verb just before the number or in its clause."""
    near = " ".join(tokens(before)[-3:]) + " | " + " ".join(tokens(clause_after)[:10])
    found = [FLOWS[m.group(1).lower()] for m in find_phrases(near, FLOWS)]
    return found[0] if found else None


def _place(context: str, sentence: str, country: str | None, nationality: str | None) -> str | None:
    """The state the count is about: the one named in its clause, else the story's own when its sentence
    names no other ("living in the country", "had left"); a state named as the people's origin ("Myanmar
    workers") is no place."""
    named = places_in(context) - ({nationality} - places_after_prepositions(context))
    if len(named) == 1:
        return named.pop()
    if len(named) > 1 or not places_in(sentence) - ({nationality} - places_after_prepositions(sentence)) <= {country}:
        return None
    return country


# ---------------------------------------------------------------- across articles

def link_figures(profiles: list[list[FigureProfile]], policy_words=lambda i, j: frozenset()) -> FigureLinks:
    """Groups of figures with one profile from two articles or more, and the pairs in them that disagree.

    `policy_words(article index, policy index)` gives the words of a policy across the corpus.
    """
    by_key: dict[tuple, list[tuple[int, FigureProfile]]] = defaultdict(list)
    for i, article in enumerate(profiles):
        for p in article:
            key = p.final_key(i, policy_words)
            if key is not None:
                by_key[key].append((i, p))
    out = FigureLinks()
    for key, members in by_key.items():
        if len({i for i, _ in members}) < 2:
            continue
        from ..triples import digest

        iri = ID[f"figuregroup/{digest(*key)}"]
        group = FigureGroup(iri=iri, label=group_label(key), series=key[5] is not None,
                            members=[(i, p.index) for i, p in members])
        out.groups[iri] = group
        for i, p in members:
            out.group_of[(i, p.index)] = iri
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                (i, p), (j, q) = members[a], members[b]
                if disagree(p, q, series=group.series):
                    out.disagrees[(i, p.index)].add(q.iri)
                    out.disagrees[(j, q.index)].add(p.iri)
    return out


def disagree(p: FigureProfile, q: FigureProfile, *, series: bool) -> bool:
    """Values apart by more than their wording allows, about the same time."""
    if p.high < q.low or q.high < p.low:
        if p.when is None or q.when is None:
            return False
        gap = abs((p.when - q.when).days)
        return gap == 0 if series else gap <= STOCK_WINDOW
    return False


def group_label(key: tuple) -> str:
    """What a group counts, in words: "undocumented Afghans in Pakistan", "people from Chile who left"."""
    unit, kind, nationality, status, place, event = key
    country = gazetteer.country_by_code(nationality) if nationality else None
    where = gazetteer.country_by_code(place)
    if kind == "people":
        noun = next((d for d in country.demonyms if d.endswith("s")), f"people of {country.name}") \
            if country else "people"
    else:
        noun = kind
    parts = [status or "", noun, f"in {where.name}" if where else "",
             f"({EVENT_WORDS.get(event, event)})" if event else "", f"[{unit}]" if unit else ""]
    return " ".join(p for p in parts if p)


EVENT_WORDS = {"departure": "who left", "arrival": "who arrived", "arrest": "arrested", "death": "killed",
               "injury": "injured", "registration": "registered", "relocation": "relocated"}

