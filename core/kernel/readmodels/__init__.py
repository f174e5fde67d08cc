"""Read models: what commands read, kept beside the journal in the same database.

The journal stays the one source of truth; everything here is derived from it, kept up to date
in the same transaction as each append, and can be rebuilt from it at any time
(`casereview db rebuild`). A command reads only the tables it needs: `show` and `list` one
header row, `findings list` the findings, the hindsight check the few entries an appraisal
cites, an import the entries of the date spans its rows fall in.

The interface, for any journal backend (SQLite and PostgreSQL both keep them):

* `Sql(cursor, paramstyle)` wraps a DB-API cursor; every statement is plain SQL with `?`
  placeholders that SQLite and PostgreSQL both run (`INSERT ... ON CONFLICT ... DO UPDATE`);
  `Sql.insert` adds many rows at once (on the server in one statement).
* `install(sql)` creates the tables (`schema.SCHEMA`) and records `schema.VERSION`.
* `project(sql, state, events)`: inside the transaction that appended `events`, with `state`
  the review after them, update the read models. The journal calls it through
  `Journal.append(..., project=callback)`, handing the callback an `Sql` on its transaction
  and the events as written.
* `rebuild(sql, state, events)`: the same from nothing, for a whole journal.
* `load(sql, review_id)`: the review from its read models (None if they do not hold it).

What a journal backend offers for this (core.kernel.journal.Journal for SQLite, and
core.kernel.journal_pg.PostgresJournal, whose `read_model_security` statements give the tables
row-level security each time `rebuild_all` makes them afresh):
`append(review_id, expected_seq, actor, events, *, project=None)` calls `project(sql, written)`
inside its transaction after inserting the events; `in_transaction(work)` runs `work(sql)` in
one transaction; `reader()` gives an `Sql` for reads; `compact()` gives back freed space;
`events(review_id)` and `review_ids()` as before. The tables use TEXT, INTEGER and DOUBLE
PRECISION only; `casereview_meta` holds `readmodels_version`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.kernel import codec
from core.kernel.readmodels.project import rebuild
from core.kernel.readmodels.schema import META_KEY, SCHEMA, TABLES, VERSION
from core.kernel.sql import Sql
from core.kernel.state import ReviewState

if TYPE_CHECKING:
    from core.kernel.journal import Journal


def installed_version(sql: Sql) -> str | None:
    found = sql.one("SELECT value FROM casereview_meta WHERE key = ?", (META_KEY,))
    return str(found[0]) if found else None


def install(sql: Sql) -> None:
    """Create the read models' tables afresh (any of an older shape are dropped)."""
    for table in TABLES:
        sql.run(f"DROP TABLE IF EXISTS {table}")
    for statement in SCHEMA:
        sql.run(statement.replace(" WITHOUT ROWID", "") if sql.server else statement)
    sql.run("INSERT INTO casereview_meta (key, value) VALUES (?, ?) ON CONFLICT (key) "
            "DO UPDATE SET value = excluded.value", (META_KEY, VERSION))


def rebuild_review(sql: Sql, journal: Journal, review_id: str) -> int:
    """Replace one review's read models by a replay of its journal; returns its last seq."""
    state = ReviewState(id=review_id)
    with codec.collector_paused():
        state.apply_all(journal.events(review_id))
        rebuild(sql, state, journal.events(review_id))
    return state.seq


def rebuild_all(journal: Journal) -> list[tuple[str, int]]:
    """Every review's read models made again from the journal, in one transaction; the
    snapshots they replace are dropped. Returns (review id, events replayed) per review."""
    done = []

    def work(sql: Sql) -> None:
        install(sql)
        # On the server, the new tables' row-level security (core.kernel.server_access).
        for statement in getattr(journal, "read_model_security", ()):
            sql.cursor.execute(statement)
        for review_id in journal.review_ids():
            done.append((review_id, rebuild_review(sql, journal, review_id)))
        sql.run("DELETE FROM snapshots")

    journal.in_transaction(work)
    return done


def ensure(journal: Journal) -> bool:
    """Whether the read models can be read: installed (and filled) on first use of a database
    that has none, or whose read models an older or newer casereview made."""
    reader = journal.reader()
    try:
        if installed_version(reader) == VERSION:
            return True
    except Exception:  # no meta table yet, or unreadable: the journal's own checks say why
        return False
    if journal.read_only:
        return False
    rebuild_all(journal)
    return True


__all__ = ["META_KEY", "SCHEMA", "VERSION", "Sql", "ensure", "install", "rebuild_all",
           "rebuild_review"]
