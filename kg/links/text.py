"""Reading an article's text around a node: its sentence, the words before and after it, places named."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .. import gazetteer
from ..extract.records import GOVERNMENT, ArticleRecord

SENTENCE_BREAK = re.compile(r"\s*\n\s*|(?<=[a-z0-9)][.!?])\s+(?=[A-Z\"“])")
CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*){0,3}")


@dataclass(frozen=True)
class Located:
    """A span in its sentence: the whole sentence, and its text before and after the span."""

    sentence: str
    before: str
    after: str
    start: int  # where the sentence begins in the body


def locate(body: str, begin: int, end: int, sentence: str) -> Located:
    """The span [begin, end) inside `sentence` (the record's evidence), found where it holds the span."""
    start = body.find(sentence, max(0, end - len(sentence))) if sentence else -1
    if start > begin or start >= 0 and start + len(sentence) < end:
        start = -1
    if start < 0:  # evidence cleaned of spaces or quotes: the text around the span stands in
        before = body.rfind(". ", 0, begin)
        start = before + 2 if before >= 0 else 0
        stop = body.find(". ", end)
        sentence = body[start:stop + 1 if stop >= 0 else len(body)]
    stop = start + len(sentence)
    for m in SENTENCE_BREAK.finditer(body, start, stop):  # a record's evidence may run over several lines
        if m.end() <= begin:
            start = m.end()
        elif m.start() >= end:
            stop = m.start()
            break
    return Located(sentence=body[start:stop], before=body[start:begin], after=body[end:stop], start=start)


def main_country(rec: ArticleRecord) -> str | None:
    """The state the story is about: the government mentioned most, when it has a country."""
    counts: Counter = Counter()
    for e in rec.entities.values():
        if e.kind == GOVERNMENT and e.country:
            counts[e.country] += max(1, len(e.mentions))
    return counts.most_common(1)[0][0] if counts else None


def places_in(text: str) -> set[str]:
    """Codes of the states named (by name or capital) in the text; demonyms are not places."""
    found = set()
    for m in CAPITALISED.finditer(text):
        words = m.group(0).split()
        for n in range(len(words), 0, -1):  # the longest name first: "United States" before "United"
            for s in range(0, len(words) - n + 1):
                name = " ".join(words[s:s + n]).rstrip(".,'’s")
                c = gazetteer.country_by_name(name) or gazetteer.country_by_capital(name)
                if c is not None:
                    found.add(c.code)
    return found


def countries_in(text: str) -> set[str]:
    """Codes of the states a text names by name, capital or demonym ("Afghan nationals")."""
    found = places_in(text)
    for w in re.findall(r"\b[A-Z][a-z]+\b", text):
        c = gazetteer.country_by_demonym(w)
        if c is not None:
            found.add(c.code)
    return found


def places_after_prepositions(text: str) -> set[str]:
    """Codes of the states named as places: after "in", "from", "into", "leave" ("live in Myanmar")."""
    found = set()
    for m in re.finditer(r"\b(?:in|into|to|from|across|leave|left|inside|within)\s+((?:the\s+)?[A-Z][\w'’.-]*"
                         r"(?:\s+[A-Z][\w'’.-]*){0,3})", text):
        found |= places_in(m.group(1))
    return found
