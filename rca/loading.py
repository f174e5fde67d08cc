"""Loading the investigation team's YAML into a review: all of it checked first, then written at
once (or not at all).

The files, each optional but read together so links between them are checked:

* `incident.yaml`: the incident and its investigation, the standards (what should have
  happened) and the staff interviews — these two become core Evidence;
* `timeline.yaml`: the period and agencies of the tabular timeline, and the reviewers' NPSA
  columns per chronology entry;
* `analysis.yaml`: problems, contributory factors, five whys, root causes, notable practice,
  incidental findings, lessons;
* `findings.yaml`: findings, recorded through `core.analysis.findings.record` so every
  check applies;
* `recommendations.yaml`: recommendations graded by strength (safety actions in the PSIRF
  mode), each also a core Recommendation.

An item already recorded unchanged is not written again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core import hookimpl
from core.analysis import findings as core_findings
from core.analysis.material_reading import LoadPlan, material_files, preview, read_material
from core.kernel import codec
from core.kernel.errors import InputProblems
from core.kernel.model import Finding
from core.kernel.model import Recommendation as CoreRecommendation
from core.kernel.state import ReviewState
from core.kernel.state import put as put_core
from core.plugin_api.methodology import Material
from rca import records as r
from rca.evidence import hindsight_flags, with_evidence
from rca.reading import Reader, read_evidence, read_incident, read_timeline
from rca.reading_analysis import Analysis, read_analysis, read_findings, read_recommendations

FILES = {"incident": "incident.yaml", "timeline": "timeline.yaml", "analysis": "analysis.yaml",
         "findings": "findings.yaml", "recommendations": "recommendations.yaml"}

Changes = list[tuple[str, dict[str, Any]]]


class Plan(LoadPlan):
    """A load plan that knows the review, to compare what is read with what it holds."""

    def __init__(self, state: ReviewState) -> None:
        super().__init__()
        self.state = state

    def record(self, kind: str, collection: str, key: str, value: Any) -> None:
        held = self.state.record_collection(collection).get(key)
        self.add(kind, held, codec.to_data(value), [r.put(collection, key, value)])

    def core(self, kind: str, collection: str, value: Any) -> None:
        held = self.state.collections[collection].get(value.id)
        self.add(kind, codec.to_data(held) if held is not None else None, codec.to_data(value),
                 [put_core(collection, value)])


def read_documents(paths: dict[str, Path]) -> dict[str, tuple[str, Any]]:
    """kind -> (file name, parsed YAML) for each file in `paths` that holds something."""
    return read_material(paths, lambda kind: f"the {kind} file")


def _held_ids(state: ReviewState, collection: str) -> set[str]:
    return set(state.record_collection(collection))


def plan_load(host: Any, state: ReviewState, documents: dict[str, tuple[str, Any]]) -> Plan:
    """Check the documents against the review and each other; raise InputProblems listing
    every problem, or return what to write."""
    plan, problems = Plan(state), []
    psirf = r.psirf(state)
    evidence = []
    incident = None
    if "incident" in documents:
        reader = Reader(documents["incident"][0], state)
        incident = read_incident(reader, documents["incident"][1])
        for key in ("standards", "interviews"):
            evidence += read_evidence(reader, documents["incident"][1], key)
        problems += reader.problems
        psirf = psirf or bool(incident and incident.level == "psii")
    new_evidence = {e.id for e in evidence}
    timeline = None
    if "timeline" in documents:
        reader = Reader(documents["timeline"][0], state, new_evidence)
        timeline = read_timeline(reader, documents["timeline"][1])
        problems += reader.problems
    analysis = Analysis()
    if "analysis" in documents:
        reader = Reader(documents["analysis"][0], state, new_evidence)
        analysis = read_analysis(reader, documents["analysis"][1], psirf=psirf)
        problems += reader.problems
    known = {
        "root_causes": _held_ids(state, r.ROOT_CAUSES) | {x.id for x in analysis.root_causes},
        "problems": _held_ids(state, r.PROBLEMS) | {x.id for x in analysis.problems},
        "incidental": _held_ids(state, r.INCIDENTAL) | {x.id for x in analysis.incidental},
        "notable": _held_ids(state, r.NOTABLE) | {x.id for x in analysis.notable},
    }
    findings: list[Finding] = []
    if "findings" in documents:
        reader = Reader(documents["findings"][0], state, new_evidence)
        findings = read_findings(reader, documents["findings"][1], known, psirf=psirf)
        problems += reader.problems
    recommendations: list[r.Recommendation] = []
    if "recommendations" in documents:
        reader = Reader(documents["recommendations"][0], state, new_evidence)
        recommendations = read_recommendations(
            reader, documents["recommendations"][1],
            set(state.findings) | {f.id for f in findings}, known["root_causes"], psirf=psirf)
        problems += reader.problems
    if problems:
        raise InputProblems(problems)

    if incident is not None:
        plan.record("incident", r.INCIDENT, "current", incident)
    for item in evidence:
        plan.core("standards and staff interviews", "evidence", item)
    if timeline is not None:
        plan.record("tabular timeline", r.TIMELINE, "current", timeline)
    for label, collection, items in (
        ("care and service delivery problems", r.PROBLEMS, analysis.problems),
        ("contributory factors", r.FACTORS, analysis.factors),
        ("five-whys chains", r.WHYS, analysis.whys),
        ("root causes", r.ROOT_CAUSES, analysis.root_causes),
        ("notable practice", r.NOTABLE, analysis.notable),
        ("incidental findings", r.INCIDENTAL, analysis.incidental),
        ("lessons", r.LESSONS, analysis.lessons),
    ):
        for record in items:
            plan.record(label, collection, record.id, record)
    plan.warnings += [f"{p.id}: {m}" for p in analysis.problems for m in hindsight_flags(p)]
    if findings:
        ahead = preview(state, plan.events)
        for finding in findings:
            finding = with_evidence(ahead, finding)
            change = core_findings.record(host, ahead, finding)
            held = state.findings.get(finding.id)
            plan.add("findings", codec.to_data(held) if held else None,
                     codec.to_data(finding), change.events)
            plan.warnings.extend(w["message"] for w in change.warnings)
    word = "safety actions" if psirf else "recommendations"
    for rec in recommendations:
        plan.record(word, r.RECOMMENDATIONS, rec.id, rec)
        plan.core(f"{word} in the review's list", "recommendations", CoreRecommendation(
            rec.id, rec.text, finding_ids=rec.findings, strength=rec.strength))
    return plan


@hookimpl
def load_material(review: ReviewState, folder: Path, host: Any) -> Material:
    """The method's files in `folder`, checked together against the review."""
    plan = plan_load(host, review, read_documents(directory_paths(Path(folder))))
    return Material(events=plan.events, read=plan.describe(), warnings=plan.warnings)


def directory_paths(directory: Path) -> dict[str, Path]:
    """The method's files found in a folder."""
    return material_files(directory, FILES, "Root Cause Analysis")


@hookimpl
def example_material() -> Path:
    """The Child A material this method ships as package data (see `example/`)."""
    return Path(__file__).resolve().parent / "example"
