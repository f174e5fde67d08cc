"""Loading the review team's YAML into a review: all of it checked first, then written at once.

The files (any subset; see docs/methodologies/child-practice-review.md):
terms-of-reference.yaml, panel.yaml, notices.yaml, timeline.yaml, events.yaml (the learning
event, family meetings, panel meetings, each with what was said), learning.yaml,
briefing.yaml and press-statement.yaml. Learning events become core LearningEvents, what was
said core Contributions taken into core Evidence (citing the significant events it speaks to);
learning goes through `core.analysis.findings.record`, so the core's and the method's checks apply.
A file with any problem changes nothing; an item already recorded unchanged is not written again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from attrs import evolve

from child_practice_review import readers
from child_practice_review.meetings import contribution_evidence
from child_practice_review.reading import Reader
from child_practice_review.records import (
    BRIEFING,
    INVITATIONS,
    NOTICES,
    PANEL,
    PRESS,
    TERMS,
    TIMELINE,
    put_one,
    timeline,
)
from core import hookimpl
from core.analysis import findings
from core.analysis.material_reading import LoadPlan, material_files, preview, read_material
from core.kernel import codec
from core.kernel.errors import InputProblem, InputProblems
from core.kernel.state import ReviewState, put
from core.plugin_api.methodology import Material

FILES = {"terms": "terms-of-reference.yaml", "panel": "panel.yaml", "notices": "notices.yaml",
         "timeline": "timeline.yaml", "events": "events.yaml", "learning": "learning.yaml",
         "briefing": "briefing.yaml", "press": "press-statement.yaml"}


def read_documents(paths: dict[str, Path]) -> dict[str, tuple[str, Any]]:
    """kind -> (file name, parsed YAML) for each file in `paths` that holds something."""
    return read_material(paths, lambda kind: f"the {kind} file")


def _single(plan: LoadPlan, state: ReviewState, kind: str, collection: str, value: Any,
            key: str = "current") -> None:
    held = state.record_collection(collection).get(key)
    plan.add(kind, held, codec.to_data(value), [put_one(collection, value, key)])


def plan_load(host: Any, state: ReviewState, documents: dict[str, tuple[str, Any]]) -> LoadPlan:
    """Check the documents (kind -> (file name, data)) against the review and each other; raise
    InputProblems listing every problem, or return what to write."""
    plan = LoadPlan()
    problems: list[InputProblem] = []

    def reader(kind: str) -> Reader:
        return Reader(documents[kind][0], state)

    singles: list[tuple[str, str, Any]] = []
    for kind, read, collection, label in (
        ("terms", readers.read_terms, TERMS, "terms of reference"),
        ("panel", readers.read_panel, PANEL, "review panel"),
        ("briefing", readers.read_briefing, BRIEFING, "7-minute briefing"),
        ("press", readers.read_press, PRESS, "press statement"),
    ):
        if kind in documents:
            r = reader(kind)
            value = read(r, documents[kind][1])
            problems += r.problems
            if value is not None:
                singles.append((label, collection, value))
    notices = []
    if "notices" in documents:
        r = reader("notices")
        notices = readers.read_notices(r, documents["notices"][1])
        problems += r.problems
    new_timeline = []
    if "timeline" in documents:
        r = reader("timeline")
        new_timeline = readers.read_timeline(r, documents["timeline"][1])
        problems += r.problems
    on_timeline = {t.id: t for t in timeline(state)} | {t.id: t for t in new_timeline}
    new_events = []
    if "events" in documents:
        r = reader("events")
        new_events = readers.read_events(r, documents["events"][1], set(on_timeline))
        problems += r.problems
    heard = {c.id for c in state.contributions.values() if c.evidence_id}
    for read_event in new_events:
        heard |= {c.id for c, _ in read_event.said
                  if contribution_evidence(state, c) is not None}
    new_learning = []
    if "learning" in documents:
        r = reader("learning")
        new_learning = readers.read_learning(r, documents["learning"][1], on_timeline, heard)
        problems += r.problems
    if problems:
        raise InputProblems(problems)

    for label, collection, value in singles:
        _single(plan, state, label, collection, value)
    for notice in notices:
        _single(plan, state, "key dates", NOTICES, notice, notice.key)
    for item in new_timeline:
        _single(plan, state, "significant events", TIMELINE, item, item.id)
    ahead = preview(state, plan.events)
    for read_event in new_events:
        _event_changes(plan, state, ahead, read_event, on_timeline)
    if new_learning:
        ahead = preview(state, plan.events)
        for f in new_learning:
            change = findings.record(host, ahead, f)
            held = state.findings.get(f.id)
            plan.add("learning", codec.to_data(held) if held else None, codec.to_data(f),
                       change.events)
            plan.warnings.extend(w["message"] for w in change.warnings)
    return plan


def _event_changes(plan: LoadPlan, state: ReviewState, ahead: ReviewState,
                   read_event: readers.ReadEvent, on_timeline: dict[str, Any]) -> None:
    event = read_event.event
    held = state.learning_events.get(event.id)
    plan.add("learning events", codec.to_data(held) if held else None,
               codec.to_data(event), [put("learning_events", event)])
    _single(plan, state, "invitations", INVITATIONS, read_event.invitations, event.id)
    ahead = preview(ahead, [put("learning_events", event)])
    for contribution, about in read_event.said:
        entry_ids = tuple(dict.fromkeys(on_timeline[t].entry.entry_id for t in about))
        evidence = contribution_evidence(ahead, contribution, entry_ids)
        if evidence is not None:
            contribution = evolve(contribution, evidence_id=evidence.id)
        changes = [put("contributions", contribution)]
        if evidence is not None:
            changes.append(put("evidence", evidence))
        was = state.contributions.get(contribution.id)
        plan.add("contributions", codec.to_data(was) if was else None,
                   codec.to_data(contribution), changes)


@hookimpl
def load_material(review: ReviewState, folder: Path, host: Any) -> Material:
    """The method's files in `folder`, checked together against the review."""
    plan = plan_load(host, review, read_documents(directory_paths(Path(folder))))
    return Material(events=plan.events, read=plan.describe(), warnings=plan.warnings)


def directory_paths(directory: Path) -> dict[str, Path]:
    """The method's files found in a folder."""
    return material_files(directory, FILES, "Child Practice Review")


@hookimpl
def example_material() -> Path:
    """The Child A material this method ships as package data (see `example/`)."""
    return Path(__file__).resolve().parent / "example"
