"""Importing one agency's chronology file into a review: all of it, or none of it.

Every row is checked before anything is written; a file with any problem imports nothing and the
problems come back together (up to MAX_PROBLEMS), each naming file, row, column and what was
expected. A clean file becomes one journal event, `chronology.imported`, holding all its entries:
one transaction, however many rows.

Entry ids: `<agency>-<import number>-<row>`, e.g. `police-3-14` is row 14 of the review's third
import, from Police. The import number counts the review's imports from 1 and is never reused,
so an id never changes and the same file imported twice gets new ids (flagged as duplicates).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from attrs import frozen

from core.evidence.chronology import cells
from core.evidence.chronology.agencies import alias_events, known_names
from core.evidence.chronology.columns import IGNORE, ColumnPlan, normalise, plan_columns
from core.evidence.chronology.columns import unknown_map_columns as _unknown_map_columns
from core.evidence.chronology.reading import HEADING_SEARCH_ROWS, Sheet, read_sheet
from core.kernel import codec
from core.kernel.date_forms import EXPECTED_DAY, DateNotUnderstood
from core.kernel.dates import PartialDate, Precision
from core.kernel.errors import InputProblem, InputProblems, InvalidValue
from core.kernel.model import Agency, AgencyKind, ChronologyEntry
from core.kernel.state import ReviewState, put, put_record
from core.statutory.commissioning import conflicts, lead_reviewers

MAX_PROBLEMS = 50
IMPORTS = "core/imports"  # records written by the `chronology.imported` reducer (core.kernel.state)
COLUMN_MAPS = "core/column-map"  # saved --map choices, one record per agency
IMPORTED = "chronology.imported"
_TEXT_FIELDS = ("who", "what_was_known", "decision_or_action", "source_ref", "category",
                "risk_grade")


@frozen
class ImportPlan:
    """What an import will write (or, for a dry run, would write)."""

    import_id: str
    agency: str
    new_agency: bool
    file: str
    sha256: str
    heading_row: int
    columns: ColumnPlan
    entries: list[dict[str, Any]]  # each entry as journal data (codec form)
    warnings: tuple[str, ...]
    events: list[tuple[str, dict[str, Any]]]

    def entry_values(self) -> list[ChronologyEntry]:
        return [codec.from_data(data, ChronologyEntry) for data in self.entries]


@codec.collector_paused()
def plan_import(
    state: ReviewState,
    path: str | Path,
    *,
    agency: str,
    kind: str | None = None,
    mapping: Mapping[str, str] | None = None,
    sheet: str | None = None,
    save_map: bool = False,
    aliases: Sequence[str] = (),
    century: int | None = None,
    table: Sheet | None = None,
) -> ImportPlan:
    """Read and check `path` for `agency`; raise InputProblems listing every problem found."""
    path = Path(path)
    name = path.name
    try:
        table = table or read_sheet(path, sheet=sheet)  # `table`: a part of a combined file
    except InputProblem as problem:
        raise InputProblems([problem]) from None
    agency_name, new_agency = _agency(state, agency)
    saved = state.record_collection(COLUMN_MAPS).get(agency_name, {}).get("columns", {})
    heading_index, columns = _find_headings(table, mapping or {}, saved)
    heading_row = table.rows[heading_index][0] if table.rows else 1
    problems = [InputProblem(text, file=name, row=heading_row) for text in columns.problems]
    problems += [
        InputProblem(f"--map names a column {column!r} that the file does not have", file=name,
                     row=heading_row, expected=f"one of {', '.join(map(repr, columns.headings))}")
        for column in _unknown_map_columns(mapping or {}, columns.headings)
    ]
    if problems:
        raise InputProblems(problems)
    number = len(state.record_collection(IMPORTS)) + 1
    import_id = f"import-{number}"
    names = known_names(state) | {normalise(agency_name): agency_name}
    names |= {normalise(alias): agency_name for alias in aliases}
    reader = _RowReader(table, columns, agency_name, import_id, number, names,
                        _century(century))
    entries = reader.read(table.rows[heading_index + 1:])
    if reader.problems:
        raise InputProblems(reader.problems, limit_reached=reader.limit_reached)
    if not entries:
        raise InputProblems([InputProblem("the file has headings but no entries", file=name)])
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    events: list[tuple[str, dict[str, Any]]] = []
    if new_agency:
        events.append(put("agencies", Agency(agency_name, AgencyKind(kind or "other"))))
    events += alias_events(state, agency_name, aliases)
    if save_map:
        chosen = {columns.headings[i]: f for f, i in columns.fields.items()}
        chosen |= {c: f for c, f in (mapping or {}).items() if f == IGNORE}
        saved_map = {"agency": agency_name, "columns": chosen}
        events.append(put_record(COLUMN_MAPS, agency_name, saved_map))
    events.append((IMPORTED, {
        "import_id": import_id, "agency": agency_name, "file": name, "sha256": sha256,
        "format": table.kind, "sheet": table.sheet, "encoding": table.encoding,
        "delimiter": table.delimiter, "heading_row": heading_row,
        "columns": {f: columns.headings[i] for f, i in columns.fields.items()},
        "entries": entries,
    }))
    warnings = [*reader.warnings, *(_independence_warnings(state, agency_name) if new_agency
                                     else [])]
    return ImportPlan(import_id, agency_name, new_agency, name, sha256, heading_row, columns,
                      entries, tuple(warnings), events)


def _independence_warnings(state: ReviewState, agency: str) -> list[str]:
    """A new agency that employs or employed a lead reviewer: the evidence still comes in, but
    the reviewer's independence (seed 2.6) must be settled, as when an agency is added by hand."""
    return [f"{person.name or person.title} ({person.id}), a lead reviewer, is or was employed "
            f"by {agency}, which this import adds to the review; a lead reviewer must be "
            "independent of the agencies involved: appoint another or record why"
            for person in lead_reviewers(state) if conflicts(person, [agency])]


