"""Reading the review team's YAML, field by field: every problem is collected with its file and
field (e.g. `reports[3].analysis[2].line`) so a reviewer can fix them all in one go; the loader
writes nothing while any remain."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.analysis import material_reading
from silp.records import EntryRef


class Reader(material_reading.Reader):
    """Reads one file's items, collecting problems rather than stopping at the first."""

    name_rule = "SILP material records people by role and agency, never by name; remove 'name'"

    def mapping(self, data: Any, key: str) -> dict[str, Any]:
        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, dict):
            self.problem(key, f"expected '{key}:' followed by its fields")
            return {}
        return value

    def unknown_key(self, key: Any, where: str, allowed: set[str]) -> None:
        if isinstance(key, bool):
            self.problem(where, "a field name was read as yes or no (YAML reads on, off, yes "
                         "and no that way)", "one of " + ", ".join(sorted(allowed)))
        else:
            super().unknown_key(key, where, allowed)

    def texts(self, item: dict[str, Any], key: str, at: str, *, required: bool = False
              ) -> tuple[str, ...]:
        value = item.get(key)
        if isinstance(value, int | float):  # a number alone is one item of text, as a word is
            return super().texts({key: str(value)}, key, at, required=required)
        return super().texts(item, key, at, required=required)

    def choice(self, item: dict[str, Any], key: str, at: str, options: Iterable[str], *,
               default: str | None = None) -> str:
        value = str(item.get(key) or default or "").strip()
        allowed = list(options)
        if value not in allowed:
            self.problem(f"{at}.{key}", f"{value!r} is not one of the choices",
                         "one of " + ", ".join(allowed))
            return ""
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
        entry = self.chronology_entry(named, ref, at)
        return EntryRef(entry.agency, ref, entry.id) if entry else None

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
