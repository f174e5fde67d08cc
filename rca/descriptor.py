"""What Root Cause Analysis is: its descriptor, its causal-graph kinds, its taxonomies, and an
honest view of how well it fits a case."""

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
from rca.taxonomy import DEFAULT_VARIANT, LEARNING_EVENTS, METHODOLOGY, TAXONOMIES, VARIANTS

CDP, SDP = "care_delivery_problem", "service_delivery_problem"
PROBLEM_NODES = (CDP, SDP)

GRAPH_SCHEMA = GraphSchema(
    node_kinds={
        CDP: "A care delivery problem: care that deviated beyond safe limits (an act or "
        "omission in direct care)",
        SDP: "A service delivery problem: an act or omission in how the service was run",
        "why_step": "One step of a five-whys chain",
        "incidental_finding": "An incidental finding: not causal, but worth acting on",
        "lesson": "A line of the lessons learned log",
    },
    allowed=(
        *(("part_of", "event", p) for p in PROBLEM_NODES),
        *(("contributed_to", k, p) for k in ("factor", "root_cause", "why_step")
          for p in PROBLEM_NODES),
        *(("evidenced_by", p, "evidence") for p in PROBLEM_NODES),  # the standard departed from
        ("led_to", "why_step", "why_step"),
        ("led_to", "factor", "why_step"),
        ("led_to", "root_cause", "why_step"),
        ("evidenced_by", "why_step", "event"),
        ("evidenced_by", "why_step", "evidence"),
        *(("evidenced_by", "finding", k) for k in (*PROBLEM_NODES, "root_cause", "strength",
                                                   "incidental_finding")),
        *(("raises", k, "finding") for k in (*PROBLEM_NODES, "incidental_finding")),
        ("evidenced_by", "incidental_finding", "event"),
        ("evidenced_by", "incidental_finding", "evidence"),
        *(("evidenced_by", "lesson", p) for p in PROBLEM_NODES),
    ),
)

DESCRIPTOR = Methodology(
    name=METHODOLOGY,
    title="Root Cause Analysis (NPSA), with a PSIRF mode",
    summary=(
        "The NHS's structured incident investigation from the National Patient Safety Agency "
        "toolkit. The team maps the incident on a tabular timeline built from the chronology "
        "and finds the care and service delivery problems. It explains each by contributory "
        "factors (on a fishbone or the NPSA grid) and five whys, and agrees the root causes. "
        "It recommends solutions graded by strength, with an action plan. Since 2022 the NHS "
        "uses the Patient Safety Incident Response Framework (PSIRF) instead. The PSIRF mode "
        "here (variant psii) records work-system factors and safety actions. It makes no "
        "judgement of causality or avoidability."
    ),
    fits_when=(
        "the review looks at one agency's contribution, usually a health service's care "
        "(for example a hospital's own investigation feeding a wider review)",
        "a health-led learning review of a single pathway or episode of care",
        "the partnership wants problems traced through contributory factors to root causes, "
        "with recommendations graded by strength",
    ),
    not_fits_when=(
        "a multi-agency statutory review (a child safeguarding practice review): guidance "
        "expects a systems methodology, and root causes in one agency miss how agencies "
        "worked together",
        "the learning lies in how many agencies worked together over years",
        "practitioners fear blame and a systems conversation is needed first",
    ),
    principles={
        "complexity": "Contributory factors span nine categories, from the child and family "
        "to the organisational and strategic, and each can help as well as hinder.",
        "who_did_what_and_why": "The tabular timeline and the time-person grid show who did "
        "what and when; the fishbone, the NPSA grid and five whys ask why.",
        "no_hindsight": "Every care delivery problem is judged against the standard in force "
        "at the time. One that cites no standard, or leans on the outcome, is flagged for the "
        "reviewers as hindsight.",
        "transparency": "Every root cause is traced through its five-whys chain and "
        "contributory factors to the timeline and the staff interviews. The causal graph "
        "shows the chain, and the core checks it.",
        "research_and_evidence": "Recommendations are graded by the strength research on "
        "safety interventions gives them (stronger, intermediate, weaker), and a plan of only "
        "weaker actions is flagged.",
    },
    variants={name: v.summary for name, v in VARIANTS.items()},
    default_variant=DEFAULT_VARIANT,
    graph_schema=GRAPH_SCHEMA,
    taxonomies=tuple(t.name for t in TAXONOMIES),
    learning_events=LEARNING_EVENTS,
    # A single service's incident method: where a regime needs a systems method for a
    # statutory review, the chooser ranks it as a contribution, not as the review's method.
    systems_approach=False,
)


@hookimpl
def register_methodologies(register: Callable[[Methodology], None]) -> None:
    register(DESCRIPTOR)


@hookimpl
def register_taxonomies(register: Callable[[Taxonomy], None]) -> None:
    for taxonomy in TAXONOMIES:
        register(taxonomy)


