"""Keeping the read models: after events are appended, in the same transaction.

`project(sql, state, events)` takes the review as it is after `events` and writes to the read
models only what those events touched: the header row always, the items, records and entries
whose keys the events name, and the likely duplicates of the date spans those entries are in.
`rebuild` is the same work for a whole journal on empty tables, so the two cannot drift apart.

Items and records keep the order a replay gives (a dict's insertion order): `position` is the
sequence number of the event that put the key in, kept when the key is put again.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from core.kernel import codec
from core.kernel.journal import Event
from core.kernel.readmodels import entries as rows
from core.kernel.readmodels.duplicates import moved_on, refresh_spans
from core.kernel.readmodels.schema import TABLES
from core.kernel.sql import Sql
from core.kernel.state import COLLECTIONS, WITHDRAWN, ReviewState

ENTRIES = "chronology"
IMPORTS = "core/imports"  # the record the `chronology.imported` reducer writes


class _Touched:
    """What a run of events changed, key by key, in order."""

    def __init__(self) -> None:
        # (table, collection, key) -> [first put seq since the last removal, removed in batch]
        self.keys: dict[tuple[str, str, str], list[Any]] = {}
        self.entries: set[str] = set()
        self.everything = False

    def put(self, table: str, collection: str, key: str, seq: int) -> None:
        mark = self.keys.setdefault((table, collection, key), [None, False])
        if mark[0] is None:
            mark[0] = seq

    def removed(self, table: str, collection: str, key: str) -> None:
        self.keys[(table, collection, key)] = [None, True]

    def add(self, event: Event) -> None:
        kind, payload = event.kind, event.payload
        collection, _, verb = kind.rpartition(".")
        if kind in ("review.opened", "review.amended", "stage.changed"):
            return  # the header row is written every time
        if kind == "chronology.imported":
            self.entries.update(item["id"] for item in payload["entries"])
            self.put("rm_records", IMPORTS, payload["import_id"], event.seq)
            if payload.get("replaces"):  # its note now says which import replaced it
                self.put("rm_records", IMPORTS, payload["replaces"], event.seq)
        elif kind in ("record.put", "record.removed"):
            if verb == "put":
                self.put("rm_records", payload["collection"], payload["key"], event.seq)
            else:
                self.removed("rm_records", payload["collection"], payload["key"])
        elif kind == "withdrawn":  # out of its collection, a tombstone in (state._withdrawn)
            name, key = payload["collection"], payload["key"]
            if name == ENTRIES:
                self.entries.add(key)
            else:
                self.removed("rm_items" if name in COLLECTIONS else "rm_records", name, key)
            self.put("rm_records", WITHDRAWN, f"{name}/{key}", event.seq)
        elif collection == ENTRIES and verb in ("put", "removed"):
            self.entries.add(payload["value"]["id"] if verb == "put" else payload["key"])
        elif collection in COLLECTIONS and verb in ("put", "removed"):
            if verb == "put":
                key = str(payload["value"][COLLECTIONS[collection][1]])
                self.put("rm_items", collection, key, event.seq)
            else:
                self.removed("rm_items", collection, payload["key"])
        else:  # a kind with a reducer of its own: its effects are not known here
            self.everything = True


def project(sql: Sql, state: ReviewState, events: Iterable[Event]) -> None:
    """Bring the review's read models up to `state`, which is the review after `events`."""
    touched = _Touched()
    for event in events:
        touched.add(event)
    found = sql.one("SELECT seq, updated_at FROM rm_reviews WHERE review_id = ?", (state.id,))
    marks = (tuple(found) if found else None,
             (state.seq, state.updated_at.isoformat() if state.updated_at else None))
    _write_header(sql, state)
    if touched.everything:
        _write_all(sql, state)
        return
    # Each table's deletions, then its puts, each as one batch (a round trip on a server).
    for name in ("rm_items", "rm_records"):
        gone, put = [], []
        for (table, collection, key), (first_put, removed) in touched.keys.items():
            if table != name:
                continue
            value = _value(state, table, collection, key)
            if removed or value is None:
                gone.append((state.id, collection, key))
            if value is not None:
                put.append((state.id, collection, key, first_put,
                            _json(table, collection, value)))
        sql.many(f"DELETE FROM {name} WHERE review_id = ? AND collection = ? AND item_key = ?",
                 gone)
        sql.many(f"INSERT INTO {name} (review_id, collection, item_key, position, value) "
                 "VALUES (?, ?, ?, ?, ?) ON CONFLICT (review_id, collection, item_key) "
                 "DO UPDATE SET value = excluded.value", put)
    if touched.entries:
        _write_entries(sql, state, touched.entries, marks)
    else:
        moved_on(sql, state.id, marks)


def rebuild(sql: Sql, state: ReviewState, events: Iterable[Event]) -> None:
    """Replace the review's read models by those of `state`, replayed from `events` (its
    whole journal): what `project` keeps, made again from nothing."""
    forget(sql, state.id)
    project(sql, state, events)


