"""The read models: kept in the same transaction as each append, equal after any sequence of
commands to a rebuild from the journal, and read by commands in place of a replay."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import tempfile
import uuid
from pathlib import Path

import pytest
from conftest import TEST_SERVER, drop_server_schema, server_schema_url
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as s
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from core.evidence.chronology.agencies import keys_for
from core.evidence.chronology.duplicates import DECISIONS, flagged_in_import, likely_duplicates
from core.evidence.chronology.importer import plan_import
from core.evidence.horizon import known_ids, knows
from core.kernel import readmodels
from core.kernel import state as st
from core.kernel.corrections import withdrawal
from core.kernel.dates import PartialDate
from core.kernel.errors import CaseReviewError
from core.kernel.journal import Journal
from core.kernel.lifecycle import allowed_moves
from core.kernel.model import Agency, ChronologyEntry, Finding
from core.kernel.readmodels import entries
from core.kernel.readmodels.schema import TABLES
from core.kernel.readmodels.stored import StoredEntries
from core.kernel.store import open_journal
from core.plugin_api.reviews import Reviews
from plugins.testing import build_sample_review, make_host

AGENCIES = ("Northwold Police", "Brookside Surgery", "Northwold Health Visiting")
DAYS = ("03/03/2023", "03/03/2023", "March 2023")
TEXTS = ("Home visit: the flat was cold and the child was quiet.",
         "Home visit: the flat was cold and the child was quiet today.",
         "Mother said she felt low and was struggling with money.",
         "Child not brought to the clinic appointment; letter sent.")
HEADINGS = ["Date", "What happened", "Who", "Source reference", "Shared with"]
SHARED = ("", "Brookside Surgery 05/03/2023", "Northwold Police 31/03/2023")


def dump(journal: Journal, review_id: str) -> dict[str, list[tuple]]:
    """Every read-model row of the review, in a fixed order, with the repeated values' keys
    replaced by the values (which key a value gets depends on the order they came in)."""
    sql = journal.reader()
    values = dict(sql.rows("SELECT value_key, value FROM rm_values WHERE review_id = ?",
                           (review_id,)))
    keyed = ("id_prefix", "date_precision", "agency", "who", "prov_file", "prov_import")
    found = {}
    for table in TABLES:
        if table == "rm_values":
            continue
        rows = sql.rows(f"SELECT * FROM {table} WHERE review_id = ?", (review_id,))
        names = [column[0] for column in sql.cursor.description]
        found[table] = sorted(
            (tuple(values[value] if table == "rm_entries" and name in keyed else value
                   for name, value in zip(names, row, strict=True)) for row in rows), key=repr)
    return found


def comparable(state: st.ReviewState) -> dict:
    # A replay keeps a plugin's record collection once all its records are removed; the read
    # models keep records, not empty collections. Either way the collection reads as empty.
    found = st.summary(state)
    found["records"] = {name: values for name, values in found["records"].items() if values}
    return found


class ReadModels(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.journal = open_journal(self.open_database())
        self.reviews = Reviews(self.journal, make_host("rca"), "machine")
        self.live = build_sample_review(self.reviews, methodology="rca")
        self.files = 0

    def open_database(self) -> str:
        return ":memory:"

    def teardown(self) -> None:
        self.journal.close()
        self.folder.cleanup()

    def _write(self, events) -> None:
        self.live = self.reviews.write(self.reviews.load(self.live.id), events)

    @rule(agency=s.sampled_from(AGENCIES),
          rows=s.lists(s.tuples(s.sampled_from(DAYS), s.sampled_from(TEXTS),
                                s.sampled_from(SHARED)), min_size=1, max_size=6))
    def import_a_file(self, agency: str, rows: list[tuple[str, str, str]]) -> None:
        self.files += 1
        out = io.StringIO()
        csv.writer(out).writerows([HEADINGS, *[[day, text, "Practitioner", f"R{n}", shared]
                                               for n, (day, text, shared) in enumerate(rows)]])
        path = Path(self.folder.name) / f"file-{self.files}.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        state = self.reviews.load(self.live.id)
        self.live = self.reviews.write(state, plan_import(state, path, agency=agency).events)

    @rule(data=s.data())
    def correct_or_remove_an_entry(self, data: s.DataObject) -> None:
        state = self.reviews.load(self.live.id)
        ids = sorted(key for key in state.chronology if not key.startswith("E"))  # not the sample's
        if not ids:
            return
        entry = state.chronology[data.draw(s.sampled_from(ids))]
        if data.draw(s.booleans()):
            self._write([st.remove("chronology", entry.id)])
        else:
            day = data.draw(s.sampled_from([dt.date(2023, 3, 3), dt.date(2023, 3, 4)]))
            moved = st.evolve(entry, date=PartialDate.day(day),
                              what_happened=data.draw(s.sampled_from(TEXTS)))
            self._write([st.put("chronology", moved)])

    @rule(data=s.data())
    def withdraw_a_record(self, data: s.DataObject) -> None:
        # out of its collection, with a tombstone (core.kernel.corrections): an entry, a finding or
        # a plugin's record
        state = self.reviews.load(self.live.id)
        held = [("chronology", key) for key in state.chronology if not key.startswith("E")]
        held += [("findings", key) for key in state.findings]
        held += [("machine/notes", key) for key in state.record_collection("machine/notes")]
        if held:
            name, key = data.draw(s.sampled_from(sorted(held)))
            with contextlib.suppress(CaseReviewError):  # still cited by another record
                self._write([withdrawal(state, name, key, "recorded in error")])

    @rule(n=s.integers(0, 4), agency=s.sampled_from(AGENCIES))
    def add_an_entry_by_hand(self, n: int, agency: str) -> None:
        entry = ChronologyEntry(f"H{n}", agency, PartialDate.day(dt.date(2023, 3, 3)), TEXTS[n % 4])
        self._write([st.put("chronology", entry)])

    @rule(data=s.data())
    def decide_a_pair(self, data: s.DataObject) -> None:
        pairs = likely_duplicates(self.reviews.load(self.live.id))
        if pairs:
            pair = data.draw(s.sampled_from(pairs))
            self._write([st.put_record(DECISIONS, pair.key, {
                "first": pair.first.id, "second": pair.second.id, "decision": "dismissed",
                "note": ""})])

    @rule(n=s.integers(0, 3), remove=s.booleans())
    def finding(self, n: int, remove: bool) -> None:
        if remove:
            self._write([st.remove("findings", f"F{n}")])
        else:
            self._write([st.put("findings", Finding(f"F{n}", f"Finding {n}", "It says so."))])

    @rule(n=s.integers(0, 3))
    def finding_taken_out_and_put_back(self, n: int) -> None:
        # in one write: a replay moves it to the end of the findings, and so must the models
        finding = Finding(f"F{n}", f"Finding {n}", "Said again.")
        self._write([st.remove("findings", finding.id), st.put("findings", finding)])

    @rule(name=s.sampled_from(["Eastcombe School", "Northwold Police"]), remove=s.booleans())
    def agency(self, name: str, remove: bool) -> None:
        self._write([st.remove("agencies", name) if remove else st.put("agencies", Agency(name))])

    @rule(key=s.sampled_from(["a", "b"]), text=s.text(max_size=5), remove=s.booleans())
    def plugin_record(self, key: str, text: str, remove: bool) -> None:
        self._write([st.remove_record("machine/notes", key) if remove
                     else st.put_record("machine/notes", key, {"text": text})])

    @rule(days=s.integers(0, 30))
    def amend(self, days: int) -> None:
        notified = self.live.review.incident_date + dt.timedelta(days)
        self._write([st.amend(notified_on=notified)])

    @rule()
    def move_on(self) -> None:
        moves = sorted(allowed_moves(self.live.stage))
        if moves:
            with contextlib.suppress(CaseReviewError):  # a guard refused: nothing was written
                self.live = self.reviews.move(self.live.id, moves[0])

    @invariant()
    def a_rebuild_equals_what_was_kept(self) -> None:
        kept = dump(self.journal, self.live.id)
        self.journal.in_transaction(
            lambda sql: readmodels.rebuild_review(sql, self.journal, self.live.id))
        assert dump(self.journal, self.live.id) == kept

    @invariant()
    def horizons_answer_as_the_rule_says(self) -> None:
        state = self.reviews.load(self.live.id)
        for day in (dt.date(2023, 3, 3), dt.date(2023, 3, 31), dt.date(2025, 12, 31)):
            for agencies in ([AGENCIES[0]], AGENCIES[1:]):
                names = frozenset().union(*(keys_for(state, a) for a in agencies))
                assert known_ids(state, agencies, day) == {
                    e.id for e in state.chronology.values() if knows(e, names, day)}

    @invariant()
    def the_read_models_tell_what_a_replay_tells(self) -> None:
        stored = self.reviews.load(self.live.id)
        replayed = self.reviews.load(self.live.id, use_snapshot=False)
        assert isinstance(stored.chronology, StoredEntries)
        # asked before the entries are read: from the count of entries per agency, and the
        # first and last entries from those rows alone
        assert stored.chronology.agencies() == {e.agency for e in replayed.chronology.values()}
        ordered = replayed.sorted_chronology()
        assert stored.chronology.first_and_last() == (
            (ordered[0], max(ordered, key=lambda e: e.date.end)) if ordered else None)
        assert comparable(stored) == comparable(replayed)
        assert likely_duplicates(stored) == likely_duplicates(replayed)
        for import_id in replayed.record_collection("core/imports"):
            assert flagged_in_import(stored, import_id) == flagged_in_import(replayed, import_id)
        assert len(stored.chronology) == len(replayed.chronology)
        assert stored.sorted_chronology() == replayed.sorted_chronology()
        for name, values in replayed.collections.items():  # in the order a replay gives
            if name != "chronology":
                assert list(stored.collections[name]) == list(values)
        for name, values in replayed.records.items():
            assert list(stored.records.get(name, {})) == list(values)


ReadModels.TestCase.settings = settings(
    max_examples=30, stateful_step_count=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
TestReadModels = ReadModels.TestCase


class ReadModelsOnServer(ReadModels):
    """The same machine on PostgreSQL: the projections' SQL, in the server's transaction."""

    def open_database(self) -> str:
        self.schema = f"test_{uuid.uuid4().hex[:12]}"
        return server_schema_url(self.schema)

    def teardown(self) -> None:
        super().teardown()
        drop_server_schema(self.schema)


ReadModelsOnServer.TestCase.settings = settings(
    max_examples=15, stateful_step_count=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
TestReadModelsOnServer = pytest.mark.skipif(
    not TEST_SERVER, reason="no PostgreSQL test server given")(ReadModelsOnServer.TestCase)


@pytest.mark.both_backends
def test_a_failing_projection_writes_nothing(reviews, sample, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the read model could not be written")

    # the projection, as reviews calls it
    monkeypatch.setattr("core.plugin_api.reviews.keep", broken)
    before = reviews.journal.last_seq(sample.id)
    with pytest.raises(RuntimeError):
        reviews.write(sample, [st.put("findings", Finding("F77", "A finding", "It says."))])
    assert reviews.journal.last_seq(sample.id) == before
    assert "F77" not in reviews.load(sample.id).findings


@pytest.mark.both_backends
def test_events_written_without_read_models_are_caught_up(reviews, sample):
    # e.g. an older casereview wrote to the database: the seq no longer matches
    reviews.journal.append(sample.id, sample.seq, "old version",
                           [readmodels_event(st.put("findings", Finding("F9", "Late", "Yes.")))])
    assert "F9" in reviews.load(sample.id).findings
    assert isinstance(reviews.load(sample.id).chronology, StoredEntries)


@pytest.mark.both_backends
def test_a_writer_committing_while_a_review_loads_is_no_reason_to_rebuild(reviews, sample,
                                                                          monkeypatch):
    """The events are counted, then another writer commits, then the read models are read:
    they are newer than the count, which is right, not a sign they were left behind."""
    reviews.load(sample.id)  # the read models are in place
    counted = reviews.journal.last_seq(sample.id)
    reviews.write(reviews.load(sample.id), [st.put("findings", Finding("F8", "New", "Yes."))])
    monkeypatch.setattr(reviews.journal, "last_seq", lambda review_id: counted)
    rebuilt = []
    monkeypatch.setattr(reviews, "_repair", lambda review_id: rebuilt.append(review_id))
    assert "F8" in reviews.load(sample.id).findings and rebuilt == []


def readmodels_event(change):
    from core.kernel.journal import NewEvent

    return NewEvent(*change)


@pytest.mark.both_backends
def test_db_rebuild_makes_the_same_read_models_and_drops_snapshots(reviews, sample, cli):
    reviews.snapshot(sample.id)  # an old cached copy, which the read models replace
    kept = dump(reviews.journal, sample.id)
    output = cli.ok("db", "rebuild")
    assert f"{sample.id}: rebuilt from {sample.seq} changes" in output and "MB" in output
    assert dump(reviews.journal, sample.id) == kept
    assert reviews.journal.latest_snapshot(sample.id, st.STATE_VERSION) is None


@pytest.mark.both_backends
def test_a_database_that_cannot_take_read_models_is_replayed(reviews, sample):
    # read-only, and written by a casereview without read models: answered by a replay
    reviews.journal.in_transaction(lambda sql: sql.run(
        "DELETE FROM casereview_meta WHERE key = ?", (readmodels.META_KEY,)))
    reviews.journal.read_only = True
    reader = Reviews(reviews.journal, reviews.host, "auditor")
    state = reader.load(sample.id)
    assert not isinstance(state.chronology, StoredEntries)
    assert comparable(state) == comparable(reviews.load(sample.id, use_snapshot=False))


def test_history_json_is_written_as_echo_json_would_write_it():
    import json as json_module

    from core.apps.cli.output import Streamed, _json_pieces

    plain = {"a": 1, "b": [{"x": [1, 2], "y": {}}, {"z": "é"}], "c": {"q": []},
             "e": {"k": {"v": [1]}}}
    streamed = {"a": 1, "b": Streamed(iter(plain["b"])), "c": {"q": Streamed(iter([]))},
                "e": Streamed(iter([("k", {"v": [1]})]), pairs=True)}
    assert "".join(_json_pieces(streamed, 0)) == json_module.dumps(plain, ensure_ascii=False,
                                                                    indent=2)


@settings(max_examples=200, deadline=None)
@given(texts=s.lists(s.lists(s.sampled_from(["home", "visit", "Child", "seen", "cold", "flat",
                                               "the", "was", "homely", "a", "b", "é", "!"]),
                             max_size=8).map(" ".join), max_size=16),
       new_from=s.integers(0, 16), probe_words=s.sampled_from([0, 12]))
def test_only_new_texts_are_compared_and_nothing_is_missed(texts, new_from, probe_words):
    from unittest import mock

    from core.kernel.similarity import similar_pairs

    new_from = min(new_from, len(texts))
    every = {(min(j, i), max(j, i)): score for j, i, score in similar_pairs(texts)}
    wanted = {pair: score for pair, score in every.items() if pair[1] >= new_from}
    with mock.patch("core.kernel.similarity.PROBE_WORDS", probe_words):  # either way
        found = {(min(j, i), max(j, i)): score for j, i, score in similar_pairs(texts, new_from)}
    assert found == wanted


def test_spans_kept_in_memory_are_not_trusted_after_another_writer(tmp_path):
    # This process keeps the entries of the days it appended to; another process writes to
    # the same file in between, and its entry must be compared with the next one.
    import subprocess
    import sys

    path = str(tmp_path / "two-writers.db")
    day = PartialDate.day(dt.date(2023, 3, 3))
    with Journal.open(path) as journal:
        reviews = Reviews(journal, make_host("rca"), "first")
        review = build_sample_review(reviews, methodology="rca").id
        reviews.write(reviews.load(review), [st.put("chronology", ChronologyEntry(
            "W0", AGENCIES[0], day, TEXTS[0]))])
        subprocess.run([sys.executable, "-c", f"""
