"""The facts of a notified incident, as the criteria engine reads them.

Every fact has a documented key and type. A fact that is not given stays unknown: nothing here
fills a gap with a default. What a given fact logically implies is added and marked as implied
(a death by suicide is a death), and facts that cannot all be true are refused, naming them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from attrs import Factory, field, frozen

from core.kernel.converters import strings
from core.kernel.dates import day_from_text, long_date
from core.kernel.errors import InputProblem, InputProblems
from core.kernel.files import read_yaml


@frozen
class FactSpec:
    """One fact a regime can ask about: its key, its type and what it means."""

    key: str
    kind: str  # "choice" | "bool" | "date"
    help: str
    choices: tuple[str, ...] = field(default=(), converter=strings)

    def expected(self) -> str:
        if self.kind == "choice":
            return " | ".join(self.choices)
        if self.kind == "bool":
            return "true or false"
        return "a date, YYYY-MM-DD"


CUSTODY_SETTINGS: dict[str, str] = {
    "custody": "in custody",
    "police_custody": "in police custody",
    "on_remand": "on remand",
    "following_sentencing": "following sentencing",
    "young_offender_institution": "in a young offender institution",
    "secure_training_centre": "in a secure training centre",
    "secure_childrens_home": "in a secure children's home",
    "detained_under_mental_health_law": "while detained under mental health law",
}

HARM_OUTCOMES = (
    "died",
    "seriously_harmed",
    "potentially_life_threatening_injury",
    "serious_permanent_impairment",
    "none",
)

# The facts every regime may use. A regime adds its own with `Regime.facts`.
FACTS: dict[str, FactSpec] = {
    spec.key: spec
    for spec in (
        FactSpec("abuse_or_neglect", "choice", "whether abuse or neglect of the child is known "
                 "or suspected", ("known", "suspected", "none")),
        FactSpec("outcome", "choice", "what happened to the child", HARM_OUTCOMES),
        FactSpec("died_by_suicide", "bool", "the child died by suicide (this counts as a death)"),
        FactSpec("concern_about_joint_working", "choice", "whether there is cause for concern "
                 "about how the agencies worked together", ("yes", "no", "unclear")),
        FactSpec("died_in_custody_setting", "choice", "where the child died, if in custody or "
                 "detained", ("none", *CUSTODY_SETTINGS)),
        FactSpec("on_child_protection_register_within_6_months", "bool", "the child was on the "
                 "child protection register on any date in the 6 months before the event"),
        FactSpec("looked_after_within_6_months", "bool", "the child was looked after on any "
                 "date in the 6 months before the event"),
        FactSpec("last_on_child_protection_register", "date", "the last day the child was on "
                 "the child protection register (instead of the yes/no fact)"),
        FactSpec("last_looked_after", "date", "the last day the child was looked after "
                 "(instead of the yes/no fact)"),
        FactSpec("event_date", "date", "the day of the death, injury or other event"),
        FactSpec("impairment_identified_date", "date", "the day a serious and permanent "
                 "impairment was identified (Wales dates the 6 months from it)"),
        FactSpec("looked_after_at_death", "bool", "the child was looked after when they died"),
    )
}

_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


@frozen
class Facts:
    """Known facts only (key -> str | bool | date), and which of them were implied by others."""

    values: dict[str, Any] = Factory(dict)
    implied_by: dict[str, str] = Factory(dict)  # key -> the fact that implied it

    def get(self, key: str) -> Any:
        return self.values.get(key)

    def known(self, key: str) -> bool:
        return key in self.values

    def to_data(self) -> dict[str, Any]:
        """The facts as given (implied ones left out), JSON-ready."""
        return {
            key: value.isoformat() if isinstance(value, dt.date) else value
            for key, value in sorted(self.values.items())
            if key not in self.implied_by
        }


def display(value: Any) -> str:
    """A fact's value as a coordinator reads it."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return long_date(value)
    return str(value).replace("_", " ")


def read_facts_file(path: str | Path) -> dict[str, Any]:
    """A facts file (YAML or JSON; JSON is YAML) as a mapping, or an error naming the file."""
    data: dict[str, Any] = read_yaml(path, "the facts file", shape=dict,
                                     expected="a mapping such as 'outcome: died'")
    return data


