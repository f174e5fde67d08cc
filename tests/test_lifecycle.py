"""The lifecycle's moves and guards, and the validators that refuse impossible values with a
message a coordinator understands."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest

from core.kernel import state as st
from core.kernel.dates import PartialDate
from core.kernel.errors import InvalidValue, TransitionRefused
from core.kernel.lifecycle import BACKWARD, ORDER, Stage, allowed_moves, is_backward
from core.kernel.model import (
    ChronologyEntry,
    ImprovementAction,
    Participant,
    Recommendation,
    Review,
    Subject,
)
from core.plugin_api.methodology import FitAssessment
from plugins.testing import build_sample_review

pytestmark = pytest.mark.both_backends  # storage: on SQLite and on the server

# -- the shape of the lifecycle -------------------------------------------------------------------


def test_each_stage_moves_forward_to_the_next_and_closed_is_the_end():
    for earlier, later in pairwise(ORDER):
        assert later in allowed_moves(earlier)
    assert allowed_moves(Stage.CLOSED) == frozenset()
    assert Stage.CLOSED in allowed_moves(Stage.DECISION)  # a decision not to review


def test_the_backward_moves_are_exactly_the_documented_ones():
    documented = {
        ("analysis", "evidence"), ("learning_events", "analysis"),
        ("learning_events", "evidence"), ("findings", "analysis"),
        ("findings", "learning_events"), ("improvement_actions", "findings"),
        ("report", "findings"), ("report", "improvement_actions"), ("publication", "report"),
    }
    assert {(s.value, t.value) for s, targets in BACKWARD.items() for t in targets} == documented
    assert all(is_backward(Stage(s), Stage(t)) for s, t in documented)
    assert not is_backward(Stage.MONITORING, Stage.REPORT)


def test_the_audit_trail_says_when_a_move_went_back() -> None:
    from types import SimpleNamespace

    from core.apps.cli.history import _describe

    def moved(source: str, target: str) -> str:
        return _describe(SimpleNamespace(kind="stage.changed",
                                         payload={"from": source, "to": target}))

    assert moved("findings", "learning_events") == (
        "moved the review back from findings to learning events")
    assert moved("analysis", "learning_events") == (
        "moved the review from analysis to learning events")


# -- guards -------------------------------------------------------------------------------------


def test_a_move_the_lifecycle_does_not_allow_is_refused_and_says_where_it_can_go(reviews, sample):
    before = st.summary(reviews.load(sample.id))
    with pytest.raises(TransitionRefused) as caught:
        reviews.move(sample.id, "report")
    assert caught.value.reasons == [
        "the lifecycle does not allow notification -> report (allowed from here: decision)"]
    assert st.summary(reviews.load(sample.id, use_snapshot=False)) == before


def test_every_reason_is_listed_when_guards_refuse(reviews, journal):
    state = build_sample_review(reviews, review_id="CR-2025-050")  # no methodology chosen
    reviews.write(state, [st.remove("participants", "P1")])  # nor a lead reviewer
    state = _at_commissioning(reviews, state.id)
    seq = journal.last_seq(state.id)
    with pytest.raises(TransitionRefused) as caught:
        reviews.move(state.id, "evidence")
    assert caught.value.reasons == [
        "choose a methodology for the review before gathering evidence",
        "appoint at least one lead reviewer before gathering evidence",
    ]
    assert "the review is unchanged" in str(caught.value)
    assert journal.last_seq(state.id) == seq


def _at_commissioning(reviews, review_id: str) -> st.ReviewState:
    from core.statutory.decisions import decide
    from core.statutory.facts import parse_facts

    state = reviews.load(review_id)
    facts = parse_facts({"abuse_or_neglect": "suspected", "outcome": "died"})
    decide(reviews, review_id, facts, "initiate", by="Chair", rationale="",
           on=state.review.notified_on)
    return reviews.move(review_id, "commissioning")


def test_an_unknown_stage_is_refused_in_plain_words(reviews, sample):
    with pytest.raises(InvalidValue, match="'drafting' is not a stage of the lifecycle; stages: "
                                           "notification, decision"):
        reviews.move(sample.id, "drafting")


def test_the_move_command_lists_reasons_in_one_message(cli, sample):
    refused = cli.refused("move", sample.id, "closed")
    assert refused.startswith("Error: cannot move from 'notification' to 'closed'; "
                              "the review is unchanged:")
    assert cli.ok("move", sample.id, "decision") == "CR-2025-900 is now at stage decision.\n"
    unknown = cli("move", sample.id, "drafting")
    assert unknown.exit_code == 2 and "'drafting' is not one of" in unknown.output


# -- validators -----------------------------------------------------------------------------------

INCIDENT = dt.date(2025, 11, 14)


def review(**changes) -> Review:
    values = dict(id="CR-2025-001", title="Child T", regime="england-cspr-2018",
                  area="Northwold", subject=Subject("Child T"), incident_date=INCIDENT,
                  notified_on=dt.date(2025, 11, 17))
    return Review(**(values | changes))


def action(**changes) -> ImprovementAction:
    values = dict(id="A1", description="Share police call-outs with health visitors daily",
                  owner="Partnership business manager", due=dt.date(2026, 6, 30),
                  measure_of_success="Every call-out shared within a day", addresses=("R1",))
    return ImprovementAction(**(values | changes))


@pytest.mark.parametrize("make, expected", [
    (lambda: review(notified_on=dt.date(2025, 11, 13)),
     "the notification date 13 November 2025 is before the incident (14 November 2025); "
     "a review is notified after the incident"),
    (lambda: action(owner=""), "an owner for the action (a role or a body) is required"),
    (lambda: action(owner="   "), "an owner for the action (a role or a body) is required"),
    (lambda: action(addresses=()),
     "an action must address at least one recommendation or finding"),
    (lambda: Recommendation("R1", "Share call-outs", ()),
     "a recommendation must address at least one finding"),
    (lambda: ChronologyEntry("E1", "Police", PartialDate.day(INCIDENT), ""),
     "what happened is required"),
    (lambda: PartialDate(dt.date(2025, 3, 2), dt.date(2025, 3, 1), "range"),
     "a date range cannot end (2025-03-01) before it starts (2025-03-02)"),
    (lambda: FitAssessment("rca", 140), "a fit score is between 0 and 100, not 140"),
    (lambda: Participant("P9", "lead_reviewer", ""),
     "a participant's job title or relationship is required"),
])
def test_impossible_values_are_refused_with_a_plain_message(make, expected):
    with pytest.raises(InvalidValue) as caught:
        make()
    assert str(caught.value).startswith(expected)
    assert "Traceback" not in str(caught.value) and "\n" not in str(caught.value)


def test_an_amendment_a_validator_refuses_writes_nothing(reviews, sample):
    seq = reviews.journal.last_seq(sample.id)
    with pytest.raises(InvalidValue, match="is before the incident"):
        reviews.write(sample, [st.amend(notified_on=dt.date(2025, 1, 1))])
    assert reviews.journal.last_seq(sample.id) == seq
    assert reviews.load(sample.id).review.notified_on == dt.date(2025, 11, 17)


def test_one_bad_event_in_a_batch_refuses_the_whole_batch(reviews, sample):
    before = st.summary(reviews.load(sample.id))
    good = ChronologyEntry("E50", "Northwold Police", PartialDate.day(INCIDENT), "Fictional.")
    with pytest.raises(InvalidValue):
        reviews.write(sample, [st.put("chronology", good),
                               st.amend(notified_on=dt.date(2025, 1, 1))])
    assert st.summary(reviews.load(sample.id, use_snapshot=False)) == before


def test_a_review_cannot_be_opened_twice_or_under_an_unknown_regime(reviews, sample):
    with pytest.raises(InvalidValue, match="already a review with the id CR-2025-900"):
        reviews.open_review(sample.review)
    from core.kernel.errors import NotFound

    with pytest.raises(NotFound, match="no regime called 'atlantis-2030'"):
        reviews.open_review(review(id="CR-2025-002", regime="atlantis-2030"))
    assert not reviews.exists("CR-2025-002")
