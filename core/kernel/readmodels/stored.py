"""A review read from its read models: the header, stage, items and records at once (they are
small), the chronology only as far as it is asked for.

`StoredEntries` is the review's chronology as a mapping that reads from `rm_entries` on demand:
one entry by id is one indexed row; only iterating (or a preview that must see everything)
reads them all, once, in the merged order. Changes a command makes before writing stay in an
overlay, so checking a 100-row import never copies 100,000 entries.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

from core.kernel import codec
from core.kernel.errors import StoreError
from core.kernel.lifecycle import Stage
from core.kernel.model import ChronologyEntry, Review, merged
from core.kernel.readmodels import entries as rows
from core.kernel.sql import Sql
from core.kernel.state import COLLECTIONS, ReviewState

_GONE = None


class _Source:
    """The stored entries of one review, read once and shared by every copy of the mapping."""

    def __init__(self, sql: Sql, review_id: str, path: str = ":memory:") -> None:
        self._sql, self.review_id, self.path = sql, review_id, path
        self._thread = threading.get_ident()
        self.all: dict[str, ChronologyEntry] | None = None
        self.some: dict[str, ChronologyEntry | None] = {}
        self.agencies: set[str] | None = None
        self.ordered: list[ChronologyEntry] | None = None
        self._values: rows.Values | None = None

    @property
    def values(self) -> rows.Values:
        """The review's repeated values (agencies, roles, ...), read once, when first needed."""
        if self._values is None:
            self._values = rows.Values(lambda: self.sql, self.review_id)
        return self._values

    @property
    def sql(self) -> Sql:
        """The journal's connection; if it was closed, or this is another thread (a state
        handed on), a read-only connection of the mapping's own to the same file."""
        server = "://" in self.path  # a PostgreSQL connection is shared between threads
        if (server or threading.get_ident() == self._thread) and _open(self._sql):
            return self._sql
        if self.path == ":memory:" or server:
            where = "on a server connection" if server else "from a database in memory"
            raise StoreError(f"review {self.review_id} was read {where} that is closed now; "
                             "read it again while the database is open")
        connection = sqlite3.connect(f"{Path(os.path.abspath(self.path)).as_uri()}?mode=ro",
                                     uri=True, check_same_thread=False)
        self._sql, self._thread = Sql(connection.cursor()), threading.get_ident()
        return self._sql

    def load_all(self) -> dict[str, ChronologyEntry]:
        if self.all is None:
            with codec.collector_paused():
                values = self.values
                found = (rows.from_row(row, values) for row in self.sql.stream(
                    f"SELECT {rows.COLUMNS} FROM rm_entries WHERE review_id = ? "
                    "ORDER BY date_start, date_end", (self.review_id,)))
                self.all = {entry.id: entry for entry in merged(found)}
        return self.all

    def fetch(self, ids: Iterable[str]) -> None:
        wanted = {i for i in ids if i not in self.some}
        self.some.update(dict.fromkeys(wanted))
        for where, params in rows.id_clauses(self.values, wanted):
            for row in self.sql.rows(f"SELECT {rows.COLUMNS} FROM rm_entries WHERE review_id = ? "
                                     f"AND {where}", (self.review_id, *params)):
                entry = rows.from_row(row, self.values)
                self.some[entry.id] = entry

    def of_import(self, ids: Iterable[str], import_id: str) -> set[str]:
        """Which of these entries came in with the import `import_id` (reading only them)."""
        values = self.values
        key = values.keys.get(import_id)
        if key is None:
            return set()
        return {rows.join_id(values.text(text), number)
                for where, params in rows.id_clauses(values, ids)
                for text, number in self.sql.rows(
                    f"SELECT id_prefix, id_number FROM rm_entries WHERE review_id = ? AND "
                    f"prov_import = ? AND {where}", (self.review_id, key, *params))}

    def one(self, key: str) -> ChronologyEntry | None:
        if self.all is not None:
            return self.all.get(key)
        if key not in self.some:
            self.fetch([key])
        return self.some[key]

    def count(self) -> int:
        found = self.sql.one("SELECT COUNT(*) FROM rm_entries WHERE review_id = ?",
                             (self.review_id,))
        return int(found[0]) if found else 0


