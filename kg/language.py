"""Cheap checks of an article's language and number style, before the English pipeline reads it.

The pipeline reads English only: a German or Arabic article comes out as nonsense entities, and a number
written "1 200" or "3.000" in the continental way can be read as two numbers or as 3.0. Both are named,
never passed over in silence. The language is judged from the share of letters in the Latin script and the
share of words that are English function words (spaCy's English stop words), which is 35-50 % in English
news and under 10 % in other languages written in the Latin script.
"""
from __future__ import annotations

import re
import unicodedata

from spacy.lang.en.stop_words import STOP_WORDS

MIN_WORDS = 30  # fewer words than this say too little about the language
MIN_FUNCTION_WORDS = 0.15  # English news text: 0.35 to 0.5
MIN_LATIN = 0.8  # share of letters in the Latin script
SAMPLE = 20_000  # characters looked at: the start of the article is enough
WORD = re.compile(r"[^\W\d_]+")
# thousands grouped by a space or a dot ("1 200", "3.000", "12.500.000") and decimal commas ("3,5"):
# English writes "1,200", "3,000" and "3.5", so the pipeline may split or misread these
FOREIGN_NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|\d{1,3}(?:\.\d{3})+|\d+,\d{1,2})"
                            r"(?![\d.,]?\d)")
LANG_CHECKS = ("skip", "note", "off")  # what to do with an article that does not look English


def not_english(text: str) -> str | None:
    """Why the text does not look English (its script, or too few English function words), or None."""
    sample = text[:SAMPLE]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return None
    latin = sum(1 for c in letters if c.isascii() or _script(c) == "LATIN")
    if latin / len(letters) < MIN_LATIN:
        scripts: dict[str, int] = {}
        for c in letters:
            if not c.isascii():
                scripts[_script(c)] = scripts.get(_script(c), 0) + 1
        main = max(scripts, key=scripts.get).title()
        return f"not English: written in the {main} script"
    words = WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return None
    share = sum(1 for w in words if w in STOP_WORDS) / len(words)
    if share < MIN_FUNCTION_WORDS:
        return f"not English: {share:.0%} of its words are English function words (English text has 35-50 %)"
    return None


def _script(char: str) -> str:
    """The script a letter belongs to, from its Unicode name: LATIN, CYRILLIC, ARABIC, CJK, …"""
    name = unicodedata.name(char, "")
    return name.split(" ")[0] if name else "UNKNOWN"


def foreign_numbers(text: str, shown: int = 3) -> str | None:
    """A note naming numbers written with separators English does not use, or None."""
    found = list(dict.fromkeys(m.group(0) for m in FOREIGN_NUMBER.finditer(text)))
    if not found:
        return None
    names = ", ".join(f'"{n}"' for n in found[:shown]) + (f" and {len(found) - shown} more" if len(found) > shown
                                                          else "")
    return (f"numbers {names} are written with a space or a dot between thousands or a decimal comma, which "
            f"English does not use; the figures read from them may be split or misread: check them")
