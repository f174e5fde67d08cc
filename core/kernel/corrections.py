"""Correcting what a review holds: edit a record with a reason, or withdraw it with a reason.

Real reviews are iterative: agencies resend files, records arrive with names in them, reviewers
change their minds. Nothing is overwritten: an edit is a new version written to the journal
with the reason beside it, and a withdrawal takes a record out of the review's current state
while the journal keeps every earlier version and a tombstone keeps its id, so the id is never
given to anything else (`used_ids`). Outputs show the current version; `history` says who
changed what and why.

Every kind of record a person makes can be corrected: the core's (entry, person, finding,
recommendation, action, evidence, learning event, contribution, request) and a methodology's
own records, named by the last part of their collection (`learning-together/episode` is an
"episode"). A finding already in a published report cannot be withdrawn or edited.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from core.kernel import codec
from core.kernel import state as st
from core.kernel.date_forms import parse_date
from core.kernel.dates import PartialDate, day_from_text
from core.kernel.errors import InvalidValue, NotFound
from core.kernel.lifecycle import Stage
from core.kernel.state import WITHDRAWN, ReviewState

# The words a person uses for the core's collections.
CORE_KINDS: dict[str, str] = {
    "entry": "chronology",
    "person": "participants",
    "finding": "findings",
    "recommendation": "recommendations",
    "action": "actions",
    "evidence": "evidence",
    "learning-event": "learning_events",
    "contribution": "contributions",
    "request": "information_requests",
}
_NAMES = {collection: kind for kind, collection in CORE_KINDS.items()} | {"agencies": "agency"}
# Stages at which the report is public: what it published stays as it was published.
PUBLISHED = (Stage.PUBLICATION, Stage.MONITORING, Stage.CLOSED)
_PLURALS = {"entries": "entry", "people": "person", "persons": "person",
            "participants": "person", "chronology": "entry"}
MIN_REASON_WORDS = 2
# Statuses with rules of their own (a final finding needs evidence, a completed action its
# impact) change only through the commands that apply those rules.
STATUS_COMMANDS = {
    "findings": "`casereview findings REVIEW accept|finalise|reopen ID`",
    "actions": "`casereview actions REVIEW update ID --status ...`",
    "information_requests": "`casereview requests REVIEW update ID --status ...`",
}


# The core's own bookkeeping records (decisions, clocks, checks): changed by their commands.
INTERNAL = ("core/", "commissioning/", "regime/", "publication/")


def _methodology_records(state: ReviewState) -> list[str]:
    return [name for name in state.records if not name.startswith(INTERNAL)]


def kinds(state: ReviewState) -> list[str]:
    """Every kind of record that can be corrected in `state`."""
    plugin = {_kind_of(name) for name in _methodology_records(state)}
    return [*CORE_KINDS, *sorted(plugin)]


def _kind_of(collection: str) -> str:
    return _NAMES.get(collection) or collection.rpartition("/")[2]


def describe(collection: str, key: str) -> str:
    """A record as a sentence names it: "entry police-1-3", "episode KPE-1"."""
    return f"{_kind_of(collection).replace('-', ' ').replace('_', ' ')} {key}"


def collection_for(state: ReviewState, kind: str) -> str:
    """The collection holding records of `kind` ("entry", "finding", "episode" ...)."""
    word = kind.strip().lower().replace(" ", "-")
    word = _PLURALS.get(word) or (word[:-1] if word.endswith("s") and word[:-1] in CORE_KINDS
                                  else word)
    if word in CORE_KINDS:
        return CORE_KINDS[word]
    found = [name for name in _methodology_records(state)
             if _kind_of(name) in (word, kind, word.removesuffix("s"))]
    if len(found) == 1:
        return found[0]
    raise InvalidValue(f"{kind!r} is not a kind of record this review holds; kinds: "
                       f"{', '.join(kinds(state))}")


def _holder(state: ReviewState, collection: str) -> Mapping[str, Any]:
    if collection in st.COLLECTIONS:
        return state.collections[collection]
    return state.record_collection(collection)


def used_ids(state: ReviewState, collection: str) -> set[str]:
    """Every id `collection` has ever given, withdrawn ones included: new ids start past them."""
    gone = {r["key"] for r in state.record_collection(WITHDRAWN).values()
            if r.get("collection") == collection}
    return set(_holder(state, collection)) | gone


def was_withdrawn(state: ReviewState, collection: str, key: str) -> str | None:
    """The reason `key` was withdrawn from `collection`, or None if it never was."""
    record = state.record_collection(WITHDRAWN).get(f"{collection}/{key}")
    return None if record is None else str(record.get("reason") or "no reason given")


def refuse_reuse(state: ReviewState, collection: str, key: str) -> None:
    """Refuse a new record that would take a withdrawn record's id."""
    reason = was_withdrawn(state, collection, key)
    if reason is not None:
        raise InvalidValue(f"{describe(collection, key)} was withdrawn ({reason}); an id is "
                           "never given to anything else, so choose another id")