def forget(sql: Sql, review_id: str) -> None:
    for table in TABLES:
        sql.run(f"DELETE FROM {table} WHERE review_id = ?", (review_id,))


def _value(state: ReviewState, table: str, collection: str, key: str) -> Any:
    if table == "rm_records":
        return state.records.get(collection, {}).get(key)
    return state.collections[collection].get(key)


def _json(table: str, collection: str, value: Any) -> str:
    data = value if table == "rm_records" else codec.to_data(value)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _write_header(sql: Sql, state: ReviewState) -> None:
    header = _json("rm_items", "", state.header) if state.header is not None else None
    sql.run("INSERT INTO rm_reviews (review_id, seq, updated_at, stage, header) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (review_id) DO UPDATE SET seq = excluded.seq, "
            "updated_at = excluded.updated_at, stage = excluded.stage, header = excluded.header",
            (state.id, state.seq, state.updated_at.isoformat() if state.updated_at else None,
             state.stage.value, header))


def _write_all(sql: Sql, state: ReviewState) -> None:
    """Every item and record again, in the state's order (after an event of unknown effect)."""
    # A review loaded from the read models reads its chronology from rm_entries as it is asked
    # for: read all of it now, before those rows are deleted below.
    entry_ids = set(dict(state.chronology))
    for table in ("rm_items", "rm_records"):
        sql.run(f"DELETE FROM {table} WHERE review_id = ?", (state.id,))
    values = [("rm_items", name, key, value) for name, found in state.collections.items()
              if name != ENTRIES for key, value in found.items()]
    values += [("rm_records", name, key, value) for name, found in state.records.items()
               for key, value in found.items()]
    for table in ("rm_items", "rm_records"):
        sql.many(f"INSERT INTO {table} (review_id, collection, item_key, position, value) "
                 "VALUES (?, ?, ?, ?, ?)",
                 [(state.id, name, key, position, _json(table, name, value))
                  for position, (found_in, name, key, value) in enumerate(values, start=1)
                  if found_in == table])
    for table in ("rm_entries", "rm_entry_agencies", "rm_duplicates"):
        sql.run(f"DELETE FROM {table} WHERE review_id = ?", (state.id,))
    _write_entries(sql, state, entry_ids)


def _write_entries(sql: Sql, state: ReviewState, touched: set[str],
                   marks: tuple[tuple | None, tuple] | None = None) -> None:
    """Write the touched entries, then find again the likely duplicates of their date spans,
    comparing only the touched entries with the rest of each span."""
    values = rows.Values(lambda: sql, state.id)
    before = _stored(sql, values, touched)  # where they were, for entries moved or removed
    present = [state.chronology[key] for key in touched if key in state.chronology]
    for where, params in rows.id_clauses(values, (entry_id for *_, entry_id in before)):
        sql.run(f"DELETE FROM rm_entries WHERE review_id = ? AND {where}", (state.id, *params))
    sql.insert("rm_entries", f"review_id, {rows.COLUMNS}",
               [rows.to_row(state.id, entry, values) for entry in present])
    counts = Counter(entry.agency for entry in present)
    counts.subtract(agency for _, _, agency, _ in before)
    _count_agencies(sql, state.id, counts)
    refresh_spans(sql, state.id, [
        (e.date.start.isoformat(), e.date.end.isoformat(), e.id, e.agency,
         e.provenance.import_id, e.time, e.provenance.row, e.what_happened) for e in present],
        [(start, end, entry_id) for start, end, _, entry_id in before], values, marks)


def _stored(sql: Sql, values: rows.Values, keys: set[str]) -> list[tuple[str, str, str, str]]:
    """The date span, agency and id of each of these entries in the read model now."""
    found: list[tuple[int, int, int, int, int]] = []
    # On a server, each id text's numbers in one array parameter: one round trip for an import
    for where, params in rows.id_clauses(values, keys, sql.server):
        found += sql.rows("SELECT date_start, date_end, agency, id_prefix, id_number FROM "
                          f"rm_entries WHERE review_id = ? AND {where}",
                          (values.review_id, *params))
    text = values.text
    return [(rows.date_of(first).isoformat(), rows.date_of(last).isoformat(), text(agency),
             rows.join_id(text(prefix), number)) for first, last, agency, prefix, number in found]


def _count_agencies(sql: Sql, review_id: str, changes: Counter[str]) -> None:
    for agency, change in sorted(changes.items()):
        if change:
            sql.run("INSERT INTO rm_entry_agencies (review_id, agency, entries) VALUES (?, ?, ?) "
                    "ON CONFLICT (review_id, agency) DO UPDATE SET "
                    "entries = rm_entry_agencies.entries + excluded.entries",
                    (review_id, agency, change))
    sql.run("DELETE FROM rm_entry_agencies WHERE review_id = ? AND entries <= 0", (review_id,))
