"""The merged chronology: every agency's entries in one timeline, and finding one entry.

The order itself is the model's (`core.kernel.model.merge_key`; the read models keep it too).
Precision-aware: by the start of each entry's date span, then its end, so on the same
first day a single day comes before the month or year that contains it ("3 March 2012" before
"March 2012" before "2012"); then by time of day (entries without a time first), agency, the
order of import and the row in the agency's file.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.evidence.chronology.agencies import agency_named
from core.kernel.errors import NotFound
from core.kernel.model import ChronologyEntry, import_number, merged
from core.kernel.state import ReviewState


def chronology(state: ReviewState, agency: str | None = None) -> list[ChronologyEntry]:
    """The review's merged chronology, or one agency's part of it (name matched loosely)."""
    entries: Iterable[ChronologyEntry] = state.chronology.values()
    if agency is not None:
        name = agency_named(state, agency)
        entries = (e for e in entries if e.agency == name)
    return merged(entries)


def find_entry(state: ReviewState, agency: str, source_ref: str) -> ChronologyEntry:
    """The entry `agency` gave the reference `source_ref` (exactly as in its file).

    If the same row was imported more than once, the earliest import's entry is the one found.
    """
    name = agency_named(state, agency)
    ref = source_ref.strip()
    found = [e for e in state.chronology.values() if e.agency == name and e.source_ref == ref]
    if not found:
        raise NotFound(f"{name} has no chronology entry with the source reference {ref!r}")
    return min(found, key=lambda e: (import_number(e.provenance.import_id),
                                     e.provenance.row or 0, e.id))


def imports(state: ReviewState) -> list[dict]:
    """The review's imports, oldest first: id, agency, file, number of entries, ..."""
    notes = state.record_collection("core/imports")
    return [notes[key] | {"import_id": key} for key in sorted(notes, key=import_number)]
