"""Who a clause credits: subjects, pronouns and descriptions resolved to the article's entities.

Pronouns go to the most salient compatible entity, not to the last name seen: the speaker of the current
paragraph first, then subjects before objects, nearer before farther, and never an entity of the wrong
gender (from honorifics and gendered titles) or number. Descriptions ("the minister", "the agency") go to
the entity with that title or kind. A subject that names nobody the article knows still speaks: a name
becomes a person or an organization, a description ("doctors", "a senior official") an unnamed speaker.
"""
from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from .. import gazetteer
from .entities import EntityTable, context_government, is_outlet, state_government
from .entities.governments import is_party
from .entities.people import NAME_TOKEN, TITLE_ABBREVIATIONS, TITLE_HEADS
from .entities.table import sentences
from .lexicon import (GROUP_SPEAKER_HEADS, HONORIFICS, ORG_HEADS, PERSON_ROLE_HEADS, PLURAL_OFFICIAL_HEADS,
                      TITLE_MODIFIERS, UNNAMED_OFFICIAL_HEADS, table, words)
from .records import GOVERNMENT, GROUP, OFFICIAL, ORGANIZATION, PERSON, Entity, Span

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
MALE, FEMALE = "male", "female"
PRONOUN_GENDER = {"he": MALE, "him": MALE, "his": MALE, "she": FEMALE, "her": FEMALE, "hers": FEMALE}
PERSONAL = set(PRONOUN_GENDER)
IMPERSONAL = {"it", "they", "we"}
ORG_DESCRIPTIONS = {"agency", "organization", "organisation", "group", "body", "charity", "company", "union",
                    "party", "firm", "network", "outlet", "newspaper", "broadcaster", "court"}
GOV_DESCRIPTIONS = {"government", "authorities", "administration", "ministry", "regime", "state", "cabinet",
                    "department", "embassy", "commission", "presidency", "country", "nation"}
