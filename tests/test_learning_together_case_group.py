"""Learning Together holds its learning events with the case group: a review without any
practitioner in it is refused the move into the learning events, with the command to add one."""

from __future__ import annotations

import pytest

from core.kernel.errors import TransitionRefused
from core.kernel.model import Participant
from core.kernel.state import put, remove
from plugins.testing import build_sample_review, make_host

METHOD = "learning-together"


@pytest.fixture
def reviews(casereview_journal):
    from core.plugin_api.reviews import Reviews

    return Reviews(casereview_journal, make_host(METHOD), "test coordinator")


def at(reviews, review, stage: str):
    return reviews.write(review, [("stage.changed", {"from": review.stage.value, "to": stage,
                                                      "reason": "test"})])


@pytest.fixture
def without_case_group(reviews):
    review = build_sample_review(reviews, methodology=METHOD)
    group = [k for k, p in review.participants.items() if p.role.value == "case_group"]
    return reviews.write(review, [remove("participants", key) for key in group])


@pytest.mark.parametrize("source", ["analysis", "findings"])
def test_no_learning_events_without_a_case_group(reviews, without_case_group, source):
    review = at(reviews, without_case_group, source)
    with pytest.raises(TransitionRefused) as refused:
        reviews.move(review.id, "learning_events")
    assert "case group" in str(refused.value)
    assert f"casereview people {review.id} add --role case_group" in str(refused.value)
    assert reviews.load(review.id).stage.value == source


def test_one_practitioner_by_role_is_enough(reviews, without_case_group):
    review = at(reviews, without_case_group, "analysis")
    review = reviews.write(review, [put("participants", Participant(
        "P7", "case_group", "School nurse", agency="Northwold Health Visiting"))])
    assert reviews.move(review.id, "learning_events").stage.value == "learning_events"


def test_other_methods_are_not_held_to_it(casereview_journal):
    from core.plugin_api.reviews import Reviews

    reviews = Reviews(casereview_journal, make_host("rca"), "test coordinator")
    review = build_sample_review(reviews, methodology="rca")
    review = reviews.write(review, [remove("participants", "P2")])
    review = at(reviews, review, "analysis")
    assert reviews.move(review.id, "learning_events").stage.value == "learning_events"


@pytest.mark.parametrize(("response", "warned"), [("declined", False), ("accepted", False),
                                                  ("awaiting", True)])
def test_a_recorded_offer_to_the_family_answers_the_roles_check(reviews, response, warned):
    from core.statutory.commissioning import record_family_offer
    from learning_together.checks import check_stage

    review = build_sample_review(reviews, methodology=METHOD)

    def family_warned(state) -> bool:
        return any("family" in c["message"] for c in check_stage(review=state, stage="evidence")
                   if c["check"] == "roles")

    assert family_warned(review)
    review = record_family_offer(reviews, review.id, review.review.notified_on, response)
    assert family_warned(review) is warned
