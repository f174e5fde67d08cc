"""Choosing a methodology: the law first, then every methodology's own view of the case.

The regime's rules are hard edges applied before any score: a method the regime rules out is
listed with the rule that excludes it, never dropped, and a method without a systems approach
ranks as a contribution where the regime needs a systems method. The remaining methods are
ranked by the fit each one reports. The software ranks and explains; the partnership decides.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

import attrs
from attrs import frozen

from core.kernel.converters import strings
from core.kernel.dates import long_date
from core.plugin_api.methodology import CaseProfile, FitAssessment, Reason
from core.plugin_api.plugins import PluginHost
from core.statutory.profile import PROFILE_KEYS, profile_from_mapping
from core.statutory.regimes import MethodRule, Regime

__all__ = ["Comparison", "Option", "compare", "explain", "profile_from_mapping"]

RANKED, CONTRIBUTION, EXCLUDED, NO_VIEW = "ranked", "contribution", "excluded", "no view"
STANDINGS = (RANKED, CONTRIBUTION, EXCLUDED, NO_VIEW)


def _rules(values: Any) -> tuple[MethodRule, ...]:
    return tuple(values)


def _options(values: Any) -> tuple[Option, ...]:
    return tuple(values)


@frozen
class Option:
    """One methodology's place in the comparison, with the rules that put it there."""

    methodology: str
    title: str
    standing: str  # one of STANDINGS
    assessment: FitAssessment | None = None  # None when the method gave no view
    rules: tuple[MethodRule, ...] = attrs.field(default=(), converter=_rules)

    @property
    def score(self) -> int | None:
        return self.assessment.score if self.assessment else None


@frozen
class Comparison:
    """Every installed methodology, the ones the law allows ranked best first."""

    profile: CaseProfile
    regime: str | None
    options: tuple[Option, ...] = attrs.field(converter=_options)
    notes: tuple[str, ...] = attrs.field(default=(), converter=strings)

    @property
    def top(self) -> Option | None:
        return next((o for o in self.options if o.standing == RANKED), None)

    def option(self, methodology: str) -> Option | None:
        return next((o for o in self.options if o.methodology == methodology), None)


class _Watched(CaseProfile):
    """A case profile that notes which keys a methodology reads, so its answer can cite them."""

    __slots__ = ("_reads",)

    def __getattribute__(self, name: str) -> Any:
        if name in PROFILE_KEYS:
            # a copy the plugin made (attrs.evolve) has no notes to add to
            with suppress(AttributeError):
                object.__getattribute__(self, "_reads").add(name)
        return object.__getattribute__(self, name)


def _watched(profile: CaseProfile) -> tuple[CaseProfile, set[str]]:
    reads: set[str] = set()
    copy = _Watched(**{name: getattr(profile, name) for name in PROFILE_KEYS})
    object.__setattr__(copy, "_reads", reads)
    return copy, reads


def _assess(host: PluginHost, name: str, profile: CaseProfile) -> FitAssessment | None:
    watched, reads = _watched(profile)
    answer = host.call_methodology(name, "assess_fit", profile=watched)
    if answer is None:
        return None
    # Cite only the keys the method read that the profile actually holds.
    ordered = [key for key in PROFILE_KEYS
               if key in reads and getattr(profile, key) not in (None, ())]
    return attrs.evolve(
        answer, reads=ordered,
        reasons_for=[_held(r, profile) for r in answer.reasons_for],
        reasons_against=[_held(r, profile) for r in answer.reasons_against],
        cautions=[_held(r, profile) for r in answer.cautions])


def _held(reason: Reason, profile: CaseProfile) -> Reason:
    """The reason citing only those of its keys that the profile holds a value for."""
    return Reason(reason, [k for k in reason.keys if getattr(profile, k, None) not in (None, ())])


