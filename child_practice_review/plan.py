"""The plan of a Child Practice Review, its review type, the agency submission form, and the
method's rules about roles and the focus period.

The review type (concise or extended) comes from the regime's classification (the criteria
engine's kind under `wales-cpr` or `wales-susr`), or from the variant the board commissioned;
a type that differs from the classification needs a recorded reason. One reviewer for a
concise review, two for an extended one.
"""

from __future__ import annotations

import datetime as dt

from child_practice_review.records import terms, timeline
from child_practice_review.taxonomy import (
    DEFAULT_TYPE,
    FOCUS_MONTHS,
    FORUM_WEEKS,
    REVIEW_TYPES,
    TYPE_OF_KIND,
    WEEKS,
    ReviewType,
)
from core import hookimpl
from core.kernel.model import ParticipantRole
from core.kernel.state import ReviewState
from core.plugin_api.methodology import PlannedActivity, ReviewPlan, SubmissionForm
from core.statutory.regimes import ASSESSMENT_RECORD, DECISION_RECORD, current

ROLES = {
    "reviewer": "Independent reviewers (one for a concise review, two working closely together "
    "for an extended one), appointed by the review panel: lead the learning event, meet the "
    "family, analyse and write the report.",
    "panel": "The review panel of senior staff from every agency involved, with a chair (some "
    "boards appoint an independent chair): gathers the agencies' timelines, agrees the "
    "timeline of significant events, manages the review and agrees the report.",
    "practitioners": "Every practitioner who worked with the child and family: invited to the "
    "learning event to share what they knew and did, and to name the learning.",
    "family": "The child and family: met by the reviewers where appropriate; engaged directly in "
    "an extended review.",
    "board": "The regional safeguarding board: decides on the review, approves the report and "
    "action plan, and publishes the anonymised report.",
}

AGENCY_SUBMISSION = (
    "A timeline of the agency's significant events over the focus period, from its records as "
    "written at the time, each with its source reference; the practitioners involved, by role, "
    "to invite to the learning event; and a senior manager for the review panel."
)

FORUM = "multi_agency_professional_forum"


def is_forum(state: ReviewState) -> bool:
    """The board chose a multi-agency professional forum (below the review threshold)."""
    return (current(state, DECISION_RECORD) or {}).get("review_kind") == FORUM


def forum_plan(methodology: str, agencies: int) -> ReviewPlan:
    """The lighter route: a facilitated forum on a short timeline, its learning and actions."""
    activities = [
        PlannedActivity("commissioning", "Tell Welsh Government of the forum", ("board",), 0.5),
        PlannedActivity("commissioning", "Appoint a facilitator, independent of the case",
                        ("board",), 1),
        PlannedActivity("evidence", "Each agency's significant events, briefly", ("panel",), 2,
                        count=agencies),
        PlannedActivity("learning_events", "The multi-agency professional forum",
                        ("reviewer", "practitioners"), 1),
        PlannedActivity("findings", "The learning and the actions agreed at the forum",
                        ("reviewer", "board"), 1),
    ]
    roles = {"reviewer": "A facilitator, independent of the case: runs the forum and writes up "
             "its learning.", "practitioners": ROLES["practitioners"], "board": ROLES["board"]}
    return ReviewPlan(methodology, "professional_forum", activities, roles, AGENCY_SUBMISSION,
                      FORUM_WEEKS)


def classified_type(state: ReviewState) -> str | None:
    """The review type the regime's criteria name (concise or extended), if they name one."""
    decision = current(state, DECISION_RECORD) or {}
    kind = decision.get("criteria_review_kind") or (current(state, ASSESSMENT_RECORD) or {}
                                                    ).get("review_kind")
    return TYPE_OF_KIND.get(kind or "")


def review_type(state: ReviewState, variant: str | None = None) -> ReviewType:
    """The type this review is run as: the terms of reference's choice, the commissioned
    variant, or the regime's classification, in that order."""
    chosen = terms(state)
    name = (variant or (chosen.review_type if chosen else "")
            or (state.header.variant if state.header else None)
            or classified_type(state) or DEFAULT_TYPE)
    return REVIEW_TYPES.get(name, REVIEW_TYPES[DEFAULT_TYPE])


# Under these regimes the regulations set the type from the criteria; elsewhere (the unified
# review, or a partnership using the method under another regime) the board may choose.
TYPE_SET_BY_CRITERIA = frozenset({"wales-cpr"})


def type_problems(state: ReviewState) -> list[str]:
    """Under `wales-cpr` the type is the criteria's; elsewhere a type that differs from the
    classification needs the board's reason."""
    classified, chosen = classified_type(state), review_type(state).name
    recorded = terms(state)
    commissioned = state.header.variant if state.header else None
    if recorded and recorded.review_type and commissioned and \
            commissioned != recorded.review_type:
        return [f"the review was commissioned as {commissioned} but the terms of reference say "
                f"{recorded.review_type}: make them agree"]
    if classified is None or classified == chosen:
        return []
    if state.header and state.header.regime in TYPE_SET_BY_CRITERIA:
        return [f"under {state.header.regime} the criteria set the type: this is a {classified} "
                f"review, not {chosen}; commission it as {classified}"]
    if recorded and recorded.type_reason:
        return []
    return [f"the regime's criteria make this a {classified} review but it is run as "
            f"{chosen}; record the board's reason as type_reason in the terms of reference"]


