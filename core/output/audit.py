"""The audit trail in sentences an inspector could read: who changed what, when, and why.

`sentences` walks a review's events in order, remembering which records it has seen, so it can
say "added" the first time and "changed" after, and give the reason a correction carried.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from core.kernel.corrections import describe
from core.kernel.dates import long_date
from core.kernel.journal import Event
from core.kernel.lifecycle import Stage, is_backward
from core.kernel.text import plural

# Records the core keeps for itself, in words (collection -> what writing one means).
_RECORDS: dict[str, str] = {
    "regime/facts": "recorded the facts of the case",
    "regime/assessment": "assessed the case against the regime's criteria",
    "regime/decision": "recorded the decision on whether to hold a review",
    "regime/met": "recorded that the clock {words} was met",
    "regime/dates": "recorded the day of {words}",
    "regime/delay": "recorded a delay and its reason",
    "commissioning/appointed": "recorded when {key} was appointed",
    "commissioning/independence": "recorded {key}'s statement of independence",
    "commissioning/family-offer": "recorded the offer to the family",
    "commissioning/rationale": "recorded why the methodology was chosen",
    "publication/check": "ran the publication check",
    "publication/identities": "noted a change to the identity register",
    "core/column-map": "saved the column headings of {key}'s files",
    "core/agency-alias": "recorded another name for {key}",
    "core/dismissed-suggestions": "dismissed the suggested finding {key}",
}


def when(event: Event) -> str:
    """The moment of an event in words: 6 December 2026 at 12:05 (UTC)."""
    return f"{long_date(event.recorded_at.date())} at {event.recorded_at:%H:%M}"


def sentences(events: Iterable[Event]) -> Iterator[tuple[Event, str]]:
    """Each event with a sentence saying what its actor did (without the actor and time)."""
    seen: set[str] = set()
    for event in events:
        text = _sentence(event, seen)
        reason = event.payload.get("reason") if isinstance(event.payload, dict) else None
        if reason and event.kind != "stage.changed":
            text += f", because {reason}"
        yield event, text + "."


def _sentence(event: Event, seen: set[str]) -> str:
    payload = event.payload
    kind = event.kind
    if kind == "review.opened":
        return f"recorded the notification of {payload.get('title', 'the review')}"
    if kind == "review.amended":
        changed = [name.replace("_", " ") for name in payload]
        return f"changed the review's {_and(changed) or 'details'}"
    if kind == "stage.changed":
        source, target = Stage(payload["from"]), Stage(payload["to"])
        back = "back " if is_backward(source, target) else ""  # reviews are iterative: say so
        why = f", because {payload['reason']}" if payload.get("reason") else ""
        return f"moved the review {back}from {source.label} to {target.label}{why}"
    if kind == "chronology.imported":
        count = len(payload.get("entries", []))
        replaced = payload.get("replaces")
        verb = f"replaced {replaced} with" if replaced else "imported"
        for item in payload.get("entries", []):
            seen.add(f"chronology/{item.get('id')}")
        return (f"{verb} {plural(count, 'chronology entry', 'chronology entries')} for "
                f"{payload.get('agency', '')} from the file {payload.get('file', '')} "
                f"(as {payload.get('import_id', '')})")
    if kind == "withdrawn":
        return f"withdrew {describe(payload['collection'], payload['key'])}"
    if kind == "record.put":
        return _record(payload, seen)
    if kind.endswith(".put"):
        collection = payload.get("collection", kind.rpartition(".")[0])
        value = payload.get("value", {})
        return _recorded(collection, str(value.get("id") or value.get("name") or ""), seen,
                         value)
    if kind.endswith(".removed") or kind == "record.removed":
        collection = payload.get("collection", kind.rpartition(".")[0])
        return f"removed {describe(collection, payload.get('key', ''))}"
    return f"made a change the journal calls {kind!r}"


def _record(payload: dict[str, Any], seen: set[str]) -> str:
    collection, key, value = payload["collection"], str(payload["key"]), payload.get("value")
    if collection == "core/duplicate-decision" and isinstance(value, dict):
        same = value.get("decision") == "confirmed"
        verdict = "the same event" if same else "different events"
        keeper = f", keeping {value['keep']}" if same and value.get("keep") else ""
        return (f"decided that {value.get('first')} and {value.get('second')} record "
                f"{verdict}{keeper}")
    if collection == "core/imports" and isinstance(value, dict) and value.get("withdrawn"):
        return f"withdrew {key} (the file {value.get('file', '')} from {value.get('agency', '')})"
    if collection in _RECORDS:
        return _RECORDS[collection].format(key=key, words=key.replace("_", " "))
    return _recorded(collection, key, seen, value)


def _recorded(collection: str, key: str, seen: set[str], value: Any) -> str:
    mark = f"{collection}/{key}"
    verb = "changed" if mark in seen else "added"
    seen.add(mark)
    title = ""
    if isinstance(value, dict):
        title = str(value.get("title") or "")
    return f"{verb} {describe(collection, key)}" + (f" ({title})" if title else "")


def _and(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
