"""The journal on the partnership's PostgreSQL server: refusals of databases that are not ours,
racing writers, migration, and row-level security per review and role. These need a server
(CASEREVIEW_TEST_POSTGRES; `.ci/run` starts one) and are skipped without one."""

from __future__ import annotations

import threading
import uuid
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from conftest import TEST_SERVER, drop_server_schema, server_schema_url

from core.kernel import accounts
from core.kernel.errors import ConflictError, StoreError
from core.kernel.journal import Journal, NewEvent
from core.kernel.migrations import MIGRATIONS, SCHEMA_VERSION
from core.kernel.store import open_journal
from core.output.publication.identity import IdentityRegister

pytestmark = pytest.mark.skipif(not TEST_SERVER, reason="no PostgreSQL test server given")


@pytest.fixture
def schema():
    """A fresh, empty schema on the test server: (its name, the URL that uses it)."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    yield name, server_schema_url(name)
    drop_server_schema(name)


def admin_run(name: str, *statements: str) -> None:
    with psycopg.connect(TEST_SERVER or "", autocommit=True) as admin:
        admin.execute(f'SET search_path = "{name}"')
        for statement in statements:
            admin.execute(statement)


def as_login(url: str, login: str) -> str:
    """The same database and schema, connected as `login`."""
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{login}@{host}"))


# -- refusals -----------------------------------------------------------------------------------


def test_a_database_of_another_application_is_refused_and_left_alone(schema):
    name, url = schema
    admin_run(name, "CREATE TABLE patients (id INTEGER)", "INSERT INTO patients VALUES (7)")
    with pytest.raises(StoreError, match=r"not a casereview one.*patients.*nothing was changed"):
        open_journal(url)
    with psycopg.connect(TEST_SERVER or "") as admin:
        admin.execute(f'SET search_path = "{name}"')
        tables = admin.execute("SELECT table_name FROM information_schema.tables "
                               "WHERE table_schema = %s", (name,)).fetchall()
        assert tables == [("patients",)]


def test_a_database_from_a_newer_version_is_refused(schema):
    name, url = schema
    open_journal(url).close()
    admin_run(name, f"UPDATE casereview_meta SET value = '{SCHEMA_VERSION + 1}' "
                    "WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer casereview"):
        open_journal(url)


def test_an_empty_database_is_not_started_by_a_command_that_only_reads(schema):
    _, url = schema
    with pytest.raises(StoreError, match="there is no casereview database"):
        open_journal(url, create=False)


def test_a_password_never_appears_in_a_message():
    with pytest.raises(StoreError) as refused:
        open_journal("postgresql://someone:s3cret-word@127.0.0.1:1/nowhere")
    assert "s3cret-word" not in str(refused.value)
    assert "someone:***@" in str(refused.value)


def test_an_old_database_is_migrated_and_keeps_its_events(schema):
    name, url = schema
    admin_run(name, *MIGRATIONS[1],
              "INSERT INTO casereview_meta VALUES ('application', 'casereview'), "
              "('schema_version', '1')",
              "INSERT INTO events VALUES ('CR-1', 1, '2026-01-05T10:00:00.000000Z', 'a', "
              "'note', '{\"n\": 1}')")
    with open_journal(url) as journal:
        assert journal.schema_version() == SCHEMA_VERSION
        assert [e.payload for e in journal.events("CR-1")] == [{"n": 1}]
        assert journal.run("SELECT count(*) FROM access_log") == [(0,)]


# -- two writers --------------------------------------------------------------------------------


def test_two_connections_writing_from_the_same_reading_one_wins(schema):
    _, url = schema
    first, second = open_journal(url), open_journal(url)
    try:
        for round_ in range(10):
            seen = first.last_seq("CR-1")
            ready = threading.Barrier(2)
            outcome: dict[str, str] = {}

            def write(journal: Journal, who: str, seen: int = seen,
                      ready: threading.Barrier = ready, outcome: dict = outcome) -> None:
                ready.wait()
                try:
                    journal.append("CR-1", seen, who, [NewEvent("note", {"who": who}),
                                                       NewEvent("note", {"who": who})])
                    outcome[who] = "won"
                except ConflictError:
                    outcome[who] = "conflict"

            threads = [threading.Thread(target=write, args=(j, w))
                       for j, w in ((first, "a"), (second, "b"))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert sorted(outcome.values()) == ["conflict", "won"], round_
        events = list(first.events("CR-1"))
        assert [e.seq for e in events] == list(range(1, 21))
        # each batch is whole: its two events are by one writer
        assert all(events[i].actor == events[i + 1].actor for i in range(0, 20, 2))
    finally:
        first.close()
        second.close()


# -- row-level security -------------------------------------------------------------------------


@pytest.fixture
def logins():
    """Makes database logins through `casereview users add`; drops them afterwards."""
    made: list[str] = []

    def make(journal: Journal, role_name: str) -> str:
        login = f"{role_name}_{uuid.uuid4().hex[:8]}"
        accounts.add_account(journal, login, role_name.replace("_", " ").title(), "admin")
        made.append(login)
        return login

    yield make
    with psycopg.connect(TEST_SERVER or "", autocommit=True) as admin:
        for login in made:
            admin.execute(f'DROP OWNED BY "{login}"')
            admin.execute(f'DROP ROLE "{login}"')


@pytest.fixture
def two_reviews(schema, logins):
    """Reviews CR-A and CR-B, a lead reviewer of CR-A, a board member of CR-A, a review team
    member of CR-B, an agency author for the School on CR-A and CR-A's business manager."""
    _, url = schema
    with open_journal(url) as admin:
        admin.append("CR-A", 0, "admin", [
            NewEvent("note", {"agency": "School", "text": "School's import"}),
            NewEvent("note", {"agency": "Police", "text": "Police import"}),
            NewEvent("note", {"value": {"agency": "School", "text": "School's entry"}}),
            NewEvent("note", {"value": {"agency": "Police", "text": "Police entry",
                                        "shared_with": [{"agency": "School"}]}})])
        admin.append("CR-B", 0, "admin", [NewEvent("note", {"text": "another review"})])
        people = {"lead": logins(admin, "lead"), "board": logins(admin, "board"),
                  "team_b": logins(admin, "team_b"), "school": logins(admin, "school"),
                  "manager": logins(admin, "manager")}
        accounts.grant(admin, people["manager"], "CR-A", "business-manager", "", "admin")
        accounts.grant(admin, people["lead"], "CR-A", "lead-reviewer", "", "admin")
        accounts.grant(admin, people["board"], "CR-A", "board-member", "", "admin")
        accounts.grant(admin, people["team_b"], "CR-B", "review-team", "", "admin")
        accounts.grant(admin, people["school"], "CR-A", "agency-author", "School", "admin")
        register = IdentityRegister.open(url)
        register.add("CR-A", "Jamie Fictional", "Child A")
        register.add("CR-B", "Robin Fictional", "Child B")
        register.close()
    return url, people


