"""Dates as agencies write them, read into `core.kernel.dates.PartialDate` without guessing.

A form that could mean two things is refused with what was expected, never guessed: numeric
dates are read in UK order (day/month/year) and a two-digit year is refused. The precision the
agency gave is kept: "March 2012" stays a month, "early March 2012" is the range 1–10 March.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from core.kernel.dates import PartialDate, Precision, long_date
from core.kernel.errors import InvalidValue

EXPECTED = (
    "a date such as 03/03/2012 (day/month/year), 2012-03-03, 3 March 2012, March 2012, 2012, "
    "early March 2012, March–May 2012 or 2011–2012"
)
EXPECTED_DAY = "a single day such as 03/03/2012 or 2012-03-03"
EXPECTED_TIME = "a time of day such as 14:30 or 2.30pm"
FIRST_YEAR, LAST_YEAR = 1900, 2100  # outside these a year is a typing slip, not a chronology
EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's 1900 date system (after its 1900 leap bug)


class DateNotUnderstood(InvalidValue):
    """A date that cannot be read for certain; `expected` says what would have been."""

    def __init__(self, message: str, expected: str = EXPECTED) -> None:
        super().__init__(message)
        self.expected = expected


MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
} | {"sept": 9}
WEEKDAYS = {
    name: number
    for number in range(7)
    for name in (calendar.day_name[number].lower(), calendar.day_abbr[number].lower())
} | {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}
# Parts of a month or year, as first and last day (of 31 for a month, of 12 months for a year).
MONTH_PARTS = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20),
               "middle": (11, 20), "late": (21, 31), "end": (21, 31)}
YEAR_PARTS = {"early": (1, 4), "beginning": (1, 4), "start": (1, 4), "mid": (5, 8),
              "middle": (5, 8), "late": (9, 12), "end": (9, 12),
              "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11)}

_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_SHORT_YEAR = re.compile(r"(\d{1,2})[/.-](\d{1,2}|[a-z]{3,9})[/.-](\d{2})")
_YEAR_AND_TWO = re.compile(r"(\d{4})([-/])(\d{2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{4})")
_YEAR = re.compile(r"\d{4}")
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_WORD_SPLIT = re.compile(r"[\s,]+|(?<=[a-z])[.-]|-(?=[a-z])|(?<=\d)-(?=[a-z])")
_TIME = re.compile(
    r"(\d{1,2})(?:[:.](\d{2}))?(?:[:.](\d{2})(?:\.\d+)?)?\s*(am|pm|a\.m\.|p\.m\.)?"
)
_DATE_THEN_TIME = re.compile(
    r"(.+?)(?:T|\s+|,\s*|\s+at\s+)(\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?\s*(?:am|pm)?)",
    re.IGNORECASE,
)
_RANGE_SEPARATORS = re.compile(r"\s*[–—‒―]\s*|\s+(?:to|until|till|through)\s+|\s*-\s*|\s+and\s+")
_FUZZY_WORDS = ("circa", "c.", "approx", "approximately", "about", "around", "?")


def parse_date(text: str) -> PartialDate:
    """Read a date as an agency wrote it. Raises DateNotUnderstood naming what was expected."""
    original = " ".join(str(text).replace("\u00a0", " ").split())
    if not original:
        raise DateNotUnderstood("the date is empty; every entry needs a date (a year is enough)")
    lowered = original.lower()
    try:
        found = _single(lowered) or _week(lowered) or _range(lowered)
    except DateNotUnderstood as error:
        raise DateNotUnderstood(f"{original!r}: {error}", error.expected) from None
    if found is None:
        raise DateNotUnderstood(_why_not(original))
    iso = found.precision is Precision.DAY and _ISO_DAY.fullmatch(lowered)
    return found if iso else PartialDate(found.start, found.end, found.precision, original)


def parse_agency_day(text: str) -> dt.date:
    """A date in any of the agencies' forms that must be one day (a sharing date, the day
    something was recorded). For a day typed on the command line see
    `core.kernel.dates.day_from_text`."""
    found = parse_date(text)
    if found.precision is not Precision.DAY:
        raise DateNotUnderstood(f"{text!r} is not a single day", EXPECTED_DAY)
    return found.start


def parse_date_and_time(text: str) -> tuple[PartialDate, str]:
    """A date that may carry a time of day ("03/03/2012 14:30"): the date and "HH:MM" or ""."""
    try:
        return parse_date(text), ""
    except DateNotUnderstood as first_error:
        match = _DATE_THEN_TIME.fullmatch(" ".join(str(text).split()))
        if match is None:
            raise
        try:
            day = parse_date(match.group(1))
        except DateNotUnderstood:
            raise first_error from None
        if day.precision is not Precision.DAY:
            raise DateNotUnderstood(
                f"{text!r} gives a time but not a single day", EXPECTED_DAY
            ) from None
        return day, parse_time(match.group(2))


def parse_time(text: str) -> str:
    """A time of day as "HH:MM" (24-hour clock). Seconds are dropped; "" stays ""."""
    cleaned = " ".join(str(text).lower().split())
    if not cleaned:
        return ""
    if cleaned in ("noon", "midday"):
        return "12:00"
    match = _TIME.fullmatch(cleaned.replace(" ", ""))
    if len(cleaned) == 4 and cleaned.isdigit():
        hour, minute = int(cleaned[:2]), int(cleaned[2:])  # "1430", as some systems export
    elif match is None or (match.group(2) is None and match.group(4) is None):
        raise DateNotUnderstood(f"{text!r} is not a time of day", EXPECTED_TIME)
    else:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if match.group(4):
            if not 1 <= hour <= 12:
                raise DateNotUnderstood(
                    f"{text!r} is not a time of day ({hour} is not an hour on a 12-hour clock)",
                    EXPECTED_TIME,
                )
            hour = hour % 12 + (12 if match.group(4).startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise DateNotUnderstood(f"{text!r} is not a time of day", EXPECTED_TIME)
    return f"{hour:02d}:{minute:02d}"


def from_excel_serial(serial: float, *, epoch: dt.date = EXCEL_EPOCH) -> tuple[PartialDate, str]:
    """An Excel date serial (days since the workbook's epoch, a fraction being the time of day)."""
    # NaN, negatives, and (in the 1900 system) the serials before March 1900 that Excel's
    # leap-year bug makes wrong
    if serial != serial or serial < (61 if epoch == EXCEL_EPOCH else 0):
        raise DateNotUnderstood(f"{serial!r} is not a plausible Excel date number")
    try:
        whole = int(serial)
        day = epoch + dt.timedelta(days=whole)
    except (OverflowError, ValueError):  # infinity, or past the year 9999
        raise DateNotUnderstood(f"{serial!r} is not a plausible Excel date number") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise DateNotUnderstood(f"the Excel date number {serial!r} is the year {day.year}")
    minutes = round((serial - whole) * 24 * 60)
    time = f"{minutes // 60:02d}:{minutes % 60:02d}" if 0 < minutes < 24 * 60 else ""
    return PartialDate.day(day), time


# -- the single-date forms --------------------------------------------------------------------


def _single(text: str) -> PartialDate | None:
    """One date in any accepted form, or None if the form is not one of ours."""
    if match := _ISO_DAY.fullmatch(text) or _YEAR_FIRST.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
        order = "year-first dates are read as year/month/day"
        return PartialDate.day(_day(year, month, day, order))
    if match := _DAY_FIRST.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
        if month > 12 and day <= 12:
            raise DateNotUnderstood(
                f"there is no month {month}; dates are read in UK order, day/month/year "
                "(this looks like US order, month/day/year)"
            )
        return PartialDate.day(_day(year, month, day, "dates are read as day/month/year"))
    if _SHORT_YEAR.fullmatch(text):
        raise DateNotUnderstood(
            "a two-digit year could be more than one century; "
            "write the year in full, e.g. 03/03/2012"
        )
    if match := _YEAR_AND_TWO.fullmatch(text):
        return _year_and_two(text, int(match.group(1)), match.group(2), int(match.group(3)))
    if match := _MONTH_YEAR.fullmatch(text):
        return _month(int(match.group(2)), int(match.group(1)))
    if _YEAR.fullmatch(text):
        return PartialDate.year(_year(int(text)))
    if _SERIAL.fullmatch(text):
        return from_excel_serial(float(text))[0]
    return _words(text)


def _year_and_two(text: str, year: int, separator: str, two: int) -> PartialDate:
    if two == (year + 1) % 100:
        raise DateNotUnderstood(
            f"this could be a month or the years {year}–{year + 1}; write "
            f"'{calendar.month_name[two] if 1 <= two <= 12 else 'March'} {year}' or "
            f"'{year}–{year + 1}'"
        )
    if separator == "/":
        raise DateNotUnderstood("this is not a form of date that can be read for certain")
    return _month(year, two)


def _words(text: str) -> PartialDate | None:
    """Forms written in words: 3 March 2012, 3rd of March 2012, Mar 2012, early March 2012."""
    text = _ORDINAL.sub(r"\1", text)
    tokens = [t for t in _WORD_SPLIT.split(text) if t and t not in ("of", "the", "in")]
    if not any(_kind(t.rstrip(".")) in "mp" for t in tokens):
        return None
    weekday = None
    if tokens[0].rstrip(".") in WEEKDAYS and len(tokens) > 1:
        weekday = WEEKDAYS[tokens[0].rstrip(".")]
        tokens = tokens[1:]
    tokens = [t.rstrip(".") for t in tokens]
    shape = "".join(_kind(t) for t in tokens)
    if shape == "dmy" or shape == "mdy":
        day_token, month_token = tokens[:2] if shape == "dmy" else tokens[1::-1]
        day = _day(_year(int(tokens[2])), MONTHS[month_token], int(day_token), "")
        if weekday is not None and day.weekday() != weekday:
            raise DateNotUnderstood(
                f"{long_date(day)} was a {calendar.day_name[day.weekday()]}, "
                f"not a {calendar.day_name[weekday]}; check the day"
            )
        return PartialDate.day(day)
    if weekday is not None:
        return None
    if shape == "my":
        return _month(_year(int(tokens[1])), MONTHS[tokens[0]])
    if shape == "pmy" and tokens[0] in MONTH_PARTS:
        year, month = _year(int(tokens[2])), MONTHS[tokens[1]]
        first, last = MONTH_PARTS[tokens[0]]
        last = min(last, calendar.monthrange(year, month)[1])
        return PartialDate.between(dt.date(year, month, first), dt.date(year, month, last))
    if shape == "py" and tokens[0] in YEAR_PARTS:
        year = _year(int(tokens[1]))
        first, last = YEAR_PARTS[tokens[0]]
        return PartialDate.between(
            dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
        )
    if shape in ("dm", "md", "m", "pm"):
        raise DateNotUnderstood("the year is missing")
    if shape == "py" and tokens[0] == "winter":
        raise DateNotUnderstood("winter spans two years; give the months, e.g. "
                                "'December 2011 – February 2012'")
    return None


def _kind(token: str) -> str:
    if token in MONTHS:
        return "m"
    if token in MONTH_PARTS or token in YEAR_PARTS or token == "winter":
        return "p"
    if token.isdigit():
        return "y" if len(token) == 4 else "d" if len(token) <= 2 else "?"
    return "?"


def _week(text: str) -> PartialDate | None:
    """'w/c 03/03/2012' or 'week commencing 3 March 2012': that day and the six after it."""
    for prefix in ("w/c ", "wc ", "week commencing ", "week beginning ", "w/b "):
        if text.startswith(prefix):
            first = _single(text[len(prefix):].strip())
            if first is None or first.precision is not Precision.DAY:
                raise DateNotUnderstood("a week must start on a single day")
            return PartialDate.between(first.start, first.start + dt.timedelta(days=6))
    return None


def _range(text: str) -> PartialDate | None:
    """Two dates joined by a dash, 'to' or 'and': 2011–2012, March–May 2012, 3–5 March 2012.

    The first may borrow what it leaves out from the second ('March' takes the year of 'May
    2012'). A range that ends before it starts is refused.
    """
    for prefix in ("between ", "from "):
        if text.startswith(prefix):
            text = text[len(prefix):]
    for match in _RANGE_SEPARATORS.finditer(text):
        left, right = text[: match.start()].strip(), text[match.end():].strip()
        if not left or not right:
            continue
        try:
            last = _single(right)
        except DateNotUnderstood:
            continue
        if last is None:
            continue
        try:
            first = _single(left) or _borrow(left, last)
        except DateNotUnderstood:
            first = _borrow(left, last)
        if first is None:
            continue
        if last.end < first.start:
            raise DateNotUnderstood("the range ends before it starts")
        return PartialDate.between(first.start, max(first.end, last.end))
    return None


def _borrow(left: str, last: PartialDate) -> PartialDate | None:
    """Complete the first half of a range from the second: '3' of '3–5 March 2012'."""
    year, month = last.start.year, last.start.month
    if left.isdigit() and len(left) <= 2 and last.precision is Precision.DAY:
        return PartialDate.day(_day(year, month, int(left), ""))
    try:
        return _words(f"{left} {year}")
    except DateNotUnderstood:
        return None


# -- checks that say what is wrong ------------------------------------------------------------


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateNotUnderstood(f"the year {year} is not between {FIRST_YEAR} and {LAST_YEAR}")
    return year


def _day(year: int, month: int, day: int, order: str) -> dt.date:
    _year(year)
    if not 1 <= month <= 12:
        raise DateNotUnderstood(f"there is no month {month}" + (f" ({order})" if order else ""))
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateNotUnderstood(
            f"there is no day {day} in {calendar.month_name[month]} {year} (it has {last} days)"
        )
    return dt.date(year, month, day)


def _month(year: int, month: int) -> PartialDate:
    _year(year)
    if not 1 <= month <= 12:
        raise DateNotUnderstood(f"there is no month {month}")
    return PartialDate.month(year, month)


def _why_not(text: str) -> str:
    lowered = text.lower()
    if any(word in lowered.split() or lowered.startswith(word) for word in _FUZZY_WORDS):
        return (f"{text!r} is approximate; give the span it certainly lies in, e.g. "
                "'early 2012' or '2011–2012'")
    return f"{text!r} is not a date that can be read for certain"
