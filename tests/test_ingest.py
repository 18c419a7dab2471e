"""Reading article files: metadata, markup, encodings and the files that must be refused."""
from datetime import date

import pytest

from kg.errors import InputError
from kg.ingest import find_files, parse_article, read_article, read_articles, strip_html


def test_header_lines_become_metadata_and_leave_the_body(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("source: Harbour Daily\ndate: 2024-03-05\ntitle: Port closes\nurl: http://example.org/x\n\n"
                 "The port authority said the harbour would close on Friday.\n", encoding="utf-8")
    a = read_article(f)
    assert (a.source, a.date, a.title, a.url) == ("Harbour Daily", date(2024, 3, 5), "Port closes",
                                                  "http://example.org/x")
    assert a.body.startswith("The port authority")


def test_leading_date_marker_is_metadata():
    a = parse_article(" date 2022-01-09 Ministers met in Lisbon on Sunday. They agreed.", "x.txt")
    assert a.date == date(2022, 1, 9)
    assert a.body.startswith("Ministers met")


def test_standalone_first_line_is_the_headline():
    a = parse_article("Farmers Block Roads Over Fuel Prices\n\nFarmers blocked roads on Monday, police said.", "h.txt")
    assert a.title == "Farmers Block Roads Over Fuel Prices"


def test_first_sentence_is_not_a_headline():
    a = parse_article("Farmers blocked roads on Monday.\n\nPolice said so.", "h.txt")
    assert a.title is None


def test_html_is_stripped_of_markup_scripts_and_styles(tmp_path):
    f = tmp_path / "p.html"
    f.write_text("<html><head><title>Rates rise</title><style>p{color:red}</style></head><body>"
                 "<script>window.bad=1</script><p>The central bank raised rates, its governor said.</p>"
                 "<p>Markets fell &amp; recovered.</p></body></html>", encoding="utf-8")
    a = read_article(f)
    assert a.title == "Rates rise"
    assert "window.bad" not in a.body and "<p>" not in a.body and "color" not in a.body
    assert "Markets fell & recovered." in a.body


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
    (b"1234 5678 !!!", "no sentences"),
])
def test_unusable_files_are_refused_with_their_name(tmp_path, content, reason):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(InputError) as exc:
        read_article(f)
    assert "bad.txt" in str(exc.value) and reason in str(exc.value)


def test_latin1_text_is_decoded_and_says_so(tmp_path):
    f = tmp_path / "l1.txt"
    f.write_bytes("Le ministre a déclaré que la réforme était nécessaire, a-t-il répété à la presse. "
                  "Les syndicats ont rejeté cette décision et appelé à la grève générale.".encode("latin-1") * 3)
    a = read_article(f)
    assert "déclaré" in a.body
    assert a.notes and "decoded as" in a.notes[0]


def test_folders_are_searched_recursively_for_article_files(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "sub/b.md", "sub/c.html", "sub/d.png", ".hidden/e.txt"):
        p = tmp_path / name
        p.parent.mkdir(exist_ok=True)
        p.write_text("x")
    names = sorted(p.name for p in find_files([tmp_path]))
    assert names == ["a.txt", "b.md", "c.html"]


def test_read_articles_reports_bad_files_and_keeps_going(tmp_path):
    (tmp_path / "good.txt").write_text("The mayor said the bridge would reopen in May.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("")
    items = list(read_articles([tmp_path]))
    assert sorted(type(i).__name__ for i in items) == ["Article", "InputError"]


def test_strip_html_keeps_paragraph_breaks():
    text, title = strip_html("<p>One para.</p><div>Two para.</div>")
    assert text == "One para.\n\nTwo para." and title is None


@pytest.mark.parametrize("written, day", [
    ("2024-03-05", date(2024, 3, 5)),
    ("March 5, 2024", date(2024, 3, 5)),
    ("5 March 2024", date(2024, 3, 5)),
    ("Tue, 5 Mar 2024 09:30:00 GMT", date(2024, 3, 5)),
    ("2024-03-05T09:30:00+01:00", date(2024, 3, 5)),
    ("03/25/2024", date(2024, 3, 25)),
    ("25/03/2024", date(2024, 3, 25)),
])
def test_the_header_date_is_read_in_its_common_forms(written, day):
    a = parse_article(f"date: {written}\ntitle: Port closes\n\nThe port authority said the harbour would close.",
                      identifier="a.txt")
    assert a.date == day and a.notes == ()


def test_a_date_that_could_be_either_way_is_read_month_first_and_said(tmp_path):
    a = parse_article("date: 03/05/2024\n\nThe port authority said the harbour would close.", identifier="a.txt")
    assert a.date == date(2024, 3, 5)
    assert a.notes == ("date '03/05/2024' could be day or month first; read as 2024-03-05 (write YYYY-MM-DD to be "
                       "sure)",)


@pytest.mark.parametrize("written", ["Tuesday", "March 2024", "2024-02-30", "soon"])
def test_a_date_that_cannot_be_read_is_named_and_the_article_is_undated(written):
    a = parse_article(f"date: {written}\n\nThe port authority said the harbour would close.", identifier="a.txt")
    assert a.date is None and a.body.startswith("The port authority")
    assert a.notes == (f"date {written!r} cannot be read as a day (write it as YYYY-MM-DD); the article is undated",)


def test_unknown_header_keys_are_kept_as_metadata_not_read_as_the_body():
    a = parse_article("title: Port closes\nauthor: Mara Lind\nSection: Transport\npublished: 2024-03-05\n\n"
                      "The port authority said the harbour would close.", identifier="a.txt")
    assert (a.title, a.date, a.body) == ("Port closes", date(2024, 3, 5),
                                         "The port authority said the harbour would close.")
    assert a.metadata == (("author", "Mara Lind"), ("section", "Transport"))
    assert a.notes == ("header keys author, section kept as article metadata (nkg:header)",)


def test_a_first_paragraph_of_unknown_keys_alone_stays_body():
    text = "Update: the port reopened on Friday.\n\nThe port authority said the harbour would close."
    a = parse_article(text, identifier="a.txt")
    assert a.body == text and a.metadata == ()
