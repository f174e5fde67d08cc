"""The journal: every change to a review, appended as an event. It is the source of truth.

Embedded default: SQLite in WAL mode. Appends are optimistic: the writer says which sequence
number it last saw, and the append fails with a ConflictError if someone wrote in between.
A batch is one transaction, so a crash leaves the journal before the batch or after it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from attrs import frozen

from core.kernel import database_files
from core.kernel.database_files import damaged, refuse_read_only_write
from core.kernel.errors import ConflictError, StoreError
from core.kernel.migrations import APPLICATION, MIGRATIONS, SCHEMA_VERSION
from core.kernel.sql import Sql

DEFAULT_PATH = "casereview.db"
SQLITE_MAGIC = b"SQLite format 3\x00"


@frozen
class NewEvent:
    """An event about to be written: what kind of change, and its data."""

    kind: str
    payload: dict[str, Any]


@frozen
class Event:
    review_id: str
    seq: int
    recorded_at: dt.datetime
    actor: str
    kind: str
    payload: dict[str, Any]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _stamp(moment: dt.datetime) -> str:
    # One fixed-width UTC form, so timestamps compare correctly as text in any database.
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _unstamp(text: str) -> dt.datetime:
    # fromisoformat reads the trailing Z as UTC (Python 3.11+) and is ~50x faster than
    # strptime, which dominated replaying a long journal.
    return dt.datetime.fromisoformat(text)


SERVER_PREFIXES = ("postgresql://", "postgres://")


def is_server_url(location: object) -> bool:
    """Whether `location` names the partnership's server rather than a file."""
    return isinstance(location, str) and location.startswith(SERVER_PREFIXES)


def default_path() -> str:
    return os.environ.get("CASEREVIEW_DB") or DEFAULT_PATH


