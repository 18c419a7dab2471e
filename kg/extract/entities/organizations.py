"""Organizations: named with an acronym, acting or speaking, and the news outlets that are only cited."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span as TokSpan

from ... import gazetteer
from ..lexicon import (GOV_TITLE_HEADS, ORG_HEADS, OUTLET_WORDS, THING_HEADS)
from ..records import ORGANIZATION, Entity
from .governments import DIVISION_WORDS, is_state_body
from .people import TITLE_ABBREVIATIONS
from .table import entities_of, EntityTable, norm_name, text_of, _strip_det

ACRONYM = re.compile(r"((?:[A-Z][\w’'\-]*[ ](?:(?:of|for|and|the|on|e|ul|al|de|des|du|la|le)[ ])*){1,8})"
                     r"\((?P<acr>[A-Z][A-Za-z.&]{1,9})\)")
KNOWN_ORGS = {"UN": "United Nations", "U.N.": "United Nations",
              "NATO": "NATO", "IMF": "International Monetary Fund", "WHO": "World Health Organization",
              "ICC": "International Criminal Court", "ICJ": "International Court of Justice",
              "UNICEF": "UNICEF", "UNHCR": "UNHCR", "IOM": "International Organization for Migration"}



# ---------------------------------------------------------------- organizations named with an acronym
def find_acronyms(doc: Doc, table: EntityTable) -> dict[str, str]:
    """"Long Name (ACR)": the acronym stands for the name; organizations only, not documents."""
    found: dict[str, str] = {}
    for m in ACRONYM.finditer(text_of(doc)):
        long_text, acr = m.group(1).strip(), m.group("acr")
        words = re.findall(r"[A-Z][\w’']*", long_text)
        initials = "".join(w[0] for w in words)
        letters = acr.replace(".", "").upper()
        take = _initials_suffix(words, letters)
        if take is None and not initials.endswith(letters):
            continue
        words_needed = take or len(letters)
        start_char = _start_of_last_words(long_text, m.start(1), words_needed, words)
        span = doc.char_span(start_char, m.start(1) + len(long_text), alignment_mode="expand")
        if span is None or span[-1].lower_ in THING_HEADS or span.root.lower_ in THING_HEADS:
            continue
        name = norm_name(span.text)
        found[acr] = name
        key = f"org:{name.lower()}"
        table.get_or_create(key, ORGANIZATION, name).names.add(acr)
        table.mention(key, span.start, span.end, name)
        acr_span = doc.char_span(m.start("acr"), m.end("acr"))
        if acr_span is not None:
            table.mention(key, acr_span.start, acr_span.end, acr)
    _initials_acronyms(doc, table, found)
    table.acronyms = found
    return found


def _initials_acronyms(doc: Doc, table: EntityTable, found: dict[str, str]) -> None:
    """An acronym used without its parentheses ("the DFA") stands for the name in the article it spells."""
    spelled: dict[str, str] = {}
    for ent in entities_of(doc):
        if ent.label_ != "ORG" or len(ent) < 2:
            continue
        name = norm_name(ent.text)
        caps = [w for w in re.findall(r"[A-Za-z][\w’'-]*", name) if w[0].isupper()]
        if len(caps) >= 2 and ent[-1].lower_ not in THING_HEADS and not gazetteer.country_by_name(name):
            spelled.setdefault("".join(w[0] for w in caps), name)
    for tok in doc:
        acr = tok.text
        if acr not in spelled or not acr.isupper() or acr in KNOWN_ORGS or table.claimed(tok.i, tok.i + 1):
            continue
        found.setdefault(acr, spelled[acr])
        key = f"org:{found[acr].lower()}"
        table.get_or_create(key, ORGANIZATION, found[acr])
        table.mention(key, tok.i, tok.i + 1, acr)


def _initials_suffix(words: list[str], letters: str) -> int | None:
    """How many trailing capitalised words spell the acronym ("Lashkar-e-Jhangvi Front" counts its parts)."""
    for n in range(1, len(words) + 1):
        parts = [p for w in words[-n:] for p in re.split(r"-(?:e|ul|al|i)-|-", w) if p]
        if "".join(p[0].upper() for p in parts) == letters or "".join(w[0] for w in words[-n:]) == letters:
            return n
    return None


def _start_of_last_words(long_text: str, offset: int, n: int, words: list[str]) -> int:
    target = words[-n]
    idx = long_text.rfind(target, 0, len(long_text) - sum(len(w) for w in words[-n + 1:]) if n > 1 else None)
    return offset + max(idx, 0)



# ---------------------------------------------------------------- organizations
def find_organizations(doc: Doc, table: EntityTable, acronyms: dict[str, str]) -> None:
    """ORG entities that act, speak or are named as organizations; places and documents are left out."""
    for ent in entities_of(doc):
        if ent.label_ != "ORG":
            continue
        span = _strip_det(ent)
        if span is not None and ". " in span.text:
            cut = span.text.rindex(". ") + 2
            span = doc.char_span(span.start_char + cut, span.end_char, alignment_mode="expand")
            span = _strip_det(span) if span is not None else None
        if span is None or table.claimed(span.start, span.end):
            continue
        name = norm_name(span.text)
        if span[-1].lower_ in THING_HEADS:
            continue  # "the Afghan Citizen Card": a document, not an organization
        if not name or any(ch.isdigit() for ch in name) or _title_follows(doc, span) or name in TITLE_ABBREVIATIONS or \
                gazetteer.country_by_capital(name) or gazetteer.country_by_demonym(name) or \
                gazetteer.subdivision_states(name) or gazetteer.subdivision_states(name.rsplit(" ", 1)[0]) and \
                name.rsplit(" ", 1)[-1].lower() in DIVISION_WORDS:
            continue  # "Okinawa", "Kano State": a region the tagger took for an organization
        full = acronyms.get(name) or KNOWN_ORGS.get(name) or name
        if not (_org_like(span) or full != name or name in KNOWN_ORGS.values() or _acts(span) or _is_outlet(name)
                or is_state_body(name)):
            continue
        key = f"org:{full.lower()}"
        ent_obj = table.get_or_create(key, ORGANIZATION, full)
        table.mention(key, span.start, span.end, name)
        ent_obj.names.add(name)


def _title_follows(doc: Doc, span: TokSpan) -> bool:
    return span.end < len(doc) and doc[span.end].lower_ in GOV_TITLE_HEADS


def _org_like(span: TokSpan) -> bool:
    return any(t.lower_ in ORG_HEADS for t in span) or (len(span) == 1 and span[0].is_upper and len(span[0]) >= 2
                                                        and span[0].lower_ not in THING_HEADS and _acts(span))


def _acts(span: TokSpan) -> bool:
    """The name is the subject of a verb, a possessor, or the object of "according to" or "by"."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root.dep_ in ("nsubj", "nsubjpass", "poss") or \
        (root.dep_ == "pobj" and root.head.lower_ in ("to", "by") and root.head.head.lower_ in ("according", "told"))


def _is_outlet(name: str) -> bool:
    return any(w in OUTLET_WORDS for w in name.lower().split())


def is_outlet(ent: Entity) -> bool:
    """News outlets are cited as where something was reported, never as who said it."""
    return ent.kind == ORGANIZATION and _is_outlet(ent.name)

