"""A review's current state, derived by replaying its journal events.

Each event kind has one reducer. Reducers only assign: every check happens before an event is
written (see `core.plugin_api.reviews`), so replaying the journal can never be refused.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import marshal
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from types import MappingProxyType
from typing import Any, NamedTuple, cast

from attrs import define, evolve, field

from core.kernel import codec
from core.kernel.database_files import RESTORE
from core.kernel.errors import StoreError
from core.kernel.journal import Event
from core.kernel.lifecycle import Stage
from core.kernel.model import (
    Agency,
    ChronologyEntry,
    Contribution,
    Evidence,
    Finding,
    ImprovementAction,
    InformationRequest,
    LearningEvent,
    Participant,
    Recommendation,
    Review,
    merged,
)

# Bump when a reducer changes meaning, so old snapshots are ignored and rebuilt.
STATE_VERSION = "1"

# The core's collections: name -> (value class, the attribute that keys it).
COLLECTIONS: dict[str, tuple[type, str]] = {
    "agencies": (Agency, "name"),
    "participants": (Participant, "id"),
    "chronology": (ChronologyEntry, "id"),
    "evidence": (Evidence, "id"),
    "findings": (Finding, "id"),
    "recommendations": (Recommendation, "id"),
    "actions": (ImprovementAction, "id"),
    "learning_events": (LearningEvent, "id"),
    "contributions": (Contribution, "id"),
    "information_requests": (InformationRequest, "id"),  # seed 2.5 (core.evidence.requests)
}


def _empty_collections() -> dict[str, dict[str, Any]]:
    return {name: {} for name in COLLECTIONS}


def _copy_of(records: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of plugin records. They are plain JSON data, which `marshal` copies in C many
    times faster than `copy.deepcopy` (a hook call takes one); anything else falls back."""
    try:
        return cast(dict, marshal.loads(marshal.dumps(records)))
    except ValueError:
        return copy.deepcopy(records)


class ReadOnlyEntries(Mapping[str, ChronologyEntry]):
    """A chronology read from the read models, as a hook receives it: read-only like the other
    collections, but keeping the read models' own ways of answering (the merged order, the
    agencies, what a knowledge horizon needs), so a plugin's question on a review of 100,000
    entries does not read them all."""

    READING = frozenset({"in_order", "first_and_last", "knowledge", "agencies", "by_id",
                         "prefetch", "in_sync"})

    def __init__(self, entries: Mapping[str, ChronologyEntry]) -> None:
        self._entries = entries

    def __getitem__(self, key: str) -> ChronologyEntry:
        return self._entries[key]

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def keys(self) -> Any:
        return self._entries.keys()

    def values(self) -> Any:
        return self._entries.values()

    def items(self) -> Any:
        return self._entries.items()

    def __getattr__(self, name: str) -> Any:
        if name in ReadOnlyEntries.READING:
            return getattr(self._entries, name)
        raise AttributeError(name)


def shown(entries: Mapping[str, Any]) -> Mapping[str, Any]:
    """The chronology a read-only view shows (any other mapping: itself), for a cache kept
    per chronology, whoever asks."""
    return entries._entries if isinstance(entries, ReadOnlyEntries) else entries


def _read_only_view(values: dict[str, Any]) -> Mapping[str, Any]:
    if type(values) is dict:
        return MappingProxyType(values)
    return ReadOnlyEntries(values)  # the read models' chronology (core.kernel.readmodels.stored)


_GONE = object()


class _CopiedOnRead(MutableMapping[str, Any]):
    """The plugin records as a hook receives them: each collection is copied the first time the
    hook reads it, so a hook pays for what it reads, not for every plugin's records (a live
    session calls one for each contribution), and whatever it changes is its own copy."""

    def __init__(self, source: dict[str, Any]) -> None:
        self._source = source  # the review's own: never changed here
        self._taken: dict[str, Any] = {}  # this hook's copies and changes (_GONE: deleted)

    def __getitem__(self, name: str) -> Any:
        if name not in self._taken:
            self._taken[name] = _copy_of(self._source[name])
        found = self._taken[name]
        if found is _GONE:
            raise KeyError(name)
        return found

    def __contains__(self, name: object) -> bool:
        if name in self._taken:
            return self._taken[name] is not _GONE
        return name in self._source

    def __setitem__(self, name: str, value: Any) -> None:
        self._taken[name] = value

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self._taken[name] = _GONE

    def __iter__(self) -> Iterator[str]:
        names = [*self._source, *(n for n in self._taken if n not in self._source)]
        return iter([n for n in names if n in self])

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __repr__(self) -> str:
        return repr(dict(self.items()))


