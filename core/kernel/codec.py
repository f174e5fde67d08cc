"""Model values <-> plain JSON-ready data, for the journal and for `--json` output.

Kept out of the model classes (attrs practice): one cattrs converter knows how to turn every
frozen value into dicts of str, int, list and back, running the validators on the way in.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
from collections.abc import Iterator
from typing import Any, TypeVar

import cattrs

from core.kernel.dates import PartialDate, Precision
from core.kernel.errors import InvalidValue
from core.kernel.model import ChronologyEntry, Provenance, Sharing

T = TypeVar("T")

converter = cattrs.Converter(forbid_extra_keys=False)
converter.register_unstructure_hook(dt.date, lambda d: d.isoformat())
converter.register_structure_hook(
    dt.date, lambda v, _: v if isinstance(v, dt.date) else dt.date.fromisoformat(v)
)
converter.register_unstructure_hook(dt.datetime, lambda d: d.isoformat())
converter.register_structure_hook(
    dt.datetime, lambda v, _: v if isinstance(v, dt.datetime) else dt.datetime.fromisoformat(v)
)


def _partial_date_out(value: PartialDate) -> dict[str, str]:
    out = {
        "start": value.start.isoformat(),
        "end": value.end.isoformat(),
        "precision": value.precision.value,
    }
    if value.text:
        out["text"] = value.text
    return out


def _partial_date_in(value: Any, _: type) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    return PartialDate(
        dt.date.fromisoformat(value["start"]),
        dt.date.fromisoformat(value["end"]),
        Precision(value["precision"]),
        value.get("text", ""),
    )


converter.register_unstructure_hook(PartialDate, _partial_date_out)
converter.register_structure_hook(PartialDate, _partial_date_in)


def _chronology_entry_in(value: Any, _: type) -> ChronologyEntry:
    # The chronology is the largest collection (100,000 entries in a big review), so it is read
    # by hand, about twice as fast as cattrs' generated code. Missing keys take the model's
    # defaults, as with cattrs; the model's validators still run.
    if isinstance(value, ChronologyEntry):
        return value
    fromiso = dt.date.fromisoformat
    try:
        date, recorded = value["date"], value.get("recorded_on")
        source = value.get("provenance") or {}
        return ChronologyEntry(
            value["id"], value["agency"], _shared_date(date), value["what_happened"],
            value.get("time", ""), value.get("who", ""),
            value.get("what_was_known", ""), value.get("decision_or_action", ""),
            value.get("source_ref", ""), fromiso(recorded) if recorded else None,
            tuple(Sharing(s["agency"], fromiso(s["on"])) for s in value.get("shared_with", ())),
            Provenance(source.get("agency", ""), source.get("file", ""), source.get("row"),
                       source.get("import_id", "")),
            category=value.get("category", ""), risk_grade=value.get("risk_grade", ""),
        )
    except (KeyError, TypeError) as error:
        raise InvalidValue(f"a chronology entry's data is malformed ({error})") from None


converter.register_structure_hook(ChronologyEntry, _chronology_entry_in)


def entry_data(entry: ChronologyEntry) -> dict[str, Any]:
    """An entry as data without its empty fields, which the model's defaults fill back in:
    the form the importer writes, and the one snapshots keep (a third smaller, and quicker
    both ways than `to_data`)."""
    data: dict[str, Any] = {"id": entry.id, "agency": entry.agency,
                            "date": _partial_date_out(entry.date),
                            "what_happened": entry.what_happened}
    for name in ("time", "who", "what_was_known", "decision_or_action", "source_ref", "category",
                 "risk_grade"):
        if value := getattr(entry, name):
            data[name] = value
    if entry.recorded_on is not None:
        data["recorded_on"] = entry.recorded_on.isoformat()
    if entry.shared_with:
        data["shared_with"] = [{"agency": s.agency, "on": s.on.isoformat()}
                               for s in entry.shared_with]
    source = entry.provenance
    provenance = {key: value for key, value in (("agency", source.agency), ("file", source.file),
                  ("row", source.row), ("import_id", source.import_id))
                  if value is not None and value != ""}
    if provenance:
        data["provenance"] = provenance
    return data

# Thousands of entries share a handful of dates: one frozen PartialDate each is enough.
_DATES: dict[tuple[str, str, str, str], PartialDate] = {}


def _shared_date(data: Any) -> PartialDate:
    if isinstance(data, PartialDate):
        return data
    key = (data["start"], data["end"], data["precision"], data.get("text", ""))
    found = _DATES.get(key)
    if found is None:
        if len(_DATES) > 50_000:
            _DATES.clear()
        found = _DATES[key] = _partial_date_in(data, PartialDate)
    return found


def to_data(value: Any) -> Any:
    """A model value (or a container of them) as JSON-ready data."""
    return converter.unstructure(value)


def from_data(data: Any, cls: type[T]) -> T:
    """Data back into a model value; validators run, so bad data raises InvalidValue."""
    try:
        return converter.structure(data, cls)
    except cattrs.BaseValidationError as error:
        raise _first_cause(error) from error


def _first_cause(error: BaseException) -> BaseException:
    # cattrs groups exceptions; the person wants the first real reason, not the group.
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
    return error


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large review or file is turned into
    values. Building 100,000 entries otherwise sets off full collections again and again,
    each walking everything built so far (a quarter to a third of the time of a replay).
    Anything left to collect is collected as usual once the collector runs again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_default)


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return converter.unstructure(value)
