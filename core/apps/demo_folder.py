"""The demo's output folder: made the demo's own, or refused, so that the demo can never delete
or overwrite anyone's files. A marker file lists exactly what the demo wrote there."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from core.kernel.errors import CaseReviewError

MARKER = ".casereview-demo"
MARKER_HEADING = "# Made by `casereview demo`. The next run deletes exactly the files listed here"
DATABASE = "casereview.db"
REGISTER = "casereview.identities.db"
ACTOR = "casereview demo"  # who the demo's database says made every change
# The files the demo may write besides its reports (SQLite keeps -wal, -shm and -journal files
# beside a database while it is open).
DEMO_FILES = frozenset(f"{base}{extra}" for base in (DATABASE, "casereview.identities.db")
                       for extra in ("", "-wal", "-shm", "-journal"))


def listed(marker: Path) -> list[str]:
    """The files a demo marker says the demo wrote: plain names inside the folder only."""
    try:
        lines = marker.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    if not lines or lines[0] != MARKER_HEADING:
        return []
    names = [line.strip() for line in lines[1:] if line.strip() and not line.startswith("#")]
    return [n for n in names if n == Path(n).name and n not in (".", "..", MARKER)]


def write_marker(marker: Path, names: list[str]) -> None:
    text = "\n".join([MARKER_HEADING, "# and makes them again; it never touches other files.",
                      *names]) + "\n"
    # Never through a symbolic link: the marker is written in the folder, or not at all.
    handle = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)


def will_write(out: Path, name: str) -> None:
    """Add `name` to the marker before the file is written, so that a run killed while writing
    it leaves a folder the next run can clean up."""
    marker = out / MARKER
    names = listed(marker)
    if name not in names:
        write_marker(marker, [*names, name])


def _refuse_unless_demo_made(out: Path, names: list[str]) -> None:
    """Refuse to delete a database or register the demo listed but that now holds more than
    the demo's own review: someone has used it for real work since."""
    database, register = out / DATABASE, out / REGISTER
    reviews: set[str] = set()
    try:
        if DATABASE in names and database.is_file():
            with _reading(database) as db:
                actors = {row[0] for row in db.execute("SELECT DISTINCT actor FROM events")}
                reviews = {row[0] for row in db.execute("SELECT DISTINCT review_id FROM events")}
            if actors - {ACTOR}:
                raise _not_the_demos(database, "changes made by someone other than the demo")
        if REGISTER in names and register.is_file():
            with _reading(register) as db:
                named = {row[0] for row in db.execute("SELECT DISTINCT review_id FROM identities")}
            if named - reviews:
                raise _not_the_demos(register, "real names for reviews the demo did not make")
    except sqlite3.Error as error:
        raise _not_the_demos(database, f"something the demo cannot read ({error})") from error


class _reading:
    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)

    def __enter__(self) -> sqlite3.Connection:
        return self.db

    def __exit__(self, *exc: object) -> None:
        self.db.close()


def _not_the_demos(path: Path, what: str) -> CaseReviewError:
    return CaseReviewError(
        f"{path} holds {what}, so the demo will not delete it; nothing was changed",
        hint="move that file somewhere safe (it may hold a real review), or give the demo a "
             "folder of its own with --out")


def claim(out: Path) -> set[str]:
    """Make `out` the demo's own, or refuse it; return the names already there.

    A folder the demo made holds its marker, which lists the files the demo wrote: those, and
    only those, are deleted so the run starts afresh. Any other non-empty folder is refused.
    """
    marker = out / MARKER
    if marker.is_symlink():
        raise CaseReviewError(f"{marker} is a link to another file, not the demo's own marker; "
                              "nothing was changed", hint="remove the link, or give the demo a "
                              "folder of its own with --out")
    if out.exists() and not out.is_dir():
        raise CaseReviewError(f"{out} is a file, not a folder; nothing was changed",
                              hint="give the demo a folder of its own with --out")
    if out.is_dir():
        present = sorted(p.name for p in out.iterdir())
        if present and not marker.is_file():
            shown = ", ".join(present[:5]) + (", ..." if len(present) > 5 else "")
            raise CaseReviewError(
                f"{out} already holds files the demo did not make ({shown}); nothing was "
                "changed", hint="give the demo an empty or new folder with --out (for "
                "example `casereview demo --out demo-output`), or move those files elsewhere")
        names = listed(marker)
        _refuse_unless_demo_made(out, names)
        for name in names:
            path = out / name
            if path.is_file() or path.is_symlink():
                path.unlink()  # a file this demo wrote last time: made afresh
    out.mkdir(parents=True, exist_ok=True)
    foreign = sorted(name for name in DEMO_FILES if os.path.lexists(out / name))
    if foreign:
        raise CaseReviewError(
            f"{out} already holds {', '.join(foreign)}, which the demo did not make (a "
            "casereview database or identity register); nothing was changed",
            hint="give the demo a folder of its own with --out")
    before = {p.name for p in out.iterdir()}
    # Claimed before anything is written, so an interrupted run can still be cleaned up.
    write_marker(marker, sorted(DEMO_FILES))
    return before


def release(out: Path, before: set[str]) -> None:
    """List in the marker every file this run wrote."""
    made = sorted({p.name for p in out.iterdir()} - before - {MARKER})
    write_marker(out / MARKER, made)
