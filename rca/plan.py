"""The plan of a Root Cause Analysis per level of investigation (or the PSIRF mode), in the
NPSA stages; the agency submission form; and the rule that a level 3 investigation has an
independent lead."""

from __future__ import annotations

from core import hookimpl
from core.kernel.errors import InvalidValue
from core.kernel.model import ParticipantRole
from core.kernel.state import ReviewState
from core.plugin_api.methodology import PlannedActivity, ReviewPlan, SubmissionForm
from rca import records as r
from rca.taxonomy import DEFAULT_VARIANT, REPORT_PARTS, VARIANTS, Variant

ROLES = {
    "lead_reviewer": "The investigation lead: runs the investigation and writes the report. "
    "At level 3 independent of the organisation investigated.",
    "review_team": "The investigation team, not involved in the incident: gathers the "
    "information, maps the incident, analyses the problems and factors.",
    "case_group": "The staff involved: interviewed, supported, and told the outcome.",
    "family": "The child and family: a named liaison keeps them informed, hears their "
    "questions for the terms of reference, and shares the findings before the report is final.",
    "chair": "The commissioner, who signs off the report and the action plan (the board, or "
    "the NHS organisation's safeguarding lead; check local arrangements).",
}

# How the weeks of an investigation are spread over the review's stages (a guide).
STAGE_SHARE = {"commissioning": 0.1, "evidence": 0.3, "analysis": 0.25, "learning_events": 0.1,
               "findings": 0.1, "report": 0.15}


def variant_of(review: ReviewState, variant: str | None) -> Variant:
    name = variant or (review.header.variant if review.header else None) or DEFAULT_VARIANT
    try:
        return VARIANTS[name]
    except KeyError:
        raise InvalidValue(f"Root Cause Analysis has no variant {name!r}; variants: "
                           f"{', '.join(VARIANTS)}") from None


def _weeks(v: Variant, stage: str) -> float:
    return max(0.1, round(v.weeks * STAGE_SHARE[stage], 1))


@hookimpl
def plan_review(review: ReviewState, methodology: str, variant: str | None) -> ReviewPlan:
    v = variant_of(review, variant)
    lead = "an investigation lead independent of the organisation" if v.independent_lead \
        else "an investigation lead and a team not involved in the incident"
    a = PlannedActivity
    activities = [
        a("commissioning", f"Getting started: appoint {lead}; agree the terms of reference, "
          "scope and level; pre-investigation risk assessment", ("chair",),
          _weeks(v, "commissioning")),
        a("commissioning", "Name a liaison for the child and family; agree how staff are "
          "supported" + ("; agree the timeframe with those affected" if v.psirf else ""),
          ("lead_reviewer",), _weeks(v, "commissioning")),
        a("evidence", "Gathering information: records, the agencies' chronologies, the "
          "standards in force at the time", ("review_team",), _weeks(v, "evidence"),
          count=max(1, len(review.agencies))),
        a("evidence", "A short discussion with each member of staff involved" if v.level == 1
          else "Staff interviews, London Protocol style", ("lead_reviewer", "case_group"),
          _weeks(v, "evidence")),
        a("analysis", "Mapping the incident: tabular timeline from the merged chronology, "
          "time–person grid, change analysis", ("review_team",), _weeks(v, "analysis")),
        a("analysis", "Identifying care and service delivery problems", ("review_team",),
          _weeks(v, "analysis")),
    ]
    if v.psirf:
        activities += [
            a("learning_events", "After action review: what was expected, what happened, why "
              "it was different, what can be learned", ("lead_reviewer", "case_group"),
              _weeks(v, "learning_events")),
            a("findings", "Work-system factors (SEIPS) and areas for improvement, without "
              "judgements of causality or avoidability", ("lead_reviewer",),
              _weeks(v, "findings")),
            a("findings", "Safety actions, each with a measure", ("lead_reviewer", "chair"),
              _weeks(v, "findings")),
        ]
    else:
        activities += [
            a("learning_events", "A short team discussion: problems, contributory factors, "
              "root causes" if v.level == 1 else "RCA meeting or fishbone workshop: problems, "
              "contributory factors by category, five whys on the top problems, root causes, "
              "options", ("lead_reviewer", "review_team"), _weeks(v, "learning_events")),
            a("findings", "Root causes and lessons; options appraisal; recommendations "
              "graded by strength", ("lead_reviewer", "review_team"), _weeks(v, "findings")),
        ]
    activities.append(a("report", f"Writing the report ({len(v.required_parts)} of the "
                        f"{len(REPORT_PARTS)} NPSA parts at this level) and the action plan; "
                        "sign-off", ("lead_reviewer", "chair"), _weeks(v, "report")))
    roles = dict(ROLES)
    if v.psirf:
        roles["lead_reviewer"] = "The learning response lead: facilitates the after action " \
            "review and writes the report, without judging causality or avoidability."
    submission = ("The agency's records of the incident and the period before it (its "
                  "chronology, with source references), the standards and procedures in "
                  "force at the time, and the staff involved, by role, for interview.")
    return ReviewPlan(methodology, v.name, activities, roles, submission, v.weeks)


@hookimpl
def agency_submission_form(review: ReviewState, methodology: str, agency: str
                           ) -> SubmissionForm:
    return SubmissionForm(
        title=f"What {agency} is asked for: records, standards and staff",
        sections={
            "Records": "Your chronology for the period, from the records written at the time, "
            "each entry with its date, time, source reference and the role of who acted.",
            "Standards in force": "The policies, procedures and guidance your staff were "
            "expected to follow at the time (the 'what should have happened' column).",
            "Staff involved": "The staff involved, by role (never by name), so the "
            "investigation team can interview them and arrange support.",
            "Detection": "How and when your service found the problem.",
            "Changes already made": "Anything already changed since the incident, and why.",
        },
    )


def independence_problems(review: ReviewState) -> list[str]:
    """Level 3 needs a lead independent of the organisation investigated."""
    v = variant_of(review, None)
    if not v.independent_lead:
        return []
    incident = r.incident(review)
    if incident is not None:
        lead = incident.lead
        if lead is None:
            return ["a level 3 investigation needs a named independent lead in the "
                    "investigation team (team: role, lead: true, independent: true)"]
        if not lead.independent or (lead.agency and lead.agency == incident.agency):
            return [f"the investigation lead ({lead.role}) is not independent of "
                    f"{incident.agency or 'the organisation investigated'}; level 3 needs an "
                    "independent lead"]
        return []
    leads = [p for p in review.participants.values() if p.role is ParticipantRole.LEAD_REVIEWER]
    involved = set(review.agencies)
    if not leads:
        return ["a level 3 investigation needs an independent lead: appoint one "
                "(`casereview people REVIEW add --role lead_reviewer ...`)"]
    if all(p.agency in involved or set(p.employers) & involved for p in leads):
        return ["every lead reviewer works for an agency involved; a level 3 investigation "
                "needs a lead independent of the organisation investigated"]
    return []


@hookimpl
def check_methodology_transition(review: ReviewState, methodology: str, source: str,
                                 target: str) -> list[str]:
    if source == "commissioning" and target == "evidence":
        return independence_problems(review)
    return []
