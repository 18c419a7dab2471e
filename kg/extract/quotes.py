"""Quoted passages in any of the quote styles news uses, found in plain text.

Handles curly and straight double quotes, guillemets, low-high German quotes, corner brackets, and single
quotes (curly or straight) when they open at a word boundary and close before one, so apostrophes
("don't", "the ministers’ plan") are never taken for quote marks. A quote stays in its paragraph, except
the news convention for long quotes: a paragraph whose quote is left open and the next paragraph opening
with a quote mark are one passage. Stray marks (an inch mark after a digit, an unbalanced opener) never
raise: an opener without its closer quotes to the end of its paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# opener -> the marks that may close it (hand-typed copy often closes a curly quote with a straight one)
PAIRS = {"“": "”\"", "«": "»", "„": "“”\"", "‹": "›", "「": "」", "『": "』", "‘": "’'"}
STRAIGHT = ('"', "'")
OPENING_MARKS = tuple(PAIRS) + STRAIGHT


@dataclass(frozen=True)
class Quote:
    """Characters [begin, end) inside the marks; `open` when the closing mark never came."""

    begin: int
    end: int
    open: bool = False


def find_quotes(text: str) -> list[Quote]:
    """Outermost quoted passages, in text order, marks excluded; quotes nested inside them are part of them."""
    quotes: list[Quote] = []
    for start, end in paragraphs(text):
        quotes += _paragraph_quotes(text, start, end)
    return _join_continued(text, quotes)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the text's paragraphs (a blank line or a line break before a quote mark ends one)."""
    spans, start = [], 0
    for m in re.finditer(r"\n", text):
        if start < m.start():
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _paragraph_quotes(text: str, start: int, end: int) -> list[Quote]:
    found = []
    i = start
    while i < end:
        c = text[i]
        if c in PAIRS and (c != "‘" or _opens(text, i, start)):
            j = _closer(text, i, end, PAIRS[c])
            if j is None:
                if c != "‘" and _worth_quoting(text, i + 1, end):
                    found.append(Quote(i + 1, _trim_end(text, i + 1, end), open=True))
                    break
                i += 1
                continue
            if j > i + 1:
                found.append(Quote(i + 1, j))
            i = j + 1
            continue
        if c in STRAIGHT and _opens(text, i, start) and not _inch_mark(text, i):
            j = _straight_closer(text, i, end)
            if j is not None:
                found.append(Quote(i + 1, j))
                i = j + 1
                continue
            if c == '"' and _worth_quoting(text, i + 1, end):
                found.append(Quote(i + 1, _trim_end(text, i + 1, end), open=True))
                break
        i += 1
    return [q for q in found if text[q.begin:q.end].strip()]


def _opens(text: str, i: int, para_start: int) -> bool:
    """A mark at the start of a word: after a space, a bracket, a dash or the paragraph start, before a letter."""
    before = text[i - 1] if i > para_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in ("'", "‘") and (after in "sS" and (i + 2 >= len(text) or not text[i + 2].isalpha())):
        return False  # "Sheinbaum ‘s": a possessive typed with a space, not a quote
    return (before.isspace() or before in "([{—–-:/") and (after.isalnum() or after in "“\"«‘'.…¿¡$€£")


def _closes(text: str, j: int) -> bool:
    """A mark at the end of a word: after a non-space, before a space, punctuation or the end."""
    before = text[j - 1] if j > 0 else " "
    after = text[j + 1] if j + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _closer(text: str, i: int, end: int, closers: str) -> int | None:
    """The closing mark of the quote opened at i; a second opener of the same kind first ends it there."""
    opener = text[i]
    for j in range(i + 1, end):
        c = text[j]
        if c in closers and (opener != "‘" or _closes(text, j)):
            return j
        if c == opener and opener != "‘" and j > i + 1 and c not in closers:
            return _trim_end(text, i + 1, j) if _trim_end(text, i + 1, j) > i + 1 else None
    return None


def _straight_closer(text: str, i: int, end: int) -> int | None:
    marks = text[i] + ("”" if text[i] == '"' else "’")
    for j in range(i + 1, end):
        if text[j] in marks and _closes(text, j):
            if text[j] in "'’" and j + 1 < end and text[j + 1] in "sS" and (j + 2 >= end or not text[j + 2].isalpha()):
                continue
            return j
    return None


def _inch_mark(text: str, i: int) -> bool:
    """5'11" or 12" : a measure after a digit, not a quote mark."""
    return i > 0 and text[i - 1].isdigit()


def _worth_quoting(text: str, begin: int, end: int) -> bool:
    """An unclosed mark opens a quote only when words follow it."""
    return len(text[begin:end].split()) >= 2


def _trim_end(text: str, begin: int, end: int) -> int:
    while end > begin and text[end - 1].isspace():
        end -= 1
    return end


def _join_continued(text: str, quotes: list[Quote]) -> list[Quote]:
    """A quote left open at a paragraph's end and a quote opening the next paragraph are one passage."""
    out: list[Quote] = []
    for q in quotes:
        prev = out[-1] if out else None
        if prev is not None and prev.open and text[prev.end:q.begin - 1].strip() == "" and \
                text[q.begin - 1] in OPENING_MARKS:
            out[-1] = Quote(prev.begin, q.end, q.open)
        else:
            out.append(q)
    return out
