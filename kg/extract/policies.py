"""Find the measures governments take: bans, caps, taxes, sanctions, deployments, deadlines, programmes.

A policy is read where a government (or its official, its ministry, its army) acts on a measure, and where a
measure is named as a government's. Each rule is named after the construction it reads (the record's
`rule`):
  policy-verb      the government as subject of a policy verb: "Peru banned exports", "Ottawa will cap permits"
  passive-measure  the measure told in the passive, its maker named by "by" or left to the context:
                   "52 vessels were added to the list", "Students will be exempt from the cap"
  planned          a measure the government plans, considers or threatens: "plans to impose tariffs"
  announced        a measure in what a government or official said: "the minister said taxes will rise"
  policy-noun      a measure named by a noun and owned by a government: "Canada's cap", "a ban on exports"
Mentions of one measure in one article become one Policy (the same head, or a definite description of an
earlier one); what a non-government actor asks for is never a Policy.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span as TokSpan, Token

from .. import gazetteer
from . import dates
from .entities import EntityTable, context_government, state_government, text_of
from .entities.table import entities_in, sentences
from .lexicon import phrases, table as table_lexicon, words
from .records import GOVERNMENT, OFFICIAL, PolicyRecord, Span, StatementRecord
from .speakers import SpeakerResolver, subject_of

POLICY_VERBS = {lemma: (row[0], row[1] if len(row) > 1 else "") for lemma, row in table_lexicon("policy_verbs").items()}
POLICY_NOUNS = words("policy_nouns")
GENERIC_NOUNS = words("policy_generic_nouns")
AMOUNT_NOUNS = words("amount_nouns")
PLANNING_VERBS = words("planning_verbs")
ENACTING_VERBS = words("enacting_verbs")
STATUS_VERBS = words("status_verbs")
NOT_MEASURES = phrases("not_measures")
LEGISLATORS = words("legislator_titles")
DIRECTIVES = words("directive_verbs") - {"direct", "order", "instruct"}
DEPLOYABLE = words("deployable_nouns")
STOPPABLE = words("stoppable_nouns")
COURTS = words("court_nouns")
RULINGS = frozenset(("struck down", "suspended", "in force"))  # what a court's ruling can do to a measure
KINDS = {w: row[0] for w, row in table_lexicon("policy_kinds").items()}
KIND_NAMES = frozenset(KINDS.values())
# verbs whose passive speaks of a measure even when its maker goes unnamed ("were placed under sanctions")
STRONG_PASSIVE = frozenset("""ban prohibit sanction blacklist deport expel exempt impose slap add list designate
deploy station dispatch rush send direct order allocate earmark cap freeze suspend extend lift introduce pass
approve adopt enact implement tax subsidize subsidise target restrict summon evacuate quarantine require
place put""".split())
# general nouns that are political life as often as measures ("his campaign", "the investigation")
WEAK_NOUNS = frozenset("campaign drive mission investigation inquiry probe deal agreement plan".split())
# nouns that change an amount, a measure only when what they change is one ("a tax rise")
CHANGE_NOUNS = frozenset("rise increase hike cut cuts reduction".split())
# nouns that can stand for any measure the article spoke of ("the move", "the restrictions", "the decision")
UMBRELLA_NOUNS = frozenset("measure measures move decision plan policy restriction restrictions rules law laws campaign drive operation "
                           "legislation changes ultimatum deadline order programme program scheme".split())
COVERING = frozenset("on for against to from over".split())  # prepositions that say what a measure covers
NOVELTY = frozenset("additional new further another more second third fresh next extra".split())
MARKERS = ("effective", "from", "by", "until", "starting", "before", "till", "through")
FUTURE_AUX = frozenset("will shall would 'll wo".split())
STATUS_ORDER = ("proposed", "announced", "in force", "extended", "suspended", "withdrawn", "struck down")
STOP = frozenset("""the a an of to in on for and or by with from at as its their his her this that these those
be is are was were will would has have had it they government country state people year years new
""".split())
MAX_LABEL_TOKENS = 14


@dataclass
class Candidate:
    """One mention of a measure, before mentions of the same measure are merged."""

    rule: str
    issuer: str
    toks: list[Token]
    kind: str
    status: str | None = None
    deadline: date | None = None
    anaphoric: bool = False
    novel: bool = False
    words: frozenset[str] = field(default_factory=frozenset)
    umbrella: bool = False  # named by a noun that can stand for any measure ("the move")
    label: list[Token] = field(default_factory=list)  # the words of its label, when not its own words
    complement: bool = False  # its noun says what it covers ("the deadline for workers to register")


def find_policies(doc: Doc, table: EntityTable, anchor: date | None, headline_end: int = 0,
                  statements: list[StatementRecord] | None = None) -> list[PolicyRecord]:
    """The policies of an article, one per measure, in text order."""
    return _PolicyFinder(doc, table, anchor, headline_end, statements or []).run()


class _PolicyFinder:
    def __init__(self, doc: Doc, table: EntityTable, anchor: date | None, headline_end: int,
                 statements: list[StatementRecord]):
        self.doc, self.table, self.anchor, self.headline_end = doc, table, anchor, headline_end
        self.statements = statements
        self.speakers = SpeakerResolver(doc, table)
        self.policies: list[PolicyRecord] = []
        self.kinds: list[set[str]] = []  # per policy: the kinds and heads it was named by
        self.words: list[set[str]] = []
        self.novel: list[bool] = []
        self.last_sentence: list[int] = []
        self.sent_starts = [s.start for s in sentences(doc)]

    def run(self) -> list[PolicyRecord]:
        for sent in sentences(self.doc):
            for cand in self._sentence(sent):
                if cand.toks[0].idx >= self.headline_end:  # a headline restates the measure in telegraphic grammar
                    self._merge(cand)
        return self.policies

    # ------------------------------------------------------------ finding
    def _sentence(self, sent: TokSpan) -> list[Candidate]:
        found: list[Candidate] = []
        claimed: set[int] = set()
        for tok in sent:
            if tok.pos_ == "VERB" and tok.lemma_.lower() in POLICY_VERBS and tok.i not in claimed:
                cand = self._verb_candidate(tok)
                if cand is not None:
                    found.append(cand)
                    claimed |= {t.i for t in cand.toks}
        for tok in sent:
            if tok.i in claimed:
                continue
            cand = self._exemption(tok) if tok.lower_ == "exempt" and tok.pos_ == "ADJ" else None
            if cand is None and tok.pos_ in ("NOUN", "PROPN") and tok.lower_ in POLICY_NOUNS:
                cand = self._noun_candidate(tok)
            if cand is not None:
                found.append(cand)
                claimed |= {t.i for t in cand.toks}
        return sorted(found, key=lambda c: c.toks[0].i)

    def _verb_candidate(self, verb: Token) -> Candidate | None:
        lemma = verb.lemma_.lower()
        needs, status = POLICY_VERBS[lemma]
        objs = self._objects(verb)
        if needs == "measure" and not any(self._names_measure(o) for o in objs):
            return None
        if needs == "duty" and not any(self._names_measure(o) for o in objs) and not self._obliges(verb):
            return None
        if needs == "amount" and not self._names_amount(verb, objs):
            return None
        if needs == "deploy" and not any(o.lower_ in DEPLOYABLE or o.lemma_.lower() in DEPLOYABLE for o in objs):
            return None
        if needs == "service" and not any(self._names_measure(o) or o.lower_ in STOPPABLE for o in objs):
            return None
        actor = self._actor(verb)
        if actor is None:
            return None
        issuer, rule = actor
        toks = self._verb_phrase(verb)
        if len(toks) < 2:
            return None
        obj = next((o for o in objs if self._names_measure(o)), objs[0] if objs else None)
        kind = KINDS.get(lemma) or (self._noun_kind(obj) if obj is not None else lemma)
        measure = obj is not None and needs in ("measure", "duty", "service") and self._names_measure(obj) and (
            obj.dep_ == "dobj" or obj.dep_ == "pobj" and obj.head.lower_ == "as")
        phrase = self._noun_phrase(obj) if measure else []
        # "suspended the housing levy": the housing levy; "extended the deadline": the verb says more
        label = phrase if len([t for t in phrase if t.is_alpha and t.lower_ not in STOP]) >= 2 else \
            self._verb_label(verb)
        return Candidate(rule=rule, issuer=issuer, toks=toks, kind=kind, label=label,
                         complement=obj is not None and _has_complement(obj),
                         umbrella=obj is not None and obj.lower_ in UMBRELLA_NOUNS,
                         status=status or self._tense_status(verb, rule), deadline=self._deadline(verb, toks),
                         anaphoric=obj is not None and self._definite(obj) and not self._novel(obj),
                         novel=obj is not None and self._novel(obj), words=_content_words(toks))

    def _obliges(self, verb: Token) -> bool:
        """"will require all new cars to run on biofuel": a duty laid on someone is a measure of itself."""
        return any(c.dep_ in ("dobj", "nsubj") for c in verb.children) and \
            any(c.dep_ in ("xcomp", "ccomp") for c in verb.children)

    def _objects(self, verb: Token) -> list[Token]:
        """What the verb acts on: its object, its passive subject, the objects of its particles ("announced May 1
        as the deadline"), and the subject of a verb used without object ("the freeze will end")."""
        out = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "as":  # "announced May 1 as the deadline", not "as part of"
                out += [g for g in c.children if g.dep_ == "pobj" and g.lower_ in POLICY_NOUNS]
            if c.dep_ in ("prep", "dative") and c.lower_ in ("on", "to", "for", "with", "under", "against", "off"):
                out += [g for g in c.children if g.dep_ == "pobj"]
                out += [gg for g in c.children if g.dep_ == "prep" for gg in g.children if gg.dep_ == "pobj"]
        if not any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
            out += [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
        return out

    def _names_measure(self, obj: Token | None) -> bool:
        """"a curfew", "the 15th round of sanctions", "a price cap": a noun that names a measure."""
        if obj is None:
            return False
        if obj.lower_ in POLICY_NOUNS or obj.lemma_.lower() in POLICY_NOUNS:
            # a general noun ("campaign", "plan") names a measure only with words that say which kind
            return obj.lower_ not in GENERIC_NOUNS or self._specific(obj) and (
                self._noun_kind(obj) in KIND_NAMES or obj.lower_ not in WEAK_NOUNS)
        if any(c.dep_ in ("compound", "amod") and c.lower_ in POLICY_NOUNS - GENERIC_NOUNS for c in obj.children):
            return True
        return any(c.dep_ == "prep" and c.lower_ == "of" and
                   any(g.dep_ == "pobj" and g.lower_ in POLICY_NOUNS - GENERIC_NOUNS for g in c.children)
                   for c in obj.children)

    def _names_amount(self, verb: Token, objs: list[Token]) -> bool:
        """"raised the tax", "cut the number of permits by 35 per cent", "committed an extra $40m"."""
        for obj in objs:
            words_ = [obj] + [c for c in obj.children if c.dep_ in ("compound", "amod")]
            if any(t.lower_ in AMOUNT_NOUNS or t.lemma_.lower() in AMOUNT_NOUNS for t in words_) or obj.like_num \
                    or obj.ent_type_ in ("MONEY", "PERCENT") or any(t.ent_type_ == "MONEY" for t in obj.subtree):
                return True
        return bool(objs) and any(c.dep_ == "prep" and c.lower_ in ("by", "to", "from") and
                                  any(t.ent_type_ in ("PERCENT", "MONEY") for t in c.subtree)
                                  for c in verb.children)

    def _specific(self, noun: Token) -> bool:
        """A noun with words that say which measure: "measures to contain the outbreak", "the 2035 target"."""
        return any(c.dep_ in ("amod", "compound", "nummod", "prep", "acl", "relcl", "nmod", "poss") and
                   c.lower_ not in NOVELTY and c.lower_ not in ("such", "other", "any", "some", "all")
                   for c in noun.children)

    def _definite(self, noun: Token) -> bool:
        return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "these", "that", "those", "its", "their")
                   for c in noun.children)

    def _novel(self, noun: Token) -> bool:
        """"additional sanctions", "a new tax": another measure than the one the article spoke of so far
        ("the new sanctions" is the one just adopted)."""
        mods = [c for c in noun.children if c.dep_ in ("amod", "det", "advmod", "nummod")]
        if any(c.lower_ in NOVELTY - {"new"} for c in mods):
            return True
        return any(c.lower_ == "new" for c in mods) and not self._definite(noun)

    # ------------------------------------------------------------ who acts
    def _actor(self, verb: Token, depth: int = 0) -> tuple[str, str] | None:
        """The government that takes the measure, and the construction that says so."""
        if depth > 3:
            return None
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or \
                verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "advcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return self._passive_actor(verb)
        if self._asked_of_others(verb):
            return None
        subj = subject_of(verb)
        if subj is not None and subj.lemma_.lower() in COURTS:
            return self._ruled(verb, subj)
        if subj is None:
            if verb.dep_ in ("xcomp", "ccomp", "advcl") and verb.head.i != verb.i:
                outer = self._actor(verb.head, depth + 1)
                if outer is not None:
                    return outer[0], "planned" if verb.head.lemma_.lower() in PLANNING_VERBS else outer[1]
            return None
        key = self.speakers.resolve(subj, create=False) if subj.pos_ != "NOUN" or subj.lower_ not in POLICY_NOUNS \
            else None
        issuer = self._government(key)
        if issuer is not None:
            head = verb.head if verb.dep_ in ("xcomp", "ccomp") else None
            planned = head is not None and head.lemma_.lower() in PLANNING_VERBS
            return issuer, "planned" if planned else ("announced" if self._statement_at(verb) else "policy-verb")
        if key is not None and self.table.entities[key].kind != GOVERNMENT and subj.pos_ != "PRON" and \
                not self.table.entities[key].unnamed:
            return None  # a named non-government actor: a company, a union, a party
        said = self._said_by_government(verb)  # "the minister said taxes will rise", "we will cut the levy"
        if said:
            return said, "announced"
        if subj.pos_ == "NOUN" and (subj.lower_ in POLICY_NOUNS or subj.lower_ in AMOUNT_NOUNS):
            earlier = self._earlier_of_kind(KINDS.get(subj.lower_, subj.lemma_.lower()))
            if earlier is not None:  # "The cap will cut approvals to 300,000": the measure's own maker
                return self.policies[earlier].issuer, "policy-verb"
        return None

    def _asked_of_others(self, verb: Token) -> bool:
        """"We call on them not to deport", "urged Ghana to lift the ban": what one asks another to do, or not
        to do, is no one's measure yet."""
        if any(c.dep_ == "neg" for c in verb.children) and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                for c in verb.children):
            return True
        head = verb.head
        return verb.dep_ == "xcomp" and head.i != verb.i and (
            head.lemma_.lower() in DIRECTIVES and any(c.dep_ in ("dobj", "dative") for c in head.children) or
            head.lemma_.lower() == "call" and head.i + 1 < len(self.doc) and self.doc[head.i + 1].lower_ in ("on", "upon"))

    def _wished_by_others(self, verb: Token) -> bool:
        """The clause above says who wants the measure, and it is no government."""
        subj = subject_of(verb.head)
        key = self.speakers.resolve(subj, create=False) if subj is not None else None
        return key is not None and self._government(key) is None  # "500 billion won is expected to be …": no one

    def _passive_actor(self, verb: Token) -> tuple[str, str] | None:
        """"…were placed under sanctions by X", or with no "by": a measure's passive names its maker only when
        the verb is one only governments do, or when a government says it."""
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        if pobj is not None and pobj.lemma_.lower() in COURTS:
            return self._ruled(verb, pobj)
        if pobj is not None:
            issuer = self._government(self.speakers.resolve(pobj, create=False))
            return (issuer, "passive-measure") if issuer else None
        said = self._said_by_government(verb)
        if said:
            return said, "announced"
        objs = [c for c in verb.children if c.dep_ == "nsubjpass"] + ([verb.head] if verb.dep_ == "acl" else [])
        amount = any(o.lower_ in AMOUNT_NOUNS or o.lemma_.lower() in AMOUNT_NOUNS or o.ent_type_ == "MONEY"
                     for o in objs)  # "tariffs were raised", "500 billion won will be allocated"
        if verb.dep_ in ("xcomp", "ccomp", "advcl") and self._wished_by_others(verb):
            return None  # "voters want migrants to be deported": a wish, not a measure
        if verb.lemma_.lower() in STRONG_PASSIVE or amount and POLICY_VERBS[verb.lemma_.lower()][0] == "amount":
            # the unnamed maker is the state the story is about, not the last state named: "…since Russia
            # invaded. Fifty vessels were added to the list" is the sanctioning state's act
            issuer = self._home_government() or context_government(self.doc, self.table, verb.i)
            return (issuer, "passive-measure") if issuer else None
        return None

    def _ruled(self, verb: Token, court: Token) -> tuple[str, str] | None:
        """"A Kenyan court struck down the ban": a court does not make the measure it rules on. The measure is
        the government's that owns it ("the ministry's ban"), else the court's state, else the story's."""
        if POLICY_VERBS[verb.lemma_.lower()][1] not in RULINGS:
            return None
        for obj in self._objects(verb):
            owner = self._owner(obj)
            if owner:
                return owner, "ruling"
        state = next((gazetteer.country_by_demonym(t.text) for t in court.subtree if t.i < court.i and t.is_title
                      and gazetteer.country_by_demonym(t.text)), None)
        issuer = next((self._government(self.table.key_of(t)) for t in court.subtree
                       if self._government(self.table.key_of(t))), None)
        if state is not None:
            issuer = state_government(self.table, state)
        issuer = issuer or self._home_government() or context_government(self.doc, self.table, verb.i)
        return (issuer, "ruling") if issuer else None

    def _home_government(self) -> str | None:
        home = self.table.home or self.table.outlet
        return state_government(self.table, home) if home is not None else self.table.dominant_government()

    def _government(self, key: str | None) -> str | None:
        """The government an acting entity stands for: itself, or the one its official serves."""
        if key is None or key not in self.table.entities:
            return None
        ent = self.table.entities[key]
        if ent.kind == GOVERNMENT:
            return key
        if ent.kind == OFFICIAL and ent.government in self.table.entities and self._governs(ent):
            return ent.government
        return None

    def _governs(self, ent) -> bool:
        """An official who can take a measure: not a legislator or a candidate (what they propose is theirs),
        not a former official."""
        words_ = set((ent.title or "").lower().replace("-", " ").split())
        return not words_ & LEGISLATORS and not words_ & {"former", "ex", "late"}

    def _statement_at(self, tok: Token) -> StatementRecord | None:
        return next((s for s in self.statements if s.span.begin <= tok.idx < s.span.end), None)

    def _said_by_government(self, tok: Token) -> str | None:
        st = self._statement_at(tok)
        return self._government(st.speaker) if st is not None else None

    # ------------------------------------------------------------ measures named by nouns
    def _noun_candidate(self, noun: Token) -> Candidate | None:
        if self._in_fixed_phrase(noun):
            return None
        if noun.dep_ == "compound" or noun.lower_ in GENERIC_NOUNS and not self._specific(noun):
            return None  # "law and order problems": a modifier, not a measure
        if noun.lower_ in GENERIC_NOUNS and self._noun_kind(noun) not in KIND_NAMES and \
                not self._acted_on(noun):
            return None  # "the campaign of a candidate": a general noun is a measure only by what it does
        if noun.lower_ in CHANGE_NOUNS and not self._of_amount(noun):
            return None  # "a rise in attacks" is no measure; "a rise in contributions" is
        if self._asked_by_others(noun):
            return None
        verb = self._governing_verb(noun)
        if verb is not None and self._asked_of_others(verb):
            return None  # "urged Peru to lift its ban": Peru's ban, and no measure of the one urging
        kind = self._noun_kind(noun)
        issuer = self._owner(noun)
        anaphoric = self._definite(noun) and not self._novel(noun)
        if issuer is None and anaphoric:
            earlier = self._earlier_of_kind(kind) if noun.lower_ not in UMBRELLA_NOUNS else self._latest()
            issuer = self.policies[earlier].issuer if earlier is not None else None
        if issuer is None and self._specific(noun) and noun.lower_ not in GENERIC_NOUNS and \
                self._determined(noun) and self._reported_on(noun) and self._in_government_story(noun):
            issuer = context_government(self.doc, self.table, noun.i)
        if issuer is None:
            return None
        toks = self._noun_phrase(noun)
        return Candidate(rule="policy-noun", issuer=issuer, toks=toks, kind=kind,
                         deadline=self._deadline(noun, toks) or self._named_as(noun), anaphoric=anaphoric, novel=self._novel(noun),
                         words=_content_words(toks), umbrella=noun.lower_ in UMBRELLA_NOUNS,
                         complement=_has_complement(noun))

    def _noun_kind(self, noun: Token) -> str:
        """The kind of measure a noun names; a general noun takes it from its complement ("a campaign to
        repatriate migrants" is a removal)."""
        kind = KINDS.get(noun.lower_, noun.lemma_.lower())
        if noun.lower_ in GENERIC_NOUNS or noun.lower_ in UMBRELLA_NOUNS:
            for t in noun.subtree:
                if t.i != noun.i and (KINDS.get(t.lemma_.lower()) or KINDS.get(t.lower_)):
                    return KINDS.get(t.lemma_.lower()) or KINDS[t.lower_]
        return kind

    def _acted_on(self, noun: Token) -> bool:
        """The object of a government's act ("lodged a protest", "began consultations")."""
        verb = self._governing_verb(noun)
        if verb is None or verb.lemma_.lower() not in ENACTING_VERBS | POLICY_VERBS.keys():
            return False
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return subj is not None and (self._government(self.speakers.resolve(subj, create=False)) is not None or
                                     subj.pos_ == "PRON" and self._said_by_government(verb) is not None)

    def _reported_on(self, noun: Token) -> bool:
        """A measure the sentence tells of ("subject to a ban", "the cap takes effect", "lifted the curfew"),
        not one named in passing ("under our immigration laws")."""
        head = noun.head
        if head.dep_ == "prep" and head.lower_ in ("to", "from", "under", "despite", "against", "with") and \
                head.head.lower_ in ("subject", "exempt", "despite", "under", "targeted", "slapped", "hit"):
            return True
        verb = self._governing_verb(noun)
        return verb is not None and verb.lemma_.lower() in POLICY_VERBS.keys() | ENACTING_VERBS | STATUS_VERBS

    def _in_fixed_phrase(self, noun: Token) -> bool:
        """"law and order", "in order to": the word stands in an idiom, not for a measure."""
        around = " ".join(t.lower_ for t in self.doc[max(0, noun.i - 3):noun.i + 4])
        return any(p in around and noun.lower_ in p.split() for p in NOT_MEASURES)

    def _of_amount(self, noun: Token) -> bool:
        """"a tax rise", "a £25bn rise in contributions": a change of something a government sets."""
        near = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")]
        near += [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "of", "on") for g in c.children
                 if g.dep_ == "pobj"]
        return any(t.lower_ in AMOUNT_NOUNS or t.lemma_.lower() in AMOUNT_NOUNS for t in near)

    def _determined(self, noun: Token) -> bool:
        """"a ban", "the cap", "its levy": a measure spoken of as one, not a plural in passing ("gas bills")."""
        return any(c.dep_ in ("det", "poss") for c in noun.children)

    def _latest(self) -> int | None:
        return len(self.policies) - 1 if self.policies else None

    def _owner(self, noun: Token) -> str | None:
        """A government named in the noun's own phrase ("Canada's cap", "EU sanctions"), or the government
        whose statement names a specific measure."""
        for c in noun.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod"):
                for t in c.subtree:
                    issuer = self._government(self.table.key_of(t))
                    if issuer:
                        return issuer
        for prep in noun.children:  # "the imposition of tariffs by the United States"
            if prep.dep_ == "prep" and prep.lower_ == "by":
                for g in prep.children:
                    issuer = self._government(self.table.key_of(g)) if g.dep_ == "pobj" else None
                    if issuer:
                        return issuer
        verb = self._governing_verb(noun)
        if verb is not None and verb.lemma_.lower() in ENACTING_VERBS and noun.dep_ in ("dobj", "nsubjpass", "pobj"):
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)  # its own subject, not "it" of
            if subj is not None:                                    # "it became impossible to take measures"
                issuer = self._government(self.speakers.resolve(subj, create=False))
                if issuer or subj.pos_ == "PRON" and self._said_by_government(verb):
                    return issuer or self._said_by_government(verb)
        if self._specific(noun) and noun.lower_ not in GENERIC_NOUNS:
            return self._said_by_government(noun)
        return None

    def _asked_by_others(self, noun: Token) -> bool:
        """"Businesses called for a 75 per cent target", "the union demands a price cap": a demand made to a
        government is not its policy."""
        verb = self._governing_verb(noun)
        if verb is None:
            return False
        subj = subject_of(verb)
        if subj is None or subj.i in {t.i for t in noun.subtree}:
            return False
        key = self.speakers.resolve(subj, create=False)
        return key is not None and self._government(key) is None

    def _governing_verb(self, noun: Token) -> Token | None:
        t = noun
        for _ in range(4):
            if t.head.i == t.i:
                return t if t.pos_ in ("VERB", "AUX") else None
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                return t
        return None

    def _earlier_of_kind(self, kind: str) -> int | None:
        for k in range(len(self.policies) - 1, -1, -1):
            if kind in self.kinds[k]:
                return k
        return None

    def _in_government_story(self, noun: Token) -> bool:
        """A measure named without its maker is the government's when the sentence or the article is about one."""
        return any(self._government(self.table.key_of(t)) for t in noun.sent) or \
            self.table.dominant_government() is not None

    def _exemption(self, adj: Token) -> Candidate | None:
        """"Students applying to PhD programmes will be exempt from the cap": an exemption is a measure."""
        prep = next((c for c in adj.children if c.dep_ == "prep" and c.lower_ == "from"), None)
        obj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
        if obj is None or obj.lower_ not in POLICY_NOUNS:
            return None
        earlier = self._earlier_of_kind(KINDS.get(obj.lower_, obj.lemma_.lower()))
        issuer = self.policies[earlier].issuer if earlier is not None else \
            context_government(self.doc, self.table, adj.i)
        if issuer is None:
            return None
        clause = adj.head if adj.dep_ == "acomp" else adj
        toks = [t for t in clause.subtree if not t.is_punct or t.text in ("-", "(", ")")]
        return Candidate(rule="passive-measure", issuer=issuer, toks=toks, kind="exemption",
                         status=self._tense_status(clause, "passive-measure"), novel=True, words=_content_words(toks))

    # ------------------------------------------------------------ describing
    def _verb_phrase(self, verb: Token) -> list[Token]:
        """The verb and what it acts on, without its subject, without clauses that tell another measure
        ("…, with the threshold lowered to £5,000") and without a trailing attribution."""
        subj = {t.i for c in verb.children if c.dep_ in ("nsubj", "csubj") for t in c.subtree}
        other = {t.i for c in verb.subtree if c.i != verb.i and c.pos_ == "VERB" and c.lemma_.lower() in POLICY_VERBS
                 and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for t in c.subtree}
        toks = [t for t in verb.subtree if t.i not in subj and t.i not in other and t.i >= verb.left_edge.i]
        cut = next((t.i for t in toks if t.i > verb.i and (t.lower_ == "according" or
                                                          t.dep_ in ("ccomp", "parataxis") and t.head.i == verb.i
                                                          and t.lemma_.lower() in ("say", "tell", "announce"))), None)
        if cut is not None:
            toks = [t for t in toks if t.i < self.doc[cut].left_edge.i]
        toks = [t for t in toks if t.dep_ not in ("aux", "auxpass", "neg") or t.i > verb.i]
        return _trim_tokens(toks)

    def _verb_label(self, verb: Token) -> list[Token]:
        """The few words that say what the measure does: what was acted on (in a passive), the verb, its
        particle and objects; no subject, no time or place before the verb, no clause after the measure."""
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        keep = {verb.i} | {t.i for c in passive for t in c.subtree}
        for c in verb.rights:
            if c.dep_ in ("prt", "dobj", "attr", "oprd", "dative", "acomp", "xcomp") or \
                    c.dep_ == "prep" and c.lower_ not in ("in", "at", "during", "after", "before", "since", "amid"):
                keep |= {t.i for t in c.subtree}
                keep -= {t.i for x in c.subtree if x.dep_ in ("relcl", "advcl") for t in x.subtree}
        toks = [t for t in self.doc[min(keep):max(keep) + 1] if t.i in keep and t.dep_ not in ("aux", "auxpass", "neg")]
        return _trim_tokens(toks)

    def _noun_phrase(self, noun: Token) -> list[Token]:
        toks = [t for t in noun.subtree if t.dep_ not in ("relcl",) or t.i <= noun.i]
        relcl = {x.i for c in noun.children if c.dep_ in ("relcl", "acl") and c.i > noun.i + 6 for x in c.subtree}
        return _trim_tokens([t for t in toks if t.i not in relcl])

    def _tense_status(self, verb: Token, rule: str) -> str | None:
        if rule == "planned":
            return "proposed"
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if aux & FUTURE_AUX or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return "announced"
        if verb.tag_ in ("VBD", "VBN") or aux & {"has", "have", "had"}:
            return "in force"
        return None

    def _deadline(self, head: Token, toks: list[Token]) -> date | None:
        """A day written in the measure's phrase ("effective March 12", "by June 30", "from April 2025")."""
        zone = {t.i for t in toks} | {t.i for t in head.subtree}
        future = self._tense_status(head, "") == "announced"  # "will rise … in April 2026": when it starts
        for ent in entities_in(head.sent):
            if ent.label_ != "DATE":
                continue
            before = {t.lower_ for t in self.doc[max(0, ent.start - 2):ent.start]}
            excluded = ("since", "last") if future else ("in", "since", "last")
            if ent.start in zone and (before & set(MARKERS) or any(t.i in zone for t in ent) and
                                      self.doc[ent.start - 1].lower_ not in excluded):
                d = dates.resolve(ent.text, self.anchor) or dates.resolve_month(ent.text)
                if d:
                    return d
        return None

    def _named_as(self, noun: Token) -> date | None:
        """"announced October 31 as the deadline", "set June 1 as the date": the day the verb names."""
        if noun.dep_ != "pobj" or noun.head.lower_ != "as" or noun.head.head.pos_ not in ("VERB", "AUX"):
            return None
        verb = noun.head.head
        for ent in entities_in(noun.sent):
            if ent.label_ == "DATE" and ent.root.head.i == verb.i and ent.root.dep_ in ("dobj", "npadvmod"):
                return dates.resolve(ent.text, self.anchor)
        return None

    # ------------------------------------------------------------ one policy per measure
    def _merge(self, cand: Candidate) -> None:
        """A candidate joins the earlier policy it mentions again, else it is a new policy.

        A definite mention of the same kind ("the ban"), an umbrella noun ("the move") or a mention sharing
        most of its words with a policy is that policy; a mention marked as another one ("additional
        sanctions") only joins a policy that was itself marked so.
        """
        if cand.novel and not any(p.issuer == cand.issuer and cand.kind in self.kinds[k]
                                  for k, p in enumerate(self.policies)):
            cand.novel = False  # "passed new laws": new to the world, not to the article
        target = None
        for k in range(len(self.policies) - 1, -1, -1):
            p = self.policies[k]
            if p.issuer != cand.issuer or cand.novel != self.novel[k]:
                continue
            same_kind = cand.kind in self.kinds[k]
            overlap = _overlap(cand.words, self.words[k])
            if cand.complement and not (cand.words - {cand.kind}) & self.words[k]:
                continue  # "a deadline for boats to register" after a deadline for workers: another measure
            adjacent = same_kind and self._sentence_of(cand) - self.last_sentence[k] <= 1
            if cand.anaphoric and (same_kind or cand.umbrella) or same_kind and (overlap >= 0.5 or cand.novel) or \
                    adjacent or overlap >= 0.75:
                target = k
                break
        if target is None and cand.anaphoric and not cand.novel:
            target = next((k for k, p in enumerate(self.policies) if p.issuer == cand.issuer and not self.novel[k]
                           and cand.kind in self.kinds[k]), None)
        span = Span(cand.toks[0].idx, cand.toks[-1].idx + len(cand.toks[-1]), _text(self.doc, cand.toks))
        evidence = cand.toks[0].sent.text.strip()
        if target is None:
            self.policies.append(PolicyRecord(label=_label(self.doc, cand.label or cand.toks), issuer=cand.issuer,
                                              spans=[span],
                                              evidence=[evidence], deadline=cand.deadline,
                                              keywords=frozenset({cand.kind}) | cand.words, status=cand.status,
                                              rule=cand.rule))
            self.kinds.append({cand.kind})
            self.words.append(set(cand.words))
            self.novel.append(cand.novel)
            self.last_sentence.append(self._sentence_of(cand))
            return
        p = self.policies[target]
        if span not in p.spans:
            p.spans.append(span)
        if evidence not in p.evidence:
            p.evidence.append(evidence)
        p.deadline = p.deadline or cand.deadline
        p.status = _later_status(p.status, cand.status)
        if p.rule == "policy-noun" and cand.rule != "policy-noun":
            p.rule = cand.rule  # the act said of the measure tells more than its name
        p.keywords = p.keywords | {cand.kind} | cand.words
        if len(p.label.split()) < 4 <= len(cand.label or cand.toks):  # "the cap" said first, "a cap on permits" later
            p.label = _label(self.doc, cand.label or cand.toks)
        self.kinds[target].add(cand.kind)
        self.words[target] |= cand.words
        self.last_sentence[target] = self._sentence_of(cand)

    def _sentence_of(self, cand: Candidate) -> int:
        return bisect.bisect_right(self.sent_starts, cand.toks[0].i) - 1