def _open(sql: Sql) -> bool:
    connection = sql.cursor.connection
    if hasattr(connection, "closed"):  # psycopg: any thread may use it while it is open
        return not connection.closed
    try:
        connection.in_transaction  # noqa: B018  (raises once it is closed)
        return True
    except sqlite3.ProgrammingError:
        return False


class StoredEntries(MutableMapping[str, ChronologyEntry]):
    """A review's chronology, read from its read model as far as it is asked for."""

    def __init__(self, source: _Source, synced_seq: int,
                 changes: dict[str, ChronologyEntry | None] | None = None) -> None:
        self._source = source
        self.synced_seq = synced_seq  # the journal seq the stored rows are at
        self._changes = changes or {}
        self._view: dict[str, ChronologyEntry] | None = None
        self._flushed = False  # the overlay's changes are in the read model too

    @property
    def sql(self) -> Sql:
        return self._source.sql

    @property
    def review_id(self) -> str:
        return self._source.review_id

    def in_sync(self, seq: int) -> bool:
        """Whether the stored rows are this mapping exactly (no change waiting to be written)."""
        return self.synced_seq == seq and (self._flushed or not self._changes)

    def written(self, seq: int) -> None:
        """The overlay was written to the read model with the events up to `seq`."""
        self.synced_seq, self._flushed = seq, True

    def copy(self) -> StoredEntries:
        return StoredEntries(self._source, self.synced_seq, dict(self._changes))

    def prefetch(self, ids: Iterable[str]) -> None:
        """Read these entries in one query (when a caller is about to look several up)."""
        self._source.fetch(i for i in ids if i not in self._changes)

    def of_import(self, ids: Iterable[str], import_id: str) -> set[str]:
        """Which of these stored entries came in with the import `import_id`."""
        return self._source.of_import(ids, import_id)

    def _all(self) -> dict[str, ChronologyEntry]:
        if self._view is None:
            base = self._source.load_all()
            if not self._changes:
                return base
            view = dict(base)
            for key, value in self._changes.items():
                if value is _GONE:
                    view.pop(key, None)
                else:
                    view[key] = value
            self._view = view
        return self._view

    def __getitem__(self, key: str) -> ChronologyEntry:
        found = self._changes[key] if key in self._changes else self._source.one(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        if not self._changes and self._source.all is None:
            return self._source.count()
        return len(self._all())

    def in_order(self) -> list[ChronologyEntry]:
        """The entries in the merged chronology order, as read (sorted once, then kept)."""
        if self._changes:
            return merged(self.values())
        if self._source.ordered is None:
            self._source.ordered = list(self._source.load_all().values())
        return list(self._source.ordered)

    def first_and_last(self) -> tuple[ChronologyEntry, ChronologyEntry] | None:
        """The first entry of the merged chronology, and the first of those ending last (as
        `max` by the end of their dates would find them), reading only those few rows."""
        if self._changes or self._source.all is not None:
            ordered = self.in_order()
            return (ordered[0], max(ordered, key=lambda e: e.date.end)) if ordered else None
        found = []
        # Ranges on date_start steer SQLite onto the date index (it has no statistics: with
        # `date_start = ?` alone it would scan the review by its primary key).
        review, low = self.review_id, -10**9
        ends = self.sql.one("SELECT MIN(date_start), MAX(date_end) FROM rm_entries WHERE "
                            "review_id = ? AND date_start > ?", (review, low))
        if not ends or ends[0] is None:
            return None
        for where, params in (("date_start BETWEEN ? AND ?", (review, ends[0], ends[0])),
                              # the ids from the index alone, then only their rows
                              ("(id_prefix, id_number) IN (SELECT id_prefix, id_number FROM "
                               "rm_entries WHERE review_id = ? AND date_start > ? AND "
                               "date_end = ?)",
                               (review, review, low, ends[1]))):
            rows_found = self.sql.rows(f"SELECT {rows.COLUMNS} FROM rm_entries WHERE "
                                       f"review_id = ? AND {where}", params)
            found.append(merged(rows.from_row(row, self._source.values)
                                for row in rows_found)[0])
        return found[0], found[1]

    def knowledge(self) -> Iterator[tuple[str, str, dt.date, list[tuple[str, dt.date]]]]:
        """(id, agency, the day its agency knew it from, [(agency told, on)]) per entry: what a
        knowledge horizon needs, read without building the entries."""
        if self._changes or self._source.all is not None:
            for entry in self.values():
                yield (entry.id, entry.agency, entry.known_to_recorder_from,
                       [(s.agency, s.on) for s in entry.shared_with])
            return
        days: dict[str, dt.date] = {}

        def day(text: str) -> dt.date:
            found = days.get(text)
            if found is None:
                found = days[text] = dt.date.fromisoformat(text)
            return found

        values = self._source.values
        texts, date_of = values.texts, rows.date_of
        known_days: dict[int, dt.date] = {}
        for text, number, agency, known, shared in self.sql.stream(
                "SELECT id_prefix, id_number, agency, CASE WHEN recorded_on > date_end THEN "
                "recorded_on ELSE date_end END, shared_with FROM rm_entries WHERE review_id = ?",
                (self.review_id,)):
            # (a key given since the values were read is read then: `or` asks for it)
            prefix = texts.get(text) or values.text(text)
            yield (f"{prefix}{number}" if number else prefix,
                   texts.get(agency) or values.text(agency),
                   known_days.get(known) or known_days.setdefault(known, date_of(known)),
                   [(a, day(on)) for a, on in json.loads(shared)] if shared else [])

    def keys(self):
        return self._all().keys()

    def values(self):
        return self._all().values()

    def items(self):
        return self._all().items()

    def __setitem__(self, key: str, value: ChronologyEntry) -> None:
        self._changes[key] = value
        self._view, self._flushed = None, False

    def __delitem__(self, key: str) -> None:
        if key not in self:
            raise KeyError(key)
        self._changes[key] = _GONE
        self._view, self._flushed = None, False

    def by_id(self) -> Iterator[tuple[str, ChronologyEntry]]:
        """(id, entry) in id order, read a batch at a time when nothing is held in memory."""
        if self._changes or self._source.all is not None:
            yield from sorted(self.items())
            return
        values = self._source.values
        for row in self.sql.stream(
                f"SELECT {rows.COLUMNS} FROM rm_entries e WHERE review_id = ? ORDER BY (SELECT "
                "value FROM rm_values v WHERE v.review_id = e.review_id AND v.value_key = "
                "e.id_prefix) || CASE WHEN id_number = 0 THEN '' ELSE CAST(id_number AS TEXT) END",
                (self.review_id,)):
            entry = rows.from_row(row, values)
            yield entry.id, entry

    def agencies(self) -> set[str]:
        """The agencies that recorded entries, without reading the entries."""
        if self._changes:
            return {entry.agency for entry in self.values()}
        if self._source.agencies is None and self._source.all is not None:
            self._source.agencies = {entry.agency for entry in self._source.all.values()}
        if self._source.agencies is None:
            self._source.agencies = {row[0] for row in self.sql.rows(
                "SELECT agency FROM rm_entry_agencies WHERE review_id = ?", (self.review_id,))}
        return set(self._source.agencies)


def load(sql: Sql, review_id: str, path: str = ":memory:") -> ReviewState | None:
    """The review from its read models, or None if they do not hold it."""
    found = sql.one("SELECT seq, updated_at, stage, header FROM rm_reviews WHERE review_id = ?",
                    (review_id,))
    if found is None:
        return None
    seq, updated_at, stage, header = found
    state = ReviewState(
        id=review_id, seq=int(seq), stage=Stage(stage),
        header=codec.from_data(json.loads(header), Review) if header else None,
        updated_at=dt.datetime.fromisoformat(updated_at) if updated_at else None)
    for name, key, value in sql.rows(
            "SELECT collection, item_key, value FROM rm_items WHERE review_id = ? "
            "ORDER BY position, item_key", (review_id,)):
        if name in COLLECTIONS:
            state.collections[name][key] = codec.from_data(json.loads(value), COLLECTIONS[name][0])
    for name, key, value in sql.rows(
            "SELECT collection, item_key, value FROM rm_records WHERE review_id = ? "
            "ORDER BY position, item_key", (review_id,)):
        state.records.setdefault(name, {})[key] = json.loads(value)
    chronology: Any = StoredEntries(_Source(sql, review_id, path), state.seq)
    state.collections["chronology"] = chronology
    return state


def stored_entries(state: ReviewState) -> StoredEntries | None:
    """The review's chronology as stored entries, if it was read from its read models and
    nothing is waiting to be written (then the read models answer for it)."""
    found = state.collections.get("chronology")
    if isinstance(found, StoredEntries) and found.in_sync(state.seq):
        return found
    return None
