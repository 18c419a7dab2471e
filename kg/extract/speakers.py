"""Who a clause credits: subjects, pronouns and descriptions resolved to the article's entities."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .. import gazetteer
from .entities import EntityTable, context_government, is_outlet, state_government
from .lexicon import GROUP_SPEAKER_HEADS, PLURAL_OFFICIAL_HEADS, UNNAMED_OFFICIAL_HEADS
from .records import GOVERNMENT, OFFICIAL, ORGANIZATION, PERSON, Span

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
PERSONAL = {"he", "she", "him", "her"}
IMPERSONAL = {"it", "they"}
ORG_DESCRIPTIONS = {"agency", "organization", "organisation", "group", "body", "charity", "company"}
GOV_DESCRIPTIONS = {"government", "authorities", "administration", "ministry", "regime", "state", "cabinet"}


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of a verb, inherited through xcomp, conj and participles."""
    seen = 0
    while verb is not None and seen < 6:
        seen += 1
        for child in verb.children:
            if child.dep_ in SUBJECTS:
                if verb.dep_ == "relcl" and child.lower_ in ("who", "which", "that"):
                    return verb.head  # "Novak, who also accused ..."
                return child
        if verb.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            verb = verb.head.head  # "began an effort to round up": the effort's maker acts
            continue
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return verb.head  # "organizations calling on X"
        if verb.dep_ == "relcl":
            return verb.head  # "Novak, who also accused ..."
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "by asserting", "after setting"
            verb = verb.head.head
            continue
        if verb.dep_ in ("xcomp", "conj", "advcl", "ccomp") and verb.head.i != verb.i:
            if verb.dep_ == "ccomp":
                return None
            verb = verb.head
            continue
        return None
    return None


