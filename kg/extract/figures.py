"""Find the numbers an article reports: value, unit, what they count, hedges, and who reported them.

A figure is a count, a sum of money, a share or a duration the story reports about the world. Calendar
dates and years, clock times, ages, ordinals and numbers that are part of a name ("Article 370", "the
Business for 75% group") are not figures. Each rule is named after the construction it reads:
  number      digits or number words, with their scale ("1.7 million", "fifty-two", "two dozen")
  money       a sum with its currency, written before or after ("£40bn", "N480", "2 trillion yen", "Rs 7 lakh")
  percent     a share ("35 per cent", "15%")
  fraction    "two-thirds", "a quarter of"
  duration    a length of time ("three months", "a 24-hour ban", "a two-year cap")
  compound    a count written as a compound ("a 380-member unit", "a 500-strong force")
  range       both ends of "62 to 70 per cent", "between 500 and 600 members"
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .entities import EntityTable, text_of
from .entities.table import entity_at
from .lexicon import APPROX_PHRASES, APPROX_WORDS, ATTRIBUTION_VERBS, table, words
from .numbers import (CURRENCIES, PERCENT, SCALES, TIME_UNITS, fraction_value, glued_value, phrase_value,
                      word_value)
from .records import FigureRecord, Span, StatementRecord
from .speakers import SpeakerResolver, subject_of

# entity types whose numbers are names, dates or times, not figures
NAMED = {"ORG", "PERSON", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "GPE", "LOC", "NORP"}
TIMES = {"DATE", "TIME"}
# nouns a number only names or numbers: "Article 370", "Flight 17", "Phase 2"
LABEL_NOUNS = frozenset("article section resolution chapter flight route highway room no number level phase stage "
                        "category grade class item rule clause amendment act paragraph page line gate terminal "
                        "platform block sector zone district ward unit batch round".split())
VAGUE = {"hundreds", "thousands", "millions", "billions", "dozens", "tens", "scores"}
COMPOUND_UNITS = words("compound_units")
RANGE_LINKS = ("to", "and", "-", "–", "or")
MEASURE_STOP = {"det", "predet", "punct", "nummod", "quantmod", "cc"}
MAX_MEASURE_TOKENS = 10
DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")  # thousands grouped by dots, as many languages write them
TIME_REFERENCE = frozenset("ago old aged past last previous next coming later earlier".split())
UNIT_DIMENSIONS = {unit: row[0] for unit, row in table("unit_dimensions").items()}
CHANGE_PREPS = ("by", "to", "from")  # "cut by 35 per cent", "rose to 19,650 pesos", "from 11.5% to 13%"


def find_figures(doc: Doc, table: EntityTable, statements: list[StatementRecord],
                 headline_end: int = 0) -> list[FigureRecord]:
    """Every reported number of the article in text order."""
    return _FigureFinder(doc, table, statements, headline_end).run()


class _FigureFinder:
    def __init__(self, doc: Doc, table: EntityTable, statements: list[StatementRecord], headline_end: int):
        self.doc, self.table, self.statements, self.headline_end = doc, table, statements, headline_end
        self.text = text_of(doc)
        self.speakers = SpeakerResolver(doc, table)
        self.out: list[FigureRecord] = []
        self.counted: dict[int, Token] = {}  # sentence start -> the noun its last figure counted

    def run(self) -> list[FigureRecord]:
        return _one_per_figure(self._find())

    def _find(self) -> list[FigureRecord]:
        i = 0
        doc = self.doc
        while i < len(doc):
            tok = doc[i]
            found = None
            if _may_start(tok) and tok.idx >= self.headline_end and \
                    (glued_value(tok.text) is not None or not self._in_name(tok)):
                found = self._figure_at(tok)
            if found is None:
                i += 1
                continue
            run, value, unit, rule = found
            end = run[-1].i
            i = end + 1
            if rule != "duration" and self._excluded(run, value):
                continue
            last = self._unit_token(run, unit)
            self._record(run, last, value, unit, rule)
            first = self.out[-1]
            i = max(i, self._range_end(run, last, unit) + 1)
            if self.out[-1] is not first and first.measure is None:  # "500 to 600 soldiers": both count soldiers
                first.measure = self.out[-1].measure
        return self.out

    # ------------------------------------------------------------ reading a number at a token
    def _figure_at(self, tok: Token) -> tuple[list[Token], float, str | None, str] | None:
        glued = glued_value(tok.text)
        if glued is not None:  # "£40bn", "N480", "$5m"
            value, code = glued
            run = [tok] + self._scale_words(tok)
            value *= _scale_of(run[1:])
            code = code or self._unit(run)  # "£" "3bn" split by the tokenizer
            return run, value, code, "money" if code and code != "percent" else ("percent" if code else "number")
        compound = self._compound(tok)
        if compound is not None:
            return compound
        if tok.lower_ in VAGUE:
            return None
        fraction = self._fraction(tok)
        if fraction is not None:
            return fraction
        if not (tok.like_num and (word_value(tok.text) is not None or tok.lower_ in ("a", "an") or
                                  DOTTED_THOUSANDS.fullmatch(tok.text)) or
                tok.lower_ in ("a", "an") and self._followed_by_number_word(tok)):
            return None
        run = self._number_run(tok)
        value = phrase_value([t.text for t in run]) if not DOTTED_THOUSANDS.fullmatch(tok.text) or \
            tok.text.count(".") == 1 else None
        if len(run) == 1 and DOTTED_THOUSANDS.fullmatch(tok.text) and (tok.text.count(".") > 1 or self._counts(tok)):
            value = float(tok.text.replace(".", ""))  # "12.500.000", "2.500 people": thousands, not decimals
        if value is None and len(run) == 2 and run[1].text.isdigit():  # "10 000"
            value = float(run[0].text + run[1].text)
        if value is None or re.fullmatch(r"0{2,}", tok.text):
            return None
        duration = self._duration(run)
        if duration == "reference" or tok.ent_type_ in TIMES and not duration:
            return None
        if duration:
            return run, value, duration, "duration"
        unit = self._unit(run)
        rule = "money" if unit and unit not in ("percent",) else ("percent" if unit == "percent" else "number")
        return run, value, unit, rule

    def _counts(self, tok: Token) -> bool:
        """The number counts things (a plural noun follows), so it cannot have three decimals."""
        nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        return nxt is not None and nxt.tag_ in ("NNS", "NNPS")

    def _followed_by_number_word(self, tok: Token) -> bool:
        nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        return nxt is not None and nxt.lower_ in ("hundred", "thousand", "million", "billion", "dozen")

    def _number_run(self, tok: Token) -> list[Token]:
        """The tokens of one number: "1.73 million", "a hundred and two", "Fifty-two", "10 000"."""
        run = [tok]
        doc = self.doc
        j = tok.i + 1
        while j < len(doc) and j - tok.i < 8:
            t = doc[j]
            low = t.lower_
            spelled = not tok.text[0].isdigit()
            glued = self.text[run[-1].idx + len(run[-1]):t.idx] == ""
            if low in SCALES and (low not in ("m", "k", "b", "t") or glued and not spelled) and \
                    (low != "hundred" or spelled or tok.like_num):
                run.append(t)  # "1.7 million", and "$40m" split by the tokenizer
            elif spelled and t.like_num and word_value(t.text) is not None and not t.text[0].isdigit():
                run.append(t)
            elif spelled and low in ("-", "and") and j + 1 < len(doc) and doc[j + 1].like_num and \
                    not doc[j + 1].text[0].isdigit() and (low == "-" or run[-1].lower_ == "hundred"):
                run.append(t)
            elif not spelled and re.fullmatch(r"\d{3}", t.text) and len(run) == 1 and \
                    re.fullmatch(r"\d{1,3}", tok.text) and self.text[tok.idx + len(tok):t.idx] == " ":
                run.append(t)  # "10 000": a space between thousands
            else:
                break
            j += 1
        if len(run) > 1 and run[-1].lower_ in ("-", "and"):
            run = run[:-1]
        return run

    def _scale_words(self, tok: Token) -> list[Token]:
        nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        return [nxt] if nxt is not None and nxt.lower_ in ("million", "billion", "trillion", "lakh", "crore") else []

    def _compound(self, tok: Token) -> tuple[list[Token], float, str | None, str] | None:
        """"a 380-member unit", "a 24-hour ban", "a two-year cap": a number joined to its unit by a hyphen."""
        doc = self.doc
        if not tok.like_num or tok.i + 2 >= len(doc) or doc[tok.i + 1].text != "-":
            return None
        if self.text[tok.idx + len(tok):tok.idx + len(tok) + 1].isspace():
            return None
        unit = doc[tok.i + 2]
        value = word_value(tok.text)
        if value is None:
            return None
        if unit.lower_ in TIME_UNITS:
            after = doc[tok.i + 3:tok.i + 5]
            if len(after) == 2 and after[0].text == "-" and after[1].lower_ == "old":
                return None  # "a 10-year-old": an age
            return [tok, doc[tok.i + 1], unit], value, unit.lower_.rstrip("s") + "s", "duration"
        if unit.lower_ in COMPOUND_UNITS:
            return [tok, doc[tok.i + 1], unit], value, None, "compound"
        return None

    def _fraction(self, tok: Token) -> tuple[list[Token], float, str | None, str] | None:
        """"two-thirds of voters", "a quarter of the budget"."""
        doc = self.doc
        for n in (3, 2):
            run = list(doc[tok.i:tok.i + n])
            if len(run) == n and run[-1].lower_ in ("thirds", "quarters", "fifths", "tenths", "third", "quarter",
                                                     "half", "fifth", "tenth") and \
                    (n == 2 or run[1].text == "-"):
                value = fraction_value(" ".join(t.text for t in run if t.text != "-"))
                nxt = doc[run[-1].i + 1] if run[-1].i + 1 < len(doc) else None
                if value is not None and nxt is not None and nxt.lower_ == "of" and tok.lower_ not in ("a", "an"):
                    return run, value, "fraction", "fraction"
        return None

    def _duration(self, run: list[Token]) -> str | None:
        """"three months", "10 years": a number of time units (not "five years ago", not "aged 45 years")."""
        doc = self.doc
        nxt = doc[run[-1].i + 1] if run[-1].i + 1 < len(doc) else None
        if nxt is None or nxt.lower_ not in TIME_UNITS:
            return None
        after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
        before = doc[run[0].i - 1] if run[0].i > 0 else None
        if after is not None and after.lower_ in ("ago", "old") or before is not None and before.lower_ == "aged":
            return None
        if before is not None and before.lower_ in TIME_REFERENCE:
            return "reference"  # "in the past two days": when, not how long a measure lasts
        if re.fullmatch(r"(1[89]|20|21)\d\d", run[0].text):
            return None
        return nxt.lower_.rstrip("s") + "s"

    def _unit(self, run: list[Token]) -> str | None:
        doc = self.doc
        last = run[-1]
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        prev = doc[run[0].i - 1] if run[0].i > 0 else None
        if nxt is not None and (nxt.lower_ in PERCENT or nxt.text == "%"):
            return "percent"
        if nxt is not None and nxt.lower_ == "per" and nxt.i + 1 < len(doc) and doc[nxt.i + 1].lower_ == "cent":
            return "percent"
        if prev is not None and prev.lower_ in CURRENCIES and (not prev.is_alpha or prev.text[0].isupper()):
            return CURRENCIES[prev.lower_]
        if nxt is not None and nxt.lower_ in CURRENCIES and nxt.is_alpha and len(nxt) > 2:
            return CURRENCIES[nxt.lower_]
        return None

    def _unit_token(self, run: list[Token], unit: str | None) -> Token:
        """The last token of the figure's surface: the percent sign, a currency word after it, or the number."""
        doc = self.doc
        last = run[-1]
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if nxt is None:
            return last
        if unit == "percent":
            if nxt.lower_ == "per" and nxt.i + 1 < len(doc):
                return doc[nxt.i + 1]
            return nxt
        if unit and nxt.lower_ in CURRENCIES and nxt.is_alpha:
            return nxt
        if unit in [u + "s" for u in TIME_UNITS] + list(TIME_UNITS) and nxt.lower_ in TIME_UNITS:
            return nxt
        return last

    # ------------------------------------------------------------ what is not a figure
    def _in_name(self, tok: Token) -> bool:
        """A number inside a name ("the Business for 75% group", "G20") or a title."""
        if tok.ent_type_ in NAMED and not tok.like_num:
            return True
        if tok.ent_type_ in NAMED and tok.like_num:
            ent = entity_at(tok)
            return ent is not None and len(ent) > 1 and not (ent.label_ in ("GPE", "NORP", "LOC"))
        return False

    def _excluded(self, run: list[Token], value: float) -> bool:
        """Years, handles, parts of dates, ages, labels and small number words used as plain determiners."""
        doc = self.doc
        first, last = run[0], run[-1]
        text = self.text
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
                doc[last.i + 2].lower_ not in PERCENT and not after.isspace():
            return True  # a compound adjective that is no count: "10-year-old", "F-16"
        if prev is not None and prev.text == "," and first.i > 1 and doc[first.i - 2].ent_type_ == "PERSON" and \
                nxt is not None and nxt.text == ",":
            return True  # an age: "Ana Lopes, 45, said"
        if len(run) == 1 and first.text.isdigit() and first.i > 0 and _month_near(doc, first):
            return True
        if nxt is not None and nxt.lower_ in ("am", "pm", "a.m.", "p.m.", "gmt", "utc", "o'clock", "hrs"):
            return True  # a clock time
        if not first.text[0].isdigit():
            if first.lower_ in ("one", "a", "an") and len(run) == 1:
                return True
            if value < 10 and len(run) == 1 and prev is not None and prev.lower_ in (
                    "the", "these", "those", "its", "their", "his", "her", "both"):
                return True
        if nxt is not None and nxt.lower_ in VAGUE:
            return True
        return False

    # ------------------------------------------------------------ ranges
    def _range_end(self, run: list[Token], last: Token, unit: str | None) -> int:
        """"62 to 70 per cent", "500 to 600 members": the second end becomes a figure of its own."""
        doc = self.doc
        link = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if link is None or link.lower_ not in RANGE_LINKS or last.i + 2 >= len(doc):
            return last.i
        start = doc[link.i + 1]
        if start.lower_ in CURRENCIES and link.i + 2 < len(doc):  # "Rp 13,000 to Rp 14,000"
            start = doc[link.i + 2]
        found = self._figure_at(start) if start.like_num or glued_value(start.text) else None
        if found is None:
            return last.i
        run2, value2, unit2, rule2 = found
        unit2 = unit2 or unit
        if self._excluded(run2, value2) and rule2 != "duration":
            return last.i
        last2 = self._unit_token(run2, unit2)
        self._record(run2, last2, value2, unit2, "range", measure_from=run2)
        return last2.i

    # ------------------------------------------------------------ recording
    def _record(self, run: list[Token], last: Token, value: float, unit: str | None, rule: str,
                measure_from: list[Token] | None = None) -> None:
        begin = self._surface_begin(run)
        end = last.idx + len(last)
        measure = self._measure(run, last)
        self.out.append(FigureRecord(value=value, surface=Span(begin, end, self.text[begin:end]),
                                     evidence=run[0].sent.text.strip(), approximate=self._approximate(run),
                                     unit=unit, measure=measure, reporter=self._reporter(run[0]), rule=rule))

    def _surface_begin(self, run: list[Token]) -> int:
        first = run[0]
        prev = self.doc[first.i - 1] if first.i > 0 else None
        if prev is not None and prev.lower_ in CURRENCIES and (not prev.is_alpha or prev.text[0].isupper()):
            return prev.idx
        return first.idx

    def _approximate(self, run: list[Token]) -> bool:
        doc = self.doc
        before = doc[max(0, run[0].i - 3):run[0].i]
        if before and before[-1].lower_ in CURRENCIES:
            before = doc[max(0, run[0].i - 4):run[0].i - 1]
        text = " ".join(t.lower_ for t in before)
        if before and before[-1].lower_ in APPROX_WORDS:
            return True
        return any(text.endswith(p) for p in APPROX_PHRASES)

    def _measure(self, run: list[Token], last: Token) -> str | None:
        """What the number counts: the noun it quantifies, with its modifiers and a short complement."""
        doc = self.doc
        if last.lower_ in TIME_UNITS and len(run) == 3 and run[1].text == "-":  # "a 24-hour ban": the ban's length
            head = last.head if last.head.i != last.i else None
            return f"{last.lower_} of {head.text}" if head is not None and head.pos_ == "NOUN" else last.lower_
        if len(run) == 3 and run[1].text == "-":  # "a 380-member security unit"
            head = last.head if last.head.i > last.i and last.head.pos_ in ("NOUN", "PROPN") else \
                next((t for t in doc[last.i + 1:last.i + 4] if t.pos_ == "NOUN"), None)
            while head is not None and head.dep_ == "compound" and head.head.i > head.i and head.head.i - last.i < 5:
                head = head.head
            words_ = [t.text for t in doc[last.i + 1:head.i + 1]] if head is not None else []
            return f"{last.lower_}s of {' '.join(words_)}".strip() if words_ else last.lower_ + "s"
        head = last.head if last.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod") else None
        if last.lower_ in PERCENT | {"%", "cent"}:
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
        if head is None or head.pos_ == "ADP":
            head = self._changed(last) or (None if head is not None and head.pos_ == "ADP" else head)
        per = self._per_unit(run, last) if head is None else None
        if per is not None:
            return f"price per {per.lower_}"  # "14,000 pesos a kilogram"
        if head is None and last.lower_ not in TIME_UNITS:
            head = next((t for t in doc[last.i + 1:last.i + 4] if t.pos_ in ("NOUN", "PROPN")), None)
            while head is not None and head.dep_ == "compound" and head.head.i > head.i:
                head = head.head  # "for fuel subsidies": the subsidies, not the fuel
        if head is None:
            return self._described(last)
        if head.lower_ in UNIT_DIMENSIONS and not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
            if head.i > 0 and doc[head.i - 1].lower_ in ("per", "a", "an") and self._money(run, last):
                return f"price per {head.lower_}"  # "N570 per litre"
            return UNIT_DIMENSIONS[head.lower_]  # "400 kilometres south of the capital": a distance
        if head is not None and head.ent_type_ in TIMES and head.lower_ not in TIME_UNITS:
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
        words_ = [doc[i] for i in toks if doc[i].i not in in_run]
        while words_ and (words_[-1].is_punct or words_[-1].pos_ in ("ADP", "CCONJ", "DET")):
            words_.pop()
        while words_ and words_[0].pos_ in ("ADP", "DET"):
            words_.pop(0)
        text = " ".join(t.text for t in words_[:MAX_MEASURE_TOKENS]).replace(" ’s", "’s").replace(" 's", "'s")
        if text:
            self.counted[last.sent.start] = head
        return text or None

    def _changed(self, last: Token) -> Token | None:
        """What a number measures when a preposition hangs it on a verb: "cut the number of permits by 35 per
        cent" (the object), "the rate will rise from 11.5% to 13%" (the subject), and of a sum spent on
        something, that thing ("allocated 3 trillion yen for subsidies")."""
        t = last
        while t.dep_ in ("nummod", "quantmod", "compound") and t.head.i != t.i:
            t = t.head
        verb = None
        if t.dep_ == "pobj" and t.head.lower_ in CHANGE_PREPS and t.head.head.pos_ in ("VERB", "AUX"):
            verb = t.head.head
            found = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None) or \
                next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")),
                     None)
            return found
        if t.dep_ == "dobj" and t.head.pos_ == "VERB":
            for prep in t.head.children:
                if prep.dep_ == "prep" and prep.lower_ == "for":
                    return next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
        return None

    def _money(self, run: list[Token], last: Token) -> bool:
        glued = glued_value(run[0].text)
        unit = glued[1] if glued is not None else self._unit(run)
        return bool(unit) and unit != "percent" or last.lower_ in CURRENCIES

    def _per_unit(self, run: list[Token], last: Token) -> Token | None:
        """The unit a sum is priced by: "14,000 pesos a kilogram", "$3 per litre"."""
        nxt = self.doc[last.i + 1:last.i + 3]
        if self._money(run, last) and len(nxt) == 2 and nxt[0].lower_ in ("a", "an", "per") and nxt[1].pos_ == "NOUN":
            return nxt[1]
        return None

    def _described(self, last: Token) -> str | None:
        """"Of 4 million migrants, 1.7 million are undocumented": a bare number that is the subject of an
        adjective counts the sentence's earlier noun with that adjective ("undocumented migrants")."""
        verb, adjective = last.head, None
        if last.dep_ == "nsubj" and verb.lemma_ == "be":
            adjective = next((c for c in verb.rights if c.dep_ == "acomp" and c.pos_ == "ADJ"), None)
        elif last.dep_ == "nsubjpass" and verb.tag_ == "VBN" and all(
                c.dep_ in ("auxpass", "aux", "nsubjpass", "punct", "advmod") for c in verb.children):
            adjective = verb  # "are undocumented", "were displaced": a state, with nothing more said
        noun = self.counted.get(last.sent.start)
        if adjective is None or noun is None:
            return None
        return f"{adjective.text} {noun.text}"

    def _reporter(self, tok: Token) -> str | None:
        """The speaker of the statement the number is in, else the subject of an attribution verb above it."""
        for s in self.statements:
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
                    key = self.speakers.resolve(subj, create=False)
                    if key:
                        return key
        sent = tok.sent
        for s in self.statements:
            if s.verb == "according to" and sent.start_char <= s.span.begin < sent.end_char:
                return s.speaker
        return None


