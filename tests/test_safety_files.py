"""Files a command writes: never over the database, whole or not at all, owner-only."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from core.kernel.store import open_journal
from plugins.testing import SAMPLE_REVIEW_ID as REVIEW


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("target", ["casereview.db", "casereview.db-wal", "casereview.db-shm",
                                    "casereview.identities.db"])
@pytest.mark.parametrize("command", [
    ("report", REVIEW, "--format", "md", "-o"),
    ("chronology", REVIEW, "--format", "csv", "-o"),
    ("graph", REVIEW, "--format", "dot", "-o"),
])
def test_no_output_is_written_over_the_database_or_its_files(sample, cli, tmp_path, command,
                                                              target):
    cli.ok("identity", REVIEW, "add", "--pseudonym", "Child A", "--real-name-stdin",
           input="Amelia Thornbury\n")
    # Read first: SQLite notes in the -shm file where readers last read (not output of ours),
    # and the refused command reads the review before it refuses.
    cli.ok("show", REVIEW)
    path = tmp_path / target
    before = path.read_bytes() if path.exists() else None
    cli.refused(*command, str(path), says=["database", "nothing was written"])
    assert (path.read_bytes() if path.exists() else None) == before
    assert "Child A" in cli.ok("identity", REVIEW, "list")  # the register is whole
    assert REVIEW in cli.ok("show", REVIEW)


def test_a_symlink_to_the_database_is_refused_too(sample, cli, tmp_path):
    (tmp_path / "innocent.md").symlink_to(tmp_path / "casereview.db")
    cli.refused("report", REVIEW, "--format", "md", "-o", str(tmp_path / "innocent.md"),
                says="database")
    assert REVIEW in cli.ok("show", REVIEW)


def test_a_full_disk_leaves_the_old_file_whole(sample, cli, tmp_path, monkeypatch):
    out = tmp_path / "report.md"
    out.write_text("the report as it was")

    def full(descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("core.output.output_file.os.fsync", full)
    message = cli.refused("report", REVIEW, "-o", str(out), says="the disk is full")
    assert "unchanged" in message and "free some space" in message
    assert out.read_text() == "the report as it was"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_database_reports_and_exports_are_owner_only(sample, cli, tmp_path):
    assert _mode(tmp_path / "casereview.db") == 0o600
    assert _mode(tmp_path / "casereview.db-wal") == 0o600
    for args, name in ((("report", REVIEW, "-o"), "r.docx"),
                       (("chronology", REVIEW, "--format", "xlsx", "-o"), "c.xlsx"),
                       (("graph", REVIEW, "-o"), "g.svg")):
        cli.ok(*args, str(tmp_path / name))
        assert _mode(tmp_path / name) == 0o600, name


def test_a_new_database_through_the_cli_is_owner_only(tmp_path):
    open_journal(tmp_path / "new.db").close()
    assert _mode(tmp_path / "new.db") == 0o600
