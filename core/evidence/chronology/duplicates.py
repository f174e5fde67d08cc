"""Likely duplicate entries, for a person to confirm or dismiss. Nothing is ever dropped.

Two entries are a likely duplicate when their dates are the same span and their "what happened"
texts are near-identical (at least 80% of their words in common), and they were recorded by two
agencies or came in by two imports (the same row imported twice). Within one file, only rows
saying exactly the same thing (the same words in the same order) are flagged: a system that
exported one record twice; rows that merely resemble each other are that agency's own record.

The comparison itself is core.kernel.similarity's, which the read models use too.
Decisions are journal records in `core/duplicate-decision`, keyed "<first id>|<second id>".
"""

from __future__ import annotations

from collections import defaultdict
from itertools import chain
from typing import Any

from attrs import frozen

from core.kernel.errors import InvalidValue, NotFound
from core.kernel.model import ChronologyEntry, merge_key
from core.kernel.readmodels.stored import stored_entries
from core.kernel.similarity import WORD, similar_pairs
from core.kernel.state import ReviewState, put_record

DECISIONS = "core/duplicate-decision"


@frozen
class LikelyDuplicate:
    first: ChronologyEntry  # the earlier in chronology order
    second: ChronologyEntry
    similarity: float
    decision: str = ""  # "", "confirmed" or "dismissed"
    note: str = ""

    @property
    def key(self) -> str:
        return f"{self.first.id}|{self.second.id}"


def likely_duplicates(state: ReviewState, *, include_decided: bool = True) -> list[LikelyDuplicate]:
    """Every likely duplicate pair, in chronology order of the first entry."""
    decisions = state.record_collection(DECISIONS)
    stored = _stored_pairs(state)
    if stored is not None:
        pairs = []
        for first, second, score in stored:
            decided = decisions.get(f"{first.id}|{second.id}", {})
            if decided and not include_decided:
                continue
            pairs.append(LikelyDuplicate(first, second, score, decided.get("decision", ""),
                                         decided.get("note", "")))
        return sorted(pairs, key=lambda p: (merge_key(p.first), merge_key(p.second)))
    by_span: dict[tuple, list[ChronologyEntry]] = defaultdict(list)
    for entry in state.chronology.values():
        by_span[(entry.date.start, entry.date.end)].append(entry)
    pairs = []
    for group in by_span.values():
        if len(group) < 2:
            continue
        for a, b, score in _similar(group):
            same_file = a.agency == b.agency and a.provenance.import_id == b.provenance.import_id
            if same_file and _words(a) != _words(b):
                continue
            first, second = sorted((a, b), key=merge_key)
            decided = decisions.get(f"{first.id}|{second.id}", {})
            if decided and not include_decided:
                continue
            pairs.append(LikelyDuplicate(first, second, round(score, 2),
                                         decided.get("decision", ""), decided.get("note", "")))
    return sorted(pairs, key=lambda p: (merge_key(p.first), merge_key(p.second)))


def flagged_in_import(state: ReviewState, import_id: str) -> list[str]:
    """The keys of the likely duplicates an import brought in (one of the pair is its own),
    from the read model when the review was read from it: without reading every pair."""
    entries = stored_entries(state)
    if entries is None:
        return [pair.key for pair in likely_duplicates(state)
                if import_id in (pair.first.provenance.import_id,
                                 pair.second.provenance.import_id)]
    found = entries.sql.rows("SELECT first_id, second_id FROM rm_duplicates WHERE review_id = ?",
                             (state.id,))
    ours = entries.of_import(chain.from_iterable(found), import_id)
    found = [(first, second) for first, second in found if first in ours or second in ours]
    entries.prefetch(chain.from_iterable(found))
    pairs = sorted(found, key=lambda pair: (merge_key(entries[pair[0]]),
                                            merge_key(entries[pair[1]])))
    return [f"{first}|{second}" for first, second in pairs]


def _stored_pairs(state: ReviewState) -> list[tuple[Any, Any, float]] | None:
    """The pairs the read model keeps (core.kernel.readmodels.duplicates), if the review was read
    from it: found when the entries came in, not again for every question."""
    entries = stored_entries(state)
    if entries is None:
        return None
    found = entries.sql.rows("SELECT first_id, second_id, similarity FROM rm_duplicates "
                             "WHERE review_id = ?", (state.id,))
    entries.prefetch(chain.from_iterable((a, b) for a, b, _ in found))
    return [(entries[a], entries[b], float(score)) for a, b, score in found]


def _similar(group: list[ChronologyEntry]) -> list[tuple[ChronologyEntry, ChronologyEntry, float]]:
    """Pairs of the group at least SIMILARITY alike."""
    return [(group[j], group[i], score)
            for j, i, score in similar_pairs([e.what_happened for e in group])]


def _words(entry: ChronologyEntry) -> list[str]:
    return WORD.findall(entry.what_happened.casefold())


def decide(
    state: ReviewState, first_id: str, second_id: str, decision: str, note: str = "",
    *, keep: str | None = None,
) -> tuple[str, dict[str, Any]]:
    """The journal event recording a person's decision on a flagged pair.

    `decision` is "confirmed" (the same event, recorded twice; both entries stay, and the
    other is marked a duplicate of the one kept) or "dismissed" (two different events). The
    entry kept is `keep`, else the first as the person gave them (`first_id`)."""
    keep = keep or first_id
    if keep not in (first_id, second_id):
        raise InvalidValue(f"the entry to keep, {keep}, is not one of the pair {first_id} and "
                           f"{second_id}")
    if decision not in ("confirmed", "dismissed"):
        raise InvalidValue(
            f"a decision on a likely duplicate is confirmed or dismissed, not {decision!r}"
        )
    for entry_id in (first_id, second_id):
        if entry_id not in state.chronology:
            raise NotFound(f"there is no chronology entry {entry_id!r} in review {state.id}")
    wanted = {first_id, second_id}
    for pair in likely_duplicates(state):
        if {pair.first.id, pair.second.id} == wanted:
            record = {"first": pair.first.id, "second": pair.second.id, "decision": decision,
                      "note": note}
            if decision == "confirmed":
                record["keep"] = keep
            return put_record(DECISIONS, pair.key, record)
    raise InvalidValue(
        f"{first_id} and {second_id} are not flagged as likely duplicates; "
        "`casereview duplicates REVIEW list` shows the pairs flagged"
    )


def confirmed_duplicates(state: ReviewState) -> dict[str, str]:
    """Entry id -> the entry it was confirmed to duplicate (the one the person kept; decisions
    recorded before a keeper could be named keep the earlier entry)."""
    found = {}
    for record in state.record_collection(DECISIONS).values():
        if record.get("decision") != "confirmed":
            continue
        keep = record.get("keep") or record["first"]
        other = record["second"] if keep == record["first"] else record["first"]
        if keep in state.chronology and other in state.chronology:  # neither withdrawn since
            found[other] = keep
    return found


def keeper(pair: LikelyDuplicate, rule: str) -> str:
    """The entry of `pair` to keep under `rule`: "earlier" or "later" in chronology order, an
    import ("import-2"), or an agency (its entry is kept)."""
    if rule == "earlier":
        return pair.first.id
    if rule == "later":
        return pair.second.id
    for entry, other in ((pair.first, pair.second), (pair.second, pair.first)):
        if rule in (entry.provenance.import_id, entry.agency) and rule not in (
                other.provenance.import_id, other.agency):
            return entry.id
    raise InvalidValue(f"--keep {rule!r} does not choose between {pair.first.id} and "
                       f"{pair.second.id}; give earlier, later, an import both do not share, "
                       "or an agency both do not share")
