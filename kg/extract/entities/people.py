"""People: names the tagger found or the grammar shows, their titles, and whether a title makes an Official."""
from __future__ import annotations


from spacy.tokens import Doc, Span as TokSpan, Token

from ... import gazetteer
from ..lexicon import (GOV_NOUNS, GOV_TITLE_HEADS, HONORIFICS, MINISTRY_NOUNS, NAME_PARTICLES,
                       NON_GOV_TITLE_WORDS, ORG_HEADS, PERSON_ROLE_HEADS, TITLE_MODIFIERS)
from ..records import GOVERNMENT, OFFICIAL, PERSON, Entity
from .table import EntityTable, gov_key, norm_name, state_government

# ---------------------------------------------------------------- people
def find_people(doc: Doc, table: EntityTable, headline_end: int) -> None:
    """Named people, their titles and whether a government title makes them Officials."""
    for span in _person_spans(doc, table, headline_end):
        name = norm_name(span.text)
        if len(name) < 2:
            continue
        title, designator = _title_before(doc, span)
        appos_title, appos_designator, role = _appositive(doc, span)
        title = title or appos_title
        designator = designator or appos_designator
        key = _person_key(table, name)
        ent = table.get_or_create(key, PERSON, name)
        if len(name.split()) > len(ent.name.split()):
            ent.name = name
        if title and title.split()[-1].lower() in GOV_TITLE_HEADS and \
                not NON_GOV_TITLE_WORDS & set(title.lower().split()) and \
                (title.split()[-1].lower() != "leader" or designator is not None or "supreme" in title.lower()):
            ent.kind, ent.title = OFFICIAL, ent.title or title
            if designator and not ent.government:
                ent.government = _designator_government(table, designator)
        elif (role or title) and not ent.title:
            ent.title = role or title
        table.mention(key, span.start, span.end, name)


def _person_key(table: EntityTable, name: str) -> str:
    low = name.lower()
    for e in table.of_kind(PERSON, OFFICIAL):
        if e.name.lower() == low or low in (n.lower() for n in e.names):
            return e.key
    return f"person:{low}"


def _person_spans(doc: Doc, table: EntityTable, headline_end: int):
    """PERSON entities, joined across name particles, plus ORG-tagged names that behave like people."""
    ents = [e for e in doc.ents if e.start_char >= headline_end]
    i = 0
    while i < len(ents):
        ent = ents[i]
        if ent.label_ == "PERSON" or (ent.label_ == "ORG" and _behaves_like_person(doc, ent)):
            start, end = ent.start, ent.end
            while i + 1 < len(ents) and ents[i + 1].label_ == "PERSON" and \
                    all(t.lower_ in NAME_PARTICLES for t in doc[end:ents[i + 1].start]):
                i += 1
                end = ents[i].end
            while end < len(doc) and end - start < 5 and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
                    and doc[end].lower_ not in GOV_TITLE_HEADS and not doc[end].ent_type_ in ("GPE", "ORG", "NORP"):
                end += 1
            span = doc[start:end]
            if span[-1].text in ("'s", "’s"):
                span = doc[start:end - 1]
            if span[0].lower_ == "the":
                span = doc[start + 1:end]
            if span and not table.claimed(span.start, span.end) and _looks_like_name(span):
                yield span
        i += 1


def _looks_like_name(span: TokSpan) -> bool:
    words = [t for t in span if t.is_alpha]
    return bool(words) and all(t.is_title or t.lower_ in NAME_PARTICLES for t in words) and \
        not any(t.lower_ in GOV_TITLE_HEADS | ORG_HEADS for t in words) and \
        not any(gazetteer.country_by_name(t.text) or gazetteer.country_by_demonym(t.text) for t in words)


def _behaves_like_person(doc: Doc, ent: TokSpan) -> bool:
    """An ORG-tagged name followed by ", who" or ", a lawyer" is a person the tagger got wrong."""
    if any(t.lower_ in ORG_HEADS or t.is_upper for t in ent) or len(ent) < 2:
        return False
    if ent.start > 0 and doc[ent.start - 1].lower_ in GOV_TITLE_HEADS | PERSON_ROLE_HEADS:
        return True  # "spokeswoman Jane Roe"
    nxt = doc[ent.end:ent.end + 3]
    return len(nxt) >= 2 and nxt[0].text == "," and (
        nxt[1].lower_ == "who" or (nxt[1].lower_ in ("a", "an", "the") and len(nxt) > 2)
        or nxt[1].lower_ in GOV_TITLE_HEADS | PERSON_ROLE_HEADS | TITLE_MODIFIERS)


def _title_before(doc: Doc, span: TokSpan) -> tuple[str | None, str | None]:
    """The title written before a name ("Interim Interior Minister X") and the state or group in it."""
    i = span.start - 1
    words: list[Token] = []
    while i >= 0:
        t = doc[i]
        if t.text in ("'s", "’s") or t.lower_ in TITLE_MODIFIERS or t.lower_ in GOV_TITLE_HEADS or \
                t.lower_ in GOV_NOUNS or t.lower_ in MINISTRY_NOUNS or (t.is_title and t.is_alpha and t.i != t.sent.start) or \
                (t.is_title and t.lower_ in TITLE_MODIFIERS | GOV_TITLE_HEADS):
            words.insert(0, t)
            i -= 1
            continue
        if t.is_title and t.i == t.sent.start and t.pos_ not in ("DET", "PRON", "ADP", "CCONJ", "ADV"):
            words.insert(0, t)
        break
    heads = [k for k, t in enumerate(words) if t.lower_ in GOV_TITLE_HEADS | PERSON_ROLE_HEADS]
    if not heads:
        return None, None
    last = heads[-1]
    designator, first = None, 0
    for k, t in enumerate(words[:last]):
        if t.text in ("'s", "’s") or t.lower_ in GOV_NOUNS:
            first = k + 1
        elif _designates(t):
            designator, first = _designates(t), k + 1
    title_words = [t.text for t in words[first:last + 1] if t.text not in ("'s", "’s")]
    return (" ".join(title_words) or None), designator


