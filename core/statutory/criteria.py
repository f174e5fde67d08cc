"""The criteria engine: a regime's rules, read against the facts, with the reasons why.

Rules are data (conditions built from a few small pieces), so a regime is written, read and
tested as a table. Every condition answers yes, no, or "cannot tell" with the facts it lacked
(three-valued logic): a missing fact never counts as yes or as no. `assess` tries the rules in
order of precedence and reports every rule it tried, by id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from attrs import Factory, field, frozen

from core.kernel.converters import strings
from core.kernel.errors import InputProblem
from core.statutory.clocks import add_months
from core.statutory.facts import Facts, display


class RuleBook(Protocol):
    """What `assess` reads of a regime (a core.statutory.regimes.Regime): its rules in order of
    precedence, what holds when none is met, its advice and the notifications it requires."""

    @property
    def name(self) -> str: ...
    @property
    def rules(self) -> Sequence[Rule]: ...
    @property
    def otherwise(self) -> Otherwise: ...
    @property
    def advice(self) -> Sequence[Advice]: ...

    def notifications_for(self, outcomes: Any) -> Iterable[tuple[Any, bool]]: ...

OUTCOMES = ("must", "should", "may", "not_met")
UNDECIDED = "undecided"  # a rule that could change the answer lacked a fact
DECISIONS = ("initiate", "alternative", "no-review")


def expected_decisions(outcome: str) -> tuple[str, ...]:
    """The Chair's decisions that agree with an outcome; any other needs a rationale."""
    return {"must": ("initiate",), "should": ("initiate",), "may": DECISIONS,
            "not_met": ("no-review",)}.get(outcome, ())


def _expects(instance: Any, attribute: Any, value: tuple[str, ...] | None) -> None:
    unknown = set(value or ()) - set(DECISIONS)
    if unknown:
        raise ValueError(f"unknown decisions {sorted(unknown)}; known: {', '.join(DECISIONS)}")


# Typed converters (see core.kernel.converters), used only here.
def _anyset(values: Iterable[Any]) -> frozenset[Any]:
    return frozenset(values)


def _conditions(values: Iterable[Condition]) -> tuple[Condition, ...]:
    return tuple(values)


def _reasons(values: Iterable[Reason]) -> tuple[Reason, ...]:
    return tuple(values)


def _dicts(values: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], ...]:
    return tuple(values)


@frozen
class Verdict:
    value: bool | None  # None: cannot tell from the facts given
    text: str
    missing: tuple[str, ...] = field(default=(), converter=strings)


class Condition(Protocol):
    def check(self, facts: Facts) -> Verdict: ...


def _implied_note(facts: Facts, key: str) -> str:
    source = facts.implied_by.get(key)
    return f" (implied by {source})" if source else ""


@frozen
class Is:
    """The fact `key` is one of `values`. Texts may use {value}."""

    key: str
    values: frozenset[Any] = field(converter=_anyset)
    yes: str
    no: str
    undecided: frozenset[Any] = field(default=frozenset(), converter=_anyset)
    ask: str = ""  # what to find out, when the fact is missing or too vague

    def check(self, facts: Facts) -> Verdict:
        if not facts.known(self.key) or facts.get(self.key) in self.undecided:
            value = facts.get(self.key)
            said = f" ({self.key} is {display(value)}, which is not precise enough)" if (
                value is not None) else ""
            return Verdict(None, (self.ask or f"{self.key} is not known") + said, (self.key,))
        value = facts.get(self.key)
        if value in self.values:
            said = self.yes.format(value=display(value))
            return Verdict(True, said + _implied_note(facts, self.key))
        return Verdict(False, self.no.format(value=display(value)))


@frozen
class AllOf:
    """Every part holds."""

    parts: tuple[Condition, ...] = field(converter=_conditions)

    def check(self, facts: Facts) -> Verdict:
        verdicts = [part.check(facts) for part in self.parts]
        if false := [v for v in verdicts if v.value is False]:
            return Verdict(False, "; ".join(v.text for v in false))
        if unknown := [v for v in verdicts if v.value is None]:
            return _unknown(unknown)
        return Verdict(True, " and ".join(v.text for v in verdicts))


@frozen
class AnyOf:
    """At least one part holds."""

    parts: tuple[Condition, ...] = field(converter=_conditions)

    def check(self, facts: Facts) -> Verdict:
        verdicts = [part.check(facts) for part in self.parts]
        if true := [v for v in verdicts if v.value is True]:
            return Verdict(True, "; ".join(v.text for v in true))
        if unknown := [v for v in verdicts if v.value is None]:
            return _unknown(unknown)
        return Verdict(False, "; ".join(v.text for v in verdicts))


