"""What Root Cause Analysis is: its descriptor, its causal-graph kinds, its taxonomies, and an
honest view of how well it fits a case."""

from __future__ import annotations

from collections.abc import Callable

from core import hookimpl
from core.methodology import CaseProfile, FitAssessment, GraphSchema, Methodology, Taxonomy
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


@hookimpl
def assess_fit(profile: CaseProfile, methodology: str) -> FitAssessment | None:
    if methodology != METHODOLOGY:
        return None
    score, good, bad = 35, [], []
    if profile.health_led_incident:
        score += 35
        good.append("the incident centres on a health service's care: root cause analysis "
                    "(or its PSIRF mode) is that service's own way of investigating")
    elif profile.health_led_incident is False:
        score -= 10
        bad.append("the incident is not mainly about one health service's care")
    if profile.agencies_involved is not None:
        if profile.agencies_involved <= 1:
            score += 20
            good.append("one agency was involved: a single-agency investigation fits")
        elif profile.agencies_involved >= 3:
            score -= 20
            bad.append(f"{profile.agencies_involved} agencies were involved: root cause "
                       "analysis can give one agency's contribution, but not how they worked "
                       "together")
    if profile.statutory_threshold_met:
        score -= 15
        bad.append("the case meets the statutory threshold: a multi-agency review needs a "
                   "systems methodology; root cause analysis can only feed it a health "
                   "agency's contribution")
    if profile.months_available is not None and profile.months_available < 3:
        good.append("time is short: a level 1 concise investigation takes weeks")
        score += 5
    if profile.practitioners_available is False:
        bad.append("staff cannot be interviewed: the timeline and factors rest on records only")
        score -= 10
    if profile.focus_on_good_practice:
        bad.append("the partnership wants to learn mainly from good practice; the method "
                   "records notable practice but looks for problems")
        score -= 10
    if profile.nation == "wales":
        bad.append("in Wales a multi-agency review is a Child Practice Review; root cause "
                   "analysis can only feed it a health board's contribution")
        score -= 5
    if profile.health_led_incident:
        good.append("the PSIRF mode (variant psii) gives the NHS's current learning response, "
                    "without judgements of causality or avoidability")
    return FitAssessment(METHODOLOGY, max(0, min(100, score)), good, bad)
