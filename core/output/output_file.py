"""Writing a file a command produces (a report, a chronology, a graph): whole or not at all,
readable by its owner only, and never over the review's own database.

The bytes go to a temporary file in the same folder, which replaces the old file only once it
is complete and on disk: a full disk or an interrupted run leaves the old file whole. A report
or chronology holds the full case, so the file is created readable and writable by its owner
only, as the database and the identity register are.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from core.kernel.errors import CaseReviewError
from core.output.publication.identity import register_path

# The files that make up a database: SQLite's write-ahead log and shared memory, its rollback
# journal, and the identity register beside it (with its own).
_COMPANIONS = ("", "-wal", "-shm", "-journal")


def protected_files(database: str | None) -> list[Path]:
    """The database at `database` and every file that belongs to it."""
    if not database or database == ":memory:":
        return []
    files = []
    for main in (database, register_path(database)):
        files += [Path(main + ending) for ending in _COMPANIONS]
    return files


def _same(one: Path, other: Path) -> bool:
    try:
        if one.exists() and other.exists():
            return os.path.samefile(one, other)
    except OSError:
        pass
    return os.path.realpath(one) == os.path.realpath(other)


def refuse_protected(path: Path, database: str | None) -> None:
    """Refuse to write `path` when it is the database, its register, or one of their files."""
    for protected in protected_files(database):
        if _same(path, protected):
            raise CaseReviewError(
                f"{path} is the review database's own file ({protected.name}); writing over it "
                "would destroy the review, so nothing was written",
                hint="give another file name with -o")


def write_output(path: str | Path, data: str | bytes, what: str, *,
                 database: str | None = None) -> None:
    """Write `data` (text as UTF-8, bytes as given) to `path` atomically, owner-only, refusing
    the files of `database`. `what` names the content in a message ("the report")."""
    path = Path(path)
    refuse_protected(path, database)
    payload = data if isinstance(data, bytes) else data.encode("utf-8")
    folder = path.parent if str(path.parent) else Path(".")
    temporary = None
    try:
        # mkstemp creates the file readable and writable by its owner only.
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise CaseReviewError(_failure(what, path, error), hint=_hint(error)) from error
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _failure(what: str, path: Path, error: OSError) -> str:
    kept = " (the file that was there is unchanged)" if path.exists() else ""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"cannot write {what} to {path}: the disk is full{kept}"
    return f"cannot write {what} to {path}: {error.strerror or error}{kept}"


def _hint(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "free some space on that disk, or write to another one with -o, and run again"
    return "check that the folder exists and that you may write there"