@define
class ReviewState:
    """One review as the journal says it is now (or at a chosen moment).

    Hooks receive it to read; they never change it. Plugin data lives in `records`, keyed by a
    collection name the plugin chooses (prefix it with the plugin's name).
    """

    id: str
    seq: int = 0
    header: Review | None = None
    stage: Stage = Stage.NOTIFICATION
    collections: dict[str, dict[str, Any]] = field(factory=_empty_collections)
    records: dict[str, dict[str, dict[str, Any]]] = field(factory=dict)
    updated_at: dt.datetime | None = None

    # Named views of the collections, for readable code.
    @property
    def review(self) -> Review:
        if self.header is None:
            raise StoreError(f"review {self.id} has no notification event")
        return self.header

    @property
    def methodology(self) -> str | None:
        return self.header.methodology if self.header else None

    @property
    def agencies(self) -> dict[str, Agency]:
        return self.collections["agencies"]

    @property
    def participants(self) -> dict[str, Participant]:
        return self.collections["participants"]

    @property
    def chronology(self) -> dict[str, ChronologyEntry]:
        return self.collections["chronology"]

    @property
    def evidence(self) -> dict[str, Evidence]:
        return self.collections["evidence"]

    @property
    def findings(self) -> dict[str, Finding]:
        return self.collections["findings"]

    @property
    def recommendations(self) -> dict[str, Recommendation]:
        return self.collections["recommendations"]

    @property
    def actions(self) -> dict[str, ImprovementAction]:
        return self.collections["actions"]

    @property
    def learning_events(self) -> dict[str, LearningEvent]:
        return self.collections["learning_events"]

    @property
    def contributions(self) -> dict[str, Contribution]:
        return self.collections["contributions"]

    def read_only(self) -> ReviewState:
        """This review as a hook receives it: the collections are read-only views and the
        plugin records copies (each made when the hook first reads it), so a plugin cannot
        change the review (or, through it, the snapshot cache and the journal) by changing
        what it was handed."""
        if isinstance(self.collections, MappingProxyType):
            return self
        return ReviewState(
            id=self.id, seq=self.seq, header=self.header, stage=self.stage,
            collections=cast(dict, MappingProxyType(
                {name: _read_only_view(values) for name, values in self.collections.items()})),
            records=cast(dict, _CopiedOnRead(self.records)),
            updated_at=self.updated_at,
        )

    def record_collection(self, name: str) -> dict[str, dict[str, Any]]:
        return self.records.get(name, {})

    def sorted_chronology(self) -> list[ChronologyEntry]:
        """The merged chronology in its one order (core.evidence.chronology.merge explains it)."""
        in_order = getattr(self.chronology, "in_order", None)  # read models: sorted already
        return in_order() if in_order is not None else merged(self.chronology.values())

    # -- replay --------------------------------------------------------------------------

    def apply(self, event: Event) -> None:
        reducer = _reducer_for(event.kind)
        reducer(self, event.payload)
        self.seq = event.seq
        self.updated_at = event.recorded_at

    def apply_all(self, events: Iterable[Event]) -> ReviewState:
        """Replay recorded events. One that cannot be applied was damaged after it was
        written (it was applied once before it was stored): say so, and where."""
        for event in events:
            try:
                self.apply(event)
            except StoreError:
                raise
            except Exception as error:
                raise StoreError(
                    f"the journal is damaged: change {event.seq} of review {event.review_id} "
                    f"({event.kind}) cannot be applied ({type(error).__name__}: {error}); "
                    "nothing was changed", hint=RESTORE) from error
        return self


# -- reducers ------------------------------------------------------------------------------

Reducer = Callable[[ReviewState, dict[str, Any]], None]
REDUCERS: dict[str, Reducer] = {}


def reduces(kind: str) -> Callable[[Reducer], Reducer]:
    def decorate(function: Reducer) -> Reducer:
        REDUCERS[kind] = function
        return function

    return decorate


def _reducer_for(kind: str) -> Reducer:
    if kind in REDUCERS:
        return REDUCERS[kind]
    collection, _, verb = kind.rpartition(".")
    if collection in COLLECTIONS and verb in ("put", "removed"):
        return _put if verb == "put" else _removed
    raise StoreError(
        f"the journal holds an event of kind {kind!r} that this version of casereview does not "
        "know; it was probably written by a newer version"
    )


def _put(state: ReviewState, payload: dict[str, Any]) -> None:
    name = payload["collection"]
    cls, key = COLLECTIONS[name]
    value: Any = codec.from_data(payload["value"], cls)
    state.collections[name][getattr(value, key)] = value


def _removed(state: ReviewState, payload: dict[str, Any]) -> None:
    state.collections[payload["collection"]].pop(payload["key"], None)


@reduces("review.opened")
def _opened(state: ReviewState, payload: dict[str, Any]) -> None:
    state.header = codec.from_data(payload, Review)
    state.stage = Stage.NOTIFICATION


@reduces("review.amended")
def _amended(state: ReviewState, payload: dict[str, Any]) -> None:
    merged = codec.to_data(state.review) | payload
    state.header = codec.from_data(merged, Review)


@reduces("stage.changed")
def _stage_changed(state: ReviewState, payload: dict[str, Any]) -> None:
    state.stage = Stage(payload["to"])


@reduces("record.put")
def _record_put(state: ReviewState, payload: dict[str, Any]) -> None:
    state.records.setdefault(payload["collection"], {})[payload["key"]] = payload["value"]


