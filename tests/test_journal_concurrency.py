"""Two writers racing on one review, in threads and in processes: one wins, the other gets a
ConflictError, and no event is lost or duplicated. A process killed in the middle of a large
batch leaves the journal as it was before the batch or after it, never in between."""

from __future__ import annotations

import multiprocessing
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from core.kernel import codec
from core.kernel import state as st
from core.kernel.errors import ConflictError
from core.kernel.journal import Journal, NewEvent
from core.kernel.store import open_journal
from core.plugin_api.reviews import Reviews
from plugins.testing import make_host

REVIEW = "CR-2025-777"


def note(writer: str, n: int) -> tuple[str, dict]:
    return st.put_record("tests/notes", f"{writer}-{n}", {"writer": writer, "n": n})


def assert_whole(journal: Journal, expected_keys: set[str]) -> None:
    """Sequence numbers run 1..N without a gap, and each note is there exactly once."""
    events = list(journal.events(REVIEW))
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    keys = [e.payload["key"] for e in events if e.kind == "record.put"]
    assert len(keys) == len(set(keys)), "an event was written twice"
    assert set(keys) == expected_keys, "an event was lost"


@pytest.fixture
def db(tmp_path, reviews, sample) -> Path:
    """A database file holding the sample review under a known id."""
    path = tmp_path / "race.db"
    with open_journal(path) as journal:
        journal.append(REVIEW, 0, "setup", [NewEvent("review.opened", {
            **codec.to_data(sample.review), "id": REVIEW})])
    return path


# -- threads ------------------------------------------------------------------------------------


def test_two_threads_writing_from_the_same_reading_one_wins(db):
    host = make_host("rca")
    won: dict[int, list[str]] = {}
    conflicts: dict[int, list[str]] = {}
    for round_ in range(15):
        ready = threading.Barrier(2)

        def write(writer: str, round_: int = round_, ready: threading.Barrier = ready) -> None:
            with open_journal(db) as journal:
                reviews = Reviews(journal, host, writer)
                state = reviews.load(REVIEW)
                ready.wait()  # both have read the same state before either writes
                try:
                    reviews.write(state, [note(writer, round_)])
                    won.setdefault(round_, []).append(writer)
                except ConflictError:
                    conflicts.setdefault(round_, []).append(writer)

        threads = [threading.Thread(target=write, args=(w,)) for w in ("amber", "blue")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(won[round_]) == 1 and len(conflicts[round_]) == 1
    with open_journal(db) as journal:
        assert_whole(journal, {f"{writers[0]}-{round_}" for round_, writers in won.items()})


def test_many_threads_retrying_on_conflict_lose_and_duplicate_nothing(db):
    host = make_host("rca")
    writers, notes_each = 4, 12
    conflicts = []

    def write(writer: str) -> None:
        with open_journal(db) as journal:
            reviews = Reviews(journal, host, writer)
            for n in range(notes_each):
                while True:
                    try:
                        reviews.write(reviews.load(REVIEW), [note(writer, n)])
                        break
                    except ConflictError:
                        conflicts.append(writer)

    threads = [threading.Thread(target=write, args=(f"w{i}",)) for i in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with open_journal(db) as journal:
        assert_whole(journal, {f"w{i}-{n}" for i in range(writers) for n in range(notes_each)})


# -- processes ----------------------------------------------------------------------------------


def _race_in_a_process(path: str, writer: str, barrier, results) -> None:
    with open_journal(path) as journal:
        last = journal.last_seq(REVIEW)
        barrier.wait()
        try:
            journal.append(REVIEW, last, writer, [NewEvent(*note(writer, 0))])
            results.put((writer, "won"))
        except ConflictError as error:
            results.put((writer, f"conflict: {error}"))


def test_two_processes_racing_one_wins_and_the_other_is_told(db):
    context = multiprocessing.get_context("fork")
    for round_ in range(3):
        barrier, results = context.Barrier(2), context.Queue()
        names = (f"amber{round_}", f"blue{round_}")
        processes = [context.Process(target=_race_in_a_process, args=(str(db), name, barrier,
                                                                      results)) for name in names]
        for process in processes:
            process.start()
        for process in processes:
            process.join(timeout=30)
            assert process.exitcode == 0
        outcomes = dict(results.get(timeout=5) for _ in names)
        won = [w for w, outcome in outcomes.items() if outcome == "won"]
        assert len(won) == 1, outcomes
        lost = next(outcome for w, outcome in outcomes.items() if w not in won)
        assert lost.startswith("conflict: review CR-2025-777 was changed by someone else")
    with open_journal(db) as journal:
        assert journal.last_seq(REVIEW) == 1 + 3


WRITER = """
import sys
from core.kernel.errors import ConflictError
from core.kernel.journal import NewEvent
from core.kernel.store import open_journal
path, review, writer, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
with open_journal(path) as journal:
    for n in range(count):
        value = {"writer": writer, "n": n}
        note = {"collection": "tests/notes", "key": writer + "-" + str(n), "value": value}
        while True:
            try:
                journal.append(review, journal.last_seq(review), writer,
                               [NewEvent("record.put", note)])
                break
            except ConflictError:
                pass
"""


def test_two_processes_retrying_on_conflict_lose_and_duplicate_nothing(db):
    count = 40
    processes = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), REVIEW, name, str(count)])
                 for name in ("amber", "blue")]
    assert [p.wait(timeout=60) for p in processes] == [0, 0]
    with open_journal(db) as journal:
        assert_whole(journal, {f"{w}-{n}" for w in ("amber", "blue") for n in range(count)})


