"""The identity register on the shared server: the same register as the SQLite file beside a
database, kept instead in the server's own `identities` table, which row-level security opens
only to a review's lead reviewers and business manager (core.kernel.server_access)."""

from __future__ import annotations

from typing import Any

from core.kernel.errors import NotFound, StoreError
from core.output.publication.identity import Identity, IdentityRegister


class ServerIdentityRegister(IdentityRegister):
    _db: Any  # a psycopg connection in autocommit mode

    @classmethod
    def connect(cls, url: str) -> ServerIdentityRegister:
        import psycopg

        from core.kernel.journal_pg import shown

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
        import secrets

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