def test_a_member_of_one_review_cannot_read_another_reviews_rows(two_reviews):
    url, people = two_reviews
    with open_journal(as_login(url, people["team_b"]), create=False) as member:
        assert member.review_ids() == ["CR-B"]
        assert list(member.events("CR-A")) == []
        assert member.last_seq("CR-A") == 0
        # not through the application either: the table itself shows nothing of CR-A
        rows = member.run("SELECT DISTINCT review_id FROM events")
        assert rows == [("CR-B",)]
        assert member.run("SELECT count(*) FROM events WHERE review_id = 'CR-A'") == [(0,)]


def test_a_board_member_reads_but_cannot_change_the_review(two_reviews):
    url, people = two_reviews
    with open_journal(as_login(url, people["board"]), create=False) as board:
        assert [e.seq for e in board.events("CR-A")] == [1, 2, 3, 4]
        with pytest.raises(StoreError, match=r"may not change review CR-A.*nothing was changed"):
            board.append("CR-A", 4, people["board"], [NewEvent("note", {})])
    with open_journal(url) as admin:
        assert admin.last_seq("CR-A") == 4


def test_an_agency_author_sees_only_their_agencys_material(two_reviews):
    url, people = two_reviews
    with open_journal(as_login(url, people["school"]), create=False) as author:
        assert [e.payload.get("text") or e.payload["value"]["text"]
                for e in author.events("CR-A")] == ["School's import", "School's entry"]
        assert list(author.events("CR-B")) == []


def test_only_named_roles_see_the_identity_register(two_reviews):
    url, people = two_reviews
    lead = IdentityRegister.open(as_login(url, people["lead"]))
    team = IdentityRegister.open(as_login(url, people["team_b"]))
    try:
        assert [i.pseudonym for i in lead.identities("CR-A")] == ["Child A"]
        assert lead.identities("CR-B") == []  # another review's names stay hidden
        assert team.identities("CR-B") == []  # a review team member is not a named role
    finally:
        lead.close()
        team.close()


def test_the_application_refuses_too_and_records_only_allowed_reads(two_reviews):
    from core.kernel.access_log import entries, seen

    url, people = two_reviews
    with (open_journal(as_login(url, people["board"]), create=False) as board,
          pytest.raises(accounts.AccessRefused, match="may not see the identity register")):
        seen(board, "ignored on the server", "CR-A", "identity")
    with open_journal(as_login(url, people["lead"]), create=False) as lead:
        seen(lead, "ignored on the server", "CR-A", "identity", "listed")
        assert [(a.account, a.what) for a in entries(lead, "CR-A")] == [
            (people["lead"], "identity")]
        # a member cannot put a read in someone else's name
        with pytest.raises(StoreError, match="may not"):
            lead.run("INSERT INTO access_log VALUES ('CR-A', 'x', 'someone', 'pack', '')")


