"""What Appreciative Inquiry is: its descriptor, its graph schema, its taxonomies, and how well
it fits a case."""

from __future__ import annotations

from collections.abc import Callable

from appreciative_inquiry.taxonomy import (
    DEFAULT_VARIANT,
    LEARNING_EVENTS,
    METHODOLOGY,
    TAXONOMIES,
    VARIANTS,
)
from core import hookimpl
from core.methodology import CaseProfile, FitAssessment, GraphSchema, Methodology, Taxonomy

# entries -> strengths (stories) and enablers -> themes -> propositions -> commitments ->
# actions; and entries -> concerns (problems acknowledged) -> themes. Themes and concerns each
# raise the findings that rest on them.
GRAPH_SCHEMA = GraphSchema(
    node_kinds={
        "enabler": "What made good practice possible (a root cause of success)",
        "theme": "A theme of the positive core: what the stories of practice at its best share",
        "concern": "A problem acknowledged in the honest record: what went wrong, and why",
        "proposition": "A provocative proposition: how the system will work, grounded in themes",
        "commitment": "A commitment to realise a proposition, with an owner and a champion",
    },
    edge_kinds={
        "bears_on": "A problem acknowledged bears on a theme: its propositions must answer it",
        "grounded_in": "A proposition rests on the discovered theme that grounds it",
        "becomes": "A commitment becomes an improvement action",
    },
    allowed=(
        ("contributed_to", "enabler", "strength"),
        ("evidenced_by", "enabler", "evidence"),
        ("part_of", "strength", "theme"),
        ("raises", "theme", "finding"),
        ("evidenced_by", "concern", "event"),
        ("evidenced_by", "concern", "evidence"),
        ("bears_on", "concern", "theme"),
        ("raises", "concern", "finding"),
        ("grounded_in", "proposition", "theme"),
        ("addresses", "proposition", "concern"),
        ("addresses", "proposition", "finding"),
        ("addresses", "commitment", "proposition"),
        ("becomes", "commitment", "action"),
    ),
)

DESCRIPTOR = Methodology(
    name=METHODOLOGY,
    title="Appreciative Inquiry",
    summary=(
        "A strengths-based review through the 5-D cycle. Define turns the review's question "
        "into an affirmative topic. Discover finds practice at its best in this case, and what "
        "made it possible, in appreciative interviews. Dream and Design say how the system "
        "should work. In Destiny the agencies commit to the changes, each with an owner and a "
        "champion. Beside the strengths the review keeps an honest record of what went wrong "
        "and why, as a statutory review must."
    ),
    fits_when=(
        "the case shows good as well as challenging multi-agency practice worth learning from",
        "practitioners are anxious and a safe, respectful, blame-free setting is needed",
        "the partnership wants practitioners and managers to design the changes together",
        "the agencies can name champions and come back to value progress",
    ),
    not_fits_when=(
        "a detailed account of failings is needed for accountability (the honest record is "
        "kept, but the method's focus is on what to build)",
        "the agencies cannot commit to shared follow-up and champions",
        "practitioners cannot take part, for example during criminal proceedings",
    ),
    principles={
        "complexity": "Paired interviews and the workshop bring every agency's practitioners "
        "and managers into one room, so the stories show the whole multi-agency system.",
        "who_did_what_and_why": "Each interview records what a practitioner did, linked to the "
        "chronology, and what made it possible; the honest record says what went wrong and "
        "why, with its evidence.",
        "no_hindsight": "Interviews start from the practitioner's own experience at the time, "
        "in their own story, not from the outcome.",
        "transparency": "The affirmative topic and the interview guide are agreed and "
        "published; every finding links through themes or concerns to the interviews and "
        "chronology entries behind it.",
        "research_and_evidence": "Propositions draw on what works, both in this case's "
        "strengths and in research, and commitments carry measures so progress is evidenced.",
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
    score, good, bad = 50, [], []
    if profile.focus_on_good_practice:
        score += 20
        good.append("the partnership wants to learn from good practice: the method is built "
                    "on discovering and amplifying it")
    elif profile.focus_on_good_practice is False:
        score -= 5
        bad.append("the case is not put forward for good practice; the method still needs "
                   "stories of practice at its best to work from")
    if profile.practitioners_available is False:
        score -= 30
        bad.append("practitioners cannot take part, and the method depends on their "
                   "interviews and the workshop")
    elif profile.practitioners_available:
        score += 10
        good.append("practitioners can take part in interviews and the workshop")
    if profile.agencies_involved is not None and profile.agencies_involved >= 3:
        score += 5
        good.append(f"{profile.agencies_involved} agencies were involved: the workshop brings "
                    "them together to design change")
    if profile.statutory_threshold_met:
        score -= 5
        bad.append("a statutory review must say what happened and why; the plugin keeps an "
                   "honest record of what went wrong and will not finalise without it, but a "
                   "systems or root-cause method may analyse failings more deeply")
    if profile.parallel_proceedings:
        score -= 10
        bad.append("parallel proceedings may limit what practitioners can say in interviews")
    if profile.months_available is not None and profile.months_available < 3:
        bad.append("less than three months: only the one-day summit with Destiny in "
                   "follow-up fits")
    if profile.family_wants_to_take_part:
        good.append("the family can take part, case by case and with their consent")
    if profile.health_led_incident:
        score -= 10
        bad.append("the incident is mainly about one health provider's care; root cause "
                   "analysis may suit better")
    return FitAssessment(METHODOLOGY, max(0, min(100, score)), good, bad)
