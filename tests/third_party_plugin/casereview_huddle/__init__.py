"""The practice huddle: a short facilitated review, as a casereview methodology plugin."""

from core import hookimpl
from core.plugin_api.methodology import (
    EvidenceGroup,
    LearningEventPlan,
    Methodology,
    Phase,
    PlannedActivity,
    ReviewPlan,
)

HUDDLE = Methodology(
    name="practice-huddle",
    title="Practice huddle",
    summary="A short review: agencies send their records, then the practitioners meet once "
    "with an independent facilitator to walk through what happened and agree the learning.",
    fits_when=("the case is below the statutory threshold", "the learning is about one episode"),
    not_fits_when=("many agencies worked with the family over years",),
    principles={
        "complexity": "The huddle maps the pressures on each practitioner at the time.",
        "who_did_what_and_why": "Each practitioner explains their own decisions in turn.",
        "no_hindsight": "The timeline is walked as it was known on each day, not as it ended.",
        "transparency": "The records used and the huddle's notes are listed in the report.",
        "research_and_evidence": "The facilitator brings the research on the practice issue.",
    },
    learning_events={"huddle": "one facilitated meeting of the practitioners involved"},
)


@hookimpl
def register_methodologies(register):
    register(HUDDLE)


@hookimpl
def plan_review(review, methodology, variant):
    return ReviewPlan(methodology, variant, [
        PlannedActivity("evidence", "Agencies send their records", ("agency authors",), 2),
        PlannedActivity("learning_events", "Hold the huddle", ("practitioners",), 1),
        PlannedActivity("findings", "Agree the learning", ("lead reviewer",), 1),
    ], typical_weeks=6)


@hookimpl
def plan_learning_event(review, methodology, kind):
    if kind != "huddle":
        return None  # the huddle is the only event this method holds
    return LearningEventPlan(kind, "Practice huddle", [
        Phase("What we knew", 45, "Walk the timeline day by day",
              ("What did you know that day?", "What else was on your desk?")),
        Phase("What we learned", 30, "Name what helped and what got in the way",
              ("What would have helped you then?",)),
    ])


@hookimpl
def structure_evidence(review, methodology):
    by_agency: dict[str, list[str]] = {}
    for entry in review.sorted_chronology():
        by_agency.setdefault(entry.agency, []).append(entry.id)
    return [EvidenceGroup("agency", agency, tuple(ids)) for agency, ids in by_agency.items()]
