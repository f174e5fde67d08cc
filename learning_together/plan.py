"""The plan of a Learning Together review per variant, the agency submission form, and the
method's rules about roles (two lead reviewers unless the variant says otherwise, independent
of every agency involved; a review team of senior managers; a case group; the family offered a
place)."""

from __future__ import annotations

import re

import attrs

from core import hookimpl
from core.evidence.chronology.agencies import entry_agencies
from core.kernel.errors import InvalidValue
from core.kernel.model import ParticipantRole
from core.kernel.state import ReviewState
from core.plugin_api.methodology import PlannedActivity, ReviewPlan, SubmissionForm
from learning_together.taxonomy import DEFAULT_VARIANT, VARIANTS, Variant

ROLES = {
    "lead_reviewer": "Accredited lead reviewers, independent of the case and of every agency "
    "involved: hold the conversations, facilitate the meetings, analyse and write the report.",
    "review_team": "Senior managers from each agency involved: steer the review, give access "
    "to records and staff, test the findings against their organisations.",
    "case_group": "The practitioners and first-line managers who worked with the family: take "
    "part in a structured conversation and the joint meetings, without fear of blame.",
    "family": "The family is offered the chance to take part, with the lead reviewers or in the "
    "case group; the child stays at the centre.",
}

AGENCY_SUBMISSION = (
    "Access to the agency's records for the period (its chronology, as recorded at the time, "
    "with source references); the practitioners involved, by role, for structured "
    "conversations; and the context of the work then: workload, staffing, procedures and any "
    "organisational change."
)

# How the weeks of a review are spread over its stages (a guide for the plan, not a rule).
STAGE_SHARE = {"commissioning": 0.1, "evidence": 0.3, "analysis": 0.2, "learning_events": 0.15,
               "findings": 0.15, "report": 0.1}


def variant_of(review: ReviewState, variant: str | None) -> Variant:
    name = variant or (review.header.variant if review.header else None) or DEFAULT_VARIANT
    try:
        return VARIANTS[name]
    except KeyError:
        raise InvalidValue(f"Learning Together has no variant {name!r}; variants: "
                           f"{', '.join(VARIANTS)}") from None


def case_group_size(review: ReviewState) -> int:
    return sum(1 for p in review.participants.values() if p.role is ParticipantRole.CASE_GROUP)


def planned_conversations(review: ReviewState, variant: Variant) -> int:
    """Structured conversations the variant plans: every practitioner, the key few, or none."""
    if variant.conversations == "none":
        return 0
    known = case_group_size(review)
    wanted = known if known else variant.nominal_conversations
    return min(wanted, variant.conversation_cap)


def _weeks(variant: Variant, stage: str) -> float:
    return max(0.1, round(variant.weeks * STAGE_SHARE[stage], 1))


JOINT_MEETINGS = (
    "First joint meeting of review team and case group: check the narrative and agree the key "
    "practice episodes; plan support for the practitioners",
    "Second joint meeting of review team and case group: test and prioritise the findings; "
    "plan support for the practitioners",
)


def _joint_meetings(v: Variant) -> list[PlannedActivity]:
    who = ("lead_reviewer", "review_team", "case_group", "family")
    weeks = _weeks(v, "learning_events")
    if v.name == "focused":
        return [PlannedActivity("learning_events", "One-day event with all the staff involved: "
                                "the timeline, the key practice episodes and emerging findings; "
                                "plan support for the practitioners", who, weeks)]
    if v.joint_meetings == 1:
        return [PlannedActivity("learning_events", "Joint meeting of review team and case "
                                "group: check the narrative and the episodes, then test the "
                                "findings; plan support for the practitioners", who, weeks)]
    return [PlannedActivity("learning_events", title, who, weeks) for title in JOINT_MEETINGS]


