from datetime import date

import pytest

from dyads.coding.dates import find_dateline, parse_iso_date, resolve_date
from dyads.errors import DateError

WED = date(2015, 12, 2)


@pytest.mark.parametrize(
    ("text", "base", "expected"),
    [
        ("on Tuesday", WED, date(2015, 12, 1)),
        ("Friday", date(2016, 3, 26), date(2016, 3, 25)),
        ("Wednesday", WED, WED),  # the article's own weekday is that day
        ("last Wednesday", WED, date(2015, 11, 25)),
        ("last week", WED, date(2015, 11, 25)),
        ("yesterday", WED, date(2015, 12, 1)),
        ("on February 27", date(2016, 3, 26), date(2016, 2, 27)),
        ("on December 20", date(2016, 1, 5), date(2015, 12, 20)),  # year rolls back
        ("February 27, 2016", WED, date(2016, 2, 27)),
        ("27 February 2016", WED, date(2016, 2, 27)),
        ("in March 2011", WED, date(2011, 3, 1)),
        ("mid-November", WED, date(2015, 11, 15)),
        ("October", WED, date(2015, 10, 1)),
        ("last month", WED, date(2015, 11, 1)),
    ],
)
def test_resolves_against_article_date(text, base, expected):
    assert resolve_date(text, base) == expected


@pytest.mark.parametrize("text", ["since 2011", "in recent weeks", "for five years", "decades"])
def test_durations_are_not_event_dates(text):
    assert resolve_date(text, WED) is None


def test_no_article_date_no_event_date():
    assert resolve_date("on Tuesday", None) is None


def test_future_reference_resolves_forward():
    assert resolve_date("on Tuesday", WED, prefer_future=True) == date(2015, 12, 8)


def test_dateline_found_only_in_a_short_line():
    assert find_dateline("Sat Mar 26, 2016 5:09PM\nIran and Russia...") == date(2016, 3, 26)
    assert find_dateline("A man walks on February 23, 2016 in the northern city of Aleppo, "
                         "carrying water in jerrycans (AFP Photo)") is None


def test_a_wire_storys_dateline_with_a_year_dates_the_article():
    assert find_dateline("Kabul, Oct. 5, 2001 (AFP) -- Taliban fighters attacked a police post in "
                         "Kunduz province on Friday, officials said.") == date(2001, 10, 5)
    assert find_dateline("Police said on March 3, 2016 - a day after the attack - that the men who "
                         "attacked the post had been arrested in a raid.") is None
    # a place with a particle, and a press-release wire's slashes for the agency's brackets
    assert find_dateline("Dar es Salaam, Jan. 3, 2001 (AFP) - Tanzanian police arrested 40 opposition "
                         "supporters in Zanzibar.") == date(2001, 1, 3)
    assert find_dateline("WASHINGTON, Jan. 3, 2015 /PRNewswire/ -- The State Department announced new "
                         "sanctions on Tuesday.") == date(2015, 1, 3)


def test_bad_iso_date_is_a_clear_error():
    with pytest.raises(DateError, match="not an ISO date"):
        parse_iso_date("26/03/2016")
