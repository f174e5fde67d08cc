"""Learning events, for any methodology: plan one from the method, record it, record what was
said (by role, never by name), and take a contribution into the evidence through the method.

Functions build events and check them against a loaded state; the caller writes them, so a
refusal changes nothing. Facilitation scripts (`facilitation_script`) are read here too.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from attrs import evolve, field, frozen

from core.analysis.findings import individual_references, review_vocabulary
from core.kernel.converters import strings
from core.kernel.corrections import used_ids
from core.kernel.errors import (
    InputProblem,
    InputProblems,
    InvalidValue,
    NotFound,
    PluginError,
    lookup,
)
from core.kernel.files import read_yaml
from core.kernel.ids import next_id
from core.kernel.model import CONTRIBUTION_KINDS, Contribution, Evidence, LearningEvent
from core.kernel.state import ReviewState, put
from core.plugin_api.methodology import LearningEventPlan, Phase

Events = list[tuple[str, dict[str, Any]]]


def _methodology(host: Any, state: ReviewState) -> str:
    if not state.methodology:
        raise InvalidValue(
            f"review {state.id} has no methodology yet; learning events follow the method "
            "(choose one with `casereview commission REVIEW --methodology M`)"
        )
    return state.methodology


def kinds(host: Any, state: ReviewState) -> dict[str, str]:
    """The kinds of learning event the review's methodology holds (kind -> what it is)."""
    return dict(host.methodology(_methodology(host, state)).learning_events)


def plan(host: Any, state: ReviewState, kind: str) -> LearningEventPlan:
    """The methodology's plan for a learning event of `kind`: phases, prompts, time-boxes."""
    methodology = _methodology(host, state)
    result = host.call_methodology(methodology, "plan_learning_event", review=state, kind=kind)
    if result is None:
        known = ", ".join(sorted(kinds(host, state))) or "none declared"
        raise NotFound(f"{methodology} holds no learning event of kind {kind!r}; kinds: {known}")
    return result


def phase_slug(phase: Phase) -> str:
    return re.sub(r"[^a-z0-9]+", "-", phase.title.lower()).strip("-")


def find_phase(event_plan: LearningEventPlan, wanted: str) -> Phase:
    """A phase by its number (1, 2, ...), its short name ("appraise-and-explain") or its title."""
    text = wanted.strip()
    if text.isdigit() and 1 <= int(text) <= len(event_plan.phases):
        return event_plan.phases[int(text) - 1]
    for phase in event_plan.phases:
        if text.lower() in (phase.title.lower(), phase_slug(phase)):
            return phase
    listed = "; ".join(f"{i} {phase_slug(p)}" for i, p in enumerate(event_plan.phases, 1))
    raise InvalidValue(f"the {event_plan.title} has no phase {wanted!r}; its phases: {listed}")


def refuse_names(state: ReviewState, what: str, values: list[str]) -> None:
    names = [p.name for p in state.participants.values() if p.name]
    for value in values:
        found = individual_references(value, allowed=review_vocabulary(state), names=names)
        if found:
            raise InvalidValue(
                f"{what} {value!r} looks like a person ({', '.join(found)}); learning events "
                "record contributions by role and agency, never by name"
            )


# -- events ---------------------------------------------------------------------------------


def record_event(
    host: Any, state: ReviewState, *, kind: str, title: str = "", held_on: dt.date | None = None,
    facilitator: str = "", attendee_roles: tuple[str, ...] = (), event_id: str | None = None,
) -> tuple[LearningEvent, Events]:
    """A learning event of a kind the methodology holds (add, or replace one with `event_id`)."""
    event_plan = plan(host, state, kind)
    refuse_names(state, "the attendee role", list(attendee_roles))
    event = LearningEvent(
        event_id or next_id(used_ids(state, "learning_events"), "LE-"), kind,
        title or event_plan.title,
        held_on=held_on, facilitator=facilitator, attendee_roles=attendee_roles,
    )
    return event, [put("learning_events", event)]


def get_event(state: ReviewState, event_id: str) -> LearningEvent:
    return lookup(state.learning_events, event_id,
                  f"no learning event {event_id!r} in review {state.id}")


@frozen
class Said:
    """One contribution as it arrives: who (a role), from which agency, in which phase, what."""

    role: str
    text: str
    phase: str = ""
    agency: str = ""
    accept: bool = False  # take it into the evidence at once (facilitation scripts)
    kind: str = ""  # a key of core.kernel.model.CONTRIBUTION_KINDS
    refs: tuple[str, ...] = field(default=(), converter=strings)
    participant: str = ""  # a live session's anonymous participant id


