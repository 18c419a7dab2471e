"""Find who said what: direct quotes in any quote style, reported speech, "according to", signed posts.

Each rule is named after the construction it reads (the record's `rule`):
  quote                 "…," she said / she said: "…" — the quote and the speech verb beside it
  quote-continued       a quote standing alone after another by the same speaker
  split-quote           "A," he said, "B." — one statement from A to B
  quote-in-clause       said the plan was "a disaster" for farmers — the reported clause around a quote
  reported              said (that) CLAUSE / CLAUSE, officials said — one statement per content clause
  directive             urged X to …, told X to …, called on X to … — the infinitive clause
  stance                rejected the claim, accused X of Y, called the plan a disaster — the verb's clause
  according-to          CLAUSE, according to X
  signed                a post signed "— Name"
"""
from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span as TokSpan, Token

from . import dates
from .entities import EntityTable, context_government, is_outlet, text_of
from .entities.table import entity_at, sentences
from .lexicon import ISSUED_STATEMENTS, PHRASAL_QUOTE_FRAMES, PHRASAL_SPEECH, SPEECH_VERBS, words
from .quotes import OPENING_MARKS, Quote, find_quotes
from .records import OFFICIAL, PERSON, Span, StatementRecord
from .speakers import SpeakerResolver, subject_of

# verbs whose act is the statement itself, so the clause with its object is what was said
STANCE_VERBS = words("stance_verbs")
DOCUMENT_NOUNS = frozenset(words("document_nouns"))  # "X issued a report saying …": X says it
# verbs that frame a quote beside them without reporting a clause ("he barked")
QUOTE_VERBS = words("quote_verbs")
# verbs that pass on an instruction or appeal: what was said is the infinitive ("urged X to …")
DIRECTIVE_VERBS = words("directive_verbs")
# verbs whose object and its complement are the claim ("considered the move a mistake")
NAMING_VERBS = frozenset("call consider describe brand label dub term characterize characterise regard "
                         "deem".split())
# verbs whose grammatical subject is the one spoken to when passive ("the Cabinet was told")
LISTENER_VERBS = frozenset("tell inform ask brief advise remind assure warn urge direct instruct order".split())
CONTENT_DEPS = ("ccomp",)
MIN_QUOTE_WORDS = 4
SIGNATURE = re.compile(r"^[ \t]*[—–―-]+[ \t]*(?P<who>\S.*)$", re.M)
DATELINE = re.compile(r"[A-Z][A-Z .,'-]{2,40}(?:\([^)]{1,40}\))?\s*[-–—:]\s+")


def find_statements(doc: Doc, table: EntityTable, anchor: date | None) -> list[StatementRecord]:
    """All statements of a parsed article, in text order."""
    return _StatementFinder(doc, table, anchor).run()


def char_tokens(doc: Doc, a: int, b: int) -> TokSpan | None:
    """The tokens covering characters [a, b), or None when only whitespace is there."""
    span = doc.char_span(a, b, alignment_mode="expand")
    return span if span is not None and len(span) else None


