"""Find who said what: direct quotes in any quote style, reported speech, "according to", signed posts."""
from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span as TokSpan, Token

from . import dates
from .entities import text_of, EntityTable
from .lexicon import PHRASAL_SPEECH, SPEECH_VERBS
from .records import Span, StatementRecord
from .speakers import SpeakerResolver, subject_of

# verbs whose act is the statement itself, so the clause with its subject is what was said
STANCE_VERBS = frozenset("""accuse reject deny dismiss urge warn condemn criticise criticize blame justify cite
demand appeal ask assure promise pledge vow threaten praise welcome question protest call expect""".split())
CONTENT_DEPS = ("ccomp",)
QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"))
SIGNATURE = re.compile(r"^[ \t]*[—–]+[ \t]*(?P<who>\S.*)$", re.M)
MIN_QUOTE_WORDS = 4
DATELINE = re.compile(r"[A-Z][A-Z .,'-]{2,40}(?:\([^)]{1,40}\))?\s*[-–—:]\s+")


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of quoted text, quote marks excluded, that stay within one paragraph."""
    found = []
    for opener, closer in QUOTE_PAIRS:
        pos = 0
        while True:
            a = text.find(opener, pos)
            if a < 0:
                break
            b = text.find(closer, a + 1)
            if b < 0:
                break
            if "\n\n" not in text[a:b]:
                found.append((a + 1, b))
                pos = b + 1
            else:
                pos = a + 1
    return sorted(found)


def find_statements(doc: Doc, table: EntityTable, anchor: date | None) -> list[StatementRecord]:
    """All statements of a parsed article, in text order."""
    finder = _StatementFinder(doc, table, anchor)
    return finder.run()


class _StatementFinder:
    def __init__(self, doc: Doc, table: EntityTable, anchor: date | None):
        self.doc, self.table, self.anchor = doc, table, anchor
        self.speakers = SpeakerResolver(doc, table)
        self.quotes = [q for q in find_quotes(text_of(doc)) if len(text_of(doc)[q[0]:q[1]].split()) >= MIN_QUOTE_WORDS]
        self.used_verbs: set[int] = set()
        self.content_spans: list[tuple[int, int]] = []
        self.out: list[StatementRecord] = []

    def run(self) -> list[StatementRecord]:
        for sent in self.doc.sents:
            self._sentence(sent)
        self._signed_posts()
        self.out.sort(key=lambda s: s.span.begin)
        return self.out

    # ------------------------------------------------------------ per sentence, in text order
    def _sentence(self, sent: TokSpan) -> None:
        """Quotes first (they claim their attribution verb), then reported speech, then "according to"."""
        for q in self.quotes:
            if sent.start_char <= q[0] < sent.end_char and not self._inside_content(q):
                self._quote(q, sent)
        for tok in sent:
            if self._is_speech_verb(tok) and tok.i not in self.used_verbs and not self._in_quote(tok.idx):
                self._reported(tok, sent)
        self._according_to(sent)

    def _is_speech_verb(self, tok: Token) -> bool:
        if tok.pos_ not in ("VERB", "AUX") and tok.dep_ not in ("ROOT", "conj", "advcl", "xcomp", "relcl", "acl"):
            return False
        if tok.lemma_ == "ask":
            return any(c.dep_ in ("dobj", "dative") for c in tok.children)
        if tok.lemma_ in SPEECH_VERBS:
            return True
        if tok.lemma_ == "call" and any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in tok.children):
            return True  # "called the move unacceptable"
        return self._phrasal(tok)

    # ------------------------------------------------------------ direct quotes
    def _quote(self, q: tuple[int, int], sent: TokSpan) -> None:
        verb = self._attribution_verb(q)
        speaker, subj = None, None
        if verb is not None:
            subj = subject_of(verb)
            speaker = self.speakers.resolve(subj) if subj is not None else None
            self.used_verbs.add(verb.i)
        elif self._bare_quote(q):
            speaker = self._previous_quote_speaker(q)
        if speaker is None:
            return
        content = self._content_span(verb) if verb is not None else None
        if content is None and verb is not None and verb.lemma_ in STANCE_VERBS and subj is not None:
            content = self._clause_span(verb, subj)  # 'called the sanctions "an act of war"'
        if content and content[0] < q[0] - 1 and content[1] >= q[1]:  # quote inside a reported clause
            self._add(speaker, content, direct=True, verb=verb)
        else:
            self._add(speaker, q, direct=True, verb=verb)

    def _attribution_verb(self, q: tuple[int, int]) -> Token | None:
        """The speech verb outside the quote, in the sentences the quote starts and ends in."""
        doc = self.doc
        first = doc.char_span(q[0], q[0] + 1, alignment_mode="expand")
        last = doc.char_span(max(q[0], q[1] - 1), q[1], alignment_mode="expand")
        if first is None or last is None:
            return None
        sents = {first[0].sent.start: first[0].sent, last[0].sent.start: last[0].sent}
        para_start = text_of(doc).rfind("\n", 0, q[0]) + 1
        para_end = text_of(doc).find("\n", q[1])
        para_end = len(text_of(doc)) if para_end < 0 else para_end
        cands = [t for s in sents.values() for t in s
                 if self._is_speech_verb(t) and not self._in_quote(t.idx) and t.i not in self.used_verbs
                 and para_start <= t.idx < para_end]
        if not cands:
            return None
        return min(cands, key=lambda t: min(abs(t.idx - q[1]), abs(t.idx - q[0])))

    def _bare_quote(self, q: tuple[int, int]) -> bool:
        """A quote that is a whole sentence or paragraph of its own, continuing the last speaker."""
        before = text_of(self.doc)[max(0, q[0] - 3):q[0] - 1]
        return before.strip() == "" or before.endswith(("\n", ". ", ": "))

    def _previous_quote_speaker(self, q: tuple[int, int]) -> str | None:
        prior = [s for s in self.out if s.direct and s.span.end <= q[0] and q[0] - s.span.end < 400]
        return prior[-1].speaker if prior else None

    def _in_quote(self, idx: int) -> bool:
        return any(a <= idx < b for a, b in self.quotes)

    def _inside_content(self, q: tuple[int, int]) -> bool:
        return any(a <= q[0] and q[1] <= b for a, b in self.content_spans)

    # ------------------------------------------------------------ reported speech
    def _reported(self, verb: Token, sent: TokSpan) -> None:
        if self._nested(verb) or self._fronted_participle(verb):
            return
        subj = subject_of(verb)
        if subj is None:
            return
        speaker = self.speakers.resolve(subj)
        if speaker is None:
            return
        span = self._content_span(verb)
        if span is None:
            if verb.lemma_ not in STANCE_VERBS and not self._phrasal(verb):
                return
            span = self._clause_span(verb, subj)
        if span is None or len(text_of(self.doc)[span[0]:span[1]].split()) < 3:
            return
        self.used_verbs.add(verb.i)
        self._add(speaker, span, direct=self._quotes_inside(span), verb=verb)

    def _phrasal(self, verb: Token) -> bool:
        """"called for", "called on": the particle follows the verb, whatever the parser attached it to."""
        nxt = self.doc[verb.i + 1] if verb.i + 1 < len(self.doc) else None
        return nxt is not None and (verb.lemma_, nxt.lower_) in PHRASAL_SPEECH

    def _nested(self, verb: Token) -> bool:
        """A speech verb inside what another speaker said is part of that statement, not a new one."""
        t = verb
        while t.head.i != t.i:
            if t.dep_ in CONTENT_DEPS and self._is_speech_verb(t.head) and subject_of(t.head) is not None:
                return True
            t = t.head
        return False

    def _fronted_participle(self, verb: Token) -> bool:
        """"Further warning X, the minister said ...": the participle only frames the main statement."""
        return verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i < verb.head.i

    def _content_span(self, verb: Token) -> tuple[int, int] | None:
        """The clause a speech verb reports ("said that CLAUSE"), as character offsets."""
        comps = [c for c in verb.children if c.dep_ in CONTENT_DEPS]
        if not comps:
            return self._that_clause(verb)
        comp = comps[0]
        if comp.i < verb.i:  # "CLAUSE, officials said"
            toks = list(comp.subtree)
        else:
            listeners = {c.i for c in verb.children if c.dep_ in ("dobj", "dative")
                         or c.dep_ in ("prep", "advmod", "npadvmod") and c.i < comp.left_edge.i}
            first = next((t for t in self.doc[verb.i + 1:verb.right_edge.i + 1]
                          if not t.is_punct and t.lower_ != "that" and t.i not in listeners
                          and not any(t.i in set(x.i for x in self.doc[l].subtree) for l in listeners)), None)
            if first is None:
                return None
            toks = list(self.doc[first.i:max(comp.right_edge.i, first.i) + 1])
        toks = _trim(toks)
        if not toks:
            return None
        return toks[0].idx, toks[-1].idx + len(toks[-1])

    def _that_clause(self, verb: Token) -> tuple[int, int] | None:
        """"told Reuters that ..." parsed without a clause: what follows "that" up to the verb's end."""
        that = next((t for t in self.doc[verb.i + 1:verb.i + 5] if t.lower_ == "that"), None)
        if that is None or verb.lemma_ in STANCE_VERBS:
            return None
        toks = _trim(list(self.doc[that.i + 1:verb.right_edge.i + 1]))
        if len(toks) < 3:
            return None
        return toks[0].idx, toks[-1].idx + len(toks[-1])

    def _clause_span(self, verb: Token, subj: Token) -> tuple[int, int] | None:
        """For stance verbs ("X rejected the claim") the statement is the clause, subject included."""
        start = subj.left_edge.i if subj.i < verb.i else verb.i
        if verb.dep_ in ("acl", "advcl") and subj.i < verb.i and verb.head.i < verb.i and subj.i != verb.head.i:
            start = verb.i
        if verb.dep_ == "relcl":
            start = min(t.i for t in verb.subtree)
        end = verb.right_edge.i
        for c in verb.children:  # drop a trailing attribution to the reporting outlet
            if c.dep_ in ("prep", "advcl", "ccomp") and c.i > verb.i and c.lower_ in ("according", "reported"):
                end = min(end, c.left_edge.i - 1)
        toks = _trim(list(self.doc[start:end + 1]))
        if not toks:
            return None
        return toks[0].idx, toks[-1].idx + len(toks[-1])

    def _quotes_inside(self, span: tuple[int, int]) -> bool:
        return any(span[0] <= a and b <= span[1] for a, b in self.quotes)

    # ------------------------------------------------------------ "according to X"
    def _according_to(self, sent: TokSpan) -> None:
        for tok in sent:
            if tok.lower_ != "according" or tok.i + 2 >= len(self.doc) or self.doc[tok.i + 1].lower_ != "to":
                continue
            obj = next((c for c in self.doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if obj is None:
                return
            tail = {t.i for t in obj.subtree}
            if any(self._is_speech_verb(t) and t.i in self.used_verbs and t.i not in tail for t in sent):
                return  # the sentence has its own speaker; "according to" names where it was reported
            speaker = self.speakers.resolve(obj)
            if speaker is None:
                return
            own = {t.i for t in tok.subtree} | {t.i for t in obj.subtree}
            for c in obj.children:
                own |= {t.i for t in c.subtree}
            toks = _trim([t for t in sent if t.i < tok.i and t.i not in own])
            if toks:
                self._add(speaker, (toks[0].idx, toks[-1].idx + len(toks[-1])), direct=False, verb=None,
                          verb_text="according to")

    # ------------------------------------------------------------ signed posts ("— Name (@handle) date")
    def _signed_posts(self) -> None:
        text = text_of(self.doc)
        for m in SIGNATURE.finditer(text):
            sig = self.doc.char_span(m.start("who"), m.end("who"), alignment_mode="expand")
            if sig is None:
                continue
            speaker = next((self.table.key_of(t) for t in sig if self.table.key_of(t)), None)
            if speaker is None:
                continue
            body_end = text.rfind("\n", 0, m.start())
            body_start = text.rfind("\n", 0, max(body_end, 0)) + 1
            if body_end <= body_start:
                continue
            chunk = text[body_start:body_end].strip()
            if len(chunk.split()) < MIN_QUOTE_WORDS:
                continue
            begin = text.index(chunk, body_start)
            for sent in self.doc.char_span(begin, begin + len(chunk), alignment_mode="expand").sents:
                self._add(speaker, (sent.start_char, sent.end_char), direct=True, verb=None, verb_text="posted")

    # ------------------------------------------------------------ recording
    def _add(self, speaker: str, span: tuple[int, int], direct: bool, verb: Token | None,
             verb_text: str | None = None) -> None:
        a, b = span
        dateline = DATELINE.match(text_of(self.doc), a, b)
        if dateline:
            a = dateline.end()
        text = text_of(self.doc)[a:b]
        stripped = text.strip(" ,;:\"“”'‘’—-\n")
        a += text.index(stripped) if stripped else 0
        b = a + len(stripped)
        if b <= a:
            return
        if any(s.speaker == speaker and s.span.begin <= a and b <= s.span.end for s in self.out):
            return
        self.content_spans.append((a, b))
        self.doc.char_span(a, b, alignment_mode="expand")
        evidence = _sentences_text(self.doc, a, b)
        when = _date_of(verb, self.anchor) if verb is not None else None
        self.out.append(StatementRecord(speaker=speaker, text=text_of(self.doc)[a:b], direct=direct,
                                        span=Span(a, b, text_of(self.doc)[a:b]), evidence=evidence,
                                        verb=(verb.lemma_ if verb is not None else verb_text), date=when))


def _trim(toks: list[Token]) -> list[Token]:
    while toks and (toks[0].is_punct or toks[0].lower_ in ("that", "and", "but", "however")):
        toks = toks[1:]
    while toks and toks[-1].is_punct and toks[-1].text not in (")",):
        toks = toks[:-1]
    return toks


def _sentences_text(doc: Doc, a: int, b: int) -> str:
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None:
        return text_of(doc)[a:b]
    start = span[0].sent.start_char
    end = span[-1].sent.end_char
    return text_of(doc)[start:end].strip()


def _date_of(verb: Token, anchor: date | None) -> date | None:
    """A date attached to the speech verb ("said on Tuesday")."""
    for c in verb.children:
        toks = [c] + ([g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ == "on" else [])
        for t in toks:
            if t.ent_type_ == "DATE":
                ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None)
                if ent is not None:
                    return dates.resolve(ent.text, anchor)
    return None
