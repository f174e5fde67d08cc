"""The journal on a shared PostgreSQL server, for a partnership rather than one coordinator.

Same guarantees as the SQLite journal: events are only ever appended; an append says which
sequence number it last saw and fails with a ConflictError, writing nothing, when someone wrote
in between (the primary key on (review_id, seq) settles a race); a batch is one transaction.
The tables and their numbered migrations are the SQLite ones (core.kernel.migrations); the server
adds row-level security (core.kernel.server_access), so who may read which review is enforced by the
database itself, not only by this program.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from core.kernel import readmodels
from core.kernel.errors import ConflictError, StoreError
from core.kernel.journal import (
    Event,
    Journal,
    NewEvent,
    _conflict_message,
    _stamp,
    _unstamp,
    utc_now,
)
from core.kernel.migrations import APPLICATION, MIGRATIONS, SCHEMA_VERSION
from core.kernel.readmodels.schema import TABLES
from core.kernel.server_access import SERVER_MIGRATIONS, _roles_with, read_model_security
from core.kernel.sql import Sql

# One lock number for "the schema is being created or upgraded", taken for the transaction.
_MIGRATION_LOCK = 0x63617365  # "case"
_PAGE = 5000  # events read per round trip (smaller pages made PostgreSQL sort more often)

# Something to run inside an append's transaction, after its events are inserted and before
# it commits: given the open cursor and the events just written. Read models (projection
# tables) use this so they can never disagree with the journal.
AppendHook = Callable[[Any, list[Event]], None]
_PARAMSTYLE = "format"  # psycopg's %s: core.kernel.readmodels.Sql turns the projections' ? into it


def shown(url: str) -> str:
    """The URL as messages show it: never with its password."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