import datetime as dt
from core.kernel import state as st
from core.kernel.dates import PartialDate
from core.kernel.journal import Journal
from core.kernel.model import ChronologyEntry
from core.plugin_api.reviews import Reviews
from plugins.testing import make_host
with Journal.open({path!r}) as journal:
    reviews = Reviews(journal, make_host("rca"), "second")
    entry = ChronologyEntry("W1", {AGENCIES[1]!r}, PartialDate.day(dt.date(2023, 3, 3)),
                            {TEXTS[0]!r})
    reviews.write(reviews.load({review!r}), [st.put("chronology", entry)])
"""], check=True)
        reviews.write(reviews.load(review), [st.put("chronology", ChronologyEntry(
            "W2", AGENCIES[2], day, TEXTS[0]))])
        pairs = {tuple(sorted((p.first.id, p.second.id)))
                 for p in likely_duplicates(reviews.load(review))}
        assert {("W0", "W1"), ("W0", "W2"), ("W1", "W2")} <= pairs
        kept = dump(journal, review)
        journal.in_transaction(lambda sql: readmodels.rebuild_review(sql, journal, review))
        assert dump(journal, review) == kept


@given(s.text(max_size=30))
def test_an_entry_id_is_kept_as_its_text_and_trailing_number_and_read_back_the_same(entry_id):
    text, number = entries.split_id(entry_id)
    assert entries.join_id(text, number) == entry_id
    assert 0 <= number < 2**31  # a PostgreSQL INTEGER


def test_ids_of_one_import_share_their_text():
    assert entries.split_id("northwold-police-3-120") == ("northwold-police-3-", 120)
    assert entries.split_id("northwold-police-3-0120") == ("northwold-police-3-0", 120)
    assert entries.split_id("manual-entry") == ("manual-entry", 0)
