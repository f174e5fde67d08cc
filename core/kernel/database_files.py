"""The database as files on a disk: opened read-only when it cannot be written, and every way
it can be unusable (empty, truncated, damaged, on a full disk) told in one plain sentence that
says what to do next, never as a traceback.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from core.kernel.errors import StoreError

RESTORE = ("restore the database from your backup copy (the files casereview.db, "
           "casereview.identities.db and any -wal file beside them, copied together)")


def writable(path: str) -> bool:
    """Whether this process may change the database file and create SQLite's files beside it."""
    folder = os.path.dirname(os.path.abspath(path))
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK)


def connect_read_only(path: str) -> sqlite3.Connection:
    """Open a database this process cannot write: an archived review on a read-only share, or
    an auditor's copy. In WAL mode SQLite needs a shared-memory file beside the database; when
    that cannot be created either, the file is read as it stands (immutable), which is right only
    while no change waits in its -wal file."""
    uri = Path(os.path.abspath(path)).as_uri()  # percent-encoded, as SQLite reads a URI
    connection = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, timeout=10.0)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except sqlite3.OperationalError:
        connection.close()
    wal = Path(path + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(
            f"{path} cannot be written, and its latest changes are still in {wal.name}, which "
            "cannot be read without writing beside it; nothing was changed",
            hint="copy the database with its -wal file to a folder you may write to and give "
                 "that copy with --db")
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)


def refuse_read_only_write(path: str) -> StoreError:
    return StoreError(
        f"{path} is read-only here (an archived review, or a copy you may only read); this "
        "command changes the review, so nothing was changed",
        hint="copy the database and its register to a folder you may write to, and give that "
             "copy with --db")


def cannot_open(path: str, error: sqlite3.Error) -> StoreError:
    """Why SQLite could not open or read a file that starts like an SQLite database."""
    text = str(error)
    if "full" in text or "disk I/O" in text:
        return StoreError(
            f"cannot use {path}: the disk is full or cannot be written (SQLite: {text}); "
            "nothing was changed",
            hint="free some space on that disk (or check it is still connected) and run again")
    if "readonly" in text or "read-only" in text:
        return refuse_read_only_write(path)
    truncated = _truncated(path)
    if truncated:
        return StoreError(f"{path} is damaged: {truncated}; nothing was changed", hint=RESTORE)
    if "malformed" in text or "corrupt" in text:
        return StoreError(f"{path} is damaged (SQLite: {text}); nothing was changed",
                          hint=RESTORE)
    return StoreError(
        f"{path} is not a casereview database (SQLite cannot read it: {text}); nothing was "
        "changed", hint="give another file with --db or CASEREVIEW_DB")


def _truncated(path: str) -> str | None:
    """A description of how the file is shorter than its own header says, or None."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
        size = os.path.getsize(path)
    except OSError:
        return None
    if len(header) < 100:
        return f"it is cut short ({size} bytes, less than an SQLite header)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count in the header is valid when its "version valid for" matches the counter.
    if header[24:28] == header[92:96] and pages and size < pages * page_size:
        return (f"it is cut short ({size:,} bytes of the {pages * page_size:,} its header "
                "records)")
    return None


def damaged(path: str, where: str, what: str) -> StoreError:
    """A part of the database that casereview wrote but cannot read back."""
    return StoreError(f"the database {path} is damaged: {where} {what}; nothing was changed",
                      hint=RESTORE)