def test_a_business_manager_gives_roles_on_their_own_review_only(two_reviews):
    url, people = two_reviews
    with open_journal(as_login(url, people["manager"]), create=False) as manager:
        assert {a.name for a in accounts.accounts(manager)} >= set(people.values())
        accounts.grant(manager, people["team_b"], "CR-A", "board-member", "", "manager")
        with pytest.raises(StoreError, match="may not"):  # the database refuses, not only us
            manager.run("INSERT INTO review_roles VALUES (?, 'CR-B', 'lead-reviewer', '', "
                        "'x', 'manager')", (people["manager"],))
    with open_journal(as_login(url, people["team_b"]), create=False) as member:
        assert member.review_ids() == ["CR-A", "CR-B"]  # the new role opened CR-A to them
    with open_journal(as_login(url, people["lead"]), create=False) as lead:
        assert accounts.accounts(lead) == [accounts.Account(people["lead"], "Lead")]


def test_a_refusal_by_the_server_reaches_the_command_line_as_one_sentence(two_reviews):
    from conftest import CommandLine

    from plugins.testing import make_host

    url, people = two_reviews
    board = CommandLine(make_host("rca"), as_login(url, people["board"]))
    board.refused("users", "add", "intruder", "--full-name", "Not Allowed",
                  says=["your account may not do that", "nothing was changed"])


def test_an_agency_author_sends_for_their_own_agency_and_the_team_receives_it(two_reviews,
                                                                              tmp_path):
    from core.evidence import inbox

    url, people = two_reviews
    account = tmp_path / "school-account.md"
    account.write_text("# Involvement\nThe school saw Child A daily.\n", encoding="utf-8")
    with open_journal(as_login(url, people["school"]), create=False) as author:
        sent = inbox.send(author, "ignored", "CR-A", "School", account)
        with pytest.raises(accounts.AccessRefused, match="writes for School"):
            inbox.send(author, "ignored", "CR-A", "Police", account)
        with pytest.raises(StoreError, match="may not"):  # the database refuses it too
            author.run("INSERT INTO inbox VALUES ('CR-A', 'x1', 'Police', 'x', ?, 'f', 'eA==')",
                       (people["school"],))
        assert [s.id for s in inbox.waiting(author, "ignored", "CR-A")] == [sent.id]
    with open_journal(as_login(url, people["lead"]), create=False) as lead:
        got, data = inbox.content(lead, "ignored", "CR-A", sent.id)
        assert data == account.read_bytes() and got.account == people["school"]
    with open_journal(as_login(url, people["team_b"]), create=False) as other:
        assert other.run("SELECT count(*) FROM inbox") == [(0,)]  # another review's team


def test_a_login_that_may_not_create_the_tables_is_told_who_can(schema):
    _, url = schema
    login = f"plain_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(TEST_SERVER or "", autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {login} LOGIN")
    try:
        with pytest.raises(StoreError, match="may not do that") as refused:
            open_journal(as_login(url, login))
        assert "CREATEROLE" in (refused.value.hint or "")
    finally:
        with psycopg.connect(TEST_SERVER or "", autocommit=True) as admin:
            admin.execute(f"DROP ROLE {login}")


# -- read models --------------------------------------------------------------------------------


@pytest.fixture
def two_kept_reviews(schema, logins):
    """Two sample reviews written through the application, so their read models are kept: a
    review team member of each, a board member of the first and an agency author on it."""
    from core.plugin_api.reviews import Reviews
    from plugins.testing import build_sample_review, make_host

    _, url = schema
    with open_journal(url) as admin:
        reviews = Reviews(admin, make_host("rca"), "admin")
        for review_id in ("CR-2025-901", "CR-2025-902"):
            build_sample_review(reviews, methodology="rca", review_id=review_id)
        people = {"team_a": logins(admin, "team_a"), "team_b": logins(admin, "team_b"),
                  "board_a": logins(admin, "board_a"), "school": logins(admin, "school")}
        accounts.grant(admin, people["team_a"], "CR-2025-901", "review-team", "", "admin")
        accounts.grant(admin, people["team_b"], "CR-2025-902", "review-team", "", "admin")
        accounts.grant(admin, people["board_a"], "CR-2025-901", "board-member", "", "admin")
        accounts.grant(admin, people["school"], "CR-2025-901", "agency-author", "School",
                       "admin")
    return url, people


