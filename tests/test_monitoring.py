"""Monitoring ends only when every improvement action is done with its impact shown, or
cancelled (seed 1.3: sustainability through monitoring and follow-up)."""

from __future__ import annotations

import datetime as dt

from attrs import evolve

from core.apps import guards
from core.kernel.lifecycle import Stage
from core.kernel.model import ActionStatus, ImprovementAction, Review, Subject
from core.kernel.state import ReviewState


def _review(*actions: ImprovementAction) -> ReviewState:
    state = ReviewState(id="CR-2025-001", stage=Stage.MONITORING, header=Review(
        id="CR-2025-001", title="Child A", regime="england-cspr-2018", area="Tessingford",
        subject=Subject("Child A"), incident_date=dt.date(2025, 2, 13),
        notified_on=dt.date(2025, 2, 18)))
    for action in actions:
        state.actions[action.id] = action
    return state


ACTION = ImprovementAction(
    id="A1", description="Share police call-outs with health visiting", owner="MASH manager",
    due=dt.date(2025, 9, 30), measure_of_success="Every call-out shared within a day",
    addresses=("F1",))


def _refusals(state: ReviewState) -> list[str]:
    return guards.check_transition(review=state, source="monitoring", target="closed")


def test_open_actions_keep_monitoring_going():
    reasons = _refusals(_review(ACTION, evolve(ACTION, id="A2", status=ActionStatus.IN_PROGRESS)))
    assert len(reasons) == 2
    assert "action A1 (MASH manager) is planned" in reasons[0]
    assert "action A2 (MASH manager) is in progress" in reasons[1]


def test_a_completed_action_needs_evidence_of_its_impact():
    done = evolve(ACTION, status=ActionStatus.COMPLETED)
    [reason] = _refusals(_review(done))
    assert "no evidence of its impact" in reason and "--impact" in reason
    shown = evolve(done, impact_evidence="Audit in March: 48 of 50 shared the same day")
    assert _refusals(_review(shown)) == []


def test_cancelled_actions_do_not_hold_monitoring_open():
    assert _refusals(_review(evolve(ACTION, status=ActionStatus.CANCELLED))) == []
