"""Clock arithmetic: calendar months clamped to month end, and working days on the England and
Wales bank-holiday calendar (from the `holidays` package), across Christmas, Easter and the
bank holidays of several years."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.kernel.errors import NotFound
from core.statutory.clocks import (
    CALENDARS,
    Period,
    Unit,
    add_months,
    add_working_days,
    is_working_day,
    working_days_between,
)

day = dt.date


@pytest.mark.parametrize(("start", "months", "due"), [
    (day(2025, 1, 31), 1, day(2025, 2, 28)),
    (day(2024, 1, 31), 1, day(2024, 2, 29)),   # leap year
    (day(2023, 8, 31), 6, day(2024, 2, 29)),
    (day(2024, 3, 31), -1, day(2024, 2, 29)),
    (day(2024, 10, 31), 1, day(2024, 11, 30)),
    (day(2024, 12, 15), 1, day(2025, 1, 15)),  # across the year end
    (day(2025, 2, 18), 6, day(2025, 8, 18)),
    (day(2024, 7, 15), -6, day(2024, 1, 15)),
])
def test_calendar_months_clamp_to_month_end(start: dt.date, months: int, due: dt.date) -> None:
    assert add_months(start, months) == due


@pytest.mark.parametrize(("start", "count", "due", "why"), [
    # Christmas 2024: 25, 26 December and 1 January are bank holidays
    (day(2024, 12, 23), 5, day(2025, 1, 2), "Christmas and New Year 2024"),
    # Christmas 2021 fell at a weekend: the substitute days 27, 28 December and 3 January
    (day(2021, 12, 23), 5, day(2022, 1, 4), "Christmas 2021 substitute days"),
    # Easter 2025: Good Friday 18 April, Easter Monday 21 April
    (day(2025, 4, 17), 1, day(2025, 4, 22), "Easter 2025"),
    # Easter 2024: Good Friday 29 March, Easter Monday 1 April
    (day(2024, 3, 28), 5, day(2024, 4, 8), "Easter 2024"),
    # a notification on the Friday before the May Day bank holiday (Monday 5 May 2025)
    (day(2025, 5, 2), 5, day(2025, 5, 12), "Friday before May Day 2025"),
    # 15 working days from the same Friday also crosses the Spring bank holiday (26 May)
    (day(2025, 5, 2), 15, day(2025, 5, 27), "May Day and Spring bank holiday 2025"),
    # the Friday before the Late Summer bank holiday 2024 (Monday 26 August)
    (day(2024, 8, 23), 1, day(2024, 8, 27), "Late Summer bank holiday 2024"),
    # a one-off bank holiday: the State Funeral of Queen Elizabeth II, Monday 19 September 2022
    (day(2022, 9, 16), 1, day(2022, 9, 20), "State Funeral 2022"),
    # a weekend start: the first working day is Monday
    (day(2025, 3, 8), 1, day(2025, 3, 10), "Saturday notification"),
    (day(2025, 3, 10), 0, day(2025, 3, 10), "zero days"),
    # counting back across Christmas and New Year
    (day(2025, 1, 7), -7, day(2024, 12, 24), "7 working days before 7 January 2025"),
])
def test_working_days_skip_weekends_and_bank_holidays(start: dt.date, count: int, due: dt.date,
                                                      why: str) -> None:
    assert add_working_days(start, count, "england") == due, why


def test_friday_before_a_bank_holiday_monday_counts_from_tuesday() -> None:
    friday = day(2025, 5, 2)
    assert not is_working_day(day(2025, 5, 5), "england")  # a Monday: the early May bank holiday
    assert add_working_days(friday, 1, "england") == day(2025, 5, 6)
    assert Period(5, Unit.WORKING_DAYS).due(friday, "england") == day(2025, 5, 12)


def test_wales_shares_englands_bank_holidays_in_these_years() -> None:
    for year in (2021, 2022, 2024, 2025):
        for n in range(366):
            d = day(year, 1, 1) + dt.timedelta(days=n)
            assert is_working_day(d, "wales") == is_working_day(d, "england"), d


def test_scotland_differs() -> None:
    # 2 January is a bank holiday in Scotland, not in England and Wales
    assert is_working_day(day(2025, 1, 2), "england")
    assert not is_working_day(day(2025, 1, 2), "scotland")


def test_each_calendar_is_the_packages_own_and_loads_one_country() -> None:
    """The calendars are loaded from the one country's module (not the package's registry of
    250 countries), and give exactly the days the package's own way in gives."""
    import subprocess
    import sys

    import holidays

    for name, (country, subdivision) in CALENDARS.items():
        theirs = holidays.country_holidays(country, subdiv=subdivision)
        for n in range(366 * 12):
            d = day(2018, 1, 1) + dt.timedelta(days=n)
            assert is_working_day(d, name) == (d.weekday() < 5 and d not in theirs), (name, d)
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, datetime; "
         "from core.statutory.clocks import is_working_day; "
         "is_working_day(datetime.date(2025, 5, 5), 'wales'); "
         "print(sorted(m for m in sys.modules if m.startswith('holidays.countries')))"],
        capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['holidays.countries.united_kingdom']"


def test_unknown_calendar_is_named() -> None:
    with pytest.raises(NotFound, match="atlantis"):
        add_working_days(day(2025, 1, 1), 1, "atlantis")


def test_period_descriptions_and_before() -> None:
    assert Period(5, Unit.WORKING_DAYS).describe() == "5 working days after"
    assert Period(1, Unit.CALENDAR_MONTHS).describe() == "1 month after"
    assert Period(7, Unit.CALENDAR_DAYS, before=True).describe() == "7 days before"
    assert Period(7, Unit.CALENDAR_DAYS, before=True).due(day(2025, 9, 30), "england") == day(
        2025, 9, 23)
    assert Period(7, Unit.WORKING_DAYS, before=True).due(day(2025, 1, 7), "england") == day(
        2024, 12, 24)


DAYS = st.dates(min_value=day(2015, 1, 1), max_value=day(2032, 12, 31))


@settings(max_examples=150, deadline=None)
@given(DAYS, st.integers(min_value=-60, max_value=60))
def test_month_arithmetic_properties(start: dt.date, months: int) -> None:
    due = add_months(start, months)
    assert (due.year * 12 + due.month) - (start.year * 12 + start.month) == months
    assert due.day <= start.day
    if due.day < start.day:  # only ever clamped to the end of a shorter month
        assert (due + dt.timedelta(days=1)).day == 1
    if start.day <= 28:
        assert add_months(due, -months) == start


@settings(max_examples=150, deadline=None)
@given(DAYS, st.integers(min_value=1, max_value=40))
def test_working_day_addition_properties(start: dt.date, count: int) -> None:
    due = add_working_days(start, count, "england")
    assert is_working_day(due, "england")
    assert working_days_between(start, due, "england") == count
    assert (due - start).days >= count
    assert add_working_days(start, count + 1, "england") > due
    back = add_working_days(due, -count, "england")
    assert back <= start
    if is_working_day(start, "england"):
        assert back == start