def _unknown(verdicts: list[Verdict]) -> Verdict:
    missing = tuple(dict.fromkeys(key for v in verdicts for key in v.missing))
    return Verdict(None, "; ".join(v.text for v in verdicts), missing)


@frozen
class Always:
    text: str

    def check(self, facts: Facts) -> Verdict:
        return Verdict(True, self.text)


@frozen
class WithinMonthsBefore:
    """Something was true on any date in the `months` before the event: given either as a
    yes/no fact or as the last date it was true. The window counts back in calendar months from
    the event (for an impairment, from the day it was identified) and includes its first day, so
    a child last on the register exactly 6 months before the event is inside it."""

    what: str  # "on the child protection register"
    flag: str  # the yes/no fact
    last_date: str  # the date fact
    months: int
    reference: str = "event_date"
    reference_for_impairment: str = "impairment_identified_date"

    def _reference(self, facts: Facts) -> tuple[str, dt.date | None]:
        if facts.get("outcome") == "serious_permanent_impairment":
            return self.reference_for_impairment, facts.get(self.reference_for_impairment)
        return self.reference, facts.get(self.reference)

    def _by_date(self, facts: Facts) -> Verdict | None:
        last = facts.get(self.last_date)
        if last is None:
            return None
        key, reference = self._reference(facts)
        if reference is None:
            return Verdict(None, f"{key} is needed to place {self.last_date} in the "
                           f"{self.months} months before", (key,))
        start = add_months(reference, -self.months)
        inside = last >= start
        return Verdict(inside, f"the child was last {self.what} on {display(last)}, "
                       f"{'inside' if inside else 'outside'} the {self.months} months before "
                       f"{display(reference)} ({key}), which begin on {display(start)}")

    def check(self, facts: Facts) -> Verdict:
        by_date, flag = self._by_date(facts), facts.get(self.flag)
        if flag is None:
            return by_date or Verdict(None, f"{self.flag} (or {self.last_date}) is not known",
                                      (self.flag,))
        if by_date is not None and by_date.value is not None and by_date.value != flag:
            raise InputProblem(f"contradictory facts: {self.flag} is {display(flag)} but "
                               f"{by_date.text}")
        said = "" if flag else "not "
        return Verdict(flag, f"the child was {said}{self.what} on any date in the "
                       f"{self.months} months before the event" + _implied_note(facts, self.flag))


# -- rules -------------------------------------------------------------------------------------


@frozen
class KindChoice:
    """Which kind of review a met rule leads to, when that depends on more facts."""

    id: str
    when: Condition
    if_true: str  # a review kind, e.g. "extended_cpr"
    if_false: str
    title: str  # e.g. "Extended or concise review"
    labels: dict[str, str] = Factory(dict)  # review kind -> how a person says it


@frozen
class Rule:
    id: str  # traceable: appears in every reason it gives
    outcome: str  # must | should | may
    title: str  # what it means when met, e.g. "A serious case review must be initiated"
    when: Condition
    review_kind: str | None = None
    kind_choice: KindChoice | None = None
    source: str = ""  # where the rule comes from, e.g. "seed 2.1", shown in its reasons
    # the Chair's decisions that agree with this rule (default: from the outcome)
    expects: tuple[str, ...] | None = field(default=None, validator=_expects)

    @property
    def agreeing(self) -> tuple[str, ...]:
        return self.expects if self.expects is not None else expected_decisions(self.outcome)


@frozen
class Otherwise:
    """The answer when no rule is met."""

    id: str
    outcome: str
    text: str
    review_kind: str | None = None

    @property
    def agreeing(self) -> tuple[str, ...]:
        return expected_decisions(self.outcome)


@frozen
class Advice:
    """Extra reasons shown for some outcomes. Never changes the answer; when met it may say
    which decision it suggests (`suggests`), and a Chair deciding otherwise gives a rationale."""

    id: str
    when: Condition
    met: str
    not_met: str
    outcomes: frozenset[str] = field(default=frozenset(OUTCOMES), converter=_anyset)
    suggests: str | None = None


@frozen
class Reason:
    rule: str
    text: str


