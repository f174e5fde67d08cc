"""Dates as people read and type them (core.kernel.dates): 7 March 2025, never 07; a chronology date
at its own precision; a day typed as YYYY-MM-DD or DD/MM/YYYY."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.kernel.dates import PartialDate, day_from_text, long_date, long_span, short_date
from core.kernel.errors import InvalidValue


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


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_a_typed_day_is_read_in_iso_and_in_uk_order(day: dt.date) -> None:
    assert day_from_text(day.isoformat()) == day
    assert day_from_text(f" {day:%d/%m/%Y} ") == day
    assert day_from_text(day) == day  # as YAML reads it
    assert day_from_text(dt.datetime.combine(day, dt.time(9, 30))) == day


@pytest.mark.parametrize("typed", ["2025-02-30", "03/13/2025", "7 March 2025", "soon", ""])
def test_what_is_not_a_day_is_refused_naming_what_was_asked_for(typed: str) -> None:
    with pytest.raises(InvalidValue, match="give the --due date as YYYY-MM-DD or DD/MM/YYYY"):
        day_from_text(typed, "--due date")
