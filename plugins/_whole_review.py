"""The kit's whole review: the methodology's own example material run through every stage.

A check on the kit's small sample review cannot see a bug that shows only on real data (an
evidence structuring that assumes the sample's ids passed every check and then failed on every
real review). So the kit also runs the fictional Child A case, as `casereview demo` does, with
the material the plugin ships (its `example_material` hook): commissioning, every agency's
chronology, the material, a learning event, findings, the report and the publication check.
Each check below then looks at one part of the result, with the plugin's own data in it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import define, field

from core.analysis.causal_graph import build_graph
from core.apps.demo import Demo
from core.apps.demo import example_material as material_of
from core.kernel.errors import CaseReviewError
from core.kernel.model import FindingStatus
from core.kernel.store import open_journal
from core.plugin_api.reviews import Reviews
from plugins._results import render_problems

if TYPE_CHECKING:
    from core.kernel.state import ReviewState
    from plugins._case import Conformance


@define
class ExampleRun:
    """What running the whole example review gave: the review at the end (None if it could not
    run), why not, and the publication check."""

    state: ReviewState | None = None
    problems: list[str] = field(factory=list)
    check: Any = None


def example_run(case: Conformance) -> ExampleRun:
    """The whole example review for `case`, run once and kept on the case."""
    if case.example is None:
        case.example = _run(case)
    return case.example


def _run(case: Conformance) -> ExampleRun:
    try:
        if material_of(case.host, case.methodology) is None:
            return ExampleRun(problems=[
                "it ships no example material: implement example_material to give the folder "
                "of Child A material in your package (see docs/writing-a-methodology.md)"])
    except CaseReviewError as error:
        return ExampleRun(problems=[f"example_material raised: {error}"])
    with tempfile.TemporaryDirectory(prefix="casereview-kit-") as folder:
        out = Path(folder) / "review"
        demo = Demo(out, methodology=case.methodology, echo=lambda _line: None, host=case.host)
        problems = []
        try:
            demo.run()
        except Exception as error:  # the kit reports every failure; it never stops at one
            stage = f" after {demo.result.stages[-1]}" if demo.result.stages else ""
            problems.append(f"the whole review failed{stage}: {error}")
        result = demo.result
        if result.stopped:
            problems.append(f"the whole review stopped at {result.stopped}")
        if not result.review_id:
            return ExampleRun(problems=problems or ["the whole review did not start"])
        # The review as far as it went: the other checks look at what is there. Replayed into
        # memory, since it outlives its database (a review read from the read models reads its
        # chronology from the file as it is asked for).
        with open_journal(out / "casereview.db") as journal:
            state = Reviews(journal, case.host, "casereview-kit").load(result.review_id,
                                                                       use_snapshot=False)
    return ExampleRun(state, problems, result.check)


def _state(case: Conformance) -> tuple[ReviewState | None, list[str]]:
    run = example_run(case)
    if run.state is None:
        return None, ["the whole example review did not run (see the example_review check)"]
    return run.state, []


# -- the checks ---------------------------------------------------------------------------


def check_example_review(case: Conformance) -> list[str]:
    """The Child A case runs through every stage with the plugin's own material."""
    return example_run(case).problems


def check_example_evidence(case: Conformance) -> list[str]:
    """structure_evidence on the plugin's own data names only what the review holds."""
    state, problems = _state(case)
    if state is None or not case.implements("structure_evidence"):
        return problems
    try:
        groups = case.call("structure_evidence", review=state) or []
    except CaseReviewError as error:
        return [f"structure_evidence raised: {error}"]
    for group in groups:
        problems += [f"group {group.title!r} names entry {i!r}, which the review does not hold"
                     for i in group.entry_ids if i not in state.chronology]
        problems += [f"group {group.title!r} names evidence {i!r}, which the review does not "
                     "hold" for i in group.evidence_ids if i not in state.evidence]
    return problems


def check_example_graph(case: Conformance) -> list[str]:
    """The causal graph of the whole review is sound (`casereview graph --check` is clean)."""
    state, problems = _state(case)
    if state is None:
        return problems
    try:
        graph = build_graph(case.host, state, check=False)
    except CaseReviewError as error:
        return [f"the graph could not be built: {error}"]
    return [f"the causal graph: {p}" for p in graph.problems()]


def check_example_learning_event(case: Conformance) -> list[str]:
    """The learning event was held, and what was said there became evidence."""
    state, problems = _state(case)
    if state is None:
        return problems
    if not state.learning_events:
        return ["the whole review holds no learning event"]
    if not state.contributions:
        return ["the learning event has no contributions"]
    if case.implements("take_contribution") and not any(
            c.evidence_id for c in state.contributions.values()):
        return ["no contribution from the learning event was taken into evidence"]
    return []


def check_example_findings(case: Conformance) -> list[str]:
    """The reviewers could finalise findings, each citing evidence the review holds."""
    state, problems = _state(case)
    if state is None:
        return problems
    final = [f for f in state.findings.values() if f.status is FindingStatus.FINAL]
    if not final:
        return ["no finding could be finalised"]
    return [f"final finding {f.id} cites no evidence" for f in final if not f.evidence_ids]


def check_example_report(case: Conformance) -> list[str]:
    """The plugin's report sections render with its own data in them."""
    state, problems = _state(case)
    if state is None or not case.implements("report_sections"):
        return problems
    try:
        answers = case.call("report_sections", review=state)
    except CaseReviewError as error:
        return [f"report_sections raised: {error}"]
    for sections in answers:
        for section in sections or []:
            problems += [f"section {section.id!r}: {p}"
                         for p in render_problems(state, section)]
    return problems


def check_example_publication(case: Conformance) -> list[str]:
    """The publication check passes on the whole review's report."""
    run = example_run(case)
    if run.state is None:
        return _state(case)[1]
    if run.check is None:
        return ["the publication check did not run"]
    return [f"the publication check is blocked in {p.where}: {p.why}" for p in run.check.blocking]


EXAMPLE_CHECKS = {
    "example_review": check_example_review,
    "example_evidence": check_example_evidence,
    "example_graph": check_example_graph,
    "example_learning_event": check_example_learning_event,
    "example_findings": check_example_findings,
    "example_report": check_example_report,
    "example_publication": check_example_publication,
}
