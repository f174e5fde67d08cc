"""The decision whether to hold a review: the facts, the engine's answer and the Chair's call.

The Chair decides; the engine advises. A decision that differs from the engine's answer (or one
made while the engine could not decide) must carry a rationale. Facts, answer and decision are
all journalled, so a later reader sees what was known and why the Chair chose as they did.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from core.kernel import state as st
from core.kernel.dates import long_date
from core.kernel.errors import InvalidValue, NotFound, TransitionRefused
from core.kernel.journal import Event
from core.kernel.lifecycle import Stage
from core.kernel.words import fact_line, in_words
from core.statutory.criteria import DECISIONS, Assessment, assess
from core.statutory.regimes import (
    ASSESSMENT_RECORD,
    CURRENT,
    DECISION_RECORD,
    FACTS_RECORD,
    current,
)
from core.statutory.status import StatusSection

if TYPE_CHECKING:
    from core.kernel.state import ReviewState
    from core.plugin_api.plugins import PluginHost
    from core.plugin_api.reviews import Reviews
    from core.statutory.facts import Facts
    from core.statutory.regimes import Regime


def facts_events(regime: Regime, facts: Facts, *, source: str,
                 on: dt.date) -> tuple[Assessment, list[tuple[str, dict[str, Any]]]]:
    """The engine's answer for `facts`, and the events that record both."""
    assessment = assess(regime, facts)
    record = assessment.to_data() | {"expected_decisions": list(assessment.expected_decisions),
                                     "on": on.isoformat()}
    return assessment, [
        st.put_record(FACTS_RECORD, CURRENT, {"facts": facts.to_data(), "source": source,
                                              "on": on.isoformat()}),
        st.put_record(ASSESSMENT_RECORD, CURRENT, record),
    ]


def decide(reviews: Reviews, review_id: str, facts: Facts, decision: str, *, by: str,
           rationale: str, on: dt.date) -> tuple[ReviewState, Assessment]:
    """Record the facts, the engine's answer and the Chair's decision; move a review still at
    notification to the decision stage. The decision and the move are one write: if a guard
    refuses the move, nothing is recorded."""
    if decision not in DECISIONS:
        raise InvalidValue(f"the decision is one of {', '.join(DECISIONS)}, not {decision!r}")
    if not by.strip():
        raise InvalidValue("say who made the decision (--by): the final decision rests with the "
                           "Chair")
    state = reviews.load(review_id)
    if state.stage not in (Stage.NOTIFICATION, Stage.DECISION):
        raise InvalidValue(f"review {review_id} is at stage {state.stage.label}; the decision is "
                           "made at the notification or decision stage")
    if on < state.review.notified_on or on > dt.date.today():
        raise InvalidValue(f"the decision day {long_date(on)} must be between the notification "
                           f"({long_date(state.review.notified_on)}) and today")
    regime = reviews.host.regime(state.review.regime)
    assessment, events = facts_events(regime, facts, source="decision", on=on)
    agrees = decision in assessment.expected_decisions
    if not agrees and not rationale.strip():
        raise InvalidValue(_needs_rationale(assessment, decision))
    events.append(st.put_record(DECISION_RECORD, CURRENT,
                                decision_record(regime, assessment, decision, by=by,
                                                rationale=rationale, on=on, agrees=agrees)))
    moved_from = state.stage
    if moved_from is Stage.NOTIFICATION:
        # The guards see the review as it will be, decision recorded, before anything is written.
        refused = reviews.refusals(_preview(state, events), Stage.DECISION)
        if refused:
            raise TransitionRefused(moved_from.value, Stage.DECISION.value, refused)
        events.append(("stage.changed", {"from": moved_from.value, "to": Stage.DECISION.value,
                                         "reason": "the Chair's decision was recorded"}))
    state = reviews.write(state, events)
    if moved_from is Stage.NOTIFICATION:
        failures = reviews.host.notify_each("stage_changed", review=state,
                                            source=moved_from.value, target=Stage.DECISION.value)
        reviews.warnings = [f"{error} (the move was recorded)" for error in failures]
    return state, assessment


def decision_record(regime: Regime, assessment: Assessment, decision: str, *, by: str,
                    rationale: str, on: dt.date, agrees: bool) -> dict[str, Any]:
    """The decision as journalled. `review_kind` is the review being held (None for no review);
    `criteria_review_kind` is the engine's kind, the first step the regime asks for."""
    held = regime.held_kind(decision, assessment.review_kind)
    needed = None
    if decision == "initiate":
        needed = regime.reviewers_required.get(held or "") or \
            regime.reviewers_required.get(assessment.review_kind or "")
    return {
        "decision": decision, "by": by.strip(), "rationale": rationale.strip(),
        "on": on.isoformat(), "engine_outcome": assessment.outcome,
        "review_kind": held, "criteria_review_kind": assessment.review_kind,
        "agrees_with_engine": agrees, "lead_reviewers_required": needed,
    }


