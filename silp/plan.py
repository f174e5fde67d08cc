"""The plan of a SILP review per variant, the agency report form, and the method's rules at
each lifecycle move: one or two lead reviewers in an allowed mix before evidence is gathered, and
a report (or a recorded reason) from every agency before the learning event."""

from __future__ import annotations

from core import hookimpl
from core.kernel.errors import InvalidValue
from core.kernel.state import ReviewState
from core.plugin_api.methodology import PlannedActivity, ReviewPlan, SubmissionForm
from silp.checks import missing_reports, mix_problems
from silp.records import scoping
from silp.taxonomy import ANALYSIS_HEADINGS, DEFAULT_VARIANT, VARIANTS, Variant

ROLES = {
    "lead_reviewer": "One or two lead reviewers: one independent, two independent, or one "
    "independent and one employed by the partnership. They scope the review, facilitate the "
    "learning and recall events and write the overview report.",
    "panel": "The review panel of senior managers: agrees the scope, quality-assures the "
    "agency reports and tests the draft overview report.",
    "agency_author": "One author per agency, not involved in the case: writes the agency "
    "report (chronology and analysis against each key line of enquiry) and comes to the "
    "learning event.",
    "case_group": "The frontline practitioners and first-line managers who worked with the "
    "family: the learning event and the recall event, without fear of blame.",
    "family": "The family and significant others are offered a part, in whatever way suits "
    "them; what they say is kept apart from the practitioners' material.",
}

AGENCY_SUBMISSION = (
    "An agency report by an agency author not involved in the case: the agency's chronology "
    "for the period, and for each key line of enquiry what happened, why, what went well, what "
    "could have been better and what has changed since; good practice; learning identified."
)

# How the weeks of a review are spread over its stages (a guide for the plan, not a rule).
STAGE_SHARE = {"commissioning": 0.12, "evidence": 0.35, "learning_events": 0.08,
               "findings": 0.3, "report": 0.15}


def variant_of(review: ReviewState, variant: str | None) -> Variant:
    name = variant or (review.header.variant if review.header else None) or DEFAULT_VARIANT
    try:
        return VARIANTS[name]
    except KeyError:
        raise InvalidValue(f"SILP has no variant {name!r}; variants: {', '.join(VARIANTS)}") \
            from None


@hookimpl
def plan_review(review: ReviewState, methodology: str, variant: str | None) -> ReviewPlan:
    v = variant_of(review, variant)
    scope = scoping(review)
    # The scoping's own timescale, unless another variant is asked for by name.
    chosen = variant is None or variant == (review.header.variant if review.header else None)
    weeks = scope.weeks if chosen and scope and scope.weeks else v.weeks
    lines = len(scope.lines) if scope else 0

    def share(stage: str) -> float:
        return max(0.5, round(weeks * STAGE_SHARE[stage], 1))

    agencies = 1 if v.agencies == "one" else max(1, len(review.agencies))
    activities = [
        PlannedActivity("commissioning", "Appoint one or two lead reviewers (one independent, "
                        "or one independent and one employed by the partnership)", ("chair",),
                        share("commissioning")),
        PlannedActivity("commissioning", "Scoping: turn the terms of reference into "
                        + (f"{lines} key lines of enquiry" if lines else "key lines of enquiry")
                        + "; agree a proportionate timescale and the periods to walk",
                        ("lead_reviewer", "panel"), share("commissioning")),
        PlannedActivity("commissioning", "Offer the family a part in the review",
                        ("lead_reviewer", "family"), share("commissioning")),
        PlannedActivity("evidence", "Agency reports, each with the agency's chronology, by an "
                        "agency author", ("agency_author",), share("evidence"), count=agencies),
        PlannedActivity("evidence", "Panel meeting: quality-assure the agency reports",
                        ("panel", "lead_reviewer"), share("evidence")),
        PlannedActivity("analysis", "Send every agency report to the learning event's "
                        "participants, in good time to read them", ("lead_reviewer",), 0.5),
        PlannedActivity("learning_events", "Learning event with agency authors, frontline "
                        "practitioners and first-line managers", ("lead_reviewer",
                        "agency_author", "case_group"), share("learning_events")),
        PlannedActivity("findings", "Draft overview report: analysis by key line of enquiry, "
                        "learning points, findings and recommendations", ("lead_reviewer",),
                        share("findings")),
        PlannedActivity("findings", "Recall event: participants test the draft (agree, "
                        "challenge, add); each response traced to what it changed",
                        ("lead_reviewer", "agency_author", "case_group"), 0.5),
        PlannedActivity("report", "Final overview report to the panel and the board; the "
                        "board's response and action plan", ("lead_reviewer", "panel"),
                        share("report")),
    ]
    roles = dict(ROLES)
    if v.agencies == "one":
        roles["agency_author"] = "One agency author, for the single agency reviewed."
    return ReviewPlan(methodology, v.name, activities, roles, AGENCY_SUBMISSION, weeks)


@hookimpl
def agency_submission_form(review: ReviewState, methodology: str, agency: str) -> SubmissionForm:
    scope = scoping(review)
    lines = {f"Key line of enquiry {k.id}: {k.title}": k.question + " For this line: "
             + "; ".join(h.lower() for h in ANALYSIS_HEADINGS.values()) + "."
             for k in (scope.lines if scope else ())}
    return SubmissionForm(
        title=f"Agency report for {agency}",
        sections={
            "Agency author": "The author's role (never a name). The author should not have "
            "been involved in the case.",
            "Chronology": "Your agency's chronology for the period, from the records as written "
            "at the time, each entry with its source reference.",
            **(lines or {"Analysis against each key line of enquiry": "For each line: "
                         + "; ".join(h.lower() for h in ANALYSIS_HEADINGS.values()) + "."}),
            "Good practice": "What your agency did well, and what made it possible.",
            "Learning identified": "What your agency has learned, and any single-agency "
            "recommendations.",
        },
    )


@hookimpl
def check_methodology_transition(review: ReviewState, methodology: str, source: str,
                                 target: str) -> list[str]:
    if source == "commissioning" and target == "evidence":
        return mix_problems(review)  # the core already asks for at least one lead reviewer
    if target == "learning_events":
        missing = missing_reports(review)
        if missing:
            return [f"before the learning event every agency involved has an agency report or "
                    f"a recorded reason for having none; missing: {', '.join(missing)} (add "
                    "them to agency-reports.yaml, or agencies_without_report in scoping.yaml)"]
    return []
