"""A database that cannot be written is still read; one that is empty, cut short or damaged,
or on a full disk, is one plain sentence saying what to do, never a traceback."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess

import pytest

from core.kernel.errors import StoreError
from core.kernel.journal import Journal
from core.kernel.store import open_journal
from plugins.testing import SAMPLE_REVIEW_ID as REVIEW


@contextlib.contextmanager
def read_only(*paths):
    """Make `paths` unwritable even for root (chattr +i), or skip the test where that cannot
    be done."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in paths}
        for p in paths:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    done = []
    try:
        for p in paths:
            if subprocess.run(["chattr", "+i", str(p)], capture_output=True).returncode:
                pytest.skip("cannot make a file read-only for root here (chattr)")
            done.append(p)
        yield
    finally:
        for p in done:
            subprocess.run(["chattr", "-i", str(p)], capture_output=True)


@pytest.fixture
def archived(sample, journal, tmp_path):
    """The sample review, closed cleanly and copied to a folder of its own (no -wal file)."""
    journal.close()
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(tmp_path / "casereview.db", folder / "casereview.db")
    return folder


def test_a_read_only_database_can_still_be_read(archived, cli):
    cli.db = archived / "casereview.db"
    with read_only(archived / "casereview.db", archived):
        assert REVIEW in cli.ok("show", REVIEW)
        assert cli.ok("history", REVIEW)
        assert f"Report of review {REVIEW}" in cli.ok("report", REVIEW, "--format", "md", "-o", "-")
        cli.refused("move", REVIEW, "decision", says=["read-only", "nothing was changed"])
    assert sorted(os.listdir(archived)) == ["casereview.db"]


def test_a_read_only_register_can_still_be_checked_against(sample, journal, cli, tmp_path):
    cli.ok("identity", REVIEW, "add", "--pseudonym", "Child A", "--real-name-stdin",
           input="Amelia Thornbury\n")
    journal.close()
    files = [tmp_path / "casereview.db", tmp_path / "casereview.identities.db"]
    for path in files:  # closed cleanly: no -wal or -shm left
        assert path.exists()
    with read_only(*files, tmp_path):
        assert "Child A: A. T." in cli.ok("identity", REVIEW, "list")
        result = cli("publish-check", REVIEW, "--no-record")
        assert result.exit_code == 1 and "Publication check of" in result.output


def test_an_empty_file_is_not_initialised(cli, tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    cli.db = empty
    cli.refused("list", says=["empty file (0 bytes)", "not a casereview database"])
    assert empty.stat().st_size == 0


def test_a_truncated_database_is_called_damaged(sample, journal, tmp_path, cli):
    journal.close()
    path = tmp_path / "casereview.db"
    data = path.read_bytes()
    cut = tmp_path / "cut.db"
    cut.write_bytes(data[: len(data) // 2])
    cli.db = cut
    message = cli.refused("list", says=["is damaged", "cut short", "backup"])
    assert "not a casereview database" not in message


def test_a_full_disk_is_called_a_full_disk(sample, journal, cli, monkeypatch):
    def full(self):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Journal, "_prepare", full)
    cli.refused("list", says=["the disk is full", "free some space"], one_line=False)


@pytest.mark.parametrize(("sql", "says"), [
    ("UPDATE events SET payload = '{not json' WHERE seq = 2", "change 2 of review"),
    ("UPDATE events SET payload = '[1, 2]' WHERE seq = 2", "does not hold the data"),
    ("UPDATE events SET payload = '{\"collection\": 5}' WHERE seq = 2", "cannot be applied"),
    ("UPDATE casereview_meta SET value = 'x' WHERE key = 'schema_version'", "schema version"),
    ("DROP TABLE snapshots", "snapshots is missing"),
])
def test_damaged_rows_are_one_line_saying_where(sample, journal, tmp_path, cli, sql, says):
    journal.close()
    with sqlite3.connect(tmp_path / "casereview.db") as db:
        db.execute(sql)
    db.close()
    # `show` reads the read models, not the journal: the damage shows where the journal is
    # read whole, as when the read models are rebuilt from it
    message = cli.refused("db", "rebuild", says=["damaged", says, "backup"])
    assert "Traceback" not in message


def test_damage_found_after_opening_is_a_message_too(sample, journal, cli, monkeypatch):
    def broken(self, *args, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(Journal, "review_ids", broken)
    cli.refused("list", says=["is damaged", "malformed", "backup"])


def test_journal_open_refuses_an_empty_file_unless_creating(tmp_path):
    (tmp_path / "e.db").touch()
    with pytest.raises(StoreError, match="empty file"):
        open_journal(tmp_path / "e.db", create=False)
    open_journal(tmp_path / "e.db").close()  # `casereview new` may start one there
