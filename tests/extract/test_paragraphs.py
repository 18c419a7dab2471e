"""newskg_paragraphs: a line break starts a sentence, whatever the parser would make of the lines."""
from __future__ import annotations

import pytest

TEXTS = [
    "Port workers end strike\n\nDockers in the northern harbour went back to work on Monday.\nTalks resume today.",
    "\nA text that opens with a break\r\nand has Windows line ends\r\n\r\nin it.\n",
    "Lines with spaces after them  \n  \n  and before them, \n\tand tabs.",
    "One line, no break at all.",
    "Ends with breaks\n\n\n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_token_after_a_line_break_starts_a_sentence(nlp, text):
    doc = nlp.get_pipe("newskg_paragraphs")(nlp.make_doc(text))
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        after_break = "\n" in (prev.text if prev.is_space else prev.text_with_ws)
        assert tok.is_sent_start is (True if after_break else None), (prev.text_with_ws, tok.text)


def test_lines_stay_apart_after_parsing(nlp):
    doc = nlp("Port workers end strike\nDockers in the northern harbour went back to work on Monday.")
    assert [s.text.strip() for s in doc.sents][:2] == [
        "Port workers end strike", "Dockers in the northern harbour went back to work on Monday."]