def require_reason(reason: str) -> str:
    """`reason` tidied, or InvalidValue when it says too little to explain a change."""
    reason = " ".join((reason or "").split())
    if len(reason.split()) < MIN_REASON_WORDS:
        raise InvalidValue("say why, in a few words (--reason): the audit trail keeps it beside "
                           "the change, e.g. --reason \"agency resent the file with names "
                           "removed\"")
    return reason


def _current(state: ReviewState, collection: str, key: str) -> Any:
    holder = _holder(state, collection)
    if key in holder:
        return holder[key]
    gone = was_withdrawn(state, collection, key)
    if gone is not None:
        raise NotFound(f"{describe(collection, key)} was already withdrawn ({gone})")
    known = ", ".join(sorted(holder)[:30]) or "none yet"
    raise NotFound(f"no {describe(collection, key)} in review {state.id}; known: {known}")


def _not_published(state: ReviewState, collection: str, key: str) -> None:
    if collection == "findings" and state.stage in PUBLISHED:
        raise InvalidValue(f"{describe(collection, key)} is in the published report "
                           f"(the review is at {state.stage.label}); a published finding stays "
                           "as it was published",
                           hint="record a new finding, or an addendum, instead")


# -- what links to a record -----------------------------------------------------------------


def citations(state: ReviewState, *, skip: str = "") -> dict[str, list[str]]:
    """Every text a record holds -> the records holding it: who cites what, in one pass."""
    found: dict[str, list[str]] = {}
    for name, holder in _all_collections(state):
        if name == skip:
            continue
        for other, value in holder.items():
            data = codec.to_data(value) if attrs.has(type(value)) else value
            for text in _texts(data, top=True):
                found.setdefault(text, []).append(describe(name, other))
    return {text: list(dict.fromkeys(names)) for text, names in found.items()}


def _all_collections(state: ReviewState) -> Iterator[tuple[str, Mapping[str, Any]]]:
    # Entries and agencies name no other record; skipping them keeps a large review quick.
    yield from ((n, h) for n, h in state.collections.items() if n not in ("chronology", "agencies"))
    for name in _methodology_records(state):
        yield name, state.records[name]


def _texts(data: Any, *, top: bool = False) -> Iterator[str]:
    # Every string inside a record but its own id (a record does not cite itself).
    if isinstance(data, str):
        if not top:
            yield data
    elif isinstance(data, dict):
        for k, v in data.items():
            if not (top and k == "id"):
                yield from _texts(v)
    elif isinstance(data, list | tuple):
        for v in data:
            yield from _texts(v)


# -- the two corrections --------------------------------------------------------------------


def withdraw(state: ReviewState, kind: str, key: str, reason: str, *,
             allow_links: Iterable[str] = ()) -> tuple[str, dict[str, Any]]:
    """The event withdrawing record `key` of `kind` from the review, for `reason`.

    Refused while another record still names it (correct or withdraw that one first), so the
    chain from evidence to action never points at nothing."""
    collection = collection_for(state, kind)
    return withdrawal(state, collection, key, reason, allow_links=allow_links)


