"""Learning events for any methodology (core.analysis.learning_events, `casereview event`),
exercised with Learning Together's joint meeting: plan, record, contribute by role, accept
into evidence, and the facilitator's walk through the phases (scripted and interactive)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from core.analysis import learning_events as le
from core.kernel.errors import CaseReviewError, InputProblems, InvalidValue, NotFound
from core.kernel.state import amend
from plugins.testing import SAMPLE_REVIEW_ID, build_sample_review, make_host

pytestmark = pytest.mark.both_backends  # storage: on SQLite and on the server

METHOD = "learning-together"
SCRIPT = (Path(__file__).resolve().parent.parent / "learning_together" / "example"
          / "joint-meeting-script.yaml")
PHASES = ["Introduction and ground rules", "Walk the timeline as it was known at the time",
          "Agree the key practice episodes", "Appraise and explain", "What went well",
          "Close and support"]
EVENT = ("event", SAMPLE_REVIEW_ID)  # `casereview event REVIEW ...` on the sample review


@pytest.fixture(scope="module")
def host():
    return make_host(METHOD)


@pytest.fixture
def reviews(reviews):
    """The shared `reviews` (the `cli` fixture's database) holding the kit's sample review,
    with Learning Together."""
    build_sample_review(reviews, methodology=METHOD)
    return reviews


def with_event(reviews) -> tuple:
    state = reviews.load(SAMPLE_REVIEW_ID)
    event, events = le.record_event(reviews.host, state, kind="joint_meeting",
                                    held_on=dt.date(2026, 3, 12), facilitator="Lead reviewers",
                                    attendee_roles=("Health visitor", "Duty social worker"))
    return event, reviews.write(state, events)


def test_the_joint_meeting_walks_the_methods_phases_with_prompts_and_time_boxes(reviews):
    plan = le.plan(reviews.host, reviews.load(SAMPLE_REVIEW_ID), "joint_meeting")
    assert [p.title for p in plan.phases] == PHASES
    assert all(p.minutes > 0 and p.prompts for p in plan.phases)
    assert plan.minutes == sum(p.minutes for p in plan.phases)
    assert any("role" in rule for rule in plan.ground_rules)
    assert le.kinds(reviews.host, reviews.load(SAMPLE_REVIEW_ID)).keys() == {
        "joint_meeting", "second_joint_meeting", "review_team_meeting"}


def test_an_unknown_kind_is_refused_with_the_kinds_the_method_holds(reviews):
    with pytest.raises(NotFound, match="joint_meeting, review_team_meeting, "
                                       "second_joint_meeting"):
        le.plan(reviews.host, reviews.load(SAMPLE_REVIEW_ID), "picnic")


def test_a_review_without_a_methodology_has_no_learning_events(reviews):
    state = reviews.write(reviews.load(SAMPLE_REVIEW_ID), [amend(methodology=None)])
    with pytest.raises(InvalidValue, match="no methodology"):
        le.plan(reviews.host, state, "joint_meeting")


def test_phases_are_found_by_number_short_name_or_title(reviews):
    plan = le.plan(reviews.host, reviews.load(SAMPLE_REVIEW_ID), "joint_meeting")
    assert le.find_phase(plan, "4").title == "Appraise and explain"
    assert le.find_phase(plan, "appraise-and-explain").title == "Appraise and explain"
    assert le.find_phase(plan, "what went well").title == "What went well"
    with pytest.raises(InvalidValue, match="1 introduction-and-ground-rules"):
        le.find_phase(plan, "lunch")


def test_contributions_are_by_role_never_by_name(reviews):
    event, state = with_event(reviews)
    with pytest.raises(InvalidValue, match="never by name"):
        le.contribute(reviews.host, state, event.id, le.Said("Mrs Patel", "I was worried."))
    with pytest.raises(InvalidValue, match="never by name"):
        le.record_event(reviews.host, state, kind="joint_meeting",
                        attendee_roles=("Health Visitor 2",))
    said = le.Said("Health visitor", "Morgan Hale told me to wait.", "2",
                   "Northwold Health Visiting")
    contribution, _events, warnings = le.contribute(reviews.host, state, event.id, said)
    assert contribution.id == f"{event.id}-C1"
    assert contribution.phase == PHASES[1]
    assert warnings and "Morgan Hale" in warnings[0]  # a named lead reviewer in what was said
    with pytest.raises(InvalidValue, match="not an agency of this review"):
        le.contribute(reviews.host, state, event.id,
                      le.Said("Health visitor", "text", agency="Narnia Health"))


def test_a_contribution_becomes_evidence_the_methods_way(reviews):
    event, state = with_event(reviews)
    intro, events, _ = le.contribute(reviews.host, state, event.id,
                                     le.Said("Duty social worker", "Agreed.", "1"))
    state = reviews.write(state, events)
    said, events, _ = le.contribute(
        reviews.host, state, event.id,
        le.Said("Duty social worker", "Screening was carried by two people that week.",
                "appraise-and-explain", "Northwold Children's Services"))
    state = reviews.write(state, events)
    # what is said while agreeing ground rules stays a note
    assert le.take(reviews.host, state, intro.id) == (None, [])
    evidence, events = le.take(reviews.host, state, said.id)
    state = reviews.write(state, events)
    assert evidence.kind.value == "contribution" and evidence.id in state.evidence
    assert evidence.details["use"] == "an appraisal or a contributory factor"
    assert state.contributions[said.id].evidence_id == evidence.id
    with pytest.raises(InvalidValue, match="already evidence"):
        le.take(reviews.host, state, said.id)


# -- the command line ---------------------------------------------------------------------------


def test_event_plan_prints_phases_with_time_boxes(cli, reviews):
    result = cli(*EVENT, "plan", "--kind", "joint_meeting")
    assert result.exit_code == 0, result.output
    assert "1. Introduction and ground rules  [20 min; 0:00 to 0:20]" in result.output
    assert "5. What went well" in result.output and "Ground rules:" in result.output
    assert "6. Close and support" in result.output


def test_facilitate_with_a_script_records_each_phase_and_accepts(cli, reviews, tmp_path):
    script = yaml.safe_load(SCRIPT.read_text(encoding="utf-8"))
    for phase in script["phases"]:  # the sample review's agencies, not Child A's
        for said in phase["contributions"]:
            said["agency"] = "Northwold Health Visiting"
    path = tmp_path / "script.yaml"
    path.write_text(yaml.safe_dump(script), encoding="utf-8")
    cli.ok(*EVENT, "add", "--kind", "joint_meeting", "--on", "2026-03-12")
    result = cli(*EVENT, "facilitate", "LE-1", "--script", str(path))
    assert result.exit_code == 0, result.output
    # phases in order, each contribution printed under its phase
    walk = result.output.index("2. Walk the timeline")
    assert result.output.index("Recorded LE-1-C2") > walk
    assert result.output.index("Recorded LE-1-C1") < walk
    state = reviews.load(SAMPLE_REVIEW_ID)
    said = [c for c in state.contributions.values() if c.event_id == "LE-1"]
    assert len(said) == 8
    accepted = [c for c in said if c.evidence_id]
    assert len(accepted) == 5 and all(c.evidence_id in state.evidence for c in accepted)
    assert {c.phase for c in said} == set(PHASES)


def test_a_bad_script_is_refused_whole_and_changes_nothing(cli, reviews, tmp_path):
    cli.ok(*EVENT, "add", "--kind", "joint_meeting")
    before = reviews.load(SAMPLE_REVIEW_ID).seq
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump({"phases": [
        {"phase": 2, "contributions": [{"role": "Health visitor", "text": "Fine."}]},
        {"phase": 3, "contributions": [{"role": "GP", "name": "Dr Who", "text": ""}]},
    ]}), encoding="utf-8")
    result = cli(*EVENT, "facilitate", "LE-1", "--script", str(path))
    assert result.exit_code == 1
    assert "bad.yaml" in result.output and "phases[2].contributions[1]" in result.output
    assert "'text' is required" in result.output
    assert reviews.load(SAMPLE_REVIEW_ID).seq == before
    path.write_text(yaml.safe_dump({"phases": [
        {"phase": "lunch", "contributions": [{"role": "GP", "text": "Hello."}]}]}))
    result = cli(*EVENT, "facilitate", "LE-1", "--script", str(path))
    assert result.exit_code == 1 and "no phase 'lunch'" in result.output
    assert reviews.load(SAMPLE_REVIEW_ID).seq == before


def test_facilitate_record_asks_after_each_phase(cli, reviews):
    cli.ok(*EVENT, "add", "--kind", "review_team_meeting")
    # phase 1: one contribution taken into evidence; the other four phases: move on
    answers = "Named nurse\nNorthwold Health Visiting\nWe have heard from everyone.\ny\n\n" \
              + "\n" * 4
    result = cli(*EVENT, "facilitate", "LE-1", "--record", input=answers)
    assert result.exit_code == 0, result.output
    assert "Recorded LE-1-C1 (Named nurse, Northwold Health Visiting) as evidence" \
        in result.output
    state = reviews.load(SAMPLE_REVIEW_ID)
    assert state.contributions["LE-1-C1"].evidence_id == "EV-LE-1-C1"


def test_contribute_and_accept_commands(cli, reviews):
    cli.ok(*EVENT, "add", "--kind", "joint_meeting")
    result = cli(*EVENT, "contribute", "LE-1", "--role", "GP", "--phase", "5",
                 "--text", "This happens with other families too.")
    assert result.exit_code == 0 and "LE-1-C1" in result.output
    cli.ok(*EVENT, "accept", "LE-1-C1")
    listing = cli(*EVENT, "list")
    assert "evidence EV-LE-1-C1" in listing.output
    cli.refused(*EVENT, "contribute", "LE-1", "--role", "Dr Jones", "--text", "Hi",
                says="never by name")


def test_the_script_module_reports_every_problem(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("phases: not a list\n", encoding="utf-8")
    with pytest.raises(CaseReviewError, match="phases"):
        le.facilitation_script(path)
    path.write_text(yaml.safe_dump({"phases": [{"contributions": []}, "x"]}))
    with pytest.raises(InputProblems) as caught:
        le.facilitation_script(path)
    assert len(caught.value.problems) == 2
