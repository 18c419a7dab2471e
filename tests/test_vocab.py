"""Every ontology term the code uses is defined in ontology/, and the shapes parse."""
import re
from pathlib import Path

from rdflib import OWL, RDF, Graph

from kg.vocab import NKG, ONTOLOGY_FILE, SHAPES_FILE

PACKAGE = Path(__file__).resolve().parent.parent / "kg"


def defined_terms() -> set[str]:
    g = Graph().parse(ONTOLOGY_FILE)
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {str(s).split("#")[-1] for k in kinds for s in g.subjects(RDF.type, k)}


def test_every_term_in_the_namespace_class_is_in_the_ontology():
    declared = set(NKG.__annotations__)
    assert declared - defined_terms() == set()


def test_every_term_used_in_code_is_declared():
    used = set()
    for py in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r"\bNKG\.([A-Za-z]\w*)", py.read_text(encoding="utf-8")))
    assert used - set(NKG.__annotations__) == set()


def test_shapes_only_speak_of_defined_terms():
    text = SHAPES_FILE.read_text(encoding="utf-8")
    Graph().parse(SHAPES_FILE)
    assert set(re.findall(r"\bnkg:(\w+)", text)) - defined_terms() == set()


def test_the_json_ld_context_names_each_key_once():
    """A key given twice is silently the last one in most readers: a prefix and a term of one name clash."""
    import collections
    import json

    from kg.vocab import CONTEXT_FILE

    repeated = []

    def keep(pairs):
        repeated.extend(k for k, n in collections.Counter(k for k, _ in pairs).items() if n > 1)
        return dict(pairs)

    json.loads(CONTEXT_FILE.read_text(encoding="utf-8"), object_pairs_hook=keep)
    assert repeated == []
