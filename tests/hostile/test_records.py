"""The records cache is data: a planted pickle is never loaded, a damaged record is named and extracted again."""
from __future__ import annotations

import json
import pickle

import pytest

from kg.incremental import Entry, update_store
from kg.store import OxigraphStore
from kg.vocab import ID

from .helpers import GOOD, OTHER, write

THIRD = ("title: Port strike\ndate: 2024-05-04\n\nDock workers in Varna said the strike would end on Friday.\n")


class Planted:
    """Unpickling this creates a file: proof that a pickle was loaded."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return open, (self.marker, "w")


@pytest.fixture
def built(tmp_path, nlp):
    folder = write(tmp_path / "in", {"a.txt": GOOD, "b.txt": OTHER, "c.txt": THIRD})
    cache = tmp_path / "records"
    store = OxigraphStore(tmp_path / "db", create=True)
    first = update_store(store, [folder], nlp=nlp, cache=cache)
    assert len(first.added) == 3
    yield store, folder, cache
    store.close()


def entries(store) -> dict[str, Entry]:
    return {ident: Entry(iri, ident, sha) for iri, (ident, sha) in store.article_index().items()}


def test_a_pickle_planted_in_the_records_folder_is_never_loaded(built, tmp_path, nlp):
    store, folder, cache = built
    marker = tmp_path / "code-ran"
    for entry in entries(store).values():
        (cache / f"{entry.key}.json").unlink()
        (cache / f"{entry.key}.pickle").write_bytes(pickle.dumps(Planted(marker)))
    again = update_store(store, [folder], nlp=nlp, cache=cache)
    assert not marker.exists()
    assert not list(cache.glob("*.pickle")) and len(list(cache.glob("*.json"))) == 3
    assert any("3 record(s) in the old pickle format removed unread" in n for n in again.notes)
    assert len(again.unchanged) == 3


def damage(path, how: str) -> None:
    if how == "truncated":
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    elif how == "not json":
        path.write_bytes(b"\x80\x04\x95 not a record")
    else:
        doc = json.loads(path.read_bytes())
        if how == "wrong type":
            doc["record"]["statements"][0]["span"]["begin"] = "zero"
        elif how == "unknown field":
            doc["record"]["__class__"] = "os.system"
        elif how == "span off its text":
            doc["record"]["statements"][0]["span"]["text"] = "words the article never wrote"
        path.write_text(json.dumps(doc), encoding="utf-8")


@pytest.mark.parametrize("how, reason", [
    ("truncated", "not JSON"), ("not json", "not JSON"), ("wrong type", "expected int, found str"),
    ("unknown field", "unknown field '__class__'"), ("span off its text", "is not in the article text"),
])
def test_a_damaged_record_is_named_removed_and_extracted_again(built, nlp, how, reason):
    store, folder, cache = built
    entry = entries(store)["a.txt"]
    path = cache / f"{entry.key}.json"
    damage(path, how)
    again = update_store(store, [folder], nlp=nlp, cache=cache)
    [note] = [n for n in again.notes if str(path) in n]
    assert f"record of a.txt cannot be used (" in note and reason in note and note.endswith("extracting it again")
    assert len(again.unchanged) == 3 and not again.problems
    assert json.loads(path.read_bytes())["record"]["article"]["identifier"] == "a.txt"  # written anew


def test_another_articles_record_under_a_key_is_refused(built, nlp):
    store, folder, cache = built
    found = entries(store)
    (cache / f"{found['a.txt'].key}.json").write_bytes((cache / f"{found['b.txt'].key}.json").read_bytes())
    again = update_store(store, [folder], nlp=nlp, cache=cache)
    assert any("holds article 'b.txt'" in n and "not 'a.txt'" in n for n in again.notes)
    assert len(again.unchanged) == 3
    assert ID["article/a"] in store.article_index()
