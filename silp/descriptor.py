"""What SILP is: its descriptor, its taxonomies, and how well it fits a case.

SILP (Significant Incident Learning Process) is a proprietary method, a trademark of Review
Consulting Ltd and in use since 2009. The plugin credits it by name, follows its published
features (reviewconsulting.co.uk) and holds none of the members' template documents.
"""

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
from silp.taxonomy import (
    DEFAULT_VARIANT,
    LEARNING_EVENTS,
    LONGEST_WEEKS,
    METHODOLOGY,
    SHORTEST_WEEKS,
    TAXONOMIES,
    VARIANTS,
)

# The graph's own kinds: the core checks SILP's causal graph against them.
GRAPH_SCHEMA = GraphSchema(
    node_kinds={
        "line_of_enquiry": "A key line of enquiry: a question the terms of reference turn into",
        "agency_analysis": "An agency's analysis of its involvement against one key line of "
        "enquiry, in its agency report",
        "learning_point": "A point of learning the lead reviewers draw from the agency analyses "
        "and the learning event",
        "recall_response": "A participant's response to the draft overview report at the "
        "recall event, and what it changed",
    },
    allowed=(
        ("part_of", "event", "line_of_enquiry"),
        ("part_of", "agency_analysis", "line_of_enquiry"),
        ("evidenced_by", "agency_analysis", "event"),
        ("evidenced_by", "agency_analysis", "evidence"),
        ("part_of", "learning_point", "line_of_enquiry"),
        ("evidenced_by", "learning_point", "agency_analysis"),
        ("evidenced_by", "learning_point", "evidence"),
        ("evidenced_by", "learning_point", "event"),
        ("raises", "learning_point", "finding"),
        ("evidenced_by", "finding", "learning_point"),
        ("evidenced_by", "recall_response", "evidence"),
        ("evidenced_by", "finding", "recall_response"),
        ("part_of", "recall_response", "line_of_enquiry"),
    ),
)