def governing_regime(host: PluginHost, profile: CaseProfile) -> tuple[Regime | None, list[str]]:
    """The regime the review is held under, and notes on how it was found. A regime superseded
    for incidents from a given day (Wales, 1 October 2024) gives way to its successor."""
    notes: list[str] = []
    regime = host.regimes.get(profile.regime) if profile.regime else None
    if profile.regime and regime is None:
        notes.append(f"the regime {profile.regime!r} is not installed, so no legal rule about "
                     "the methodology could be applied")
    if regime is None and profile.nation:
        # No regime given: the nation's current regime, i.e. one not superseded.
        national = [r for r in host.regimes.values() if r.nation == profile.nation]
        candidates = [r for r in national if not r.replaced_by] or national
        if len(candidates) == 1:
            regime = candidates[0]
            notes.append(f"no regime was given; the current one in {profile.nation.title()} "
                         f"is {regime.title} ({regime.name})")
    while regime is not None and regime.replaced_by and regime.replaced_on and \
            profile.event_date is not None and profile.event_date >= regime.replaced_on:
        successor = host.regimes.get(regime.replaced_by)
        if successor is None:
            notes.append(f"{regime.title} applies only to reviews of incidents before "
                         f"{_day(regime)}; its successor {regime.replaced_by!r} is not "
                         "installed")
            break
        notes.append(f"{regime.title} ({regime.name}) applies only to incidents before "
                     f"{_day(regime)}; this case falls under {successor.title} "
                     f"({successor.name})")
        regime = successor
    return regime, notes


def _day(regime: Regime) -> str:
    assert regime.replaced_on is not None
    return long_date(regime.replaced_on)


def _applies(rule: MethodRule, profile: CaseProfile) -> bool:
    return not rule.statutory_only or profile.statutory_threshold_met is not False


def _standing(host: PluginHost, name: str, rules: list[MethodRule]) -> tuple[str, list[MethodRule]]:
    excluding = [r for r in rules if r.requires and name not in r.requires]
    if excluding:
        return EXCLUDED, excluding
    systems = [r for r in rules if r.systems_only]
    if systems and not host.methodologies[name].systems_approach:
        return CONTRIBUTION, systems
    return RANKED, []


def compare(host: PluginHost, profile: CaseProfile) -> Comparison:
    """Every installed methodology placed by the regime's rules, then ranked by fit."""
    regime, notes = governing_regime(host, profile)
    rules = [r for r in (regime.methodology_rules if regime else ()) if _applies(r, profile)]
    if regime and any(r.statutory_only for r in regime.methodology_rules) and \
            profile.statutory_threshold_met is None:
        notes.append("whether the statutory criteria are met is not known; the rules for a "
                     "statutory review were applied")
    options = []
    for name in sorted(host.methodologies):
        standing, why = _standing(host, name, rules)
        answer = _assess(host, name, profile)
        if answer is None and standing == RANKED:
            standing = NO_VIEW
        options.append(Option(name, host.methodologies[name].title, standing, answer, why))
    order = {standing: position for position, standing in enumerate(STANDINGS)}
    options.sort(key=lambda o: (order[o.standing], -(o.score or 0), o.methodology))
    return Comparison(profile, regime.name if regime else None, options, notes)


def rank(host: PluginHost, profile: CaseProfile) -> tuple[list[FitAssessment], list[str]]:
    """Every assessment the law allows, best fit first, and the methods with no view."""
    comparison = compare(host, profile)
    ranked = [o.assessment for o in comparison.options
              if o.standing == RANKED and o.assessment is not None]
    return ranked, [o.methodology for o in comparison.options if o.standing == NO_VIEW]


@frozen
class Change:
    """A value of one profile key that would change the top choice, and to what."""

    key: str
    value: Any
    top: str | None  # the methodology then on top, or None if none would be


def _alternatives(key: str, current: Any) -> list[Any]:
    spec = PROFILE_KEYS[key]
    if spec.kind == "yes/no":
        values: list[Any] = [True, False]
    elif spec.kind == "choice":
        values = list(spec.choices)
    elif spec.kind == "whole number":
        values = [1, 3, 7]
    elif spec.kind == "number":
        values = [0.5, 3.0, 6.0, 12.0] if key == "months_available" else [1.0, 3.0]
    else:  # text, lists and dates change the answer only through the regime or the method
        return []
    return [v for v in values if v != current]


def explain(host: PluginHost, profile: CaseProfile) -> tuple[Comparison, list[Change]]:
    """The comparison, and each single change to a profile key that would change the top
    choice: the keys the choice is sensitive to."""
    base = compare(host, profile)
    top = base.top.methodology if base.top else None
    changes = []
    for key in PROFILE_KEYS:
        for value in _alternatives(key, getattr(profile, key)):
            other = compare(host, attrs.evolve(profile, **{key: value})).top
            now = other.methodology if other else None
            if now != top:
                changes.append(Change(key, value, now))
    return base, changes