def withdrawal(state: ReviewState, collection: str, key: str, reason: str, *,
               allow_links: Iterable[str] = (),
               cited: dict[str, list[str]] | None = None) -> tuple[str, dict[str, Any]]:
    """As `withdraw`, for a collection by name; `cited` is `citations(state, skip=collection)`
    when the caller withdraws many records at once and has it already."""
    _current(state, collection, key)
    _not_published(state, collection, key)
    reason = require_reason(reason)
    found = (cited if cited is not None else citations(state, skip=collection)).get(key, [])
    linked = [link for link in found if link not in allow_links]
    if linked:
        raise InvalidValue(f"{describe(collection, key)} cannot be withdrawn while "
                           f"{', '.join(linked)} names it; nothing was changed",
                           hint="correct or withdraw those records first")
    return ("withdrawn", {"collection": collection, "key": key, "reason": reason})


def edit(state: ReviewState, kind: str, key: str, changes: Mapping[str, str | list[str]],
         reason: str) -> tuple[Any, tuple[str, dict[str, Any]]]:
    """The record with `changes` (field -> text as typed, or several texts for a list) made,
    and the event writing it. `details.KEY` sets one of the methodology's own fields of a
    finding or evidence (`details.not_peculiar`).

    The changed record is checked as a new one would be; its id cannot change."""
    collection = collection_for(state, kind)
    current = _current(state, collection, key)
    _not_published(state, collection, key)
    reason = require_reason(reason)
    if not changes:
        raise InvalidValue("nothing to change: give at least one --set FIELD=VALUE")
    if "id" in changes:
        raise InvalidValue("an id never changes; withdraw the record and record a new one")
    if "status" in changes and collection in STATUS_COMMANDS:
        raise InvalidValue(f"the status of {describe(collection, key)} changes through its own "
                           f"command, which checks what the new status needs: "
                           f"{STATUS_COMMANDS[collection]}")
    if collection in st.COLLECTIONS:
        cls = st.COLLECTIONS[collection][0]
        data = codec.to_data(current)
        for name, text in changes.items():
            if name.startswith("details.") and "details" in data:
                data["details"] = {**data["details"], name.removeprefix("details."): text}
            else:
                data[name] = _field_data(cls, name, text)
        value: Any = codec.from_data(data, cls)
        kind_name, payload = st.put(collection, value)
    else:
        value = dict[str, Any](current)
        for name, text in changes.items():
            if not isinstance(value.get(name), str) or not isinstance(text, str):
                texts = sorted(k for k, v in value.items() if isinstance(v, str) and k != "id")
                raise InvalidValue(f"{name!r} is not a text field of {describe(collection, key)}; "
                                   f"text fields: {', '.join(texts)}",
                                   hint="change the other fields through the methodology's "
                                   "material files (`casereview material`)")
            value[name] = text
        kind_name, payload = st.put_record(collection, key, value)
    return value, (kind_name, payload | {"reason": reason})


def with_reason(event: tuple[str, dict[str, Any]], reason: str) -> tuple[str, dict[str, Any]]:
    """`event` carrying the reason for the change, for the audit trail."""
    return (event[0], event[1] | {"reason": require_reason(reason)})


def _field_data(cls: type, name: str, given: str | list[str]) -> Any:
    """`given`, as typed on the command line, in the data form of field `name` of `cls`."""
    fields = attrs.fields_dict(cls)
    text = given if isinstance(given, str) else ", ".join(given)
    if name not in fields:
        names = ", ".join(n for n in fields if n not in ("id", "provenance", "details"))
        raise InvalidValue(f"{cls.__name__} has no field {name!r}; fields: {names}")
    hints = typing.get_type_hints(cls)
    kind = hints[name]
    optional = _is_optional(kind)
    if optional is not None:
        if not text.strip():
            return None
        kind = optional
    if kind is str:
        return text
    if kind is int:
        return int(text)
    if kind is dt.date:
        return day_from_text(text, name.replace("_", " ")).isoformat()
    if kind is PartialDate:
        return codec.to_data(parse_date(text))
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return text.strip().lower().replace(" ", "_").replace("-", "_")
    if typing.get_origin(kind) is tuple and typing.get_args(kind)[0] is str:
        if not isinstance(given, str):
            return [part.strip() for part in given if part.strip()]
        return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    raise InvalidValue(f"{name.replace('_', ' ')} cannot be changed from the command line",
                       hint="withdraw the record and record it again")


def _is_optional(kind: Any) -> Any:
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(kind) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return None