class Journal:
    """An open journal in a file. Use `open_journal(path)` (core.kernel.store), which opens the
    partnership's server too; ':memory:' gives a throwaway one for tests."""

    on_server = False  # PostgresJournal: the partnership's shared server

    def __init__(self, connection: sqlite3.Connection, path: str, clock: Callable[[], dt.datetime]):
        self._db = connection
        self.path = path
        self.clock = clock
        self.read_only = False  # opened so because this process cannot write the file

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls, path: str | os.PathLike[str] | None = None, *, clock=utc_now, create: bool = True
    ) -> Journal:
        """Open (or, with `create`, start) the journal in the file at `path`; the default is
        ./casereview.db or $CASEREVIEW_DB. `core.kernel.store.open_journal` opens the
        partnership's server too."""
        path = str(path if path is not None else default_path())
        if is_server_url(path):
            raise StoreError(f"{path.split('@')[-1]} is a server, not a file",
                             hint="open it with core.kernel.store.open_journal")
        read_only = False
        if path != ":memory:":
            if not create and not Path(path).exists():
                raise StoreError(
                    f"there is no casereview database at {path}; nothing was created",
                    hint="check --db or CASEREVIEW_DB, or start one by recording a "
                    "notification with `casereview new`")
            if Path(path).is_dir():
                raise StoreError(f"{path} is a folder, not a casereview database")
            if not create and Path(path).stat().st_size == 0:
                raise StoreError(
                    f"{path} is an empty file (0 bytes), not a casereview database; nothing was "
                    "changed", hint=f"give the right file with --db; if {path} should hold "
                    f"reviews, {database_files.RESTORE}")
            read_only = not create and not database_files.writable(path)
            if create and not Path(path).exists():
                # The journal holds the whole case: readable and writable by its owner only
                # (SQLite gives its -wal and -shm files the same permissions).
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        try:
            connection = (database_files.connect_read_only(path) if read_only
                          else sqlite3.connect(path, isolation_level=None, timeout=10.0))
        except sqlite3.Error as error:
            raise StoreError(f"cannot open the database {path}: {error}") from error
        journal = cls(connection, path, clock)
        journal.read_only = read_only
        try:
            connection.execute("PRAGMA busy_timeout = 10000")
            journal._prepare()
        except sqlite3.DatabaseError as error:  # damaged, on a full disk, or not a database
            connection.close()
            # Only now is the file read by anything but SQLite: closing a descriptor of our own
            # would drop the locks another connection of this process holds on it.
            _refuse_foreign_file(Path(path))
            raise database_files.cannot_open(path, error) from error
        except BaseException:
            connection.close()
            raise
        return journal

    def _prepare(self) -> None:
        tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master")}
        if tables and "casereview_meta" not in tables:
            raise StoreError(
                f"{self.path} is an SQLite database but not a casereview one; nothing was changed",
                hint="give another file with --db or CASEREVIEW_DB",
            )
        missing = {"events", "snapshots"} - tables
        if tables and missing:
            raise damaged(self.path, "its table", f"{', '.join(sorted(missing))} is missing")
        version = self.schema_version() if tables else 0
        # An archived copy from an older version is read as it is; only writing needs migrating.
        if self.read_only and version == 0:
            raise refuse_read_only_write(self.path)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer casereview (schema {version}; this version "
                f"reads up to {SCHEMA_VERSION}); nothing was changed",
                hint="upgrade casereview to open it",
            )
        if self.path != ":memory:" and not self.read_only:
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION and not self.read_only:
            self._migrate(version)

    def _migrate(self, current: int) -> None:
        with self._transaction() as db:
            # Another process may have created or upgraded the schema since we looked.
            if current == 0 and self._has_meta():
                current = self.schema_version()
            for step in range(current + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[step]:
                    db.execute(statement)
            db.execute(
                "INSERT INTO casereview_meta (key, value) VALUES ('application', ?) "
                "ON CONFLICT (key) DO NOTHING",
                (APPLICATION,),
            )
            db.execute(
                "INSERT INTO casereview_meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )

    def _has_meta(self) -> bool:
        return self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'casereview_meta'"
        ).fetchone() is not None

    def schema_version(self) -> int:
        row = self._db.execute(
            "SELECT value FROM casereview_meta WHERE key = 'schema_version'"
        ).fetchone()
        try:
            return int(row[0]) if row else 0
        except (TypeError, ValueError):
            raise damaged(self.path, "its schema version", f"{row[0]!r} is not a number") from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------

    def _transaction(self):
        return _Transaction(self._db)

    def append(
        self, review_id: str, expected_seq: int, actor: str, events: Sequence[NewEvent],
        *, project: Callable[[Sql, list[Event]], None] | None = None,
    ) -> list[Event]:
        """Append `events` after `expected_seq`, all or nothing.

        Raises ConflictError when the review's last event is not `expected_seq`: someone else
        wrote first. Reload the review and try again. `project`, if given, is called inside the
        same transaction with the events as written, to keep the read models
        (core.kernel.readmodels)
        in step: if it fails, nothing is written.
        """
        if not events:
            return []
        moment = self.clock()
        stamp = _stamp(moment)
        rows = [
            (review_id, expected_seq + i, stamp, actor, e.kind, _payload_text(e.payload))
            for i, e in enumerate(events, start=1)
        ]
        recorded_at = _unstamp(stamp)
        written = [Event(review_id, seq, recorded_at, actor, e.kind, e.payload)
                   for (_, seq, *_rest), e in zip(rows, events, strict=True)]
        try:
            with self._transaction() as db:
                last = self._last_seq(db, review_id)
                if last != expected_seq:
                    raise ConflictError(_conflict_message(review_id, expected_seq, last))
                db.executemany(
                    "INSERT INTO events (review_id, seq, recorded_at, actor, kind, payload) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    rows,
                )
                if project is not None:
                    project(Sql(db.cursor()), written)
        except sqlite3.IntegrityError as error:  # the primary key caught a racing writer
            raise ConflictError(_conflict_message(review_id, expected_seq, None)) from error
        except sqlite3.OperationalError as error:
            if self.read_only:
                raise refuse_read_only_write(self.path) from error
            raise StoreError(f"could not write to {self.path}: {error}; nothing was changed",
                             hint="if the disk is full, free some space and run again"
                             ) from error
        return written

    def in_transaction(self, work: Callable[[Sql], Any]) -> Any:
        """Run `work` on the database in one transaction (all or nothing): for the read
        models' rebuild."""
        with self._transaction() as db:
            return work(Sql(db.cursor()))

    def compact(self) -> None:
        """Give back the space freed by deleted snapshots and rebuilt read models (VACUUM)."""
        self._db.execute("VACUUM")
        if self.path != ":memory:":  # VACUUM in WAL mode writes through the WAL: fold it back
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def reader(self) -> Sql:
        """The database for reading the read models outside a write."""
        return Sql(self._db.cursor())

    def copy_in(self, events: Sequence[Event]) -> None:
        """Write events of one review exactly as they were recorded, time and actor included
        (for `casereview db copy`), after the review's last event; all or nothing."""
        if not events:
            return
        review_id, expected = events[0].review_id, events[0].seq - 1
        with self._transaction() as db:
            last = self._last_seq(db, review_id)
            if last != expected:
                raise ConflictError(_conflict_message(review_id, expected, last))
            db.executemany(
                "INSERT INTO events (review_id, seq, recorded_at, actor, kind, payload) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(e.review_id, e.seq, _stamp(e.recorded_at), e.actor, e.kind,
                  _payload_text(e.payload)) for e in events])

    def run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """One statement on the database's own tables (accounts, roles, the access log), with
        `?` for parameters on either backend; its rows, if any."""
        return self._db.execute(sql, tuple(params)).fetchall()

    @staticmethod
    def _last_seq(db: sqlite3.Connection, review_id: str) -> int:
        row = db.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM events WHERE review_id = ?", (review_id,)
        ).fetchone()
        return int(row[0])

    # -- reading -------------------------------------------------------------------------

    def last_seq(self, review_id: str) -> int:
        return self._last_seq(self._db, review_id)

    def review_ids(self) -> list[str]:
        rows = self._db.execute("SELECT DISTINCT review_id FROM events ORDER BY review_id")
        return [row[0] for row in rows]

    def events(
        self, review_id: str, *, after_seq: int = 0, until: dt.datetime | None = None
    ) -> Iterator[Event]:
        sql = (
            "SELECT seq, recorded_at, actor, kind, payload FROM events "
            "WHERE review_id = ? AND seq > ?"
        )
        params: list[Any] = [review_id, after_seq]
        if until is not None:
            sql += " AND recorded_at <= ?"
            params.append(_stamp(until))
        cursor = self._db.execute(sql + " ORDER BY seq", params)
        while batch := cursor.fetchmany(2000):
            for seq, stamp, actor, kind, payload in batch:
                try:
                    data = json.loads(zlib.decompress(payload) if isinstance(payload, bytes)
                                      else payload)
                    moment = _unstamp(stamp)
                except (TypeError, ValueError, zlib.error) as error:
                    raise damaged(self.path, f"change {seq} of review {review_id}",
                                  f"cannot be read ({error})") from None
                if not isinstance(data, dict):
                    raise damaged(self.path, f"change {seq} of review {review_id}",
                                  "does not hold the data of a change")
                yield Event(review_id, seq, moment, actor, kind, data)

    # -- snapshots (a cache: deleting them all loses nothing) ----------------------------

    def save_snapshot(self, review_id: str, seq: int, state_version: str, state: str) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO snapshots (review_id, seq, state_version, state) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (review_id, seq) DO UPDATE SET "
                "state_version = excluded.state_version, state = excluded.state",
                (review_id, seq, state_version, state),
            )
            db.execute("DELETE FROM snapshots WHERE review_id = ? AND seq < ?", (review_id, seq))

    def latest_snapshot_seq(self, review_id: str, state_version: str) -> int | None:
        """The sequence number of the latest snapshot, without reading the snapshot."""
        row = self._db.execute(
            "SELECT MAX(seq) FROM snapshots WHERE review_id = ? AND state_version = ?",
            (review_id, state_version),
        ).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def latest_snapshot(
        self, review_id: str, state_version: str, *, at_most_seq: int | None = None
    ) -> tuple[int, str] | None:
        sql = "SELECT seq, state FROM snapshots WHERE review_id = ? AND state_version = ?"
        params: list[Any] = [review_id, state_version]
        if at_most_seq is not None:
            sql += " AND seq <= ?"
            params.append(at_most_seq)
        row = self._db.execute(sql + " ORDER BY seq DESC LIMIT 1", params).fetchone()
        return (int(row[0]), row[1]) if row else None


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: one batch, all or nothing."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")


COMPRESS_FROM = 4096  # characters: an imported file's entries, not the usual small change


def _payload_text(payload: dict[str, Any]) -> str | bytes:
    """The payload as JSON; a large one (an imported file) deflated, a fifth of its size or
    less, since its field names and provenance repeat on every entry. Stored as a blob, so
    the two are told apart when read."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    if len(text) < COMPRESS_FROM:
        return text
    return zlib.compress(text.encode("utf-8"), 6)


def _conflict_message(review_id: str, expected: int, found: int | None) -> str:
    seen = f" (you read up to change {expected}, the journal has {found})" if found else ""
    return (
        f"review {review_id} was changed by someone else while you were working{seen}; "
        "nothing of yours was written. Look at the review again and repeat your change."
    )


def _refuse_foreign_file(path: Path) -> None:
    """Refuse a file SQLite could not read that is not an SQLite database at all."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise StoreError(
            f"{path} is not a casereview database (it is not an SQLite file); nothing was changed",
            hint="give another file with --db or CASEREVIEW_DB",
        )
