"""The identity register: the real names behind a review's pseudonyms, kept apart from the rest.

The register is a separate SQLite file beside the review database (`casereview.db` ->
`casereview.identities.db`), created readable by its owner only. Nothing in it goes into the
event journal, an export, a report or a log: the publication check reads it to keep those names
out of the report, and that is all it is for. A coordinator can keep the file on a more
protected disk, or delete it when the review closes, without touching the journal.

What the journal does hold is a fingerprint of a review's entries (`fingerprint`): a keyed hash,
whose key lives only in this file, so it says whether the register changed without letting
anyone test a guessed name against it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import sqlite3
from pathlib import Path
from typing import Any

from attrs import frozen

from core.kernel.errors import InvalidValue, NotFound, StoreError
from core.kernel.journal import is_server_url
from core.kernel.journal_pg import shown


@frozen
class Identity:
    pseudonym: str
    real_name: str

    @property
    def masked(self) -> str:
        """The name as the register shows it: initials only (not even each part's length), so a
        list is safe on screen."""
        return " ".join(f"{part[0]}." for part in self.real_name.split())


def register_path(database: str) -> str:
    """Where a database's identity register lives (":memory:" for an in-memory database)."""
    if database == ":memory:":
        return ":memory:"
    if is_server_url(database):
        return database  # on the shared server, in its own table (ServerIdentityRegister)
    path = Path(database)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return str(path.with_name(f"{stem}.identities.db"))


class IdentityRegister:
    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def open(cls, path: str) -> IdentityRegister:
        if is_server_url(path):
            return ServerIdentityRegister.connect(path)
        if path != ":memory:" and not Path(path).exists():
            # Create it readable and writable by its owner only, before SQLite writes a byte.
            descriptor = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(descriptor)
        if path != ":memory:" and not os.access(path, os.W_OK):
            return cls._read_only(path)  # an archived copy: it can still be checked against
        try:
            connection = sqlite3.connect(path, isolation_level=None)
            connection.execute(
                "CREATE TABLE IF NOT EXISTS identities (review_id TEXT NOT NULL, "
                "pseudonym TEXT NOT NULL, real_name TEXT NOT NULL, "
                "PRIMARY KEY (review_id, pseudonym, real_name))"
            )
            connection.execute("CREATE TABLE IF NOT EXISTS register_key (key TEXT NOT NULL)")
        except sqlite3.Error as error:
            raise StoreError(f"cannot open the identity register {path}: {error}") from error
        return cls(connection, path)

    @classmethod
    def _read_only(cls, path: str) -> IdentityRegister:
        try:
            connection = sqlite3.connect(f"{Path(os.path.abspath(path)).as_uri()}?mode=ro",
                                         uri=True, isolation_level=None)
            connection.execute("SELECT count(*) FROM identities").fetchone()
        except sqlite3.Error as error:
            raise StoreError(f"cannot read the identity register {path}: {error}") from error
        return cls(connection, path)

    @classmethod
    def beside(cls, database: str) -> IdentityRegister:
        return cls.open(register_path(database))

    def close(self) -> None:
        self._db.close()

    def add(self, review_id: str, real_name: str, pseudonym: str) -> Identity:
        real_name = " ".join(str(real_name).split())
        pseudonym = " ".join(str(pseudonym).split())
        if not real_name:
            raise InvalidValue("give the real name to keep out of the report")
        if not pseudonym:
            raise InvalidValue("give the pseudonym the report uses instead (e.g. \"Child A\")")
        if real_name.casefold() == pseudonym.casefold():
            raise InvalidValue("the real name and the pseudonym are the same")
        self._db.execute(
            "INSERT OR IGNORE INTO identities (review_id, pseudonym, real_name) VALUES (?, ?, ?)",
            (review_id, pseudonym, real_name),
        )
        return Identity(pseudonym, real_name)

    def identities(self, review_id: str) -> list[Identity]:
        rows = self._db.execute(
            "SELECT pseudonym, real_name FROM identities WHERE review_id = ? "
            "ORDER BY pseudonym, real_name", (review_id,),
        )
        return [Identity(p, r) for p, r in rows]

    def fingerprint(self, review_id: str) -> str | None:
        """A keyed hash of the review's entries (None while it has none): it changes whenever
        a real name is registered or removed, and reveals nothing of the names."""
        entries = [[i.pseudonym, i.real_name] for i in self.identities(review_id)]
        if not entries:
            return None
        message = json.dumps([review_id, entries], ensure_ascii=False).encode("utf-8")
        return hmac.new(self._key(), message, hashlib.sha256).hexdigest()

    def _key(self) -> bytes:
        row = self._db.execute("SELECT key FROM register_key").fetchone()
        if row is None:
            key = secrets.token_hex(32)
            self._db.execute("INSERT INTO register_key (key) VALUES (?)", (key,))
            return key.encode("ascii")
        return str(row[0]).encode("ascii")

    def all_entries(self) -> list[tuple[str, Identity]]:
        """Every review's entries (for `casereview db copy`)."""
        rows = self._db.execute("SELECT review_id, pseudonym, real_name FROM identities "
                                "ORDER BY review_id, pseudonym, real_name")
        return [(review, Identity(p, r)) for review, p, r in rows]

    def key_text(self) -> str:
        return self._key().decode("ascii")

    def adopt(self, key: str, entries: list[tuple[str, Identity]]) -> None:
        """Take another register's key and entries into this empty one (a copied database)."""
        if self._db.execute("SELECT 1 FROM identities LIMIT 1").fetchone():
            raise StoreError(f"{self.path} already holds real names; nothing was copied")
        self._db.execute("DELETE FROM register_key")
        self._db.execute("INSERT INTO register_key (key) VALUES (?)", (key,))
        for review, identity in entries:
            self.add(review, identity.real_name, identity.pseudonym)

    def discard(self, review_id: str, identity: Identity) -> None:
        """Forget exactly `identity` (undoing an `add` whose journal entry failed)."""
        self._db.execute(
            "DELETE FROM identities WHERE review_id = ? AND pseudonym = ? AND real_name = ?",
            (review_id, identity.pseudonym, identity.real_name))

    def remove(self, review_id: str, pseudonym: str) -> int:
        removed = self._db.execute(
            "DELETE FROM identities WHERE review_id = ? AND pseudonym = ?", (review_id, pseudonym)
        ).rowcount
        if not removed:
            known = ", ".join(sorted({i.pseudonym for i in self.identities(review_id)})) or "none"
            raise NotFound(f"no real name is registered for {pseudonym!r}; registered: {known}")
        return int(removed)


# -- on the shared server ------------------------------------------------------------------------
# The same register as the SQLite file beside a database, kept instead in the server's own
# `identities` table, which row-level security opens only to a review's lead reviewers and
# business manager (core.kernel.server_access).


class ServerIdentityRegister(IdentityRegister):
    _db: Any  # a psycopg connection in autocommit mode

    @classmethod
    def connect(cls, url: str) -> ServerIdentityRegister:
        import psycopg

        try:
            connection: Any = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as error:
            raise StoreError(f"cannot reach the identity register at {shown(url)}: "
                             f"{str(error).strip()}") from error
        return cls(connection, f"the identity register on {shown(url)}")

    def _run(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        import psycopg

        try:
            cursor = self._db.execute(sql, params)
        except psycopg.errors.InsufficientPrivilege as error:
            raise StoreError("your account may not use the identity register; nothing was "
                             "changed", hint="only a review's lead reviewers and business "
                             "manager may") from error
        return cursor.fetchall() if cursor.description else []

    def add(self, review_id: str, real_name: str, pseudonym: str) -> Identity:
        # The checks of IdentityRegister.add, with the server's SQL.
        found = Identity(" ".join(str(pseudonym).split()), " ".join(str(real_name).split()))
        if not found.real_name or not found.pseudonym or (
                found.real_name.casefold() == found.pseudonym.casefold()):
            return super().add(review_id, real_name, pseudonym)  # raises the plain message
        self._run("INSERT INTO identities (review_id, pseudonym, real_name) VALUES (%s, %s, %s) "
                  "ON CONFLICT DO NOTHING", (review_id, found.pseudonym, found.real_name))
        return found

    def identities(self, review_id: str) -> list[Identity]:
        rows = self._run("SELECT pseudonym, real_name FROM identities WHERE review_id = %s "
                         "ORDER BY pseudonym, real_name", (review_id,))
        return [Identity(p, r) for p, r in rows]

    def _key(self) -> bytes:
        self._run("INSERT INTO register_key (only_one, key) VALUES (true, %s) "
                  "ON CONFLICT DO NOTHING", (secrets.token_hex(32),))
        return str(self._run("SELECT key FROM register_key")[0][0]).encode("ascii")

    def all_entries(self) -> list[tuple[str, Identity]]:
        rows = self._run("SELECT review_id, pseudonym, real_name FROM identities "
                         "ORDER BY review_id, pseudonym, real_name")
        return [(review, Identity(p, r)) for review, p, r in rows]

    def adopt(self, key: str, entries: list[tuple[str, Identity]]) -> None:
        if self._run("SELECT 1 FROM identities LIMIT 1"):
            raise StoreError(f"{self.path} already holds real names; nothing was copied")
        with self._db.transaction():
            self._run("DELETE FROM register_key")
            self._run("INSERT INTO register_key (only_one, key) VALUES (true, %s)", (key,))
            for review, identity in entries:
                self.add(review, identity.real_name, identity.pseudonym)

    def discard(self, review_id: str, identity: Identity) -> None:
        self._run("DELETE FROM identities WHERE review_id = %s AND pseudonym = %s "
                  "AND real_name = %s", (review_id, identity.pseudonym, identity.real_name))

    def remove(self, review_id: str, pseudonym: str) -> int:
        removed = len(self._run("DELETE FROM identities WHERE review_id = %s AND pseudonym = %s "
                                "RETURNING 1", (review_id, pseudonym)))
        if not removed:
            known = ", ".join(sorted({i.pseudonym for i in self.identities(review_id)})) or "none"
            raise NotFound(f"no real name is registered for {pseudonym!r}; registered: {known}")
        return removed
