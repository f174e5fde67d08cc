"""Dates as agencies write them, keeping their precision, and dates as people read them.

A chronology never invents a day: "March 2012" stays a month, and sorts by its span. Every date
a person reads is written here one way, as a UK reader writes it: 7 March 2025, never 07.
"""

from __future__ import annotations

import calendar
import datetime as dt
from enum import StrEnum

from attrs import field, frozen

from core.kernel.errors import InvalidValue


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"


def _end_not_before_start(instance: PartialDate, attribute: object, end: dt.date) -> None:
    if end < instance.start:
        raise InvalidValue(f"a date range cannot end ({end}) before it starts ({instance.start})")


@frozen(order=False)
class PartialDate:
    """A date known only to some precision: the span [start, end] it certainly lies in."""

    start: dt.date
    end: dt.date = field(validator=_end_not_before_start)
    precision: Precision = field(converter=Precision)
    text: str = ""  # as the agency wrote it, when it was not ISO

    @classmethod
    def day(cls, value: dt.date) -> PartialDate:
        return cls(value, value, Precision.DAY)

    @classmethod
    def month(cls, year: int, month: int, text: str = "") -> PartialDate:
        last = calendar.monthrange(year, month)[1]
        return cls(dt.date(year, month, 1), dt.date(year, month, last), Precision.MONTH, text)

    @classmethod
    def year(cls, year: int, text: str = "") -> PartialDate:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR, text)

    @classmethod
    def between(cls, start: dt.date, end: dt.date, text: str = "") -> PartialDate:
        return cls(start, end, Precision.RANGE, text)

    @property
    def sort_key(self) -> tuple[dt.date, dt.date]:
        return (self.start, self.end)

    def known_by(self, on: dt.date) -> bool:
        """True when the whole span lies on or before `on`: it had certainly happened by then."""
        return self.end <= on

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.start <= end and start <= self.end

    def __str__(self) -> str:
        if self.text:
            return self.text
        if self.precision is Precision.DAY:
            return self.start.isoformat()
        if self.precision is Precision.MONTH:
            return self.start.strftime("%B %Y")
        if self.precision is Precision.YEAR:
            return str(self.start.year)
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


# -- days as people type them -----------------------------------------------------------------

DAY_FORMS = ("%Y-%m-%d", "%d/%m/%Y")  # ISO, and UK order as coordinators type it


def day_from_text(value: str | dt.date, what: str = "date") -> dt.date:
    """A day someone typed (an option, a facts or case file): YYYY-MM-DD or DD/MM/YYYY. A date
    YAML has already read is taken as it is. Raises InvalidValue naming `what` otherwise.

    Not to be confused with `core.kernel.date_forms.parse_agency_day`, which reads the many ways
    agencies write dates in a chronology."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for form in DAY_FORMS:
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise InvalidValue(f"{text!r} is not a date; give the {what} as YYYY-MM-DD or DD/MM/YYYY")


# -- dates as people read them ----------------------------------------------------------------


def long_date(day: dt.date | None) -> str:
    """A day as a UK reader writes it: 7 March 2025 (no leading zero); "" for no day."""
    if day is None:
        return ""
    return f"{day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    """A day with its weekday, briefly, for one-line listings: Fri 7 Mar 2025."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def opening(value: PartialDate) -> PartialDate:
    """Where a span begins, as precisely as it is known and no more: the range "2022–2023"
    begins in 2022, "March–May 2012" in March 2012. For saying when a period starts."""
    if value.precision is not Precision.RANGE:
        return value
    start = value.start
    if (start.month, start.day) == (1, 1):
        return PartialDate.year(start.year)
    return PartialDate.month(start.year, start.month) if start.day == 1 else PartialDate.day(start)


def closing(value: PartialDate) -> PartialDate:
    """Where a span ends, as precisely as it is known and no more (see `opening`)."""
    if value.precision is not Precision.RANGE:
        return value
    end = value.end
    if (end.month, end.day) == (12, 31):
        return PartialDate.year(end.year)
    if end.day == calendar.monthrange(end.year, end.month)[1]:
        return PartialDate.month(end.year, end.month)
    return PartialDate.day(end)


def long_span(value: PartialDate | dt.date | None) -> str:
    """A date in words at its own precision: 11 January 2022, March 2023, 2022, early May 2022,
    March to May 2012, 5 to 11 March 2012. Never figures as they were typed (11/01/2022 is
    written 11 January 2022). A plain day is written as `long_date` writes it."""
    if not isinstance(value, PartialDate):
        return long_date(value)
    start, end = value.start, value.end
    if value.precision is Precision.DAY:
        return long_date(start)
    if value.precision is Precision.MONTH:
        return f"{start:%B %Y}"
    if value.precision is Precision.YEAR:
        return str(start.year)
    part = _part(start, end)  # "early March 2012", "late 2012", as the agency wrote it
    first = value.text.strip().split(" ")[0].lower()
    if part and first.startswith(("early", "beginning", "start", "mid", "late", "end")):
        return part
    return span_in_words(start, end)


def _part(start: dt.date, end: dt.date) -> str:
    """"early/mid/late" + a month or a year, when the span is exactly that part of it."""
    last = calendar.monthrange(end.year, end.month)[1]
    if (start.year, start.month) == (end.year, end.month):
        days = {(1, 10): "early", (11, 20): "mid", (21, last): "late"}
        found = days.get((start.day, end.day))
        return f"{found} {start:%B %Y}" if found else ""
    if start.year == end.year and start.day == 1 and end.day == last:
        months = {(1, 4): "early", (5, 8): "mid", (9, 12): "late"}
        found = months.get((start.month, end.month))
        return f"{found} {start.year}" if found else ""
    return ""


def span_in_words(start: dt.date, end: dt.date) -> str:
    """A span of days in words, as briefly as it can be said exactly."""
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if whole_months and (start.month, end.month) == (1, 12):
        return str(start.year) if start.year == end.year else f"{start.year} to {end.year}"
    if whole_months:
        if start.year == end.year:
            if start.month == end.month:
                return f"{start:%B %Y}"
            return f"{start:%B} to {end:%B %Y}"
        return f"{start:%B %Y} to {end:%B %Y}"
    if start == end:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} to {long_date(end)}"
    return f"{long_date(start)} to {long_date(end)}"
