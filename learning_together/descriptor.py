"""What Learning Together is: its descriptor, its taxonomies, and how well it fits a case."""

from __future__ import annotations

from collections.abc import Callable

from core import hookimpl
from core.plugin_api.methodology import (
    CaseProfile,
    FitAssessment,
    GraphSchema,
    Methodology,
    Reason,
    Taxonomy,
)
from learning_together.taxonomy import (
    DEFAULT_VARIANT,
    LEARNING_EVENTS,
    METHODOLOGY,
    TAXONOMIES,
    VARIANTS,
)

GRAPH_SCHEMA = GraphSchema(
    node_kinds={
        "board_issue": "An issue for the board to consider: a question a finding puts to the "
        "partnership, not an order",
    },
    # Everything else uses the core's kinds and links: event -part_of-> episode,
    # factor -contributed_to-> episode and -> finding, factor -evidenced_by-> evidence or
    # event, finding -evidenced_by-> episode.
    allowed=(("raises", "finding", "board_issue"), ("addresses", "action", "board_issue")),
)

DESCRIPTOR = Methodology(
    name=METHODOLOGY,
    title="SCIE Learning Together (systems model)",
    summary=(
        "A systems review led by two independent, accredited lead reviewers with a review team "
        "of senior managers and a case group of the practitioners. Structured conversations "
        "capture how the case looked to each practitioner at the time. Key practice episodes "
        "are appraised and explained by their contributory factors. The findings are "
        "underlying patterns in the multi-agency system, identified and prioritised, each with "
        "issues for the board to consider."
    ),
    fits_when=(
        "several agencies were involved, often over a long period",
        "the partnership wants to understand why practice made sense at the time, not who erred",
        "practitioners can be released for one-to-one conversations and joint meetings",
        "the partnership wants findings about its system that reach beyond this one case",
    ),
    not_fits_when=(
        "a quick answer is needed about a single agency's care (root cause analysis suits)",
        "practitioners cannot take part (for example during criminal proceedings), unless the "
        "focused variant's one-day event is possible",
        "no accredited lead reviewers are available",
    ),
    principles={
        "complexity": "The systems model looks at the whole multi-agency system — family, role, "
        "conditions of work, teams, inter-agency working, culture and wider context — rather "
        "than at one person's act.",
        "who_did_what_and_why": "Key practice episodes record what happened, an appraisal of "
        "the practice, and an explanation by contributory factors, each linked to its evidence.",
        "no_hindsight": "The reviewers judged each decision only on what the practitioners "
        "and their agencies knew on the day, never on what happened later. For every key "
        "practice episode the review kept a record of what each agency involved had written "
        "down or been told by the end of it, and an appraisal could rest only on that. "
        "Information other agencies held at the time is described as context about the "
        "system, never as something the practitioners should have known. The conversations "
        "asked how the case looked to each practitioner then, and the joint meetings walked "
        "the timeline in the same way.",
        "transparency": "Every finding links through episodes and contributory factors to the "
        "chronology entries and conversations that evidence it; the causal graph shows the "
        "chain and the core checks it.",
        "research_and_evidence": "A finding cannot be final until it states the evidence that "
        "the pattern is not peculiar to this case (research, audits, other reviews).",
    },
    variants={name: v.summary for name, v in VARIANTS.items()},
    default_variant=DEFAULT_VARIANT,
    graph_schema=GRAPH_SCHEMA,
    taxonomies=tuple(t.name for t in TAXONOMIES),
    learning_events=LEARNING_EVENTS,
    terms_of_reference_title="Review questions",
)


@hookimpl
def register_methodologies(register: Callable[[Methodology], None]) -> None:
    register(DESCRIPTOR)


@hookimpl
def register_taxonomies(register: Callable[[Taxonomy], None]) -> None:
    for taxonomy in TAXONOMIES:
        register(taxonomy)


# Rough practitioner time, for the chooser's comparison: a structured conversation takes about
# two hours of the practitioner's time and a joint meeting a day with the case group (about eight
# practitioners). Estimates, not rules.
CONVERSATION_HOURS = 2
JOINT_MEETING_HOURS = 6
CASE_GROUP = 8


