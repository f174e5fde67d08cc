"""Root Cause Analysis as a method: an honest fit, the plan per level, the learning events,
and the report parts the level requires."""

from __future__ import annotations

import pytest
from rca_case import REVIEW, build, copy_of

from core.plugin_api.methodology import CaseProfile
from rca.descriptor import DESCRIPTOR, assess_fit
from rca.meetings import plan_learning_event, take_contribution
from rca.plan import plan_review
from rca.report_parts import missing_parts
from rca.taxonomy import REPORT_PARTS, VARIANTS


def test_the_descriptor_names_the_psirf_mode():
    assert DESCRIPTOR.title == "Root Cause Analysis (NPSA), with a PSIRF mode"
    assert list(DESCRIPTOR.variants) == ["level-1-concise", "level-2-comprehensive",
                                         "level-3-independent", "psii"]
    assert set(DESCRIPTOR.learning_events) == {"rca_meeting", "fishbone_workshop",
                                               "staff_interview", "after_action_review"}


def test_fit_is_high_for_a_health_led_single_agency_and_low_for_a_multi_agency_review():
    health = assess_fit(CaseProfile(health_led_incident=True, agencies_involved=1),
                        methodology="rca")
    statutory = assess_fit(CaseProfile(health_led_incident=False, agencies_involved=7,
                                       statutory_threshold_met=True), methodology="rca")
    assert health.score >= 80 and statutory.score <= 10
    assert any("health service's care" in why for why in health.reasons_for)
    # the law is the chooser's to apply; the method only says what its investigation can give
    assert any("systems methodology" in why for why in statutory.cautions)
    assert any("7 agencies" in why for why in statutory.reasons_against)
    assert assess_fit(CaseProfile(), methodology="learning-together") is None


@pytest.fixture(scope="module")
def state(tmp_path_factory):
    db = tmp_path_factory.mktemp("method") / "template.db"
    build(db)
    reviews = copy_of(db, db.parent / "copy.db")
    yield reviews.load(REVIEW)
    reviews.journal.close()


def test_the_plan_follows_the_npsa_stages_per_level(state):
    level_2 = plan_review(review=state, methodology="rca", variant=None)
    assert level_2.variant == "level-2-comprehensive" and level_2.typical_weeks == 12
    titles = [a.title for a in level_2.activities]
    assert titles[0].startswith("Getting started")
    assert any("tabular timeline" in t for t in titles)
    assert any("five whys" in t for t in titles)
    assert titles[-1].startswith(f"Writing the report ({len(REPORT_PARTS)} of the")
    level_3 = plan_review(review=state, methodology="rca", variant="level-3-independent")
    assert "independent of the organisation" in level_3.activities[0].title
    concise = plan_review(review=state, methodology="rca", variant="level-1-concise")
    assert concise.typical_weeks == 4
    assert any(a.title.startswith("A short team discussion") for a in concise.activities)
    assert concise.activities[-1].title.startswith("Writing the report (12 of the 22")
    psii = plan_review(review=state, methodology="rca", variant="psii")
    assert any("After action review" in a.title for a in psii.activities)
    assert not any("five whys" in a.title for a in psii.activities)
    assert "agree the timeframe with those affected" in psii.activities[1].title


def test_the_level_decides_the_report_parts(state):
    concise, full = VARIANTS["level-1-concise"], VARIANTS["level-2-comprehensive"]
    assert "pre-investigation" not in " ".join(concise.required_parts)
    assert set(concise.required_parts) < set(full.required_parts) == set(REPORT_PARTS)
    missing = missing_parts(state)  # nothing written yet
    assert len(missing) == len(full.required_parts) - 1  # the review's own terms of reference
    assert "Executive summary is required at level 2 and is not written yet" in missing


def test_the_rca_meeting_walks_the_method_with_time_boxes(state):
    plan = plan_learning_event(review=state, methodology="rca", kind="rca_meeting")
    assert [p.title for p in plan.phases] == [
        "Brief and ground rules", "Review the tabular timeline",
        "Identify care and service delivery problems", "Contributory factors by category",
        "Five whys on the top problems", "Agree the root causes", "Options for solutions"]
    assert all(p.minutes > 0 for p in plan.phases) and plan.minutes == 210
    interview = plan_learning_event(review=state, methodology="rca", kind="staff_interview")
    assert "Child and family" in interview.phases[3].prompts[0]
    review = plan_learning_event(review=state, methodology="rca", kind="after_action_review")
    assert [p.title for p in review.phases][1:] == [
        "What was expected", "What happened", "Why it was different", "What can be learned"]
    assert plan_learning_event(review=state, methodology="rca", kind="joint_meeting") is None


def test_a_contribution_becomes_evidence_except_in_the_brief(state):
    from core.kernel.model import Contribution

    said = Contribution("C1", "LE1", "Named nurse", "The form never asked.",
                        phase="Five whys on the top problems")
    evidence = take_contribution(review=state, methodology="rca", contribution=said)
    assert evidence.details["use"] == "evidence for a step of a five-whys chain"
    brief = Contribution("C2", "LE1", "Named nurse", "Hello.", phase="Brief and ground rules")
    assert take_contribution(review=state, methodology="rca", contribution=brief) is None


@pytest.mark.parametrize("script, kind", [
    ("rca-meeting-script.yaml", "rca_meeting"),
    ("psirf-after-action-review/after-action-review-script.yaml", "after_action_review"),
])
def test_the_example_scripts_name_the_events_phases(state, script, kind):
    from core.analysis.learning_events import facilitation_script, find_phase
    from rca.loading import example_material

    plan = plan_learning_event(review=state, methodology="rca", kind=kind)
    script_file = example_material() / script
    phases = [find_phase(plan, p.phase).title for p in facilitation_script(script_file)]
    assert len(phases) >= 4 and len(set(phases)) == len(phases)
