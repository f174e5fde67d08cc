"""The knowledge horizon: the merged chronology as one agency (or any) knew it on a given day.

This keeps hindsight out of analysis and learning events ("see practice from the viewpoint of
the people at the time"). The rule, the same for every caller:

* The agency that recorded an entry knew it from `entry.known_to_recorder_from`: the later of
  the last day of the entry's date span and the day it was recorded. A fuzzy date counts only
  once its whole span has passed: an entry dated "March 2024" is not known on 10 March 2024, but
  is on 31 March; "2011–2012" is known from 31 December 2012. Erring late is deliberate: showing
  something before it was certainly known would be hindsight.
* Another agency knew it from the day it was told: a `Sharing(agency, on)` with `on` on or
  before the day asked about. A sharing date is direct evidence, so it counts even inside a
  fuzzy span (the importer refuses a sharing dated before the span starts).

Agency names are matched ignoring case, spaces and punctuation, and through the agency's
aliases ("Children's social care" in a police file can name "Tessingford Council Children's
Services"; see `core.evidence.chronology.agencies`).
"""

from __future__ import annotations

import datetime as dt
import weakref
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from core.evidence.chronology.agencies import keys_for
from core.evidence.chronology.columns import normalise
from core.kernel.model import ChronologyEntry, merged
from core.kernel.state import ReviewState, shown


def knows(entry: ChronologyEntry, names: frozenset[str] | None, on: dt.date) -> bool:
    """Whether the agency going by `names` (normalised names and aliases, from
    `core.evidence.chronology.agencies.keys_for`; None: any agency) knew of `entry` by the end of
    `on`."""
    if names is None:
        return entry.known_to_recorder_from <= on or any(s.on <= on for s in entry.shared_with)
    if entry.known_to_recorder_from <= on and normalise(entry.agency) in names:
        return True
    return any(s.on <= on and normalise(s.agency) in names for s in entry.shared_with)


def known_by(state: ReviewState, agency: str | None, on: dt.date) -> list[ChronologyEntry]:
    """Entries `agency` had recorded or been told of by `on`, in chronology order.
    `agency=None` gives what any agency knew. Aliases of the agency count as the agency."""
    names = None if agency is None else keys_for(state, agency)
    return merged(e for e in state.chronology.values() if knows(e, names, on))


def known_by_any(
    state: ReviewState, agencies: Iterable[str], on: dt.date
) -> list[ChronologyEntry]:
    """Entries at least one of `agencies` knew by `on` (e.g. those in a learning event's room)."""
    entries = state.chronology
    return merged(entries[key] for key in known_ids(state, agencies, on))


def known_ids(state: ReviewState, agencies: Iterable[str], on: dt.date) -> set[str]:
    """The ids of the entries at least one of `agencies` knew by `on`: the same rule as
    `knows`, answered from each agency's horizon, worked out once per review."""
    names = frozenset().union(*(keys_for(state, agency) for agency in agencies))
    index = _horizons(state)
    found: set[str] = set()
    for name in names:
        days, ids = index.get(name, ((), ()))
        found.update(ids[:bisect_right(days, on)])
    return found


def _knowledge(state: ReviewState) -> Iterable[tuple[str, str, dt.date, list]]:
    found = getattr(state.chronology, "knowledge", None)  # the read models: without the entries
    if found is not None:
        return found()
    return ((e.id, e.agency, e.known_to_recorder_from, [(s.agency, s.on) for s in e.shared_with])
            for e in state.chronology.values())


# One review's horizons, kept while it is asked about again (a report asks once per episode).
_LAST: tuple[Any, int, dict[str, tuple[list[dt.date], list[str]]]] | None = None


def _horizons(state: ReviewState) -> dict[str, tuple[list[dt.date], list[str]]]:
    """Normalised agency name -> the days it came to know entries, in order, and their ids."""
    global _LAST
    entries = shown(state.chronology)  # the same for every hook's read-only view of it
    if _LAST is not None and _LAST[0]() is entries and _LAST[1] == state.seq:
        return _LAST[2]
    # Kept only for a review read from its read models and not changed since: a state a
    # command is changing in memory is worked out afresh each time.
    in_sync = getattr(entries, "in_sync", None)
    keep = in_sync is not None and in_sync(state.seq)
    names: dict[str, str] = {}

    def key(agency: str) -> str:
        found = names.get(agency)
        if found is None:
            found = names[agency] = normalise(agency)
        return found

    known: dict[str, list[tuple[dt.date, str]]] = defaultdict(list)
    for entry_id, agency, known_from, told in _knowledge(state):
        known[key(agency)].append((known_from, entry_id))
        for other, on in told:
            known[key(other)].append((on, entry_id))
    index = {}
    for name, pairs in known.items():
        pairs.sort()
        index[name] = ([day for day, _ in pairs], [entry_id for _, entry_id in pairs])
    if keep:
        _LAST = (weakref.ref(entries), state.seq, index)
    return index
