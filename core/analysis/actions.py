"""Recommendations and improvement actions: what the partners agree to change (seed 2.9).

Every action must address a recommendation or a finding that exists in the review, and every
recommendation must address findings that exist: the chain from evidence to action is what a
partnership board, and later an inspector, will follow. These functions build the events; the
caller writes them with `Reviews.write`, so a refused change writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from attrs import evolve

from core.kernel import state as st
from core.kernel.corrections import refuse_reuse, used_ids
from core.kernel.date_forms import DateNotUnderstood, parse_date
from core.kernel.dates import Precision, day_from_text
from core.kernel.errors import InputProblem, InvalidValue, NotFound, lookup
from core.kernel.files import read_yaml
from core.kernel.ids import next_id
from core.kernel.model import ActionStatus, ImprovementAction, Recommendation
from core.kernel.state import ReviewState

# Fields `update_action` may change; the id and what the action addresses stay fixed so the
# audit trail of an action reads as one story.
UPDATABLE = ("description", "owner", "agency", "due", "measure_of_success", "status",
             "impact_evidence")


def _known(state: ReviewState) -> str:
    names = [*sorted(state.recommendations), *sorted(state.findings)]
    return ", ".join(names) if names else "none yet (record findings first)"


def check_addresses(state: ReviewState, addresses: Iterable[str]) -> tuple[str, ...]:
    """The ids an action addresses, each checked to be a recommendation or finding."""
    ids = tuple(dict.fromkeys(a.strip() for a in addresses if a and a.strip()))
    if not ids:
        raise InvalidValue(
            "an improvement action must say which recommendation or finding it addresses "
            f"(give --addresses ID; known: {_known(state)})"
        )
    unknown = [i for i in ids if i not in state.recommendations and i not in state.findings]
    if unknown:
        raise NotFound(
            f"no recommendation or finding with the id {', '.join(unknown)}; known: {_known(state)}"
        )
    return ids


def add_action(
    state: ReviewState,
    *,
    description: str,
    owner: str,
    due: dt.date,
    measure_of_success: str,
    addresses: Iterable[str],
    agency: str = "",
    status: str | ActionStatus = ActionStatus.PLANNED,
    impact_evidence: str = "",
    action_id: str | None = None,
) -> tuple[ImprovementAction, tuple[str, dict[str, Any]]]:
    """A new improvement action and the event that records it."""
    ids = check_addresses(state, addresses)
    action_id = (action_id or "").strip() or next_id(used_ids(state, "actions"), "A")
    refuse_reuse(state, "actions", action_id)
    if action_id in state.actions:
        raise InvalidValue(f"there is already an improvement action {action_id}")
    # The body that will do it may be outside the chronology (the partnership, a training
    # provider); one of the review's agencies is written as the review spells it.
    agency = next((known for known in state.agencies
                   if known.casefold() == agency.strip().casefold()), agency.strip())
    status = _status(status)
    if status is ActionStatus.COMPLETED and not impact_evidence.strip():
        raise InvalidValue(_impact_needed(action_id))
    action = ImprovementAction(
        id=action_id,
        description=description,
        owner=owner,
        due=due,
        measure_of_success=measure_of_success,
        addresses=ids,
        agency=agency,
        status=status,
        impact_evidence=impact_evidence,
    )
    return action, st.put("actions", action)


def update_action(
    state: ReviewState, action_id: str, **changes: Any
) -> tuple[ImprovementAction, tuple[str, dict[str, Any]]]:
    """The action with `changes` applied (None values ignored), and the event recording it."""
    current = lookup(state.actions, action_id, f"no improvement action {action_id!r}")
    unknown = set(changes) - set(UPDATABLE)
    if unknown:
        raise InvalidValue(f"cannot change {', '.join(sorted(unknown))} of an action")
    given = {k: v for k, v in changes.items() if v is not None}
    if not given:
        raise InvalidValue("nothing to change: give at least one of " + ", ".join(UPDATABLE))
    if "status" in given:
        given["status"] = _status(given["status"])
    if given.get("status") is ActionStatus.COMPLETED and not (
        given.get("impact_evidence") or current.impact_evidence
    ):
        raise InvalidValue(_impact_needed(action_id))
    updated = evolve(current, **given)
    return updated, st.put("actions", updated)


def add_recommendation(
    state: ReviewState,
    *,
    text: str,
    finding_ids: Iterable[str],
    strength: str = "",
    recommendation_id: str | None = None,
) -> tuple[Recommendation, tuple[str, dict[str, Any]]]:
    """A new recommendation (it must address findings that exist) and its event."""
    ids = tuple(dict.fromkeys(f.strip() for f in finding_ids if f and f.strip()))
    known = ", ".join(sorted(state.findings)) or "none yet"
    if not ids:
        raise InvalidValue(
            f"a recommendation must say which findings it addresses (known findings: {known})"
        )
    unknown = [f for f in ids if f not in state.findings]
    if unknown:
        raise NotFound(f"no finding with the id {', '.join(unknown)}; known findings: {known}")
    rec_id = (recommendation_id or "").strip() or next_id(used_ids(state, "recommendations"), "R")
    refuse_reuse(state, "recommendations", rec_id)
    if rec_id in state.recommendations:
        raise InvalidValue(f"there is already a recommendation {rec_id}")
    recommendation = Recommendation(
        id=rec_id, text=text, strength=strength,
        finding_ids=ids,
    )
    return recommendation, st.put("recommendations", recommendation)


def _impact_needed(action_id: str) -> str:
    # Seed 2.10: the partnership publishes the impact of what was done, so ask for it now.
    return (f"say what difference action {action_id} made before marking it completed "
            "(give --impact with the evidence of its impact)")


def _status(value: str | ActionStatus) -> ActionStatus:
    try:
        return ActionStatus(str(value).strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        allowed = ", ".join(s.value for s in ActionStatus)
        raise InvalidValue(f"{value!r} is not an action status; use one of: {allowed}") from None


# -- loading a plan from a file (the demo and coordinators with a drafted plan) ----------------


def plan_events(state: ReviewState, path: str | Path) -> list[tuple[str, dict[str, Any]]]:
    """Events for the recommendations and actions in a YAML file, all checked before any is
    written (a later item may address an earlier one in the same file)."""
    path = Path(path)
    data = read_yaml(path, "the action plan", shape=dict,
                     expected="'recommendations' and 'actions', each a list of items")
    preview = ReviewState(
        id=state.id, header=state.header, stage=state.stage,
        collections={k: dict(v) for k, v in state.collections.items()},
        records=state.records,
    )
    events: list[tuple[str, dict[str, Any]]] = []
    for _row, item, where in _items(data, "recommendations", path):
        try:
            rec, event = add_recommendation(
                preview, text=_text(item, "text", where),
                finding_ids=_ids(item, "findings", where),
                strength=_text(item, "strength", where, required=False),
                recommendation_id=_text(item, "id", where, required=False) or None,
            )
        except (InvalidValue, NotFound) as error:
            raise InputProblem(str(error), **where) from error
        preview.recommendations[rec.id] = rec
        events.append(event)
    for _row, item, where in _items(data, "actions", path):
        try:
            action, event = add_action(
                preview,
                description=_text(item, "description", where),
                owner=_text(item, "owner", where),
                due=_day(item.get("due"), {**where, "field": f"{where['field']}.due"}),
                measure_of_success=_text(item, "measure_of_success", where),
                addresses=_ids(item, "addresses", where),
                agency=_text(item, "agency", where, required=False),
                status=_text(item, "status", where, required=False) or "planned",
                impact_evidence=_text(item, "impact_evidence", where, required=False),
                action_id=_text(item, "id", where, required=False) or None,
            )
        except (InvalidValue, NotFound) as error:
            raise InputProblem(str(error), **where) from error
        preview.actions[action.id] = action
        events.append(event)
    return events


def _items(data: Mapping[str, Any], section: str,
           path: Path) -> list[tuple[int, Mapping[str, Any], dict[str, Any]]]:
    """(row, item, where) for each item of a section, each checked to be a mapping."""
    items = data.get(section) or []
    if not isinstance(items, list):
        raise InputProblem(f"'{section}' must be a list of items, each starting with '- '",
                           file=str(path), field=section)
    found = []
    for row, item in enumerate(items, start=1):
        where: dict[str, Any] = {"file": str(path), "row": row, "field": section}
        if not isinstance(item, Mapping):
            raise InputProblem(f"each of the {section} must be a mapping of field: value, "
                               f"not {item!r}", **where)
        found.append((row, item, where))
    return found


def _text(item: Mapping[str, Any], name: str, where: dict[str, Any], *,
          required: bool = True) -> str:
    """A text field of a plan item; YAML reads `id: 1` or `owner: yes` as a number or a
    true/false, which is refused here, naming the field, rather than guessed at."""
    value = item.get(name)
    at = {**where, "field": f"{where['field']}.{name}"}
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InputProblem(f"{name} is missing", **at)
        return ""
    if not isinstance(value, str):
        raise InputProblem(f"{name} must be text, not {value!r}",
                           expected='text; put it in quotes, e.g. "A1"', **at)
    return value


def _ids(item: Mapping[str, Any], name: str, where: dict[str, Any]) -> list[str]:
    """The ids a plan item lists (one id, or a list of them), each text."""
    value = item.get(name)
    at = {**where, "field": f"{where['field']}.{name}"}
    values = [] if value is None else [value] if not isinstance(value, list) else value
    for one in values:
        if not isinstance(one, str):
            raise InputProblem(f"{name} must list ids as text, not {one!r}",
                               expected='ids such as F1 or R1, e.g. [F1, R2]', **at)
    return values


def _day(value: Any, where: dict[str, Any]) -> dt.date:
    if value is None:
        raise InputProblem("due is missing", **where)
    try:
        return due_day(value)
    except InvalidValue as error:
        raise InputProblem(str(error), **where) from None


def due_day(value: str | dt.date) -> dt.date:
    """A due date as plans give it: a day, or a month ("March 2014", "03/2014"), which is due
    by its last day."""
    try:
        return day_from_text(value, "due date")
    except InvalidValue:
        try:
            found = parse_date(str(value))
        except DateNotUnderstood:
            found = None
        if found is not None and found.precision in (Precision.DAY, Precision.MONTH):
            return found.end
        raise InvalidValue(f"{value!r} is not a due date; give a day (31/03/2014 or "
                           "2014-03-31) or a month (March 2014), which is due by its last "
                           "day") from None
