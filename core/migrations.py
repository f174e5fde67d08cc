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
    # Large payloads (an imported file's entries) are stored deflated, which a casereview of
    # schema 1 cannot read; the read models (core.readmodels) replace the snapshots.
    2: ("DELETE FROM snapshots",),
}

SCHEMA_VERSION = max(MIGRATIONS)
APPLICATION = "casereview"
