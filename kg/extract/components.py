"""The extractors as spaCy pipeline components: each reads the Doc and what earlier ones wrote, then annotates."""
from __future__ import annotations

import functools
import re
from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc

from . import dates
from .attribute_index import index_attribute_rules
from .entities import find_entities
from .figures import find_figures
from .policies import find_policies
from .statements import find_statements

EXTENSIONS = ("article_date", "article_url", "headline_end", "nkg_anchor", "nkg_groups", "nkg_entities", "nkg_statements", "nkg_policies",
              "nkg_figures", "nkg_error")
COMPONENTS = ("newskg_entities", "newskg_statements", "newskg_figures", "newskg_policies")

for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


# the start of a line that is a dateline: a place, maybe a date and an agency, then a dash or a colon
DATELINE_START = re.compile(
    r"(?m)^[ \t]*(?:[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3}|[A-Z][a-z.'’-]+(?:[ ][A-Z][a-z.'’-]+){0,2})"  # place
    r"(?:,[ ][A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+){0,2})?"  # its state: ", Dominican Republic"
    r"(?:,?[ ]+[A-Z][a-z]{2,9}\.?[ ]\d{1,2},?)?"  # a date: ", Dec. 16,"
    r"(?:,?[ ]*\([^()\n]{1,40}\))?"  # the agency: "(Wire)"
    r"[ ]*(?:[–—]|--?|:)[ ]+")


def failure_reason(step: str, exc: BaseException) -> str:
    """One line saying which step failed and how, for the build's list of skipped files."""
    detail = " ".join(str(exc).split())[:200]
    return f"extraction failed while {step} ({type(exc).__name__}{': ' + detail if detail else ''})"


def guarded(step: str) -> Callable[[Callable[[Doc], Doc]], Callable[[Doc], Doc]]:
    """Run a component so that its failure marks the Doc instead of ending the batch.

    A failed Doc keeps its place in the stream (records stay aligned with articles); later components
    skip it, and the build names the article with the reason and leaves it out.
    """
    def wrap(component: Callable[[Doc], Doc]) -> Callable[[Doc], Doc]:
        @functools.wraps(component)
        def run(doc: Doc) -> Doc:
            if doc._.nkg_error:
                return doc
            try:
                return component(doc)
            except Exception as exc:  # noqa: BLE001 - recorded on the Doc, reported by the build
                doc._.nkg_error = failure_reason(step, exc)
                return doc
        return run
    return wrap


@Language.component("newskg_paragraphs", assigns=["token.is_sent_start"])
@guarded("splitting paragraphs")
def paragraphs_component(doc: Doc) -> Doc:
    """A line break ends a sentence, and so does a dateline: headlines, datelines and paragraphs never run into
    each other, and the parser never takes "BRUSSELS, May 2 (Wire) –" for the subject of what follows."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws and not prev.is_space or prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
    text = doc.text
    for m in DATELINE_START.finditer(text[:2000]):
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None and len(span) and span[0].i > 0:
            span[0].is_sent_start = True
    return doc


@Language.component("newskg_entities", requires=["doc.ents", "token.dep"], assigns=["doc._.nkg_entities"])
@guarded("finding entities")
def entities_component(doc: Doc) -> Doc:
    """Governments, officials, persons and organizations, and which tokens mention them."""
    doc._.nkg_anchor = doc._.article_date or dates.latest_full_date(doc.text)
    doc._.nkg_entities = find_entities(doc, headline_end=doc._.headline_end or 0)
    return doc


@Language.component("newskg_statements", requires=["doc._.nkg_entities"], assigns=["doc._.nkg_statements"])
@guarded("finding statements")
def statements_component(doc: Doc) -> Doc:
    """Direct quotes and reported speech with their resolved speakers."""
    doc._.nkg_statements = find_statements(doc, doc._.nkg_entities, doc._.nkg_anchor)
    return doc


@Language.component("newskg_figures", requires=["doc._.nkg_statements"], assigns=["doc._.nkg_figures"])
@guarded("finding figures")
def figures_component(doc: Doc) -> Doc:
    """Reported numbers, credited to the statement they appear in."""
    doc._.nkg_figures = find_figures(doc, doc._.nkg_entities, doc._.nkg_statements, doc._.headline_end or 0)
    return doc


@Language.component("newskg_policies", requires=["doc._.nkg_entities", "doc._.nkg_statements"],
                    assigns=["doc._.nkg_policies"])
@guarded("finding policies")
def policies_component(doc: Doc) -> Doc:
    """Measures announced by governments, with their deadlines."""
    doc._.nkg_policies = find_policies(doc, doc._.nkg_entities, doc._.nkg_anchor, doc._.headline_end or 0,
                                       doc._.nkg_statements)
    return doc


def keep_abbreviated_names(nlp: Language) -> None:
    """"Ma. Theresa Cruz": an abbreviated given name is one token, not a word and a sentence end."""
    from spacy.symbols import ORTH

    from .lexicon import phrases

    for name in phrases("abbreviated_given_names"):
        nlp.tokenizer.add_special_case(name, [{ORTH: name}])


# a quote's opening mark glued to the punctuation before it ('said,“Look', 'said:"We'): the punctuation and
# the mark are tokens of their own, so the quote and its attribution are found as with a space between
GLUED_QUOTE = r'[,:;.!?](?=[“«"])|(?<=[,:;.!?])[“«"]'


def split_glued_quotes(nlp: Language) -> None:
    """The tokenizer splits a word, a comma and an opening quote mark written without spaces."""
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([GLUED_QUOTE, *nlp.Defaults.infixes]).finditer


def add_components(nlp: Language) -> Language:
    index_attribute_rules(nlp)
    keep_abbreviated_names(nlp)
    split_glued_quotes(nlp)
    if "newskg_paragraphs" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("newskg_paragraphs", before="parser")
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp
