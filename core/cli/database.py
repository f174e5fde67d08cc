"""`casereview db rebuild`: the read models made again from the journal."""

from __future__ import annotations

import os

import click

from core.cli.base import App
from core.text import plural


@click.group("db")
def db_command() -> None:
    """Look after the database itself (the reviews in it are not changed)."""


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
    from core import readmodels

    journal = app.journal
    if journal.read_only:
        from core.database_files import refuse_read_only_write

        raise refuse_read_only_write(journal.path)
    before = _size(journal.path)
    done = readmodels.rebuild_all(journal)
    journal.compact()
    for review_id, seq in done:
        click.echo(f"{review_id}: rebuilt from {plural(seq, 'change')} in its journal.")
    if not done:
        click.echo("There are no reviews in this database yet; nothing to rebuild.")
    after = _size(journal.path)
    if before is not None and after is not None:
        click.echo(f"The database is {after / 1e6:.1f} MB (it was {before / 1e6:.1f} MB).")


def _size(path: str) -> int | None:
    if path == ":memory:":
        return None
    return sum(os.path.getsize(p) for p in (path, f"{path}-wal") if os.path.exists(p))
