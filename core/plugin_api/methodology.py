"""What a methodology plugin registers and returns: plain frozen values the core understands.

A plugin builds these; the core stores, checks, lists and renders them. None of them holds
behaviour, so a methodology is free to work however its method works.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from attrs import Factory, field, frozen

from core.kernel.converters import strings
from core.kernel.errors import InvalidValue
from core.kernel.state import Change


# Typed converters (see core.kernel.converters), used only here.
def _triples(values: Iterable[tuple[str, str, str]]) -> tuple[tuple[str, str, str], ...]:
    return tuple(tuple(v) for v in values)  # type: ignore[misc]  # YAML/JSON give lists


def _activities(values: Iterable[PlannedActivity]) -> tuple[PlannedActivity, ...]:
    return tuple(values)


def _phases(values: Iterable[Phase]) -> tuple[Phase, ...]:
    return tuple(values)

# The five principles every methodology must show (seed 2.4), with the words users know.
PRINCIPLES: dict[str, str] = {
    "complexity": "Recognises the complex circumstances in which professionals work together",
    "who_did_what_and_why": "Seeks to understand precisely who did what and the underlying reasons",
    "no_hindsight": "Understands practice from the viewpoint of those involved at the time, "
    "not with hindsight",
    "transparency": "Is transparent about the way data is collected and analysed",
    "research_and_evidence": "Uses relevant research and case evidence to inform the findings",
}


def _claims_every_principle(instance: Methodology, attribute: Any, value: dict[str, str]) -> None:
    missing = [p for p in PRINCIPLES if not value.get(p, "").strip()]
    unknown = [p for p in value if p not in PRINCIPLES]
    if missing or unknown:
        raise InvalidValue(
            f"methodology {instance.name!r} must say how it meets each of the five principles "
            f"of seed section 2.4; missing: {missing or 'none'}, unknown: {unknown or 'none'}"
        )


@frozen
class Taxonomy:
    """A named list of categories, e.g. contributory factors or a findings typology."""

    name: str
    title: str
    categories: dict[str, str]  # key -> plain-English label
    notes: dict[str, str] = Factory(dict)  # key -> caveat, e.g. "(check) remembered, unconfirmed"


@frozen
class GraphSchema:
    """Node and edge kinds a methodology adds to the causal graph, each with a description."""

    node_kinds: dict[str, str] = Factory(dict)
    edge_kinds: dict[str, str] = Factory(dict)
    # (edge kind, source node kind, target node kind) triples the method allows
    allowed: tuple[tuple[str, str, str], ...] = field(default=(), converter=_triples)


@frozen
class Methodology:
    name: str
    title: str
    summary: str
    fits_when: tuple[str, ...] = field(converter=strings)
    not_fits_when: tuple[str, ...] = field(converter=strings)
    principles: dict[str, str] = field(validator=_claims_every_principle)
    variants: dict[str, str] = Factory(dict)  # name -> what changes
    default_variant: str | None = None
    graph_schema: GraphSchema = Factory(GraphSchema)
    taxonomies: tuple[str, ...] = field(default=(), converter=strings)  # names of its taxonomies
    learning_events: dict[str, str] = Factory(dict)  # kind -> what it is (see plan_learning_event)
    # Whether the method looks at the whole multi-agency system, as England's statutory reviews
    # need. Every method claims the five principles, so this is the default; a single-service
    # incident method (root cause analysis) says False, and a regime that needs a systems
    # method then ranks it as a contribution to a review, not as the review's method.
    systems_approach: bool = True
    # What the report calls the questions the review asks: a method with an open enquiry
    # (Learning Together) calls them "Review questions".
    terms_of_reference_title: str = "Terms of reference"
    plugin: str = ""  # filled in by the host: who registered it


@frozen
class CaseProfile:
    """What a partnership knows when it chooses a methodology. Unknown facts stay None.

    Each key is documented, with its type and allowed values, in
    `core.statutory.profile.PROFILE_KEYS`.
    """

    regime: str | None = None
    agencies_involved: int | None = None
    statutory_threshold_met: bool | None = None
    months_available: float | None = None
    family_wants_to_take_part: bool | None = None
    parallel_proceedings: bool | None = None
    focus_on_good_practice: bool | None = None
    health_led_incident: bool | None = None
    practitioners_available: bool | None = None
    nation: str | None = None  # "england" | "wales"
    # Added for the chooser; signatures only grow, so every new key defaults to unknown.
    outcome: str | None = None  # a core.statutory.facts.HARM_OUTCOMES value
    event_date: dt.date | None = None
    agency_kinds: tuple[str, ...] = field(default=(), converter=strings)
    years_involved: float | None = None
    single_agency: bool | None = None
    proceedings: tuple[str, ...] = field(default=(), converter=strings)
    budget: str | None = None  # "low" | "medium" | "high"
    review_question: str | None = None
    learning_already_known: bool | None = None
    previous_reviews_on_theme: bool | None = None
    impact_on_practitioners: str | None = None  # "low" | "medium" | "high"
    impact_on_family: str | None = None  # "low" | "medium" | "high"
    media_interest: bool | None = None


class Reason(str):
    """A reason for or against a method: its text, and the profile keys it rests on.

    It is text, so a plugin may give plain strings; made with `Reason(text, keys=(...))` it also
    cites the keys, and the chooser shows them beside the reason.
    """

    keys: tuple[str, ...]

    def __new__(cls, text: str, keys: Iterable[str] = ()) -> Reason:
        made = super().__new__(cls, text)
        made.keys = tuple(keys) or tuple(getattr(text, "keys", ()))
        return made


def _reasons(values: Iterable[str]) -> tuple[Reason, ...]:
    return tuple(v if isinstance(v, Reason) else Reason(v) for v in values)


def _weeks(value: Iterable[float] | None) -> tuple[float, float] | None:
    if value is None:
        return None
    low, high = tuple(value)
    return (float(low), float(high))


@frozen
class FitAssessment:
    """A methodology's answer to the chooser: how well it fits the case profile, and why.

    Only `methodology` and `score` are required. `cautions` are risks to plan for rather than
    reasons against (e.g. parallel proceedings delaying practitioner conversations);
    `timescale_weeks` is a realistic (shortest, longest) for this case; `practitioner_hours`
    estimates the practitioners' time the method asks for in total. `reads` is filled in by the
    core with the profile keys the method looked at.
    """

    methodology: str
    score: int = field()  # 0 (does not fit) .. 100 (fits well)
    reasons_for: tuple[Reason, ...] = field(default=(), converter=_reasons)
    reasons_against: tuple[Reason, ...] = field(default=(), converter=_reasons)
    cautions: tuple[Reason, ...] = field(default=(), converter=_reasons)
    variant: str | None = None
    timescale_weeks: tuple[float, float] | None = field(default=None, converter=_weeks)
    practitioner_hours: float | None = None
    reads: tuple[str, ...] = field(default=(), converter=strings)

    @score.validator
    def _in_range(self, attribute: Any, value: int) -> None:
        if not 0 <= value <= 100:
            raise InvalidValue(f"a fit score is between 0 and 100, not {value}")

    @timescale_weeks.validator
    def _in_order(self, attribute: Any, value: tuple[float, float] | None) -> None:
        if value is not None and not 0 < value[0] <= value[1]:
            raise InvalidValue(f"a timescale runs from its shortest to its longest number of "
                               f"weeks, both above nought, not {value[0]:g} to {value[1]:g}")


@frozen
class PlannedActivity:
    stage: str  # a lifecycle stage value
    title: str
    who: tuple[str, ...] = field(default=(), converter=strings)
    weeks: float | None = None
    count: int = 1


@frozen
class ReviewPlan:
    methodology: str
    variant: str | None
    activities: tuple[PlannedActivity, ...] = field(converter=_activities)
    roles: dict[str, str] = Factory(dict)  # role -> what it does in this method
    agency_submission: str = ""  # what each agency is asked to send
    typical_weeks: float | None = None


@frozen
class Phase:
    title: str
    minutes: int
    purpose: str
    prompts: tuple[str, ...] = field(default=(), converter=strings)
    # The phase asks for the case as it was known at the time: in a live session each
    # participant then sees the chronology as their agency knew it (the knowledge horizon)
    # until the facilitator reveals the whole picture.
    as_known_then: bool = False
    # The kinds of contribution the phase asks for (keys of core.kernel.model.CONTRIBUTION_KINDS);
    # empty: any kind.
    asks: tuple[str, ...] = field(default=(), converter=strings)


@frozen
class LearningEventPlan:
    kind: str
    title: str
    phases: tuple[Phase, ...] = field(converter=_phases)
    ground_rules: tuple[str, ...] = field(default=(), converter=strings)

    @property
    def minutes(self) -> int:
        return sum(p.minutes for p in self.phases)


@frozen
class SubmissionForm:
    """What an agency is asked to write about its involvement, in the methodology's form."""

    title: str
    sections: dict[str, str]  # heading -> guidance
    include_chronology: bool = True


