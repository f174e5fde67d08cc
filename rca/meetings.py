"""The method's learning events — the RCA meeting, the fishbone workshop, the staff interview
(London Protocol style) and PSIRF's after action review — their phases, prompts and time-boxes,
and how something said there becomes evidence.

Prompts are drawn from what the review holds (the timeline rows, the problems, the factors),
so the facilitator walks the team through the case's own material.
"""

from __future__ import annotations

from core import hookimpl
from core.kernel.model import Contribution, Evidence, EvidenceKind
from core.kernel.state import ReviewState
from core.plugin_api.methodology import LearningEventPlan, Phase
from rca import records as r
from rca.taxonomy import NPSA_FACTORS, SEIPS, STRENGTHS
from rca.timeline import tabular_timeline

GROUND_RULES = (
    "We are here to learn how the system let this happen, not to blame anyone.",
    "Judge each decision on what was known and expected at the time, not on the outcome.",
    "Anything recorded names people by role, never by name.",
    "Staff involved are offered support, and told the outcome before the report is final.",
)

BRIEF = "Brief and ground rules"
TIMELINE = "Review the tabular timeline"
PROBLEMS = "Identify care and service delivery problems"
FACTORS = "Contributory factors by category"
WHYS = "Five whys on the top problems"
ROOTS = "Agree the root causes"
OPTIONS = "Options for solutions"

# How the method uses what is said in each phase (None: not evidence about the case).
USE_OF_PHASE: dict[str, str | None] = {
    BRIEF: None,
    TIMELINE: "what happened and when, or what the record leaves out",
    PROBLEMS: "a view on a care or service delivery problem",
    FACTORS: "evidence for a contributory factor",
    WHYS: "evidence for a step of a five-whys chain",
    ROOTS: "a view on a root cause",
    OPTIONS: "an option for a solution",
    "Their part in the chronology": "a member of staff's account of their part",
    "Problems as they saw them": "a view on a care or service delivery problem",
    "What made it harder or easier": "evidence for a contributory factor",
    "What would help": "an option for a solution",
    "What was expected": "what should have happened",
    "What happened": "what happened, as those involved saw it",
    "Why it was different": "evidence for a work-system factor",
    "What can be learned": "an area for improvement or a safety action",
}


def _timeline_prompts(state: ReviewState) -> list[str]:
    rows = tabular_timeline(state)
    prompts = [f"{row['when']}, {row['agency']} {row['ref']}: {row['what_happened']} — what "
               "should have happened here, and what is missing from the record?"
               for row in rows if row["should_have_happened"] or row["problems"]]
    if not prompts:
        prompts = ["Walk the merged chronology for the incident's period in date order "
                   "(`casereview rca timeline REVIEW`); at each row ask what should have "
                   "happened and which standard says so."]
    return prompts


def _problems(state: ReviewState) -> list[str]:
    return [f"{p.id} ({p.kind.upper()}): {p.title}" for p in r.problems(state)]


def _rca_meeting(state: ReviewState, kind: str) -> LearningEventPlan:
    fishbone = kind == "fishbone_workshop"
    categories = "; ".join(v.split(":")[0] for v in NPSA_FACTORS.values())
    phases = (
        Phase(BRIEF, 15, "Agree why the team is here and how it works.",
              ("Restate the incident and the terms of reference.",
               "Read and agree the ground rules.")),
        Phase(TIMELINE, 40, "Check the tabular timeline against everyone's knowledge.",
              ("Is anything missing or wrong in the timeline?", *_timeline_prompts(state))),
        Phase(PROBLEMS, 30, "Name each act or omission that went beyond safe limits "
              "(care) or in how the service ran (service).",
              ("Which standard or acceptable practice does each problem depart from?",
               "Is any problem justified only by the outcome? Then it is hindsight: test it.",
               *(f"Proposed: {x}" for x in _problems(state)))),
        Phase(FACTORS, 45, "For each problem, draw the fishbone: " if fishbone else
              "For each problem, fill the NPSA grid: ",
              (f"Walk every category: {categories}.",
               "Did each factor help or hinder? What is the evidence?")),
        Phase(WHYS, 30, "Ask 'why?' until the answer is a factor the system can change.",
              ("Is every step backed by a record, an interview or a standard?",
               *(f"Top problem: {x}" for x in _problems(state)[:3]))),
        Phase(ROOTS, 20, "Agree which factors are fundamental: key, recurrent, earliest.",
              ("If we removed this, would the problem be much less likely to happen again?",
               *(f"Proposed root cause {x.id}: {x.title}" for x in r.root_causes(state)))),
        Phase(OPTIONS, 30, "Appraise solutions and grade each by strength.",
              (*(v.split(":")[0] + ": " + v.split(":", 1)[1].strip()
                 for v in STRENGTHS.values()),
               "Who owns each, by when, and how will we know it worked?")),
    )
    title = "Fishbone workshop" if fishbone else "Root cause analysis meeting"
    return LearningEventPlan(kind, title, phases, GROUND_RULES)


