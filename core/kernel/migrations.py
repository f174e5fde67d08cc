"""The journal's schema, as numbered migrations. Each runs once, in a transaction.

To change the schema, append a step; never edit one that has shipped. The SQL stays plain
(TEXT, INTEGER, composite primary keys) so the same steps run on PostgreSQL.
"""

from __future__ import annotations

MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE casereview_meta (
               key TEXT PRIMARY KEY,
               value TEXT NOT NULL)""",
        """CREATE TABLE events (
               review_id TEXT NOT NULL,
               seq INTEGER NOT NULL,
               recorded_at TEXT NOT NULL,
               actor TEXT NOT NULL,
               kind TEXT NOT NULL,
               payload TEXT NOT NULL,
               PRIMARY KEY (review_id, seq))""",
        "CREATE INDEX events_recorded_at ON events (review_id, recorded_at)",
        """CREATE TABLE snapshots (
               review_id TEXT NOT NULL,
               seq INTEGER NOT NULL,
               state_version TEXT NOT NULL,
               state TEXT NOT NULL,
               PRIMARY KEY (review_id, seq))""",
    ),
    # Accounts and roles, who saw what, the agencies' inbox (core.kernel.accounts, access_log,
    # inbox).
    2: (
        """CREATE TABLE accounts (
               name TEXT PRIMARY KEY,
               full_name TEXT NOT NULL,
               created_at TEXT NOT NULL,
               created_by TEXT NOT NULL)""",
        """CREATE TABLE review_roles (
               account TEXT NOT NULL REFERENCES accounts (name),
               review_id TEXT NOT NULL,
               role TEXT NOT NULL,
               agency TEXT NOT NULL DEFAULT '',
               granted_at TEXT NOT NULL,
               granted_by TEXT NOT NULL,
               PRIMARY KEY (account, review_id, role, agency))""",
        """CREATE TABLE access_log (
               review_id TEXT NOT NULL,
               at TEXT NOT NULL,
               account TEXT NOT NULL,
               what TEXT NOT NULL,
               detail TEXT NOT NULL DEFAULT '')""",
        "CREATE INDEX access_log_by_review ON access_log (review_id, at)",
        # What an agency author sends, waiting for the review team to record it.
        """CREATE TABLE inbox (
               review_id TEXT NOT NULL,
               id TEXT NOT NULL,
               agency TEXT NOT NULL,
               sent_at TEXT NOT NULL,
               account TEXT NOT NULL,
               file_name TEXT NOT NULL,
               content TEXT NOT NULL,
               PRIMARY KEY (review_id, id))""",
    ),
    # Large payloads (an imported file's entries) are stored deflated, which a casereview of
    # an earlier schema cannot read; the read models (core.kernel.readmodels) replace the snapshots.
    3: ("DELETE FROM snapshots",),
}

SCHEMA_VERSION = max(MIGRATIONS)
APPLICATION = "casereview"
