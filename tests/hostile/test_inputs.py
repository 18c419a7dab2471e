"""Inputs: every bad file named with its reason and skipped, sizes checked before reading, encodings decoded."""
from __future__ import annotations

import os
import tracemalloc

import pytest

from kg.ingest import MAX_BYTES, read_article, read_articles
from kg.errors import InputError

from .helpers import GOOD, OTHER, kg, write

GERMAN = ("title: Fähre fährt wieder\ndate: 2024-05-02\n\n"
          "Der Innenminister Lars Holm sagte am Montag, dass der Fährdienst ab kommender Woche wieder aufgenommen "
          "werde. Rund 1 200 Menschen hatten im Hafen gewartet, und weitere 3.000 Menschen stehen auf einer "
          "Warteliste. Die Regierung will die Kosten von 4,5 Millionen Euro übernehmen, sagte ein Sprecher des "
          "Ministeriums am Dienstag in der Hauptstadt.\n")
ARABIC = ("title: عودة العبارة\n\n"
          "قال وزير الداخلية إن خدمة العبارات ستستأنف يوم الاثنين بعد توقف دام أسبوعين بسبب سوء الأحوال الجوية.\n")


@pytest.mark.parametrize("where", ["graph", "store"])
def test_when_every_input_fails_each_is_named_before_nothing_was_written(tmp_path, where):
    folder = write(tmp_path / "in", {"empty.txt": "", "binary.txt": b"\x00\x01\x02" * 100})
    out = tmp_path / "g.ttl"
    args = ["-o", out] if where == "graph" else ["--store", f"oxigraph:{tmp_path / 'db'}"]
    r = kg("build", folder, tmp_path / "missing.txt", *args)
    assert r.returncode == 2
    lines = r.stderr.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        f"skipped {folder / 'binary.txt'}", f"skipped {folder / 'empty.txt'}", f"skipped {tmp_path / 'missing.txt'}"]
    assert "nothing was written" in lines[-1]
    assert not out.exists()


def test_a_missing_or_unreadable_path_among_good_inputs_is_skipped_and_named(tmp_path):
    folder = write(tmp_path / "in", {"good.txt": GOOD})
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would wait forever
    out = tmp_path / "g.ttl"
    r = kg("build", folder, tmp_path / "missing.txt", tmp_path / "dangling.txt", tmp_path / "pipe.txt", "-o", out,
           timeout=120)
    assert r.returncode == 1, r.stderr
    assert f"skipped {tmp_path / 'missing.txt'}: no such file or folder" in r.stderr
    assert f"skipped {tmp_path / 'dangling.txt'}: no such file or folder" in r.stderr
    assert f"skipped {tmp_path / 'pipe.txt'}: not a regular file" in r.stderr
    assert "1 article" in r.stdout and out.exists()


def test_a_folder_without_article_files_is_named(tmp_path):
    good = write(tmp_path / "in", {"good.txt": GOOD})
    empty = write(tmp_path / "empty", {"notes.pdf": b"%PDF"})
    r = kg("build", good, empty, "-o", tmp_path / "g.ttl")
    assert r.returncode == 1
    assert f"skipped {empty}: no article files (.htm, .html, .md, .txt) in this folder" in r.stderr


def test_an_oversized_file_is_refused_by_its_size_before_it_is_read(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(200_000_000)  # sparse: 200 MB on paper, nothing on disk
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=f"too large \\(200,000,000 bytes; at most {MAX_BYTES:,} per file\\)"):
            read_article(big)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_or_without_a_bom_are_decoded(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(GOOD.encode(encoding))
    article = read_article(path)
    assert article.title == "Ferry service resumes" and "Lars Holm" in article.body
    assert any(note.startswith("decoded as utf_") for note in article.notes)


def test_a_utf16_article_is_built(tmp_path):
    folder = write(tmp_path / "in", {"a.txt": GOOD.encode("utf-16-le")})
    r = kg("build", folder, "-o", tmp_path / "g.ttl")
    assert r.returncode == 0, r.stderr
    assert "decoded as utf_16_le" in r.stderr and "1 article" in r.stdout


@pytest.mark.parametrize("text, reason", [
    (GERMAN, "not English: 8% of its words are English function words"),
    (ARABIC, "not English: written in the Arabic script"),
])
def test_a_non_english_article_is_named_and_extracted_anyway(tmp_path, text, reason):
    path = write(tmp_path, {"a.txt": text}) / "a.txt"
    notes = read_article(path).notes
    assert any(n.startswith(reason) and "extracted anyway" in n for n in notes), notes
    [skipped] = read_articles([path], lang_check="skip")
    assert skipped.reason.startswith(reason) and skipped.reason.endswith("(--lang-check note extracts it anyway)")
    assert not any("not English" in n for n in read_article(path, lang_check="off").notes)


def test_english_articles_pass_the_language_check(tmp_path):
    for name, text in {"a.txt": GOOD, "b.txt": OTHER}.items():
        assert not read_article(write(tmp_path, {name: text}) / name).notes


def test_numbers_english_does_not_write_are_named_never_read_silently(tmp_path):
    path = write(tmp_path, {"a.txt": GERMAN}) / "a.txt"
    [note] = [n for n in read_article(path, lang_check="off").notes if n.startswith("numbers")]
    assert note.startswith('numbers "1 200", "3.000", "4,5" are written with a space or a dot between thousands')
    assert "may be split or misread" in note


def test_the_build_names_non_english_articles_and_can_leave_them_out(tmp_path):
    folder = write(tmp_path / "in", {"de.txt": GERMAN, "en.txt": GOOD})
    r = kg("build", folder, "-o", tmp_path / "g.ttl")
    assert r.returncode == 0 and f"note: {folder / 'de.txt'}: not English" in r.stderr
    assert f'note: {folder / "de.txt"}: numbers "1 200"' in r.stderr and "2 articles" in r.stdout
    r = kg("build", folder, "-o", tmp_path / "g.ttl", "--lang-check", "skip")
    assert r.returncode == 1 and f"skipped {folder / 'de.txt'}: not English" in r.stderr and "1 article" in r.stdout
