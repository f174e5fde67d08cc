"""The one family of errors a user sees; the CLI turns each into a one-line message."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from core.kernel.text import plural

T = TypeVar("T")


class CaseReviewError(Exception):
    """Base of every error meant for the person at the keyboard (exit code 1)."""

    hint: str | None = None

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint


class InvalidValue(CaseReviewError, ValueError):
    """A value that cannot be true: a notification dated before the incident, an action with no
    owner. Raised by model validators, so the message names the field in plain English."""


class InputProblem(CaseReviewError):
    """Bad input from a file, naming where it is (a text file's line, a table's row and column)
    and what was expected."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        field: str | None = None,
        expected: str | None = None,
        line: int | None = None,
    ) -> None:
        self.file, self.row, self.field, self.expected = file, row, field, expected
        self.line = line
        where = ", ".join(
            part
            for part in (
                file,
                f"line {line}" if line is not None else None,
                f"row {row}" if row is not None else None,
                f"column {field!r}" if field else None,
            )
            if part
        )
        text = f"{where}: {message}" if where else message
        if expected:
            text += f" (expected {expected})"
        super().__init__(text)


class InputProblems(CaseReviewError):
    """Several input problems reported together, so a coordinator can fix them in one go."""

    def __init__(self, problems: list[InputProblem], *, limit_reached: bool = False) -> None:
        self.problems = problems
        self.limit_reached = limit_reached
        lines = [str(p) for p in problems]
        if limit_reached:
            lines.append("... and more; fix these first (nothing was imported).")
        super().__init__(
            f"{plural(len(problems), 'problem')} found; nothing was changed:\n  "
            + "\n  ".join(lines)
        )


class NotFound(CaseReviewError):
    """A review, entry, plugin or other named thing that does not exist."""


class TransitionRefused(CaseReviewError):
    """A lifecycle move that a guard refused; the review is unchanged."""

    def __init__(self, source: str, target: str, reasons: list[str]) -> None:
        self.source, self.target, self.reasons = source, target, reasons
        listed = "\n  - ".join(reasons)
        super().__init__(
            f"cannot move from {source!r} to {target!r}; the review is unchanged:\n  - {listed}"
        )


class ConflictError(CaseReviewError):
    """Someone else changed the review between our read and our write."""


class StoreError(CaseReviewError):
    """The database cannot be used: not a casereview database, or a newer schema version."""


class PluginError(CaseReviewError):
    """A plugin raised; the review is unchanged. The original exception is the __cause__."""

    def __init__(self, plugin: str, hook: str, error: BaseException) -> None:
        self.plugin, self.hook, self.error = plugin, hook, error
        super().__init__(f"plugin {plugin!r} failed in {hook}: {error}")


class PluginConflict(CaseReviewError):
    """Two plugins registered the same name."""


class GraphInvalid(CaseReviewError):
    """The causal graph breaks a rule (a causal loop, a finding with no evidence, ...).

    `problems` holds every problem found, each in plain English, so all can be fixed in one go.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        listed = "\n  - ".join(self.problems)
        super().__init__(
            f"the causal graph has {plural(len(self.problems), 'problem')}:\n  - {listed}",
            hint="`casereview graph REVIEW --check` lists them; fix the links and check again",
        )


def lookup(items: Mapping[str, T], key: str, missing: str, *, none: str = "none yet") -> T:
    """`items[key]`, or NotFound saying `missing` and listing the keys there are, so the person
    can see what to type instead."""
    try:
        return items[key]
    except KeyError:
        known = ", ".join(sorted(items)) or none
        raise NotFound(f"{missing}; known: {known}") from None
