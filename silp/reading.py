"""Reading the review team's YAML, field by field: every problem is collected with its file and
field (e.g. `reports[3].analysis[2].line`) so a reviewer can fix them all in one go; the loader
writes nothing while any remain."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from core.errors import CaseReviewError, InputProblem
from core.findings import individual_references, review_vocabulary
from core.state import ReviewState
from silp.records import EntryRef

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

    def mapping(self, data: Any, key: str) -> dict[str, Any]:
        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, dict):
            self.problem(key, f"expected '{key}:' followed by its fields")
            return {}
        return value

    def items(self, data: Any, key: str, *, required: bool = True, at: str = ""
              ) -> list[tuple[str, dict[str, Any]]]:
        """The list under `key` (inside the item at `at`), each item with its field path."""
        value = data.get(key) if isinstance(data, dict) else None
        path = f"{at}.{key}" if at else key
        if value is None and not required:
            return []
        if not isinstance(value, list):
            self.problem(path, f"expected a list of {key.replace('_', ' ')}",
                         f"'{key}:' followed by a list")
            return []
        found = []
        for i, item in enumerate(value, 1):
            if isinstance(item, dict):
                found.append((f"{path}[{i}]", item))
            else:
                self.problem(f"{path}[{i}]", f"expected a mapping, found {item!r}")
        return found

    def known_keys(self, item: dict[str, Any], at: str, keys: Iterable[str]) -> None:
        allowed = set(keys)
        for key in sorted(set(item) - allowed, key=str):
            if isinstance(key, bool):
                self.problem(f"{at}.{key}", "a field name was read as yes or no (YAML reads "
                             "on, off, yes and no that way)",
                             "one of " + ", ".join(sorted(allowed)))
            elif key == "name":
                self.problem(f"{at}.name", "SILP material records people by role and agency, "
                             "never by name; remove 'name'")
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
        if isinstance(value, str | int | float):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
            self.problem(f"{at}.{key}", f"'{key}' should be a list of text")
            return ()
        result = tuple(" ".join(str(v).split()) for v in value if str(v).strip())
        if required and not result:
            self.problem(f"{at}.{key}", f"'{key}' needs at least one item")
        return result

    def choice(self, item: dict[str, Any], key: str, at: str, options: Iterable[str], *,
               default: str | None = None) -> str:
        value = str(item.get(key) or default or "").strip()
        allowed = list(options)
        if value not in allowed:
            self.problem(f"{at}.{key}", f"{value!r} is not one of the choices",
                         "one of " + ", ".join(allowed))
            return ""
        return value

    def unique_id(self, item: dict[str, Any], at: str, seen: set[str], key: str = "id") -> str:
        value = self.text(item, key, at)
        if value and not _ID.match(value):
            self.problem(f"{at}.{key}", f"{value!r} is not a usable id", "letters, digits, - . _")
        elif value in seen:
            self.problem(f"{at}.{key}", f"the id {value!r} is used twice in this file")
        seen.add(value)
        return value

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
            known = sorted(set(self.state.agencies) | {e.agency for e in
                                                       self.state.chronology.values()})
            self.problem(at, f"{value!r} is not an agency of this review",
                         "one of " + ", ".join(known) if known else "an agency added first")
            return value

    def entry(self, value: Any, at: str, agency: str = "") -> EntryRef | None:
        """A chronology entry: "REF" (in `agency`'s chronology) or {agency: ..., ref: ...}."""
        if isinstance(value, str | int) and agency:
            value = {"agency": agency, "ref": str(value)}
        if not isinstance(value, dict) or not value.get("agency") or not value.get("ref"):
            self.problem(at, "a chronology entry is named by its source reference, or by its "
                         "agency and source reference", "REF or {agency: ..., ref: ...}")
            return None
        named, ref = str(value["agency"]).strip(), str(value["ref"]).strip()
        from core.chronology import find_entry

        try:
            entry = find_entry(self.state, named, ref)
        except CaseReviewError as error:
            self.problem(at, f"no chronology entry {ref!r} from {named}: {error}")
            return None
        return EntryRef(entry.agency, ref, entry.id)

    def entries(self, item: dict[str, Any], key: str, at: str, agency: str = "", *,
                required: bool = False) -> list[EntryRef]:
        value = item.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list) or (required and not value):
            self.problem(f"{at}.{key}", "expected a list of chronology entries",
                         "[REF, ...] or [{agency: ..., ref: ...}]")
            return []
        return [ref for i, v in enumerate(value, 1)
                if (ref := self.entry(v, f"{at}.{key}[{i}]", agency))]