def _agency(state: ReviewState, agency: str) -> tuple[str, bool]:
    """The review's spelling of `agency` (matched ignoring case and punctuation), and whether
    it is new to the review."""
    if not agency.strip():
        raise InvalidValue("give the agency the file comes from with --agency NAME")
    known = known_names(state).get(normalise(agency))
    if known is not None:
        return known, known not in state.agencies
    return " ".join(agency.split()), True


def _find_headings(
    table: Sheet, mapping: Mapping[str, str], saved: Mapping[str, str]
) -> tuple[int, ColumnPlan]:
    """The heading row: the first of the top rows in which the required fields are found
    (a title above the headings is allowed); else the first row, with its problems."""
    first: tuple[int, ColumnPlan] | None = None
    for index, (_, values) in enumerate(table.rows[:HEADING_SEARCH_ROWS]):
        plan = plan_columns(values, mapping, saved)
        if first is None:
            first = (index, plan)
        if plan.matched >= 2 and not plan.problems:
            return index, plan
    if first is None:
        return 0, plan_columns([], mapping, saved)
    for index, (_, values) in enumerate(table.rows[:HEADING_SEARCH_ROWS]):
        plan = plan_columns(values, mapping, saved)
        if plan.matched >= 2:
            return index, plan  # the likeliest heading row, with its problems
    return first


