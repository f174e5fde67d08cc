"""The journal: appends, refusals of files that are not ours, WAL, where the database lives,
snapshots as a cache only, and `casereview history`."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3

import attrs
import pytest
from click.testing import CliRunner

from core.apps.cli.base import App, cli
from core.kernel import codec
from core.kernel import state as st
from core.kernel.dates import PartialDate
from core.kernel.errors import ConflictError, StoreError
from core.kernel.journal import Journal, NewEvent
from core.kernel.migrations import SCHEMA_VERSION
from core.kernel.model import ChronologyEntry, Provenance, Sharing
from core.kernel.store import open_journal
from core.plugin_api.reviews import Reviews
from plugins.testing import build_sample_review


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sidecars(path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


# -- appending ----------------------------------------------------------------------------------


@pytest.mark.both_backends
def test_appended_events_come_back_in_order_with_time_actor_and_data(journal):
    written = journal.append("CR-1", 0, "Lead reviewer", [
        NewEvent("note.one", {"text": "Café visit – “quoted”"}),
        NewEvent("note.two", {"n": 2, "items": [1, 2]}),
    ])
    read = list(journal.events("CR-1"))
    assert read == written
    assert [e.seq for e in read] == [1, 2]
    assert read[0].payload == {"text": "Café visit – “quoted”"}
    assert read[0].actor == "Lead reviewer"
    assert read[0].recorded_at.tzinfo is dt.UTC
    assert journal.last_seq("CR-1") == 2 and journal.last_seq("CR-2") == 0


@pytest.mark.both_backends
def test_a_stale_writer_gets_a_conflict_and_writes_nothing(journal):
    journal.append("CR-1", 0, "a", [NewEvent("x", {})])
    with pytest.raises(ConflictError, match=r"changed by someone else.*nothing of yours"):
        journal.append("CR-1", 0, "b", [NewEvent("y", {}), NewEvent("z", {})])
    assert [e.kind for e in journal.events("CR-1")] == ["x"]


@pytest.mark.both_backends
def test_reviews_are_independent_sequences(journal):
    journal.append("CR-1", 0, "a", [NewEvent("x", {})])
    journal.append("CR-2", 0, "a", [NewEvent("x", {})])
    assert journal.review_ids() == ["CR-1", "CR-2"]


def test_the_database_is_in_wal_mode_and_records_its_schema(journal):
    assert journal._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert journal.schema_version() == SCHEMA_VERSION
    meta = dict(journal._db.execute("SELECT key, value FROM casereview_meta"))
    assert meta == {"application": "casereview", "schema_version": str(SCHEMA_VERSION)}


@pytest.mark.both_backends
def test_migrating_again_is_harmless(journal):
    # Two processes may both find a new file empty; the second must not fail or redo steps.
    journal.append("CR-1", 0, "a", [NewEvent("x", {})])
    journal._migrate(0)
    assert journal.last_seq("CR-1") == 1


# -- files that are not ours --------------------------------------------------------------------


def _open_in_cli(path) -> object:
    return CliRunner().invoke(cli, ["--db", str(path), "list"], obj=App())


@pytest.mark.parametrize("content", [b"Name,Agency\nChild A,Police\n", b"\x00\x01binary" * 100])
def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path, content):
    path = tmp_path / "chronology.csv"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="is not a casereview database"):
        open_journal(path)
    assert path.read_bytes() == content and sidecars(path) == []
    result = _open_in_cli(path)
    assert result.exit_code == 1
    assert "is not a casereview database" in result.output and "Traceback" not in result.output


def test_a_damaged_file_with_an_sqlite_header_is_refused(tmp_path):
    path = tmp_path / "damaged.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    before = digest(path)
    with pytest.raises(StoreError, match="is damaged: it is cut short"):
        open_journal(path)
    assert digest(path) == before


def test_an_sqlite_database_of_another_application_is_refused_and_unchanged(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE patients (name TEXT)")
        other.execute("INSERT INTO patients VALUES ('fictional')")
    other.close()
    before = digest(path)
    with pytest.raises(StoreError, match="an SQLite database but not a casereview one"):
        open_journal(path)
    assert digest(path) == before and sidecars(path) == []
    result = _open_in_cli(path)
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("Error: ")
    assert "What to do: give another file with --db or CASEREVIEW_DB" in result.output


def test_a_database_from_a_newer_version_is_refused_and_unchanged(tmp_path):
    path = tmp_path / "newer.db"
    open_journal(path).close()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("UPDATE casereview_meta SET value = '99' WHERE key = 'schema_version'")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = digest(path)
    with pytest.raises(StoreError, match=r"newer casereview \(schema 99; this version reads up to"):
        open_journal(path)
    assert digest(path) == before
    assert _open_in_cli(path).exit_code == 1


# -- where the database lives -------------------------------------------------------------------


def test_casereview_db_and_the_db_option_choose_the_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CASEREVIEW_DB", str(tmp_path / "from-env.db"))
    with open_journal() as journal:
        assert journal.path == str(tmp_path / "from-env.db")
    runner = CliRunner()
    new = ["new", "--regime", "england-cspr-2018", "--title", "Child A", "--area", "Tessingford",
           "--child", "Child A", "--incident-date", "2025-02-13", "--notified-on", "2025-02-18"]
    assert runner.invoke(cli, new, obj=App()).exit_code == 0
    assert runner.invoke(cli, ["--db", "given.db", *new], obj=App()).exit_code == 0
    assert (tmp_path / "from-env.db").exists() and (tmp_path / "given.db").exists()
    assert "CR-2025-001" in runner.invoke(cli, ["--db", "given.db", "list"], obj=App()).output
    monkeypatch.delenv("CASEREVIEW_DB")
    assert runner.invoke(cli, new, obj=App()).exit_code == 0
    assert (tmp_path / "casereview.db").exists()


# -- snapshots are a cache ----------------------------------------------------------------------


def _add_entries(reviews: Reviews, review_id: str, count: int, start: int = 100) -> None:
    for n in range(start, start + count):
        state = reviews.load(review_id)
        entry = ChronologyEntry(f"E{n}", "Northwold Police", PartialDate.day(dt.date(2025, 8, 1)),
                                f"Fictional contact number {n}.")
        reviews.write(state, [st.put("chronology", entry)])


@pytest.mark.both_backends
def test_deleting_snapshots_changes_nothing(reviews, sample):
    _add_entries(reviews, sample.id, 5)
    assert reviews.snapshot(sample.id) == reviews.journal.last_seq(sample.id)
    _add_entries(reviews, sample.id, 3, start=200)  # events after the snapshot
    cached = st.summary(reviews.load(sample.id))
    replayed = st.summary(reviews.load(sample.id, use_snapshot=False))
    assert cached == replayed
    reviews.journal._db.execute("DELETE FROM snapshots")
    assert st.summary(reviews.load(sample.id)) == replayed


def test_the_read_models_make_snapshots_unnecessary(reviews, sample, monkeypatch):
    monkeypatch.setattr("core.plugin_api.reviews.SNAPSHOT_EVERY", 4)
    _add_entries(reviews, sample.id, 9)
    assert reviews.journal.latest_snapshot(sample.id, st.STATE_VERSION) is None


@pytest.mark.both_backends
def test_snapshots_are_taken_every_so_often_and_agree_with_a_replay(reviews, sample, monkeypatch):
    # Without read models (a read-only database an older casereview wrote), snapshots remain.
    reviews._read_models = False
    monkeypatch.setattr("core.plugin_api.reviews.SNAPSHOT_EVERY", 4)
    _add_entries(reviews, sample.id, 9)
    cached = reviews.journal.latest_snapshot(sample.id, st.STATE_VERSION)
    assert cached is not None and cached[0] > sample.seq
    assert st.summary(reviews.load(sample.id)) == st.summary(
        reviews.load(sample.id, use_snapshot=False))


@pytest.mark.both_backends
def test_snapshots_thin_out_as_a_review_grows(reviews, sample, monkeypatch):
    # Each snapshot costs as much as the whole review; taking one per batch made a long
    # import quadratic. They come at doubling intervals instead.
    reviews._read_models = False
    monkeypatch.setattr("core.plugin_api.reviews.SNAPSHOT_EVERY", 3)
    taken: list[int] = []
    save = reviews.journal.save_snapshot
    monkeypatch.setattr(reviews.journal, "save_snapshot",
                        lambda rid, seq, *rest: (taken.append(seq), save(rid, seq, *rest)))
    _add_entries(reviews, sample.id, 60)
    first = sample.seq + 1  # the first write after the sample: nothing cached yet
    assert taken == [first, 2 * first]  # then not again until the review has doubled


@pytest.mark.both_backends
def test_snapshots_keep_entries_in_their_short_form_and_lose_nothing(reviews, sample):
    full = ChronologyEntry(
        "E9", "Northwold Police", PartialDate.between(dt.date(2025, 8, 1), dt.date(2025, 8, 9),
                                                       "early August 2025"),
        "Fictional contact.", time="09:15", who="Police constable", what_was_known="Known.",
        decision_or_action="Referred.", source_ref="P-9", recorded_on=dt.date(2025, 8, 10),
        shared_with=(Sharing("School", dt.date(2025, 8, 11)),),
        provenance=Provenance("Northwold Police", "police.csv", 0, "import-1"),
        category="Concern for welfare", risk_grade="Standard")
    bare = ChronologyEntry("E10", "School", PartialDate.day(dt.date(2025, 8, 2)), "Seen.")
    assert codec.entry_data(bare) == {"id": "E10", "agency": "School", "what_happened": "Seen.",
                                      "date": codec.to_data(bare.date)}
    # every field of the model is written (a new field must be added to entry_data and here)
    assert set(codec.entry_data(full)) == set(attrs.fields_dict(ChronologyEntry))
    assert codec.entry_data(full)["provenance"]["row"] == 0  # a row 0 is not an empty field
    for entry in (full, bare):
        assert codec.from_data(codec.entry_data(entry), ChronologyEntry) == entry
    state = reviews.write(sample, [st.put("chronology", full), st.put("chronology", bare)])
    assert st.summary(st.from_snapshot(st.to_snapshot(state))) == st.summary(state)


@pytest.mark.both_backends
def test_a_snapshot_from_another_state_version_is_ignored(reviews, sample):
    reviews.journal.save_snapshot(sample.id, sample.seq, "0-old", "not even JSON")
    assert st.summary(reviews.load(sample.id)) == st.summary(sample)


# -- history ------------------------------------------------------------------------------------


class Clock:
    """A journal clock a test can move forward."""

    def __init__(self, moment: dt.datetime) -> None:
        self.moment = moment

    def __call__(self) -> dt.datetime:
        return self.moment


@pytest.fixture
def dated_review(database, host):
    """The sample review written on 3 February 2026, a new entry on 10 February, and a move
    to the decision stage on 17 February."""
    path = database
    clock = Clock(dt.datetime(2026, 2, 3, 9, 30, tzinfo=dt.UTC))
    with open_journal(path, clock=clock) as journal:
        reviews = Reviews(journal, host, "Business manager")
        review = build_sample_review(reviews, methodology="rca")
        clock.moment = dt.datetime(2026, 2, 10, 14, 0, tzinfo=dt.UTC)
        _add_entries(reviews, review.id, 1)
        clock.moment = dt.datetime(2026, 2, 17, 23, 59, tzinfo=dt.UTC)
        reviews.move(review.id, "decision", reason="rapid review held")
    return path, review.id


@pytest.mark.both_backends
def test_the_state_a_write_leaves_is_the_state_a_reload_gives(database, host):
    # Reviews.write keeps its checked preview as the new state instead of applying the events
    # again: it must match the journal, sequence number and time included.
    clock = Clock(dt.datetime(2026, 2, 3, 9, 30, tzinfo=dt.UTC))
    with open_journal(database, clock=clock) as journal:
        reviews = Reviews(journal, host, "Business manager")
        state = build_sample_review(reviews, methodology="rca")
        stale = reviews.load(state.id)
        clock.moment = dt.datetime(2026, 2, 10, 14, 0, tzinfo=dt.UTC)
        entry = ChronologyEntry("E1", "Northwold Police", PartialDate.day(dt.date(2025, 8, 1)),
                                "Fictional contact.")
        reviews.write(state, [st.put("chronology", entry), st.amend(title="Child Q"),
                              st.put_record("test/notes", "n1", {"text": "a note"})])
        reloaded = reviews.load(state.id, use_snapshot=False)
        assert st.summary(state) == st.summary(reloaded)
        assert (state.seq, state.updated_at) == (reloaded.seq, reloaded.updated_at)
        assert state.updated_at == clock.moment
        before = st.summary(stale)
        with pytest.raises(ConflictError):
            reviews.write(stale, [st.remove("chronology", "E1")])
        assert st.summary(stale) == before  # a refused write leaves the state as it was


def _history(path, review_id, *args):
    return CliRunner().invoke(cli, ["--db", str(path), "history", review_id, *args], obj=App())


@pytest.mark.both_backends
def test_history_shows_every_change_with_when_and_who(dated_review):
    path, review_id = dated_review
    result = _history(path, review_id)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "3 February 2026 at 09:30: Business manager recorded the notification" in lines[0]
    assert any("moved the review from notification to decision" in line for line in lines)
    assert "at the decision stage" in result.output


@pytest.mark.both_backends
def test_history_as_of_a_date_shows_the_review_as_it_stood(dated_review):
    path, review_id = dated_review
    on_the_3rd = json.loads(_history(path, review_id, "--as-of", "2026-02-03", "--json").output)
    on_the_10th = json.loads(_history(path, review_id, "--as-of", "2026-02-10", "--json").output)
    now = json.loads(_history(path, review_id, "--json").output)
    assert on_the_3rd["as_of"] == "2026-02-03"
    assert "E100" not in on_the_3rd["state"]["collections"]["chronology"]
    assert "E100" in on_the_10th["state"]["collections"]["chronology"]
    assert on_the_10th["state"]["stage"] == "notification"
    assert now["state"]["stage"] == "decision"  # the move at 23:59 on the 17th counts that day
    seqs = [e["seq"] for e in on_the_10th["events"]]
    assert seqs == list(range(1, on_the_10th["state"]["seq"] + 1))
    assert now["events"][-1]["kind"] == "stage.changed"
    assert now["events"][-1]["payload"]["reason"] == "rapid review held"


@pytest.mark.both_backends
def test_history_before_the_review_existed_and_of_an_unknown_review(dated_review):
    path, review_id = dated_review
    early = _history(path, review_id, "--as-of", "2026-02-02")
    assert early.exit_code == 1 and "did not exist yet" in early.output
    unknown = _history(path, "CR-1999-001")
    assert unknown.exit_code == 1 and "no review with the id 'CR-1999-001'" in unknown.output
    bad_date = _history(path, review_id, "--as-of", "yesterday")
    assert bad_date.exit_code == 2 and "give the --as-of date as YYYY-MM-DD" in bad_date.output


def test_a_server_address_given_to_the_file_journal_is_refused_plainly():
    with pytest.raises(StoreError) as raised:
        Journal.open("postgresql://reviewer:secret@db.example.org/reviews")
    assert "is a server, not a file" in str(raised.value) and "secret" not in str(raised.value)
    assert "open_journal" in raised.value.hint
