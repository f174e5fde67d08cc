"""The plan of an appreciative review per variant (the 5-D cycle laid on the review's stages),
the agency submission form, and the lifecycle guards: a facilitator before the evidence is
gathered, practitioners before the workshop, and the honesty gate before the report."""

from __future__ import annotations

from appreciative_inquiry.honesty import honest_record_problems
from appreciative_inquiry.taxonomy import DEFAULT_VARIANT, VARIANTS, Variant
from core import hookimpl
from core.kernel.errors import InvalidValue
from core.kernel.model import ParticipantRole
from core.kernel.state import ReviewState
from core.plugin_api.methodology import PlannedActivity, ReviewPlan, SubmissionForm

ROLES = {
    "lead_reviewer": "The facilitators (the partnership or an independent reviewer): agree the "
    "topic and guide, hold the interviews and the workshop, keep the honest record, write the "
    "report.",
    "review_team": "Managers from each agency: help agree the topic, join the Design and "
    "Destiny stages, and name a champion for each commitment.",
    "case_group": "The practitioners directly involved: tell their stories of practice at its "
    "best, say honestly what got in the way, and design the changes.",
    "family": "The family, case by case and only with their consent: their account of what "
    "helped and what did not.",
}

AGENCY_SUBMISSION = (
    "The agency's chronology for the period, with source references; the practitioners "
    "directly involved, by role, for appreciative interviews and the workshop; a manager who "
    "can take part in Design and Destiny and champion a commitment; and anything the agency "
    "has already changed."
)

STAGE_SHARE = {"commissioning": 0.15, "evidence": 0.25, "analysis": 0.15,
               "learning_events": 0.15, "findings": 0.15, "report": 0.15}


def variant_of(review: ReviewState, variant: str | None) -> Variant:
    name = variant or (review.header.variant if review.header else None) or DEFAULT_VARIANT
    try:
        return VARIANTS[name]
    except KeyError:
        raise InvalidValue(f"Appreciative Inquiry has no variant {name!r}; variants: "
                           f"{', '.join(VARIANTS)}") from None


def _weeks(v: Variant, stage: str) -> float:
    return max(0.1, round(v.weeks * STAGE_SHARE[stage], 1))


def practitioners(review: ReviewState) -> int:
    return sum(1 for p in review.participants.values() if p.role is ParticipantRole.CASE_GROUP)


@hookimpl
def plan_review(review: ReviewState, methodology: str, variant: str | None) -> ReviewPlan:
    v = variant_of(review, variant)
    interviews = practitioners(review) or 6
    act = PlannedActivity
    activities = [
        act("commissioning", "Define: agree the affirmative topic from the review's question, "
            "and the interview guide", ("lead_reviewer", "review_team"),
            _weeks(v, "commissioning")),
        act("commissioning", "Define: invite the practitioners; ask the family, case by case, "
            "and record their consent", ("lead_reviewer",), _weeks(v, "commissioning")),
        act("evidence", "Agency chronologies and the practitioners involved",
            ("review_team",), _weeks(v, "evidence"), count=max(1, len(review.agencies))),
    ]
    if v.one_to_one_interviews:
        activities.append(act("evidence", "Discover: one-to-one appreciative interviews",
                              ("lead_reviewer", "case_group"), _weeks(v, "evidence"),
                              count=interviews))
    activities += [
        act("analysis", "Discover: themes of the positive core; the honest record of what went "
            "wrong and why, with a summary of what happened", ("lead_reviewer",),
            _weeks(v, "analysis")),
        act("learning_events", "The appreciative workshop: "
            + ("paired interviews, " if not v.one_to_one_interviews else "")
            + "Dream, Design, an honest reflection and first commitments",
            ("lead_reviewer", "review_team", "case_group", "family"),
            _weeks(v, "learning_events"), count=v.summit_days),
        act("findings", "Findings: what worked and why, what got in the way and why; "
            "provocative propositions", ("lead_reviewer", "review_team"), _weeks(v, "findings")),
        act("findings", "Destiny: commitments with owners and champions, as improvement "
            "actions with measures", ("review_team",), _weeks(v, "findings")),
        act("report", "Report and learning summary; a follow-up to value progress",
            ("lead_reviewer", "review_team", "case_group"), _weeks(v, "report")),
    ]
    roles = dict(ROLES)
    return ReviewPlan(methodology, v.name, activities, roles, AGENCY_SUBMISSION, v.weeks)


@hookimpl
def agency_submission_form(review: ReviewState, methodology: str, agency: str) -> SubmissionForm:
    return SubmissionForm(
        title=f"What {agency} is asked for: records, practitioners and a champion",
        sections={
            "Records": "Your chronology of involvement for the period, from the records as "
            "they were written at the time, each entry with its source reference.",
            "Practitioners involved": "The practitioners who worked with the family, by role "
            "(never by name), for an appreciative interview and the workshop.",
            "Practice at its best": "Where your agency's practice in this case was at its best, "
            "and what made that possible.",
            "What got in the way": "Honestly, what went wrong in your agency's part of the case, "
            "and why.",
            "A manager and a champion": "A manager who can take part in Design and Destiny, "
            "and who will champion a commitment.",
        },
    )


@hookimpl
def check_methodology_transition(review: ReviewState, methodology: str, source: str,
                                 target: str) -> list[str]:
    if target == "learning_events" and not practitioners(review):
        return ["the appreciative workshop is held with the practitioners involved, and none "
                "is recorded: add each by role (`casereview people "
                f"{review.id} add --role case_group --title ROLE --agency AGENCY`)"]
    if target in ("report", "publication"):
        return [f"the report cannot go forward: {m}" for m in honest_record_problems(review)]
    return []
