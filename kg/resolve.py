"""Corpus-wide entity resolution: one node per government, official, person and organization."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rdflib import URIRef

from . import gazetteer
from .extract.lexicon import HONORIFICS, NAME_PARTICLES
from .extract.records import GOVERNMENT, GROUP, OFFICIAL, ORGANIZATION, PERSON, ArticleRecord, Entity
from .ingest import slugify
from .vocab import ID

# transliterations news spells several ways, reduced to one form before comparing names
TRANSLITERATIONS = {"mohammad": "muhammad", "mohammed": "muhammad", "muhammed": "muhammad", "mohamed": "muhammad",
                    "mohamad": "muhammad", "ahmad": "ahmed", "yousuf": "yusuf",
                    "yousaf": "yusuf", "yusuf": "yusuf", "hussein": "husain", "hussain": "husain", "husain": "husain"}


@dataclass
class Node:
    """One resolved entity: its IRI, class and every name and fact the corpus gives it."""

    iri: URIRef
    kind: str
    label: str
    names: Counter = field(default_factory=Counter)
    titles: Counter = field(default_factory=Counter)
    government: URIRef | None = None  # an Official's Government, or the Organization an unnamed person speaks for
    country: str | None = None
    unnamed: bool = False
    part_of: URIRef | None = None  # a sub-national Government's state


@dataclass
class Resolution:
    """Where each article-local entity key went."""

    nodes: dict[URIRef, Node]
    local: dict[tuple[int, str], URIRef]
    # each node's own triples, made once by kg.triples for every article graph that repeats them
    triples: dict[URIRef, tuple] = field(default_factory=dict, repr=False, compare=False)

    def iri(self, article_index: int, key: str | None) -> URIRef | None:
        return self.local.get((article_index, key)) if key else None


def name_key(name: str) -> tuple[str, ...]:
    """A spelling-tolerant key of a personal name: accents, hyphens, doubled letters and vowels folded."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower().replace("’", "'")
    words = [w for w in re.split(r"[\s]+", s) if w]
    words = [w for w in words if w.strip(".") not in HONORIFICS]
    joined: list[str] = []
    pending = ""
    for w in words:  # a particle joins the next word: "ul Haq", "ul-Haq" and "Ulhaq" compare equal
        w = w.replace("-", "").replace("'", "").strip(".")
        if w in NAME_PARTICLES:
            pending += w
            continue
        joined.append(pending + w)
        pending = ""
    if pending:
        joined.append(pending)
    return tuple(_fold(TRANSLITERATIONS.get(w, w)) for w in joined if w)


def same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Equal keys, or the same letters split differently ("Abdul Rahman" / "Abdul-Rahman")."""
    return a == b or "".join(a) == "".join(b)


def _fold(word: str) -> str:
    """First and last letter kept, inner vowels and doubled letters dropped: Zelenskyy = Zelensky, Jan != Jana."""
    w = re.sub(r"(.)\1+", r"\1", word)
    return w[0] + re.sub(r"[aeiouy]", "", w[1:-1]) + w[-1] if len(w) > 2 else w


def resolve(records: list[ArticleRecord]) -> Resolution:
    """Map every article's local entities to corpus-wide nodes."""
    nodes: dict[URIRef, Node] = {}
    local: dict[tuple[int, str], URIRef] = {}
    group_country = _group_countries(records)
    _resolve_governments(records, group_country, nodes, local)
    _resolve_organizations(records, group_country, nodes, local)
    _resolve_groups(records, nodes, local)
    _resolve_people(records, nodes, local)
    return Resolution(nodes=nodes, local=local)


def _group_countries(records: list[ArticleRecord]) -> dict[str, str]:
    """Which state each ruling group governs, by vote over the articles that say so."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for rec in records:
        for e in rec.entities.values():
            if e.kind == GOVERNMENT and e.group:
                votes[e.group.lower()][e.country] += 1
    out = {}
    for group, counter in votes.items():
        known = [(n, c) for c, n in counter.items() if c]
        if known:
            out[group] = max(known)[1]
    return out


def _government_iri(e: Entity, group_country: dict[str, str]) -> tuple[URIRef, str | None, str | None]:
    if e.division:  # "West Bengal" in India: government/in-west-bengal
        place = f"{e.within.lower()}-{slugify(e.name)}" if e.within else f"{slugify(e.name)}-{e.division}"
        return ID[f"government/{place}"], None, None
    code = e.country or (group_country.get(e.group.lower()) if e.group else None)
    if code:
        return ID[f"government/{code.lower()}"], code, e.group
    return ID[f"government/{slugify(e.group or e.name)}"], None, e.group or e.name


def _resolve_governments(records, group_country, nodes, local) -> None:
    groups_of: dict[URIRef, Counter] = defaultdict(Counter)
    for i, rec in enumerate(records):
        for e in rec.entities.values():
            if e.kind != GOVERNMENT:
                continue
            iri, code, group = _government_iri(e, group_country)
            node = nodes.setdefault(iri, Node(iri=iri, kind=GOVERNMENT, label="", country=code))
            node.names.update(_surface_names(e))
            if e.division and not node.label:
                node.label = gazetteer.division_label(e.name, e.division, e.within)
                node.part_of = ID[f"government/{e.within.lower()}"] if e.within else None
            if group:
                groups_of[iri][group] += 1
            local[(i, e.key)] = iri
    for iri, node in nodes.items():
        if node.kind != GOVERNMENT or node.label:
            continue
        country = next((c for c in gazetteer.load_countries() if c.code == node.country), None)
        group = groups_of[iri].most_common(1)[0][0] if groups_of[iri] else None
        if country and group:
            node.label = f"{country.name} ({group})"
            node.names[country.name] += 1
        elif country:
            node.label = country.name
        else:
            node.label = group or "unknown government"


def _resolve_organizations(records, group_country, nodes, local) -> None:
    """Organizations sharing a name or acronym are one; a ruling group named bare joins its government."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    members: list[tuple[int, Entity]] = []
    for i, rec in enumerate(records):
        for e in rec.entities.values():
            if e.kind != ORGANIZATION:
                continue
            if not e.unnamed and e.name.lower() in group_country:
                iri = ID[f"government/{group_country[e.name.lower()].lower()}"]
                if iri in nodes:
                    nodes[iri].names.update(_surface_names(e))
                    local[(i, e.key)] = iri
                    continue
            if e.unnamed:
                iri = ID[f"org/{records[i].article.slug}/{slugify(e.name)}"]
                nodes[iri] = Node(iri=iri, kind=ORGANIZATION, label=e.name, unnamed=True)
                nodes[iri].names.update(_surface_names(e))
                local[(i, e.key)] = iri
                continue
            members.append((i, e))
            names = {n.lower() for n in e.names | {e.name}}
            first = e.name.lower()
            for n in names:
                parent[find(n)] = find(first)
    clusters: dict[str, list[tuple[int, Entity]]] = defaultdict(list)
    for i, e in members:
        clusters[find(e.name.lower())].append((i, e))
    for items in clusters.values():
        names = Counter(n for _, e in items for n in _surface_names(e))
        label = max((e.name for _, e in items), key=lambda n: (len(n.split()), names[n], n))
        iri = ID[f"org/{slugify(label)}"]
        node = nodes.setdefault(iri, Node(iri=iri, kind=ORGANIZATION, label=label))
        node.names.update(names)
        for i, e in items:
            local[(i, e.key)] = iri


