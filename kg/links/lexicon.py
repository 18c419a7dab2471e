"""Word lists the cross-source links read, from lexicons/: general news English, nothing about one story.

Each file opens with a comment saying what it is for; a word list has one entry per line (lower case, `#`
starts a comment), a table (.tsv) one tab-separated row per line.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("lexicons", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The entries of lexicons/NAME.txt, lower-cased."""
    return frozenset(line.lower() for line in _lines(f"{name}.txt"))


@lru_cache(maxsize=None)
def table(name: str) -> dict[str, tuple[str, ...]]:
    """lexicons/NAME.tsv as {first column: the other columns}."""
    rows = {}
    for line in _lines(f"{name}.tsv"):
        key, *rest = [c.strip() for c in line.split("\t")]
        rows[key.lower()] = tuple(rest)
    return rows


def column(name: str) -> dict[str, str]:
    """lexicons/NAME.tsv as {first column: second column}."""
    return {k: v[0] for k, v in table(name).items()}


@lru_cache(maxsize=None)
def phrase_pattern(phrases: frozenset[str]) -> re.Pattern:
    """One regex finding any of the phrases as whole words, longest first."""
    alts = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(p) for p in alts) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=None)
def any_word_pattern(phrases: frozenset[str]) -> re.Pattern:
    """One regex that finds any of the phrases between word boundaries: what asking for each in turn finds."""
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\b")


def has_any(text: str, phrases: frozenset[str]) -> bool:
    """Whether any of the phrases is written in `text` between word boundaries."""
    return any_word_pattern(phrases).search(text) is not None


def find_phrases(text: str, phrases) -> list[re.Match]:
    """Every whole-word occurrence of the phrases in text, longest phrase first at each place."""
    return list(phrase_pattern(frozenset(phrases)).finditer(text))


WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def tokens(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


SUFFIXES = ("ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "s")


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A crude stem: "accusations" and "accusation", "reconsider" and "reconsideration", "Afghans" and
    "Afghan" compare equal."""
    w = word.lower().removesuffix("'s").removesuffix("'")
    for suffix in SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            w = w[:-len(suffix)]
            return w + "y" if suffix in ("ied", "ies") else w.removesuffix("e")
    return w.removesuffix("e") if len(w) > 3 else w
