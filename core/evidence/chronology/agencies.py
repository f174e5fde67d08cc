"""Agency names as the files write them: "Children's social care", "MASH", "School".

A review knows each agency by one name. Other agencies' files call it what they call it, so an
agency can have aliases (records in `core/agency-alias`, keyed by the normalised alias). Names
are compared ignoring case, spaces and punctuation.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.evidence.chronology.columns import normalise
from core.kernel.errors import InvalidValue, NotFound
from core.kernel.state import ReviewState, put_record

ALIASES = "core/agency-alias"


def known_names(state: ReviewState) -> dict[str, str]:
    """Normalised name or alias -> the review's name for the agency."""
    names = {normalise(n): n for n in entry_agencies(state)}
    names |= {normalise(n): n for n in state.agencies}
    names |= {key: record["agency"] for key, record in state.record_collection(ALIASES).items()}
    return names


def entry_agencies(state: ReviewState) -> set[str]:
    """The agencies that recorded the review's entries (from the read model when it has them,
    without reading every entry)."""
    entries = state.chronology
    found = getattr(entries, "agencies", None)
    return found() if found is not None else {e.agency for e in entries.values()}


def agency_named(state: ReviewState, agency: str) -> str:
    """The review's name for `agency` (its name or an alias, loosely matched)."""
    found = known_names(state).get(normalise(agency))
    if found is None:
        listed = ", ".join(sorted(set(known_names(state).values()))) or "none yet"
        raise NotFound(f"no agency called {agency!r} in review {state.id}; agencies: {listed}")
    return found


def keys_for(state: ReviewState, agency: str) -> frozenset[str]:
    """Every normalised name `agency` goes by: its own, and its aliases."""
    names = known_names(state)
    name = names.get(normalise(agency), agency)
    return frozenset({normalise(name)} | {key for key, n in names.items() if n == name})


def alias_events(
    state: ReviewState, agency: str, aliases: Iterable[str]
) -> list[tuple[str, dict[str, Any]]]:
    """Events recording `aliases` for `agency`; refuses an alias another agency already has."""
    events: list[tuple[str, dict[str, Any]]] = []
    names = known_names(state)
    for alias in aliases:
        key = normalise(alias)
        if not key:
            raise InvalidValue("an agency alias cannot be empty")
        holder = names.get(key)
        if holder is not None and holder != agency:
            raise InvalidValue(f"{alias!r} already names {holder}; an alias names one agency")
        if holder is None:
            events.append(put_record(ALIASES, key, {"alias": alias.strip(), "agency": agency}))
    return events