def _designates(t: Token) -> Token | None:
    """The word of a title that names a state or ruling group ("Kenyan", "Brazil's", "Houthi")."""
    if gazetteer.country_by_demonym(t.text) or gazetteer.country_by_name(t.text):
        return t
    return t if getattr(t.doc._, "nkg_groups", None) and t.text.lower() in t.doc._.nkg_groups else None


def _designator_government(table: EntityTable, t: Token) -> str:
    """The government a designating word stands for, created and mentioned there when new."""
    existing = table.key_of(t)
    if existing and table.entities[existing].kind == GOVERNMENT:
        return existing
    country = gazetteer.country_by_demonym(t.text) or gazetteer.country_by_name(t.text)
    if country:
        return state_government(table, country, t)
    key = gov_key(None, t.text)
    table.get_or_create(key, GOVERNMENT, t.text, group=t.text)
    if not table.claimed(t.i, t.i + 1):
        table.mention(key, t.i, t.i + 1)
    return key


def _appositive(doc: Doc, span: TokSpan) -> tuple[str | None, str | None, str | None]:
    """", the deputy commissioner of the area" or ", a lawyer in ..." after a name."""
    nxt = doc[span.end:span.end + 8]
    if len(nxt) < 3 or nxt[0].text != "," or nxt[1].lower_ not in ("the", "a", "an", "his", "her", "its"):
        return None, None, None
    words = []
    for t in nxt[2:]:
        if t.is_punct or t.lower_ in ("of", "in", "for", "at", "who", "with", "from"):
            break
        words.append(t)
    if not words:
        return None, None, None
    head = words[-1].lower_
    designator = next((d for d in map(_designates, words) if d), None)
    text_words = [t.text for t in words if not _designates(t) and t.text not in ("'s", "’s")]
    if head in GOV_TITLE_HEADS:
        return " ".join(text_words), designator, None
    if head in PERSON_ROLE_HEADS:
        return None, None, " ".join(text_words)
    return None, None, None




def merge_short_names(table: EntityTable) -> None:
    """A one-word name the tagger found on its own ("Amos") joins the full name it is part of."""
    full = [e for e in table.of_kind(PERSON, OFFICIAL) if len(_name_words(e.name)) >= 2]
    for short in [e for e in table.of_kind(PERSON, OFFICIAL) if len(_name_words(e.name)) == 1]:
        word = _name_words(short.name)[0]
        cands = [e for e in full if word in (_name_words(e.name)[0], _name_words(e.name)[-1])]
        if len(cands) != 1:
            if not cands and len(short.mentions) == 1 and not short.title:
                _drop(table, short)  # a lone capitalised word the tagger took for a name
            continue
        _fold_into(table, short, cands[0])


def _name_words(name: str) -> list[str]:
    return [w for w in name.split() if w.lower() not in HONORIFICS and w.lower() not in NAME_PARTICLES] or [name]


def _fold_into(table: EntityTable, src: Entity, dst: Entity) -> None:
    for m in src.mentions:
        dst.add(m)
    dst.names |= src.names
    dst.title = dst.title or src.title
    if src.kind == OFFICIAL:
        dst.kind = OFFICIAL
    _drop(table, src, replacement=dst.key)


def _drop(table: EntityTable, ent: Entity, replacement: str | None = None) -> None:
    del table.entities[ent.key]
    for i, k in list(table.token_key.items()):
        if k == ent.key:
            if replacement:
                table.token_key[i] = replacement
            else:
                del table.token_key[i]
    table.order = [(i, replacement or k) for i, k in table.order if k != ent.key or replacement]


def find_short_names(doc: Doc, table: EntityTable) -> None:
    """A surname or first name alone ("Otieno", "Amos") is the person named in full nearby."""
    people = table.of_kind(PERSON, OFFICIAL)
    parts: dict[str, list[Entity]] = {}
    for e in people:
        words = [w for w in e.name.split() if w.lower() not in HONORIFICS and w.lower() not in NAME_PARTICLES]
        if len(words) < 2:
            continue
        for w in {words[0], words[-1]}:
            parts.setdefault(w, []).append(e)
    for tok in doc:
        cands = parts.get(tok.text)
        if not cands or table.claimed(tok.i, tok.i + 1) or not tok.is_title:
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].is_title and doc[tok.i + 1].is_alpha:
            continue  # part of a longer, different name ("Sara Karimi" is not "Karimi")
        ent = _latest(table, cands, tok.i)
        table.mention(ent.key, tok.i, tok.i + 1, tok.text)


def _latest(table: EntityTable, cands: list[Entity], before: int) -> Entity:
    last = {k: i for i, k in sorted(table.order) if i < before}
    return max(cands, key=lambda e: last.get(e.key, -1))

