"""A chronology entry as one row of `rm_entries`, and back: one column per field, days as
whole numbers (days since 1 January 2000: two bytes a day in SQLite, not ten of ISO text), and
the short values thousands of entries repeat (agency, role, source file, import, how precise
the date is) as whole-number keys into `rm_values`, which holds each of them once. An entry's
id is kept as the key of its text and its trailing number: the ids of one import share the
text ("northwold-police-3-"), so each id costs a few bytes, wherever it is kept."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from core.kernel.dates import PartialDate, Precision
from core.kernel.model import ChronologyEntry, Provenance, Sharing
from core.kernel.sql import Sql

COLUMNS = ("id_prefix, id_number, date_start, date_end, date_precision, date_text, time, agency, "
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

_NUMBERED = re.compile(r"(.*?)([1-9][0-9]{0,8})")  # fits a 32-bit INTEGER


def split_id(entry_id: str) -> tuple[str, int]:
    """An id as its text and trailing number, "agency-3-0" and 12 for "agency-3-012"; an id
    not ending in a number is its text and 0."""
    found = _NUMBERED.fullmatch(entry_id)
    return (found[1], int(found[2])) if found else (entry_id, 0)


def join_id(text: str, number: int) -> str:
    return f"{text}{number}" if number else text


def id_clauses(values: Values, ids: Iterable[str], server: bool = False
               ) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """SQL conditions (and their parameters) finding these ids' rows of rm_entries, a few
    hundred at a time (on a server, all of one text at once); an id whose text has no key is
    in no row."""
    numbers: dict[int, set[int]] = defaultdict(set)
    for entry_id in ids:
        text, number = split_id(entry_id)
        key = values.keys.get(text)
        if key is not None:
            numbers[key].add(number)
    for key, found in sorted(numbers.items()):
        ordered = sorted(found)
        if server:
            yield "id_prefix = ? AND id_number = ANY(?)", (key, ordered)
            continue
        for start in range(0, len(ordered), 500):
            chunk = ordered[start:start + 500]
            yield f"id_prefix = ? AND id_number IN ({', '.join('?' * len(chunk))})", (key, *chunk)


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
    text, number = split_id(entry.id)
    return (review_id, key(text), number, day(date.start), day(date.end),
            key(date.precision.value), date.text, entry.time, key(entry.agency),
            entry.what_happened, key(entry.who), entry.what_was_known, entry.decision_or_action,
            entry.source_ref, day(entry.recorded_on) if entry.recorded_on else None, shared,
            agency, key(source.file), source.row, key(source.import_id), entry.category,
            entry.risk_grade)


_DATES: dict[tuple[int, int, str, str], PartialDate] = {}


def from_row(row: tuple[Any, ...], values: Values) -> ChronologyEntry:
    """The entry of a row read with COLUMNS, in that order."""
    (prefix, id_number, start, end, precision, text, time, agency, what, who, known, decision,
     ref, recorded, shared, source_agency, file, number, import_id, category, risk_grade) = row
    value = values.text
    entry_id = join_id(value(prefix), id_number)
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