def _staff_interview(state: ReviewState) -> LearningEventPlan:
    categories = "; ".join(v.split(":")[0] for v in NPSA_FACTORS.values())
    phases = (
        Phase(BRIEF, 10, "Explain the investigation, the support on offer, and how what is "
              "said is recorded (by role, never by name).",
              ("Do you have what you need to take part (a colleague, time, support)?",)),
        Phase("Their part in the chronology", 20, "Establish their part in the timeline.",
              ("Take me through what you did, and when, as you saw it then.",)),
        Phase("Problems as they saw them", 15, "Hear the problems from their view.",
              ("Looking back at the timeline, where did care go differently from what you "
               "expected?", *(f"We are looking at {x}: how did it look to you?"
                              for x in _problems(state)))),
        Phase("What made it harder or easier", 20, "Explore the contributory factors.",
              (f"Which of these played a part: {categories}?",)),
        Phase("What would help", 10, "Ask what would make it safer.",
              ("What would have helped you then? What would help others now?",)),
    )
    return LearningEventPlan("staff_interview", "Staff interview (London Protocol style)",
                             phases, GROUND_RULES)


def _after_action_review(state: ReviewState) -> LearningEventPlan:
    factors = "; ".join(v.split(":")[0] for v in SEIPS.values())
    phases = (
        Phase(BRIEF, 10, "Explain that the review makes no judgement of causality or "
              "avoidability, and agree the ground rules.", ("Who else should be here?",)),
        Phase("What was expected", 15, "Agree what was expected to happen.",
              ("What does the standard or usual practice expect at each step?",)),
        Phase("What happened", 20, "Walk what actually happened.",
              _timeline_prompts(state)),
        Phase("Why it was different", 25, "Explore the work system, not the person.",
              (f"Which parts of the work system made it harder or easier: {factors}?",)),
        Phase("What can be learned", 20, "Agree areas for improvement and safety actions.",
              ("What would we change, who owns it, and how will we measure it?",)),
    )
    return LearningEventPlan("after_action_review", "After action review", phases,
                             GROUND_RULES)


@hookimpl
def plan_learning_event(review: ReviewState, methodology: str, kind: str
                        ) -> LearningEventPlan | None:
    if kind in ("rca_meeting", "fishbone_workshop"):
        return _rca_meeting(review, kind)
    if kind == "staff_interview":
        return _staff_interview(review)
    if kind == "after_action_review":
        return _after_action_review(review)
    return None


@hookimpl
def take_contribution(review: ReviewState, methodology: str, contribution: Contribution
                      ) -> Evidence | None:
    """A contribution becomes evidence of the kind its phase produces; what is said in the
    brief stays a note."""
    use = USE_OF_PHASE.get(contribution.phase, "what a member of staff said at a learning "
                                               "event")
    if use is None:
        return None
    event = review.learning_events.get(contribution.event_id)
    where = event.title if event else f"learning event {contribution.event_id}"
    who = contribution.role + (f" ({contribution.agency})" if contribution.agency else "")
    return Evidence(
        id=f"EV-{contribution.id}", kind=EvidenceKind.CONTRIBUTION,
        title=f"{who}, {where}" + (f" ({contribution.phase.lower()})" if contribution.phase
                                   else ""),
        summary=contribution.text, agency=contribution.agency,
        received_on=event.held_on if event else None,
        details={"event": contribution.event_id, "phase": contribution.phase,
                 "role": contribution.role, "use": use, "contribution": contribution.id},
    )