GENDERED_WORDS = {w: MALE for w in words("male_words")} | {w: FEMALE for w in words("female_words")}
FIRST_NAMES = {name: MALE if row[0] == "m" else FEMALE for name, row in table("first_names").items()}
DESCRIBED_PERSON_HEADS = frozenset(words("described_person_heads"))
UNNAMED_PERSON_HEADS = PERSON_ROLE_HEADS | frozenset(words("unnamed_person_heads"))
RELEASES = frozenset("statement release communique communiqué notice announcement".split())
QUANTIFIERS = frozenset("many some several other these those few most all both each".split())
GROUP_PREPOSITIONS = frozenset("in from at of to for".split())  # the tail that says which collective it is
QUESTION_VERBS = frozenset("ask inquire enquire query question".split())
REPLY_VERBS = frozenset("reply respond answer retort".split())
SALIENCE_WINDOW = 4  # sentences a pronoun looks back
DESCRIPTION_WINDOW = 2  # sentences a description of a named person looks back


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
        names = [c for c in verb.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if names:  # '"Go home," Trump barked' parsed with the name as a compound of the verb
            return names[-1]
        if verb.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            verb = verb.head.head  # "began an effort to round up": the effort's maker acts
            continue
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return verb.head  # "organizations calling on X"
        if verb.dep_ == "relcl":
            return verb.head  # "Novak, who also accused ..."
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "by asserting", "after setting"
            obj = next((c for c in verb.head.head.children if c.dep_ == "dobj"), None)
            if obj is not None and verb.head.lower_ in ("of", "for"):
                return obj  # "accused Pakistan of expelling": Pakistan expels
            verb = verb.head.head
            continue
        if verb.dep_ in ("xcomp", "conj", "advcl", "ccomp") and verb.head.i != verb.i:
            if verb.dep_ == "ccomp" or _passive_participle(verb):
                return None
            verb = verb.head
            continue
        return None
    return None


def _passive_participle(verb: Token) -> bool:
    """"Asked whether she would resign, Kohl said …", "when told of the vote": the main clause's subject is
    who was asked or told, not who asked; a participle with its own auxiliary ("having asked") is active. A
    leading one the tagger took for a past tense ("Asked/VBD whether …, Kohl said") is the same participle:
    without a subject of its own it cannot be a clause of its own."""
    if verb.dep_ != "advcl" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    return verb.tag_ == "VBN" or verb.tag_ == "VBD" and verb.i < verb.head.i


def gender_of(ent: Entity) -> str | None:
    """An entity's gender as the article marks it (an honorific, a gendered title), else as its given name
    usually does; None when nothing says."""
    if ent.gender:
        return ent.gender
    for text in [ent.name, *ent.names, ent.title or ""]:
        for w in text.replace(".", " ").split():
            g = GENDERED_WORDS.get(w.lower())
            if g:
                return g
    if ent.kind in (PERSON, OFFICIAL) and not ent.unnamed:
        given = next((w for w in ent.name.split() if w.lower().rstrip(".") not in HONORIFICS
                      and not w.endswith(".")), "")
        return FIRST_NAMES.get(given.lower())
    return None


class SpeakerResolver:
    """Resolves speaker phrases of one article, creating unnamed speakers scoped to it."""

    def __init__(self, doc: Doc, table: EntityTable):
        self.doc = doc
        self.table = table
        self.last_speaker: dict[str, tuple[int, str]] = {}
        self.last_asker: tuple[int, str] | None = None  # who last asked a question (a "he replied" is not them)
        self.sent_starts = [s.start for s in sentences(doc)]

    def resolve(self, tok: Token, create: bool = True) -> str | None:
        """The entity key a subject token stands for, or None when it names no speaker.

        With create=False only entities the article already has are returned: a reader asking who acts (a
        policy's issuer) must not turn every subject into a new speaker.
        """
        cache = self.table.resolved
        if (tok.i, create) not in cache:
            cache[(tok.i, create)] = self._resolve(tok, create)
        key = cache[(tok.i, create)]
        if key is not None and key in self.table.entities:
            self._remember(key, tok.i)
            return key
        return None

    def remember(self, key: str, i: int) -> None:
        """Record that `key` spoke at token i: the next pronoun of its kind most likely refers to it."""
        self._remember(key, i)

    def _resolve(self, tok: Token, create: bool = True) -> str | None:
        siblings = [c for c in tok.head.children if c.dep_ in SUBJECTS and c.i != tok.i] if tok.dep_ in SUBJECTS else []
        conj = [tok] + [c for c in tok.conjuncts if c.i > tok.i]
        for t in conj:  # "Western embassies, the United Nations and rights groups": the named one speaks
            key = self._named(t)
            if key:
                return key
        key = self._described(tok, create) or next(
            (k for sib in siblings for k in (self._named(sib) or self._described(sib, create),) if k), None)
        if key or not create:
            return key or self._titled_phrase(tok)
        return self._titled_phrase(tok) or self._new_speaker(tok) or self._described_group(tok)

    def _remember(self, key: str, i: int) -> None:
        self.last_speaker[self.table.entities[key].kind] = (i, key)
        self.last_speaker["any"] = (i, key)
        if self.doc[i].lemma_.lower() in QUESTION_VERBS:
            self.last_asker = (i, key)

    # ------------------------------------------------------------ names
    def _named(self, tok: Token) -> str | None:
        key = self.table.key_of(tok)
        if key and not is_outlet(self.table.entities[key]) or key and self._outlet_speaks(tok):
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

    def _outlet_speaks(self, tok: Token) -> bool:
        """An outlet that reports something itself ("Le Monde reported") is its speaker; one that is only told
        ("she told Reuters") or cited alongside a speaker is not."""
        return tok.dep_ in SUBJECTS or tok.dep_ == "pobj" and tok.head.lower_ == "to" and \
            tok.head.head.lower_ == "according"

    def _phrase(self, tok: Token) -> list[Token]:
        """The subject phrase without its prepositional and relative tails."""
        out = [tok]
        for c in tok.children:
            if c.dep_ in ("compound", "appos", "amod", "nmod", "poss"):
                out += list(c.subtree)
        return out

    # ------------------------------------------------------------ pronouns and descriptions
    def _described(self, tok: Token, create: bool = True) -> str | None:
        low = tok.lower_
        if low in PERSONAL:
            # "A reporter asked whether … He replied": who answers is not who asked
            asker = self.last_asker[1] if tok.head.lemma_.lower() in REPLY_VERBS and self.last_asker else None
            return self._salient((PERSON, OFFICIAL), tok, gender=PRONOUN_GENDER[low], exclude=asker)
        if low in IMPERSONAL:
            if low == "we" and not self._in_quote(tok):
                return None
            return self._salient((GOVERNMENT, ORGANIZATION) + ((GROUP,) if low != "it" else ()), tok,
                                 plural=low != "it") or \
                (self._salient((PERSON, OFFICIAL), tok, plural=True) if low == "they" else None)
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        if low in ORG_DESCRIPTIONS and self._definite(tok):
            return self._salient((ORGANIZATION,), tok, description=low)
        if low in GOV_DESCRIPTIONS:
            return self._government_of(tok)
        if low in PLURAL_OFFICIAL_HEADS and not self._modified(tok):
            return self._government_of(tok)
        if low in UNNAMED_OFFICIAL_HEADS or low in PLURAL_OFFICIAL_HEADS:
            return self._unnamed_official(tok) if create else self._government_of(tok)
        if low in TITLE_HEADS and self._definite(tok):
            return self._titled(tok) if create else self._government_of(tok)
        if low in DESCRIBED_PERSON_HEADS and tok.tag_ in ("NN", "NNP") and self._definite(tok):
            return self._described_person(tok)
        if create and low in UNNAMED_PERSON_HEADS and tok.tag_ == "NN" and self._indefinite(tok) and \
                tok.dep_ in ("nsubj", "nsubjpass"):  # the subject itself, not "a boy who calls himself …"
            return self._unnamed_person(tok)
        if create and (low in GROUP_SPEAKER_HEADS or (tok.ent_type_ == "NORP" and tok.tag_ == "NNPS")):
            return self._group(tok)
        return None

    def _described_person(self, tok: Token) -> str | None:
        """"The Ohio Republican says …", "the billionaire magnate said": the one named person (or official)
        the last sentence or two mention, of the description's gender where it has one. With two or more
        in view the description is ambiguous (it may sum up either, or somebody new), and is nobody's."""
        gender = next((GENDERED_WORDS[t.lower_] for t in tok.subtree if t.lower_ in GENDERED_WORDS), None)
        seen = {key for _, key, _ in self._in_view(tok, (PERSON, OFFICIAL), gender, DESCRIPTION_WINDOW)}
        if len(seen) != 1:
            return None
        key = seen.pop()
        return None if self.table.entities[key].unnamed else key

    def _unnamed_person(self, tok: Token) -> str:
        """"A lawyer for the family said", "an aide to the governor told reporters": a person of their own,
        unnamed, described by the role and whom it serves."""
        words_ = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "predet")]
        for prep in tok.rights:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "to", "of", "at", "with", "from", "in") and \
                    prep.right_edge.i - tok.i <= 6 and any(c.dep_ == "pobj" for c in prep.children):
                words_ += list(self.doc[prep.i:prep.right_edge.i + 1])
                break
        name = " ".join(t.text for t in words_)
        key = f"unnamed:{sum(1 for e in self.table.entities.values() if e.unnamed) + 1}"
        ent = self.table.get_or_create(key, PERSON, name, unnamed=True, title=tok.lower_)
        span = self.doc[tok.left_edge.i:tok.right_edge.i + 1]
        ent.add(Span(span.start_char, span.end_char, span.text))
        return key

    def _indefinite(self, tok: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ in ("a", "an", "one", "another") for c in tok.lefts)

    def _in_quote(self, tok: Token) -> bool:
        quotes = self.doc.user_data.get("newskg_quotes", ())
        return any(q.begin <= tok.idx < q.end for q in quotes)

    def _definite(self, tok: Token) -> bool:
        return any(c.lower_ in ("the", "this", "that") for c in tok.lefts)

    def _modified(self, tok: Token) -> bool:
        """"senior health officials", "officials at the ministry": a description worth keeping as a speaker."""
        return any(c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "NOUN") and
                   not gazetteer.country_by_demonym(c.text) for c in tok.lefts)

    def _salient(self, kinds: tuple[str, ...], tok: Token, gender: str | None = None, plural: bool | None = None,
                 description: str | None = None, exclude: str | None = None) -> str | None:
        """The entity a pronoun or description most likely refers to.

        Candidates are entities of the right kind mentioned before the token within a few sentences. Each is
        scored: the speaker of the last statement first, then subjects, then anything else; nearer sentences
        before farther. Entities of the other gender are never taken.
        """
        before = tok.i
        here = self._sentence_index(before)
        best: tuple[float, int, str] | None = None
        for i, key, distance in self._in_view(tok, kinds, gender, SALIENCE_WINDOW):
            e = self.table.entities[key]
            if key == exclude or plural is False and e.kind == ORGANIZATION and e.unnamed:
                continue
            score = 2.0 if self._is_subject(i) else 0.5
            score -= 0.6 * distance
            if best is None or (score, i) > best[:2]:
                best = (score, i, key)
        spoke = [v for k, v in self.last_speaker.items() if k in kinds and v[0] < before and v[1] in self.table.entities]
        for i, key in spoke:
            if key == exclude:
                continue
            e = self.table.entities[key]
            distance = here - self._sentence_index(i)
            if distance > SALIENCE_WINDOW or gender and gender_of(e) not in (None, gender):
                continue
            score = 3.0 - 0.6 * distance  # the one who was speaking goes on speaking
            if best is None or (score, i) > best[:2]:
                best = (score, i, key)
        return best[2] if best else None

    def _in_view(self, tok: Token, kinds: tuple[str, ...], gender: str | None, window: int):
        """(token index, entity key, sentences back) of each mention before `tok` within `window` sentences
        of an entity of those kinds, not an outlet, and not of the other gender."""
        here = self._sentence_index(tok.i)
        order = self.table.order  # sorted: only the mentions of the last few sentences are looked at
        lo = bisect.bisect_left(order, (self.sent_starts[max(0, here - window)], ""))
        for i, key in order[lo:bisect.bisect_left(order, (tok.i, ""))]:
            e = self.table.entities.get(key)
            if e is None or e.kind not in kinds or is_outlet(e) or gender and gender_of(e) not in (None, gender):
                continue
            distance = here - self._sentence_index(i)
            if distance <= window:
                yield i, key, distance

    def _sentence_index(self, i: int) -> int:
        return bisect.bisect_right(self.sent_starts, i) - 1

    def _is_subject(self, i: int) -> bool:
        tok = self.doc[i]
        head = tok
        while head.dep_ in ("compound", "amod", "poss", "case", "det", "flat") and head.head.i != head.i:
            head = head.head
        return head.dep_ in SUBJECTS or head.dep_ == "pobj" and head.head.lower_ == "to" and \
            head.head.head.lower_ == "according"

    def _titled(self, tok: Token) -> str | None:
        """"The minister said": the person the article gave that title, else an unnamed official."""
        title = tok.lower_
        best = None
        for i, key in self.table.order:
            if i >= tok.i:
                break
            e = self.table.entities.get(key)
            if e is not None and e.kind in (OFFICIAL, PERSON) and e.title and title in e.title.lower().split():
                best = key
        return best or self._unnamed_official(tok)

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
                    k = self.table.key_of(obj) if obj.dep_ == "pobj" else None
                    if k and self.table.entities[k].kind == GOVERNMENT:
                        return k
                    country = gazetteer.country_by_name(obj.text) if obj.dep_ == "pobj" else None
                    if country:
                        return state_government(self.table, country, obj)
                    region_state = self._region_state(obj, tok) if obj.dep_ == "pobj" else None
                    if region_state:  # the region is no mention of its state
                        return state_government(self.table, region_state)
        return context_government(self.doc, self.table, tok.i)

    def _region_state(self, obj: Token, tok: Token) -> gazetteer.Country | None:
        """"officials in Bavaria", "an official in the province of Sindh": the state the named region is in
        (the one the story is about when two states have a region of that name)."""
        places = [obj] + [o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                          for o in p.children if o.dep_ == "pobj"]
        for place in places:
            if place.pos_ != "PROPN":
                continue
            start = min([c.i for c in place.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [place.i])
            codes = gazetteer.subdivision_states(self.doc[start:place.i + 1].text)
            if len(codes) > 1:
                home = self.table.entities.get(context_government(self.doc, self.table, tok.i) or "")
                codes = tuple(c for c in codes if home is not None and home.country == c)
            if len(codes) == 1:
                return gazetteer.country_by_code(codes[0])
        return None

    def _unnamed_official(self, tok: Token) -> str | None:
        """"a senior government official" is a new speaker; "the official" is the last one."""
        if self._definite(tok) and not any(c.dep_ in ("amod", "compound") for c in tok.lefts):
            last = [(i, k) for i, k in self.last_speaker.values()
                    if k in self.table.entities and self.table.entities[k].unnamed]
            if last:
                return max(last)[1]
            latest = self._salient((OFFICIAL,), tok)
            if latest and (tok.lower_ == "official" or tok.lower_ in (self.table.entities[latest].title or "").lower()):
                return latest
        org = self._organization_named_in(tok)
        gov = org or self._boss_government(tok) or self._government_of(tok)
        words_ = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det",)
                  and not (self.table.key_of(t) and self.table.entities[self.table.key_of(t)].kind == GOVERNMENT
                           and t.pos_ == "PROPN")]
        desc = "".join(t.text_with_ws for t in words_).strip()
        if not any(t.pos_ == "PROPN" and self.table.key_of(t) for t in words_):
            desc = desc.lower()
        if self._definite(tok):  # "the Kenya official": the unnamed official already met, if any
            same = [k for i, k in self.last_speaker.values()
                    if k in self.table.entities and self.table.entities[k].unnamed
                    and self.table.entities[k].government == gov]
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
        words_ = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "poss", "predet")
                  and (t.lower_ not in QUANTIFIERS or t.i == tok.i)]  # "some in the party" keeps its "some"
        prep_words = []
        for prep in tok.rights:  # "critics in the government", "a report from the capital", "aides to the mayor"
            if prep.dep_ == "prep" and prep.lower_ in GROUP_PREPOSITIONS and prep.right_edge.i - tok.i <= 6:
                prep_words = list(self.doc[prep.i:prep.right_edge.i + 1])
                break
        name = " ".join(t.text for t in words_ + prep_words)
        if not name:
            return None
        key = f"group:{name.lower()}"
        ent = self.table.get_or_create(key, GROUP, name, unnamed=True)
        span = self.doc[words_[0].i:tok.i + 1] if words_ else self.doc[tok.i:tok.i + 1]
        ent.add(Span(span.start_char, span.end_char, span.text))
        return key

    # ------------------------------------------------------------ speakers the entity pass did not know
    def _titled_phrase(self, tok: Token) -> str | None:
        """"Principal Secretary for Health Dr Jane Roe": a title heading the phrase, the person inside it."""
        if tok.lower_ not in TITLE_HEADS and tok.lower_ not in TITLE_MODIFIERS:
            return None
        for t in tok.subtree:
            k = self.table.key_of(t)
            if k and self.table.entities[k].kind in (PERSON, OFFICIAL) and not self.table.entities[k].unnamed:
                return k
        return None

    def _described_group(self, tok: Token) -> str | None:
        """Any other common noun that speaks ("the crossbench and some opposition MPs", "a press release"):
        a statement or release speaks for the state the text is about, anything else as itself."""
        if tok.lower_ in RELEASES:
            return context_government(self.doc, self.table, tok.i)
        heads = [tok] + list(tok.conjuncts)
        people = any(t.lower_ in GROUP_SPEAKER_HEADS or t.lemma_.lower() in GROUP_SPEAKER_HEADS for t in heads)
        if tok.pos_ == "NOUN" and people or tok.pos_ in ("PRON", "DET") and tok.lower_ in QUANTIFIERS and \
                any(c.dep_ == "prep" and c.lower_ in ("in", "of", "among") for c in tok.children):
            return self._group(tok)  # "the crossbench and some opposition MPs", "some in the government"
        return None

    def _new_speaker(self, tok: Token) -> str | None:
        """A name the tagger missed becomes a person (or an organization when it reads like one)."""
        if tok.pos_ != "PROPN" or not NAME_TOKEN.match(tok.text) or tok.ent_type_ in ("GPE", "NORP", "DATE", "LOC"):
            return None
        toks = [t for t in tok.lefts if t.dep_ in ("compound", "flat") and t.pos_ == "PROPN"] + [tok]
        toks = [t for t in toks if t.lower_.rstrip(".") not in HONORIFICS and t.text not in TITLE_ABBREVIATIONS and
                (t.lower_ not in TITLE_HEADS | TITLE_MODIFIERS or t.i > 0 and self.doc[t.i - 1].lower_.rstrip(".") in
                 HONORIFICS)]  # "Mr. King": a title word after an honorific is a surname
        if not toks or any(self.table.key_of(t) for t in toks):
            return None
        start, end = toks[0].i, toks[-1].i + 1
        name = self.doc[start:end].text
        if tok.ent_type_ == "ORG" or any(t.lower_ in ORG_HEADS for t in toks) or tok.is_upper or is_party(name):
            key, kind = f"org:{name.lower()}", ORGANIZATION
        else:
            key, kind = f"person:{name.lower()}", PERSON
        self.table.get_or_create(key, kind, name)
        self.table.mention(key, start, end, name)
        return key