def _has_complement(noun: Token) -> bool:
    """"a ban on exports", "the deadline for workers to register": the noun says what the measure covers
    (who it targets, "sanctions on Pyongyang", is said in many ways: a name is no complement)."""
    return any(c.dep_ in ("acl", "advcl") or c.dep_ == "prep" and c.lower_ in COVERING and
               any(g.dep_ == "pobj" and g.pos_ == "NOUN" for g in c.children) for c in noun.children)


def _content_words(toks: list[Token]) -> frozenset[str]:
    """The words that say what a measure is about, with the words for one kind of measure made one."""
    out = set()
    for t in toks:
        if t.is_alpha and t.lower_ not in STOP and len(t) > 2 and t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and \
                t.lower_ not in NOVELTY:
            lemma = t.lemma_.lower()
            if t.tag_ == "NNPS" and lemma.endswith("s"):
                lemma = lemma[:-1]  # "Afghans", "Syrians": the people, as the adjective says them
            out.add(KINDS.get(lemma, KINDS.get(t.lower_, lemma)))
    return frozenset(out)


def _overlap(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """Shared words over the smaller set's, when at least two are shared."""
    shared = len(a & b)
    return shared / min(len(a), len(b)) if shared >= 2 else 0.0


def _trim_tokens(toks: list[Token]) -> list[Token]:
    toks = sorted(toks, key=lambda t: t.i)
    while toks and (toks[0].is_punct or toks[0].pos_ in ("DET", "SCONJ", "ADP", "CCONJ")):
        toks = toks[1:]
    while toks and (toks[-1].is_punct and toks[-1].text != ")" or toks[-1].pos_ in ("CCONJ", "ADP", "DET")):
        toks = toks[:-1]
    return toks


def _text(doc: Doc, toks: list[Token]) -> str:
    return text_of(doc)[toks[0].idx:toks[-1].idx + len(toks[-1])]


def _label(doc: Doc, toks: list[Token]) -> str:
    """A short line that says what the measure does: its words up to MAX_LABEL_TOKENS."""
    shown = toks[:MAX_LABEL_TOKENS]
    text = " ".join(_text(doc, shown).split())
    return text + ("…" if len(toks) > MAX_LABEL_TOKENS else "")


def _later_status(a: str | None, b: str | None) -> str | None:
    """Of two statuses, the one further along a measure's life (announced, then in force, then lifted)."""
    if a is None or b is None:
        return a or b
    return max(a, b, key=STATUS_ORDER.index)
