"""Reading a review team's YAML material field by field, for methodology plugins.

A `Reader` reads one file and collects every problem with its file and field (e.g.
`episodes[2].appraisal.cites[1]`) rather than stopping at the first, so a reviewer can fix them
all in one go; a plugin's loader proposes nothing while any remain. A methodology subclasses it
for the fields only it has, and sets the wording its users see where methods differ.
`material_files` and `read_material` find and parse a folder of the method's files; a
`LoadPlan` gathers the changes a load proposes and counts what is new, changed or unchanged;
`preview` shows the review as the changes read so far would leave it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from core.analysis.findings import individual_references, review_vocabulary
from core.evidence.chronology.merge import agency_named, find_entry
from core.kernel.errors import CaseReviewError, InputProblem, InputProblems
from core.kernel.files import read_yaml
from core.kernel.journal import Event
from core.kernel.model import ChronologyEntry
from core.kernel.state import ReviewState

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class Reader:
    """Reads one file's items, collecting problems rather than stopping at the first."""

    #: what a `name:` field is told: the method records people by role, never by name
    name_rule = "people are recorded by role, never by name; remove 'name'"
    #: where an id must be unique: " in this file", or "" when the ids span the whole load
    id_scope = " in this file"
    #: how a list should be written, shown when a list is missing
    list_form = "'{key}:' followed by a list"
    #: whether a file may be a bare list of items rather than `key:` and the list
    bare_lists = False

    def __init__(self, file: str, state: ReviewState) -> None:
        self.file = file
        self.state = state
        self.problems: list[InputProblem] = []
        self.names = [p.name for p in state.participants.values() if p.name]

    def problem(self, at: str, message: str, expected: str | None = None) -> None:
        self.problems.append(InputProblem(message, file=self.file, field=at, expected=expected))

    def items(self, data: Any, key: str, at: str = "", *, required: bool = True
              ) -> list[tuple[str, dict[str, Any]]]:
        """The list under `key` (inside the item at `at`), each item with its field path."""
        value = data.get(key) if isinstance(data, dict) else (data if self.bare_lists else None)
        path = f"{at}.{key}" if at else key
        if value is None and not required:
            return []
        if not isinstance(value, list):
            self.problem(path, f"expected a list of {key.replace('_', ' ')}",
                         self.list_form.format(key=key))
            return []
        found = []
        for i, item in enumerate(value, 1):
            if isinstance(item, dict):
                found.append((f"{path}[{i}]", item))
            else:
                self.problem(f"{path}[{i}]", f"expected a mapping, found {item!r}")
        return found

    def known_keys(self, item: dict[str, Any], at: str, keys: Iterable[str]) -> None:
        """A problem for every field of `item` not among `keys`."""
        allowed = set(keys)
        for key in sorted(set(item) - allowed, key=str):
            self.unknown_key(key, f"{at}.{key}" if at else str(key), allowed)

    def unknown_key(self, key: Any, where: str, allowed: set[str]) -> None:
        if key == "name":
            self.problem(where, self.name_rule)
        else:
            self.problem(where, f"unknown field {key!r}", "one of " + ", ".join(sorted(allowed)))

    def text(self, item: dict[str, Any], key: str, at: str, *, required: bool = True) -> str:
        """One line of text, its spaces tidied; "" when it is missing."""
        value = item.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(f"{at}.{key}", f"'{key}' is required")
            return ""
        if isinstance(value, dict | list):
            self.problem(f"{at}.{key}", f"'{key}' should be text, not {self.kind_of(value)}")
            return ""
        return " ".join(str(value).split())

    def kind_of(self, value: Any) -> str:
        """How a value that is not text is named in a problem."""
        return type(value).__name__

    def texts(self, item: dict[str, Any], key: str, at: str, *, required: bool = False
              ) -> tuple[str, ...]:
        """A list of text (or one text alone), empty items left out."""
        value = item.get(key)
        if value is None:
            if required:
                self.problem(f"{at}.{key}", f"'{key}' is required", "a list")
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
            self.problem(f"{at}.{key}", f"'{key}' should be a list of text")
            return ()
        result = tuple(" ".join(str(v).split()) for v in value if str(v).strip())
        if required and not result:
            self.problem(f"{at}.{key}", f"'{key}' needs at least one item")
        return result

    def unique_id(self, item: dict[str, Any], at: str, seen: set[str], key: str = "id") -> str:
        """An id made of letters, digits, '-', '.' and '_', not in `seen` (which it joins)."""
        value = self.text(item, key, at)
        if value and not _ID.match(value):
            self.problem(f"{at}.{key}", f"{value!r} is not a usable id", "letters, digits, - . _")
        elif value in seen:
            self.problem(f"{at}.{key}", f"the id {value!r} is used twice{self.id_scope}")
        seen.add(value)
        return value

    def day(self, item: dict[str, Any], key: str, at: str, *, required: bool = True
            ) -> dt.date | None:
        """A day written YYYY-MM-DD (or read by YAML as a date), or None."""
        value = item.get(key)
        if value is None:
            if required:
                self.problem(f"{at}.{key}", f"'{key}' is required", "a day, YYYY-MM-DD")
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.problem(f"{at}.{key}", f"{value!r} is not a day", "YYYY-MM-DD")
            return None

    def role(self, value: str, at: str) -> None:
        """A problem when a role looks like a person's name."""
        found = individual_references(value, allowed=review_vocabulary(self.state),
                                      names=self.names)
        if found:
            self.problem(at, f"{value!r} looks like a person ({', '.join(found)}); give the role, "
                         "never a name")

    def agency(self, value: str, at: str) -> str:
        """The review's spelling of an agency (matched loosely), or a problem."""
        if not value:
            return value
        try:
            return agency_named(self.state, value)
        except CaseReviewError:
            known = self.agencies_to_suggest()
            self.problem(at, f"{value!r} is not an agency of this review",
                         "one of " + ", ".join(known) if known else "an agency added first")
            return value

    def agencies_to_suggest(self) -> list[str]:
        """The agencies a problem with an agency's name suggests."""
        return sorted(set(self.state.agencies) | {e.agency for e in
                                                  self.state.chronology.values()})

    def entry_named(self, value: Any, at: str) -> tuple[str, str, str] | None:
        """`{agency: ..., ref: ...}` -> the entry's agency, the reference and the entry's id."""
        if not isinstance(value, dict) or not value.get("agency") or not value.get("ref"):
            self.problem(at, "a chronology entry is named by its agency and source reference",
                         "{agency: ..., ref: ...}")
            return None
        agency, ref = str(value["agency"]).strip(), str(value["ref"]).strip()
        entry = self.chronology_entry(agency, ref, at)
        return (entry.agency, ref, entry.id) if entry else None

    def chronology_entry(self, agency: str, ref: str, at: str) -> ChronologyEntry | None:
        """The entry `agency` records under its source reference `ref`, or None with a problem."""
        try:
            return find_entry(self.state, agency, ref)
        except CaseReviewError as error:
            self.problem(at, f"no chronology entry {ref!r} from {agency}: {error}")
            return None