class SpeakerResolver:
    """Resolves speaker phrases of one article, creating unnamed speakers scoped to it."""

    def __init__(self, doc: Doc, table: EntityTable):
        self.doc = doc
        self.table = table
        self.last_speaker: dict[str, tuple[int, str]] = {}

    def resolve(self, tok: Token) -> str | None:
        """The entity key a subject token stands for, or None when it names no speaker."""
        cache = self.table.resolved
        if tok.i not in cache:
            cache[tok.i] = self._resolve(tok)
        return cache[tok.i]

    def _resolve(self, tok: Token) -> str | None:
        siblings = [c for c in tok.head.children if c.dep_ in SUBJECTS and c.i != tok.i] if tok.dep_ in SUBJECTS else []
        conj = [tok] + [c for c in tok.conjuncts if c.i > tok.i]
        for t in conj:  # "Western embassies, the United Nations and rights groups": the named one speaks
            key = self._named(t)
            if key:
                return self._remember(key, tok.i)
        key = self._described(tok) or next(
            (k for sib in siblings for k in (self._named(sib) or self._described(sib),) if k), None)
        return self._remember(key, tok.i) if key else None

    def _remember(self, key: str, i: int) -> str:
        self.last_speaker[self.table.entities[key].kind] = (i, key)
        self.last_speaker["any"] = (i, key)
        return key

    def _named(self, tok: Token) -> str | None:
        key = self.table.key_of(tok)
        if key and not is_outlet(self.table.entities[key]):
            return key
        for c in tok.children:  # "the UN children's agency UNICEF": the appositive is the name
            k = self.table.key_of(c) if c.dep_ == "appos" else None
            if k and not is_outlet(self.table.entities[k]):
                return k
        for t in self._phrase(tok):  # "the Houthi spokesman Ali Saleh", "spokesman X, who"
            if tok.lower_ in UNNAMED_OFFICIAL_HEADS and t.dep_ == "poss" or t.head.dep_ == "poss":
                continue  # "Sunak's spokesman" is not Sunak
            k = self.table.key_of(t)
            if k and self.table.entities[k].kind in (PERSON, OFFICIAL) and not self.table.entities[k].unnamed:
                return k
        if tok.lower_ in PLURAL_OFFICIAL_HEADS | UNNAMED_OFFICIAL_HEADS:
            return None
        for child in tok.children:
            if child.dep_ in ("compound", "poss", "amod", "nmod"):
                if child.dep_ == "poss" and tok.lower_ in UNNAMED_OFFICIAL_HEADS:
                    continue
                k = self.table.key_of(child)
                if k and self.table.entities[k].kind != GOVERNMENT and not is_outlet(self.table.entities[k]):
                    return k
        return None

    def _phrase(self, tok: Token) -> list[Token]:
        """The subject phrase without its prepositional and relative tails."""
        out = [tok]
        for c in tok.children:
            if c.dep_ in ("compound", "appos", "amod", "nmod", "poss"):
                out += list(c.subtree)
        return out

    def _described(self, tok: Token) -> str | None:
        low = tok.lower_
        if low in PERSONAL:
            return self._latest((PERSON, OFFICIAL), tok.i)
        if low in IMPERSONAL:
            return self._latest((GOVERNMENT, ORGANIZATION), tok.i, plural_ok=low == "they")
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        if low in ORG_DESCRIPTIONS and self._definite(tok):
            return self._latest((ORGANIZATION,), tok.i)
        if low in GOV_DESCRIPTIONS:
            return self._government_of(tok)
        if low in PLURAL_OFFICIAL_HEADS:
            return self._government_of(tok)
        if low in UNNAMED_OFFICIAL_HEADS:
            return self._unnamed_official(tok)
        if low in GROUP_SPEAKER_HEADS or (tok.ent_type_ == "NORP" and tok.tag_ == "NNPS"):
            return self._group(tok)
        return None

    def _definite(self, tok: Token) -> bool:
        return any(c.lower_ in ("the", "this", "that") for c in tok.lefts)

    def _latest(self, kinds: tuple[str, ...], before: int, plural_ok: bool = False) -> str | None:
        """The most recent entity of those kinds, preferring ones that were themselves speakers or subjects."""
        best = None
        for i, key in sorted(self.table.order):
            if i >= before:
                break
            e = self.table.entities[key]
            if e.kind in kinds and not is_outlet(e) and self._is_subject(i):
                best = (i, key)
        spoke = [v for k, v in self.last_speaker.items() if k in kinds]
        candidates = [c for c in [best] + spoke if c and c[0] < before]
        if not candidates:
            return None
        return max(candidates)[1]

    def _is_subject(self, i: int) -> bool:
        tok = self.doc[i]
        head = tok
        while head.dep_ in ("compound", "amod", "poss", "case", "det") and head.head.i != head.i:
            head = head.head
        return head.dep_ in SUBJECTS or head.dep_ == "pobj" and head.head.lower_ == "to" and \
            head.head.head.lower_ == "according"

    def _government_of(self, tok: Token) -> str | None:
        """The state of "Kenyan officials", "officials in Kenya", else the one the text is about."""
        for child in tok.subtree:
            if child.i >= tok.i + 1:
                break
            k = self.table.key_of(child)
            if k and self.table.entities[k].kind == GOVERNMENT:
                return k
            country = gazetteer.country_by_demonym(child.text)
            if country and child.dep_ in ("amod", "compound", "nmod"):
                return state_government(self.table, country, child)
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "from", "of"):
                for obj in prep.children:
                    country = gazetteer.country_by_name(obj.text) if obj.dep_ == "pobj" else None
                    if country:
                        return state_government(self.table, country, obj)
        return context_government(self.doc, self.table, tok.i)

    def _unnamed_official(self, tok: Token) -> str | None:
        """"a senior government official" is a new speaker; "the official" is the last one."""
        if self._definite(tok) and not any(c.dep_ in ("amod", "compound") for c in tok.lefts):
            for kind in (OFFICIAL,):
                last = [(i, k) for i, k in self.last_speaker.values() if self.table.entities[k].unnamed]
                if last:
                    return max(last)[1]
                latest = self._latest((kind,), tok.i)
                if latest and (tok.lower_ == "official" or tok.lower_ in (self.table.entities[latest].title or "").lower()):
                    return latest
        org = self._organization_named_in(tok)
        gov = org or self._boss_government(tok) or self._government_of(tok)
        words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det",)
                 and not (self.table.key_of(t) and self.table.entities[self.table.key_of(t)].kind == GOVERNMENT
                          and t.pos_ == "PROPN")]
        desc = "".join(t.text_with_ws for t in words).strip()
        if not any(t.pos_ == "PROPN" and self.table.key_of(t) for t in words):
            desc = desc.lower()
        if self._definite(tok):  # "the Kenya official": the unnamed official already met, if any
            same = [k for i, k in self.last_speaker.values()
                    if self.table.entities[k].unnamed and self.table.entities[k].government == gov]
            if same:
                return same[-1]
        key = f"unnamed:{sum(1 for e in self.table.entities.values() if e.unnamed) + 1}"
        ent = self.table.get_or_create(key, PERSON if org else OFFICIAL, desc or tok.lower_, unnamed=True,
                                       government=gov, title=tok.lower_)
        span = self.doc[tok.left_edge.i:tok.i + 1]
        ent.add(Span(span.start_char, span.end_char, span.text))
        return key

    def _boss_government(self, tok: Token) -> str | None:
        """"Mr Sunak's spokesman" speaks for Sunak's government."""
        for c in tok.children:
            if c.dep_ == "poss":
                k = self.table.key_of(c)
                if k and self.table.entities[k].kind == OFFICIAL and self.table.entities[k].government:
                    return self.table.entities[k].government
        return None

    def _organization_named_in(self, tok: Token) -> str | None:
        """"A Commission spokesperson": the organization whose name the phrase borrows."""
        for t in tok.lefts:
            if t.dep_ not in ("compound", "nmod", "poss") or not t.text[:1].isupper():
                continue
            k = self.table.key_of(t)
            if k and self.table.entities[k].kind == ORGANIZATION:
                return k
            if k or gazetteer.country_by_name(t.text) or gazetteer.country_by_demonym(t.text):
                continue  # "the Kenya official" speaks for a state, not for an organization with its name
            for e in self.table.of_kind(ORGANIZATION):
                if not e.unnamed and t.text in e.name.split() and t.text not in ("United", "National"):
                    return e.key
        return None

    def _group(self, tok: Token) -> str | None:
        words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "poss", "predet")
                 and t.lower_ not in ("many", "some", "several", "other", "these", "those")]
        name = " ".join(t.text for t in words)
        key = f"group:{name.lower()}"
        ent = self.table.get_or_create(key, ORGANIZATION, name, unnamed=True)
        span = self.doc[words[0].i:tok.i + 1] if words else self.doc[tok.i:tok.i + 1]
        ent.add(Span(span.start_char, span.end_char, span.text))
        return key
