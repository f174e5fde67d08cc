"""The method's own records: the incident and its investigation, the tabular timeline, the care
and service delivery problems, contributory factors, five-whys chains, root causes, notable
practice, incidental findings, lessons and graded recommendations.

Each is a plugin record (`rca/<collection>`) stored through the core's codec. Findings are core
Findings whose `details` hold the method's shape; standards and staff interviews are core
Evidence, so problems, factors and findings can cite them. Staff appear by role, never by name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, TypeVar

from attrs import field, frozen

from core.kernel import codec
from core.kernel.converters import strings
from core.kernel.state import ReviewState, put_record

T = TypeVar("T")

INCIDENT = "rca/incident"
TIMELINE = "rca/timeline"
PROBLEMS = "rca/problem"
FACTORS = "rca/factor"
WHYS = "rca/why"
ROOT_CAUSES = "rca/root_cause"
NOTABLE = "rca/notable_practice"
INCIDENTAL = "rca/incidental_finding"
LESSONS = "rca/lesson"
RECOMMENDATIONS = "rca/recommendation"


# Typed converters (YAML and JSON give lists), so the records hold tuples.
def _team(values: Iterable[TeamMember]) -> tuple[TeamMember, ...]:
    return tuple(values)


def _rows(values: Iterable[TimelineRow]) -> tuple[TimelineRow, ...]:
    return tuple(values)


def _refs(values: Iterable[EntryRef]) -> tuple[EntryRef, ...]:
    return tuple(values)


def _sources(values: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(values)


def _steps(values: Iterable[WhyStep]) -> tuple[WhyStep, ...]:
    return tuple(values)


def _options(values: Iterable[Option]) -> tuple[Option, ...]:
    return tuple(values)


@frozen
class EntryRef:
    """A chronology entry as a reviewer names it (agency + source reference), resolved."""

    agency: str
    ref: str
    entry_id: str


@frozen
class Source:
    """What evidences something: a chronology entry, or evidence the review holds (a standard,
    a staff interview, an accepted contribution)."""

    kind: str  # "entry" | "evidence"
    id: str
    agency: str = ""
    ref: str = ""

    @property
    def node(self) -> str:
        return f"event:{self.id}" if self.kind == "entry" else f"evidence:{self.id}"


@frozen
class TeamMember:
    role: str
    agency: str = ""
    lead: bool = False
    independent: bool = False  # independent of the organisation investigated


@frozen
class Incident:
    """The incident and how it is investigated (one per review)."""

    description: str
    occurred_on: dt.date
    service: str
    agency: str
    actual_effect: str
    severity: str
    level: str  # a variant name
    detection_point: str
    detection_method: str
    time: str = ""
    type: str = ""
    response_type: str = ""  # PSIRF: psii, after_action_review, ...
    risk_assessment: str = ""
    background: str = ""
    terms_of_reference: tuple[str, ...] = field(default=(), converter=strings)
    team: tuple[TeamMember, ...] = field(default=(), converter=_team)
    scope: str = ""
    methods: str = ""
    family_involvement: str = ""
    staff_involvement: str = ""
    information: tuple[str, ...] = field(default=(), converter=strings)
    shared_learning: str = ""
    distribution: tuple[str, ...] = field(default=(), converter=strings)
    executive_summary: str = ""

    @property
    def lead(self) -> TeamMember | None:
        return next((m for m in self.team if m.lead), None)


@frozen
class TimelineRow:
    """The reviewers' NPSA columns for one chronology entry; the date, time and what happened
    come from the merged chronology itself."""

    entry: EntryRef
    should_have_happened: str = ""
    standards: tuple[str, ...] = field(default=(), converter=strings)  # evidence ids
    additional: str = ""
    missing: str = ""
    notable: str = ""


@frozen
class Timeline:
    """Which part of the merged chronology the tabular timeline shows, and the annotations."""

    start: dt.date
    end: dt.date
    agencies: tuple[str, ...] = field(default=(), converter=strings)  # empty: every agency
    rows: tuple[TimelineRow, ...] = field(default=(), converter=_rows)


@frozen
class Problem:
    """A care delivery problem (cdp) or service delivery problem (sdp): an act or omission."""

    id: str
    kind: str  # "cdp" | "sdp"
    title: str
    act_or_omission: str
    rows: tuple[EntryRef, ...] = field(converter=_refs)
    standards: tuple[str, ...] = field(default=(), converter=strings)  # evidence ids departed from
    expected: str = ""  # what should have happened, in the reviewers' words
    justification: str = ""  # why it is a problem, judged at the time
    effect: str = ""  # the actual or potential effect on the child

    @property
    def node(self) -> str:
        return f"{'care' if self.kind == 'cdp' else 'service'}_delivery_problem:{self.id}"


@frozen
class Factor:
    """A contributory factor behind one problem, helping or hindering, with its evidence."""

    id: str
    problem: str
    taxonomy: str  # "npsa" | "london_protocol" | "seips"
    category: str
    text: str
    effect: str  # "helped" | "hindered"
    sources: tuple[Source, ...] = field(converter=_sources)


@frozen
class WhyStep:
    question: str
    answer: str
    sources: tuple[Source, ...] = field(converter=_sources)


@frozen
class WhyChain:
    """Five whys from a problem: each step evidenced, the last ending at a factor or a root
    cause."""

    id: str
    problem: str
    steps: tuple[WhyStep, ...] = field(converter=_steps)
    ends_at: str  # a factor id or a root-cause id

    def node(self, number: int) -> str:
        return f"why_step:{self.id}/{number}"


@frozen
class RootCause:
    id: str
    title: str
    why_fundamental: str
    problems: tuple[str, ...] = field(converter=strings)
    factors: tuple[str, ...] = field(default=(), converter=strings)


@frozen
class Notable:
    """Notable practice: what went well, to keep and share."""

    id: str
    text: str
    rows: tuple[EntryRef, ...] = field(converter=_refs)


@frozen
class Incidental:
    """Not causal, but worth acting on."""

    id: str
    text: str
    sources: tuple[Source, ...] = field(converter=_sources)
    action: str = ""


@frozen
class Lesson:
    """One line of the lessons learned log."""

    id: str
    stage: str  # a key of LESSON_STAGES
    went: str  # "well" | "badly"
    description: str
    conclusion: str
    recommendation: str = ""
    sharing: str = ""
    problems: tuple[str, ...] = field(default=(), converter=strings)  # what it draws on


@frozen
class Option:
    """One solution considered in the options appraisal."""

    solution: str
    strength: str
    benefits: str = ""
    drawbacks: str = ""
    chosen: bool = False


@frozen
class Recommendation:
    """A recommendation graded by strength (in the PSIRF mode: a safety action), with its
    level for action, owner, date and measure, and the options appraised for it."""

    id: str
    text: str
    strength: str
    level: str
    owner: str
    due: dt.date
    measure: str
    findings: tuple[str, ...] = field(converter=strings)
    root_causes: tuple[str, ...] = field(default=(), converter=strings)
    sign_off: str = ""
    options: tuple[Option, ...] = field(default=(), converter=_options)


def _all(state: ReviewState, collection: str, kind: type[T]) -> list[T]:
    return [codec.from_data(v, kind) for _, v in sorted(state.record_collection(collection)
                                                         .items())]


def incident(state: ReviewState) -> Incident | None:
    data = state.record_collection(INCIDENT).get("current")
    return None if data is None else codec.from_data(data, Incident)


def timeline(state: ReviewState) -> Timeline | None:
    data = state.record_collection(TIMELINE).get("current")
    return None if data is None else codec.from_data(data, Timeline)


def problems(state: ReviewState) -> list[Problem]:
    return _all(state, PROBLEMS, Problem)


def factors(state: ReviewState) -> list[Factor]:
    return _all(state, FACTORS, Factor)


def whys(state: ReviewState) -> list[WhyChain]:
    return _all(state, WHYS, WhyChain)


def root_causes(state: ReviewState) -> list[RootCause]:
    return _all(state, ROOT_CAUSES, RootCause)


def notable_practice(state: ReviewState) -> list[Notable]:
    return _all(state, NOTABLE, Notable)


def incidental_findings(state: ReviewState) -> list[Incidental]:
    return _all(state, INCIDENTAL, Incidental)


def lessons(state: ReviewState) -> list[Lesson]:
    return _all(state, LESSONS, Lesson)


def recommendations(state: ReviewState) -> list[Recommendation]:
    return _all(state, RECOMMENDATIONS, Recommendation)


def put(collection: str, key: str, value: Any) -> tuple[str, dict[str, Any]]:
    return put_record(collection, key, codec.to_data(value))


def psirf(state: ReviewState) -> bool:
    """Whether the review runs in the PSIRF mode (variant psii)."""
    return bool(state.header and state.header.variant == "psii")


# -- finding details: the method's shape of a core Finding ---------------------------------


def finding_details(finding: Any) -> dict[str, Any]:
    details = finding.details or {}
    return {
        "kind": str(details.get("kind") or ""),
        "root_causes": [str(x) for x in details.get("root_causes") or []],
        "problems": [str(x) for x in details.get("problems") or []],
        "incidental": [str(x) for x in details.get("incidental") or []],
        "notable": [str(x) for x in details.get("notable") or []],
    }


def and_list(items: list[str] | tuple[str, ...]) -> str:
    items = list(items)
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
