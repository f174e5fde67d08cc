"""What Appreciative Inquiry is: its descriptor, its graph schema, its taxonomies, and how well
it fits a case."""

from __future__ import annotations

from collections.abc import Callable

from appreciative_inquiry.taxonomy import (
    DEFAULT_VARIANT,
    FOLLOW_UP_PHASES,
    LEARNING_EVENTS,
    METHODOLOGY,
    SUMMIT_PHASES,
    TAXONOMIES,
    VARIANTS,
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


# What the inquiry asks of practitioners, for the chooser's comparison. The summit and the
# follow-up are this plugin's own plans (taxonomy: SUMMIT_PHASES, FOLLOW_UP_PHASES); the rest
# are estimates, not rules (check).
SUMMIT_HOURS = sum(minutes for _, minutes, _ in SUMMIT_PHASES) / 60
FOLLOW_UP_HOURS = sum(minutes for _, minutes, _ in FOLLOW_UP_PHASES) / 60
INTERVIEW_HOURS = 1.0  # a one-to-one appreciative interview (check)
PRACTITIONERS_PER_AGENCY = 2  # practitioners and managers in the room from each agency (check)
UNKNOWN_AGENCIES = 4  # assumed when the profile does not say (check)
OVERRUN_WEEKS = 6  # how much longer than the plan an inquiry may realistically run (check)
PROCEEDINGS_DELAY_WEEKS = 12  # a local allowance for interviews held back by proceedings (check)


def _suggest_variant(profile: CaseProfile) -> str:
    if profile.focus_on_good_practice and not profile.statutory_threshold_met:
        return "good-practice-review"  # a case put forward for its good practice
    if profile.impact_on_practitioners == "high" and profile.practitioners_available and \
            (profile.months_available is None or profile.months_available >= 5):
        return "interview-led"  # one to one first, where the room would be hard for some
    return DEFAULT_VARIANT


def _practitioner_hours(profile: CaseProfile, variant: str) -> float:
    people = PRACTITIONERS_PER_AGENCY * (profile.agencies_involved or UNKNOWN_AGENCIES)
    hours = SUMMIT_HOURS * VARIANTS[variant].summit_days + FOLLOW_UP_HOURS
    if VARIANTS[variant].one_to_one_interviews:
        hours += INTERVIEW_HOURS
    return round(people * hours, 1)


@hookimpl
def assess_fit(profile: CaseProfile, methodology: str) -> FitAssessment | None:
    if methodology != METHODOLOGY:
        return None
    score, good, bad, cautions = 50, [], [], []
    if profile.focus_on_good_practice:
        score += 30
        good.append(Reason("the partnership wants to learn from good practice: the method is "
                           "built on discovering and amplifying it", ["focus_on_good_practice"]))
    elif profile.focus_on_good_practice is False:
        score -= 5
        bad.append(Reason("the case is not put forward for good practice; the method still "
                          "needs stories of practice at its best to work from",
                          ["focus_on_good_practice"]))
    if profile.impact_on_practitioners == "high":
        score += 10
        good.append(Reason("the review will weigh heavily on practitioners: an appreciative, "
                           "blame-free setting helps anxious practitioners take part",
                           ["impact_on_practitioners"]))
    if profile.practitioners_available is False:
        score -= 30
        bad.append(Reason("practitioners cannot take part, and the method depends on their "
                          "interviews and the summit", ["practitioners_available"]))
    elif profile.practitioners_available:
        score += 10
        good.append(Reason("practitioners can take part in interviews and the summit",
                           ["practitioners_available"]))
    if profile.agencies_involved is not None:
        if profile.agencies_involved >= 3:
            score += 5
            good.append(Reason(f"{profile.agencies_involved} agencies were involved: the "
                               "summit brings them together to design change",
                               ["agencies_involved"]))
        elif profile.agencies_involved <= 1:
            score -= 10
            bad.append(Reason("only one agency was involved; the summit's strength is agencies "
                              "designing change together", ["agencies_involved"]))
    if profile.statutory_threshold_met:
        score -= 5
        bad.append(Reason("a statutory review must say what happened and why; the plugin keeps "
                          "an honest record of what went wrong and will not finish without it, "
                          "but a systems or root-cause method analyses failings more deeply",
                          ["statutory_threshold_met"]))
    if profile.media_interest:
        cautions.append(Reason("the case has drawn media interest: make clear in the report "
                               "that the honest record of what went wrong is part of the "
                               "review, not set aside for the strengths", ["media_interest"]))
    if profile.parallel_proceedings or profile.proceedings:
        score -= 10
        cautions.append(Reason("parallel proceedings may limit what practitioners can say in "
                               "interviews and at the summit; agree the timing first",
                               ["parallel_proceedings", "proceedings"]))
    if profile.months_available is not None and profile.months_available < 3:
        bad.append(Reason("less than three months: only the one-day summit, with Destiny "
                          "followed up later, fits", ["months_available"]))
    if profile.family_wants_to_take_part:
        good.append(Reason("the family can take part, case by case and with their consent",
                           ["family_wants_to_take_part"]))
    if profile.health_led_incident:
        score -= 10
        bad.append(Reason("the incident is mainly about one health provider's care; root cause "
                          "analysis may suit better", ["health_led_incident"]))
    variant = _suggest_variant(profile)
    weeks = VARIANTS[variant].weeks
    longest = weeks + OVERRUN_WEEKS
    if profile.parallel_proceedings or profile.proceedings:
        longest += PROCEEDINGS_DELAY_WEEKS
    return FitAssessment(METHODOLOGY, max(0, min(100, score)), good, bad, cautions=cautions,
                         variant=variant, timescale_weeks=(weeks, longest),
                         practitioner_hours=_practitioner_hours(profile, variant))
