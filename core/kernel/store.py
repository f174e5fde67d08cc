"""Opening the journal where it is kept: a file (SQLite) or the partnership's server."""

from __future__ import annotations

import os

from core.kernel.journal import Journal, default_path, is_server_url, utc_now
from core.kernel.journal_pg import PostgresJournal


def open_journal(
    path: str | os.PathLike[str] | None = None, *, clock=utc_now, create: bool = True
) -> Journal:
    """Open (or, with `create`, start) the journal at `path`: a file, ':memory:' for a
    throwaway one, or the partnership's server as postgresql://USER@HOST:PORT/DATABASE. The
    default is ./casereview.db, or $CASEREVIEW_DB."""
    location = str(path if path is not None else default_path())
    if is_server_url(location):
        return PostgresJournal.connect(location, clock=clock, create=create)
    return Journal.open(location, clock=clock, create=create)
