"""Hostile text never makes extraction raise, and an article that does raise costs only itself.

The first tests feed the whole pipeline text built to break it (stray quotes of every kind, huge sentences,
only punctuation, mixed scripts, random unicode) and check every article comes back as a record, not as a
failure. The last ones make one article's extraction raise on purpose and check the others are built.
"""
from __future__ import annotations

import random
import sys

import pytest

from kg.build import build_dataset
from kg.cli import main
from kg.extract.records import ArticleRecord, FailedArticle
from kg.ingest import Article, parse_article
from kg.pipeline import extract

QUOTES = "\"'“”‘’«»„‹›「」『』`´"
HOSTILE = [
    "He said “ and then ” nothing, and ‘ again ’ and « » with \" \" \" stray marks everywhere “",
    "“" * 50 + " Minister Ann Lee said " + "”" * 50,
    "The pipe is 12\" wide and 5'11\" tall, \"the engineer said.",
    "“Quote that never ends\n\nand a paragraph later\n\n“another one",
    "A ”closing first“ and a 'single' and a ‘mixed\" pair, she said.",
    "!!! ??? ... ,,, ;;; ::: --- ––– ——— ((( ))) [[[ ]]]",
    "Le ministre a dit « nous partons » puis 大臣は「明日」と言った and the envoy said \"مرحبا\" loudly.",
    "Президент сказал, что налоги вырастут, the minister said.",
    " ".join(["word"] * 20000) + " said the minister.",
    ("The minister said that the tax would rise and " * 400) + "that was all.",
    "A\u200bB\u200cC\u200d said \u2028 the \u2029 thing \ufeff with zero width and line separators.",
    "£$€¥₹₦ 40bn 5m N N480 Rs. Rp - -5% 1 200 3.000 10 000 2/3 ½ ¾ 1e9 0x1F",
    "— — — — Signed\n— @handle (@handle) 2024\n—",
    "\n\n\n\nSaid:\n“\n”\n\nAccording to ,\n",
]


def hostile_texts(n: int, seed: int = 11) -> list[str]:
    """Random texts mixing words, quote marks, digits, punctuation and other scripts, reproducibly."""
    rng = random.Random(seed)
    pieces = ["said", "the", "minister", "Minister", "Ann", "Lee", "government", "ban", "tariffs", "1,200",
              "40bn", "£", "$", "per cent", "million", "according", "to", ",", ".", ":", "\n", "\n\n", "—",
              "(", ")", "ß", "日本", "العربية", "Ελληνικά", "\u0301", "\u200d", "—Name"] + list(QUOTES)
    return [" ".join(rng.choice(pieces) for _ in range(rng.randrange(5, 400))) for _ in range(n)]


@pytest.mark.parametrize("text", HOSTILE + hostile_texts(40))
def test_hostile_text_is_extracted_without_raising(nlp, text):
    article = Article(identifier="hostile.txt", body="Headline\n\n" + text, title="Headline")  # past the reader
    [result] = list(extract(nlp, [article]))
    assert isinstance(result, ArticleRecord), getattr(result, "reason", result)
    for s in result.statements:
        assert article.body[s.span.begin:s.span.end] == s.text
    for f in result.figures:
        assert article.body[f.surface.begin:f.surface.end] == f.surface.text


GOOD = ["Interior Minister Lars Holm said that the ferry service would resume on Monday.",
        "Finance Minister Ida Berg said that the budget would be balanced next year."]
BROKEN = "Transport Minister Ole Dahl said that the BREAK-HERE bridge would open in May."


@pytest.fixture
def breaking_figures(monkeypatch):
    """The figures extractor raises on one article, as a bug would."""
    import kg.extract.components as components

    real = components.find_figures

    def find_figures(doc, *args, **kwargs):
        if "BREAK-HERE" in doc.text:
            raise IndexError("list index out of range")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(components, "find_figures", find_figures)


def test_one_failing_article_is_named_and_left_out(nlp, breaking_figures):
    articles = [parse_article(t, identifier=f"a{i}.txt") for i, t in enumerate([GOOD[0], BROKEN, GOOD[1]])]
    results = list(extract(nlp, articles))
    assert [type(r) for r in results] == [ArticleRecord, FailedArticle, ArticleRecord]
    assert "finding figures" in results[1].reason and "IndexError" in results[1].reason


def test_a_failure_inside_the_parser_is_isolated_too(nlp, monkeypatch):
    """A batch that fails inside spaCy's own components is run again one article at a time."""
    calls = []
    real = type(nlp).pipe

    def pipe(self, docs, *args, **kwargs):
        docs = list(docs)
        calls.append(len(docs))
        if any("BREAK-HERE" in d.text for d in docs):
            raise ValueError("parser broke")
        return real(self, docs, *args, **kwargs)

    monkeypatch.setattr(type(nlp), "pipe", pipe)
    monkeypatch.setattr(type(nlp), "__call__", lambda self, doc: (_ for _ in ()).throw(ValueError("parser broke"))
                        if "BREAK-HERE" in doc.text else next(iter(real(self, [doc]))))
    articles = [parse_article(t, identifier=f"a{i}.txt") for i, t in enumerate([GOOD[0], BROKEN, GOOD[1]])]
    results = list(extract(nlp, articles))
    assert [type(r) for r in results] == [ArticleRecord, FailedArticle, ArticleRecord]
    assert "parser broke" in results[1].reason


def test_the_build_goes_on_and_says_which_article_failed(tmp_path, capsys, monkeypatch, breaking_figures):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("good1.txt", GOOD[0]), ("broken.txt", BROKEN), ("good2.txt", GOOD[1])):
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "g.ttl"
    monkeypatch.setattr(sys, "argv", ["kg", "build", str(folder), "-o", str(out), "--quiet"])
    with pytest.raises(SystemExit) as stop:
        main()
    err = capsys.readouterr().err
    assert stop.value.code == 1
    assert "broken.txt" in err and "extraction failed while finding figures" in err
    result = build_dataset([folder])
    assert sorted(a.identifier for a in result.articles) == ["good1.txt", "good2.txt"]
    assert out.exists() and "Lars Holm" in out.read_text(encoding="utf-8")