@frozen
class EvidenceGroup:
    """A methodology's way of organising the evidence: an episode, a line of enquiry, ..."""

    kind: str
    title: str
    entry_ids: tuple[str, ...] = field(default=(), converter=strings)
    evidence_ids: tuple[str, ...] = field(default=(), converter=strings)
    note: str = ""


@frozen
class ReportSection:
    """A section of the report: rendered from `template` (a jinja2 template the plugin ships)
    with `context`. `order` places it among the core's sections (see core.output.report).

    `published` says where it goes: True for the published report, False (the default) for
    the review team's pack only. Internal is the default so that working material (conversation
    records, episode tables, evidence) never reaches the public because an author forgot to
    say; a section meant for readers must say `published=True`."""

    id: str
    title: str
    template: str  # "package:path/inside/package.j2"
    context: dict[str, Any] = Factory(dict)
    order: int = 500
    published: bool = False


def _changes(values: Iterable[tuple[str, dict[str, Any]]]) -> tuple[Change, ...]:
    return tuple(Change(*value) for value in values)


@frozen
class Material:
    """What a methodology read from the review team's files: the changes it proposes (made
    with `core.kernel.state.put`, `put_record`, `remove_record`, `move_to`, or
    `core.analysis.findings.record(...).events`), a line per kind of thing read, and warnings. The
    core checks every change as the equivalent command would, then writes all of them or none."""

    events: tuple[Change, ...] = field(converter=_changes)
    read: tuple[str, ...] = field(default=(), converter=strings)
    warnings: tuple[str, ...] = field(default=(), converter=strings)
