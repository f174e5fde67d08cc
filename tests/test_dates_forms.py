"""Dates as agencies write them: every accepted form keeps its precision, and every form that
could mean two things (or nothing) is refused with what was expected."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.evidence.chronology.cells import day as day_cell
from core.evidence.chronology.cells import sharings, time_of_day, when
from core.kernel.date_forms import (
    EXPECTED,
    DateNotUnderstood,
    from_excel_serial,
    parse_date,
    parse_date_and_time,
    parse_time,
)
from core.kernel.dates import Precision

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2012-03-03", D(2012, 3, 3), D(2012, 3, 3), "day"),
        ("03/03/2012", D(2012, 3, 3), D(2012, 3, 3), "day"),
        ("3/3/2012", D(2012, 3, 3), D(2012, 3, 3), "day"),
        ("04/05/2012", D(2012, 5, 4), D(2012, 5, 4), "day"),  # UK order: 4 May
        ("04-05-2012", D(2012, 5, 4), D(2012, 5, 4), "day"),
        ("04.05.2012", D(2012, 5, 4), D(2012, 5, 4), "day"),
        ("2012/05/04", D(2012, 5, 4), D(2012, 5, 4), "day"),  # year first: year/month/day
        ("3 March 2012", D(2012, 3, 3), D(2012, 3, 3), "day"),
        ("3rd March 2012", D(2012, 3, 3), D(2012, 3, 3), "day"),
        ("the 3rd of March, 2012", D(2012, 3, 3), D(2012, 3, 3), "day"),
        ("March 3, 2012", D(2012, 3, 3), D(2012, 3, 3), "day"),
        ("3-Mar-2012", D(2012, 3, 3), D(2012, 3, 3), "day"),
        ("Monday 5 March 2012", D(2012, 3, 5), D(2012, 3, 5), "day"),
        ("  22  February   2012 ", D(2012, 2, 22), D(2012, 2, 22), "day"),
        ("March 2012", D(2012, 3, 1), D(2012, 3, 31), "month"),
        ("Mar 2012", D(2012, 3, 1), D(2012, 3, 31), "month"),
        ("Sept 2012", D(2012, 9, 1), D(2012, 9, 30), "month"),
        ("Feb 2012", D(2012, 2, 1), D(2012, 2, 29), "month"),
        ("2012-03", D(2012, 3, 1), D(2012, 3, 31), "month"),
        ("03/2012", D(2012, 3, 1), D(2012, 3, 31), "month"),
        ("2012", D(2012, 1, 1), D(2012, 12, 31), "year"),
        ("early March 2012", D(2012, 3, 1), D(2012, 3, 10), "range"),
        ("mid March 2012", D(2012, 3, 11), D(2012, 3, 20), "range"),
        ("mid-March 2012", D(2012, 3, 11), D(2012, 3, 20), "range"),
        ("late March 2012", D(2012, 3, 21), D(2012, 3, 31), "range"),
        ("late February 2011", D(2011, 2, 21), D(2011, 2, 28), "range"),
        ("early 2012", D(2012, 1, 1), D(2012, 4, 30), "range"),
        ("late 2012", D(2012, 9, 1), D(2012, 12, 31), "range"),
        ("summer 2012", D(2012, 6, 1), D(2012, 8, 31), "range"),
        ("2011–2012", D(2011, 1, 1), D(2012, 12, 31), "range"),
        ("2011-2012", D(2011, 1, 1), D(2012, 12, 31), "range"),
        ("2011 to 2012", D(2011, 1, 1), D(2012, 12, 31), "range"),
        ("between 2011 and 2012", D(2011, 1, 1), D(2012, 12, 31), "range"),
        ("March–May 2012", D(2012, 3, 1), D(2012, 5, 31), "range"),
        ("March - May 2012", D(2012, 3, 1), D(2012, 5, 31), "range"),
        ("3–5 March 2012", D(2012, 3, 3), D(2012, 3, 5), "range"),
        ("3 March – 5 April 2012", D(2012, 3, 3), D(2012, 4, 5), "range"),
        ("December 2011 – February 2012", D(2011, 12, 1), D(2012, 2, 29), "range"),
        ("03/03/2012 - 05/03/2012", D(2012, 3, 3), D(2012, 3, 5), "range"),
        ("w/c 05/03/2012", D(2012, 3, 5), D(2012, 3, 11), "range"),
        ("40971", D(2012, 3, 3), D(2012, 3, 3), "day"),  # an Excel serial exported as text
    ],
)
def test_accepted_forms_keep_their_precision(text, start, end, precision):
    found = parse_date(text)
    assert (found.start, found.end, found.precision.value) == (start, end, precision)


def test_the_agency_text_is_kept_except_for_iso():
    assert parse_date("2012-03-03").text == ""
    assert parse_date("3rd March 2012").text == "3rd March 2012"
    assert str(parse_date("early March 2012")) == "early March 2012"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2012/13/01", "no month 13"),
        ("03/13/2012", "UK order"),
        ("13/13/2012", "no month 13"),
        ("31/02/2012", "no day 31 in February 2012"),
        ("29/02/2011", "no day 29 in February 2011"),
        ("3/3/12", "two-digit year"),
        ("03-Mar-12", "two-digit year"),
        ("2011/12", "could be a month or the years 2011–2012"),
        ("2011-12", "could be a month or the years 2011–2012"),
        ("March", "year is missing"),
        ("3 March", "year is missing"),
        ("Saturday 5 March 2012", "was a Monday, not a Saturday"),
        ("December–February 2012", "ends before it starts"),
        ("2012 - 2011", "ends before it starts"),
        ("winter 2012", "spans two years"),
        ("c. 2012", "approximate"),
        ("about March 2012", "approximate"),
        ("1850", "not between 1900 and 2100"),
        ("", "empty"),
        ("unknown", "can be read for certain"),
        ("?", "approximate"),
        ("99999", "year 2173"),
    ],
)
def test_impossible_and_ambiguous_forms_are_refused_with_a_reason(text, reason):
    with pytest.raises(DateNotUnderstood) as caught:
        parse_date(text)
    assert reason in str(caught.value)
    assert caught.value.expected  # every refusal says what would have been read


def test_a_date_with_a_time():
    found, time = parse_date_and_time("03/03/2012 14:30")
    assert (found.start, found.precision, time) == (D(2012, 3, 3), Precision.DAY, "14:30")
    assert parse_date_and_time("2012-03-03T09:05:00")[1] == "09:05"
    assert parse_date_and_time("3 March 2012 at 2.30pm")[1] == "14:30"
    assert parse_date_and_time("March 2012")[1] == ""
    with pytest.raises(DateNotUnderstood, match="not a single day"):
        parse_date_and_time("March 2012 14:30")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("14:30", "14:30"), ("2.30pm", "14:30"), ("2:30 PM", "14:30"), ("12am", "00:00"),
     ("1430", "14:30"), ("9:05", "09:05"), ("noon", "12:00"), ("23:59:59", "23:59"), ("", "")],
)
def test_times_of_day(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "13pm", "12:60", "teatime", "3"])
def test_bad_times_are_refused(text):
    with pytest.raises(DateNotUnderstood, match="time"):
        parse_time(text)


def test_excel_serials_and_native_cells():
    assert from_excel_serial(40971) == (parse_date("2012-03-03"), "")
    assert from_excel_serial(40971.75)[1] == "18:00"
    assert when(40971.0)[0].start == D(2012, 3, 3)
    assert when(2012)[0].precision is Precision.YEAR  # a year typed into a number cell
    assert when(dt.datetime(2012, 3, 3, 9, 15)) == (parse_date("2012-03-03"), "09:15")
    assert when(dt.datetime(2012, 3, 3))[1] == ""
    assert when(D(2012, 3, 3))[0].precision is Precision.DAY
    assert when(0, epoch=D(1904, 1, 1))  # a 1904-system workbook counts from 1904
    for bad in (True, 12.5, -3, 3_000_000):
        with pytest.raises(DateNotUnderstood):
            when(bad)
    assert time_of_day(0.5) == "12:00"
    assert time_of_day(dt.time(7, 45)) == "07:45"


def test_a_recorded_on_cell_must_be_one_day():
    assert day_cell("05/06/2024") == D(2024, 6, 5)
    assert day_cell("") is None
    with pytest.raises(DateNotUnderstood, match="not a single day"):
        day_cell("June 2024")


def test_shared_with_cells():
    names = {"childrenssocialcare": "Tessingford Children's Services"}
    found = sharings("Children's social care 05/06/2024; School 07/06/2024", names)
    assert found == [("Tessingford Children's Services", D(2024, 6, 5)), ("School", D(2024, 6, 7))]
    assert sharings("GP (16/02/2022)\nHealth visiting on 3 March 2022", {}) == [
        ("GP", D(2022, 2, 16)), ("Health visiting", D(2022, 3, 3))]
    assert sharings("07/06/2024 School, 08/06/2024 Police", {}) == [
        ("School", D(2024, 6, 7)), ("Police", D(2024, 6, 8))]
    assert sharings("", {}) == []
    for bad in ("School", "School June 2024", "05/06/2024"):
        with pytest.raises(DateNotUnderstood, match="agency and a day"):
            sharings(bad, {})


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_arbitrary_text_is_read_or_refused_never_crashes(text):
    try:
        found = parse_date(text)
    except DateNotUnderstood as error:
        assert str(error)
        return
    assert found.start <= found.end  # never a span that cannot be


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=D(1900, 3, 1), max_value=D(2100, 12, 31)),
       st.sampled_from(["{d:%Y-%m-%d}", "{d:%d/%m/%Y}", "{d.day} {d:%B %Y}", "{d.day} {d:%b %Y}",
                        "{d:%A} {d.day} {d:%B %Y}", "{d:%B} {d.day}, {d:%Y}"]))
def test_any_day_written_any_accepted_way_reads_back(day, form):
    found = parse_date(form.format(d=day))
    assert (found.start, found.end, found.precision) == (day, day, Precision.DAY)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1900, max_value=2100), st.integers(min_value=1, max_value=12))
def test_months_never_invent_a_day(year, month):
    found = parse_date(D(year, month, 1).strftime("%B %Y"))
    assert found.precision is Precision.MONTH
    assert found.start.day == 1 and (found.end + dt.timedelta(days=1)).day == 1


def test_expected_names_the_forms():
    assert "03/03/2012" in EXPECTED and "March 2012" in EXPECTED