DESCRIPTOR = Methodology(
    name=METHODOLOGY,
    title="Significant Incident Learning Process (SILP)",
    summary=(
        "SILP is a proprietary review method of Review Consulting Ltd, used since 2009; this "
        "plugin follows its published features. The terms of reference become key lines of "
        "enquiry. An author from each agency writes an agency report: the agency's chronology "
        "and an analysis against each line. The reports go to everyone before a learning event, "
        "where agency authors, frontline practitioners and first-line managers look at what "
        "happened and why. The lead reviewers draft the overview report, test it with the same "
        "people at a recall event, and finish it."
    ),
    fits_when=(
        "several agencies were involved and each can give an author for an agency report",
        "the partnership wants to know why things happened, from the practitioners' view at "
        "the time, without blame",
        "a proportionate review is wanted, in about 16 weeks to six months",
        "the case is a statutory review, or a learning review below the threshold",
        "the partnership values learning from good practice as much as from problems",
    ),
    not_fits_when=(
        "practitioners cannot be released for a learning event and a recall event",
        "each practitioner's view needs a one-to-one conversation (Learning Together suits)",
        "a quick answer is needed about one health provider's care (root cause analysis suits)",
        "no lead reviewer accredited in SILP is available, or the partnership has no licence "
        "to use the method's own templates",
        "adult and domestic homicide reviews also use SILP, but this plugin serves child "
        "safeguarding reviews",
    ),
    principles={
        "complexity": "Every agency's report is shared before the learning event, so each "
        "agency's part is seen beside the others. The analysis runs by key line of enquiry "
        "across agencies, rooted in systems thinking.",
        "who_did_what_and_why": "Each agency report analyses what happened and why on every "
        "key line of enquiry. The learning event asks practitioners why decisions made sense: "
        "workload, procedures, information and relationships.",
        "no_hindsight": "The learning event walks the merged chronology period by period. It "
        "shows only what the agencies in the room had recorded or been told by the end of "
        "each period (the knowledge horizon).",
        "transparency": "Every finding is traced through learning points to the agency "
        "analyses, the learning event and the chronology. Each response at the recall event "
        "is traced to the part of the draft it changed. The causal graph shows the chain.",
        "research_and_evidence": "The lead reviewers bring research and other reviews to the "
        "key lines of enquiry and the overview report; agencies say what has changed since.",
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


# What SILP asks of practitioners, for the chooser's comparison. The hours follow this plugin's
# own event plans (silp/meetings.py: about four hours of learning event, three of recall event);
# the rest are estimates, not rules (check).
LEARNING_EVENT_HOURS = 4
RECALL_EVENT_HOURS = 3
AGENCY_REPORT_HOURS = 15  # an agency author's chronology and analysis (check)
PRACTITIONERS_PER_AGENCY = 3  # frontline practitioners and first-line managers (check)
UNKNOWN_AGENCIES = 4  # assumed when the profile does not say (check)
PROCEEDINGS_DELAY_WEEKS = 12  # a local allowance for events held back by proceedings (check)
MINI_SILP_OVERRUN_WEEKS = 4  # how much longer a mini-SILP may realistically run (check)


def _suggest_variant(profile: CaseProfile) -> str:
    if profile.single_agency or profile.agencies_involved == 1:
        return "mini-silp"
    if profile.months_available is not None and \
            profile.months_available * 52 / 12 < VARIANTS["full"].weeks:
        return "proportionate"
    if profile.learning_already_known or profile.previous_reviews_on_theme:
        return "proportionate"  # a few key lines of enquiry, not the whole history again
    return DEFAULT_VARIANT


def _practitioner_hours(profile: CaseProfile, variant: str) -> float:
    agencies = 1 if VARIANTS[variant].agencies == "one" else \
        (profile.agencies_involved or UNKNOWN_AGENCIES)
    events = (LEARNING_EVENT_HOURS + RECALL_EVENT_HOURS) * PRACTITIONERS_PER_AGENCY * agencies
    return float(events + AGENCY_REPORT_HOURS * agencies)


@hookimpl
def assess_fit(profile: CaseProfile, methodology: str) -> FitAssessment | None:
    if methodology != METHODOLOGY:
        return None
    score, good, bad, cautions = 60, [], [], []
    if profile.agencies_involved is not None:
        if profile.agencies_involved >= 2:
            score += 10
            good.append(Reason(f"{profile.agencies_involved} agencies were involved: each "
                               "writes an agency report and they meet at the learning event",
                               ["agencies_involved"]))
        else:
            good.append(Reason("one agency was involved: the single-agency mini-SILP fits",
                               ["agencies_involved"]))
    if profile.years_involved is not None and profile.years_involved >= 2:
        score += 5
        good.append(Reason(f"the agencies were involved for about {profile.years_involved:g} "
                           "years: key lines of enquiry keep a long history to the questions "
                           "that matter", ["years_involved"]))
    if profile.practitioners_available is False:
        score -= 30
        bad.append(Reason("practitioners cannot take part: SILP rests on the learning event "
                          "and the recall event", ["practitioners_available"]))
    elif profile.practitioners_available:
        score += 10
        good.append(Reason("practitioners and first-line managers can come to a learning "
                           "event and a recall event", ["practitioners_available"]))
    if profile.months_available is not None:
        weeks = profile.months_available * 52 / 12
        if weeks >= LONGEST_WEEKS:
            score += 5
            good.append(Reason("there is time for a full SILP review (about six months)",
                               ["months_available"]))
        elif weeks >= SHORTEST_WEEKS:
            score += 5
            good.append(Reason("there is time for a proportionate SILP review (about 16 "
                               "weeks)", ["months_available"]))
        else:
            score -= 15
            bad.append(Reason(f"less time than SILP's shortest published timescale of "
                              f"{SHORTEST_WEEKS} weeks", ["months_available"]))
    if profile.statutory_threshold_met is False:
        good.append(Reason("SILP is used for learning reviews below the statutory threshold "
                           "as well", ["statutory_threshold_met"]))
    if profile.focus_on_good_practice:
        score += 5
        good.append(Reason("SILP puts equal value on learning from good practice",
                           ["focus_on_good_practice"]))
    if profile.family_wants_to_take_part:
        good.append(Reason("the family can be involved in whatever way suits them; what they "
                           "say is kept apart from the practitioners' material",
                           ["family_wants_to_take_part"]))
    if profile.health_led_incident:
        score -= 10
        bad.append(Reason("the incident is mainly about one health provider's care; root cause "
                          "analysis may suit better", ["health_led_incident"]))
    if profile.parallel_proceedings or profile.proceedings:
        score -= 5
        cautions.append(Reason("parallel proceedings may delay the learning event and the "
                               "recall event; agree the timing with the police and the Crown "
                               "Prosecution Service first",
                               ["parallel_proceedings", "proceedings"]))
    if profile.impact_on_practitioners == "high":
        cautions.append(Reason("the review will weigh heavily on practitioners: plan support "
                               "at and after the learning event", ["impact_on_practitioners"]))
    variant = _suggest_variant(profile)
    weeks = VARIANTS[variant].weeks
    if variant == "mini-silp":
        longest = weeks + MINI_SILP_OVERRUN_WEEKS
    else:  # the published range runs up to six months
        longest = max(weeks, LONGEST_WEEKS)
    if profile.parallel_proceedings or profile.proceedings:
        longest += PROCEEDINGS_DELAY_WEEKS
    return FitAssessment(METHODOLOGY, max(0, min(100, score)), good, bad, cautions=cautions,
                         variant=variant, timescale_weeks=(weeks, longest),
                         practitioner_hours=_practitioner_hours(profile, variant))
