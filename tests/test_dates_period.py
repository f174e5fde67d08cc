"""Saying when a period of records begins and ends, without inventing a day at either end."""

from __future__ import annotations

import datetime as dt

import pytest

from core.kernel.dates import PartialDate, closing, long_span, opening

D = dt.date


@pytest.mark.parametrize(
    ("span", "begins", "ends"),
    [
        (PartialDate.between(D(2022, 1, 1), D(2023, 12, 31), "2022–2023"), "2022", "2023"),
        (PartialDate.between(D(2012, 3, 1), D(2012, 5, 31), "March–May 2012"),
         "March 2012", "May 2012"),
        (PartialDate.between(D(2012, 3, 5), D(2012, 3, 11), "w/c 05/03/2012"),
         "5 March 2012", "11 March 2012"),
        (PartialDate.month(2024, 2), "February 2024", "February 2024"),
        (PartialDate.day(D(2025, 3, 6)), "6 March 2025", "6 March 2025"),
    ],
)
def test_a_span_opens_and_closes_as_precisely_as_it_is_known(span, begins, ends):
    assert long_span(opening(span)) == begins
    assert long_span(closing(span)) == ends
