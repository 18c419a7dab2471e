"""Who answers whom, and what statements are about.

A statement answers another (`respondsTo`, with a `stance`) when
  - its reporting verb rejects, denies, confirms or repeats (lexicons/stances.tsv) and what it points at is
    found: "rejected this claim", "deny the accusations" is the latest earlier statement of the same article,
    within ANAPHORA_SENTENCES sentences, by the other side, of the kind the noun names (a claim, an appeal, a
    criticism); "rejected Islamabad's claim that ..." or "dismissed appeals from the UN" is a statement of the
    speaker it names, in this article or an earlier one, sharing words with what the answer says;
  - or it says another is false ("That's not true", "has nothing to do with") and shares at least
    MIN_SHARED words with an earlier statement of the other side (stance: denies).
Confirms answer another speaker; repeats answer the same speaker (or, when it names one, that one).
A statement is `about` the entities, policies and figures written inside its words.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from ..extract.records import ArticleRecord
from .lexicon import column, find_phrases, stem, tokens, words
from .text import SENTENCE_BREAK, countries_in

STANCES = column("stances")
ANSWERED = column("answered_verbs")
REFERENCES = column("reference_nouns")
DENIALS = words("denial_phrases")
STOP = words("content_stop")
ANAPHORA_SENTENCES = 3
MIN_SHARED = 2
CONFIRM_SHARED = 3
DETERMINERS = ("this", "that", "these", "those", "the", "such", "their", "his", "her", "its")


@dataclass(frozen=True)
class StatementProfile:
    """What linking needs of one statement, small enough to keep for every article of a corpus."""

    index: int
    speaker: str
    text: str
    verb: str | None
    when: date | None
    begin: int
    sentence_no: int
    stance: str | None = None
    refers: str | None = None  # the kind of statement its object points at: claim, appeal, criticism, any
    anaphoric: bool = False  # "this claim", "the accusations": an earlier statement nearby
    named: tuple[str, ...] = ()  # local keys of speakers its object names ("Islamabad's claim")
    named_words: frozenset[str] = frozenset()  # words of its object that may describe a speaker ("these groups")
    answer_words: frozenset[str] = frozenset()  # what the answer says, to compare with what it answers
    words: frozenset[str] = frozenset()
    mentions_of: tuple[str, ...] = ()  # local keys of the entities written inside it
    policies: tuple[int, ...] = ()
    figures: tuple[int, ...] = ()
    countries: frozenset[str] = frozenset()  # states its words name, by name, capital or demonym

    @property
    def answered(self) -> str:
        """What kind of statement this is, for one that answers it: a claim, an appeal or a criticism."""
        return ANSWERED.get((self.verb or "").lower(), "claim")


def content_words(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in tokens(text) if len(w) > 2 and w not in STOP and stem(w) not in STOP)


def statement_profiles(rec: ArticleRecord) -> list[StatementProfile]:
    """The profile of every statement of an article."""
    body = rec.article.body
    breaks = [m.end() for m in SENTENCE_BREAK.finditer(body)]
    published = rec.article.date or rec.anchor_date
    out = []
    for k, s in enumerate(rec.statements):
        stance = STANCES.get((s.verb or "").lower())
        obj = _object(s.evidence, s.verb) if stance else ""
        marked = stance is None and bool(find_phrases(s.text, DENIALS))
        if marked:  # "That's not true": it names what it denies by its words only
            stance = "denies"
        refers, anaphoric = _reference(obj) if obj else (None, False)
        start = body.find(s.evidence)
        obj_begin = start + s.evidence.find(obj) if obj and start >= 0 else None
        ref = re.split(r"\bthat\b", obj, maxsplit=1)[0]  # "Warsaw's claim that ...": who is named, not what
        named = tuple(sorted({key for key, e in rec.entities.items() if key != s.speaker and obj_begin is not None
                              and any(obj_begin <= m.begin < obj_begin + len(ref) for m in e.mentions)}))
        inside = [key for key, e in rec.entities.items() if key != s.speaker and
                  any(s.span.begin <= m.begin and m.end <= s.span.end for m in e.mentions)]
        out.append(StatementProfile(
            index=k, speaker=s.speaker, text=s.text, verb=s.verb, when=s.date or published, begin=s.span.begin,
            sentence_no=sum(1 for b in breaks if b <= s.span.begin), stance=stance, refers=refers,
            anaphoric=anaphoric, named=() if marked else named, named_words=content_words(obj) if stance else frozenset(),
            answer_words=content_words(_after_reference(obj)) if stance else frozenset(),
            words=content_words(s.text), mentions_of=tuple(sorted(inside)),
            policies=tuple(j for j, p in enumerate(rec.policies) if any(
                sp.begin < s.span.end and s.span.begin < sp.end for sp in p.spans)),
            figures=tuple(j for j, f in enumerate(rec.figures) if s.span.begin <= f.surface.begin < s.span.end),
            countries=frozenset(countries_in(s.text))))
    return out


def _object(sentence: str, verb: str | None) -> str:
    """The words after the stance verb in its sentence: what is rejected, denied, confirmed."""
    lemma = (verb or "").lower()
    root = lemma[:-1] if lemma[-1:] in ("e", "y") else lemma
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing", root + "ed", root + "ing", root + "es", root + "ied",
             root + "ies", root + "ying"}
    m = re.search(r"\b(?:" + "|".join(sorted(map(re.escape, forms), key=len, reverse=True)) + r")\b", sentence,
                  re.IGNORECASE)
    return sentence[m.end():].strip() if m else ""


def _reference(obj: str) -> tuple[str | None, bool]:
    """The kind of statement the object points at, and whether it points back ("this claim")."""
    toks = tokens(obj)[:8]
    for n, t in enumerate(toks):
        if t in REFERENCES:
            return REFERENCES[t], any(d in DETERMINERS for d in toks[max(0, n - 3):n])
        if t in ("that", "it", "this") and n == 0:
            return "claim", t != "that"
    return None, False


def _after_reference(obj: str) -> str:
    """What an answer says about what it answers: "... the claim that X" -> X, else the whole object."""
    m = re.search(r"\bthat\b(.+)", obj)
    return m.group(1) if m else obj


# ---------------------------------------------------------------- across the corpus

@dataclass
class StatementLinks:
    responds: dict[tuple[int, int], list[tuple[tuple[int, int], str]]] = field(default_factory=lambda: defaultdict(list))


class _Corpus:
    """Every statement profile, numbered across the corpus, with an index from words to the statements that
    hold them and the facts best_overlap filters on as arrays, so that one answer is compared with every
    statement of a big corpus in a few array operations instead of a loop over them."""

    def __init__(self, profiles: list[list[StatementProfile]], side):
        self.side = side
        self.keys: list[tuple[int, int]] = []  # number -> (article, statement)
        self.by_key: dict[tuple[int, int], StatementProfile] = {}
        postings: dict[str, list[int]] = defaultdict(list)
        for j, article in enumerate(profiles):
            for q in article:
                for w in q.words:
                    postings[w].append(len(self.keys))
                self.keys.append((j, q.index))
                self.by_key[(j, q.index)] = q
        self.number = {key: n for n, key in enumerate(self.keys)}
        self.postings = {w: np.array(ns, dtype=np.int64) for w, ns in postings.items()}
        qs = list(self.by_key.values())
        self.article = np.array([j for j, _ in self.keys], dtype=np.int64)
        self.begin = np.array([q.begin for q in qs], dtype=np.int64)
        self.dated = np.array([q.when is not None for q in qs], dtype=bool)
        self.when = np.array([(q.when or date.min).toordinal() for q in qs], dtype=np.int64)
        self.stances: dict[str | None, int] = {None: 0}
        self.stance = np.array([self.stances.setdefault(q.stance, len(self.stances)) for q in qs], dtype=np.int64)
        self.sides: dict = {}  # each speaker's side (side(...)[0]) by number
        self.side_of = np.array([self.sides.setdefault(side(j, q.speaker)[0], len(self.sides))
                                 for (j, _), q in zip(self.keys, qs)], dtype=np.int64)

    def best_overlap(self, i: int, p: StatementProfile, allowed, minimum: int, words=None, undated=False,
                     sides=None):
        """The earlier statement (this article, or one of an article dated no later) sharing the most words,
        of another stance and `allowed`; between equals, one of this article, then the latest, then the one
        furthest into its article, then the one found first through the answer's words.
        `undated`: an article without a date may hold it too (when the answer names its speaker); `sides`: only
        statements of speakers on these sides can be `allowed` (checked on all of them at once)."""
        words = p.words if words is None else words
        lists = [(t, self.postings[w]) for t, w in enumerate(words) if w in self.postings]
        if not lists:
            return None
        shared = np.bincount(np.concatenate([ns for _, ns in lists]), minlength=len(self.keys))
        found = np.flatnonzero(shared >= minimum)
        first_word = np.full(len(self.keys), len(lists), dtype=np.int64)
        for t, ns in reversed(lists):  # each statement's first word among the answer's, in their order
            first_word[ns] = t
        same = self.article[found] == i
        # another article's statement is earlier when both are dated and it is no later; when either is
        # undated, only if `undated` says so
        when, dated = self.when[found], self.dated[found]
        other = np.where(dated, when <= p.when.toordinal(), undated) if p.when is not None else undated
        keep = np.where(same, self.begin[found] < p.begin, other) \
            & (self.stance[found] != self.stances.get(p.stance, -1)) & (found != self.number[(i, p.index)])
        if sides is not None:
            keep &= np.isin(self.side_of[found], [self.sides[s] for s in sides if s in self.sides])
        found, same, when = found[keep], same[keep], when[keep]
        order = np.lexsort((found, first_word[found], -self.begin[found], -when, -same.astype(np.int64),
                            -shared[found]))
        for n in found[order]:
            j, k = self.keys[n]
            if allowed(j, self.by_key[(j, k)]):
                return j, k
        return None


def link_statements(profiles: list[list[StatementProfile]], side) -> StatementLinks:
    """Every answer and what it answers. `side(article, key)` gives a speaker's side (its government, or
    itself), its own IRI and its label, corpus-wide."""
    corpus = _Corpus(profiles, side)
    out = StatementLinks()
    for i, article in enumerate(profiles):
        for p in article:
            if p.stance is None or side(i, p.speaker)[1] is None:
                continue
            target = _answered(i, p, article, corpus)
            if target is not None:
                out.responds[(i, p.index)].append((target, p.stance))
    return out


def _answered(i: int, p: StatementProfile, article: list[StatementProfile], corpus: _Corpus):
    side = corpus.side
    mine, me = side(i, p.speaker)[:2]
    named = {side(i, k)[0] for k in p.named} - {None}
    if p.stance == "repeats":
        targets = {side(i, k)[1] for k in p.named} - {None} or {me}
        return corpus.best_overlap(i, p, lambda j, q: side(j, q.speaker)[1] in targets, MIN_SHARED,
                                   words=p.answer_words or p.words)
    if p.stance == "confirms":
        return corpus.best_overlap(i, p, lambda j, q: side(j, q.speaker)[1] not in (me, None), CONFIRM_SHARED,
                                   words=p.answer_words or p.words)
    if p.anaphoric:
        near = [q for q in article if q.begin < p.begin and side(i, q.speaker)[0] not in (mine, None)
                and p.sentence_no - q.sentence_no <= ANAPHORA_SENTENCES and _fits(p, q, side(i, p.speaker)[3])]
        if named:
            near = [q for q in near if side(i, q.speaker)[0] in named]
        described = [q for q in near if p.named_words & content_words(side(i, q.speaker)[2])]
        if described or near:
            return i, (described or near)[-1].index
    if named:  # "rejected the UN's appeals for reconsideration": one shared word with an appeal of the UN
        return corpus.best_overlap(i, p, lambda j, q: side(j, q.speaker)[0] in named - {mine} and _fits(p, q, None),
                                   1 if p.refers not in (None, "any") else MIN_SHARED, words=p.answer_words,
                                   undated=True, sides=named - {mine})
    if p.refers is None and p.stance == "denies":  # "That's not true": what it denies shares its words
        return corpus.best_overlap(i, p, lambda j, q: side(j, q.speaker)[0] not in (mine, None), MIN_SHARED)
    return None


def _fits(p: StatementProfile, q: StatementProfile, country: str | None) -> bool:
    """The answered statement is of the kind the answer's noun names: an answer to an accusation answers a
    criticism, an appeal or a claim that names the answering side's state; no answer answers an answer."""
    if q.stance is not None:
        return False
    if p.refers in (None, "any"):
        return True
    if p.refers == "appeal":
        return q.answered == "appeal"
    if p.refers == "criticism":
        return q.answered in ("criticism", "appeal") or q.answered == "claim" and country in q.countries
    return q.answered in ("claim", "criticism")