def _resolve_groups(records, nodes, local) -> None:
    """Unnamed collectives ("residents", "critics") are one node per article: two articles' critics are not
    the same people."""
    for i, rec in enumerate(records):
        for e in rec.entities.values():
            if e.kind == GROUP:
                iri = ID[f"group/{rec.article.slug}/{slugify(e.name)}"]
                nodes[iri] = Node(iri=iri, kind=GROUP, label=e.name, unnamed=True)
                nodes[iri].names.update(_surface_names(e))
                local[(i, e.key)] = iri


def _resolve_people(records, nodes, local) -> None:
    """Persons and officials: same name key and no contradiction (another government) make one node."""
    clusters: list[dict] = []
    people = [(i, e) for i, rec in enumerate(records) for e in rec.entities.values() if e.kind in (PERSON, OFFICIAL)]
    people.sort(key=lambda ie: (len(ie[1].name.split()) < 2, ie[0]))  # full names first, surnames after
    for i, e in people:
        rec = records[i]
        if True:
            if e.unnamed:
                iri = ID[f"agent/{rec.article.slug}/{slugify(e.key)}"]
                gov = local.get((i, e.government)) if e.government else None
                kind = OFFICIAL if gov and e.kind == OFFICIAL else PERSON
                nodes[iri] = Node(iri=iri, kind=kind, label=e.name, unnamed=True, government=gov)
                nodes[iri].titles.update([e.title] if e.title else [])
                nodes[iri].names.update(_surface_names(e))
                local[(i, e.key)] = iri
                continue
            key = name_key(e.name)
            gov = local.get((i, e.government)) if e.government else None
            target = next((c for c in clusters if _same_person(c, key, gov, e)), None)
            if target is None and len(key) == 1:  # "Novak" alone joins the one known "Jan Novak"
                owners = [c for c in clusters if any(len(k) > 1 and key[0] in (k[0], k[-1]) for k in c["keys"])
                          and not (gov and c["govs"] and gov not in c["govs"])]
                target = owners[0] if len(owners) == 1 else None
            if target is None:
                target = {"keys": set(), "members": [], "govs": Counter()}
                clusters.append(target)
            target["keys"].add(key)
            target["members"].append((i, e))
            if gov:
                target["govs"][gov] += 1
    for c in clusters:
        names = Counter(n for _, e in c["members"] for n in _surface_names(e))
        label = max((e.name for _, e in c["members"]), key=lambda n: (len(n.split()), names[n], n))
        official = any(e.kind == OFFICIAL for _, e in c["members"])
        gov = c["govs"].most_common(1)[0][0] if c["govs"] else None
        iri = ID[f"agent/{slugify(label)}"]
        if iri in nodes:
            iri = ID[f"agent/{slugify(label)}-{slugify(str(gov).rsplit('/', 1)[-1]) if gov else 'x'}"]
        orgs = Counter(local[(i, e.organization)] for i, e in c["members"]
                       if e.organization and (i, e.organization) in local)
        node = nodes[iri] = Node(iri=iri, kind=OFFICIAL if official else PERSON, label=label,
                                 government=gov if official else (orgs.most_common(1)[0][0] if orgs else None))
        node.names.update(names)
        node.titles.update(e.title for _, e in c["members"] if e.title)
        for i, e in c["members"]:
            local[(i, e.key)] = iri


def _same_person(cluster: dict, key: tuple[str, ...], gov: URIRef | None, e: Entity) -> bool:
    if gov and cluster["govs"] and gov not in cluster["govs"]:
        return False
    for k in cluster["keys"]:
        if same_name(k, key):
            return True
        short, long_ = sorted((k, key), key=len)
        if len(short) >= 2 and set(short) <= set(long_):  # a middle name more or less
            return True
    return False


def _surface_names(e: Entity) -> list[str]:
    return sorted({" ".join(n.replace("’s", "").replace("'s", "").split()) for n in e.names | {e.name}
                   if n and n.strip()})
