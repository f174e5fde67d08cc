"""The one door for what a plugin proposes to change in a review.

A plugin never writes to the journal. It returns changes, made with `core.kernel.state`'s `put`,
`put_record`, `remove_record` and `move_to` (or `core.analysis.findings.record` for a finding), and
the core checks each exactly as it would the equivalent command: lifecycle guards for a stage move,
a final finding's evidence, ids unique, references resolved, the core's own records out of
reach. Then it writes all of them in one batch, or none, and says which plugin was refused.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from attrs import frozen

from core.analysis import findings
from core.kernel import codec
from core.kernel import state as st
from core.kernel.errors import CaseReviewError
from core.kernel.journal import Event
from core.kernel.lifecycle import Stage
from core.kernel.model import FindingStatus

if TYPE_CHECKING:
    from core.plugin_api.reviews import Reviews

# The core's collections a plugin may add to or replace values in. The chronology, the
# agencies and information requests change only through their own commands.
PROPOSABLE = ("evidence", "findings", "learning_events", "contributions", "participants",
              "recommendations", "actions")
CORE_RECORDS = "core/"  # record collections the core keeps for itself (publication check, ...)


class ChangesRefused(CaseReviewError):
    """What a plugin proposed breaks a rule; `problems` lists each. Nothing was written."""

    def __init__(self, plugin: str, what: str, problems: list[str]) -> None:
        self.plugin, self.problems = plugin, problems
        listed = "\n  - ".join(problems)
        super().__init__(f"{what} from plugin {plugin!r} was refused, and nothing was "
                         f"written:\n  - {listed}",
                         hint=f"this is a fault in the plugin {plugin!r} or in the files it "
                              "read; tell whoever maintains it what is listed above")


@frozen
class Admitted:
    """Changes that passed: the events to write, warnings to show, stage moves to announce."""

    events: list[st.Change]
    warnings: list[str]
    moves: list[tuple[str, str]]  # (from, to)


def admit(reviews: Reviews, state: st.ReviewState, changes: Iterable[Any], *, plugin: str,
          what: str = "the material") -> Admitted:
    """Check every change `plugin` proposed against `state`; raise ChangesRefused listing
    every problem, or return what to write.

    Each change's kind and shape are checked in order, and a stage move against the review as
    the changes before it leave it. What a value refers to (a finding's evidence, an action's
    findings ...) is checked against the review with the whole batch in place, so the order a
    plugin lists its changes in does not matter; a later change to the same id replaces the
    earlier one, as it would in the journal."""
    preview = _copy(state)
    problems: list[str] = []
    events: list[st.Change] = []
    moves: list[tuple[str, str]] = []
    values: list[tuple[int, str, Any]] = []  # (change number, collection, value)
    for number, proposed in enumerate(changes, 1):
        try:
            change = st.Change(*proposed)
        except TypeError:
            problems.append(f"change {number} is not a change made with core.kernel.state's put, "
                            f"put_record, remove_record or move_to: {proposed!r:.80}")
            continue
        found, event, value = _check(reviews, preview, change)
        if found:
            problems.extend(f"change {number} ({change.kind}): {p}" for p in found)
            continue
        if value is not None:
            values.append((number, event.kind.rpartition(".")[0], value))
        if event.kind == "stage.changed":
            moves.append((event.payload["from"], event.payload["to"]))
        events.append(event)
        preview.apply(Event(state.id, preview.seq + 1, dt.datetime.now(dt.UTC), plugin,
                            event.kind, event.payload))
    warnings: list[str] = []
    for number, collection, value in values:
        rule = RULES.get(collection, _no_rule)
        problems.extend(f"change {number} ({collection}.put): {p}"
                        for p in rule(reviews, state, preview, value, warnings))
    if problems:
        raise ChangesRefused(plugin, what, problems)
    return Admitted(events, warnings, moves)


def write(reviews: Reviews, state: st.ReviewState, changes: Iterable[Any], *, plugin: str,
          what: str = "the material") -> Admitted:
    """Admit `changes` and write them in one batch; tell every plugin of any stage move."""
    return commit(reviews, state, admit(reviews, state, changes, plugin=plugin, what=what))


def commit(reviews: Reviews, state: st.ReviewState, admitted: Admitted) -> Admitted:
    """Write changes `admit` passed for `state`, and announce any stage move."""
    if admitted.events:
        reviews.write(state, admitted.events)
    for source, target in admitted.moves:
        failures = reviews.host.notify_each("stage_changed", review=state, source=source,
                                            target=target)
        reviews.warnings.extend(f"{error} (the move was recorded)" for error in failures)
    return admitted


def _check(reviews: Reviews, preview: st.ReviewState,
           change: st.Change) -> tuple[list[str], st.Change, Any]:
    """Problems with one change's kind and shape, the event to write for it, and the value it
    puts into a core collection (None for other kinds)."""
    kind, payload = change.kind, change.payload
    if not isinstance(payload, dict):
        return ["its data is not a mapping"], change, None
    collection, _, verb = kind.rpartition(".")
    if verb == "put" and collection in PROPOSABLE:
        return _check_value(collection, payload)
    if kind in ("record.put", "record.removed"):
        return _check_record(payload, kind == "record.put"), change, None
    if kind == "stage.changed":
        found, event = _check_move(reviews, preview, payload)
        return found, event, None
    if verb == "put" and collection in st.COLLECTIONS:
        return [f"a plugin may not change the review's {collection.replace('_', ' ')}; "
                "that goes through its own command"], change, None
    return [f"a plugin may not propose a {kind!r} change; it may add or replace "
            f"{', '.join(PROPOSABLE)}, its own records, and propose a stage move"], change, None


def _check_value(collection: str, payload: dict[str, Any]) -> tuple[list[str], st.Change, Any]:
    cls, _key = st.COLLECTIONS[collection]
    if payload.get("collection") != collection:
        return ["its collection does not match its kind"], st.Change("", {}), None
    try:
        value: Any = codec.from_data(payload.get("value"), cls)
    except Exception as error:  # a shape the model refuses, reported, not raised
        return [f"it is not a valid {cls.__name__}: {error}"], st.Change("", {}), None
    return [], st.put(collection, value), value


def _check_record(payload: dict[str, Any], put: bool) -> list[str]:
    collection, key = payload.get("collection"), payload.get("key")
    if not isinstance(collection, str) or not collection.strip():
        return ["a record needs the name of its collection"]
    if collection.startswith(CORE_RECORDS):
        return [f"the record collection {collection!r} is the core's own; a plugin names its "
                "records after itself"]
    if not isinstance(key, str) or not key.strip():
        return ["a record needs a key (text)"]
    if put:
        try:
            json.dumps(payload.get("value"), allow_nan=False)
        except (TypeError, ValueError) as error:
            return [f"the record {collection}/{key} is not plain data (JSON): {error}"]
        if not isinstance(payload.get("value"), dict):
            return [f"the record {collection}/{key} must be a mapping"]
    return []


def _check_move(reviews: Reviews, preview: st.ReviewState,
                payload: dict[str, Any]) -> tuple[list[str], st.Change]:
    target = payload.get("to")
    if target not in {s.value for s in Stage}:
        return [f"{target!r} is not a stage of the lifecycle"], st.Change("", {})
    reasons = reviews.refusals(preview, Stage(target))
    event = st.Change("stage.changed", {"from": preview.stage.value, "to": target,
                                        "reason": str(payload.get("reason", ""))})
    return [f"the review cannot move to {Stage(target).label}: {r}" for r in reasons], event


# -- one rule per collection, as its command applies it --------------------------------------


def _no_rule(reviews: Reviews, before: st.ReviewState, state: st.ReviewState, value: Any,
             warnings: list[str]) -> list:
    return []


def _missing(ids: Iterable[str], *within: dict[str, Any]) -> list[str]:
    return [i for i in ids if not any(i in held for held in within)]


def _evidence(reviews: Reviews, before: st.ReviewState, state: st.ReviewState, value: Any,
              warnings: list[str]) -> list:
    problems = []
    if value.id in state.chronology:
        problems.append(f"the id {value.id} is already a chronology entry's")
    missing = _missing(value.entry_ids, state.chronology)
    if missing:
        problems.append(f"{value.id} cites chronology entries not in the review: "
                        f"{', '.join(missing)}")
    return problems


def _finding(reviews: Reviews, before: st.ReviewState, state: st.ReviewState, value: Any,
             warnings: list[str]) -> list:
    """As `casereview findings` records a reviewer's finding (core.analysis.findings.record), with
    the whole batch in place."""
    if value.status is FindingStatus.SUGGESTED:
        return [f"finding {value.id}: suggestions come from the methodology's derive_findings; "
                "material records a reviewer's finding as draft or final"]
    held = before.findings.get(value.id)
    if held is not None and held.status is FindingStatus.SUGGESTED:
        return [f"finding {value.id}: {value.id} is a suggestion; a reviewer accepts it first"]
    found = findings.checks(reviews.host, state, value, value.status)
    warnings.extend(c["message"] for c in found if c.get("level") != "problem")
    return [f"finding {value.id}: {c['message']}" for c in found if c.get("level") == "problem"]


def _contribution(reviews: Reviews, before: st.ReviewState, state: st.ReviewState, value: Any,
                  warnings: list[str]) -> list:
    problems = []
    if value.event_id not in state.learning_events:
        problems.append(f"{value.id} is from learning event {value.event_id}, which the review "
                        "does not hold")
    if value.evidence_id and value.evidence_id not in state.evidence:
        problems.append(f"{value.id} was taken into evidence {value.evidence_id}, which the "
                        "review does not hold")
    return problems


def _recommendation(reviews: Reviews, before: st.ReviewState, state: st.ReviewState,
                    value: Any, warnings: list[str]) -> list:
    missing = _missing(value.finding_ids, state.findings)
    return [f"{value.id} answers findings not in the review: {', '.join(missing)}"] if missing \
        else []


def _action(reviews: Reviews, before: st.ReviewState, state: st.ReviewState, value: Any,
            warnings: list[str]) -> list:
    missing = _missing(value.addresses, state.findings, state.recommendations)
    return [f"{value.id} addresses findings or recommendations not in the review: "
            f"{', '.join(missing)}"] if missing else []


# collection -> its rule: (reviews, the review before, the review with the batch, the value,
# warnings to add to) -> problems
RULES: dict[str, Callable[[Reviews, st.ReviewState, st.ReviewState, Any, list[str]],
                          list[str]]] = {
    "evidence": _evidence,
    "findings": _finding,
    "contributions": _contribution,
    "recommendations": _recommendation,
    "actions": _action,
}


def _copy(state: st.ReviewState) -> st.ReviewState:
    return st.ReviewState(
        id=state.id, seq=state.seq, header=state.header, stage=state.stage,
        collections={name: dict(values) for name, values in state.collections.items()},
        records={name: dict(values) for name, values in state.records.items()},
        updated_at=state.updated_at,
    )