@hookimpl
def plan_review(review: ReviewState, methodology: str, variant: str | None) -> ReviewPlan:
    v = variant_of(review, variant)
    agencies = max(1, len(review.agencies))
    conversations = planned_conversations(review, v)
    first_meetings = 1
    analysis_meetings = (v.review_team_meetings - first_meetings) // 2
    findings_meetings = v.review_team_meetings - first_meetings - analysis_meetings
    reviewers = "two lead reviewers" if v.lead_reviewers == 2 else "one lead reviewer"
    activities = []
    if v.lead_in_weeks:
        activities.append(PlannedActivity(
            "commissioning", "Lead-in: gather the records, arrange every conversation and "
            "meeting for the week, prepare the practitioners", ("lead_reviewer", "review_team"),
            v.lead_in_weeks))
    activities += [
        PlannedActivity("commissioning", f"Appoint {reviewers}, accredited and supervised, "
                        "independent of every agency involved", ("chair",),
                        _weeks(v, "commissioning")),
        PlannedActivity("commissioning", "Form the review team of senior managers and the case "
                        "group of practitioners; offer the family a place",
                        ("lead_reviewer",), _weeks(v, "commissioning")),
        PlannedActivity("commissioning", "Review-team meeting: agree the review question",
                        ("lead_reviewer", "review_team"),
                        _weeks(v, "commissioning"), count=first_meetings),
    ]
    if v.audit_cases:
        activities.append(PlannedActivity(
            "evidence", "Stage one: audit the case files on the theme with an agreed audit "
            "tool; what the audit shows sets the focus of stage two", ("lead_reviewer",
                                                                       "review_team"),
            _weeks(v, "evidence"), count=v.audit_cases))
    records = "agency records and context (the agency submission)"
    activities.append(PlannedActivity("evidence", f"Stage two, the review: {records}"
                                      if v.audit_cases else records.capitalize(),
                                      ("review_team",), _weeks(v, "evidence"), count=agencies))
    if conversations:
        activities.append(PlannedActivity(
            "evidence", "Structured conversations with "
            + ("all the key staff" if v.conversations == "all" else
               f"the key practitioners (usually no more than {v.conversation_cap})"),
            ("lead_reviewer", "case_group"), _weeks(v, "evidence"), count=conversations))
    activities += [
        PlannedActivity("analysis", "Narrative of multi-agency perspectives; key practice "
                        "episodes appraised and explained", ("lead_reviewer",),
                        _weeks(v, "analysis")),
    ]
    if analysis_meetings:
        activities.append(PlannedActivity("analysis", "Review-team meetings on the episodes",
                                          ("lead_reviewer", "review_team"),
                                          _weeks(v, "analysis"), count=analysis_meetings))
    activities += _joint_meetings(v)
    found = "findings and indicative findings" if v.indicative else "findings"
    activities.append(PlannedActivity(
        "findings", f"Identify and prioritise the {found}: underlying patterns, each with "
        "evidence beyond this case and issues for the board", ("lead_reviewer",),
        _weeks(v, "findings")))
    if v.findings_meeting:
        activities.append(PlannedActivity("findings", "If wanted, an extra meeting on the "
                                          "findings", ("lead_reviewer", "review_team"),
                                          _weeks(v, "findings")))
    if findings_meetings:
        activities.append(PlannedActivity("findings", "Review-team meetings to test the findings",
                                          ("lead_reviewer", "review_team"),
                                          _weeks(v, "findings"), count=findings_meetings))
    activities.append(PlannedActivity(
        "report", f"Report: appraisal of practice, a window on the system, the {found} in "
        "order of priority, limitations", ("lead_reviewer",),
        v.report_weeks or _weeks(v, "report")))
    if v.blocks:
        activities = [_in_block(a) for a in activities]
    roles = dict(ROLES)
    roles["lead_reviewer"] = f"{reviewers.capitalize()}. " + ROLES["lead_reviewer"]
    return ReviewPlan(methodology, v.name, activities, roles, AGENCY_SUBMISSION, v.total_weeks)


# The intensive variant's two blocks: the evidence is gathered in the first, the joint meetings
# and the findings come in the second.
BLOCK_OF_STAGE = {"evidence": 1, "analysis": 1, "learning_events": 2, "findings": 2}


def _in_block(activity: PlannedActivity) -> PlannedActivity:
    block = BLOCK_OF_STAGE.get(activity.stage)
    if block is None:
        return activity
    return attrs.evolve(activity, title=f"Block {block}: {activity.title}")


@hookimpl
def agency_submission_form(review: ReviewState, methodology: str, agency: str) -> SubmissionForm:
    return SubmissionForm(
        title=f"What {agency} is asked for: records, practitioners and context",
        sections={
            "Records": "Your chronology of involvement for the period, from the records as they "
            "were written at the time, each entry with its source reference and the date it was "
            "recorded if later. Say who else you told, and when.",
            "Practitioners involved": "The practitioners and first-line managers who worked "
            "with the family, by role (never by name), so the lead reviewers can arrange a "
            "structured conversation with each.",
            "The context of the work then": "Workload and staffing, supervision, the procedures "
            "and tools in use, and any organisational change during the period.",
            "Senior manager for the review team": "A senior manager, not involved in the case, "
            "who can give access to records and staff.",
            "Changes already made": "Anything your agency has already changed, and why.",
        },
    )


def normalise(name: str) -> str:
    """Agency names compared ignoring case, spaces and punctuation."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def independence_problems(review: ReviewState) -> list[str]:
    """Lead reviewers employed by (or working for) an agency involved in the review."""
    involved = {normalise(a): a for a in review.agencies}
    involved |= {normalise(a): a for a in entry_agencies(review)}
    found = []
    for person in review.participants.values():
        if person.role is not ParticipantRole.LEAD_REVIEWER:
            continue
        for employer in (person.agency, *person.employers):
            if employer and normalise(employer) in involved:
                found.append(f"lead reviewer {person.name or person.title} ({person.id}) is "
                             f"employed by {involved[normalise(employer)]}, an agency involved "
                             "in the review; a lead reviewer must be independent of it")
    return found


def lead_reviewer_problems(review: ReviewState) -> list[str]:
    v = variant_of(review, None)
    leads = sum(1 for p in review.participants.values() if p.role is ParticipantRole.LEAD_REVIEWER)
    if leads >= v.lead_reviewers:
        return []
    wanted = "two lead reviewers" if v.lead_reviewers == 2 else "a lead reviewer"
    return [f"Learning Together ({v.name}) wants {wanted}; this review has {leads}. Appoint "
            f"{'another' if leads else 'them'} (`casereview people REVIEW add --role "
            "lead_reviewer ...`) or commission a variant that needs fewer"]


def case_group_problems(review: ReviewState) -> list[str]:
    """The joint meetings are the case group's: without practitioners there is no one to hold
    them with."""
    if case_group_size(review):
        return []
    return ["Learning Together's learning events are held with the case group, and no "
            "practitioner is recorded in it: add each by role (`casereview people "
            f"{review.id} add --role case_group --title ROLE --agency AGENCY`)"]


@hookimpl
def check_methodology_transition(review: ReviewState, methodology: str, source: str,
                                 target: str) -> list[str]:
    if source == "commissioning" and target == "evidence":
        # The core's own guard refuses a lead reviewer who is not independent; saying it again
        # here would give the person the same reason twice.
        return lead_reviewer_problems(review)
    if target == "learning_events":
        return case_group_problems(review)
    return []