def parse_facts(
    raw: Mapping[str, Any], specs: Iterable[FactSpec] = (), *, source: str | None = None
) -> Facts:
    """Check and convert `raw` facts against the core's facts plus `specs` (a regime's own).

    An empty value (YAML `null`, or nothing after the colon) means "not known". Raises one
    InputProblem naming the fact, or InputProblems when there are several.
    """
    known = FACTS | {spec.key: spec for spec in specs}
    values: dict[str, Any] = {}
    problems: list[InputProblem] = []
    for key, value in raw.items():
        spec = known.get(str(key))
        if spec is None:
            problems.append(InputProblem(
                f"unknown fact {key!r}; known facts: {', '.join(sorted(known))}", file=source))
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        try:
            values[spec.key] = _convert(spec, value)
        except ValueError:
            problems.append(InputProblem(f"fact {spec.key!r} cannot be {value!r}", file=source,
                                         expected=spec.expected()))
    facts = Facts(values) if not problems else None
    if facts is not None:
        problems.extend(InputProblem(text, file=source) for text in contradictions(facts))
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise InputProblems(problems)
    assert facts is not None
    return imply(facts)


def _convert(spec: FactSpec, value: Any) -> Any:
    if spec.kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE or text in _FALSE:
            return text in _TRUE
        raise ValueError(value)
    if spec.kind == "date":
        return day_from_text(value, spec.key)  # InvalidValue is a ValueError
    # A choice. YAML reads a bare yes/no as true/false: take those back as the words; a plain
    # "false" for a choice that has "none" means none.
    if isinstance(value, bool) and {"yes", "no"} <= set(spec.choices):
        return "yes" if value else "no"
    if value is False and "none" in spec.choices:
        return "none"
    if isinstance(value, bool | int | float | dt.date):
        raise ValueError(value)
    text = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    if text not in spec.choices:
        raise ValueError(value)
    return text


def contradictions(facts: Facts) -> list[str]:
    """Every pair of given facts that cannot both be true, in plain English."""
    found: list[str] = []
    outcome = facts.get("outcome")

    def clash(text: str) -> None:
        found.append(f"contradictory facts: {text}")

    if facts.get("died_by_suicide") is True and outcome not in (None, "died"):
        clash(f"died_by_suicide is true but outcome is {outcome}; a death by suicide is a death")
    setting = facts.get("died_in_custody_setting")
    if setting not in (None, "none") and outcome not in (None, "died"):
        clash(f"died_in_custody_setting is {setting} but outcome is {outcome}")
    if facts.get("looked_after_at_death") is True:
        if outcome not in (None, "died"):
            clash(f"looked_after_at_death is true but outcome is {outcome}")
        if facts.get("looked_after_within_6_months") is False:
            clash("looked_after_at_death is true but looked_after_within_6_months is false")
    event, identified = facts.get("event_date"), facts.get("impairment_identified_date")
    if event and identified and identified < event:
        clash(f"impairment_identified_date ({display(identified)}) is before event_date "
              f"({display(event)}); an impairment is identified after the event")
    return found


def imply(facts: Facts) -> Facts:
    """Add what the given facts imply, marked as implied (never a default for the unknown)."""
    values, implied = dict(facts.values), dict(facts.implied_by)

    def add(key: str, value: Any, because: str) -> None:
        if key not in values:
            values[key] = value
            implied[key] = because

    if values.get("died_by_suicide") is True:
        add("outcome", "died", "died_by_suicide")
    if values.get("died_in_custody_setting") not in (None, "none"):
        add("outcome", "died", "died_in_custody_setting")
    if values.get("looked_after_at_death") is True:
        add("outcome", "died", "looked_after_at_death")
        add("looked_after_within_6_months", True, "looked_after_at_death")
    return Facts(values, implied)


def parse_assignment(text: str) -> tuple[str, str]:
    """`key=value` from the command line."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise InputProblem(f"{text!r} is not a fact; write it as key=value, e.g. outcome=died")
    return key.strip(), value.strip()


def gather_facts(specs: Iterable[FactSpec] = (), *, base: Mapping[str, Any] | None = None,
                 base_source: str | None = None, facts_file: str | None = None,
                 given: Mapping[str, Any] | None = None,
                 assignments: Iterable[str] = ()) -> Facts:
    """The facts from `base` (e.g. a case file or those already recorded), then a facts file,
    then those given on the command line (`given` by key, None for a flag not used, and
    `assignments` as key=value text), checked against the core's facts plus `specs` (a
    regime's own). The source a problem names is the last place that gave facts."""
    raw: dict[str, Any] = dict(base or {})
    source = facts_file or base_source
    if facts_file:
        raw.update(read_facts_file(facts_file))
    typed = {key: value for key, value in (given or {}).items() if value is not None}
    typed.update(parse_assignment(text) for text in assignments)
    if typed:
        raw.update(typed)
        source = f"{facts_file} and the command line" if facts_file else "the command line"
    return parse_facts(raw, specs, source=source)
