"""Reading the review team's YAML, one file kind at a time, collecting every problem with its file
and field (e.g. `timeline[3].entry`) so a reviewer can fix them all in one go."""

from __future__ import annotations

from typing import Any

from child_practice_review.records import EntryRef
from core.analysis import material_reading
from core.analysis.findings import individual_references, review_vocabulary


class Reader(material_reading.Reader):
    """Reads one file's items, collecting problems rather than stopping at the first."""

    name_rule = "the review records people by role and agency, never by name; remove 'name'"
    bare_lists = True

    def mapping(self, data: Any, at: str) -> dict[str, Any]:
        if isinstance(data, dict):
            return data
        self.problem(at, f"expected a mapping, found {type(data).__name__}")
        return {}

    def flag(self, item: dict[str, Any], key: str, at: str, default: bool | None = None
             ) -> bool | None:
        value = item.get(key, default)
        if value is None or isinstance(value, bool):
            return value
        self.problem(f"{at}.{key}", f"{value!r} is not yes or no", "true or false")
        return default

    def agencies_to_suggest(self) -> list[str]:
        return sorted(self.state.agencies)  # the agencies added to the review, not the rows

    def entry(self, value: Any, at: str) -> EntryRef | None:
        """`{agency: ..., ref: ...}` -> the chronology entry it names."""
        found = self.entry_named(value, at)
        return EntryRef(*found) if found else None

    def plain(self, value: str, at: str) -> None:
        """Text meant for publication: refuse what looks like a named person."""
        found = individual_references(value, allowed=review_vocabulary(self.state),
                                      names=self.names)
        if found:
            self.problem(at, f"this text seems to name a person ({', '.join(found)}); published "
                         "text refers to people by role or relationship")
