"""`casereview db`: the database as a whole: `copy` moves it between SQLite and PostgreSQL,
`rebuild` makes its read models again from the journal."""

from __future__ import annotations

import os

import click

from core.apps.cli.base import App
from core.apps.copying import copy_database
from core.kernel import readmodels
from core.kernel.database_files import refuse_read_only_write
from core.kernel.journal_pg import shown
from core.kernel.text import plural


@click.group()
def db_command() -> None:
    """The database as a whole: copy it between a file and the partnership's server, or make
    its read models again from the journal (the reviews in it are not changed).

    A database is either an SQLite file (the default, ./casereview.db) or a PostgreSQL server
    given as postgresql://USER@HOST:PORT/DATABASE.
    """


@db_command.command("copy")
@click.argument("source", metavar="SRC")
@click.argument("target", metavar="DST")
@click.pass_obj
def copy_command(app: App, source: str, target: str) -> None:
    """Copy every review in SRC, change for change, into the empty database DST, then check
    the copy against the original.

    Times, names of who made each change, accounts and roles, the record of who saw what and
    the identity register all go across. SRC is left as it was.

    \b
    Examples:
      casereview db copy casereview.db postgresql://cr_admin@db.example.org/eastcombe
      casereview db copy postgresql://cr_admin@db.example.org/eastcombe archive-2026.db
    """
    copied = copy_database(source, target)
    click.echo(f"Copied {plural(copied.reviews, 'review')} ({plural(copied.events, 'change')}) "
               f"from {shown(source)} to {shown(target)}, and checked every change against "
               "the original.")
    also = [text for count, text in (
        (copied.rows, f"{plural(copied.rows, 'row')} of accounts, roles and who saw what"),
        (copied.identities, plural(copied.identities, "registered real name"))) if count]
    if also:
        click.echo(f"Also copied {' and '.join(also)}.")


@db_command.command("rebuild")
@click.pass_obj
def rebuild_command(app: App) -> None:
    """Make the read models again from the journal, then give back unused space.

    Every change to a review is kept in its journal; what commands read (each review's header
    and stage, its records, its chronology in order, likely duplicates) is kept beside it and
    updated with every change. Rebuilding replays every journal from the start and replaces
    all of that, so it is always safe: nothing a person recorded is touched. It also drops
    the old cached copies of reviews (snapshots) that the read models replace.
    """
    journal = app.journal
    if journal.read_only:
        raise refuse_read_only_write(journal.path)
    before = _size(journal)
    done = readmodels.rebuild_all(journal)
    journal.compact()
    for review_id, seq in done:
        click.echo(f"{review_id}: rebuilt from {plural(seq, 'change')} in its journal.")
    if not done:
        click.echo("There are no reviews in this database yet; nothing to rebuild.")
    after = _size(journal)
    if before is not None and after is not None:
        click.echo(f"The database is {after / 1e6:.1f} MB (it was {before / 1e6:.1f} MB).")


def _size(journal) -> int | None:
    path = journal.path
    if "://" in path:  # on the server: its casereview tables, with their indexes
        found = journal.run(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'")
        return int(found[0][0] or 0)
    if path == ":memory:":
        return None
    return sum(os.path.getsize(p) for p in (path, f"{path}-wal") if os.path.exists(p))
