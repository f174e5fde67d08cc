"""What the Welsh Child Practice Review is: its descriptor, its taxonomies, and how well it fits
a case."""

from __future__ import annotations

from collections.abc import Callable

from child_practice_review.taxonomy import LEARNING_EVENTS, METHODOLOGY, REVIEW_TYPES, TAXONOMIES
from core import hookimpl
from core.methodology import CaseProfile, FitAssessment, GraphSchema, Methodology, Taxonomy

# The chain uses the core's kinds: a significant event (an `event` flagged on the timeline)
# -evidenced_by- a learning-event contribution (`evidence`), which the learning (`finding`)
# rests on; recommendations address learning; actions address recommendations. Good practice
# is learning too, so the method adds no kind of its own.
GRAPH_SCHEMA = GraphSchema()

DESCRIPTOR = Methodology(
    name=METHODOLOGY,
    title="Child Practice Review (Wales)",
    summary=(
        "The Welsh multi-agency review, concise (one reviewer) or extended (two reviewers, "
        "engaging the child and family directly). A review panel of senior staff builds a "
        "timeline of significant events from the agencies' records, usually over the 12 months "
        "before the event. Every practitioner involved comes to a facilitated learning event. "
        "The board publishes an anonymised report of the learning and its recommendations. "
        "With it go a summary timeline, a 7-minute briefing, a press statement and an action "
        "plan."
    ),
    fits_when=(
        "the case is in Wales (a child practice review, or the child practice review component "
        "of a single unified safeguarding review)",
        "a proportionate, practitioner-focused review with a short report is wanted",
        "the practitioners involved can come together for a learning event",
    ),
    not_fits_when=(
        "the case is in England and a national Panel review is expected",
        "a deep systems analysis of one-to-one conversations is wanted (Learning Together suits)",
        "practitioners cannot take part in a learning event while proceedings continue",
    ),
    principles={
        "complexity": "The learning event brings every practitioner involved together, across "
        "agencies, to understand the case as a whole and how the agencies worked together.",
        "who_did_what_and_why": "The timeline of significant events sets out who did what and "
        "when, from the agencies' own records. The learning event asks each practitioner what "
        "they knew, thought and did at each point, and why.",
        "no_hindsight": "The learning event walks the timeline as it was at the time and asks "
        "what was known then; its ground rules ask practitioners to speak from then, not now.",
        "transparency": "The terms of reference, the summary timeline and the anonymised report "
        "set out how the review was done. Every piece of learning links to the significant "
        "events and the contributions it rests on.",
        "research_and_evidence": "The reviewers set the learning against research and other "
        "reviews (the national repository, multi-agency professional forums) before it goes to "
        "the board.",
    },
    variants={name: t.summary for name, t in REVIEW_TYPES.items()},
    default_variant=None,  # the regime's classification decides, unless the board chooses
    graph_schema=GRAPH_SCHEMA,
    taxonomies=tuple(t.name for t in TAXONOMIES),
    learning_events=LEARNING_EVENTS,
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
    score, good, bad = 40, [], []
    regime = profile.regime or ""
    if profile.nation == "wales" or regime.startswith("wales-"):
        score += 40
        good.append("the case is in Wales, where this is the statutory form of child review "
                    "(under the single unified safeguarding review since 1 October 2024)")
    elif profile.nation == "england" or regime.startswith("england-"):
        score -= 30
        bad.append("the case is in England, where national and local practice reviews follow "
                   "Working Together, not the Welsh guidance")
    if profile.statutory_threshold_met is False:
        good.append("below the threshold, a multi-agency professional forum (the method's "
                    "lighter event) can still draw out the learning")
    if profile.practitioners_available is False:
        score -= 25
        bad.append("the learning event needs the practitioners; it may have to wait for "
                   "parallel proceedings")
    elif profile.practitioners_available:
        score += 10
        good.append("practitioners can come together for the learning event")
    if profile.agencies_involved is not None and profile.agencies_involved >= 2:
        score += 5
        good.append(f"{profile.agencies_involved} agencies were involved: the panel and the "
                    "learning event are multi-agency")
    if profile.months_available is not None and profile.months_available < 3:
        bad.append("less than three months is available; a concise review is the shortest form")
    if profile.family_wants_to_take_part:
        good.append("the reviewers meet the family; an extended review engages the child and "
                    "family directly")
    if profile.parallel_proceedings:
        score -= 5
        bad.append("parallel proceedings may delay the learning event or the family meeting")
    return FitAssessment(METHODOLOGY, max(0, min(100, score)), good, bad)
