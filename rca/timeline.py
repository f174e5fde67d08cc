"""Views of the incident built from the merged chronology: the tabular timeline with the NPSA
columns, the time–person grid (who was where, when) and the change analysis (what normally
happens against what happened).

The date, time, agency and what happened always come from the chronology as recorded; the
reviewers add only their columns (timeline.yaml), so an entry they have not annotated still
shows, and an annotation never rewrites the record.
"""

from __future__ import annotations

from typing import Any

from core.evidence.chronology.duplicates import confirmed_duplicates
from core.kernel.dates import long_span
from core.kernel.model import ChronologyEntry
from core.kernel.state import ReviewState
from rca import records as r
from rca.taxonomy import PROBLEM_KINDS


def _in_scope(entry: ChronologyEntry, timeline: r.Timeline) -> bool:
    if timeline.agencies and entry.agency not in timeline.agencies:
        return False
    return entry.date.overlaps(timeline.start, timeline.end)


def _standard(state: ReviewState, evidence_id: str) -> str:
    item = state.evidence.get(evidence_id)
    return item.title if item else evidence_id


def tabular_timeline(state: ReviewState) -> list[dict[str, Any]]:
    """One row per chronology entry in the timeline's period and agencies, in merged order,
    with the NPSA columns."""
    timeline = r.timeline(state)
    if timeline is None:
        return []
    notes = {row.entry.entry_id: row for row in timeline.rows}
    flagged: dict[str, list[str]] = {}
    for p in r.problems(state):
        for ref in p.rows:
            kind = PROBLEM_KINDS[p.kind].split(":")[0].lower()
            flagged.setdefault(ref.entry_id, []).append(f"{p.id}, {kind}: {p.title}")
    factors_by_problem: dict[str, list[str]] = {}
    for f in r.factors(state):
        factors_by_problem.setdefault(f.problem, []).append(f.id)
    roots: dict[str, list[str]] = {}
    for rc in r.root_causes(state):
        for pid in rc.problems:
            roots.setdefault(pid, []).append(rc.id)
    problem_ids = {p.id: p for p in r.problems(state)}
    # A confirmed duplicate shows once, naming the other record: the one the reviewers
    # annotated, or else the first.
    hidden: set[str] = set()
    also: dict[str, list[str]] = {}
    for second, first in confirmed_duplicates(state).items():
        if second not in state.chronology or first not in state.chronology:
            continue
        shown, other = (second, first) if second in notes and first not in notes \
            else (first, second)
        hidden.add(other)
        entry = state.chronology[other]
        also.setdefault(shown, []).append(f"{entry.agency} {entry.source_ref}")
    rows = []
    for entry in state.sorted_chronology():
        if entry.id in hidden or (not _in_scope(entry, timeline) and entry.id not in notes):
            continue
        note = notes.get(entry.id)
        linked = [p for p in problem_ids.values() if any(x.entry_id == entry.id for x in p.rows)]
        rows.append({
            "entry_id": entry.id,
            "when": long_span(entry.date) + (f", {entry.time}" if entry.time else ""),
            "agency": entry.agency,
            "ref": entry.source_ref,
            "also": also.get(entry.id, []),
            "who": entry.who,
            "what_happened": entry.what_happened,
            "should_have_happened": note.should_have_happened if note else "",
            "standards": [_standard(state, s) for s in note.standards] if note else [],
            "additional": note.additional if note else "",
            "missing": note.missing if note else "",
            "notable": note.notable if note else "",
            "problems": flagged.get(entry.id, []),
            "factors": [fid for p in linked for fid in factors_by_problem.get(p.id, [])],
            "root_causes": list(dict.fromkeys(rc for p in linked for rc in roots.get(p.id, []))),
        })
    return rows


def time_person_grid(state: ReviewState) -> dict[str, Any]:
    """Who was where, when: a column per moment of the timeline, a row per person (role and
    agency, as the chronology records them), each cell what they did then."""
    rows = tabular_timeline(state)
    moments = list(dict.fromkeys(row["when"] for row in rows))
    people: dict[str, dict[str, str]] = {}
    for row in rows:
        person = f"{row['who'] or 'Not recorded'} ({row['agency']})"
        cell = people.setdefault(person, {})
        cell[row["when"]] = "; ".join(x for x in (cell.get(row["when"]), row["ref"]) if x)
    return {"moments": moments,
            "people": [{"person": p, "cells": [cells.get(m, "") for m in moments]}
                       for p, cells in people.items()]}


def change_analysis(state: ReviewState) -> list[dict[str, Any]]:
    """Normal against actual for each problem: what should have happened (the reviewers' words
    and the standard), what happened (the chronology), and the difference (the problem)."""
    result = []
    for p in r.problems(state):
        entries = [state.chronology[x.entry_id] for x in p.rows if x.entry_id in state.chronology]
        entries.sort(key=lambda e: (e.date.sort_key, e.time, e.agency))
        actual = [f"{long_span(e.date)}, {e.agency} {e.source_ref}: {e.what_happened}"
                  for e in entries]
        result.append({
            "id": p.id, "kind": PROBLEM_KINDS[p.kind].split(":")[0].lower(), "title": p.title,
            "normal": p.expected or "Not yet stated: say what should have happened.",
            "standards": [_standard(state, s) for s in p.standards],
            "actual": actual, "difference": p.act_or_omission, "effect": p.effect,
        })
    return result