@reduces("record.removed")
def _record_removed(state: ReviewState, payload: dict[str, Any]) -> None:
    state.records.get(payload["collection"], {}).pop(payload["key"], None)


# Withdrawn records leave the review's current state but not its journal; a tombstone keeps the
# id (so it is never given to something else) and the reason (core.kernel.corrections).
WITHDRAWN = "core/withdrawn"


@reduces("withdrawn")
def _withdrawn(state: ReviewState, payload: dict[str, Any]) -> None:
    name, key = payload["collection"], payload["key"]
    holder = state.collections.get(name) if name in COLLECTIONS else state.records.get(name)
    if holder is not None:
        holder.pop(key, None)
    state.records.setdefault(WITHDRAWN, {})[f"{name}/{key}"] = {
        "collection": name, "key": key, "reason": payload.get("reason", "")}


@reduces("chronology.imported")
def _chronology_imported(state: ReviewState, payload: dict[str, Any]) -> None:
    # One event per imported agency file (core.evidence.chronology.importer): all its entries in one
    # journal row, and a note of the import under records["core/imports"].
    entries = state.collections["chronology"]
    for item in payload["entries"]:
        entry = codec.from_data(item, ChronologyEntry)
        entries[entry.id] = entry
    note = {key: value for key, value in payload.items() if key != "entries"}
    note["entries"] = len(payload["entries"])
    notes = state.records.setdefault("core/imports", {})
    notes[payload["import_id"]] = note
    if payload.get("replaces") in notes:  # a corrected file replaced an earlier import
        notes[payload["replaces"]] = notes[payload["replaces"]] | {
            "replaced_by": payload["import_id"]}


# -- events a command writes (the only way state changes) -----------------------------------


class Change(NamedTuple):
    """One change to a review, made by the functions below: what kind, and its data. A
    command writes its own; what a plugin returns passes the core's checks first
    (core.analysis.changes) and is written all together or not at all."""

    kind: str
    payload: dict[str, Any]


def put(collection: str, value: Any) -> Change:
    """The change that adds or replaces a value in one of the core's collections."""
    if collection not in COLLECTIONS:
        raise KeyError(f"unknown collection {collection!r}")
    return Change(f"{collection}.put", {"collection": collection, "value": codec.to_data(value)})


def remove(collection: str, key: str) -> Change:
    return Change(f"{collection}.removed", {"collection": collection, "key": key})


def put_record(collection: str, key: str, value: dict[str, Any]) -> Change:
    """The change that stores a plugin's own record (plain JSON-ready data)."""
    return Change("record.put", {"collection": collection, "key": key, "value": value})


def remove_record(collection: str, key: str) -> Change:
    return Change("record.removed", {"collection": collection, "key": key})


def move_to(stage: str, reason: str = "") -> Change:
    """The change that moves the review to `stage`, if the lifecycle and every guard agree
    (a plugin proposes it; `casereview move` is how a person makes it)."""
    return Change("stage.changed", {"to": str(stage), "reason": reason})


def amend(**changes: Any) -> Change:
    return Change("review.amended", codec.to_data(changes))


# -- snapshots -----------------------------------------------------------------------------


def to_snapshot(state: ReviewState) -> str:
    data = {
        "id": state.id,
        "seq": state.seq,
        "header": codec.to_data(state.header) if state.header else None,
        "stage": state.stage.value,
        "collections": {
            name: [_value_data(name, v) for v in values.values()]
            for name, values in state.collections.items()
        },
        "records": state.records,
        "updated_at": state.updated_at.isoformat() if state.updated_at else None,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _value_data(collection: str, value: Any) -> Any:
    # The chronology is most of a large review: its entries are kept in their shorter form.
    return codec.entry_data(value) if collection == "chronology" else codec.to_data(value)


def from_snapshot(text: str) -> ReviewState:
    data = json.loads(text)
    state = ReviewState(
        id=data["id"],
        seq=data["seq"],
        header=codec.from_data(data["header"], Review) if data["header"] else None,
        stage=Stage(data["stage"]),
        records=data["records"],
        updated_at=dt.datetime.fromisoformat(data["updated_at"]) if data["updated_at"] else None,
    )
    for name, values in data["collections"].items():
        if name not in COLLECTIONS:
            continue
        cls, key = COLLECTIONS[name]
        loaded: list[Any] = [codec.from_data(item, cls) for item in values]
        state.collections[name] = {getattr(v, key): v for v in loaded}
    return state


def summary(state: ReviewState) -> dict[str, Any]:
    """The state as plain data: for `--json`, for comparing a replay with the live state."""
    return {
        "id": state.id,
        "seq": state.seq,
        "stage": state.stage.value,
        "review": codec.to_data(state.header) if state.header else None,
        "collections": {
            name: {k: codec.to_data(v) for k, v in sorted(values.items())}
            for name, values in state.collections.items()
        },
        "records": state.records,
    }


__all__ = ["COLLECTIONS", "Change", "ReviewState", "amend", "evolve", "move_to", "put",
           "put_record", "remove_record", "summary"]
