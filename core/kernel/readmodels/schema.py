"""The read models' tables: what a command reads instead of replaying the journal.

Every table here is derived from the journal and can be thrown away and rebuilt
(`casereview db rebuild`). Plain SQL (TEXT, INTEGER, composite primary keys) so that the same
statements create them in SQLite and in PostgreSQL (where `WITHOUT ROWID`, SQLite's table
kept in the order of its primary key, is left out: `install` does). Bump VERSION when a table
changes shape or meaning: every review's read models are then rebuilt from its journal on the
next open.
"""

from __future__ import annotations

VERSION = "6"  # 3: an entry's own category and risk grade; 4: pairs without a row id;
# 5: entries without a row id, their days as numbers; 6: repeated values (and the text of
# entries' ids) once, in rm_values
META_KEY = "readmodels_version"

TABLES = ("rm_reviews", "rm_items", "rm_records", "rm_entries", "rm_entry_agencies",
          "rm_duplicates", "rm_values")

SCHEMA: tuple[str, ...] = (
    # The header and stage: all that `list` and `show` need.
    """CREATE TABLE IF NOT EXISTS rm_reviews (
           review_id TEXT PRIMARY KEY,
           seq INTEGER NOT NULL,
           updated_at TEXT,
           stage TEXT NOT NULL,
           header TEXT)""",
    # The core's small collections (agencies, findings, ...), one value per row, as JSON.
    """CREATE TABLE IF NOT EXISTS rm_items (
           review_id TEXT NOT NULL,
           collection TEXT NOT NULL,
           item_key TEXT NOT NULL,
           position INTEGER NOT NULL,
           value TEXT NOT NULL,
           PRIMARY KEY (review_id, collection, item_key))""",
    # Records by kind: the core's and the plugins' own records.
    """CREATE TABLE IF NOT EXISTS rm_records (
           review_id TEXT NOT NULL,
           collection TEXT NOT NULL,
           item_key TEXT NOT NULL,
           position INTEGER NOT NULL,
           value TEXT NOT NULL,
           PRIMARY KEY (review_id, collection, item_key))""",
    # The chronology, one column per field (no field names repeated per entry), kept in the
    # order of its primary key (no row id, and so no second copy of every id in an index).
    # Days are whole numbers, days since 1 January 2000 (core.kernel.readmodels.entries); the
    # precision, agency, who, file and import are keys into rm_values, and so is the text of the
    # entry's id, before its trailing number (entries.split_id). An empty prov_agency
    # means "the entry's own agency"; NULL means none.
    """CREATE TABLE IF NOT EXISTS rm_entries (
           review_id TEXT NOT NULL,
           id_prefix INTEGER NOT NULL,
           id_number INTEGER NOT NULL,
           date_start INTEGER NOT NULL,
           date_end INTEGER NOT NULL,
           date_precision INTEGER NOT NULL,
           date_text TEXT NOT NULL,
           time TEXT NOT NULL,
           agency INTEGER NOT NULL,
           what_happened TEXT NOT NULL,
           who INTEGER NOT NULL,
           what_was_known TEXT NOT NULL,
           decision_or_action TEXT NOT NULL,
           source_ref TEXT NOT NULL,
           recorded_on INTEGER,
           shared_with TEXT NOT NULL,
           prov_agency TEXT,
           prov_file INTEGER NOT NULL,
           prov_row INTEGER,
           prov_import INTEGER NOT NULL,
           category TEXT NOT NULL DEFAULT '',
           risk_grade TEXT NOT NULL DEFAULT '',
           PRIMARY KEY (review_id, id_prefix, id_number)) WITHOUT ROWID""",
    # The merged chronology's order starts with the date span: a range of dates, or the entries
    # sharing one span (where duplicates are looked for), is found through this index. SQLite,
    # having no statistics, would rather scan a review's entries by its primary key: queries
    # reading by date say so with a range on date_start (see stored.py).
    "CREATE INDEX IF NOT EXISTS rm_entries_date ON rm_entries (review_id, date_start, date_end)",
    # How many entries each agency recorded: the agencies of a chronology without reading it.
    """CREATE TABLE IF NOT EXISTS rm_entry_agencies (
           review_id TEXT NOT NULL,
           agency TEXT NOT NULL,
           entries INTEGER NOT NULL,
           PRIMARY KEY (review_id, agency))""",
    # Likely duplicate pairs, kept per date span (only entries of one span can be duplicates).
    """CREATE TABLE IF NOT EXISTS rm_duplicates (
           review_id TEXT NOT NULL,
           date_start TEXT NOT NULL,
           date_end TEXT NOT NULL,
           first_id TEXT NOT NULL,
           second_id TEXT NOT NULL,
           similarity DOUBLE PRECISION NOT NULL,
           PRIMARY KEY (review_id, date_start, date_end, first_id, second_id)) WITHOUT ROWID""",
    # The short values entries repeat, each once per review: a key never names another value
    # until the review's read models are rebuilt.
    """CREATE TABLE IF NOT EXISTS rm_values (
           review_id TEXT NOT NULL,
           value_key INTEGER NOT NULL,
           value TEXT NOT NULL,
           PRIMARY KEY (review_id, value_key)) WITHOUT ROWID""",
)