@frozen
class Assessment:
    regime: str
    outcome: str  # must | should | may | not_met | undecided
    review_kind: str | None
    reasons: tuple[Reason, ...] = field(converter=_reasons)
    notifications: tuple[dict[str, Any], ...] = field(converter=_dicts)
    missing_facts: tuple[str, ...] = field(converter=strings)
    possible_outcomes: tuple[str, ...] = Factory(tuple)
    expected_decisions: tuple[str, ...] = Factory(tuple)  # empty: any decision needs a rationale

    def to_data(self) -> dict[str, Any]:
        return {
            "regime": self.regime,
            "outcome": self.outcome,
            "review_kind": self.review_kind,
            "reasons": [{"rule": r.rule, "text": r.text} for r in self.reasons],
            "notifications": list(self.notifications),
            "missing_facts": list(self.missing_facts),
        }


def assess(regime: RuleBook, facts: Facts) -> Assessment:
    """Read `facts` against `regime`'s rules, highest precedence first."""
    reasons: list[Reason] = []
    missing: list[str] = []
    unsure: list[str] = []  # outcomes of rules we could not decide
    chosen: Rule | Otherwise | None = None
    for rule in regime.rules:
        verdict = rule.when.check(facts)
        title = f"{rule.title} ({rule.source})" if rule.source else rule.title
        if verdict.value is True:
            reasons.append(Reason(rule.id, f"{title} — met: {verdict.text}"))
            chosen = rule
            break
        if verdict.value is False:
            reasons.append(Reason(rule.id, f"{title} — not met: {verdict.text}"))
        else:
            reasons.append(Reason(rule.id, f"{title} — cannot tell: {verdict.text}"))
            missing.extend(verdict.missing)
            unsure.append(rule.outcome)
    if chosen is None:
        chosen = regime.otherwise
        reasons.append(Reason(chosen.id, chosen.text))
    review_kind = chosen.review_kind
    if isinstance(chosen, Rule) and chosen.kind_choice is not None:
        review_kind, reason, lacking = _choose_kind(chosen.kind_choice, facts)
        reasons.append(reason)
        missing.extend(lacking)
    outcome = UNDECIDED if unsure else chosen.outcome
    possible = tuple(dict.fromkeys([*unsure, chosen.outcome]))
    if unsure:
        reasons.append(Reason("undecided", f"the answer is {chosen.outcome.replace('_', ' ')} "
                              f"unless the missing facts show it is {' or '.join(unsure)}; "
                              f"find out: {', '.join(dict.fromkeys(missing))}"))
        review_kind = None
    expected = () if unsure else chosen.agreeing
    for advice in regime.advice:
        if set(possible) & advice.outcomes:
            reason, met = _advise(advice, facts)
            reasons.append(reason)
            if met and advice.suggests:
                expected = tuple(d for d in expected if d == advice.suggests)
    return Assessment(
        regime=regime.name,
        outcome=outcome,
        review_kind=review_kind,
        reasons=reasons,
        notifications=[notice.describe(certain=certain)
                       for notice, certain in regime.notifications_for(possible)],
        missing_facts=tuple(dict.fromkeys(missing)),
        possible_outcomes=possible,
        expected_decisions=expected,
    )


def _choose_kind(choice: KindChoice, facts: Facts) -> tuple[str | None, Reason, tuple[str, ...]]:
    verdict = choice.when.check(facts)
    if verdict.value is None:
        return None, Reason(choice.id, f"{choice.title} — cannot tell: {verdict.text}"), \
            verdict.missing
    kind = choice.if_true if verdict.value else choice.if_false
    label = choice.labels.get(kind, kind.replace("_", " "))
    return kind, Reason(choice.id, f"{choice.title} — {label}: {verdict.text}"), ()


def _advise(advice: Advice, facts: Facts) -> tuple[Reason, bool]:
    verdict = advice.when.check(facts)
    if verdict.value is True:
        return Reason(advice.id, f"{advice.met}: {verdict.text}"), True
    if verdict.value is False:
        return Reason(advice.id, f"{advice.not_met}: {verdict.text}"), False
    return Reason(advice.id, f"not yet known whether {advice.met[0].lower()}{advice.met[1:]}: "
                  f"{verdict.text}"), False


def facts_used(conditions: Iterable[Condition]) -> set[str]:
    """Every fact key the conditions read (for documentation and tests)."""
    keys: set[str] = set()
    for condition in conditions:
        if isinstance(condition, Is):
            keys.add(condition.key)
        elif isinstance(condition, AllOf | AnyOf):
            keys |= facts_used(condition.parts)
        elif isinstance(condition, WithinMonthsBefore):
            keys |= {condition.flag, condition.last_date, condition.reference,
                     condition.reference_for_impairment}
    return keys
