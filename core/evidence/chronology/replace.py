"""Replacing an import with a corrected file: what matches is carried over, nothing is lost.

An agency resends its chronology (names removed, a row added, a date put right). The corrected
file is read and checked like any import, then each of its rows is matched with an entry of the
import it replaces:

1. the same source reference (when the agency gives them);
2. else the same date and the same words;
3. else the same date and most of the words (a name replaced by a pseudonym, a typo mended).

A matched entry keeps its id, so every finding, episode and decision that cites it still does,
and takes the corrected text as a new version (the journal keeps the old). Rows with no match
are added as new entries; entries with no row in the corrected file are withdrawn. An entry
that another record cites cannot vanish: the replacement is refused, naming the record to
correct first. Every change is one journal batch, with the reason given.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from attrs import frozen

from core.evidence.chronology.importer import IMPORTED, IMPORTS, ImportPlan
from core.kernel import codec
from core.kernel.corrections import citations, require_reason, withdrawal
from core.kernel.errors import InvalidValue, NotFound
from core.kernel.model import ChronologyEntry
from core.kernel.state import ReviewState

_WORD = re.compile(r"[^\W_]+")
SIMILAR = 0.5  # share of words in common for "most of the words"


@frozen
class Replacement:
    """What replacing an import changes, for the person to read before and after."""

    replaced: str
    plan: ImportPlan
    unchanged: list[str]  # entry ids carried over as they were
    corrected: list[str]  # entry ids carried over with changes
    added: list[str]  # new entry ids
    withdrawn: list[str]  # entry ids with no row in the corrected file
    events: list[tuple[str, dict[str, Any]]]

    def summary(self) -> str:
        parts = [f"{len(self.unchanged)} unchanged", f"{len(self.corrected)} corrected",
                 f"{len(self.added)} added", f"{len(self.withdrawn)} withdrawn"]
        return (f"{self.plan.import_id} replaces {self.replaced} for {self.plan.agency}: "
                + ", ".join(parts))


def replace_import(state: ReviewState, replaced: str, plan: ImportPlan,
                   reason: str) -> Replacement:
    """The changes that make `plan` (a corrected file, already checked) replace import
    `replaced`."""
    note = state.record_collection(IMPORTS).get(replaced)
    if note is None:
        known = ", ".join(sorted(state.record_collection(IMPORTS))) or "none yet"
        raise NotFound(f"no import {replaced!r} in review {state.id}; imports: {known}",
                       hint="`casereview chronology REVIEW --imports` lists them")
    if note.get("withdrawn"):
        raise InvalidValue(f"{replaced} was withdrawn ({note['withdrawn']}); import the file "
                           "as a new import instead")
    if note.get("replaced_by"):
        raise InvalidValue(f"{replaced} was already replaced by {note['replaced_by']}; replace "
                           "that one instead")
    if note.get("agency") != plan.agency:
        raise InvalidValue(f"{replaced} holds {note.get('agency')}'s entries, not "
                           f"{plan.agency}'s; give --agency {note.get('agency')!r}")
    old = [e for e in state.chronology.values() if e.provenance.import_id == replaced]
    new = plan.entry_values()
    matches = _match(old, new)
    entries: list[dict[str, Any]] = []
    unchanged: list[str] = []
    corrected: list[str] = []
    added: list[str] = []
    for entry, data in zip(new, plan.entries, strict=True):
        before = matches.get(entry.id)
        if before is None:
            entries.append(data)
            added.append(entry.id)
            continue
        data = data | {"id": before.id}
        entries.append(data)
        same = _content(codec.from_data(data, ChronologyEntry)) == _content(before)
        (unchanged if same else corrected).append(before.id)
    kept = {e.id for e in matches.values()}
    gone = sorted(e.id for e in old if e.id not in kept)
    cited = citations(state, skip="chronology")
    lost = {entry_id: cited[entry_id] for entry_id in gone if cited.get(entry_id)}
    if lost:
        named = "; ".join(f"{k} (cited by {', '.join(v)})" for k, v in lost.items())
        raise InvalidValue(f"the corrected file has no row for entries that other records "
                           f"cite: {named}; nothing was changed",
                           hint="correct those records first, or check that the file is the "
                           "same agency's chronology")
    events = [*(e for e in plan.events if e[0] != IMPORTED)]
    payload = dict(next(e[1] for e in plan.events if e[0] == IMPORTED))
    payload |= {"entries": entries, "replaces": replaced, "reason": reason}
    events.append((IMPORTED, payload))
    events += [withdrawal(state, "chronology", entry_id, reason, cited=cited)
               for entry_id in gone]
    return Replacement(replaced, plan, unchanged, corrected, added, gone, events)


def _content(entry: ChronologyEntry) -> dict[str, Any]:
    data = codec.entry_data(entry)
    data.pop("provenance", None)
    return data


def _match(old: list[ChronologyEntry],
           new: list[ChronologyEntry]) -> dict[str, ChronologyEntry]:
    """New entry id -> the old entry it corrects (each old entry matched at most once)."""
    free = {e.id: e for e in old}
    found: dict[str, ChronologyEntry] = {}

    def take(entry: ChronologyEntry, candidate: ChronologyEntry) -> None:
        found[entry.id] = candidate
        del free[candidate.id]

    by_ref: dict[str, list[ChronologyEntry]] = defaultdict(list)
    for e in old:
        if e.source_ref:
            by_ref[e.source_ref].append(e)
    for entry in new:
        for candidate in by_ref.get(entry.source_ref, []) if entry.source_ref else []:
            if candidate.id in free:
                take(entry, candidate)
                break
    by_day: dict[tuple, list[ChronologyEntry]] = defaultdict(list)  # compare within a day only
    for e in old:
        by_day[_day(e)].append(e)
    for test in (_same_words, _similar_words):
        for entry in new:
            if entry.id in found:
                continue
            for candidate in by_day.get(_day(entry), []):
                if candidate.id in free and test(candidate, entry):
                    take(entry, candidate)
                    break
    return found


def _day(entry: ChronologyEntry) -> tuple:
    # The span, not the text the agency typed: "03/03/2023" and "3 March 2023" are one day.
    return (entry.date.start, entry.date.end)


def _words(entry: ChronologyEntry) -> list[str]:
    return _WORD.findall(entry.what_happened.casefold())


def _same_words(a: ChronologyEntry, b: ChronologyEntry) -> bool:
    return _words(a) == _words(b)


def _similar_words(a: ChronologyEntry, b: ChronologyEntry) -> bool:
    one, two = set(_words(a)), set(_words(b))
    return bool(one | two) and len(one & two) >= SIMILAR * len(one | two)


def withdraw_import(state: ReviewState, import_id: str, reason: str) -> list[tuple[str, dict]]:
    """The events withdrawing a whole import: each of its entries still held, and a note on the
    import itself (its number is never given again). Refused while another record cites one
    of its entries."""
    note = state.record_collection(IMPORTS).get(import_id)
    if note is None:
        known = ", ".join(sorted(state.record_collection(IMPORTS))) or "none yet"
        raise NotFound(f"no import {import_id!r} in review {state.id}; imports: {known}")
    if note.get("withdrawn"):
        raise InvalidValue(f"{import_id} was already withdrawn ({note['withdrawn']})")
    reason = require_reason(reason)
    cited = citations(state, skip="chronology")
    held = sorted(e.id for e in state.chronology.values() if e.provenance.import_id == import_id)
    lost = {entry_id: cited[entry_id] for entry_id in held if cited.get(entry_id)}
    if lost:
        named = "; ".join(f"{k} (cited by {', '.join(v)})" for k, v in lost.items())
        raise InvalidValue(f"{import_id} cannot be withdrawn while other records cite its "
                           f"entries: {named}; nothing was changed",
                           hint="correct those records first, or replace the import with a "
                           "corrected file (`import --replace`)")
    events = [withdrawal(state, "chronology", entry_id, reason, cited=cited) for entry_id in held]
    events.append(("record.put", {"collection": IMPORTS, "key": import_id,
                                  "value": note | {"withdrawn": reason}, "reason": reason}))
    return events
