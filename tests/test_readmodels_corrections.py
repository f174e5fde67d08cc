"""The read models after corrections (issue 11) tell what a replay of the journal tells: an
entry corrected, an entry withdrawn, a whole import replaced by a corrected file, a person
removed. Each step is compared with a replay, and with the read models made again from the
journal."""

from __future__ import annotations

from test_corrections import REVIEW, ROWS, write_csv
from test_readmodels import comparable, dump

from core.evidence.chronology.duplicates import likely_duplicates
from core.kernel import readmodels
from core.kernel.store import open_journal
from core.plugin_api.plugins import PluginHost
from core.plugin_api.reviews import Reviews


def agree(db) -> None:
    with open_journal(db) as journal:
        reviews = Reviews(journal, PluginHost.load(), "test")
        stored = reviews.load(REVIEW)
        replayed = reviews.load(REVIEW, use_snapshot=False)
        assert comparable(stored) == comparable(replayed)
        assert stored.sorted_chronology() == replayed.sorted_chronology()
        assert likely_duplicates(stored) == likely_duplicates(replayed)
        kept = dump(journal, REVIEW)
        journal.in_transaction(lambda sql: readmodels.rebuild_review(sql, journal, REVIEW))
        assert dump(journal, REVIEW) == kept


def test_corrections_keep_the_read_models_true(cli, open_review, tmp_path):
    open_review(REVIEW, "Child Q")
    cli.ok("import", REVIEW, str(write_csv(tmp_path / "hv.csv", ROWS)), "--agency",
           "Health Visiting")
    agree(cli.db)
    cli.ok("correct", REVIEW, "entry", "health-visiting-1-2", "--set",
           "what_happened=Home visit by the health visitor; Mother was low.",
           "--reason", "real name replaced by the pseudonym")
    agree(cli.db)
    cli.ok("withdraw", REVIEW, "entry", "health-visiting-1-3", "--reason", "recorded twice")
    agree(cli.db)
    corrected = [ROWS[0], ["10/03/2023", "Missed clinic appointment (rebooked).",
                           "Health visitor", "HV-2"], ["24/03/2023", "Home visit.",
                                                      "Health visitor", "HV-4"]]
    cli.ok("import", REVIEW, str(write_csv(tmp_path / "hv-2.csv", corrected)), "--agency",
           "Health Visiting", "--replace", "import-1", "--reason", "the agency sent a corrected "
           "file")
    agree(cli.db)
