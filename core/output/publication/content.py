"""What a published report must contain, and the clock around publication (seed 2.10).

The contents are data: a regime may need a different list (a plugin can add one to
REQUIRED_CONTENT under the regime's name); every regime gets DEFAULT_CONTENT otherwise.
The clock comes from the regime's own clocks (core.statutory.regimes): the copies it must send
before the planned publication day, and how long the report must stay on the website.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from attrs import frozen

from core.kernel.dates import long_date
from core.kernel.model import ActionStatus, FindingStatus
from core.output.publication.problems import Problem
from core.output.report.model import Table
from core.output.report.pack import improvements_only
from core.output.report.sections import board_issues
from core.statutory.regimes import DATES_RECORD, MET_RECORD

PLAN = "Publication plan"


@frozen
class Requirement:
    id: str
    what: str  # what the report must say, as seed 2.10 puts it
    section: str  # where in the report it belongs
    present: Callable[[Any, Any], bool]  # (state, report) -> bool
    fix: str


def _accepted(state: Any) -> list[Any]:
    return [f for f in state.findings.values() if f.status is not FindingStatus.SUGGESTED]


def _taken(state: Any) -> list[Any]:
    return [a for a in state.actions.values()
            if a.status in (ActionStatus.COMPLETED, ActionStatus.IN_PROGRESS)]


def _analysis(state: Any, report: Any) -> bool:
    # the methodology's published analysis, or the reviewers' own appraisal of practice
    return any((s.source != "core" or s.id == "practice-appraisal") and s.blocks
               and s.published for s in report.sections)


def _timeline(report: Any) -> bool:
    # The reviewers' summary of significant events, not the agencies' verbatim entries (which
    # stay in the review team's pack).
    section = report.section("significant-events")
    return section is not None and any(isinstance(b, Table) for b in section.blocks)


def _board(state: Any, report: Any) -> bool:
    return bool(_accepted(state)) and (
        bool(state.recommendations) or any(board_issues(f) for f in _accepted(state))
    )


DEFAULT_CONTENT: tuple[Requirement, ...] = (
    Requirement("terms_of_reference", "the terms of reference",
                "Introduction and terms of reference",
                lambda state, report: bool(state.review.terms_of_reference.strip()),
                "record the terms of reference in the review's header"),
    Requirement("what_happened", "what happened (the reviewers' summary of significant events)",
                "Summary of significant events",
                lambda state, report: _timeline(report),
                "write the summary of significant events: period, agency and what happened in "
                "neutral terms (`casereview section REVIEW significant-events --template`)"),
    Requirement("why", "why it happened (the methodology's analysis)", "The analysis",
                _analysis,
                "record the methodology's analysis, or write the reviewers' appraisal of "
                "practice (`casereview section REVIEW practice-appraisal`); a methodology's "
                "own sections reach the published report only if they are marked published"),
    Requirement("what_must_happen", "what needs to happen to reduce the risk of recurrence "
                "(findings with recommendations or issues for the board)",
                "Recommendations and issues for the board", _board,
                "record findings and the recommendations or issues for the board they raise"),
    Requirement("actions_taken", "the actions already taken in response to the findings",
                "What has been done, its impact, and what more will be done",
                lambda state, report: bool(_taken(state)),
                "record progress on the improvement actions (`casereview actions REVIEW update`)"),
    Requirement("impact", "the impact these actions have had on services",
                "What has been done, its impact, and what more will be done",
                lambda state, report: any(a.impact_evidence.strip() for a in _taken(state)),
                "add the evidence of impact to the actions taken (`--impact`)"),
    Requirement("more_to_do", "what more will be done (the improvement action plan)",
                "Improvement actions", lambda state, report: bool(state.actions),
                "agree the improvement actions (`casereview actions REVIEW add`)"),
)
REQUIRED_CONTENT: dict[str, tuple[Requirement, ...]] = {}


def missing(host: Any, state: Any, report: Any) -> list[Any]:
    wanted = REQUIRED_CONTENT.get(state.review.regime, DEFAULT_CONTENT)
    if improvements_only(state):  # what happened and why stay unpublished, by the decision
        wanted = tuple(r for r in wanted if r.id not in ("what_happened", "why"))
    problems = [
        Problem(code=f"missing:{req.id}", where=req.section, snippet="",
                why=f"the report must give {req.what}", fix=req.fix, blocking=True)
        for req in wanted if not req.present(state, report)
    ]
    for finding in sorted(_accepted(state), key=lambda f: f.id):
        if finding.status is FindingStatus.DRAFT:
            problems.append(Problem(
                code="draft_finding", where="Findings", snippet=f"{finding.id}: {finding.title}",
                why="a published report gives the reviewers' final findings, not drafts",
                fix=f"finalise it (`casereview findings {state.id} finalise {finding.id}`) or "
                    "remove it", blocking=True))
    return problems


def planned_publication(state: Any) -> dt.date | None:
    on = state.record_collection(DATES_RECORD).get("publication_planned", {}).get("on")
    return dt.date.fromisoformat(on) if on else None


def clocks(host: Any, state: Any, planned: dt.date | None,
           today: dt.date) -> tuple[list[Any], list[tuple[str, dt.date]]]:
    """(problems, [(what to keep, until when)]) for the regime's clocks around publication."""
    try:
        regime = host.regime(state.review.regime)
    except Exception:
        return [], []
    before = [c for c in regime.clocks if c.start == "publication_planned"]
    keep = [c for c in regime.clocks if c.kind == "keep_until"]
    problems: list[Problem] = []
    if planned is None:
        if before or keep:
            problems.append(Problem(
                code="clock:no_date", where=PLAN, snippet="",
                why="the regime's copies before publication are counted from the planned "
                    "publication day, and none is recorded",
                fix=f"give --publication-date, or record it with `casereview clock {state.id} "
                    "date publication_planned --on DATE`", blocking=True))
        return problems, []
    if planned < today:
        problems.append(Problem(
            code="clock:date_past", where=PLAN, snippet=f"planned for {long_date(planned)}",
            why="the planned publication day has already passed",
            fix="record a new planned publication day", blocking=True))
    met = state.record_collection(MET_RECORD)
    for clock in before:
        due = clock.period.due(planned, regime.calendar)
        sent = met.get(clock.id, {}).get("on")
        to = ", ".join(clock.to) or "the bodies the regime names"
        if sent and dt.date.fromisoformat(sent) <= due:
            continue
        if sent:
            why = (f"{clock.title}: sent on {long_date(dt.date.fromisoformat(sent))}, after "
                   f"{long_date(due)} ({clock.period.describe()} publication)")
            fix = "move the publication day later so the copy arrives in time"
        elif due < today:
            why = (f"{clock.title}: the copy to {to} was due by {long_date(due)} "
                   f"({clock.period.describe()} publication) and is not recorded as sent")
            fix = "send it now and move the publication day later so it arrives in time"
        else:
            why = (f"{clock.title}: send the copy to {to} by {long_date(due)} "
                   f"({clock.period.describe()} publication); it is not recorded as sent yet")
            verb = "notify {} sent" if clock.kind == "notification" else "clock {} met"
            fix = (f"send it, then record it: `casereview {verb.format(state.id)} {clock.id} "
                   "--on DATE`")
        problems.append(Problem(code=f"clock:{clock.id}", where=PLAN,
                                snippet=f"due {long_date(due)}", why=why, fix=fix, blocking=True))
    keep_until = [(c.title, c.period.due(planned, regime.calendar)) for c in keep]
    return problems, keep_until