# -- a writer killed mid-batch ------------------------------------------------------------------

BATCH = 30_000
BATCH_WRITER = """
import sys
from core.kernel.journal import Journal, NewEvent
from core.kernel.store import open_journal
path, review, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open_journal(path) as journal:
    value = {"text": "fictional note " * 8}
    events = [NewEvent("record.put", {"collection": "tests/bulk", "key": str(n), "value": value})
              for n in range(size)]
    last = journal.last_seq(review)
    print("ready", flush=True)
    journal.append(review, last, "bulk importer", events)
    print("done", flush=True)
"""


def test_a_writer_killed_mid_batch_leaves_the_journal_before_or_after_it(db):
    outcomes = []
    for delay in (0.0, 0.02, 0.05, 0.1, 0.2, 0.4):
        with open_journal(db) as journal:
            before = journal.last_seq(REVIEW)
        child = subprocess.Popen([sys.executable, "-c", BATCH_WRITER, str(db), REVIEW, str(BATCH)],
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        with open_journal(db) as journal:
            after = journal.last_seq(REVIEW)
            assert after in (before, before + BATCH), f"killed after {delay}s: {after - before}"
            events = list(journal.events(REVIEW))
            assert [e.seq for e in events] == list(range(1, after + 1))
            assert journal._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        outcomes.append("after" if after > before else "before")
    # The first kill lands long before 30,000 rows are written: the test really kills mid-batch.
    assert outcomes[0] == "before", outcomes


# The same, without timing: the writer kills itself from inside SQLite, part-way through the
# batch's INSERTs (SQLite calls the progress handler every 1,000 virtual-machine steps).
SELF_KILLING_WRITER = """
import os, signal, sys
from core.kernel.journal import Journal, NewEvent
from core.kernel.store import open_journal
path, review, size, after_calls = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with open_journal(path) as journal:
    value = {"text": "fictional note " * 8}
    events = [NewEvent("record.put", {"collection": "tests/bulk", "key": str(n), "value": value})
              for n in range(size)]
    last = journal.last_seq(review)
    calls = 0

    def progress():
        global calls
        if journal._db.in_transaction:
            calls += 1
            if calls == after_calls:
                os.kill(os.getpid(), signal.SIGKILL)
        return 0

    journal._db.set_progress_handler(progress, 1000)
    journal.append(review, last, "bulk importer", events)
    print("finished without being killed", flush=True)
"""


@pytest.mark.parametrize("after_calls", [5, 200, 800])
def test_a_writer_killed_inside_its_transaction_leaves_nothing_of_the_batch(db, after_calls):
    with open_journal(db) as journal:
        before = journal.last_seq(REVIEW)
    child = subprocess.run(
        [sys.executable, "-c", SELF_KILLING_WRITER, str(db), REVIEW, str(BATCH), str(after_calls)],
        capture_output=True, text=True, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stdout + child.stderr
    with open_journal(db) as journal:
        assert journal.last_seq(REVIEW) == before
        assert [e.seq for e in journal.events(REVIEW)] == list(range(1, before + 1))
        assert journal._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# -- one process, two connections ---------------------------------------------------------------

LOCK_PROBE = """
import sqlite3, sys
other = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
try:
    other.execute("PRAGMA journal_mode = DELETE")  # needs every other connection gone
    print("changed")
except sqlite3.OperationalError:
    print("locked")
"""


def test_opening_the_database_again_keeps_the_locks_this_process_holds(db):
    """A second journal on the same file in one process (the session server beside a command)
    must not read the file itself: closing its own descriptor would drop the locks the first
    connection holds, and another process could then change the database under it."""
    with open_journal(db) as reading:
        reading._db.execute("BEGIN")
        reading._db.execute("SELECT count(*) FROM events").fetchone()  # holds a shared lock
        open_journal(db).close()
        probe = subprocess.run([sys.executable, "-c", LOCK_PROBE, str(db)],
                               capture_output=True, text=True, timeout=60)
        reading._db.execute("ROLLBACK")
    assert probe.stdout.strip() == "locked", probe.stdout + probe.stderr
