"""Loading the review team's SILP material into a review: all of it checked first, then written
at once, or nothing.

The files (any of them; see silp/example/): scoping.yaml, agency-reports.yaml,
learning-event.yaml, findings.yaml (learning points, findings, recommendations),
recall-event.yaml, family.yaml and overview.yaml. Agency reports become plugin records, core
Evidence (kind agency_report) and their authors core participants (role agency_author); the
learning and recall events become core learning events with their contributions, those taken
into the evidence as Evidence; findings go through `core.analysis.findings.record`, so the core's
and the method's checks apply. An item already recorded unchanged is not written again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from attrs import evolve

from core import hookimpl
from core.analysis import findings
from core.analysis.findings import FindingRefused
from core.analysis.material_reading import LoadPlan, material_files, preview, read_material
from core.kernel import codec
from core.kernel.errors import InputProblem, InputProblems
from core.kernel.model import (
    Evidence,
    EvidenceKind,
    Finding,
    Participant,
    ParticipantRole,
    Recommendation,
)
from core.kernel.state import ReviewState, put
from core.plugin_api.methodology import Material
from silp import records as r
from silp.checks import recall_trace
from silp.meetings import evidence_for
from silp.reading import Reader
from silp.reading_events import EventRead, read_family, read_learning_event, read_recall_event
from silp.reading_findings import read_findings, read_learning_points, read_overview
from silp.reading_scope import read_reports, read_scoping

FILES = {"scoping": "scoping.yaml", "reports": "agency-reports.yaml",
         "learning_event": "learning-event.yaml", "findings": "findings.yaml",
         "recall_event": "recall-event.yaml", "family": "family.yaml",
         "overview": "overview.yaml"}

Change = tuple[str, dict[str, Any]]


def report_evidence(report: r.AgencyReport) -> Evidence:
    return Evidence(id=report.id, kind=EvidenceKind.AGENCY_REPORT,
                    title=f"{report.agency}: agency report", summary=report.summary,
                    agency=report.agency, entry_ids=[e.entry_id for e in report.chronology],
                    received_on=report.received_on, details={"silp": "agency_report"})


def author(report: r.AgencyReport) -> Participant:
    return Participant(id=f"{report.id}-author", role=ParticipantRole.AGENCY_AUTHOR,
                       title=report.author_role, agency=report.agency)


def _event_changes(plan: LoadPlan, state: ReviewState, read: EventRead, label: str) -> None:
    said, taken = [], []
    for contribution in read.contributions:
        evidence = evidence_for(contribution, read.event) \
            if contribution.id in read.to_evidence else None
        if evidence is not None:
            contribution = evolve(contribution, evidence_id=evidence.id)
            taken.append(put("evidence", evidence))
        said.append(contribution)
    held = state.learning_events.get(read.event.id)
    before = None if held is None else (
        held, state.record_collection(r.EVENTS).get(held.id),
        sorted((c for c in state.contributions.values() if c.event_id == held.id),
               key=lambda c: c.id))
    after = (read.event, codec.to_data(read.detail), sorted(said, key=lambda c: c.id))
    plan.add(label, before, after, [put("learning_events", read.event),
                                    r.put_keyed(r.EVENTS, read.event.id, read.detail), *taken,
                                    *(put("contributions", c) for c in said)])


def plan_load(host: Any, state: ReviewState, documents: dict[str, tuple[str, Any]]) -> LoadPlan:
    """Check the documents (kind -> (file name, parsed YAML)) against the review and each
    other; raise InputProblems listing every problem, or return what to write."""
    plan, problems = LoadPlan(), []

    def reader(kind: str) -> Reader:
        return Reader(documents[kind][0], state)

    scope = r.scoping(state)
    if "scoping" in documents:
        read = reader("scoping")
        scope = read_scoping(read, documents["scoping"][1]) or scope
        problems += read.problems
    lines = {k.id for k in scope.lines} if scope else set()
    if not lines and len(documents) > ("scoping" in documents):
        problems.append(InputProblem("SILP material needs the key lines of enquiry first",
                                     file=next(iter(documents.values()))[0],
                                     expected="scoping.yaml loaded first, or in the same folder"))
    held_reports = {x.id: x for x in r.reports(state)}
    new_reports = []
    if "reports" in documents:
        read = reader("reports")
        new_reports = read_reports(read, documents["reports"][1], lines)
        problems += read.problems
    all_reports = held_reports | {x.id: x for x in new_reports}
    events: dict[str, EventRead] = {}
    if "learning_event" in documents:
        read = reader("learning_event")
        if (found := read_learning_event(read, documents["learning_event"][1], lines)):
            events["learning_event"] = found
        problems += read.problems
    family = None
    if "family" in documents:
        read = reader("family")
        family = read_family(read, documents["family"][1])
        problems += read.problems
    overview = None
    if "overview" in documents:
        read = reader("overview")
        overview = read_overview(read, documents["overview"][1], lines)
        problems += read.problems
    said = {c.id: c.evidence_id for c in state.contributions.values() if c.evidence_id}
    if "learning_event" in events:
        said |= {c: f"EV-{c}" for c in events["learning_event"].to_evidence}
    new_points: list[r.LearningPoint] = []
    new_findings: list[Finding] = []
    new_recommendations: list[Recommendation] = []
    if "findings" in documents:
        read = reader("findings")
        new_points = read_learning_points(read, documents["findings"][1], lines, all_reports,
                                          said)
        points = {p.id: p for p in r.learning_points(state)} | {p.id: p for p in new_points}
        new_findings, new_recommendations = read_findings(read, documents["findings"][1], lines,
                                                          points)
        problems += read.problems
    if "recall_event" in documents:
        read = reader("recall_event")
        parts = lines | set(state.findings) | {f.id for f in new_findings} | set(
            state.recommendations) | {x.id for x in new_recommendations}
        if (found := read_recall_event(read, documents["recall_event"][1], parts)):
            events["recall_event"] = found
        problems += read.problems
    if problems:
        raise InputProblems(problems)

    if scope is not None and "scoping" in documents:
        plan.add("scoping", state.record_collection(r.SCOPING).get(r.CURRENT),
                 codec.to_data(scope), [r.put_current(r.SCOPING, scope)])
    for report in new_reports:
        plan.add("agency reports", held_reports.get(report.id), report,
                 [r.put_keyed(r.REPORTS, report.id, report), put("evidence",
                  report_evidence(report)), put("participants", author(report))])
    for kind, label in (("learning_event", "learning event"), ("recall_event", "recall event")):
        if kind in events:
            _event_changes(plan, state, events[kind], label)
    for point in new_points:
        plan.add("learning points", state.record_collection(r.LEARNING_POINTS).get(point.id),
                 codec.to_data(point), [r.put_keyed(r.LEARNING_POINTS, point.id, point)])
    if family is not None:
        plan.add("family involvement", state.record_collection(r.FAMILY).get(r.CURRENT),
                 codec.to_data(family), [r.put_current(r.FAMILY, family)])
    if overview is not None:
        plan.add("overview report text", state.record_collection(r.OVERVIEW).get(r.CURRENT),
                 codec.to_data(overview), [r.put_current(r.OVERVIEW, overview)])
    _findings(host, state, plan, new_findings, new_recommendations, documents)
    return plan


def _findings(host: Any, state: ReviewState, plan: LoadPlan, new_findings: list[Finding],
              new_recommendations: list[Recommendation],
              documents: dict[str, tuple[str, Any]]) -> None:
    ahead = preview(state, plan.events)
    refused: list[InputProblem] = []
    for finding in new_findings:
        try:
            change = findings.record(host, ahead, finding)
        except FindingRefused as error:
            refused += [InputProblem(p, file=documents["findings"][0], field=finding.id)
                        for p in error.problems]
            continue
        held = state.findings.get(finding.id)
        plan.add("findings", codec.to_data(held) if held else None, codec.to_data(finding),
                 change.events)
        plan.warnings.extend(w["message"] for w in change.warnings)
    for rec in new_recommendations:
        held_rec = state.recommendations.get(rec.id)
        plan.add("recommendations", codec.to_data(held_rec) if held_rec else None,
                 codec.to_data(rec),
                 [put("recommendations", rec)])
    ahead = preview(state, plan.events)
    problems, warnings = recall_trace(ahead)
    if problems and "recall_event" in documents:
        refused += [InputProblem(p, file=documents["recall_event"][0]) for p in problems]
    if refused:
        raise InputProblems(refused)
    plan.warnings.extend(warnings)


def read_documents(paths: dict[str, Path]) -> dict[str, tuple[str, Any]]:
    """kind -> (file name, parsed YAML) for each file in `paths` that holds something."""
    return read_material(paths, lambda kind: f"the SILP {kind.replace('_', ' ')} file")


def directory_paths(directory: Path) -> dict[str, Path]:
    """The method's files found in a folder."""
    return material_files(directory, FILES, "SILP")


@hookimpl
def load_material(review: ReviewState, folder: Path, host: Any) -> Material:
    """The method's files in `folder`, checked together against the review."""
    plan = plan_load(host, review, read_documents(directory_paths(Path(folder))))
    return Material(events=plan.events, read=plan.describe(), warnings=plan.warnings)


@hookimpl
def example_material() -> Path:
    """The Child A material this method ships as package data (see `example/`)."""
    return Path(__file__).resolve().parent / "example"