def _suggest_variant(profile: CaseProfile) -> str:
    months = profile.months_available
    if profile.practitioners_available is False:
        return "focused"
    if months is not None and months < 1:
        return "speed+"
    if months is not None and months < 4:
        return "intensive"
    if profile.learning_already_known or profile.previous_reviews_on_theme:
        return "mid-range"
    return DEFAULT_VARIANT


def _practitioner_hours(variant: str) -> float:
    chosen = VARIANTS[variant]
    return float(chosen.nominal_conversations * CONVERSATION_HOURS
                 + chosen.joint_meetings * JOINT_MEETING_HOURS * CASE_GROUP)


@hookimpl
def assess_fit(profile: CaseProfile, methodology: str) -> FitAssessment | None:
    if methodology != METHODOLOGY:
        return None
    score, good, bad, cautions = 60, [], [], []
    agencies = profile.agencies_involved
    if agencies is not None:
        if agencies >= 3:
            score += 15
            good.append(Reason(f"{agencies} agencies were involved: the systems model is built "
                               "for multi-agency working", ["agencies_involved"]))
        elif agencies <= 1:
            score -= 25
            bad.append(Reason("only one agency was involved; a single-agency method may be "
                              "enough", ["agencies_involved"]))
    if profile.single_agency:
        score -= 15
        bad.append(Reason("the review is about one agency alone; the model's strength is how "
                          "agencies worked together", ["single_agency"]))
    if profile.years_involved is not None and profile.years_involved >= 2:
        score += 5
        good.append(Reason(f"the agencies were involved for about {profile.years_involved:g} "
                           "years: key practice episodes find the turning points in a long "
                           "history", ["years_involved"]))
    if profile.practitioners_available is False:
        score -= 30
        bad.append(Reason("practitioners cannot take part in conversations; only the focused "
                          "variant's one-day event might be possible later",
                          ["practitioners_available"]))
    elif profile.practitioners_available:
        score += 10
        good.append(Reason("practitioners can take part in structured conversations and "
                           "meetings", ["practitioners_available"]))
    months = profile.months_available
    if months is not None:
        if months >= 6:
            score += 5
            good.append(Reason("there is time for the full model (about six months)",
                               ["months_available"]))
        elif months >= 1:
            good.append(Reason("time is short: the mid-range, intensive or focused variant "
                               "fits", ["months_available"]))
        else:
            bad.append(Reason("less than a month is available: only speed+ (one week) or "
                              "focused (one day) fit", ["months_available"]))
            score -= 10
    if profile.budget == "low":
        score -= 5
        bad.append(Reason("two accredited independent lead reviewers cost more than one "
                          "reviewer; a low budget points to the focused variant", ["budget"]))
    if profile.health_led_incident:
        score -= 15
        bad.append(Reason("the incident is mainly about one health provider's care; root cause "
                          "analysis may suit better", ["health_led_incident"]))
    if profile.focus_on_good_practice:
        score += 5
        good.append(Reason("key practice episodes record good practice as well as problems",
                           ["focus_on_good_practice"]))
    if profile.family_wants_to_take_part:
        good.append(Reason("the family can join the case group or meet the lead reviewers",
                           ["family_wants_to_take_part"]))
    if profile.parallel_proceedings or profile.proceedings:
        score -= 5
        cautions.append(Reason(
            "parallel proceedings may delay conversations with practitioners; agree the timing "
            "with the police and the Crown Prosecution Service first",
            ["parallel_proceedings", "proceedings"]))
    if profile.impact_on_practitioners == "high":
        cautions.append(Reason("the review will weigh heavily on practitioners: plan support for "
                               "the conversations and the joint meetings",
                               ["impact_on_practitioners"]))
    if profile.nation == "wales":
        score -= 10
        bad.append(Reason("in Wales a Child Practice Review is expected; Learning Together can "
                          "inform one", ["nation"]))
    variant = _suggest_variant(profile)
    weeks = VARIANTS[variant].total_weeks
    return FitAssessment(
        METHODOLOGY, max(0, min(100, score)), good, bad, cautions=cautions, variant=variant,
        timescale_weeks=(weeks, weeks + 8 if weeks >= 6 else weeks + 4),
        practitioner_hours=_practitioner_hours(variant))
