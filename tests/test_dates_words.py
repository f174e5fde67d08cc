"""Dates as people read and type them (core.dates): 7 March 2025, never 07; a chronology date
at its own precision; a day typed as YYYY-MM-DD or DD/MM/YYYY."""

from __future__ import annotations

import datetime as dt

import pytest

from core.dates import PartialDate, long_date, long_span, short_date


def test_a_day_is_written_without_a_leading_zero() -> None:
    assert long_date(dt.date(2025, 3, 7)) == "7 March 2025"
    assert long_date(dt.date(2025, 11, 30)) == "30 November 2025"
    assert long_date(None) == ""


def test_a_short_date_keeps_the_weekday_for_listings() -> None:
    assert short_date(dt.date(2025, 3, 7)) == "Fri 7 Mar 2025"
    assert short_date(dt.date(2025, 3, 17)) == "Mon 17 Mar 2025"


@pytest.mark.parametrize("date, words", [
    (PartialDate.day(dt.date(2022, 1, 11)), "11 January 2022"),
    (PartialDate.month(2023, 3), "March 2023"),
    (PartialDate.year(2022), "2022"),
    (PartialDate.between(dt.date(2023, 8, 12), dt.date(2023, 9, 5)),
     "12 August to 5 September 2023"),
    (PartialDate.between(dt.date(2023, 11, 4), dt.date(2023, 11, 24)), "4 to 24 November 2023"),
    (PartialDate.between(dt.date(2024, 10, 18), dt.date(2025, 2, 3)),
     "18 October 2024 to 3 February 2025"),
    (PartialDate.between(dt.date(2012, 3, 1), dt.date(2012, 5, 31)), "March to May 2012"),
    (PartialDate.between(dt.date(2012, 3, 1), dt.date(2012, 3, 10), "early March 2012"),
     "early March 2012"),
    (dt.date(2025, 3, 7), "7 March 2025"),
])
def test_a_chronology_date_is_written_in_words_at_its_own_precision(date, words) -> None:
    assert long_span(date) == words