def test_a_member_of_one_review_cannot_read_another_reviews_read_models(two_kept_reviews):
    from core.kernel.readmodels.schema import TABLES

    url, people = two_kept_reviews
    with open_journal(url) as admin:  # both reviews have rows in every table that is not empty
        filled = [t for t in TABLES if admin.run(f"SELECT 1 FROM {t} LIMIT 1")]
        assert {"rm_reviews", "rm_items", "rm_entries", "rm_entry_agencies"} <= set(filled)
        for table in filled:
            assert admin.run(f"SELECT DISTINCT review_id FROM {table} ORDER BY 1") == [
                ("CR-2025-901",), ("CR-2025-902",)]
    with open_journal(as_login(url, people["team_b"]), create=False) as member:
        for table in filled:
            assert member.run(f"SELECT DISTINCT review_id FROM {table}") == [("CR-2025-902",)]
            assert member.run(f"SELECT count(*) FROM {table} "
                              "WHERE review_id = 'CR-2025-901'") == [(0,)]
        # nor change them: the server refuses a row for the other review
        with pytest.raises(StoreError, match="may not"):
            member.run("INSERT INTO rm_reviews VALUES ('CR-2025-901', 99, NULL, 'x', NULL)")
        member.run("DELETE FROM rm_entries WHERE review_id = 'CR-2025-901'")  # finds no rows
    with open_journal(url) as admin:
        assert admin.run("SELECT count(*) > 0 FROM rm_entries "
                         "WHERE review_id = 'CR-2025-901'") == [(True,)]


def test_members_keep_and_read_the_read_models_their_roles_allow(two_kept_reviews):
    from core.kernel import readmodels
    from core.kernel.errors import NotFound
    from core.kernel.model import Finding
    from core.kernel.readmodels.stored import StoredEntries
    from core.kernel.state import put
    from core.plugin_api.reviews import Reviews
    from plugins.testing import make_host

    url, people = two_kept_reviews
    host = make_host("rca")
    with open_journal(as_login(url, people["team_a"]), create=False) as member:
        assert member.keeps_read_models
        team = Reviews(member, host, people["team_a"])
        state = team.write(team.load("CR-2025-901"),
                           [put("findings", Finding("F9", "Kept by a member", "It says."))])
        assert isinstance(state.chronology, StoredEntries)
        with pytest.raises(NotFound):
            team.load("CR-2025-902")
    with open_journal(as_login(url, people["board_a"]), create=False) as board:
        read = Reviews(board, host, people["board_a"]).load("CR-2025-901")
        assert "F9" in read.findings and isinstance(read.chronology, StoredEntries)
        # a reader's change reaches no row (the policy lets only writers change them)
        board.run("UPDATE rm_reviews SET stage = 'x' WHERE review_id = 'CR-2025-901'")
        assert board.run("SELECT stage FROM rm_reviews WHERE review_id = 'CR-2025-901'"
                         ) == [(read.stage.value,)]
    with open_journal(as_login(url, people["school"]), create=False) as author:
        assert not author.keeps_read_models  # sees only some events: replayed, as before
        assert author.run("SELECT count(*) FROM rm_reviews") == [(0,)]
    with open_journal(url) as admin:  # what the member kept is what a rebuild makes
        def rows() -> list:
            return admin.run("SELECT * FROM rm_items WHERE review_id = 'CR-2025-901' "
                             "ORDER BY collection, item_key")
        kept = rows()
        admin.in_transaction(lambda sql: readmodels.rebuild_review(sql, admin, "CR-2025-901"))
        assert rows() == kept


def test_out_of_date_read_models_are_replayed_until_the_owner_rebuilds(two_kept_reviews):
    from conftest import CommandLine

    from plugins.testing import make_host

    url, people = two_kept_reviews
    with open_journal(url) as admin:
        admin.run("UPDATE casereview_meta SET value = 'old' WHERE key = 'readmodels_version'")
    with open_journal(as_login(url, people["team_b"]), create=False) as member:
        assert not member.keeps_read_models  # it may not make them again itself
    output = CommandLine(make_host("rca"), url).ok("db", "rebuild")
    assert "CR-2025-901: rebuilt from" in output and "CR-2025-902: rebuilt from" in output
    assert "The database is" in output
    with open_journal(as_login(url, people["team_b"]), create=False) as member:
        assert member.keeps_read_models
        assert member.run("SELECT DISTINCT review_id FROM rm_reviews") == [("CR-2025-902",)]


def test_only_the_owner_may_rebuild_the_read_models(two_kept_reviews):
    from conftest import CommandLine

    from plugins.testing import make_host

    url, people = two_kept_reviews
    with open_journal(url) as admin:
        before = admin.run("SELECT * FROM rm_reviews ORDER BY review_id")
    member = CommandLine(make_host("rca"), as_login(url, people["team_b"]))
    member.refused("db", "rebuild", says=["may not rebuild the read models",
                                          "nothing was changed", "as the owner"])
    with open_journal(url) as admin:
        assert admin.run("SELECT * FROM rm_reviews ORDER BY review_id") == before