def _preview(state: ReviewState, changes: list[tuple[str, dict[str, Any]]]) -> ReviewState:
    """`state` with `changes` applied, on a copy; nothing is written."""
    preview = st.from_snapshot(st.to_snapshot(state))
    now = dt.datetime.now(dt.UTC)
    for offset, (kind, payload) in enumerate(changes, start=1):
        preview.apply(Event(state.id, state.seq + offset, now, "preview", kind, payload))
    return preview


def _needs_rationale(assessment: Assessment, decision: str) -> str:
    if assessment.outcome == "undecided":
        return (f"the criteria cannot be decided without {', '.join(assessment.missing_facts)}; "
                f"give the facts, or a rationale (--rationale) for deciding {decision} without "
                "them")
    agreeing = " or ".join(assessment.expected_decisions) or "none"
    return (f"the criteria outcome is {assessment.outcome} (which agrees with: {agreeing}); "
            f"a decision of {decision} needs a rationale (--rationale)")


def decision_of(state: ReviewState) -> dict[str, Any] | None:
    return current(state, DECISION_RECORD)


def held_kind(host: PluginHost, state: ReviewState) -> str | None:
    """The kind of review the Chair's decision holds (None: no decision, or no review).
    Decisions journalled before `criteria_review_kind` was kept stored the engine's kind as
    `review_kind`; for those the regime says again what the decision leads to."""
    decision = decision_of(state)
    if not decision:
        return None
    if "criteria_review_kind" in decision:
        return decision.get("review_kind")
    try:
        regime: Regime = host.regime(state.review.regime)
    except NotFound:  # its regime plugin is not loaded: keep what was recorded
        return decision.get("review_kind")
    return regime.held_kind(decision["decision"], decision.get("review_kind"))


def check_decision(review: ReviewState, source: str, target: str) -> list[str]:
    """Lifecycle guard: commissioning follows a decision to hold a review, closing follows a
    decision not to."""
    if source != Stage.DECISION.value or target not in (Stage.COMMISSIONING.value,
                                                        Stage.CLOSED.value):
        return []
    decided = (decision_of(review) or {}).get("decision")
    if decided is None:
        return ["record the Chair's decision first: `casereview decide REVIEW --facts FILE "
                "--decision initiate|alternative|no-review --by NAME`"]
    if target == Stage.COMMISSIONING.value and decided == "no-review":
        return ["the Chair decided not to hold a review; close it instead, or record a new "
                "decision to initiate a review or an alternative review"]
    if target == Stage.CLOSED.value and decided != "no-review":
        held = "initiate a review" if decided == "initiate" else "hold an alternative review"
        return [f"the Chair decided to {held}; commission it, or record a new decision of "
                "no-review before closing"]
    return []


def status_section(host: PluginHost, state: ReviewState, today: dt.date) -> StatusSection:
    facts = current(state, FACTS_RECORD)
    assessment = current(state, ASSESSMENT_RECORD)
    decision = decision_of(state)
    lines, warnings = [], []
    if facts:
        given = fact_line(facts["facts"])
        lines.append(f"Facts (recorded at the {facts['source']}, {in_words(facts['on'])}): "
                     f"{given}")
    if assessment:
        kind = assessment["review_kind"]
        kind = f" — {kind.replace('_', ' ')}" if kind else ""
        lines.append(f"Criteria: {assessment['outcome'].replace('_', ' ')}{kind}")
        lines.extend(f"  [{r['rule']}] {r['text']}" for r in assessment["reasons"])
        if assessment["missing_facts"]:
            warnings.append("the criteria need facts not yet recorded: "
                            + ", ".join(assessment["missing_facts"]))
    else:
        lines.append("No facts recorded yet: `casereview decide` (or `casereview criteria` to try)")
    if decision:
        lines.append(f"Chair's decision: {decision['decision']}, by {decision['by']} on "
                     f"{in_words(decision['on'])}" + ("" if decision["agrees_with_engine"]
                                            else " (differs from the criteria outcome)"))
        kind = held_kind(host, state)
        if kind:
            lines.append(f"  Review held: {kind.replace('_', ' ')}")
        if decision["rationale"]:
            lines.append(f"  Rationale: {decision['rationale']}")
    elif state.stage in (Stage.NOTIFICATION, Stage.DECISION):
        lines.append("Chair's decision: not yet recorded")
    return StatusSection("decision", "Decision", (), lines, warnings)
