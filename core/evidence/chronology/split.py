"""A combined file holding several agencies' entries (a health chronology with a `Service`
column: GP, hospital, health visiting), split into one import per agency, all or nothing."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from attrs import evolve

from core.evidence.chronology import cells
from core.evidence.chronology.columns import IGNORE, normalise
from core.evidence.chronology.importer import ImportPlan, plan_import
from core.evidence.chronology.reading import HEADING_SEARCH_ROWS, Sheet, read_sheet
from core.kernel.errors import InputProblem, InputProblems
from core.kernel.state import ReviewState
from core.plugin_api.reviews import previewed


def split_by_agency(table: Sheet, column: str) -> dict[str, Sheet]:
    """Agency name (as the file writes it) -> the file's heading rows and that agency's rows."""
    heading_index = _heading_row(table, column)
    if heading_index is None:
        headings = [cells.text(v) for _, values in table.rows[:1] for v in values]
        raise InputProblems([InputProblem(
            f"--agency-column {column!r} is not a heading of the file", file=table.name,
            expected="one of " + ", ".join(repr(h) for h in headings if h))])
    _, headings = table.rows[heading_index]
    at = next(i for i, h in enumerate(headings) if normalise(h) == normalise(column))
    parts: dict[str, list[tuple[int, list[Any]]]] = {}
    problems = []
    for row, values in table.rows[heading_index + 1:]:
        agency = cells.text(values[at]) if at < len(values) else ""
        if not agency:
            problems.append(InputProblem("the agency is empty", file=table.name, row=row,
                                         field=cells.text(headings[at]),
                                         expected="the agency that recorded the entry"))
            continue
        parts.setdefault(" ".join(agency.split()), []).append((row, values))
    if problems:
        raise InputProblems(problems)
    head = table.rows[: heading_index + 1]
    return {agency: evolve(table, rows=[*head, *rows]) for agency, rows in parts.items()}


def _heading_row(table: Sheet, column: str) -> int | None:
    for index, (_, values) in enumerate(table.rows[:HEADING_SEARCH_ROWS]):
        if any(normalise(v) == normalise(column) for v in values):
            return index
    return None


def plan_split_import(state: ReviewState, path: str | Path, column: str, *,
                      mapping: Mapping[str, str], sheet: str | None = None,
                      kind: str | None = None, century: int | None = None,
                      ) -> list[ImportPlan]:
    """One import plan per agency of the combined file, each planned on the review as the
    previous plans leave it, so their ids follow on; any problem in any part stops them all."""
    try:
        table = read_sheet(path, sheet=sheet)
    except InputProblem as problem:
        raise InputProblems([problem]) from None
    mapping = {**mapping, column: IGNORE}
    plans: list[ImportPlan] = []
    preview = state
    problems: list[InputProblem] = []
    for agency, part in split_by_agency(table, column).items():
        try:
            plan = plan_import(preview, path, agency=agency, kind=kind, mapping=mapping,
                               century=century, table=part)
        except InputProblems as found:
            problems += found.problems
            continue
        plans.append(plan)
        preview = previewed(preview, plan.events)
    if problems:
        # A heading problem is found in every part: say it once.
        raise InputProblems(list({str(p): p for p in problems}.values()))
    return plans
