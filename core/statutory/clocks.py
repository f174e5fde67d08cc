"""Statutory clocks as date arithmetic: calendar days, calendar months and working days.

Working days skip weekends and the bank holidays of a nation, taken from the maintained
`holidays` package rather than a hand-typed list. England and Wales share one calendar of bank
holidays; we still ask the library for Wales by its own code ("WLS"), so that if Wales ever
gains a bank holiday of its own the library's update is enough. Scotland and Northern Ireland
differ and are offered for regimes a plugin may add.

Beyond the years the library's rules cover, a one-off day (a coronation, a state funeral) is
only known once the library adds it: keep the package up to date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import importlib.util
import sys
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from attrs import field, frozen

from core.kernel.errors import InvalidValue, NotFound

# calendar name -> (country, subdivision) in the `holidays` package
CALENDARS: dict[str, tuple[str, str]] = {
    "england": ("GB", "ENG"),
    "wales": ("GB", "WLS"),
    "scotland": ("GB", "SCT"),
    "northern-ireland": ("GB", "NIR"),
}


class Unit(StrEnum):
    CALENDAR_DAYS = "calendar_days"
    CALENDAR_MONTHS = "calendar_months"
    WORKING_DAYS = "working_days"

    @property
    def words(self) -> tuple[str, str]:
        """(singular, plural) as a coordinator says them."""
        return {
            Unit.CALENDAR_DAYS: ("day", "days"),
            Unit.CALENDAR_MONTHS: ("month", "months"),
            Unit.WORKING_DAYS: ("working day", "working days"),
        }[self]


def _positive(instance: Any, attribute: Any, value: int) -> None:
    if value < 0:
        raise InvalidValue(f"a period cannot be negative ({value}); say 'before' instead")


@frozen
class Period:
    """An amount of time a clock allows, counted after (or before) its starting date."""

    amount: int = field(validator=_positive)
    unit: Unit = field(converter=Unit)
    before: bool = False  # True for "at least N before" clocks, counted back from the date

    def due(self, start: dt.date, calendar_name: str) -> dt.date:
        sign = -1 if self.before else 1
        if self.unit is Unit.CALENDAR_DAYS:
            return start + dt.timedelta(days=sign * self.amount)
        if self.unit is Unit.CALENDAR_MONTHS:
            return add_months(start, sign * self.amount)
        return add_working_days(start, sign * self.amount, calendar_name)

    def describe(self) -> str:
        if self.amount == 0:
            return "on"
        singular, plural = self.unit.words
        words = singular if self.amount == 1 else plural
        return f"{self.amount} {words} {'before' if self.before else 'after'}"


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole calendar months, clamped to the end of a shorter month:
    31 January + 1 month is 28 (or 29) February."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@cache
def _holidays(calendar_name: str) -> Any:
    import holidays  # a large package: only loaded when a working-day clock is counted

    try:
        country, subdivision = CALENDARS[calendar_name]
    except KeyError:
        known = ", ".join(sorted(CALENDARS))
        raise NotFound(f"no bank-holiday calendar called {calendar_name!r}; known: {known}") \
            from None
    return _country_calendar(holidays, country)(subdiv=subdivision)


# The package's own way in, `holidays.country_holidays`, imports the modules of its 250
# countries (a tenth of a second of every `status`), and so does importing any one of them
# through its package. So the one country's module is loaded from its file, where this version
# of the package keeps it; if it is not there, the package's own way is used.
COUNTRY_MODULES: dict[str, tuple[str, str]] = {"GB": ("united_kingdom", "UnitedKingdom")}


def _country_calendar(holidays: Any, country: str) -> Any:
    """The package's class for `country`'s holidays, importing only its own module."""
    module_name, class_name = COUNTRY_MODULES[country]
    name = f"holidays.countries.{module_name}"
    module = sys.modules.get(name)
    if module is None:
        path = Path(holidays.__file__).with_name("countries") / f"{module_name}.py"
        spec = importlib.util.spec_from_file_location(name, path)
        if not path.is_file() or spec is None or spec.loader is None:
            return lambda subdiv: holidays.country_holidays(country, subdiv=subdiv)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[name]
            raise
    return getattr(module, class_name)


def is_working_day(day: dt.date, calendar_name: str) -> bool:
    return day.weekday() < 5 and day not in _holidays(calendar_name)


def add_working_days(day: dt.date, count: int, calendar_name: str) -> dt.date:
    """The `count`-th working day after `day` (before it, for a negative count).

    `day` itself never counts: a notification on a Friday before a bank-holiday Monday has its
    first working day on the Tuesday. Zero gives `day` back unchanged.
    """
    step = dt.timedelta(days=1 if count >= 0 else -1)
    remaining = abs(count)
    while remaining:
        day += step
        if is_working_day(day, calendar_name):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date, calendar_name: str) -> int:
    """Working days after `start` up to and including `end` (negative if `end` is earlier)."""
    if end < start:
        return -working_days_between(end, start, calendar_name)
    return sum(
        is_working_day(start + dt.timedelta(days=n), calendar_name)
        for n in range(1, (end - start).days + 1)
    )
