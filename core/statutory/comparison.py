"""The chooser's comparison written out: for a terminal, as a Markdown table for a board paper,
and as plain data for scripts. Every piece of text a methodology wrote is escaped in Markdown."""

from __future__ import annotations

from typing import Any

from core.kernel.text import md_escape, plural
from core.plugin_api.methodology import Reason
from core.statutory.chooser import (
    CONTRIBUTION,
    EXCLUDED,
    NO_VIEW,
    RANKED,
    Change,
    Comparison,
    Option,
)
from core.statutory.profile import known


def _weeks(option: Option) -> str:
    answer = option.assessment
    if answer is None or answer.timescale_weeks is None:
        return "not said"
    low, high = answer.timescale_weeks
    return f"about {low:g} weeks" if low == high else f"{low:g} to {high:g} weeks"


def _hours(option: Option) -> str:
    answer = option.assessment
    if answer is None or answer.practitioner_hours is None:
        return "not said"
    return f"about {answer.practitioner_hours:g} hours"


def _cited(reason: Reason, option: Option) -> str:
    """The reason with the profile keys it rests on: its own, else those the method read."""
    keys = reason.keys or (option.assessment.reads if option.assessment else ())
    return f"{reason} [{', '.join(keys)}]" if keys else str(reason)


def _standing(option: Option) -> str:
    rules = "; ".join(rule.text for rule in option.rules)
    return {
        RANKED: "allowed",
        CONTRIBUTION: f"as a contribution only, because {rules}",
        EXCLUDED: f"ruled out, because {rules}",
        NO_VIEW: "no view: it does not assess fit",
    }[option.standing]


def to_text(comparison: Comparison, changes: list[Change] | None = None) -> list[str]:
    lines = []
    if comparison.regime:
        lines.append(f"Regime: {comparison.regime}")
    lines.extend(f"Note: {note}" for note in comparison.notes)
    position = 0
    for option in comparison.options:
        answer = option.assessment
        if option.standing == RANKED:
            position += 1
            head = f"{position}. {option.title} ({option.methodology})"
        else:
            head = f"-  {option.title} ({option.methodology})"
        if answer is not None:
            head += f": fit {answer.score}/100"
            if answer.variant:
                head += f", suggested variant {answer.variant}"
        lines.append(head)
        if option.standing != RANKED:
            lines.append(f"     {_standing(option)[0].upper()}{_standing(option)[1:]}")
        if answer is None:
            continue
        lines.append(f"     Time: {_weeks(option)}; practitioners' time: {_hours(option)}")
        lines.extend(f"     + {_cited(r, option)}" for r in answer.reasons_for)
        lines.extend(f"     - {_cited(r, option)}" for r in answer.reasons_against)
        lines.extend(f"     ! {_cited(r, option)}" for r in answer.cautions)
    if not any(o.standing == RANKED for o in comparison.options):
        lines.append("No installed methodology that the law allows gave a view on this case.")
    if changes is not None:
        lines.append("")
        lines.extend(_sensitivity(comparison, changes))
    return lines


def _sensitivity(comparison: Comparison, changes: list[Change]) -> list[str]:
    top = comparison.top
    if not changes:
        return ["No single change to the profile would change the top choice."]
    lines = [f"The top choice ({top.title if top else 'none'}) would change if:"]
    for change in changes:
        now = comparison.option(change.top) if change.top else None
        lines.append(f"  {change.key} were {_value(change.value)}: "
                     f"{now.title if now else 'no method would be allowed'}")
    return lines


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def to_markdown(comparison: Comparison, changes: list[Change] | None = None) -> str:
    """A table a business manager can paste into a board paper, with the notes above it."""
    def cell(text: str) -> str:
        return md_escape(text) or " "

    lines = [f"Regime: {cell(comparison.regime or 'not known')}", ""]
    lines.extend(f"- {cell(note)}" for note in comparison.notes)
    if comparison.notes:
        lines.append("")
    lines += ["| Rank | Methodology | Standing | Fit | Variant | Time | Practitioners' time | "
              "For | Against | Cautions |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    position = 0
    for option in comparison.options:
        answer = option.assessment
        rank = "-"
        if option.standing == RANKED:
            position += 1
            rank = str(position)

        def joined(reasons: tuple[Reason, ...], option: Option = option) -> str:
            return "; ".join(_cited(r, option) for r in reasons)

        cells = [rank, f"{option.title} ({option.methodology})", _standing(option),
                 f"{answer.score}/100" if answer else "-", (answer.variant or "-") if answer
                 else "-", _weeks(option), _hours(option),
                 joined(answer.reasons_for) if answer else "",
                 joined(answer.reasons_against) if answer else "",
                 joined(answer.cautions) if answer else ""]
        lines.append("| " + " | ".join(cell(c) for c in cells) + " |")
    if changes is not None:
        lines.append("")
        lines.extend(cell(line.strip()) if line.startswith("  ") else cell(line)
                     for line in _sensitivity(comparison, changes))
    return "\n".join(lines) + "\n"


def _reasons(reasons: tuple[Reason, ...], option: Option) -> list[dict[str, Any]]:
    reads = option.assessment.reads if option.assessment else ()
    return [{"text": str(r), "keys": list(r.keys or reads)} for r in reasons]


def to_data(comparison: Comparison, changes: list[Change] | None = None) -> dict[str, Any]:
    options = []
    for option in comparison.options:
        answer = option.assessment
        entry: dict[str, Any] = {
            "methodology": option.methodology, "title": option.title,
            "standing": option.standing.replace(" ", "_"),
            "rules": [{"rule": r.rule, "text": r.text} for r in option.rules],
            "score": None, "variant": None, "timescale_weeks": None,
            "practitioner_hours": None, "reads": [], "reasons_for": [], "reasons_against": [],
            "cautions": [],
        }
        if answer is not None:
            entry.update({
                "score": answer.score, "variant": answer.variant,
                "timescale_weeks": list(answer.timescale_weeks)
                if answer.timescale_weeks else None,
                "practitioner_hours": answer.practitioner_hours, "reads": list(answer.reads),
                "reasons_for": _reasons(answer.reasons_for, option),
                "reasons_against": _reasons(answer.reasons_against, option),
                "cautions": _reasons(answer.cautions, option),
            })
        options.append(entry)
    data: dict[str, Any] = {
        "regime": comparison.regime, "notes": list(comparison.notes),
        "profile": {k: (v.isoformat() if hasattr(v, "isoformat") else
                        list(v) if isinstance(v, tuple) else v)
                    for k, v in known(comparison.profile).items()},
        "top": comparison.top.methodology if comparison.top else None,
        "options": options,
    }
    if changes is not None:
        data["sensitivity"] = [{"key": c.key, "value": c.value, "top": c.top} for c in changes]
    return data


def summary(comparison: Comparison) -> str:
    """One line for a record: the top choice and how many methods were weighed."""
    top = comparison.top
    weighed = plural(len(comparison.options), "methodology", "methodologies")
    if top is None:
        return f"no allowed methodology gave a view ({weighed} weighed)"
    return f"{top.title} fitted best, {top.score}/100 ({weighed} weighed)"
