"""What the publication check asks of the sections reviewers write and the records around them.

The quality markers and the Panel's expectations: an executive summary, a narrative case
summary, the child's lived experience, identity and equality (addressed, or not relevant with
a reason), the family's account, limitations, each lead reviewer's statement of independence,
the partnership's written response covering every finding, an explained delay, and a decision
on how to publish with the family told first. A partnership that publishes information about
the improvements instead of the report (the regime allows it when the report would harm the
family) needs less: the summary, the response, and what is being done.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.kernel.dates import long_date
from core.output.publication.problems import Problem
from core.output.report.records import PUBLICATION_DECISION_RECORD, current
from core.output.report.sections import lead_reviewers
from core.output.report.written import KINDS, written
from core.statutory.commissioning import INDEPENDENCE_RECORD
from core.statutory.regimes import DELAY_RECORD, start_date
from core.statutory.regimes import current as regime_record

# What each kind of publication must carry, beyond the regime's own content.
FULL = ("executive-summary", "case-summary", "lived-experience", "identity", "family-account",
        "limitations", "partnership-response")
IMPROVEMENTS_ONLY = ("executive-summary", "partnership-response")
# A regime that asks for a different set names it here (regime name -> kinds); others get FULL.
REQUIRED_SECTIONS: dict[str, tuple[str, ...]] = {}
DECISION = "Publication decision"


def _problem(**fields: Any) -> Any:
    return Problem(**fields)


def _write(kind: str, review_id: str) -> str:
    shape = KINDS[kind].shape
    how = (f"`casereview section {review_id} {kind} --file FILE`" if shape == "text" else
           f"`casereview section {review_id} {kind} --template` for a file to fill in, then "
           "--file")
    return f"write it with {how}"


def problems(host: Any, state: Any, planned: dt.date | None) -> list[Any]:
    decision = current(state, PUBLICATION_DECISION_RECORD)
    found = _decision(state, decision, planned)
    choice = (decision or {}).get("choice", "full")
    full = REQUIRED_SECTIONS.get(state.review.regime, FULL)
    for kind in (IMPROVEMENTS_ONLY if choice == "improvements_only" else full):
        if written(state, kind) is None:
            found.append(_problem(
                code=f"missing:{kind}", where=KINDS[kind].title, snippet="",
                why=f"the report needs the section '{KINDS[kind].title}', which the "
                    "reviewers write (quality markers; the national Panel's expectations)" + (
                        ", or say why it is not relevant" if KINDS[kind].may_be_not_relevant
                        else ""),
                fix=_write(kind, state.id), blocking=True))
    if written(state, "national-asks") is None:
        found.append(_problem(
            code="missing:national-asks", where=KINDS["national-asks"].title, snippet="",
            why="the partnership's response should say whether it asks anything of national "
                "bodies",
            fix=_write("national-asks", state.id) + ", or mark it --not-relevant with a reason",
            blocking=False))
    found += _response(state)
    found += _independence(state)
    found += _delay(host, state, planned)
    return found


def _decision(state: Any, decision: dict[str, Any] | None,
              planned: dt.date | None) -> list[Any]:
    if decision is None:
        return [_problem(
            code="publication_decision", where=DECISION, snippet="",
            why="the partners have not recorded whether, when and how to publish, with the "
                "impact on the family and any surviving children (quality marker 17)",
            fix=f"record it with `casereview record {state.id} publication-decision --template` "
                "for a file to fill in", blocking=True)]
    out = []
    if decision["choice"] == "defer":
        out.append(_problem(
            code="publication_deferred", where=DECISION,
            snippet=f"deferred until {long_date(dt.date.fromisoformat(decision['defer_until']))}",
            why="the partners decided to defer publication", fix="record a new publication "
            "decision when the time comes", blocking=True))
    told = decision.get("family_told_on")
    if not told:
        out.append(_problem(
            code="family_not_told", where=DECISION, snippet="",
            why="the family should hear about the report, and what it says, before it is "
                "published", fix="tell the family, then record the day in the publication "
                "decision (family_told_on)", blocking=True))
    elif planned and dt.date.fromisoformat(told) > planned:
        out.append(_problem(
            code="family_told_late", where=DECISION,
            snippet=f"told on {long_date(dt.date.fromisoformat(told))}",
            why="the family are to be told before publication, not after",
            fix="move the publication day later", blocking=True))
    return out


def _response(state: Any) -> list[Any]:
    response = written(state, "partnership-response")
    if not response:
        return []
    answered = {item["finding"] for item in response.get("findings", [])}
    out = []
    for finding in sorted(state.findings.values(), key=lambda f: f.id):
        if finding.status.value == "suggested" or finding.id in answered:
            continue
        out.append(_problem(
            code="response:finding", where=KINDS["partnership-response"].title,
            snippet=f"{finding.id}: {finding.title}",
            why="the partnership's response must say whether it accepts each finding",
            fix="add the finding to the response's findings, accepted or not with the reason",
            blocking=True))
    if not response.get("issues"):
        out.append(_problem(
            code="response:issues", where=KINDS["partnership-response"].title, snippet="",
            why="the response does not say who will act on the issues for the board, or "
                "through which improvement actions", fix="add the issues with their lead and "
                "actions", blocking=False))
    return out


def _independence(state: Any) -> list[Any]:
    statements = state.record_collection(INDEPENDENCE_RECORD)
    return [_problem(
        code="independence", where="How practitioners and the family were involved",
        snippet=person.name or person.title,
        why="the report gives each lead reviewer's statement of independence, and none is on "
            "record for this reviewer", fix=f"record it with `casereview people {state.id} "
            f"independence {person.id} --statement TEXT`", blocking=True)
        for person in lead_reviewers(state) if person.id not in statements]


def _delay(host: Any, state: Any, planned: dt.date | None) -> list[Any]:
    """A review finishing after its completion target says why, in its own timeline."""
    try:
        regime = host.regime(state.review.regime)
    except Exception:
        return []
    end = planned or dt.date.today()
    explained = (regime_record(state, DELAY_RECORD) or {}).get("reason") or \
        (written(state, "review-timeline") or {}).get("text")
    for clock in regime.clocks:
        start = start_date(state, clock.start) if clock.completion_target else None
        if start is None:
            continue
        due = clock.period.due(start, regime.calendar)
        if end > due and not explained:
            return [_problem(
                code="delay_unexplained", where=KINDS["review-timeline"].title,
                snippet=f"{clock.title}: due {long_date(due)}",
                why="the review finishes after its target and the report does not say why",
                fix=f"give the reasons (`casereview delay {state.id} --reason TEXT` or "
                    f"`casereview section {state.id} review-timeline --file FILE`)",
                blocking=True)]
    return []
