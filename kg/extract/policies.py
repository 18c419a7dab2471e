"""Find the measures governments announce: deadlines, bans, programmes, with issuer and deadline."""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from . import dates
from .entities import text_of, EntityTable
from .lexicon import POLICY_NOUNS, POLICY_VERBS
from .records import GOVERNMENT, OFFICIAL, PolicyRecord, Span
from .speakers import SpeakerResolver, subject_of

MAX_LABEL_TOKENS = 24


# words for one kind of measure, so "deport" and "expulsion" are found to be the same policy
KINDS = {"deport": "removal", "deportation": "removal", "deportations": "removal", "expel": "removal",
         "expulsion": "removal", "expulsions": "removal", "repatriation": "removal", "remove": "removal",
         "ban": "ban", "prohibit": "ban", "tariff": "tariff", "tariffs": "tariff", "tax": "tax", "levy": "tax"}


def find_policies(doc: Doc, table: EntityTable, anchor: date | None, headline_end: int = 0) -> list[PolicyRecord]:
    """Policies of the article: a government acting with a policy verb on a policy noun or clause."""
    speakers = SpeakerResolver(doc, table)
    found: list[PolicyRecord] = []
    for tok in doc:
        if tok.idx < headline_end:
            continue  # a headline restates the story's measure in telegraphic grammar
        if tok.lemma_ not in POLICY_VERBS or tok.pos_ not in ("VERB",):
            continue
        issuer = _issuer(tok, table, speakers)
        if issuer is None:
            continue
        target = _policy_object(tok) or _dated_action(doc, tok)
        if target is None:
            continue
        toks = sorted(target.subtree, key=lambda t: t.i) if target.i != tok.i else _clause(tok)
        if len(toks) < 4:  # "setting the deadline": the verb phrase says more than the bare noun
            toks = list(doc[tok.i:tok.right_edge.i + 1])
        toks = [t for t in toks if not t.is_punct or t.text in ("-", "(", ")")]
        while toks and toks[0].pos_ in ("DET", "SCONJ", "ADP"):
            toks = toks[1:]
        if not toks:
            continue
        label = " ".join(text_of(doc)[toks[0].idx:toks[min(len(toks), MAX_LABEL_TOKENS) - 1].idx
                                      + len(toks[min(len(toks), MAX_LABEL_TOKENS) - 1])].split())
        keywords = frozenset(KINDS.get(w, w) for w in {t.lemma_.lower() for t in toks
                                                       if t.lemma_.lower() in POLICY_NOUNS | POLICY_VERBS}
                             | {tok.lemma_})
        deadline = _deadline(doc, tok, target, anchor)
        span = Span(toks[0].idx, toks[-1].idx + len(toks[-1]), text_of(doc)[toks[0].idx:toks[-1].idx + len(toks[-1])])
        _merge(found, PolicyRecord(label=label, issuer=issuer, spans=[span], evidence=[tok.sent.text.strip()],
                                   deadline=deadline, keywords=keywords))
    return found


def _issuer(verb: Token, table: EntityTable, speakers: SpeakerResolver) -> str | None:
    """The government that acts: the verb's subject, or the speaker who announced the clause."""
    subj = subject_of(verb)
    if subj is None and verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_ in POLICY_VERBS | {"say", "announce"}:
        subj = subject_of(verb.head)
    if subj is None:
        return None
    key = speakers.resolve(subj)
    if key is None:
        return None
    ent = table.entities[key]
    if ent.kind == GOVERNMENT:
        return key
    if ent.kind == OFFICIAL and ent.government and not ent.unnamed:
        return ent.government
    return None


def _policy_object(verb: Token) -> Token | None:
    """The policy a verb acts on: an object that is a policy noun, or a clause with a policy verb."""
    for c in verb.children:
        if c.dep_ in ("dobj", "attr", "oprd") and _has_policy_noun(c):
            return c
        if c.dep_ == "prep" and c.lower_ == "as":
            for g in c.children:
                if g.dep_ == "pobj" and _has_policy_noun(g):
                    return c.head if False else g
    for c in verb.children:
        if c.dep_ == "ccomp" and c.lemma_ in POLICY_VERBS and any(g.dep_ == "nsubjpass" for g in c.children):
            return c
    return None


ACTION_VERBS = frozenset("expel deport ban impose suspend cancel revoke freeze introduce extend lift close "
                         "reopen require".split())


def _dated_action(doc: Doc, verb: Token) -> Token | None:
    """"will expel all undocumented nationals ... by March 20": a government act with a deadline is a policy."""
    if verb.lemma_ not in ACTION_VERBS:
        return None
    inside = {t.i for t in verb.subtree}
    for ent in doc.ents:
        if ent.label_ == "DATE" and ent.start in inside and ent.start > 0 and \
                doc[ent.start - 1].lower_ in ("by", "from", "effective", "until", "before", "starting"):
            return verb
    return None


def _has_policy_noun(tok: Token) -> bool:
    return tok.lemma_.lower() in POLICY_NOUNS or any(
        t.lemma_.lower() in POLICY_NOUNS and t.dep_ in ("compound", "pobj") for t in tok.subtree if t.i <= tok.i + 3)


def _clause(tok: Token) -> list[Token]:
    return sorted(tok.subtree, key=lambda t: t.i)


def _deadline(doc: Doc, verb: Token, target: Token, anchor: date | None) -> date | None:
    """A day written in the policy phrase or as the verb's object ("announced October 31 as the deadline")."""
    zone = {t.i for t in target.subtree} | {c.i for c in verb.children if c.dep_ in ("dobj", "npadvmod")}
    markers = ("effective", "from", "by", "until", "starting", "before")
    for ent in doc.ents:
        if ent.label_ != "DATE" or ent.sent.start != verb.sent.start:
            continue
        before = {t.lower_ for t in doc[max(0, ent.start - 2):ent.start]}
        if any(t.i in zone for t in ent) or before & set(markers):
            d = dates.resolve(ent.text, anchor)
            if d:
                return d
    return None


def _merge(found: list[PolicyRecord], new: PolicyRecord) -> None:
    """Mentions of one measure in one article become one policy: same issuer and a shared key word or day."""
    for p in found:
        if p.issuer == new.issuer and (p.keywords & new.keywords or (p.deadline and p.deadline == new.deadline)):
            p.spans += [s for s in new.spans if s not in p.spans]
            p.evidence += [e for e in new.evidence if e not in p.evidence]
            p.deadline = p.deadline or new.deadline
            p.keywords = p.keywords | new.keywords
            return
    found.append(new)
