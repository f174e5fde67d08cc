"""People, roles and who saw what, through the command line; and `casereview db copy` between
SQLite and PostgreSQL (the server directions need CASEREVIEW_TEST_POSTGRES)."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from conftest import TEST_SERVER, drop_server_schema, server_schema_url

from core.kernel.journal import Journal
from core.kernel.store import open_journal
from plugins.testing import SAMPLE_REVIEW_ID as REVIEW


@pytest.fixture
def team(cli, sample):
    """Accounts on the sample review: a lead reviewer and a review team member."""
    cli.ok("users", "add", "alee", "--full-name", "Alex Lee")
    cli.ok("users", "add", "bkhan", "--full-name", "Billie Khan")
    cli.ok("users", "grant", "alee", REVIEW, "lead-reviewer")
    cli.ok("users", "grant", "bkhan", REVIEW, "review-team")
    return cli


def test_accounts_and_their_roles_are_listed(team):
    listed = team.ok("users", "list")
    assert "alee (Alex Lee)" in listed and f"{REVIEW}: lead reviewer" in listed
    assert f"{REVIEW}: review team member" in listed
    team.ok("users", "revoke", "bkhan", REVIEW, "review-team")
    assert "review team member" not in team.ok("users", "list")


def test_bad_accounts_and_roles_are_refused_with_what_to_do(team):
    team.refused("users", "add", "Alex Lee", "--full-name", "A", says="lower-case")
    team.refused("users", "add", "alee", "--full-name", "Again", says="already an account")
    team.refused("users", "grant", "nobody", REVIEW, "board-member", says="no account")
    team.refused("users", "grant", "alee", REVIEW, "agency-author", says="needs --agency")
    team.refused("users", "grant", "alee", "CR-1999-001", "board-member")


def test_reads_of_the_register_and_the_pack_are_recorded_and_listed(team, tmp_path):
    assert "No one has read" in team.ok("audit", REVIEW)
    team.ok("--actor", "alee", "identity", REVIEW, "list")
    team.ok("--actor", "bkhan", "report", REVIEW, "--pack", "--format", "md",
            "-o", str(tmp_path / "pack.md"))
    audit = team.ok("audit", REVIEW).splitlines()
    assert len(audit) == 2
    assert "alee read the identity register (listed)" in audit[0]
    assert "bkhan read the review team's pack (to " in audit[1]
    assert " UTC: " in audit[0] and "20" in audit[0]  # the date in words, then the time


def test_a_role_without_the_right_is_refused_and_nothing_is_recorded(team, tmp_path):
    message = team.refused("--actor", "bkhan", "identity", REVIEW, "list",
                           says=["bkhan may not see the identity register",
                                 "lead reviewer", "casereview users grant"])
    assert "Traceback" not in message
    team.refused("--actor", "bkhan", "audit", REVIEW, says="may not see who saw what")
    team.refused("--actor", "bkhan", "users", "grant", "bkhan", REVIEW, "lead-reviewer",
                 says="may not give others roles")
    assert "No one has read" in team.ok("audit", REVIEW)


def test_an_agency_authors_account_waits_in_the_inbox_for_the_team(team, tmp_path):
    account = tmp_path / "police-account.md"
    account.write_text("# Involvement\nOfficers attended twice.\n", encoding="utf-8")
    team.ok("users", "add", "pauthor", "--full-name", "Pat Author")
    team.ok("users", "grant", "pauthor", REVIEW, "agency-author", "--agency", "Northwold Police")
    sent = team.ok("--actor", "pauthor", "inbox", REVIEW, "send", "Northwold Police",
                   "--file", str(account))
    reference = sent.split("(reference ")[1].split(")")[0]
    team.refused("--actor", "pauthor", "inbox", REVIEW, "send", "Brookside Surgery",
                 "--file", str(account), says="pauthor writes for Northwold Police")
    team.refused("inbox", "CR-1999-001", "send", "Northwold Police", "--file", str(account),
                 says="no review")
    listed = team.ok("--actor", "bkhan", "inbox", REVIEW, "list")
    assert f"{reference}  " in listed and "Northwold Police: police-account.md" in listed
    saved = tmp_path / "saved.md"
    said = team.ok("--actor", "bkhan", "inbox", REVIEW, "save", reference, "-o", str(saved))
    assert saved.read_bytes() == account.read_bytes()
    assert "submissions" in said and "add" in said
    assert (saved.stat().st_mode & 0o777) == 0o600


# -- copying a whole database -------------------------------------------------------------------


def _hops(tmp_path) -> tuple[list[str], str | None]:
    """Where the copies go: another file always; the server and back to a file when a test
    server is given (with the schema to drop afterwards)."""
    if not TEST_SERVER:
        return [str(tmp_path / "copy.db")], None
    name = f"test_{uuid.uuid4().hex[:12]}"
    return [server_schema_url(name), str(tmp_path / "back.db")], name


def _everything(location: str) -> dict:
    with open_journal(location, create=False) as journal:
        return {review: list(journal.events(review)) for review in journal.review_ids()}


def test_a_database_is_copied_event_for_event_with_its_register_and_roles(team, tmp_path):
    first = str(team.db)
    hops, schema = _hops(tmp_path)
    team.ok("identity", REVIEW, "add", "--pseudonym", "Child T", "--real-name", "Jo Fictional")
    team.ok("--actor", "alee", "identity", REVIEW, "list")
    original = _everything(first)
    try:
        source = first
        for target in hops:
            said = team.ok("db", "copy", source, target)
            assert f"Copied 1 review ({sum(map(len, original.values()))} changes)" in said
            assert "checked every change" in said and "1 registered real name" in said
            assert _everything(target) == original  # times, actors and data, exactly
            team.db = target
            assert "Child T: J. F." in team.ok("identity", REVIEW, "list")
            assert "alee read the identity register" in team.ok("audit", REVIEW)
            source = target
        team.refused("db", "copy", first, hops[-1], says="only goes into an empty database")
        assert _everything(hops[-1]) == original
        if schema:  # the accounts have their logins on the server now
            with psycopg.connect(TEST_SERVER or "", autocommit=True) as admin:
                logins = admin.execute("SELECT rolname FROM pg_roles WHERE rolname IN "
                                       "('alee', 'bkhan') AND rolcanlogin").fetchall()
                assert sorted(logins) == [("alee",), ("bkhan",)]
    finally:
        if schema:
            drop_server_schema(schema)
            with psycopg.connect(TEST_SERVER or "", autocommit=True) as admin:
                for login in ("alee", "bkhan"):
                    admin.execute(f"DROP ROLE IF EXISTS {login}")


def test_a_copy_that_lost_a_change_is_caught(sample, tmp_path, cli, monkeypatch):
    copy_in = Journal.copy_in
    monkeypatch.setattr(Journal, "copy_in", lambda self, events: copy_in(self, events[:-1]))
    cli.refused("db", "copy", str(cli.db), str(tmp_path / "copy.db"),
                says=[f"change {sample.seq} of {REVIEW} differs", "do not use the copy"])


def test_copying_from_nowhere_creates_nothing(tmp_path, cli):
    cli.refused("db", "copy", str(tmp_path / "missing.db"), str(tmp_path / "new.db"),
                says="there is no casereview database")
    assert not (tmp_path / "new.db").exists()


@pytest.mark.skipif(not TEST_SERVER, reason="no PostgreSQL test server given")
def test_the_command_line_works_against_the_server(tmp_path, host):
    from conftest import CommandLine

    name = f"test_{uuid.uuid4().hex[:12]}"
    url = server_schema_url(name)
    try:
        cli = CommandLine(host, url)
        cli.refused("list", says="there is no casereview database")
        with psycopg.connect(TEST_SERVER or "") as admin:
            assert admin.execute("SELECT count(*) FROM information_schema.tables "
                                 "WHERE table_schema = %s", (name,)).fetchone() == (0,)
    finally:
        drop_server_schema(name)


def test_an_archived_copy_from_before_accounts_can_still_be_read(sample, journal, cli, tmp_path):
    import os
    import sqlite3

    from test_safety_database import read_only

    journal.close()
    path = tmp_path / "casereview.db"
    with sqlite3.connect(path) as old:  # as casereview wrote it before schema 2
        for table in ("review_roles", "accounts", "access_log", "inbox"):
            old.execute(f"DROP TABLE {table}")
        old.execute("UPDATE casereview_meta SET value = '1' WHERE key = 'schema_version'")
    old.close()
    with read_only(path, tmp_path):
        assert REVIEW in cli.ok("show", REVIEW)
        cli.refused("move", REVIEW, "decision", says="read-only")
    assert sorted(os.listdir(tmp_path)) == ["casereview.db"]
    with open_journal(path) as upgraded:  # and a writable one is brought up to date
        assert upgraded.run("SELECT count(*) FROM access_log") == [(0,)]
