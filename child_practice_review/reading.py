"""Reading the review team's YAML, one file kind at a time, collecting every problem with its file
and field (e.g. `timeline[3].entry`) so a reviewer can fix them all in one go."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from child_practice_review.records import EntryRef
from core.errors import CaseReviewError, InputProblem
from core.findings import individual_references, review_vocabulary
from core.state import ReviewState

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class Reader:
    """Reads one file's items, collecting problems rather than stopping at the first."""

    def __init__(self, file: str, state: ReviewState) -> None:
        self.file = file
        self.state = state
        self.problems: list[InputProblem] = []
        self.names = [p.name for p in state.participants.values() if p.name]

    def problem(self, at: str, message: str, expected: str | None = None) -> None:
        self.problems.append(InputProblem(message, file=self.file, field=at, expected=expected))

    def mapping(self, data: Any, at: str) -> dict[str, Any]:
        if isinstance(data, dict):
            return data
        self.problem(at, f"expected a mapping, found {type(data).__name__}")
        return {}

    def items(self, data: Any, key: str, at: str = "", *, optional: bool = False
              ) -> list[tuple[str, dict[str, Any]]]:
        """The list under `key` (or a bare list), each with its field path (under `at`, the
        path of the item holding the list). An `optional` list may be left out."""
        path = f"{at}.{key}" if at else key
        if isinstance(data, dict):
            data = data.get(key)
        if data is None and optional:
            return []
        if not isinstance(data, list):
            self.problem(path, f"expected a list of {key}", f"'{key}:' followed by a list")
            return []
        found = []
        for i, item in enumerate(data, 1):
            if isinstance(item, dict):
                found.append((f"{path}[{i}]", item))
            else:
                self.problem(f"{path}[{i}]", f"expected a mapping, found {item!r}")
        return found

    def known_keys(self, item: dict[str, Any], at: str, keys: Iterable[str]) -> None:
        allowed = set(keys)
        for key in sorted(set(item) - allowed, key=str):
            if key == "name":
                self.problem(f"{at}.name", "the review records people by role and agency, never "
                             "by name; remove 'name'")
            else:
                self.problem(f"{at}.{key}", f"unknown field {key!r}",
                             "one of " + ", ".join(sorted(allowed)))

    def text(self, item: dict[str, Any], key: str, at: str, *, required: bool = True) -> str:
        value = item.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(f"{at}.{key}", f"'{key}' is required")
            return ""
        if isinstance(value, dict | list):
            self.problem(f"{at}.{key}", f"'{key}' should be text, not {type(value).__name__}")
            return ""
        return " ".join(str(value).split())

    def texts(self, item: dict[str, Any], key: str, at: str, *, required: bool = False
              ) -> tuple[str, ...]:
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

    def flag(self, item: dict[str, Any], key: str, at: str, default: bool | None = None
             ) -> bool | None:
        value = item.get(key, default)
        if value is None or isinstance(value, bool):
            return value
        self.problem(f"{at}.{key}", f"{value!r} is not yes or no", "true or false")
        return default

    def day(self, item: dict[str, Any], key: str, at: str, *, required: bool = True
            ) -> dt.date | None:
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

    def unique_id(self, item: dict[str, Any], at: str, seen: set[str]) -> str:
        value = self.text(item, "id", at)
        if value and not _ID.match(value):
            self.problem(f"{at}.id", f"{value!r} is not a usable id", "letters, digits, - . _")
        elif value in seen:
            self.problem(f"{at}.id", f"the id {value!r} is used twice in this file")
        seen.add(value)
        return value

    def role(self, value: str, at: str) -> None:
        found = individual_references(value, allowed=review_vocabulary(self.state),
                                      names=self.names)
        if found:
            self.problem(at, f"{value!r} looks like a person ({', '.join(found)}); give the role, "
                         "never a name")

    def agency(self, value: str, at: str) -> str:
        """The review's spelling of an agency (matched loosely), or a problem."""
        if not value:
            return value
        from core.chronology import agency_named

        try:
            return agency_named(self.state, value)
        except CaseReviewError:
            known = sorted(set(self.state.agencies))
            self.problem(at, f"{value!r} is not an agency of this review",
                         "one of " + ", ".join(known) if known else "an agency added first")
            return value

    def entry(self, value: Any, at: str) -> EntryRef | None:
        """`{agency: ..., ref: ...}` -> the chronology entry it names."""
        if not isinstance(value, dict) or not value.get("agency") or not value.get("ref"):
            self.problem(at, "a chronology entry is named by its agency and source reference",
                         "{agency: ..., ref: ...}")
            return None
        agency, ref = str(value["agency"]).strip(), str(value["ref"]).strip()
        from core.chronology import find_entry

        try:
            entry = find_entry(self.state, agency, ref)
        except CaseReviewError as error:
            self.problem(at, f"no chronology entry {ref!r} from {agency}: {error}")
            return None
        return EntryRef(entry.agency, ref, entry.id)

    def plain(self, value: str, at: str) -> None:
        """Text meant for publication: refuse what looks like a named person."""
        found = individual_references(value, allowed=review_vocabulary(self.state),
                                      names=self.names)
        if found:
            self.problem(at, f"this text seems to name a person ({', '.join(found)}); published "
                         "text refers to people by role or relationship")
