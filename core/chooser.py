"""Choosing a methodology: ask every methodology how well it fits the case, and rank the answers.

The software ranks and explains; the partnership decides (seed 2.4: any method that meets the
five principles may be used).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from core.errors import InputProblem
from core.methodology import CaseProfile, FitAssessment
from core.plugins import PluginHost

PROFILE_FIELDS = {f.name: f for f in attrs.fields(CaseProfile)}


def profile_from_mapping(data: Mapping[str, Any], *, source: str = "the profile") -> CaseProfile:
    """A CaseProfile from plain data, refusing unknown keys and values of the wrong type."""
    problems = []
    values: dict[str, Any] = {}
    for key, value in data.items():
        field = PROFILE_FIELDS.get(key)
        if field is None:
            problems.append(InputProblem(
                f"unknown key {key!r}", file=source,
                expected="one of " + ", ".join(sorted(PROFILE_FIELDS)),
            ))
            continue
        expected = _expected_type(field.type)
        if value is not None and not _matches(value, expected):
            problems.append(InputProblem(
                f"{key} is {value!r}", file=source, field=key, expected=expected,
            ))
            continue
        values[key] = value
    if problems:
        from core.errors import InputProblems

        raise InputProblems(problems)
    return CaseProfile(**values)


def _expected_type(annotation: Any) -> str:
    text = str(annotation)
    for name in ("bool", "int", "float", "str"):
        if name in text:
            return {"bool": "yes or no (true/false)", "int": "a whole number",
                    "float": "a number", "str": "text"}[name]
    return "a value"


def _matches(value: Any, expected: str) -> bool:
    if expected.startswith("yes or no"):
        return isinstance(value, bool)
    if expected == "a whole number":
        return isinstance(value, int) and not isinstance(value, bool)
    if expected == "a number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, str)


def rank(host: PluginHost, profile: CaseProfile) -> tuple[list[FitAssessment], list[str]]:
    """Every methodology's assessment, best fit first, and the methodologies with no view."""
    assessed: list[FitAssessment] = []
    silent: list[str] = []
    for name in sorted(host.methodologies):
        answer = host.call_methodology(name, "assess_fit", profile=profile)
        if answer is None:
            silent.append(name)
        else:
            assessed.append(answer)
    assessed.sort(key=lambda a: (-a.score, a.methodology))
    return assessed, silent
