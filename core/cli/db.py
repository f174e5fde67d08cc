"""`casereview db copy SRC DST`: move a whole database between SQLite and PostgreSQL."""

from __future__ import annotations

import click

from core.cli.base import App


@click.group()
def db_command() -> None:
    """The database as a whole: copy it between a file and the partnership's server.

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
    from core.copying import copy_database
    from core.journal_pg import shown
    from core.text import plural

    copied = copy_database(source, target)
    click.echo(f"Copied {plural(copied.reviews, 'review')} ({plural(copied.events, 'change')}) "
               f"from {shown(source)} to {shown(target)}, and checked every change against "
               "the original.")
    also = [text for count, text in (
        (copied.rows, f"{plural(copied.rows, 'row')} of accounts, roles and who saw what"),
        (copied.identities, plural(copied.identities, "registered real name"))) if count]
    if also:
        click.echo(f"Also copied {' and '.join(also)}.")