def contribute(
    host: Any, state: ReviewState, event_id: str, said: Said, *, contribution_id: str | None = None,
    event_plan: LearningEventPlan | None = None,
) -> tuple[Contribution, Events, list[str]]:
    """Record a contribution; returns it, its events and warnings about names in its text.
    `event_plan` saves asking the methodology again when the caller holds it (a live session)."""
    event = get_event(state, event_id)
    refuse_names(state, "the role", [said.role])
    if said.phase:
        phase = find_phase(event_plan or plan(host, state, event.kind), said.phase).title
    else:
        phase = ""
    if said.agency and state.agencies and said.agency not in state.agencies:
        known = ", ".join(sorted(state.agencies))
        raise InvalidValue(f"{said.agency!r} is not an agency of this review; agencies: {known}")
    if said.kind and said.kind not in CONTRIBUTION_KINDS:
        raise InvalidValue(f"unknown kind of contribution {said.kind!r}; kinds: "
                           + ", ".join(CONTRIBUTION_KINDS))
    prefix = f"{event_id}-C"
    contribution = Contribution(
        contribution_id or next_id(used_ids(state, "contributions"), prefix), event_id,
        said.role.strip(), said.text.strip(), phase=phase, agency=said.agency, kind=said.kind,
        refs=tuple(dict.fromkeys(said.refs)), participant=said.participant,
    )
    names = [p.name for p in state.participants.values() if p.name]
    found = individual_references(contribution.text, allowed=review_vocabulary(state), names=names)
    warnings = [f"{contribution.id} mentions {', '.join(found)}: refer to people by role before "
                "this is quoted in the report"] if found else []
    return contribution, [put("contributions", contribution)], warnings


def take(host: Any, state: ReviewState, contribution_id: str) -> tuple[Evidence | None, Events]:
    """Ask the methodology to turn a contribution into evidence. None: it stays a note."""
    contribution = lookup(state.contributions, contribution_id,
                          f"no contribution {contribution_id!r} in review {state.id}")
    if contribution.evidence_id:
        raise InvalidValue(f"{contribution_id} is already evidence {contribution.evidence_id}")
    evidence = host.call_methodology(
        _methodology(host, state), "take_contribution", review=state, contribution=contribution
    )
    if evidence is None:
        return None, []
    plugin = host.methodology(_methodology(host, state)).plugin
    if not isinstance(evidence, Evidence):
        raise PluginError(plugin, "take_contribution", TypeError(
            f"it returned {type(evidence).__name__}, not core.kernel.model.Evidence"))
    if evidence.id in state.evidence:
        raise InvalidValue(f"the methodology gave evidence id {evidence.id!r}, already in use")
    return evidence, [
        put("evidence", evidence),
        put("contributions", evolve(contribution, evidence_id=evidence.id)),
    ]


# -- facilitation scripts ---------------------------------------------------------------------


def _said(items: Any) -> tuple[Said, ...]:
    return tuple(items)  # a typed converter: mypy cannot type attrs' generic `converter=tuple`


@frozen
class ScriptedPhase:
    phase: str
    contributions: tuple[Said, ...] = field(converter=_said)


def facilitation_script(path: str | Path) -> list[ScriptedPhase]:
    """Read a facilitation script: what was said in each phase, for a scripted `facilitate`.

    The file is YAML: `phases:` a list of `{phase: NUMBER-OR-NAME, contributions: [{role, text,
    agency, accept}]}`. Every problem is reported with the file and field; nothing is kept."""
    where = str(path)
    data = read_yaml(path, "the facilitation script", shape=dict,
                     expected="phases: a list of {phase, contributions}")
    if not isinstance(data.get("phases"), list):
        raise InputProblem("a facilitation script is a mapping with a list under 'phases'",
                           file=where, field="phases")
    problems: list[InputProblem] = []
    phases: list[ScriptedPhase] = []
    for i, item in enumerate(data["phases"], 1):
        at = f"phases[{i}]"
        if not isinstance(item, dict) or "phase" not in item:
            problems.append(InputProblem("each phase needs 'phase' (a number or name)",
                                         file=where, field=at))
            continue
        said: list[Said] = []
        for j, c in enumerate(item.get("contributions") or [], 1):
            cat = f"{at}.contributions[{j}]"
            if not isinstance(c, dict):
                problems.append(InputProblem("expected a mapping", file=where, field=cat))
                continue
            extra = sorted(set(c) - {"role", "text", "agency", "accept"})
            if extra:
                fields = "field" if len(extra) == 1 else "fields"
                problems.append(InputProblem(f"unknown {fields} {', '.join(extra)} (a name is "
                                             "never recorded)", file=where, field=cat))
            for key in ("role", "text"):
                if not str(c.get(key) or "").strip():
                    problems.append(InputProblem(f"'{key}' is required", file=where,
                                                 field=f"{cat}.{key}"))
            said.append(Said(str(c.get("role") or ""), str(c.get("text") or ""),
                             str(item["phase"]), str(c.get("agency") or ""),
                             bool(c.get("accept", False))))
        phases.append(ScriptedPhase(str(item["phase"]), said))
    if problems:
        raise InputProblems(problems)
    return phases