class PostgresJournal(Journal):
    """An open journal on PostgreSQL. Use `open_journal("postgresql://…")`."""

    # The read models (core.kernel.readmodels) are kept here as in a file, in the append's own
    # transaction; a connection that finds them missing or out of date and may not make them
    # (only the tables' owner may) replays reviews instead (see _check_read_models).
    keeps_read_models = True
    on_server = True

    _db: Any  # a psycopg connection, in autocommit mode: each transaction is explicit

    def __init__(self, connection: Any, url: str, clock: Callable[[], dt.datetime]) -> None:
        super().__init__(connection, url, clock)
        self.where = shown(url)
        self.append_hooks: list[AppendHook] = []
        # Run after the read models' tables are made afresh (core.kernel.readmodels.rebuild_all).
        self.read_model_security = read_model_security()

    @classmethod
    def connect(cls, url: str, *, clock=utc_now, create: bool = True) -> PostgresJournal:
        import psycopg

        try:
            connection = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as error:
            raise StoreError(
                f"cannot reach the casereview database at {shown(url)}: {_first_line(error)}",
                hint="check the address, user and password in --db or CASEREVIEW_DB, and that "
                     "the server is running") from error
        # No server-side prepared statements: a generic plan cannot hash the read models'
        # `IN (?, ?, ...)` lists of entry ids, and compared each row with all 500 of them.
        connection.prepare_threshold = None
        journal = cls(connection, url, clock)
        try:
            journal._prepare_server(create)
            journal._check_read_models()
        except BaseException:
            connection.close()
            raise
        return journal

    # -- opening -------------------------------------------------------------------------

    def _tables(self) -> set[str]:
        rows = self._db.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema()").fetchall()
        return {row[0] for row in rows}

    def _prepare_server(self, create: bool) -> None:
        tables = self._tables()
        if tables and "casereview_meta" not in tables:
            raise StoreError(
                f"{self.where} is a PostgreSQL database but not a casereview one (it holds "
                f"other tables: {', '.join(sorted(tables)[:5])}); nothing was changed",
                hint="give another database with --db or CASEREVIEW_DB, or create an empty "
                     "one for casereview")
        if not tables and not create:
            raise StoreError(
                f"there is no casereview database at {self.where}; nothing was created",
                hint="start one with `casereview new`, or copy one there with "
                     "`casereview db copy`")
        meta = self._meta() if tables else {}
        if tables and meta.get("application") != APPLICATION:
            raise StoreError(f"{self.where} is not a casereview database; nothing was changed",
                             hint="give another database with --db or CASEREVIEW_DB")
        version = self._version_of(meta)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.where} was written by a newer casereview (schema {version}; this "
                f"version reads up to {SCHEMA_VERSION}); nothing was changed",
                hint="upgrade casereview to open it")
        if version < SCHEMA_VERSION:
            self._migrate(version)

    def _check_read_models(self) -> None:
        """Keep the read models on this connection if this account owns the tables (and so
        may make them again on first use), or if it may read a review and they are current."""
        owner = self._db.execute(
            "SELECT pg_has_role(current_user, tableowner, 'USAGE') FROM pg_tables "
            "WHERE schemaname = current_schema() AND tablename = 'events'").fetchone()
        if owner and owner[0]:
            return
        # An agency author or practitioner sees no read model (only some events): replayed.
        reads = self._db.execute("SELECT 1 FROM review_roles WHERE account = current_user "
                                 f"AND role IN ({_roles_with('read')}) LIMIT 1").fetchone()
        if not reads or readmodels.installed_version(self.reader()) != readmodels.VERSION:
            self.keeps_read_models = False

    def _meta(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, value FROM casereview_meta").fetchall())

    def _version_of(self, meta: dict[str, str]) -> int:
        try:
            return int(meta.get("schema_version", 0))
        except ValueError:
            raise StoreError(f"{self.where} is damaged: its schema version "
                             f"{meta['schema_version']!r} is not a number") from None

    def schema_version(self) -> int:
        return self._version_of(self._meta())

    def _migrate(self, current: int) -> None:
        import psycopg

        try:
            with self._db.transaction():
                # One process upgrades; another waiting here then finds the work done.
                self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                if "casereview_meta" in self._tables():
                    current = self.schema_version()
                for step in range(current + 1, SCHEMA_VERSION + 1):
                    for statement in (*MIGRATIONS[step], *SERVER_MIGRATIONS.get(step, ())):
                        self._db.execute(statement)
                self._db.execute(
                    "INSERT INTO casereview_meta (key, value) VALUES ('application', %s) "
                    "ON CONFLICT (key) DO NOTHING", (APPLICATION,))
                self._db.execute(
                    "INSERT INTO casereview_meta (key, value) VALUES ('schema_version', %s) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (str(SCHEMA_VERSION),))
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.InvalidSchemaName) as error:
            raise StoreError(
                f"{self.where} needs its casereview tables created or upgraded, and your "
                f"account may not do that: {_first_line(error)}; nothing was changed",
                hint="ask whoever looks after the server to run any casereview command "
                     "against it once as the owner of the database, with the right to create "
                     "roles (CREATEROLE)") from error

    def close(self) -> None:
        self._db.close()

    # -- writing -------------------------------------------------------------------------

    def append(
        self, review_id: str, expected_seq: int, actor: str, events: Sequence[NewEvent],
        *, project: Any = None,
    ) -> list[Event]:
        """Append `events` after `expected_seq`, all or nothing (see Journal.append);
        `project(sql, written)` keeps the read models in the same transaction."""
        if not events:
            return []
        stamp = _stamp(self.clock())
        recorded_at = _unstamp(stamp)
        written = [Event(review_id, expected_seq + i, recorded_at, actor, e.kind, e.payload)
                   for i, e in enumerate(events, start=1)]
        self._insert(review_id, expected_seq, written, stamp, project)
        return written

    def _insert(self, review_id: str, expected_seq: int, written: list[Event],
                stamp: str | None = None,
                project: Callable[[Sql, list[Event]], None] | None = None) -> None:
        import psycopg

        rows = [(e.review_id, e.seq, stamp or _stamp(e.recorded_at), e.actor, e.kind,
                 _json_text(e.payload)) for e in written]
        try:
            with self._db.transaction(), self._db.cursor() as cursor:
                last = self._last_seq(cursor, review_id)
                if last != expected_seq:
                    raise ConflictError(_conflict_message(review_id, expected_seq, last))
                cursor.executemany(
                    "INSERT INTO events (review_id, seq, recorded_at, actor, kind, payload) "
                    "VALUES (%s, %s, %s, %s, %s, %s)", rows)
                # Read models are brought up to date here, in the same transaction.
                for hook in self.append_hooks:
                    hook(cursor, written)
                if project is not None:
                    project(Sql(cursor, paramstyle=_PARAMSTYLE), written)
        except psycopg.errors.UniqueViolation as error:  # a racing writer got there first
            raise ConflictError(_conflict_message(review_id, expected_seq, None)) from error
        except psycopg.errors.InsufficientPrivilege as error:
            raise StoreError(
                f"your account may not change review {review_id} on {self.where}; nothing "
                "was changed", hint="ask the review's business manager for a role that may "
                "(see `casereview users list`)") from error
        except psycopg.OperationalError as error:
            raise StoreError(f"could not write to {self.where}: {_first_line(error)}; nothing "
                             "was changed", hint="check the server is running and try again"
                             ) from error

    def in_transaction(self, work: Callable[[Sql], Any]) -> Any:
        """Run `work` on the database in one transaction (all or nothing): for the read
        models' rebuild."""
        import psycopg

        try:
            with self._db.transaction(), self._db.cursor() as cursor:
                return work(Sql(cursor, paramstyle=_PARAMSTYLE))
        except psycopg.errors.InsufficientPrivilege as error:
            raise StoreError(
                f"your account may not rebuild the read models on {self.where}: "
                f"{_first_line(error)}; nothing was changed",
                hint="ask whoever looks after the server to run `casereview db rebuild` as the "
                     "owner of the database") from error

    def compact(self) -> None:
        """Tidy the tables a rebuild rewrote: the server reuses freed space itself
        (autovacuum), so this only reclaims it now and refreshes the planner's statistics."""
        self._db.execute(f"VACUUM ANALYZE snapshots, {', '.join(TABLES)}")

    def reader(self) -> Sql:
        """The database for reading the read models outside a write."""
        return Sql(self._db.cursor(), paramstyle=_PARAMSTYLE)

    def copy_in(self, events: Sequence[Event]) -> None:
        if events:
            self._insert(events[0].review_id, events[0].seq - 1, list(events))

    def run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        import psycopg

        try:
            cursor = self._db.execute(sql.replace("?", "%s"), tuple(params))
        except psycopg.errors.InsufficientPrivilege as error:
            raise StoreError(f"your account may not do that on {self.where}: "
                             f"{_first_line(error)}; nothing was changed") from error
        return cursor.fetchall() if cursor.description else []

    @staticmethod
    def _last_seq(db: Any, review_id: str) -> int:
        row = db.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM events WHERE review_id = %s", (review_id,)
        ).fetchone()
        return int(row[0])

    # -- reading -------------------------------------------------------------------------

    def review_ids(self) -> list[str]:
        rows = self._db.execute("SELECT DISTINCT review_id FROM events ORDER BY review_id")
        return [row[0] for row in rows]

    def events(
        self, review_id: str, *, after_seq: int = 0, until: dt.datetime | None = None
    ) -> Iterator[Event]:
        # Page by sequence number, so a long journal streams without a server-side cursor.
        sql = ("SELECT seq, recorded_at, actor, kind, payload FROM events "
               "WHERE review_id = %s AND seq > %s")
        limit: list[Any] = []
        if until is not None:
            sql += " AND recorded_at <= %s"
            limit.append(_stamp(until))
        sql += f" ORDER BY seq LIMIT {_PAGE}"
        while True:
            batch = self._db.execute(sql, [review_id, after_seq, *limit]).fetchall()
            for seq, stamp, actor, kind, payload in batch:
                yield Event(review_id, seq, _unstamp(stamp), actor, kind,
                            self._data(review_id, seq, payload))
            if len(batch) < _PAGE:
                return
            after_seq = batch[-1][0]

    def _data(self, review_id: str, seq: int, payload: str) -> dict[str, Any]:
        data = json.loads(payload)
        if not isinstance(data, dict):
            raise StoreError(f"{self.where} is damaged: change {seq} of review {review_id} "
                             "does not hold the data of a change")
        return data

    # -- snapshots (a cache) -------------------------------------------------------------

    def save_snapshot(self, review_id: str, seq: int, state_version: str, state: str) -> None:
        import psycopg

        try:
            with self._db.transaction():
                self._db.execute(
                    "INSERT INTO snapshots (review_id, seq, state_version, state) "
                    "VALUES (%s, %s, %s, %s) ON CONFLICT (review_id, seq) DO UPDATE SET "
                    "state_version = excluded.state_version, state = excluded.state",
                    (review_id, seq, state_version, state))
                self._db.execute("DELETE FROM snapshots WHERE review_id = %s AND seq < %s",
                                 (review_id, seq))
        except psycopg.errors.InsufficientPrivilege:
            pass  # a reader who may not write keeps no cache: the journal is still the truth

    def latest_snapshot_seq(self, review_id: str, state_version: str) -> int | None:
        row = self._db.execute(
            "SELECT MAX(seq) FROM snapshots WHERE review_id = %s AND state_version = %s",
            (review_id, state_version)).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def latest_snapshot(
        self, review_id: str, state_version: str, *, at_most_seq: int | None = None
    ) -> tuple[int, str] | None:
        sql = "SELECT seq, state FROM snapshots WHERE review_id = %s AND state_version = %s"
        params: list[Any] = [review_id, state_version]
        if at_most_seq is not None:
            sql += " AND seq <= %s"
            params.append(at_most_seq)
        row = self._db.execute(sql + " ORDER BY seq DESC LIMIT 1", params).fetchone()
        return (int(row[0]), row[1]) if row else None


def server_error(error: BaseException) -> StoreError:
    """A refusal or failure of the server that reached the command line, in one sentence."""
    import psycopg

    if isinstance(error, psycopg.errors.InsufficientPrivilege):
        return StoreError(f"your account may not do that ({_first_line(error)}); nothing was "
                          "changed", hint="ask the review's business manager for a role that "
                          "may (see `casereview users list`)")
    return StoreError(f"the database server could not do that: {_first_line(error)}; the "
                      "command stopped", hint="check the server is running and try again")


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _json_text(payload: dict[str, Any]) -> str:
    """The payload as JSON text: the server's column is text, and it compresses what it stores
    itself (SQLite files deflate large payloads instead; see core.kernel.journal)."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
