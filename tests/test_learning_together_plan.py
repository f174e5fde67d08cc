"""Learning Together's plan per variant (SCIE's review options), its agency form, and its rules
about roles: two lead reviewers in every variant, each independent of every agency involved."""

from __future__ import annotations

import itertools

import pytest
from click.testing import CliRunner

from core.apps.cli.base import App, cli
from core.kernel.errors import TransitionRefused
from core.kernel.model import Agency, Participant
from core.kernel.state import amend, put
from learning_together.plan import agency_submission_form, plan_review
from learning_together.taxonomy import VARIANTS
from plugins.testing import build_sample_review, make_host

METHOD = "learning-together"


@pytest.fixture
def reviews(casereview_journal):
    from core.plugin_api.reviews import Reviews

    return Reviews(casereview_journal, make_host(METHOD), "test coordinator")


@pytest.fixture
def review(reviews):
    return build_sample_review(reviews, methodology=METHOD)


def shape(plan) -> dict[str, int | float]:
    """What a variant changes: duration, conversations, meetings."""
    def count(words: str) -> int:
        return sum(a.count for a in plan.activities if words in a.title.lower())

    return {
        "weeks": plan.typical_weeks,
        "conversations": count("structured conversations"),
        "review_team_meetings": count("review-team meeting"),
        "joint_meetings": count("joint meeting") + count("one-day event"),
    }


def without_case_group(review):
    for key in [k for k, p in review.participants.items() if p.role.value == "case_group"]:
        del review.participants[key]
    return review


def titles(plan) -> list[str]:
    return [a.title for a in plan.activities]


def test_each_variant_plans_what_the_method_describes(review):
    review = without_case_group(review)
    plans = {name: plan_review(review=review, methodology=METHOD, variant=name)
             for name in VARIANTS}
    shapes = {name: shape(plan) for name, plan in plans.items()}
    assert shapes["full"] == {"weeks": 26, "conversations": 10, "review_team_meetings": 5,
                              "joint_meetings": 2}
    # speed+: every part of the full process in one week, with lead-in and report writing
    # planned around it, so both joint meetings and all the key staff
    speed = plans["speed+"]
    assert shapes["speed+"]["joint_meetings"] == 2 and shapes["speed+"]["conversations"] == 8
    assert speed.typical_weeks == VARIANTS["speed+"].lead_in_weeks + 1 + \
        VARIANTS["speed+"].report_weeks > 1
    assert any(t.startswith("Lead-in") for t in titles(speed))
    assert any("extra meeting on the findings" in t for t in titles(speed))
    # focused: a one-day event, no conversations, two reviewers, report written afterwards
    assert shapes["focused"]["conversations"] == 0 and shapes["focused"]["joint_meetings"] == 1
    assert "two lead reviewers" in plans["focused"].roles["lead_reviewer"].lower()
    # themed: two stages, a case-file audit first
    audit = next(a for a in plans["themed"].activities if a.title.startswith("Stage one"))
    assert audit.count == VARIANTS["themed"].audit_cases and "audit" in audit.title
    assert any(t.startswith("Stage two") for t in titles(plans["themed"]))
    # mid-range: usually no more than six conversations
    assert shapes["mid-range"]["conversations"] == 6
    # intensive: all aspects, around two blocks of activity
    assert shapes["intensive"]["joint_meetings"] == 2
    assert {t.split(":")[0] for t in titles(plans["intensive"]) if t.startswith("Block")} == {
        "Block 1", "Block 2"}
    # lighter options produce indicative findings as well as findings
    for name, plan in plans.items():
        said = any("indicative findings" in t for t in titles(plan))
        assert said is VARIANTS[name].indicative, name
    assert {n for n, v in VARIANTS.items() if v.indicative} == {"speed+", "mid-range",
                                                                 "focused"}
    for first, second in itertools.combinations(VARIANTS, 2):
        assert shapes[first] != shapes[second], (first, second)


def test_the_two_joint_meetings_have_their_own_jobs_and_plan_support(review):
    plan = plan_review(review=review, methodology=METHOD, variant="full")
    joint = [a.title for a in plan.activities if "joint meeting" in a.title.lower()]
    assert joint[0].startswith("First") and "episodes" in joint[0]
    assert joint[1].startswith("Second") and "prioritise the findings" in joint[1]
    assert all("support for the practitioners" in t for t in joint)


