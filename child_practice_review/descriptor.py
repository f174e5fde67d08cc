"""What the Welsh Child Practice Review is: its descriptor, its taxonomies, and how well it fits
a case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from child_practice_review.taxonomy import (
    DEFAULT_TYPE,
    FOCUS_MONTHS,
    FORUM_WEEKS,
    LEARNING_EVENTS,
    METHODOLOGY,
    REVIEW_TYPES,
    TAXONOMIES,
    WEEKS,
)
from core import hookimpl
from core.plugin_api.methodology import (
    CaseProfile,
    FitAssessment,
    GraphSchema,
    Methodology,
    Reason,
    Taxonomy,
)

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


# What the review asks of practitioners, for the chooser's comparison. The learning event is
# this plugin's own plan (meetings.py: about four hours); the rest are estimates (check).
LEARNING_EVENT_HOURS = 4
FOLLOW_UP_EVENT_HOURS = 2  # the optional event that tests the draft learning (check)
PRACTITIONERS_PER_AGENCY = 3  # every practitioner involved is invited (check)
UNKNOWN_AGENCIES = 4  # assumed when the profile does not say (check)
OVERRUN_WEEKS = 8  # how much longer than the plan a review may realistically run (check)
PROCEEDINGS_DELAY_WEEKS = 12  # a local allowance for events held back by proceedings (check)
SUSR_FROM = dt.date(2024, 10, 1)  # the single unified safeguarding review guidance in force
FORUM_VARIANT = "professional_forum"  # the plan's name for the lighter route


def _in_wales(profile: CaseProfile) -> bool | None:
    regime = profile.regime or ""
    if profile.nation == "wales" or regime.startswith("wales-"):
        return True
    if profile.nation == "england" or regime.startswith("england-"):
        return False
    return None


def _practitioner_hours(profile: CaseProfile, variant: str) -> float:
    people = PRACTITIONERS_PER_AGENCY * (profile.agencies_involved or UNKNOWN_AGENCIES)
    if variant == FORUM_VARIANT:
        return float(people * LEARNING_EVENT_HOURS)
    return float(people * (LEARNING_EVENT_HOURS + FOLLOW_UP_EVENT_HOURS))



@hookimpl
def assess_fit(profile: CaseProfile, methodology: str) -> FitAssessment | None:
    if methodology != METHODOLOGY:
        return None
    score, good, bad, cautions = 40, [], [], []
    wales = _in_wales(profile)
    if wales:
        score += 20
        good.append(Reason("the case is in Wales: the method follows the Welsh guidance, its "
                           "report template and its published bundle (since 1 October 2024 "
                           "within the single unified safeguarding review)",
                           ["nation", "regime"]))
        if profile.event_date is not None and profile.event_date >= SUSR_FROM:
            good.append(Reason("the incident was on or after 1 October 2024: the child "
                               "practice review's learning approach is carried into the single "
                               "unified safeguarding review", ["event_date"]))
            cautions.append(Reason("the unified review's own timescales and template headings "
                                   "are not confirmed here; check them against the Welsh "
                                   "Government's guidance", ["event_date"]))
    elif wales is False:
        score -= 30
        bad.append(Reason("the case is in England: the method's process, report template and "
                          "publication follow the Welsh guidance, not Working Together",
                          ["nation", "regime"]))
    if profile.statutory_threshold_met is False:
        good.append(Reason("below the threshold, a multi-agency professional forum (the "
                           "method's lighter event) can still draw out the learning",
                           ["statutory_threshold_met"]))
    if wales is not False and profile.statutory_threshold_met is not False:
        # the Welsh criteria, for a case in Wales or not yet placed
        if profile.outcome == "none":
            cautions.append(Reason("the child was not harmed: a child practice review is for "
                                   "death or serious harm where abuse or neglect is known or "
                                   "suspected, so check the criteria; a professional forum may "
                                   "be the proportionate route", ["outcome"]))
        elif profile.outcome is not None:
            cautions.append(Reason("whether the review is concise or extended follows the "
                                   "criteria, not this choice: extended if the child was on the "
                                   "child protection register or looked after in the six months "
                                   "before", ["outcome"]))
    if profile.practitioners_available is False:
        score -= 25
        bad.append(Reason("the learning event needs the practitioners; it may have to wait "
                          "for parallel proceedings", ["practitioners_available"]))
    elif profile.practitioners_available:
        score += 10
        good.append(Reason("practitioners can come together for the learning event",
                           ["practitioners_available"]))
    if profile.agencies_involved is not None and profile.agencies_involved >= 2:
        score += 5
        good.append(Reason(f"{profile.agencies_involved} agencies were involved: the panel "
                           "and the learning event are multi-agency", ["agencies_involved"]))
    if profile.years_involved is not None and profile.years_involved > FOCUS_MONTHS / 12:
        cautions.append(Reason(f"the agencies were involved for about "
                               f"{profile.years_involved:g} years, but the review looks mainly "
                               f"at the {FOCUS_MONTHS} months before the event; a longer focus "
                               "needs a recorded reason", ["years_involved"]))
    if profile.months_available is not None and profile.months_available < 3:
        bad.append(Reason("less than three months is available; a concise review is the "
                          "shortest form", ["months_available"]))
    if profile.family_wants_to_take_part:
        good.append(Reason("the reviewers meet the family; an extended review engages the "
                           "child and family directly", ["family_wants_to_take_part"]))
    if profile.parallel_proceedings or profile.proceedings:
        score -= 5
        cautions.append(Reason("parallel proceedings may delay the learning event or the "
                               "family meeting; agree the timing with the police first",
                               ["parallel_proceedings", "proceedings"]))
    if profile.media_interest:
        cautions.append(Reason("the case has drawn media interest: the published bundle "
                               "includes a press statement; plan it with the board",
                               ["media_interest"]))
    if profile.statutory_threshold_met is False:
        variant = FORUM_VARIANT
        weeks = FORUM_WEEKS
    else:
        variant, weeks = DEFAULT_TYPE, float(sum(WEEKS.values()))
    longest = weeks + OVERRUN_WEEKS
    if profile.parallel_proceedings or profile.proceedings:
        longest += PROCEEDINGS_DELAY_WEEKS
    return FitAssessment(METHODOLOGY, max(0, min(100, score)), good, bad, cautions=cautions,
                         variant=variant, timescale_weeks=(weeks, longest),
                         practitioner_hours=_practitioner_hours(profile, variant))