def _may_start(tok: Token) -> bool:
    """Cheap test of whether a figure can start at this token: a digit in it, a number word, "a"/"an", or a
    fraction's count. Most tokens fail it, so the costly reading runs on few."""
    text = tok.text
    return tok.like_num or any(ch.isdigit() for ch in text) or tok.lower_ in ("a", "an", "one", "half")


def _one_per_figure(found: list[FigureRecord]) -> list[FigureRecord]:
    """A number the story repeats for the same thing ("a 24-hour ban" … "a ban of 24 hours") is one figure,
    written in several places."""
    out: list[FigureRecord] = []
    for f in found:
        same = next((g for g in out if g.value == f.value and g.unit == f.unit and _same_measure(g, f)), None)
        if same is None:
            out.append(f)
        else:
            same.mentions.append(f.surface)
            same.measure = same.measure or f.measure
            same.reporter = same.reporter or f.reporter
    return out


def _same_measure(a: FigureRecord, b: FigureRecord) -> bool:
    if not a.measure or not b.measure:
        return a.rule == b.rule == "duration"
    wa, wb = set(a.measure.lower().split()), set(b.measure.lower().split())
    return bool(wa & wb - {"of", "the", "a", "in", "per"})


def _scale_of(toks: list[Token]) -> float:
    value = 1.0
    for t in toks:
        value *= SCALES.get(t.lower_, 1.0)
    return value


def _month_near(doc: Doc, tok: Token) -> bool:
    from .dates import MONTHS
    neighbours = [doc[i].lower_.rstrip(".") for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(doc)]
    return any(n in MONTHS for n in neighbours) or "." in tok.text and tok.i > 0 and \
        doc[tok.i - 1].lower_.rstrip(".") in MONTHS
