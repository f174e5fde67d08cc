"""What each methodology hook must return, checked for the conformance kit (`plugins.testing`).

`RESULT_CHECKS` maps a hook to the shape of its answer, the type of each value, and a check of
the content against the sample review; `result_problems` applies them.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.analysis.causal_graph import build_graph
from core.kernel.errors import CaseReviewError
from core.kernel.lifecycle import Stage
from core.kernel.model import Evidence, Finding, FindingStatus
from core.kernel.text import plural
from core.output.report.templating import environment
from core.plugin_api.graph import CORE_EDGE_KINDS, CORE_NODE_KINDS
from core.plugin_api.methodology import (
    EvidenceGroup,
    FitAssessment,
    LearningEventPlan,
    Material,
    ReportSection,
    ReviewPlan,
    SubmissionForm,
)

if TYPE_CHECKING:
    from core.kernel.state import ReviewState
    from plugins._case import Conformance


def core_graph_kinds() -> tuple[dict[str, str], dict[str, str]]:
    return CORE_NODE_KINDS, CORE_EDGE_KINDS


# -- what each hook must return ------------------------------------------------------------
# Shapes: ONE = a value or None (firstresult); MANY = a list of values or None (firstresult);
# JOINED = every plugin's list, as `call_methodology` gives them (a list of lists).
ONE, MANY, JOINED = "one", "many", "joined"


def reasons_ok(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def checks_ok(value: Any) -> bool:
    """A list of quality-check results: dicts with a level, a check name and a message."""
    return isinstance(value, list) and all(
        isinstance(f, dict) and f.get("level") in ("warning", "problem") and f.get("check")
        and f.get("message") for f in value)


def _shaped(result: Any, shape: str, expected: type) -> tuple[Any, str | None]:
    """(the value to look inside, or None when there is nothing to; a problem with its type)."""
    if shape == ONE:
        ok = result is None or isinstance(result, expected)
        return result, None if ok else f"returned {result!r}, expected {expected.__name__} or None"
    if shape == JOINED:  # each plugin's answer must itself be a list (or None)
        parts = result if isinstance(result, list) else [result]
        bad = [part for part in parts if part is not None and not isinstance(part, list)]
        if bad:
            return None, f"returned {bad[0]!r}, expected a list of {expected.__name__}"
        result = [item for part in parts for item in (part or [])]
    if result is None and shape == MANY:
        return None, None
    if isinstance(result, list) and all(isinstance(item, expected) for item in result):
        return result, None
    return None, f"returned {result!r}, expected a list of {expected.__name__}"


def _fit(case: Conformance, kwargs: dict[str, Any], fit: FitAssessment) -> list[str]:
    return [] if fit.methodology == case.methodology else [
        f"the assessment is for {fit.methodology!r}"]


def _plan(case: Conformance, kwargs: dict[str, Any], plan: ReviewPlan) -> list[str]:
    problems = [] if plan.activities else ["the plan has no activities"]
    if plan.methodology != case.methodology:
        problems.append(f"the plan is for {plan.methodology!r}")
    if kwargs["variant"] is not None and plan.variant != kwargs["variant"]:
        problems.append(f"asked for variant {kwargs['variant']!r}, planned {plan.variant!r}")
    stages = {s.value for s in Stage}
    problems += [f"activity {a.title!r} is on {a.stage!r}, which is not a lifecycle stage"
                 for a in plan.activities if a.stage not in stages]
    return problems + [f"activity {a.title!r} lasts {a.weeks} weeks" for a in plan.activities
                       if a.weeks is not None and a.weeks <= 0]


def _form(case: Conformance, kwargs: dict[str, Any], form: SubmissionForm) -> list[str]:
    return [] if form.sections else ["the form has no sections"]


def _groups(case: Conformance, kwargs: dict[str, Any], groups: list[EvidenceGroup]) -> list[str]:
    problems = []
    for group in groups:
        problems += [f"group {group.title!r} names entry {i!r}, which the review does not hold"
                     for i in group.entry_ids if i not in case.review.chronology]
        problems += [f"group {group.title!r} names evidence {i!r}, which the review does not hold"
                     for i in group.evidence_ids if i not in case.review.evidence]
    return problems


def _event(case: Conformance, kwargs: dict[str, Any], plan: LearningEventPlan) -> list[str]:
    problems = [] if plan.phases else ["the plan has no phases"]
    if plan.kind != kwargs["kind"]:
        problems.append(f"asked for a {kwargs['kind']!r} event, planned a {plan.kind!r} one")
    for phase in plan.phases:
        if phase.minutes <= 0:
            problems.append(f"phase {phase.title!r} has a time-box of {phase.minutes} minutes")
        if not phase.prompts:
            problems.append(f"phase {phase.title!r} has no prompts")
    return problems


def _findings(case: Conformance, kwargs: dict[str, Any], findings: list[Finding]) -> list[str]:
    problems = []
    for finding in findings:
        recorded = case.review.findings.get(finding.id)
        if recorded is None and finding.status is not FindingStatus.SUGGESTED:
            problems.append(f"finding {finding.id!r} was not recorded by the reviewers but is "
                            f"returned as {finding.status.value}, not as a suggestion")
        elif finding.status is FindingStatus.FINAL and (
                recorded is None or recorded.status is not FindingStatus.FINAL):
            problems.append(f"finding {finding.id!r} is returned as final, but the reviewers "
                            "have not finalised it")
    return problems


def _sections(case: Conformance, kwargs: dict[str, Any], sections: list[ReportSection]
              ) -> list[str]:
    ids = [s.id for s in sections]
    problems = [f"section id {i!r} is used twice" for i in sorted(set(ids)) if ids.count(i) > 1]
    for section in sections:
        problems += [f"section {section.id!r}: {p}"
                     for p in render_problems(case.review, section)]
    return problems


def render_problems(review: ReviewState, section: ReportSection) -> list[str]:
    """Render the section as the report does: the core's one environment (autoescape on,
    templates named "package:path"), with the review's header and the section's context."""
    if not environment().autoescape:
        return ["the report environment has autoescape off"]
    package, _, path = section.template.partition(":")
    if not package or not path:
        return [f"template {section.template!r} is not of the form 'package:path.j2'"]
    try:
        resources.files(package).joinpath(path).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError) as error:
        return [f"template {section.template!r} cannot be read: {error}"]
    try:
        environment().get_template(section.template).render(
            **{"review": review.review, **section.context})
    except Exception as error:  # any template bug is the plugin's to fix; say which
        return [f"template {section.template!r} does not render: {type(error).__name__}: "
                f"{error}"]
    return []


def _reasons(case: Conformance, kwargs: dict[str, Any], reasons: list[str]) -> list[str]:
    return [] if reasons_ok(reasons) else [f"gave {reasons!r}; reasons are plain-English text"]


def _finding_checks(case: Conformance, kwargs: dict[str, Any], found: list[dict]) -> list[str]:
    return [] if checks_ok(found) else [f"gave {found!r}; expected {{level, check, message}}"]


def _graph(case: Conformance, kwargs: dict[str, Any], _result: None) -> list[str]:
    try:
        graph = build_graph(case.host, case.review)
    except CaseReviewError as error:
        return [f"the graph does not validate: {error}"]
    known = set(core_graph_kinds()[0]) | set(case.descriptor.graph_schema.node_kinds)
    kinds = {str(data.get("kind")) for _node, data in graph.nx.nodes(data=True)}
    return [f"the graph holds nodes of undeclared kind {k!r}" for k in sorted(kinds - known)]


def _nothing_more(case: Conformance, kwargs: dict[str, Any], value: Any) -> list[str]:
    return []


def _material(case: Conformance, kwargs: dict[str, Any], material: Material) -> list[str]:
    # Asked of a folder that does not exist: nothing can have been read from it.
    if material.events:
        return [f"read {plural(len(material.events), 'change')} from a folder that does not exist"]
    return []


def _templates(case: Conformance, kwargs: dict[str, Any], files: dict) -> list[str]:
    # Plain file names and text: the core writes them into the folder the person gave.
    problems = [f"the template name {name!r} is not a plain file name" for name in files
                if not isinstance(name, str) or "/" in name or "\\" in name
                or name.startswith(".")]
    problems += [f"the template {name!r} is not text" for name, text in files.items()
                 if not isinstance(text, str)]
    return problems
def _folder(case: Conformance, kwargs: dict[str, Any], folder: Any) -> list[str]:
    if not isinstance(folder, str | Path) or not Path(folder).is_dir():
        return [f"gave {folder!r}, which is not a folder"]
    return []


ResultCheck = Callable[[Any, dict[str, Any], Any], list[str]]  # (case, arguments, value)
RESULT_CHECKS: dict[str, tuple[str, type, ResultCheck]] = {
    "assess_fit": (ONE, FitAssessment, _fit),
    "plan_review": (ONE, ReviewPlan, _plan),
    "agency_submission_form": (ONE, SubmissionForm, _form),
    "structure_evidence": (MANY, EvidenceGroup, _groups),
    # asked through core.analysis.causal_graph.build_graph
    "build_causal_graph": (ONE, type(None), _graph),
    "plan_learning_event": (ONE, LearningEventPlan, _event),
    "take_contribution": (ONE, Evidence, _nothing_more),
    "derive_findings": (MANY, Finding, _findings),
    "report_sections": (JOINED, ReportSection, _sections),
    "check_methodology_transition": (JOINED, str, _reasons),
    "check_finding": (JOINED, dict, _finding_checks),
    "load_material": (ONE, Material, _material),
    "material_templates": (ONE, dict, _templates),
    "example_material": (ONE, object, _folder),
}


def result_problems(case: Conformance, hook: str, kwargs: dict[str, Any], result: Any
                    ) -> list[str]:
    shape, expected, check = RESULT_CHECKS[hook]
    value, problem = _shaped(result, shape, expected)
    if problem:
        return [problem]
    if value is None and hook == "plan_learning_event" and (
            kwargs["kind"] in case.descriptor.learning_events):
        return [f"no plan for {kwargs['kind']!r}, a kind of event the methodology says it holds"]
    return [] if value is None and hook != "build_causal_graph" else check(case, kwargs, value)


