"""What Learning Together is: its descriptor, its taxonomies, and how well it fits a case."""

from __future__ import annotations

from collections.abc import Callable

from core import hookimpl
from core.methodology import CaseProfile, FitAssessment, GraphSchema, Methodology, Taxonomy
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
    allowed=(("raises", "finding", "board_issue"),),
)

DESCRIPTOR = Methodology(
    name=METHODOLOGY,
    title="SCIE Learning Together (systems model)",
    summary=(
        "A systems review led by two independent lead reviewers with a review team of senior "
        "managers and a case group of the practitioners. Structured conversations capture how "
        "the case looked to each practitioner at the time. Key practice episodes are appraised "
        "and explained by their contributory factors. The findings are underlying patterns in "
        "the multi-agency system, each with issues for the board to consider."
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
        "no_hindsight": "Structured conversations record each practitioner's mindset and local "
        "rationality at the time. Appraisals may cite only what the involved agencies knew by "
        "the end of the episode (the knowledge horizon). Joint meetings walk the timeline as it "
        "was known then.",
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
    score, good, bad = 60, [], []
    if profile.agencies_involved is not None:
        if profile.agencies_involved >= 3:
            score += 15
            good.append(f"{profile.agencies_involved} agencies were involved: the systems model "
                        "is built for multi-agency working")
        elif profile.agencies_involved <= 1:
            score -= 25
            bad.append("only one agency was involved; a single-agency method may be enough")
    if profile.practitioners_available is False:
        score -= 30
        bad.append("practitioners cannot take part in conversations; only the focused "
                   "variant's one-day event might be possible later")
    elif profile.practitioners_available:
        score += 10
        good.append("practitioners can take part in structured conversations and meetings")
    if profile.months_available is not None:
        if profile.months_available >= 6:
            score += 5
            good.append("there is time for the full model (about six months)")
        elif profile.months_available >= 1:
            good.append("time is short: the mid-range, intensive or focused variant fits")
        else:
            bad.append("less than a month is available: only speed+ (one week) or focused "
                       "(one day) fit")
            score -= 10
    if profile.health_led_incident:
        score -= 15
        bad.append("the incident is mainly about one health provider's care; root cause "
                   "analysis may suit better")
    if profile.focus_on_good_practice:
        score += 5
        good.append("key practice episodes record good practice as well as problems")
    if profile.family_wants_to_take_part:
        good.append("the family can join the case group or meet the lead reviewers")
    if profile.parallel_proceedings:
        bad.append("parallel proceedings may delay conversations with practitioners")
        score -= 5
    if profile.nation == "wales":
        score -= 10
        bad.append("in Wales a Child Practice Review is expected; Learning Together can "
                   "inform one")
    return FitAssessment(METHODOLOGY, max(0, min(100, score)), good, bad)