class _StatementFinder:
    def __init__(self, doc: Doc, table: EntityTable, anchor: date | None):
        self.doc, self.table, self.anchor = doc, table, anchor
        self.text = text_of(doc)
        self.quotes = find_quotes(self.text)
        doc.user_data["newskg_quotes"] = self.quotes
        self.speakers = SpeakerResolver(doc, table)
        self.used_verbs: set[int] = set()
        self.by_verb: dict[int, StatementRecord] = {}
        self.content_spans: list[tuple[int, int]] = []
        self.out: list[StatementRecord] = []
        self.reporter = self._coordinated_reporters()

    def run(self) -> list[StatementRecord]:
        for sent in sentences(self.doc):
            self._sentence(sent)
        self._signed_posts()
        self.out.sort(key=lambda s: s.span.begin)
        return self.out

    # ------------------------------------------------------------ per sentence, in text order
    def _sentence(self, sent: TokSpan) -> None:
        """Quotes first (they claim their attribution verb), then reported speech, then "according to"."""
        for q in self.quotes:
            if sent.start_char <= q.begin < sent.end_char and not self._inside_content(q):
                self._quote(q)
        for tok in sent:
            if self._is_speech_verb(tok) and tok.i not in self.used_verbs and not self._in_quote(tok.idx):
                self._reported(tok)
        self._according_to(sent)

    def _is_speech_verb(self, tok: Token, quoting: bool = False) -> bool:
        """A verb that reports what its subject said; with `quoting`, also one that only frames a quote beside
        it ("he barked")."""
        if tok.pos_ not in ("VERB", "AUX") and tok.dep_ not in ("ROOT", "conj", "advcl", "xcomp", "relcl", "acl",
                                                                 "appos"):
            return False
        lemma = tok.lemma_.lower()
        if quoting and (lemma in QUOTE_VERBS or self._phrasal(tok, PHRASAL_QUOTE_FRAMES)):
            return True
        if quoting and any(c.dep_ == "dobj" and (lemma, c.lemma_.lower()) in ISSUED_STATEMENTS for c in tok.children):
            return True  # "released the following statement: '…'"
        if lemma == "ask":
            return any(c.dep_ in ("dobj", "dative", "ccomp") for c in tok.children)
        if lemma == "call":  # "called the plan a disaster", not "calling them by their old name"
            named = any(c.dep_ in ("oprd", "ccomp") and c.pos_ != "PROPN" for c in tok.children) or any(
                g.dep_ == "appos" and self._in_quote(g.idx) for c in tok.children if c.dep_ == "dobj" for g in c.children)
            return named or self._phrasal(tok)
        if lemma in SPEECH_VERBS or lemma in NAMING_VERBS and self._names_something(tok):
            return True
        return self._phrasal(tok)

    def _names_something(self, verb: Token) -> bool:
        """"considered the move a mistake", "described it as unfair": an object with its complement."""
        has_object = any(c.dep_ in ("dobj", "nsubj", "ccomp", "xcomp") for c in verb.children)
        complement = any(c.dep_ in ("oprd", "xcomp", "ccomp") or c.dep_ == "prep" and c.lower_ == "as"
                         for c in verb.children)
        return has_object and complement

    def _phrasal(self, verb: Token, pairs: frozenset = PHRASAL_SPEECH) -> bool:
        """"called for", "called on": the particle follows the verb, whatever the parser attached it to."""
        nxt = self.doc[verb.i + 1] if verb.i + 1 < len(self.doc) else None
        return nxt is not None and (verb.lemma_.lower(), nxt.lower_) in pairs

    # ------------------------------------------------------------ direct quotes
    def _quote(self, q: Quote) -> None:
        verb = self._attribution_verb(q)
        if verb is not None and verb.i in self.by_verb and self._between(self.by_verb[verb.i], q):
            self._extend(self.by_verb[verb.i], q)  # "A," he said, "B."
            return
        n_words = len(self.text[q.begin:q.end].split())
        if verb is None:
            label = self._label(q)
            speaker = self._labelled_speaker(label) if label is not None else None
            if speaker is not None:
                self._add(speaker, (q.begin, q.end), direct=True, verb=None, rule="quote-labelled")
            if label is not None and all(t.is_title or not t.is_alpha for t in label):
                return  # "Moderator:": someone the text labels, whom it does not name, is not the last speaker
            if n_words >= MIN_QUOTE_WORDS and self._bare_quote(q):
                last = self.out[-1] if self.out else None
                if last is not None and self._continues(last, q):
                    self._extend(last, q)  # '"A," she said. "B."': one passage, its attribution inside
                    return
                speaker = self._previous_quote_speaker(q)
                if speaker is not None:
                    self._add(speaker, (q.begin, q.end), direct=True, verb=None, rule="quote-continued")
            return
        speaker = self._speaker_of(verb)
        if speaker is None:
            return
        self.used_verbs.add(verb.i)
        clause = [self._over_quote(c, q) for c in self._content_spans(verb)]
        around = next((c for c in clause if self._holds(c, q)), None)
        if around is None and verb.lemma_.lower() in STANCE_VERBS | NAMING_VERBS and not clause:
            c = self._clause_span(verb)
            around = c if c and c[0] < q.begin - 1 and c[1] >= q.end else None  # 'called the plan "a disaster"'
        if around is not None:  # 'said the plan was "a disaster" for farmers'
            self._add(speaker, around, direct=True, verb=verb, rule="quote-in-clause")
        elif n_words >= MIN_QUOTE_WORDS or clause or self._framed(q, verb):
            self._add(speaker, (q.begin, q.end), direct=True, verb=verb, rule="quote")
        for other in clause:  # the verb's other content clauses are statements of their own
            if other is not around and not (other[0] <= q.begin and q.end <= other[1]) and \
                    not (q.begin <= other[0] and other[1] <= q.end + 1) and \
                    not (self._in_quote(other[0]) and self._in_quote(other[1] - 1)):  # quoted: the quotes say it
                self._add(speaker, other, direct=self._quotes_inside(other), verb=verb, rule="reported")

    def _label(self, q: Quote) -> TokSpan | None:
        """The words before a colon that open a quote's paragraph ('Governor Ana Pruitt: "…"'), as transcripts
        and question-and-answer pieces write who speaks; words with a verb in them are a sentence, no label."""
        para_start = self.text.rfind("\n", 0, q.begin) + 1
        label = self.text[para_start:q.begin].rstrip().rstrip("".join(OPENING_MARKS)).rstrip()
        if not label.endswith(":") or not 1 <= len(label.split()) <= 8:
            return None
        toks = char_tokens(self.doc, para_start, para_start + len(label) - 1)
        if toks is None or any(t.pos_ in ("VERB", "AUX") or t.lower_ in ("said", "says") for t in toks):
            return None
        return toks

    def _labelled_speaker(self, label: TokSpan) -> str | None:
        """The named person or official a label is all about."""
        key = self.table.key_of(label[-1])
        ent = self.table.entities.get(key) if key else None
        if ent is None or ent.kind not in (PERSON, OFFICIAL) or ent.unnamed:
            return None
        return key if all(self.table.key_of(t) == key or t.is_title or not t.is_alpha for t in label) else None

    def _over_quote(self, span: tuple[int, int], q: Quote) -> tuple[int, int]:
        """A reported clause that opens a quote runs to the quote's close: 'told reporters that the mayor has
        "taken every punch, and he is standing tall."' (the parse may end the clause at the comma inside)."""
        if span[0] < q.begin <= span[1] < q.end or span[0] <= q.begin and self._words_end(q) <= span[1] < q.end:
            return span[0], min(len(self.text), q.end + 1)
        return span

    def _words_end(self, q: Quote) -> int:
        return q.begin + len(self.text[q.begin:q.end].rstrip(" .,;:!?…"))

    def _holds(self, span: tuple[int, int], q: Quote) -> bool:
        """A clause holding the quote's words and words of its own ('said the plan was "a disaster" for farmers',
        'said that "we need more time" to decide'): the statement is the clause."""
        if not (span[0] <= q.begin and span[1] >= self._words_end(q)):
            return False
        before = char_tokens(self.doc, span[0], q.begin) if span[0] < q.begin else None
        manner = {x.i for t in before or () if t.dep_ in ("advmod", "npadvmod") for x in t.subtree}
        if before is not None and any(t.is_alpha and t.pos_ != "ADV" and t.i not in manner for t in before):
            return True  # words of the clause's own before the quote, not an adverb of saying ("said flatly")
        # words only after it: the clause's own when the quote runs into them, the writer's after '…," in'
        return self._words_end(q) == q.end and any(ch.isalnum() for ch in self.text[q.end:span[1]])

    def _attribution_verb(self, q: Quote) -> Token | None:
        """The speech verb outside the quote, in the sentences the quote touches, within its paragraph: the
        closest, or the one whose content holds the quote."""
        first = char_tokens(self.doc, q.begin, q.begin + 1)
        last = char_tokens(self.doc, max(q.begin, q.end - 1), q.end)
        if first is None or last is None:
            return None
        sents = {first[0].sent.start: first[0].sent, last[0].sent.start: last[0].sent}
        after = char_tokens(self.doc, q.end, min(len(self.text), q.end + 3))
        if after is not None and after[-1].i + 1 < len(self.doc):  # '… people," he said.' parsed apart
            nxt = self.doc[after[-1].i + 1].sent
            sents.setdefault(nxt.start, nxt)
        before = self.text[max(0, q.begin - 3):q.begin - 1].rstrip()
        if before.endswith(":") and first[0].i > 0:  # 'Said the minister: "…"' ends the sentence before
            prev = self.doc[first[0].i - 1].sent
            sents.setdefault(prev.start, prev)
        para_start = self.text.rfind("\n", 0, q.begin) + 1
        para_end = self.text.find("\n", q.end)
        para_end = len(self.text) if para_end < 0 else para_end
        above = self.text[:para_start].rstrip()
        colon = char_tokens(self.doc, len(above) - 1, len(above)) if above.endswith(":") else None
        if colon is not None:  # 'X said:' ending the paragraph above
            sents.setdefault(colon[0].sent.start, colon[0].sent)
            para_start = self.text.rfind("\n", 0, colon[0].sent.start_char) + 1
        cands = [t for s in sents.values() for t in s
                 if self._is_speech_verb(t, quoting=True) and not self._in_quote(t.idx) and para_start <= t.idx < para_end
                 and (t.i not in self.used_verbs or t.i in self.by_verb)
                 and (t.i in self.reporter or subject_of(t) is not None)]
        if not cands:
            return None
        holding = [t for t in cands if any(c[0] <= q.begin and q.end <= c[1] + 1 for c in self._content_spans(t))]
        pool = holding or cands
        speakers = [t for t in pool if not self._outlet_verb(t)]
        return min(speakers or pool, key=lambda t: min(abs(t.idx - q.end), abs(t.idx - q.begin)))

    def _outlet_verb(self, verb: Token) -> bool:
        subj = subject_of(verb)
        key = self.table.key_of(subj) if subj is not None else None
        return key is not None and is_outlet(self.table.entities[key])

    def _framed(self, q: Quote, verb: Token) -> bool:
        """A short quote right beside its verb ('he yelled "You lie!"', '"Really," she added') is what was
        said, not a scare quote."""
        if verb.idx >= q.end:
            gap = self.text[q.end + 1:verb.idx]
        else:
            gap = self.text[verb.idx + len(verb):q.begin - 1]
        return len(gap) <= 40 and "\n" not in gap and not any(ch in gap for ch in "“”\"«»")

    def _continues(self, rec: StatementRecord, q: Quote) -> bool:
        """The quote goes on from the last one after its attribution, in the same paragraph
        ('"A," she said. "B."')."""
        gap = self.text[rec.span.end:q.begin]
        return rec.direct and rec.verb is not None and 0 < len(gap) <= 60 and "\n" not in gap and \
            not any(ch in gap.strip(" ,.“”\"'‘’") for ch in "“”\"«»")

    def _between(self, rec: StatementRecord, q: Quote) -> bool:
        """The verb of an earlier quote stands between it and this one: a quote split by its attribution."""
        gap = self.text[rec.span.end:q.begin]
        return rec.direct and 0 < len(gap) < 120 and "\n" not in gap.strip() and q.begin > rec.span.end

    def _extend(self, rec: StatementRecord, q: Quote) -> None:
        begin, end = rec.span.begin, q.end
        end = begin + len(self.text[begin:end].rstrip(" ,;:\"“”'‘’—-\n"))
        rec.span = Span(begin, end, self.text[begin:end])
        rec.text = self.text[begin:end]
        rec.evidence = _sentences_text(self.doc, begin, end)
        rec.rule = "split-quote"
        self.content_spans.append((begin, end))

    def _bare_quote(self, q: Quote) -> bool:
        """A quote that is a whole sentence or paragraph of its own, continuing the last speaker; not one the
        rest of its sentence credits ('“…,” according to a court filing by X')."""
        before = self.text[max(0, q.begin - 3):q.begin - 1]
        line_end = self.text.find("\n", q.end)
        after = self.text[q.end:line_end if line_end >= 0 else len(self.text)][:160]
        if re.match(r"[\W\s]*according to\b", after, re.IGNORECASE):
            return False
        return before.strip() == "" or before.endswith(("\n", ". ", ": "))

    def _previous_quote_speaker(self, q: Quote) -> str | None:
        """The speaker of the statement just before, when no other paragraph came between them."""
        prior = [s for s in self.out if s.span.end <= q.begin and q.begin - s.span.end < 600]
        if not prior:
            return None
        gap = self.text[prior[-1].span.end:q.begin]
        if prior[-1].direct or gap.rstrip().endswith(":") or gap.count("\n") <= 2 and \
                len(self.text[self.text.rfind("\n", 0, q.begin - 1) + 1:q.begin].strip(" “\"'‘«")) == 0 and \
                all(len(p.split()) == 0 for p in gap.split("\n")[1:-1]):
            return prior[-1].speaker
        return None

    def _in_quote(self, idx: int) -> bool:
        return any(q.begin <= idx < q.end for q in self.quotes)

    def _inside_content(self, q: Quote) -> bool:
        return any(a <= q.begin and q.end <= b for a, b in self.content_spans)

    # ------------------------------------------------------------ reported speech
    def _reported(self, verb: Token) -> None:
        if verb.i not in self.reporter and (self._nested(verb) or self._fronted_participle(verb)):
            return
        participle = verb.dep_ in ("advcl", "acl", "amod") or verb.dep_ == "conj" and verb.head.tag_ == "VBN" and \
            verb.head.dep_ in ("advcl", "acl", "amod")
        if verb.tag_ == "VBN" and participle and not any(c.dep_ in ("aux", "agent") for c in verb.children):
            return  # "widely expected to win, X said …": expected by others, not by X
        speaker = self._speaker_of(verb)
        if speaker is None or self._outlet_carrying(speaker, verb):
            return
        lemma = verb.lemma_.lower()
        spans, rule = self._content_spans(verb), "reported"
        if lemma in NAMING_VERBS and not self._phrasal(verb):  # "calling it rushed": the naming is the claim
            clause = self._clause_span(verb)
            spans, rule = ([clause] if clause else spans), "stance"
        if not spans and (lemma in DIRECTIVE_VERBS or self._phrasal(verb)):
            spans, rule = self._directive(verb), "directive"
        if not spans and (lemma in STANCE_VERBS | NAMING_VERBS or self._phrasal(verb)):
            clause = self._clause_span(verb)
            spans, rule = ([clause] if clause else []), "stance"
        spans = [s for s in spans if len(self.text[s[0]:s[1]].split()) >= 3]
        if not spans:
            return
        self.used_verbs.add(verb.i)
        for span in spans:
            self._add(speaker, span, direct=self._quotes_inside(span), verb=verb, rule=rule)

    def _speaker_of(self, verb: Token) -> str | None:
        """Who speaks through a verb: its subject, or the reporter it is coordinated with ("said A and added B")."""
        if verb.i in self.reporter:
            return self._speaker_of(self.reporter[verb.i])
        subj = subject_of(verb) or self._name_before(verb)
        if subj is None:
            return None
        if subj.dep_ == "nsubjpass" and (verb.lemma_.lower() in LISTENER_VERBS or subj.lower_ == "it"):
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None:
                return self.speakers.resolve(pobj)
            # "the Cabinet was told", "it was noted that": an unnamed voice of the state the text is about
            return context_government(self.doc, self.table, verb.i)
        if verb.dep_ == "acl" and subj.i == verb.head.i and subj.dep_ == "dobj" and \
                subj.lemma_.lower() in DOCUMENT_NOUNS:  # "X issued a report saying …": X, who put it out
            owner = subject_of(subj.head)
            key = self.speakers.resolve(owner) if owner is not None else None
            if key is not None:
                return key
        return self.speakers.resolve(subj)

    def _name_before(self, verb: Token) -> Token | None:
        """A speech verb the parse left without a subject, right after a person's name ("Saturday at the
        convention Sen. Ana Lind (D-OH) said …", the name taken for the convention's apposition): the name,
        past a parenthesis after it."""
        if verb.dep_ != "ROOT" or verb.i == 0:
            return None
        prev = self.doc[verb.i - 1]
        if prev.text == ")":
            opening = next((t for t in reversed(self.doc[max(0, verb.i - 8):verb.i - 1]) if t.text == "("), None)
            prev = self.doc[opening.i - 1] if opening is not None and opening.i > 0 else prev
        key = self.table.key_of(prev)
        if key is None or self.table.entities[key].kind not in (PERSON, OFFICIAL):
            return None
        return prev

    def _outlet_carrying(self, speaker: str, verb: Token) -> bool:
        """"X said, The Times reported": an outlet passing on another's words is not their speaker."""
        if not is_outlet(self.table.entities[speaker]):
            return False
        for t in verb.sent:
            if t.i != verb.i and self._is_speech_verb(t) and subject_of(t) is not None:
                other = self.speakers.resolve(subject_of(t))
                if other is not None and not is_outlet(self.table.entities[other]):
                    return True
        return False

    def _coordinated_reporters(self) -> dict[int, Token]:
        """Speech verbs the parser hung inside another's content ("reiterated that A would go on and assured
        that B"): without a subject of their own, they report for the verb whose content they sit in."""
        out: dict[int, Token] = {}
        for tok in self.doc:
            participle = tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i > tok.head.i  # "…, stating X"
            if tok.dep_ != "conj" and not participle or not self._is_speech_verb(tok) or \
                    any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
                continue
            head = tok.head
            while head.dep_ == "conj" and head.head.i != head.i:
                head = head.head
            if head.dep_ in CONTENT_DEPS and self._is_speech_verb(head.head) and head.head.i != tok.i:
                if any(c.dep_ in CONTENT_DEPS or c.dep_ == "xcomp" for c in tok.children):
                    out[tok.i] = head.head
        return out

    def _nested(self, verb: Token) -> bool:
        """A speech verb inside what another speaker said is part of that statement, not a new one, unless it
        names its own speaker and what was said ("…, which she said shows …")."""
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PRON", "PROPN", "NOUN") for c in verb.children) and \
                any(c.dep_ in CONTENT_DEPS for c in verb.children) and verb.dep_ in ("relcl", "parataxis", "advcl"):
            return False
        if self._own_report(verb):
            return False  # "doctors say A and the health officer has advised B": two speakers
        t = verb
        while t.head.i != t.i:
            if t.dep_ in CONTENT_DEPS and self._is_speech_verb(t.head) and subject_of(t.head) is not None:
                return True
            t = t.head
        return False

    def _own_report(self, verb: Token) -> bool:
        """A speech verb coordinated into another's reported clause with a subject of its own: its own report."""
        return verb.dep_ == "conj" and verb.head.dep_ in CONTENT_DEPS and self._is_speech_verb(verb) and \
            any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN") for c in verb.children)

    def _fronted_participle(self, verb: Token) -> bool:
        """"Further warning X, the minister said ...", "After concluding that …, the government stopped …":
        the participle only frames the main clause."""
        if verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN") and verb.i < verb.head.i:
            return True
        return verb.dep_ == "pcomp" and verb.head.lower_ in ("after", "before", "upon", "on", "since", "while")

    def _content_spans(self, verb: Token) -> list[tuple[int, int]]:
        """The clauses a speech verb reports ("said that A and that B"), as character offsets, one per clause."""
        comps = [c for c in verb.children if c.dep_ in CONTENT_DEPS]
        if not comps and verb.dep_ == "parataxis":
            return self._parenthetical_content(verb)
        if not comps:
            that = self._that_clause(verb)
            return [that] if that else []
        out = []
        for comp in comps:
            parts = [comp] + [c for c in comp.children if c.dep_ == "conj" and self._own_clause(c)]
            for k, part in enumerate(parts):
                skip = self._not_content(verb, comp) | {t.i for p in parts[k + 1:] for t in p.subtree}
                if k == 0:
                    span = self._comp_span(verb, part, skip)
                else:
                    span = self._toks_span([t for t in part.subtree if t.i not in skip])
                if span:
                    out.append(span)
        return out

    def _parenthetical_content(self, verb: Token) -> list[tuple[int, int]]:
        """"CLAUSE, X said, The Times reported": a parenthetical speech verb reports the clause before it. One
        inside the clause ("The decision, X said, would be reviewed in June") reports the whole clause, which
        then holds the attribution as a split quote does."""
        head = verb.head
        if self._is_speech_verb(head):
            before = [c for c in head.children if c.dep_ in CONTENT_DEPS and c.i < verb.i]
            return [s for c in before for s in [self._toks_span(list(c.subtree))] if s]
        toks = [t for t in head.subtree if t.i < verb.left_edge.i]
        if head.i > verb.right_edge.i:  # the clause goes on past the attribution: its verb comes after it
            toks += [t for t in head.subtree if t.i > verb.right_edge.i]
        span = self._toks_span(toks)
        return [span] if span else []

    def _own_clause(self, tok: Token) -> bool:
        """"…that A and that B": a coordinated clause with its own subject and its own "that"."""
        return tok.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) and \
            any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)

    def _not_content(self, verb: Token, comp: Token) -> set[int]:
        """Tokens inside the reported clause that belong to other statements: participles and coordinated
        speech verbs of the same speaker ("…, stating …", "… and assured that …")."""
        skip: set[int] = set()
        for t in list(verb.children) + list(comp.subtree):
            if t.i == verb.i or t.i == comp.i:
                continue
            if t.i in self.reporter or (t.dep_ in ("advcl", "conj") and t.head.i == verb.i and self._is_speech_verb(t)
                                        and t.i > comp.i) or t.i > comp.i and self._own_report(t):
                skip |= {x.i for x in t.subtree}
                if t.i - 1 >= 0 and self.doc[t.i - 1].dep_ == "cc":
                    skip.add(t.i - 1)
        return skip

    def _comp_span(self, verb: Token, comp: Token, skip: set[int]) -> tuple[int, int] | None:
        if comp.i < verb.i:  # "CLAUSE, officials said"
            return self._toks_span([t for t in comp.subtree if t.i not in skip])
        listeners = {c.i for c in verb.children if c.dep_ in ("dobj", "dative")
                     or c.dep_ in ("prep", "advmod", "npadvmod") and c.i < comp.left_edge.i}
        listened = {t.i for li in listeners for t in self.doc[li].subtree}
        first = next((t for t in self.doc[verb.i + 1:verb.right_edge.i + 1]
                      if not t.is_punct and t.lower_ != "that" and t.i not in listened), None)
        if first is None:
            return None
        toks = [t for t in self.doc[first.i:max(comp.right_edge.i, first.i) + 1]]
        cut = next((k for k, t in enumerate(toks) if t.i in skip), len(toks))
        return self._toks_span(toks[:cut])

    def _toks_span(self, toks: list[Token]) -> tuple[int, int] | None:
        toks = _trim(sorted(toks, key=lambda t: t.i))
        if not toks:
            return None
        return toks[0].idx, toks[-1].idx + len(toks[-1])

    def _that_clause(self, verb: Token) -> tuple[int, int] | None:
        """"told Reuters that ...", "said on Friday during a news conference that ..." parsed without a
        clause (the parser hung it on a noun as a relative clause): what follows "that" up to the verb's end.
        A "that" introducing a clause with its own subject is a complementizer; a relative "that" is the
        clause's subject or object."""
        that = next((t for t in self.doc[verb.i + 1:verb.i + 5] if t.lower_ == "that"), None)
        if that is None:
            that = next((t for t in self.doc[verb.i + 1:min(verb.i + 14, verb.sent.end - 1)] if t.lower_ == "that"
                         and t.dep_ not in ("nsubj", "nsubjpass") and self.doc[t.i + 1].dep_ in ("nsubj", "nsubjpass")
                         and self.doc[t.i + 1].head.i == t.head.i), None)
            between = self.doc[verb.i + 1:that.i] if that is not None else []
            if any(t.pos_ == "VERB" or t.is_punct and t.text != "," for t in between):
                that = None  # another clause in between: the "that" is not this verb's
        if that is None or verb.lemma_.lower() in STANCE_VERBS:
            return None
        toks = _trim(list(self.doc[that.i + 1:verb.right_edge.i + 1]))
        if len(toks) < 3:
            return None
        return toks[0].idx, toks[-1].idx + len(toks[-1])

    def _directive(self, verb: Token) -> list[tuple[int, int]]:
        """"urged X to reconsider", "directed to set up", "called on X to act": the infinitive clause.

        Someone must be told, except for orders ("directed to set up …"): "asked not to be named" asks no one.
        """
        told = any(c.dep_ in ("dobj", "dative", "nsubjpass") for c in verb.children) or self._phrasal(verb)
        if not told and verb.lemma_.lower() not in ("direct", "order", "instruct"):
            return []
        for c in verb.children:
            comp = c if c.dep_ == "xcomp" or c.dep_ == "advcl" and told else None  # "directed officials to open …"
            if c.dep_ in ("dobj", "prep") and comp is None:
                comp = next((g for g in c.subtree if g.dep_ == "xcomp" and g.head.i != verb.i), None)
            if comp is not None and any(g.dep_ == "aux" and g.lower_ == "to" for g in comp.children):
                # the verb, who was told, and what to do: "urged Ghana to reconsider the ban"
                skip = self._not_content(verb, comp)
                toks = [t for t in self.doc[verb.i:comp.right_edge.i + 1]]
                cut = next((k for k, t in enumerate(toks) if t.i in skip), len(toks))
                span = self._toks_span(toks[:cut])
                return [span] if span else []
        return []

    def _clause_span(self, verb: Token) -> tuple[int, int] | None:
        """For stance verbs ("X rejected the claim") the statement is the clause, subject included."""
        subj = subject_of(verb)
        start = subj.left_edge.i if subj is not None and subj.i < verb.i else verb.i
        if subj is not None and verb.dep_ in ("acl", "advcl", "conj") and subj.i < verb.i and \
                verb.head.i < verb.i and subj.i != verb.head.i:
            start = verb.i
        if verb.dep_ == "relcl":
            start = min(t.i for t in verb.subtree)
        end = verb.right_edge.i
        for c in verb.children:  # a trailing attribution, or another statement of the same speaker
            if c.dep_ in ("prep", "advcl", "ccomp") and c.i > verb.i and c.lower_ in ("according", "reported"):
                end = min(end, c.left_edge.i - 1)
            if c.dep_ in ("conj", "advcl") and c.i > verb.i and self._is_speech_verb(c):
                cc = c.left_edge.i - 1 if self.doc[c.left_edge.i - 1].dep_ == "cc" else c.left_edge.i
                end = min(end, min(cc, c.left_edge.i) - 1)
        toks = _trim(list(self.doc[start:end + 1]))
        if not toks:
            return None
        return toks[0].idx, toks[-1].idx + len(toks[-1])

    def _quotes_inside(self, span: tuple[int, int]) -> bool:
        return any(span[0] <= q.begin and q.end <= span[1] for q in self.quotes)

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
            speaker = self._document_author(obj) or self.speakers.resolve(obj)
            if speaker is None:
                return
            own = {t.i for t in tok.subtree} | {t.i for t in obj.subtree}
            for c in obj.children:
                own |= {t.i for t in c.subtree}
            toks = _trim([t for t in sent if t.i < tok.i and t.i not in own])
            if not toks:
                toks = _trim([t for t in sent if t.i > tok.i and t.i not in own])
            if toks:
                span = (toks[0].idx, toks[-1].idx + len(toks[-1]))
                quote = next((q for q in self.quotes if q.begin <= span[0] <= q.begin + 1 and q.end > span[1]), None)
                if quote is not None:  # 'According to the Herald, “A. B.”': the quote, every sentence of it
                    span = (quote.begin, quote.end)
                self._add(speaker, span, direct=quote is not None, verb=None,
                          verb_text="according to", rule="according-to")

    def _document_author(self, obj: Token) -> str | None:
        """"according to a count by X", "a statement from the ministry", "figures released by X": the one
        whose count, statement or figures they are."""
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
                author = next((c for c in prep.children if c.dep_ == "pobj"), None)
            elif prep.dep_ == "acl" and prep.tag_ == "VBN":  # "figures released by X"
                agent = next((c for c in prep.children if c.dep_ == "agent"), None)
                author = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            else:
                continue
            key = self.table.key_of(author) if author is not None else None
            if key is not None:
                return key
        return None

    # ------------------------------------------------------------ signed posts ("— Name (@handle) date")
    def _signed_posts(self) -> None:
        text = self.text
        for m in SIGNATURE.finditer(text):
            sig = char_tokens(self.doc, m.start("who"), m.end("who"))
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
            span = char_tokens(self.doc, begin, begin + len(chunk))
            for sent in span.sents if span is not None else ():
                self._add(speaker, (sent.start_char, sent.end_char), direct=True, verb=None, verb_text="posted",
                          rule="signed")

    # ------------------------------------------------------------ recording
    def _balanced(self, a: int, b: int, span: tuple[int, int]) -> tuple[int, int]:
        """A statement's ends as stripping left them, with a quote's mark put back where the statement holds
        the quote's other mark: it opens a quote and ends inside it ('the plan is “peanuts,”'), or starts
        inside one it closes ('“we need more time” before the vote')."""
        inner = self.text[a:b]
        for opening, closing in (("“", "”"), ("«", "»"), ('"', '"')):
            left = inner.count(opening) % 2 if opening == closing else inner.count(opening) - inner.count(closing)
            if not left:
                continue
            if (left < 0 or opening == closing) and a > 0 and self.text[a - 1] == opening:
                return a - 1, b  # it starts inside the quote it closes
            if left > 0:
                k = self.text.find(closing, b, span[1])
                return a, (k + 1 if k >= 0 else b)
            return a, b
        return a, b

    def _add(self, speaker: str, span: tuple[int, int], direct: bool, verb: Token | None,
             verb_text: str | None = None, rule: str = "reported") -> None:
        a, b = span
        dateline = DATELINE.match(self.text, a, b)
        if dateline:
            a = dateline.end()
        text = self.text[a:b]
        stripped = text.strip(" ,;:\"“”'‘’«»—–-\n")
        a += text.index(stripped) if stripped else 0
        a, b = self._balanced(a, a + len(stripped), span)
        if b <= a:
            return
        if any(s.speaker == speaker and s.span.begin <= a and b <= s.span.end for s in self.out[-20:]):
            return  # already said, inside a statement just made (the latest ones are the only candidates)
        self.content_spans.append((a, b))
        when = _date_of(verb, self.anchor) if verb is not None else None
        rec = StatementRecord(speaker=speaker, text=self.text[a:b], direct=direct, span=Span(a, b, self.text[a:b]),
                              evidence=_sentences_text(self.doc, a, b),
                              verb=(verb.lemma_.lower() if verb is not None else verb_text), date=when, rule=rule)
        self.out.append(rec)
        if verb is not None:
            self.by_verb.setdefault(verb.i, rec)
            self.speakers.remember(speaker, verb.i)


def _trim(toks: list[Token]) -> list[Token]:
    while toks and (toks[0].is_punct or toks[0].lower_ in ("that", "and", "but", "however")):
        toks = toks[1:]
    while toks and (toks[-1].is_punct and toks[-1].text not in (")",) or toks[-1].dep_ == "cc"):
        toks = toks[:-1]
    return toks


def _sentences_text(doc: Doc, a: int, b: int) -> str:
    span = char_tokens(doc, a, b)
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
                ent = entity_at(t)
                if ent is not None:
                    return dates.resolve(ent.text, anchor)
    return None
