"""One cell of an agency file into one field of a chronology entry, or a reason it cannot be.

Cells come as text (CSV) or as typed values (XLSX: datetime, number, text). Each reader raises
DateNotUnderstood (an InvalidValue) carrying what was expected; the importer adds file, row and
column.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from typing import Any

from core.evidence.chronology.columns import normalise
from core.kernel.date_forms import (
    EXCEL_EPOCH,
    EXPECTED_DAY,
    DateNotUnderstood,
    from_excel_serial,
    parse_agency_day,
    parse_date_and_time,
    parse_time,
)
from core.kernel.dates import PartialDate, Precision

EXPECTED_SHARING = (
    "each agency told and the day, e.g. \"Children's social care 05/06/2024; School 07/06/2024\""
)
_PIECES = re.compile(r"\s*[;\n]+\s*")
_AROUND_NAME = " \t-–—:,.()[]"
_NAME_THEN_DAY = re.compile(
    r"(.*?)[\s(:,–—-]+(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{1,2}-\d{1,2})\)?"
)
# What core.evidence.chronology.export puts an apostrophe before (FORMULA_STARTS), so a spreadsheet
# shows
# the cell as text; an exported chronology imported again loses the apostrophe.
_EXPORT_ESCAPED = frozenset("=+-@\t\r")
_JOINING_WORDS = ("on", "at", "by", "to", "shared", "with", "told", "and")


def text(value: Any) -> str:
    """A cell as text: numbers without a spurious '.0', dates as ISO, line ends as '\\n'."""
    if type(value) is str:  # the usual case, first: CSV cells are all text
        if value[:1] == "'" and value[1:2] in _EXPORT_ESCAPED:
            value = value[1:]  # the apostrophe our own export put before a formula-like cell
        return value.strip() if "\r" not in value else value.replace("\r\n", "\n").strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def when(value: Any, epoch: dt.date | None = None) -> tuple[PartialDate, str]:
    """A date cell: its date and, when the cell carries one, its time of day ("HH:MM")."""
    if isinstance(value, dt.datetime):
        time = value.time()
        return PartialDate.day(value.date()), "" if time == dt.time() else f"{time:%H:%M}"
    if isinstance(value, dt.date):
        return PartialDate.day(value), ""
    if isinstance(value, bool):
        raise DateNotUnderstood(f"{value!r} is not a date")
    if isinstance(value, int | float):
        if isinstance(value, int) or value.is_integer():
            whole = int(value)
            if 1000 <= whole <= 9999:  # a year typed into a number cell
                return parse_date_and_time(str(whole))
        return from_excel_serial(float(value), epoch=epoch or EXCEL_EPOCH)
    return parse_date_and_time(text(value))


def time_of_day(value: Any) -> str:
    """A time cell as "HH:MM": text, a time value, or Excel's fraction of a day."""
    if isinstance(value, dt.datetime):
        value = value.time()
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"
    return parse_time(text(value))


def day(value: Any, epoch: dt.date | None = None) -> dt.date | None:
    """A cell that must hold one day (e.g. the day something was recorded); blank is None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    found, _ = when(value, epoch)
    if found.precision is not Precision.DAY:
        raise DateNotUnderstood(f"{text(value)!r} is not a single day", EXPECTED_DAY)
    return found.start


def sharings(value: Any, agencies: Mapping[str, str]) -> list[tuple[str, dt.date]]:
    """The 'shared with' cell: [(agency, day told), ...].

    `agencies` maps a normalised name to the review's spelling, so "childrens social care"
    becomes the review's "Children's Social Care"; other names are kept as written.
    """
    found: list[tuple[str, dt.date]] = []
    for piece in _PIECES.split(text(value)):
        if not piece.strip(_AROUND_NAME):
            continue
        try:
            found.append(_one_sharing(piece))
        except DateNotUnderstood:
            if "," not in piece:
                raise
            # "School 07/06/2024, Police 08/06/2024": commas between pairs, if each is a pair
            found.extend(_one_sharing(part) for part in piece.split(",") if part.strip())
    return [(_canonical(name, agencies), on) for name, on in found]


@functools.lru_cache(maxsize=4096)
def _one_sharing(piece: str) -> tuple[str, dt.date]:
    """One agency and the day it was told, as written (cached: files repeat them)."""
    if match := _NAME_THEN_DAY.fullmatch(piece.strip()):  # the usual form, without trial parses
        name = _agency_name(match.group(1).split())
        if name and not any(c.isdigit() for c in name):
            return name, parse_agency_day(match.group(2))
    words = piece.split()
    # The date at the end ("School 7 June 2024") or at the start ("07/06/2024 School"),
    # trying the shortest date first.
    for size in range(1, len(words)):
        for name_words, date_words in ((words[:-size], words[-size:]),
                                       (words[size:], words[:size])):
            date_text = " ".join(date_words).strip(_AROUND_NAME)
            name = _agency_name(name_words)
            # an agency's name has no digits: they belong to the date
            if not name or any(c.isdigit() for c in name) or not date_text:
                continue
            try:
                return name, parse_agency_day(date_text)
            except DateNotUnderstood:
                continue
    raise DateNotUnderstood(
        f"{piece.strip()!r} does not give an agency and a day", EXPECTED_SHARING
    )


def _agency_name(words: list[str]) -> str:
    words = [w for w in (w.strip(_AROUND_NAME) for w in words) if w]
    while words and words[0].lower() in _JOINING_WORDS:
        words = words[1:]
    while words and words[-1].lower() in _JOINING_WORDS:
        words = words[:-1]
    return " ".join(words)


def _canonical(name: str, agencies: Mapping[str, str]) -> str:
    return agencies.get(normalise(name), name)
