"""Find the numbers an article reports: value, unit, what they count, hedges, and who reported them."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .entities import text_of, EntityTable
from .lexicon import APPROX_PHRASES, APPROX_WORDS, ATTRIBUTION_VERBS
from .numbers import CURRENCIES, PERCENT, SCALES, phrase_value, word_value
from .records import FigureRecord, Span, StatementRecord
from .speakers import SpeakerResolver, subject_of

NOT_FIGURES = {"DATE", "TIME", "ORDINAL"}
# nouns a number only names or numbers: "Article 370", "Flight 17", "Phase 2"
LABEL_NOUNS = frozenset("article section resolution chapter flight route highway room no number level phase stage "
                        "category grade class item rule clause amendment act paragraph page line gate terminal "
                        "platform block sector zone district ward unit batch".split())
VAGUE = {"hundreds", "thousands", "millions", "billions", "dozens", "tens", "scores"}
MEASURE_STOP = {"det", "predet", "punct", "nummod", "quantmod", "cc"}
MAX_MEASURE_TOKENS = 10


def find_figures(doc: Doc, table: EntityTable, statements: list[StatementRecord]) -> list[FigureRecord]:
    """Every reported number of the article; dates, years, times and ordinals are not figures."""
    speakers = SpeakerResolver(doc, table)
    out: list[FigureRecord] = []
    skip_until = -1
    for tok in doc:
        if tok.i <= skip_until or not _starts_number(tok):
            continue
        run = _number_run(doc, tok)
        skip_until = run[-1].i
        value = phrase_value([t.text for t in run])
        if value is None or _excluded(doc, run, value):
            continue
        unit, last = _unit(doc, run)
        measure = _measure(doc, run, last)
        evidence = tok.sent.text.strip()
        begin, end = _surface(doc, run, last)
        out.append(FigureRecord(value=value, surface=Span(begin, end, text_of(doc)[begin:end]), evidence=evidence,
                                approximate=_approximate(doc, run), unit=unit, measure=measure,
                                reporter=_reporter(doc, run[0], statements, speakers)))
    return out


def _starts_number(tok: Token) -> bool:
    if tok.ent_type_ in NOT_FIGURES or tok.lower_ in VAGUE:
        return False
    if tok.like_num and word_value(tok.text) is not None:
        return True
    return False


def _number_run(doc: Doc, tok: Token) -> list[Token]:
    run = [tok]
    for t in doc[tok.i + 1:tok.i + 5]:
        if t.lower_ in SCALES and t.lower_ not in ("m", "k") or (t.like_num and word_value(t.text) is not None
                                                               and not t.text[0].isdigit() and t.lower_ != "one"):
            run.append(t)
        else:
            break
    return run


def _excluded(doc: Doc, run: list[Token], value: float) -> bool:
    """Years, handles, parts of dates and small number words used as plain determiners."""
    first, last = run[0], run[-1]
    text = text_of(doc)
    before, after = text[max(0, first.idx - 1):first.idx], text[last.idx + len(last):last.idx + len(last) + 1]
    if before in ("@", "#", "_", "/") or after in ("_", "/") or (after.isalpha() and first.text[0].isdigit()):
        return True  # part of a handle, a path or a code
    if len(run) == 1 and re.fullmatch(r"(1[89]|20|21)\d\d", first.text):
        return True  # a year
    prev = doc[first.i - 1] if first.i > 0 else None
    if prev is not None and prev.lower_.rstrip(".") in LABEL_NOUNS and prev.text[:1].isupper():
        return True  # a name with a number: "Article 370"
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.text == "-" and last.i + 2 < len(doc) and doc[last.i + 2].is_alpha and \
            doc[last.i + 2].lower_ not in PERCENT and not text[last.idx + len(last):last.idx + len(last) + 1].isspace():
        return True  # a compound adjective: "10-year-old", "12-member"
    if prev is not None and prev.text == "," and first.i > 1 and doc[first.i - 2].ent_type_ == "PERSON" and \
            nxt is not None and nxt.text == ",":
        return True  # an age: "Ana Lopes, 45, said"
    if len(run) == 1 and first.text.isdigit() and first.i > 0 and _month_near(doc, first):
        return True
    if not first.text[0].isdigit():
        if first.lower_ == "one" and len(run) == 1:
            return True
        if value < 10 and len(run) == 1 and first.i > 0 and doc[first.i - 1].lower_ in ("the", "these", "those",
                                                                                           "its", "their", "his", "her"):
            return True
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in VAGUE:
        return True
    return False


def _month_near(doc: Doc, tok: Token) -> bool:
    from .dates import MONTHS
    neighbours = [doc[i].lower_.rstrip(".") for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(doc)]
    return any(n in MONTHS for n in neighbours) or "." in tok.text and tok.i > 0 and \
        doc[tok.i - 1].lower_.rstrip(".") in MONTHS


def _unit(doc: Doc, run: list[Token]) -> tuple[str | None, Token]:
    last = run[-1]
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    prev = doc[run[0].i - 1] if run[0].i > 0 else None
    if nxt is not None and (nxt.lower_ in PERCENT or nxt.text == "%"):
        return "percent", nxt
    if nxt is not None and nxt.lower_ == "per" and nxt.i + 1 < len(doc) and doc[nxt.i + 1].lower_ == "cent":
        return "percent", doc[nxt.i + 1]
    if prev is not None and prev.lower_ in CURRENCIES:
        return CURRENCIES[prev.lower_], last
    if nxt is not None and nxt.lower_ in CURRENCIES:
        return CURRENCIES[nxt.lower_], nxt
    return None, last


def _surface(doc: Doc, run: list[Token], last: Token) -> tuple[int, int]:
    first = run[0]
    if first.i > 0 and doc[first.i - 1].lower_ in CURRENCIES and not doc[first.i - 1].is_alpha:
        first = doc[first.i - 1]
    return first.idx, last.idx + len(last)


def _approximate(doc: Doc, run: list[Token]) -> bool:
    before = doc[max(0, run[0].i - 3):run[0].i]
    words = " ".join(t.lower_ for t in before)
    if before and before[-1].lower_ in APPROX_WORDS:
        return True
    return any(words.endswith(p) for p in APPROX_PHRASES)


def _measure(doc: Doc, run: list[Token], last: Token) -> str | None:
    """What the number counts: the noun it quantifies, with its modifiers and a short complement."""
    head = last.head if last.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod") else None
    if last.lower_ in PERCENT | {"%"}:
        head = last.head if last.head.i != last.i else None
        of = doc[last.i + 1] if last.i + 1 < len(doc) and doc[last.i + 1].lower_ == "of" else None
        if of is not None:
            head = next((c for c in of.children if c.dep_ == "pobj"), head)
    if head is None and last.i + 1 < len(doc) and doc[last.i + 1].lower_ == "of":
        of = doc[last.i + 1]
        head = next((c for c in of.children if c.dep_ == "pobj"), None)
        if head is not None and head.like_num:  # "14 of 24 bombings"
            head = head.head if head.dep_ in ("nummod",) else next(
                (t for t in doc[head.i + 1:head.i + 4] if t.pos_ == "NOUN"), None)
    if head is None and last.dep_ == "pobj" and last.head.lower_ == "of":
        head = last.head.head  # "an average of just 77"
    if head is None:
        head = next((t for t in doc[last.i + 1:last.i + 4] if t.pos_ in ("NOUN", "PROPN")), None)
    if head is not None and head.ent_type_ in ("DATE", "TIME"):
        return None
    if head is not None and head.pos_ == "PRON" and head.dep_ == "pobj":
        return " ".join(t.text for t in head.subtree)  # "30 percent of those targeted"
    if head is None or head.pos_ not in ("NOUN", "PROPN"):
        return None
    in_run = {t.i for t in run} | {last.i}
    left = [t for t in head.lefts if t.dep_ not in MEASURE_STOP and t.i not in in_run
            and not any(x.i in in_run for x in t.subtree)]
    toks = sorted({x.i for t in left for x in t.subtree} | {head.i})
    for child in head.rights:
        if child.dep_ in ("prep", "acl", "relcl", "amod", "compound"):
            toks += [x.i for x in child.subtree]
            break
    toks = sorted(set(toks))[:MAX_MEASURE_TOKENS + 4]
    words = [doc[i] for i in toks if doc[i].i not in in_run]
    while words and (words[-1].is_punct or words[-1].pos_ in ("ADP", "CCONJ", "DET")):
        words.pop()
    while words and words[0].pos_ in ("ADP", "DET"):
        words.pop(0)
    text = " ".join(t.text for t in words[:MAX_MEASURE_TOKENS]).replace(" ’s", "’s").replace(" 's", "'s")
    return text or None


def _reporter(doc: Doc, tok: Token, statements: list[StatementRecord], speakers: SpeakerResolver) -> str | None:
    """The speaker of the statement the number is in, else the subject of an attribution verb above it."""
    for s in statements:
        if s.span.begin <= tok.idx < s.span.end:
            return s.speaker
    t = tok
    for _ in range(8):
        if t.head.i == t.i:
            break
        t = t.head
        if t.lemma_ in ATTRIBUTION_VERBS and t.pos_ in ("VERB", "AUX"):
            subj = subject_of(t)
            if subj is not None and subj.i != tok.i:
                key = speakers.resolve(subj)
                if key:
                    return key
    sent = tok.sent
    for s in statements:
        if s.verb == "according to" and sent.start_char <= s.span.begin < sent.end_char:
            return s.speaker
    return None