class _RowReader:
    """Turns data rows into entry data, collecting problems instead of stopping at the first."""

    def __init__(self, table: Sheet, columns: ColumnPlan, agency: str, import_id: str,
                 number: int, agencies: dict[str, str], century: str = "") -> None:
        self.century = century
        self.table, self.columns, self.agency = table, columns, agency
        self.import_id, self.agencies = import_id, agencies
        self.prefix = f"{_slug(agency)}-{number}-"
        self.problems: list[InputProblem] = []
        self.warnings: list[str] = []
        self.limit_reached = False
        self.width = len(columns.headings)
        self.fields = tuple(columns.fields.items())
        self.provenance = {"agency": agency, "file": table.name, "import_id": import_id}

    def problem(self, row: int, field: str | None, message: str, expected: str | None) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.limit_reached = True
            return
        heading = self.columns.headings[self.columns.fields[field]] if field else None
        self.problems.append(InputProblem(message, file=self.table.name, row=row,
                                          field=heading, expected=expected))

    def read(self, rows: Sequence[tuple[int, list[Any]]]) -> list[dict[str, Any]]:
        entries = []
        refs: dict[str, int] = {}
        for number, values in rows:
            if self.limit_reached:
                break
            entry = self.entry(number, values)
            if entry is None:
                continue
            entries.append(entry)
            ref = entry.get("source_ref", "")
            if ref and ref in refs:
                self.warnings.append(f"row {number} has the same source reference {ref!r} as "
                                     f"row {refs[ref]}")
            refs.setdefault(ref, number)
        return entries

    def entry(self, number: int, values: list[Any]) -> dict[str, Any] | None:
        """One row as entry data, or None (with its problems noted). Empty fields are left out
        of the data (the model's defaults fill them), which keeps the journal small."""
        if len(values) > self.width and any(cells.text(v) for v in values[self.width:]):
            extra = next(i for i in range(self.width, len(values)) if cells.text(values[i]))
            self.problem(number, None, f"this row has a value in column {extra + 1}, which "
                         "has no heading", "every value under a heading (a comma inside a CSV "
                         "cell needs the cell in quotes)")
            return None
        cell = self.cells(values)
        if self.century:
            for name in ("date", "recorded_on"):
                if isinstance(cell.get(name), str):
                    cell[name] = _SHORT_YEAR.sub(
                        lambda m: f"{m.group(1)}{self.century}{m.group(3)}", cell[name])
        before = len(self.problems)
        what = cells.text(cell.get("what_happened"))
        if not what:
            self.problem(number, "what_happened", "what happened is empty", "a description")
        date = time = date_data = None
        try:
            date, time, date_data = _date(cell.get("date"), self.table.epoch)
        except (DateNotUnderstood, InvalidValue) as error:
            self.problem(number, "date", str(error), getattr(error, "expected", None))
        if "time" in cell:
            try:
                time = _time(cell["time"])
            except DateNotUnderstood as error:
                self.problem(number, "time", str(error), error.expected)
        data: dict[str, Any] = {"id": f"{self.prefix}{number}", "agency": self.agency,
                                "date": date_data, "what_happened": what}
        if time:
            data["time"] = time
        for field in _TEXT_FIELDS:
            if field in cell:
                data[field] = cells.text(cell[field])
        if "recorded_on" in cell:
            recorded_on = self.later_day(number, cell["recorded_on"], date)
            if recorded_on:
                data["recorded_on"] = recorded_on.isoformat()
        if "shared_with" in cell:
            data["shared_with"] = self.shared(number, cell["shared_with"], date)
        if len(self.problems) > before or date is None:
            return None
        data["provenance"] = self.provenance | {"row": number}
        return data

    def cells(self, values: list[Any]) -> dict[str, Any]:
        """The row's non-empty cells by field (text cells stripped)."""
        found: dict[str, Any] = {}
        size = len(values)
        for field, index in self.fields:
            if index >= size or (value := values[index]) is None:
                continue
            if value.__class__ is str:
                value = value.strip() if "\r" not in value else cells.text(value)
                if not value:
                    continue
            found[field] = value
        return found

    def later_day(self, number: int, value: Any, date: PartialDate | None) -> dt.date | None:
        try:
            found, _, _ = _date(value, self.table.epoch)
            if found.precision is not Precision.DAY:
                raise DateNotUnderstood(f"{cells.text(value)!r} is not a single day",
                                        EXPECTED_DAY)
        except DateNotUnderstood as error:
            self.problem(number, "recorded_on", str(error), error.expected)
            return None
        if date and found.start < date.start:
            self.problem(number, "recorded_on", f"recorded on {found.start:%d/%m/%Y}, before "
                         f"the entry's date ({date})", f"a day on or after {date.start:%d/%m/%Y}")
        return found.start

    def shared(self, number: int, value: Any, date: PartialDate | None) -> list[dict]:
        try:
            pairs = cells.sharings(value, self.agencies)
        except DateNotUnderstood as error:
            self.problem(number, "shared_with", str(error), error.expected)
            return []
        out = []
        for agency, on in pairs:
            if date and on < date.start:
                self.problem(number, "shared_with", f"shared with {agency} on {on:%d/%m/%Y}, "
                             f"before the entry's date ({date})",
                             f"a day on or after {date.start:%d/%m/%Y}")
            out.append({"agency": agency, "on": on.isoformat()})
        return out


@functools.lru_cache(maxsize=8192)
def _date_text(value: str) -> tuple[PartialDate, str, dict[str, str]]:
    # Many rows share a date; reading each distinct text once keeps large imports fast.
    date, time = cells.when(value)
    return date, time, codec.to_data(date)


def _date(value: Any, epoch: dt.date | None) -> tuple[PartialDate, str, dict[str, str]]:
    if isinstance(value, str):
        return _date_text(value)
    if value is None:
        return _date_text("")
    date, time = cells.when(value, epoch)
    return date, time, codec.to_data(date)


@functools.lru_cache(maxsize=2048)
def _time_text(value: str) -> str:
    return cells.time_of_day(value)


def _time(value: Any) -> str:
    return _time_text(value) if isinstance(value, str) else cells.time_of_day(value)


# A day with a two-digit year, "03/03/12" or "3-3-12 14:30", and where its year starts.
_SHORT_YEAR = re.compile(r"^(\s*\d{1,2}([/.-])(?:\d{1,2}|[A-Za-z]{3,9})\2)(\d{2})(?=\s|T|$)")


def _century(year: int | None) -> str:
    """The first two digits --century gives two-digit years ("20" for --century 2000)."""
    if year is None:
        return ""
    if year % 100 or not 1900 <= year <= 2000:
        raise InvalidValue(f"--century takes the first year of a century, 1900 or 2000, not "
                           f"{year}: --century 2000 reads 03/03/12 as 3 March 2012")
    return str(year // 100)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "agency"
