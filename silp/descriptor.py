"""What SILP is: its descriptor, its taxonomies, and how well it fits a case.

SILP (Significant Incident Learning Process) is a proprietary method, a trademark of Review
Consulting Ltd and in use since 2009. The plugin credits it by name, follows its published
features (reviewconsulting.co.uk) and holds none of the members' template documents.
"""

from __future__ import annotations

from collections.abc import Callable

from core import hookimpl
from core.methodology import CaseProfile, FitAssessment, Methodology, Taxonomy
from silp.analysis import GRAPH_SCHEMA
from silp.taxonomy import (
    DEFAULT_VARIANT,
    LEARNING_EVENTS,
    METHODOLOGY,
    SHORTEST_WEEKS,
    TAXONOMIES,
    VARIANTS,
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


@hookimpl
def assess_fit(profile: CaseProfile, methodology: str) -> FitAssessment | None:
    if methodology != METHODOLOGY:
        return None
    score, good, bad = 60, [], []
    if profile.agencies_involved is not None:
        if profile.agencies_involved >= 2:
            score += 10
            good.append(f"{profile.agencies_involved} agencies were involved: each writes an "
                        "agency report and they meet at the learning event")
        else:
            good.append("one agency was involved: the single-agency mini-SILP fits")
    if profile.practitioners_available is False:
        score -= 30
        bad.append("practitioners cannot take part: SILP rests on the learning event and the "
                   "recall event")
    elif profile.practitioners_available:
        score += 10
        good.append("practitioners and first-line managers can come to a learning event and "
                    "a recall event")
    if profile.months_available is not None:
        weeks = profile.months_available * 52 / 12
        if weeks >= 26:
            score += 5
            good.append("there is time for a full SILP review (about six months)")
        elif weeks >= SHORTEST_WEEKS:
            score += 5
            good.append("there is time for a proportionate SILP review (about 16 weeks)")
        else:
            score -= 15
            bad.append(f"less time than SILP's shortest published timescale of "
                       f"{SHORTEST_WEEKS} weeks")
    if profile.statutory_threshold_met is False:
        good.append("SILP is used for learning reviews below the statutory threshold as well")
    if profile.focus_on_good_practice:
        score += 5
        good.append("SILP puts equal value on learning from good practice")
    if profile.family_wants_to_take_part:
        good.append("the family can be involved in whatever way suits them; what they say "
                    "is kept apart from the practitioners' material")
    if profile.health_led_incident:
        score -= 10
        bad.append("the incident is mainly about one health provider's care; root cause "
                   "analysis may suit better")
    if profile.parallel_proceedings:
        score -= 5
        bad.append("parallel proceedings may delay the learning event")
    if profile.nation == "wales":
        score -= 10
        bad.append("in Wales a child practice review is expected; SILP can inform one")
    return FitAssessment(METHODOLOGY, max(0, min(100, score)), good, bad)