def test_conversations_follow_the_case_group_when_it_is_known(reviews, review):
    people = [Participant(f"P{n}", "case_group", f"Practitioner {n}") for n in range(10, 17)]
    review = reviews.write(review, [put("participants", p) for p in people])
    assert len([p for p in review.participants.values() if p.role.value == "case_group"]) == 8
    counts = {name: shape(plan_review(review=review, methodology=METHOD, variant=name))
              ["conversations"] for name in VARIANTS}
    assert counts == {"full": 8, "intensive": 8, "speed+": 8, "mid-range": 6, "focused": 0,
                      "themed": 6}


def test_the_plan_uses_the_reviews_variant_and_every_activity_is_on_a_stage(reviews, review):
    review = reviews.write(review, [amend(variant="speed+")])
    plan = plan_review(review=review, methodology=METHOD, variant=None)
    assert plan.variant == "speed+" and plan.typical_weeks == VARIANTS["speed+"].total_weeks
    assert {a.stage for a in plan.activities} >= {"commissioning", "evidence", "analysis",
                                                   "learning_events", "findings", "report"}
    assert "two lead reviewers" in plan.roles["lead_reviewer"].lower()


def test_the_agency_form_asks_for_records_practitioners_by_role_and_context(review):
    form = agency_submission_form(review=review, methodology=METHOD, agency="Northwold Police")
    assert "Northwold Police" in form.title and form.include_chronology
    assert set(form.sections) >= {"Records", "Practitioners involved",
                                  "The context of the work then"}
    assert "never by name" in form.sections["Practitioners involved"]


# -- roles ----------------------------------------------------------------------------------


def at_commissioning(reviews, review):
    return reviews.write(review, [("stage.changed", {"from": review.stage.value,
                                                      "to": "commissioning", "reason": "test"})])


def test_two_lead_reviewers_are_wanted_in_every_variant(reviews, review):
    """SCIE commissions two accredited reviewers, for the focused option too."""
    review = at_commissioning(reviews, review)
    with pytest.raises(TransitionRefused, match="wants two lead reviewers; this review has 1"):
        reviews.move(review.id, "evidence")
    review = reviews.write(review, [amend(variant="focused")])
    with pytest.raises(TransitionRefused, match=r"\(focused\) wants two lead reviewers"):
        reviews.move(review.id, "evidence")


def test_a_second_lead_reviewer_lets_the_full_review_gather_evidence(reviews, review):
    review = at_commissioning(reviews, review)
    second = Participant("P9", "lead_reviewer", "Independent lead reviewer", name="Ria Sen",
                         employers=("Sen Associates",))
    reviews.write(review, [put("participants", second)])
    assert reviews.move(review.id, "evidence").stage.value == "evidence"


def test_a_lead_reviewer_employed_by_an_involved_agency_is_refused_with_the_agency(
        reviews, review):
    review = at_commissioning(reviews, review)
    second = Participant("P9", "lead_reviewer", "Independent lead reviewer", name="Ria Sen",
                         employers=("Sen Associates",))
    review = reviews.write(review, [put("participants", second)])
    # Ria Sen once worked for a hospital that the review only later finds was involved.
    review = reviews.write(review, [
        put("participants", Participant("P9", "lead_reviewer", "Independent lead reviewer",
                                        name="Ria Sen", employers=("Northwold General Hospital",))),
        put("agencies", Agency("Northwold General Hospital", "hospital")),
    ])
    with pytest.raises(TransitionRefused) as refused:
        reviews.move(review.id, "evidence")
    assert "Ria Sen" in str(refused.value) and "Northwold General Hospital" in str(refused.value)
    assert "independent" in str(refused.value)


def test_the_core_refuses_to_appoint_an_employee_of_an_involved_agency(reviews, review,
                                                                       tmp_path):
    """The core's rule (seed 2.6) at appointment; the method's check above catches the rest."""
    from core.kernel.store import open_journal
    from core.plugin_api.reviews import Reviews

    db = tmp_path / "roles.db"
    journal = open_journal(db)
    build_sample_review(Reviews(journal, reviews.host, "test"), methodology=METHOD)
    journal.close()
    result = CliRunner().invoke(cli, [
        "--db", str(db), "people", "CR-2025-900", "add", "--role", "lead_reviewer", "--title",
        "Lead reviewer", "--name", "Kit Lowe", "--employer", "Northwold Police"],
        obj=App(host=reviews.host))
    assert result.exit_code == 1
    assert "Northwold Police" in result.output and "independent" in result.output


def test_checks_name_missing_roles_and_stay_quiet_for_other_methods(reviews, review):
    from learning_together.checks import check_stage

    found = {c["message"] for c in check_stage(review=review, stage="commissioning")}
    assert any("review team" in m for m in found) and any("family" in m for m in found)
    rca = reviews.write(review, [amend(methodology="rca")])
    assert check_stage(review=rca, stage="findings") == []
