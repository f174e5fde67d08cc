"""Statutory regimes as data: criteria, clocks, notifications, and the clocks of a review.

A regime is registered through the `register_regimes` hook (the built-in ones are plugins under
`plugins/regimes/`), so a local area can add its own. A review's header names its regime;
`clock_statuses` reads every clock of that regime against what the review has recorded.

What a review records for its regime lives in records (plain data in the journal):
`regime/facts`, `regime/assessment`, `regime/decision` (key "current"), `regime/met` (clock or
notification id -> the day it was met or sent), `regime/dates` (dates a coordinator sets, such
as the planned publication day) and `regime/delay` (why the completion target slipped).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from attrs import Factory, field, frozen

from core.kernel.converters import strings
from core.kernel.dates import day_from_text, long_date
from core.kernel.errors import InputProblem
from core.statutory.clocks import Period
from core.statutory.criteria import Advice, Otherwise, Rule
from core.statutory.facts import FactSpec
from core.statutory.status import DueItem

if TYPE_CHECKING:
    from core.kernel.state import ReviewState
    from core.plugin_api.plugins import PluginHost
    from core.statutory.status import DueItem

FACTS_RECORD = "regime/facts"
ASSESSMENT_RECORD = "regime/assessment"
DECISION_RECORD = "regime/decision"
MET_RECORD = "regime/met"
DATES_RECORD = "regime/dates"
DELAY_RECORD = "regime/delay"
APPOINTED_RECORD = "commissioning/appointed"  # participant id -> {"on": day appointed}
CURRENT = "current"

# Where a clock starts. The first four come from what the review has recorded; the others a
# coordinator sets with `casereview clock REVIEW date NAME --on DATE`.
STARTS: dict[str, str] = {
    # The notification day stands in where the day of becoming aware is not recorded.
    "notified": "the day the local authority became aware",
    "decided": "the Chair's decision",
    "initiated": "the decision to initiate the review (or an alternative review)",
    "reviewers_appointed": "the appointment of the first lead reviewer",
    "publication_planned": "the planned publication day",
    "published": "the day the report was published",
}
SETTABLE_STARTS = ("publication_planned", "published")
HELD_DECISIONS = ("initiate", "alternative")  # the Chair's decisions that hold a review


def _optional_set(value: Iterable[str] | None) -> frozenset[str] | None:
    return None if value is None else frozenset(value)


@frozen
class Applies:
    """When a clock applies: for some engine outcomes and/or some Chair's decisions.
    None means "whatever it is"."""

    outcomes: frozenset[str] | None = field(default=None, converter=_optional_set)
    decisions: frozenset[str] | None = field(default=None, converter=_optional_set)

    def describe(self) -> str:
        parts = []
        if self.outcomes is not None:
            parts.append(f"when the criteria outcome is {' or '.join(sorted(self.outcomes))}")
        if self.decisions is not None:
            parts.append(f"when the Chair decides: {' or '.join(sorted(self.decisions))}")
        return " and ".join(parts) or "always"


@frozen
class Clock:
    """A time limit of the regime. kind "deadline": done by the due day; "notification": tell
    someone (`to`) by the due day; "keep_until": keep something (a published report) until the
    due day."""

    id: str
    title: str
    start: str  # a key of STARTS
    period: Period
    satisfied_by: str  # what meets it, in plain English
    kind: str = "deadline"
    to: tuple[str, ...] = field(default=(), converter=strings)  # notification recipients
    applies: Applies = Factory(Applies)
    completion_target: bool = False  # a slip must record a reason (seed 2.7)
    met_by: str | None = None  # a key of STARTS: the clock is met the day that happens
    note: str = ""  # e.g. "(check) remembered, unconfirmed"

    @property
    def when(self) -> str:
        """e.g. "5 working days after the notification (...)"."""
        return f"{self.period.describe()} {STARTS[self.start]}"

    def describe(self, *, certain: bool = True) -> dict[str, Any]:
        """For the criteria answer: who to tell, what, and when."""
        return {
            "id": self.id,
            "to": list(self.to),
            "what": self.title,
            "when": self.when,
            "applies": "yes" if certain else self.applies.describe(),
        }


# Typed converters (see core.kernel.converters), used only here.
def _rules(values: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(values)


def _advice(values: Iterable[Advice]) -> tuple[Advice, ...]:
    return tuple(values)


def _clocks(values: Iterable[Clock]) -> tuple[Clock, ...]:
    return tuple(values)


def _fact_specs(values: Iterable[FactSpec]) -> tuple[FactSpec, ...]:
    return tuple(values)


def _method_rules(values: Iterable[MethodRule]) -> tuple[MethodRule, ...]:
    return tuple(values)


@frozen
class MethodRule:
    """What a regime says about the methodology of a review it governs: a hard edge for the
    chooser, applied before any score.

    `requires` names the only methodologies the review may use (the others are excluded);
    `systems_only` ranks a method without a systems approach as a contribution to the review
    (e.g. one agency's own investigation), not as the review's method. A rule with
    `statutory_only` applies only when the review is statutory (the criteria are met).
    """

    rule: str  # an id, cited in the chooser's answer
    text: str  # the rule in plain English
    requires: tuple[str, ...] = field(default=(), converter=strings)
    systems_only: bool = False
    statutory_only: bool = True


def _decision_kinds(instance: Any, attribute: Any, value: dict[str, str]) -> None:
    unknown = set(value) - set(HELD_DECISIONS)
    if unknown:
        raise ValueError(f"decision_kinds names decisions that hold no review: {sorted(unknown)}; "
                         f"it maps {' and '.join(HELD_DECISIONS)} to a kind of review")


@frozen
class Regime:
    name: str
    title: str
    nation: str  # "england" | "wales" | ...
    calendar: str  # a key of core.statutory.clocks.CALENDARS
    summary: str
    rules: tuple[Rule, ...] = field(converter=_rules)
    otherwise: Otherwise
    advice: tuple[Advice, ...] = field(default=(), converter=_advice)
    clocks: tuple[Clock, ...] = field(default=(), converter=_clocks)
    # facts beyond core.statutory.facts.FACTS
    facts: tuple[FactSpec, ...] = field(default=(), converter=_fact_specs)
    reviewers_required: dict[str, int] = Factory(dict)  # review kind -> lead reviewers needed
    # The Chair's decision -> the kind of review then held. The criteria engine's kind names the
    # first step the regime asks for (England 2018: a rapid review), which is not always the
    # review the decision leads to. A decision not listed: `held_kind` says.
    decision_kinds: dict[str, str] = field(factory=dict, validator=_decision_kinds)
    focus_months: int | None = None  # the period the review mainly looks at
    # What the regime says about a review's methodology (the chooser's hard constraints).
    methodology_rules: tuple[MethodRule, ...] = field(default=(), converter=_method_rules)
    notes: dict[str, str] = Factory(dict)  # named values kept as data, with their caveats
    # A regime replaced by another: reviews starting on or after `replaced_on` use `replaced_by`
    # (e.g. Wales: child practice reviews gave way to the unified review on 1 October 2024).
    replaced_on: dt.date | None = None
    replaced_by: str = ""

    def replacement_for(self, day: dt.date) -> str | None:
        """Why a review starting on `day` belongs under another regime, or None."""
        if self.replaced_on is None or day < self.replaced_on:
            return None
        return (f"the {self.name} regime is for reviews begun before "
                f"{long_date(self.replaced_on)}; a review starting on {long_date(day)} belongs "
                f"under {self.replaced_by}")

    @property
    def notifications(self) -> tuple[Clock, ...]:
        return tuple(c for c in self.clocks if c.kind == "notification")

    def notifications_for(self, outcomes: Iterable[str]) -> list[tuple[Clock, bool]]:
        """The notifications that apply if the outcome is one of `outcomes`, each with whether
        it certainly applies (rather than depending on the outcome or the Chair's decision)."""
        possible = set(outcomes)
        found = []
        for notice in self.notifications:
            wanted = notice.applies.outcomes
            if wanted is None or possible & wanted:
                certain = (wanted is None or possible <= wanted) and \
                    notice.applies.decisions is None
                found.append((notice, certain))
        return found

    def held_kind(self, decision: str, criteria_kind: str | None) -> str | None:
        """The kind of review a Chair's decision leads to: the regime's own word for it, else
        the criteria engine's kind for a decision to initiate, a plain alternative review for
        an alternative, and none for a decision of no review."""
        if decision in self.decision_kinds:
            return self.decision_kinds[decision]
        return {"initiate": criteria_kind, "alternative": "alternative_review"}.get(decision)

    def clock(self, clock_id: str) -> Clock:
        for clock in self.clocks:
            if clock.id == clock_id:
                return clock
        known = ", ".join(c.id for c in self.clocks) or "none"
        raise InputProblem(f"the regime {self.name} has no clock {clock_id!r}; its clocks: {known}")


# -- what a review has recorded ---------------------------------------------------------------


def current(state: ReviewState, record: str) -> dict[str, Any] | None:
    return state.record_collection(record).get(CURRENT)


def _day(text: str | None) -> dt.date | None:
    return day_from_text(text, "recorded day") if text else None


def start_date(state: ReviewState, start: str) -> dt.date | None:
    """The day a clock starts for this review, or None if that has not happened yet."""
    decision = current(state, DECISION_RECORD) or {}
    if start == "notified":  # the day of becoming aware, where it is on record
        return getattr(state.review, "became_aware_on", None) or state.review.notified_on
    if start == "decided":
        return _day(decision.get("on"))
    if start == "initiated":
        held = decision.get("decision") in HELD_DECISIONS
        return _day(decision.get("on")) if held else None
    if start == "reviewers_appointed":
        days = [_day(r.get("on")) for r in state.record_collection(APPOINTED_RECORD).values()]
        return min((d for d in days if d), default=None)
    return _day(state.record_collection(DATES_RECORD).get(start, {}).get("on"))


def applies(clock: Clock, state: ReviewState) -> bool | None:
    """True, False, or None when it depends on something not yet recorded."""
    answers: list[bool | None] = []
    if clock.applies.outcomes is not None:
        assessment = current(state, ASSESSMENT_RECORD)
        outcome = assessment.get("outcome") if assessment else None
        answers.append(None if outcome in (None, "undecided")
                       else outcome in clock.applies.outcomes)
    if clock.applies.decisions is not None:
        decision = (current(state, DECISION_RECORD) or {}).get("decision")
        answers.append(None if decision is None else decision in clock.applies.decisions)
    if False in answers:
        return False
    return None if None in answers else True


def clock_statuses(host: PluginHost, state: ReviewState, today: dt.date) -> list[DueItem]:
    """Every clock of the review's regime: due day, days left or overdue, met or not."""
    regime: Regime = host.regime(state.review.regime)
    met = state.record_collection(MET_RECORD)
    items = []
    for clock in regime.clocks:
        applicable = applies(clock, state)
        started = start_date(state, clock.start)
        due = clock.period.due(started, regime.calendar) if started else None
        met_on = _day(met.get(clock.id, {}).get("on"))
        if clock.met_by:
            met_on = met_on or start_date(state, clock.met_by)
        if clock.kind == "keep_until" and due and today >= due:
            met_on = met_on or due  # kept for the whole period
        items.append(DueItem(
            id=clock.id,
            title=clock.title,
            kind=clock.kind,
            due=due,
            met_on=met_on,
            satisfied_by=clock.satisfied_by,
            starts=clock.when,
            applies=applicable,
            note="; ".join(p for p in (
                "" if started else f"starts at {STARTS[clock.start]}, not yet recorded",
                "" if applicable is not None else f"applies {clock.applies.describe()}",
                clock.note,
            ) if p),
            today=today,
        ))
    return items
