"""A chronology entry as one row of `rm_entries`, and back: one column per field, days as
whole numbers (days since 1 January 2000: two bytes a day in SQLite, not ten of ISO text), and
the short values thousands of entries repeat (agency, role, source file, import, how precise
the date is) as whole-number keys into `rm_values`, which holds each of them once."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from core.kernel.dates import PartialDate, Precision
from core.kernel.model import ChronologyEntry, Provenance, Sharing
from core.kernel.sql import Sql

COLUMNS = ("entry_id, date_start, date_end, date_precision, date_text, time, agency, "
           "what_happened, who, what_was_known, decision_or_action, source_ref, recorded_on, "
           "shared_with, prov_agency, prov_file, prov_row, prov_import, category, risk_grade")


class Values:
    """One review's short repeated values and their keys. A key, once given, names the same
    value for as long as the review's read models stand (a rebuild gives them all afresh), so
    what was read once stays true; a key not seen yet is read again from the table."""

    def __init__(self, sql: Callable[[], Sql], review_id: str) -> None:
        self._sql, self.review_id = sql, review_id
        self.texts: dict[int, str] = {}
        self.keys: dict[str, int] = {}
        self._read()

    def _read(self) -> None:
        for key, value in self._sql().rows("SELECT value_key, value FROM rm_values WHERE "
                                           "review_id = ?", (self.review_id,)):
            self.texts[key], self.keys[value] = value, key

    def text(self, key: int) -> str:
        found = self.texts.get(key)
        if found is None:
            self._read()
            found = self.texts[key]
        return found

    def key(self, value: str) -> int:
        """The value's key, given it now if it has none (inside the append's transaction)."""
        found = self.keys.get(value)
        if found is None:
            found = max(self.texts, default=-1) + 1
            self._sql().run("INSERT INTO rm_values (review_id, value_key, value) VALUES "
                            "(?, ?, ?)", (self.review_id, found, value))
            self.texts[found], self.keys[value] = value, found
        return found


EPOCH = dt.date(2000, 1, 1).toordinal()


def day(date: dt.date) -> int:
    """A date as stored: days since 1 January 2000 (earlier dates are negative)."""
    return date.toordinal() - EPOCH


_DAYS: dict[int, dt.date] = {}


def date_of(number: int) -> dt.date:
    """The date of a stored day number (a review's entries share a few thousand days)."""
    found = _DAYS.get(number)
    if found is None:
        if len(_DAYS) > 50_000:
            _DAYS.clear()
        found = _DAYS[number] = dt.date.fromordinal(number + EPOCH)
    return found


def to_row(review_id: str, entry: ChronologyEntry, values: Values) -> tuple[Any, ...]:
    date, source = entry.date, entry.provenance
    # The provenance agency is nearly always the entry's own: kept once, as '' for "the same".
    agency = "" if source.agency == entry.agency else (source.agency or None)
    shared = json.dumps([[s.agency, s.on.isoformat()] for s in entry.shared_with],
                        ensure_ascii=False) if entry.shared_with else ""
    key = values.key
    return (review_id, entry.id, day(date.start), day(date.end),
            key(date.precision.value), date.text, entry.time, key(entry.agency),
            entry.what_happened, key(entry.who), entry.what_was_known, entry.decision_or_action,
            entry.source_ref, day(entry.recorded_on) if entry.recorded_on else None, shared,
            agency, key(source.file), source.row, key(source.import_id), entry.category,
            entry.risk_grade)


_DATES: dict[tuple[int, int, str, str], PartialDate] = {}


def from_row(row: tuple[Any, ...], values: Values) -> ChronologyEntry:
    """The entry of a row read with COLUMNS, in that order."""
    (entry_id, start, end, precision, text, time, agency, what, who, known, decision, ref,
     recorded, shared, source_agency, file, number, import_id, category, risk_grade) = row
    value = values.text
    precision, agency, who, file, import_id = (
        value(precision), value(agency), value(who), value(file), value(import_id))
    key = (start, end, precision, text)
    date = _DATES.get(key)
    if date is None:  # thousands of entries share a handful of dates: one value each
        if len(_DATES) > 50_000:
            _DATES.clear()
        date = _DATES[key] = PartialDate(date_of(start), date_of(end), Precision(precision), text)
    sharings = tuple(Sharing(a, dt.date.fromisoformat(on)) for a, on in json.loads(shared)
                     ) if shared else ()
    return ChronologyEntry(
        entry_id, agency, date, what, time, who, known, decision, ref,
        date_of(recorded) if recorded is not None else None, sharings,
        Provenance(agency if source_agency == "" else (source_agency or ""), file, number,
                   import_id), category, risk_grade)
