"""What `casereview status` and `casereview deadlines` show: sections that modules contribute.

A section is built by a function `(host, state, today) -> StatusSection | None` in the module
whose records it reads; the status command lists them in order (core.apps.cli.status,
STATUS_SECTIONS). Items with a due day also appear in `casereview deadlines`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from attrs import field, frozen

from core.kernel.converters import strings
from core.kernel.dates import short_date
from core.kernel.text import plural


@frozen
class DueItem:
    """Something with a due day: a statutory clock, a notification, an information request."""

    id: str
    title: str
    kind: str  # "deadline" | "notification" | "keep_until" | a contributor's own kind
    due: dt.date | None  # None: its start has not happened yet
    met_on: dt.date | None
    satisfied_by: str
    today: dt.date
    starts: str = ""
    applies: bool | None = True  # None: depends on something not yet recorded
    note: str = ""

    @property
    def days_left(self) -> int | None:
        """Calendar days until due (negative: overdue); None once met or not yet started."""
        if self.met_on or self.due is None:
            return None
        return (self.due - self.today).days

    @property
    def state(self) -> str:
        if self.applies is False:
            return "does not apply"
        if self.met_on:
            return "met late" if self.due and self.met_on > self.due else "met"
        if self.due is None:
            return "waiting"
        if self.kind == "keep_until":
            return "keep until due"
        return "overdue" if self.today > self.due else "due"

    @property
    def open(self) -> bool:
        """Still to be done, with a due day: what `deadlines` lists."""
        return self.state in ("due", "overdue")

    def describe(self) -> str:
        """One line for a person."""
        when = f"due {short_date(self.due)}" if self.due else "not started"
        left = self.days_left
        if self.state == "met" or self.state == "met late":
            assert self.met_on is not None
            tail = f"{self.state} on {short_date(self.met_on)}"
            if self.due and self.met_on > self.due:
                tail += f", {plural((self.met_on - self.due).days, 'day')} after it was due"
        elif left is not None and self.kind == "keep_until":
            tail = f"{plural(left, 'day')} to go"
        elif left is not None:
            tail = f"{plural(left, 'day')} left" if left >= 0 else f"{plural(-left, 'day')} overdue"
        else:
            tail = self.state
        return f"{self.title}: {when} — {tail}"

    def to_data(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "starts": self.starts,
            "due": self.due.isoformat() if self.due else None,
            "days_left": self.days_left,
            "state": self.state,
            "met": self.met_on is not None,
            "met_on": self.met_on.isoformat() if self.met_on else None,
            "satisfied_by": self.satisfied_by,
            "applies": self.applies,
            "note": self.note,
        }


# A typed converter (see core.kernel.converters), used only here.
def _items(values: Iterable[DueItem]) -> tuple[DueItem, ...]:
    return tuple(values)


@frozen
class StatusSection:
    key: str
    title: str
    items: tuple[DueItem, ...] = field(default=(), converter=_items)
    lines: tuple[str, ...] = field(default=(), converter=strings)
    warnings: tuple[str, ...] = field(default=(), converter=strings)

    def to_data(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "items": [item.to_data() for item in self.items],
            "lines": list(self.lines),
            "warnings": list(self.warnings),
        }
