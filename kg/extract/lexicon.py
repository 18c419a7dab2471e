"""Word lists the extractors share, read from lexicons/: general knowledge of news English, nothing about any
one story.

Each file in lexicons/ opens with a comment saying what it is for; a word list has one entry per line
(lower case, `#` starts a comment), a table (.tsv) one tab-separated row per line. A new word is a new line
there, not a code change.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("lexicons", name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The entries of lexicons/NAME.txt, lower-cased."""
    return frozenset(line.lower() for line in _lines(f"{name}.txt"))


@lru_cache(maxsize=None)
def phrases(name: str) -> tuple[str, ...]:
    """The entries of lexicons/NAME.txt in file order (for phrase lists where order or case matters)."""
    return tuple(_lines(f"{name}.txt"))


@lru_cache(maxsize=None)
def table(name: str) -> dict[str, tuple[str, ...]]:
    """lexicons/NAME.tsv as {first column: the other columns}."""
    rows = {}
    for line in _lines(f"{name}.tsv"):
        key, *rest = [c.strip() for c in line.split("\t")]
        rows[key] = tuple(rest)
    return rows


SPEECH_VERBS = words("speech_verbs")
PHRASAL_SPEECH = frozenset(tuple(p.split()) for p in words("phrasal_speech"))
PHRASAL_QUOTE_FRAMES = frozenset(tuple(p.split()) for p in words("phrasal_quote_frames"))
ISSUED_STATEMENTS = frozenset(tuple(p.split()) for p in words("issued_statements"))
# verbs whose subject is credited with a number, though they make no statement of their own
ATTRIBUTION_VERBS = SPEECH_VERBS | frozenset("estimate report put announce count record show register".split())

GOV_TITLE_HEADS = words("government_title_heads")
TITLE_MODIFIERS = words("title_modifiers")
NON_GOV_TITLE_WORDS = words("non_government_title_words")
PERSON_ROLE_HEADS = words("person_role_heads")
HONORIFICS = words("honorifics")
NAME_PARTICLES = words("name_particles")

GOV_NOUNS = words("government_nouns")
MINISTRY_NOUNS = words("ministry_nouns")
MINISTRY_PHRASES = ("foreign office", "foreign ministry", "interior ministry", "home ministry", "home office",
                    "state department", "defence ministry", "defense ministry", "ministry of")
SEATS = {name: row[0] for name, row in table("seats").items()}
# suffixes that make a group the ruler of a place ("X-led administration", "X-ruled")
RULING_SUFFIXES = ("-led", "-ruled", "-run", "-controlled")

UNNAMED_OFFICIAL_HEADS = words("unnamed_official_heads")
PLURAL_OFFICIAL_HEADS = words("plural_official_heads")
GROUP_SPEAKER_HEADS = words("group_speaker_heads")

ORG_HEADS = words("organization_heads")
THING_HEADS = words("thing_heads")
OUTLET_WORDS = words("outlet_words")

APPROX_WORDS = words("approximation_words")
APPROX_PHRASES = phrases("approximation_phrases")

