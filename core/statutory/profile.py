"""The case profile the chooser reads: its documented keys, read from a file or from a review.

Every key is optional: what the partnership does not know stays unknown, and each methodology
says what it made of what it was told. A file with an unknown key or a value of the wrong kind
is refused, naming the key and what was expected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
from attrs import frozen

from core.kernel.converters import strings
from core.kernel.dates import day_from_text
from core.kernel.errors import InputProblem, InputProblems
from core.kernel.model import AgencyKind
from core.plugin_api.methodology import CaseProfile
from core.statutory.facts import HARM_OUTCOMES
from core.statutory.regimes import DECISION_RECORD, FACTS_RECORD, current

if TYPE_CHECKING:
    from core.kernel.state import ReviewState
    from core.plugin_api.plugins import PluginHost

LEVELS = ("low", "medium", "high")
# The offer to the family to take part, recorded at commissioning (core.statutory.commissioning)
# and read here: key "current" -> {offered_on, response}.
FAMILY_OFFER_RECORD = "commissioning/family-offer"
PROCEEDINGS = ("criminal", "coroner", "domestic_homicide_review", "family_court")


@frozen
class ProfileKey:
    """One key of the case profile: its kind, what it means and, for a choice, its values."""

    key: str
    kind: str  # "yes/no" | "whole number" | "number" | "text" | "choice" | "list" | "date"
    meaning: str
    choices: tuple[str, ...] = attrs.field(default=(), converter=strings)

    def expected(self) -> str:
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices)
        if self.kind == "list":
            return "a list" + (" of " + ", ".join(self.choices) if self.choices else " of text")
        if self.kind == "date":
            return "a date, e.g. 2025-03-07"
        return {"yes/no": "yes or no (true or false)", "whole number": "a whole number",
                "number": "a number", "text": "text"}[self.kind]


PROFILE_KEYS: dict[str, ProfileKey] = {k.key: k for k in (
    ProfileKey("regime", "text", "the statutory regime, e.g. england-cspr-2018"),
    ProfileKey("nation", "choice", "the nation whose law applies", ("england", "wales")),
    ProfileKey("statutory_threshold_met", "yes/no",
               "whether the criteria for a statutory review are met"),
    ProfileKey("outcome", "choice", "what happened to the child", HARM_OUTCOMES),
    ProfileKey("event_date", "date", "the day of the incident (in Wales it decides the regime)"),
    ProfileKey("agencies_involved", "whole number", "how many agencies were involved"),
    ProfileKey("agency_kinds", "list", "the kinds of agency involved",
               tuple(kind.value for kind in AgencyKind)),
    ProfileKey("years_involved", "number", "for how many years the agencies were involved"),
    ProfileKey("single_agency", "yes/no", "whether the review is about one agency alone"),
    ProfileKey("health_led_incident", "yes/no",
               "whether the incident centres on one health service's care"),
    ProfileKey("practitioners_available", "yes/no",
               "whether practitioners can take part in one-to-one conversations"),
    ProfileKey("family_wants_to_take_part", "yes/no",
               "whether the family is willing to take part"),
    ProfileKey("parallel_proceedings", "yes/no",
               "whether other proceedings run alongside the review"),
    ProfileKey("proceedings", "list", "which proceedings run alongside", PROCEEDINGS),
    ProfileKey("months_available", "number", "how many months are available for the review"),
    ProfileKey("budget", "choice", "the budget for the review", LEVELS),
    ProfileKey("review_question", "text", "the question the review sets out to answer"),
    ProfileKey("focus_on_good_practice", "yes/no",
               "whether learning from good practice is a main aim"),
    ProfileKey("learning_already_known", "yes/no",
               "whether the likely learning is already known locally (proportionality)"),
    ProfileKey("previous_reviews_on_theme", "yes/no",
               "whether earlier reviews covered the same theme (proportionality)"),
    ProfileKey("impact_on_practitioners", "choice",
               "how heavily a review would weigh on the practitioners", LEVELS),
    ProfileKey("impact_on_family", "choice", "how heavily a review would weigh on the family",
               LEVELS),
    ProfileKey("media_interest", "yes/no", "whether the case has drawn media interest"),
)}

assert set(PROFILE_KEYS) == {f.name for f in attrs.fields(CaseProfile)}, \
    "every CaseProfile field is documented in PROFILE_KEYS"


def _read(key: ProfileKey, value: Any) -> Any:
    """The value in the profile's own type, or ValueError if it is not of the key's kind."""
    kind = key.kind
    if kind == "yes/no":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().casefold() in {"yes", "no"}:
            return value.strip().casefold() == "yes"
    elif kind == "whole number":
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
    elif kind == "number":
        if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
            return float(value)
    elif kind == "text":
        if isinstance(value, str) and value.strip():
            return value.strip()
    elif kind == "choice":
        if isinstance(value, str) and value in key.choices:
            return value
    elif kind == "list":
        items = [value] if isinstance(value, str) else value
        if isinstance(items, list | tuple) and all(isinstance(i, str) for i in items) and \
                (not key.choices or set(items) <= set(key.choices)):
            return tuple(items)
    elif kind == "date":
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            return day_from_text(value)
    raise ValueError(value)


def profile_from_mapping(data: Mapping[str, Any], *, source: str = "the profile",
                         base: CaseProfile | None = None) -> CaseProfile:
    """A CaseProfile from plain data (over `base`, if given), refusing unknown keys and values
    of the wrong kind, each problem naming the key and what was expected."""
    problems = []
    values: dict[str, Any] = {}
    for name, value in data.items():
        key = PROFILE_KEYS.get(str(name))
        if key is None:
            problems.append(InputProblem(f"unknown key {name!r}", file=source,
                                         expected="one of " + ", ".join(sorted(PROFILE_KEYS))))
            continue
        if value is None:
            values[key.key] = None
            continue
        try:
            values[key.key] = _read(key, value)
        except Exception:  # a value of the wrong kind, or a date that is not one
            problems.append(InputProblem(f"{name} is {value!r}", file=source, field=key.key,
                                         expected=key.expected()))
    if problems:
        raise InputProblems(problems)
    return attrs.evolve(base or CaseProfile(), **values)


def profile_from_review(review: ReviewState, host: PluginHost) -> CaseProfile:
    """What the review's own records say about the case: its regime and nation, the recorded
    facts and decision, the agencies involved and how long the chronology runs, and the
    family's answer to the offer to take part. Everything else stays unknown."""
    header = review.review
    values: dict[str, Any] = {"regime": header.regime, "event_date": header.incident_date}
    regime = host.regimes.get(header.regime)
    if regime is not None:
        values["nation"] = regime.nation
    facts = (current(review, FACTS_RECORD) or {}).get("facts") or {}
    if facts.get("outcome") in HARM_OUTCOMES:
        values["outcome"] = facts["outcome"]
    engine = (current(review, DECISION_RECORD) or {}).get("engine_outcome")
    if engine in ("must", "should", "not_met"):
        values["statutory_threshold_met"] = engine != "not_met"
    if review.agencies:
        values["agencies_involved"] = len(review.agencies)
        values["agency_kinds"] = tuple(sorted({a.kind.value for a in review.agencies.values()}))
        values["single_agency"] = len(review.agencies) == 1
    years = _years_covered(review)
    if years is not None:
        values["years_involved"] = years
    answer = (review.record_collection(FAMILY_OFFER_RECORD).get("current") or {}).get("response")
    if answer in ("accepted", "declined"):
        values["family_wants_to_take_part"] = answer == "accepted"
    return CaseProfile(**values)


def _years_covered(review: ReviewState) -> float | None:
    """How many years the chronology spans, from its earliest to its latest entry."""
    days = [entry.date.start for entry in review.chronology.values()]
    if len(days) < 2:
        return None
    return round((max(days) - min(days)).days / 365.25, 1)


def known(profile: CaseProfile) -> dict[str, Any]:
    """The keys of `profile` that are known, in the documented order."""
    return {name: getattr(profile, name) for name in PROFILE_KEYS
            if getattr(profile, name) not in (None, ())}