def material_files(directory: Path, files: Mapping[str, str], method: str) -> dict[str, Path]:
    """kind -> path of each of the method's `files` (kind -> file name) found in `directory`;
    refuses a folder that holds none of them, naming the method."""
    if not directory.is_dir():
        raise InputProblems([InputProblem("is not a folder", file=str(directory))])
    paths = {kind: directory / name for kind, name in files.items() if (directory / name).exists()}
    if not paths:
        raise InputProblems([InputProblem(
            f"holds none of the {method} files", file=str(directory),
            expected=", ".join(files.values()))])
    return paths


def read_material(paths: Mapping[str, Path], described: Callable[[str], str]
                  ) -> dict[str, tuple[str, Any]]:
    """kind -> (file name, parsed YAML) for each file in `paths` that holds something: a
    file of notes only (a starting file not yet filled in) is left out. `described(kind)` is
    how a problem names the file, e.g. "the findings file"."""
    documents = {kind: (str(path), read_yaml(path, described(kind)))
                 for kind, path in paths.items()}
    return {kind: document for kind, document in documents.items() if document[1] is not None}


class LoadPlan:
    """What a load would write, how many of each were new, changed or unchanged, and warnings."""

    def __init__(self) -> None:
        # the changes (core.kernel.state's put, put_record ...) to propose
        self.events: list[Any] = []
        self.counts: dict[str, dict[str, int]] = {}
        self.warnings: list[str] = []

    def add(self, kind: str, held: Any, new: Any, events: Iterable[Any]) -> None:
        """Count one item of `kind` (as held and as read, in plain data) and keep its changes
        unless it is unchanged: what is already recorded is not written again."""
        counts = self.counts.setdefault(kind, {"new": 0, "changed": 0, "unchanged": 0})
        if held is None:
            counts["new"] += 1
        elif held == new:
            counts["unchanged"] += 1
            return
        else:
            counts["changed"] += 1
        self.events.extend(events)

    def describe(self) -> list[str]:
        return [f"{kind}: {c['new']} new, {c['changed']} changed, {c['unchanged']} unchanged"
                for kind, c in self.counts.items()]


def preview(state: ReviewState, changes: Iterable[tuple[str, dict[str, Any]]]) -> ReviewState:
    """The review as it would be after `changes`, for checks that need them in place."""
    copy = ReviewState(
        id=state.id, seq=state.seq, header=state.header, stage=state.stage,
        collections={name: dict(values) for name, values in state.collections.items()},
        records={name: dict(values) for name, values in state.records.items()},
    )
    moment = dt.datetime.now(dt.UTC)
    for offset, (kind, payload) in enumerate(changes, 1):
        copy.apply(Event(state.id, state.seq + offset, moment, "preview", kind, payload))
    return copy
