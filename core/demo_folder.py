"""The demo's output folder: made the demo's own, or refused, so that the demo can never delete
or overwrite anyone's files. A marker file lists exactly what the demo wrote there."""

from __future__ import annotations

from pathlib import Path

from core.errors import CaseReviewError

MARKER = ".casereview-demo"
MARKER_HEADING = "# Made by `casereview demo`. The next run deletes exactly the files listed here"
DATABASE = "casereview.db"
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
    marker.write_text("\n".join([MARKER_HEADING, "# and makes them again; it never touches "
                                 "other files.", *names]) + "\n", encoding="utf-8")


def claim(out: Path) -> set[str]:
    """Make `out` the demo's own, or refuse it; return the names already there.

    A folder the demo made holds its marker, which lists the files the demo wrote: those, and
    only those, are deleted so the run starts afresh. Any other non-empty folder is refused.
    """
    marker = out / MARKER
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
        for name in listed(marker):
            path = out / name
            if path.is_file() or path.is_symlink():
                path.unlink()  # a file this demo wrote last time: made afresh
    out.mkdir(parents=True, exist_ok=True)
    foreign = sorted(name for name in DEMO_FILES if (out / name).exists())
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
