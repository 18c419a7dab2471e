"""The states news writes about, found by name, alias, demonym or capital (data/countries.tsv).

The table holds the sovereign states and the European Union, which news treats as one actor with its own
government (its Commission, Council and Parliament are aliases of it, Brussels its seat).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

COUNTRIES_TSV = Path(__file__).with_name("data") / "countries.tsv"
CITIES_TSV = Path(__file__).with_name("data") / "cities.tsv"
COLUMNS = ("code", "name", "aliases", "demonyms", "capitals", "ruling_titles")
_APOSTROPHES = str.maketrans({c: "'" for c in "’‘ʼʻ`´"})
# texts whose answers each lookup keeps: the extractors ask about every token of every article, mostly the
# same few thousand words, and cleaning a text costs more than the dictionary lookup that follows
LOOKUPS_KEPT = 65_536


@dataclass(frozen=True)
class Country:
    """One sovereign state and the words news uses for it."""

    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


def read_countries(path: str | Path) -> tuple[Country, ...]:
    """The rows of a country table; a malformed row raises ValueError naming the file and line."""
    countries = []
    with open(path, encoding="utf-8") as f:
        header = tuple(f.readline().rstrip("\r\n").split("\t"))
        if header != COLUMNS:
            raise ValueError(f"{path}:1: header must be {' '.join(COLUMNS)} separated by tabs")
        for lineno, line in enumerate(f, start=2):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            fields = [x.strip() for x in line.split("\t")]
            if len(fields) != len(COLUMNS):
                raise ValueError(f"{path}:{lineno}: expected {len(COLUMNS)} tab-separated fields, found {len(fields)}")
            code, name, aliases, demonyms, capitals, _ruling_titles = fields
            if not re.fullmatch(r"[A-Z]{2}", code):
                raise ValueError(f"{path}:{lineno}: code {code!r} is not two upper-case letters")
            if not name:
                raise ValueError(f"{path}:{lineno}: empty name")
            countries.append(Country(code, name, _split(aliases), _split(demonyms), _split(capitals)))
    return tuple(countries)


@lru_cache(maxsize=1)
def load_countries() -> tuple[Country, ...]:
    """Every state in the shipped table, read once."""
    return read_countries(COUNTRIES_TSV)


@lru_cache(maxsize=LOOKUPS_KEPT)
def country_by_name(text: str) -> Country | None:
    """The state a name or alias stands for: "the United States", "Côte d’Ivoire", "US" (never "us")."""
    exact, folded, _, _ = _lookups()
    s = _strip_the(_clean(text))
    return exact.get(s) or (folded.get(s.casefold()) if s != s.lower() else None)


@lru_cache(maxsize=LOOKUPS_KEPT)
def country_by_demonym(text: str) -> Country | None:
    """The state of an adjective or people word: "Turkish", "Turks", "TURKISH" (not the bird "turkey")."""
    s = _clean(text)
    return _lookups()[2].get(_first_letter_key(s)) if s else None


@lru_cache(maxsize=LOOKUPS_KEPT)
def country_by_city(text: str) -> Country | None:
    """The state of a large city ("Peshawar", "PESHAWAR", "Lagos"); capitals answer too."""
    capital = country_by_capital(text)  # a seat of government first: "Brussels" is the EU's
    if capital is not None:
        return capital
    code = _cities().get(_strip_the(_clean(text)).casefold())
    return country_by_code(code) if code else None


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    out = {}
    with open(CITIES_TSV, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            name, code = line.rstrip("\n").split("\t")
            out.setdefault(name.casefold(), code)
    return out


def country_by_code(code: str) -> Country | None:
    """The state with this ISO code ("KE"), or None."""
    return _by_code().get(code)


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Country]:
    return {c.code: c for c in load_countries()}


@lru_cache(maxsize=LOOKUPS_KEPT)
def country_by_capital(text: str) -> Country | None:
    """The state whose capital or seat of government this is: "Nairobi", "The Hague"."""
    s = _strip_the(_clean(text))
    return _lookups()[3].get(s.casefold()) if s != s.lower() else None


@lru_cache(maxsize=1)
def _lookups() -> tuple[dict[str, Country], dict[str, Country], dict[str, Country], dict[str, Country]]:
    """Names in exact case (all-caps aliases), names folded, demonyms, capitals folded."""
    exact: dict[str, Country] = {}
    folded: dict[str, Country] = {}
    demonyms: dict[str, Country] = {}
    capitals: dict[str, Country] = {}
    for c in load_countries():
        for n in (c.name, *c.aliases):
            n = _strip_the(_clean(n))
            if n.isupper():
                exact.setdefault(n, c)
            else:
                folded.setdefault(n.casefold(), c)
        for d in c.demonyms:
            demonyms.setdefault(_first_letter_key(_clean(d)), c)
        for cap in c.capitals:
            capitals.setdefault(_strip_the(_clean(cap)).casefold(), c)
    return exact, folded, demonyms, capitals


def _split(field: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in field.split("|") if x.strip())


def _clean(text: str) -> str:
    """Straight apostrophes and single spaces."""
    return " ".join((text or "").translate(_APOSTROPHES).split())


def _strip_the(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


def _first_letter_key(text: str) -> str:
    """Case kept on the first letter only, so "CHAD" is "Chad" but "chad" stays apart."""
    return text[:1] + text[1:].casefold()


DIVISIONS_TSV = Path(__file__).with_name("data") / "divisions.tsv"


@lru_cache(maxsize=1)
def _divisions() -> dict[str, tuple[str, str]]:
    out = {}
    with open(DIVISIONS_TSV, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            code, word, adjective = (line.rstrip("\r\n").split("\t") + [""])[:3]
            out[code] = (word, adjective)
    return out


def division_word(code: str | None) -> str:
    """What a state calls the regions its governors and chief ministers head: "state", "province", "county"."""
    return _divisions().get(code or "", ("region", ""))[0]


def division_label(name: str, division: str, code: str | None) -> str:
    """A sub-national government's label: "West Bengal (Indian state)", "Lagos (Nigerian city)"; without a
    known state, "Avalon (province)"."""
    country = country_by_code(code) if code else None
    if country is None:
        return f"{name} ({division})"
    adjective = _divisions().get(country.code, ("", ""))[1] or \
        next((d for d in country.demonyms if not d.endswith("s") or d.endswith("ss")), country.name)
    return f"{name} ({adjective} {division})"


SUBDIVISION_NAMES_TSV = Path(__file__).with_name("data") / "subdivision_names.tsv"
# words the standard names of some states' regions carry after the name ("Guangdong Sheng", "Vinnytska oblast")
_REGION_SUFFIXES = frozenset("sheng shi zizhiqu uygur huizu zhuangzu oblast oblast' kray respublika".split())


@lru_cache(maxsize=LOOKUPS_KEPT)
def subdivision_states(text: str) -> tuple[str, ...]:
    """The ISO codes of the states with a first-level region of this name ("Punjab": India and Pakistan;
    "Ontario": Canada), from pycountry's ISO 3166-2 list and data/subdivision_names.tsv. A state's own name
    is never a region's ("Georgia" is the state)."""
    key = _plain(_strip_the(_clean(text))).casefold()
    if not key or country_by_name(text) is not None:
        return ()
    return _subdivisions().get(key, ())


def _plain(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}

    def add(name: str, code: str) -> None:
        codes = out.setdefault(_plain(name).casefold(), [])
        if code not in codes:
            codes.append(code)

    try:
        import pycountry
        regions = [(s.name, s.country_code) for s in pycountry.subdivisions if s.parent_code is None]
    except ImportError:  # the list is a help, not a need: regions are still read from titles and grammar
        regions = []
    for name, code in regions:
        name = re.sub(r"\s*[\[(].*?[\])]", "", name).split(",")[0].strip()
        words = name.split()
        while len(words) > 1 and words[-1].casefold() in _REGION_SUFFIXES:
            words.pop()
        if words:
            add(" ".join(words), code)
    with open(SUBDIVISION_NAMES_TSV, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, code = line.rstrip("\r\n").split("\t")[:2]
                add(name, code)
    return {k: tuple(v) for k, v in out.items()}