# What the investigation asks of the staff involved, for the chooser's comparison. Estimates,
# not rules: no source fixes them (check).
INTERVIEW_HOURS = 1.5  # a London Protocol staff interview, with its preparation (check)
REVIEW_MEETING_HOURS = 2  # an after action review or a feedback meeting with the staff (check)
STAFF_PER_AGENCY = 4  # staff interviewed from each agency in scope (check)
# How much longer than the level's usual time an investigation can realistically run (check).
OVERRUN_WEEKS = {"level-1-concise": 2, "level-2-comprehensive": 6, "level-3-independent": 8,
                 "psii": 6}
PROCEEDINGS_DELAY_WEEKS = 12  # a local allowance for interviews held back by proceedings (check)


def _suggest_variant(profile: CaseProfile) -> str:
    if profile.media_interest or (profile.outcome == "died" and profile.health_led_incident):
        return "level-3-independent"  # independence where confidence in the service is at stake
    if profile.months_available is not None and profile.months_available < 2:
        return "level-1-concise"
    if profile.health_led_incident:
        return "psii"  # the NHS's learning response since 2022
    return DEFAULT_VARIANT


def _staff(profile: CaseProfile) -> int:
    agencies = profile.agencies_involved or (1 if profile.single_agency else 2)
    return STAFF_PER_AGENCY * agencies


@hookimpl
def assess_fit(profile: CaseProfile, methodology: str) -> FitAssessment | None:
    if methodology != METHODOLOGY:
        return None
    score, good, bad, cautions = 35, [], [], []
    if profile.health_led_incident:
        score += 35
        good.append(Reason("the incident centres on a health service's care: root cause "
                           "analysis (or its PSIRF mode) is that service's own way of "
                           "investigating", ["health_led_incident"]))
    elif profile.health_led_incident is False:
        score -= 10
        bad.append(Reason("the incident is not mainly about one health service's care",
                          ["health_led_incident"]))
    if profile.single_agency:
        score += 10
        good.append(Reason("the review is about one agency alone: a single-agency "
                           "investigation is what the method is for", ["single_agency"]))
    if profile.agencies_involved is not None:
        if profile.agencies_involved <= 1:
            score += 10
            good.append(Reason("one agency was involved: a single-agency investigation fits",
                               ["agencies_involved"]))
        elif profile.agencies_involved >= 3:
            score -= 20
            bad.append(Reason(f"{profile.agencies_involved} agencies were involved: root cause "
                              "analysis can give one agency's contribution, but not how they "
                              "worked together", ["agencies_involved"]))
    if profile.years_involved is not None and profile.years_involved >= 2:
        score -= 5
        bad.append(Reason(f"the agencies were involved for about {profile.years_involved:g} "
                          "years; the tabular timeline suits one incident or episode of care "
                          "better than a long history", ["years_involved"]))
    if profile.months_available is not None and profile.months_available < 3:
        score += 5
        good.append(Reason("time is short: a level 1 concise investigation takes weeks",
                           ["months_available"]))
    if profile.practitioners_available is False:
        score -= 10
        bad.append(Reason("staff cannot be interviewed: the timeline and factors rest on "
                          "records only", ["practitioners_available"]))
    if profile.focus_on_good_practice:
        score -= 10
        bad.append(Reason("the partnership wants to learn mainly from good practice; the method "
                          "records notable practice but looks for problems",
                          ["focus_on_good_practice"]))
    if profile.impact_on_practitioners == "high":
        cautions.append(Reason("the review will weigh heavily on staff, and a search for "
                               "problems can feel like blame: offer support with the interviews "
                               "and say at the start that it is not a disciplinary process",
                               ["impact_on_practitioners"]))
    if profile.parallel_proceedings or profile.proceedings:
        cautions.append(Reason("parallel proceedings may hold back staff interviews; agree "
                               "their timing with the police and the coroner first",
                               ["parallel_proceedings", "proceedings"]))
    if profile.statutory_threshold_met:
        cautions.append(Reason("a statutory multi-agency review needs a systems methodology; "
                               "this investigation can feed it one agency's "
                               "contribution",
                               ["statutory_threshold_met"]))
    variant = _suggest_variant(profile)
    if variant == "psii":
        good.append(Reason("the PSIRF mode (variant psii) gives the NHS's current learning "
                           "response, without judgements of causality or avoidability",
                           ["health_led_incident"]))
    weeks = VARIANTS[variant].weeks
    longest = weeks + OVERRUN_WEEKS[variant]
    if profile.parallel_proceedings or profile.proceedings:
        longest += PROCEEDINGS_DELAY_WEEKS
    # with no interviews the staff's time is only the feedback meeting
    hours = 0 if profile.practitioners_available is False else _staff(profile) * INTERVIEW_HOURS
    if variant != "level-1-concise":
        hours += _staff(profile) * REVIEW_MEETING_HOURS
    return FitAssessment(METHODOLOGY, max(0, min(100, score)), good, bad, cautions=cautions,
                         variant=variant, timescale_weeks=(weeks, longest),
                         practitioner_hours=float(hours))
