"""Date expressions resolved against the article date."""
from datetime import date

import pytest

from kg.extract.dates import latest_full_date, resolve

ANCHOR = date(2023, 11, 1)  # a Wednesday


@pytest.mark.parametrize("text, expected", [
    ("November 1", date(2023, 11, 1)),
    ("by Nov.1", date(2023, 11, 1)),
    ("Nov. 15", date(2023, 11, 15)),
    ("October 31", date(2023, 10, 31)),
    ("5 December", date(2023, 12, 5)),
    ("January 5", date(2024, 1, 5)),  # the nearest January 5 to a November article is next year's
    ("March 3, 2021", date(2021, 3, 3)),
    ("2022-07-14", date(2022, 7, 14)),
    ("on Tuesday", date(2023, 10, 31)),
    ("Wednesday", date(2023, 11, 1)),
    ("next Friday", date(2023, 11, 3)),
    ("yesterday", date(2023, 10, 31)),
    ("last month", None),
    ("in 2021", None),
])
def test_resolve(text, expected):
    assert resolve(text, ANCHOR) == expected


def test_without_an_anchor_only_full_dates_resolve():
    assert resolve("November 1", None) is None
    assert resolve("November 1, 2020", None) == date(2020, 11, 1)


def test_latest_full_date_is_the_anchor_of_an_undated_article():
    assert latest_full_date("Signed May 2, 2019. Posted June 7, 2020 and in 2023.") == date(2020, 6, 7)
    assert latest_full_date("No dates at all") is None
