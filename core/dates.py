"""Dates as agencies write them, keeping their precision: a day, a month, a year or a range.

A chronology never invents a day: "March 2012" stays a month, and sorts by its span.
"""

from __future__ import annotations

import calendar
import datetime as dt
from enum import StrEnum

from attrs import field, frozen

from core.errors import InvalidValue


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