def reviewer_problems(state: ReviewState) -> list[str]:
    if is_forum(state):
        return []  # a forum has a facilitator, not the review's reviewers
    wanted = review_type(state)
    have = sum(1 for p in state.participants.values() if p.role is ParticipantRole.LEAD_REVIEWER)
    if have >= wanted.reviewers:
        return []
    article = "an" if wanted.name[0] in "aeiou" else "a"
    return [f"{article} {wanted.name} child practice review has {wanted.reviewers} "
            f"reviewer{'s' if wanted.reviewers > 1 else ''}; this review has {have}. Appoint "
            f"{'another' if have else 'one'} (`casereview people {state.id} add --role "
            "lead_reviewer ...`)"]


def months_between(start: dt.date, end: dt.date) -> float:
    return (end - start).days / 30.44


def focus_problems(state: ReviewState) -> list[str]:
    """The focus period: 12 months back from the event by default; longer needs a reason."""
    recorded = terms(state)
    if recorded is None:
        return []
    months = months_between(recorded.focus_from, recorded.focus_to)
    if months > FOCUS_MONTHS + 0.5 and not recorded.longer_focus_reason:
        return [f"the focus period is about {round(months)} months, longer than the usual "
                f"{FOCUS_MONTHS}: record the panel's reason as longer_focus_reason"]
    return []


def default_focus(state: ReviewState) -> tuple[dt.date, dt.date] | None:
    """The default focus period: the 12 months up to the incident."""
    if state.header is None:
        return None
    end = state.header.incident_date
    try:
        start = end.replace(year=end.year - 1)
    except ValueError:  # 29 February
        start = end.replace(year=end.year - 1, day=28)
    return start, end


@hookimpl
def plan_review(review: ReviewState, methodology: str, variant: str | None) -> ReviewPlan:
    if is_forum(review) and variant is None:
        return forum_plan(methodology, max(1, len(review.agencies)))
    t = review_type(review, variant)
    reviewers = "two reviewers" if t.reviewers == 2 else "one reviewer"
    agencies = max(1, len(review.agencies))
    activities = [
        PlannedActivity("commissioning", "Tell Welsh Government of the intent to hold a review",
                        ("board",), 0.5),
        PlannedActivity("commissioning", "Form the review panel of senior multi-agency staff and "
                        "appoint its chair", ("board",), 1),
        PlannedActivity("commissioning", f"The panel appoints {reviewers}, independent of the "
                        "case", ("panel",), 1),
        PlannedActivity("commissioning", "Agree the terms of reference and the focus period (12 "
                        "months before the event unless a reason is recorded)",
                        ("panel", "reviewer"), 1),
        PlannedActivity("evidence", "Each agency's timeline of significant events from its "
                        "records", ("panel",), WEEKS["evidence"], count=agencies),
        PlannedActivity("evidence", "Merge into one timeline of significant events",
                        ("panel", "reviewer"), 1),
        PlannedActivity("evidence", "Meet the family" if t.name == "concise" else
                        "Engage the child and family directly", ("reviewer", "family"), 2),
        PlannedActivity("learning_events", "The practitioner learning event, with every "
                        "practitioner involved", ("reviewer", "practitioners", "panel"),
                        WEEKS["learning_events"]),
        PlannedActivity("findings", "Practice and organisational learning; improving systems "
                        "and practice", ("reviewer", "panel"), WEEKS["findings"]),
        PlannedActivity("report", "The report in the Welsh template's order, the summary "
                        "timeline, the 7-minute briefing and the press statement",
                        ("reviewer", "panel"), WEEKS["report"]),
        PlannedActivity("report", "The board approves the report and the action plan",
                        ("board",), 1),
    ]
    roles = dict(ROLES)
    roles["reviewer"] = f"{reviewers.capitalize()}. " + ROLES["reviewer"]
    return ReviewPlan(methodology, t.name, activities, roles, AGENCY_SUBMISSION,
                      float(sum(WEEKS.values())))


@hookimpl
def agency_submission_form(review: ReviewState, methodology: str, agency: str) -> SubmissionForm:
    return SubmissionForm(
        title=f"What {agency} is asked for: its timeline of significant events",
        sections={
            "Timeline of significant events": "From your records as written at the time, the "
            "significant events in the focus period, each with its date, what happened, what "
            "your agency knew and did, and its source reference.",
            "Practitioners involved": "Every practitioner who worked with the child and family, "
            "by role (never by name), to invite to the learning event.",
            "Review panel member": "A senior manager, not involved in the case, for the panel.",
            "Changes already made": "Anything your agency has already changed, and why.",
        },
    )


@hookimpl
def check_methodology_transition(review: ReviewState, methodology: str, source: str,
                                 target: str) -> list[str]:
    if source == "commissioning" and target == "evidence":
        return reviewer_problems(review)
    if target == "learning_events":
        missing = [] if timeline(review) else [
            "the learning event walks the timeline of significant events, and the panel has "
            "not agreed one yet (`casereview cpr record REVIEW timeline FILE`)"]
        if is_forum(review):
            return missing
        return missing + type_problems(review) + focus_problems(review)
    return []
