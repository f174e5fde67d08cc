"""Correcting what a review holds: edit and withdraw with a reason, replace an import, ids never
reused, and the audit trail in sentences. All names are fictional."""

from __future__ import annotations

import csv
import io
import json

import pytest

REVIEW = "CR-2026-411"
HEADINGS = ["Date", "What happened", "Who", "Source reference"]
ROWS = [
    ["03/03/2023", "Home visit by the health visitor; Jane Fictional was low.", "Health visitor",
     "HV-1"],
    ["10/03/2023", "Missed clinic appointment.", "Health visitor", "HV-2"],
    ["17/03/2023", "Telephone call with Mother about the damp flat.", "Health visitor", "HV-3"],
]


def write_csv(path, rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([HEADINGS, *rows])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def review(cli, open_review, tmp_path):
    open_review(REVIEW, "Child Q")
    cli.ok("import", REVIEW, str(write_csv(tmp_path / "hv.csv", ROWS)), "--agency",
           "Health Visiting")
    return REVIEW


def entries(cli) -> dict[str, dict]:
    data = json.loads(cli.ok("chronology", REVIEW, "--format", "json"))
    rows = data["entries"] if isinstance(data, dict) else data
    return {row["id"]: row for row in rows}


def test_an_entry_is_corrected_with_a_reason_and_the_journal_keeps_the_old(cli, review):
    cli.ok("correct", REVIEW, "entry", "health-visiting-1-2", "--set",
           "what_happened=Home visit by the health visitor; Mother (Adult M) was low.",
           "--reason", "real name replaced by the pseudonym")
    assert "Jane Fictional" not in json.dumps(entries(cli))
    history = cli.ok("history", REVIEW)
    assert "changed entry health-visiting-1-2, because real name replaced by the pseudonym." \
        in history
    events = json.loads(cli.ok("history", REVIEW, "--json"))["events"]
    assert any("Jane Fictional" in json.dumps(e["payload"]) for e in events)  # kept, not lost


def test_a_correction_needs_a_reason_and_a_real_field(cli, review):
    cli.refused("correct", REVIEW, "entry", "health-visiting-1-2", "--set", "what_happened=x",
                "--reason", "typo", says="say why")
    cli.refused("correct", REVIEW, "entry", "health-visiting-1-2", "--set", "colour=blue",
                "--reason", "a real reason", says="no field 'colour'")
    cli.refused("correct", REVIEW, "entry", "nope-1", "--set", "what_happened=x",
                "--reason", "a real reason", says="no entry nope-1")


def test_an_accepted_draft_finding_can_be_withdrawn_but_not_while_cited(cli, review):
    cli.ok("findings", REVIEW, "add", "--id", "F1", "--title", "Missed appointments",
           "--statement", "Missed appointments were seen one at a time.",
           "--evidence", "health-visiting-1-3")
    cli.ok("recommendations", REVIEW, "add", "--text", "Look at patterns.", "--finding", "F1")
    cli.refused("withdraw", REVIEW, "finding", "F1", "--reason", "the panel disagreed",
                says="recommendation R1")
    cli.ok("withdraw", REVIEW, "recommendation", "R1", "--reason", "the panel disagreed")
    cli.ok("withdraw", REVIEW, "finding", "F1", "--reason", "the panel disagreed")
    assert json.loads(cli.ok("findings", REVIEW, "list", "--json")) == []
    # R1 is never given again
    cli.ok("findings", REVIEW, "add", "--id", "F2", "--title", "Patterns",
           "--statement", "Patterns were missed.", "--evidence", "health-visiting-1-3")
    assert "R2" in cli.ok("recommendations", REVIEW, "add", "--text", "Look again.",
                          "--finding", "F2")
    cli.refused("findings", REVIEW, "add", "--id", "F1", "--title", "Again", "--statement",
                "Again.", says="withdrawn")


def test_a_removed_persons_id_is_never_given_to_the_next(cli, review):
    for title in ("Health visitor", "GP"):
        cli.ok("people", REVIEW, "add", "--role", "case_group", "--title", title)
    cli.ok("people", REVIEW, "remove", "P2", "--reason", "added by mistake")
    assert "Added P3" in cli.ok("people", REVIEW, "add", "--role", "case_group", "--title",
                                "Teacher")
    assert "withdrew person P2, because added by mistake." in cli.ok("history", REVIEW)


def test_replacing_an_import_carries_over_matches_and_says_what_changed(cli, review, tmp_path):
    cli.ok("findings", REVIEW, "add", "--id", "F1", "--title", "Low mood",
           "--statement", "Low mood was known.", "--evidence", "health-visiting-1-2")
    corrected = [
        ["03/03/2023", "Home visit by the health visitor; Mother was low.", "Health visitor",
         ""],  # the reference lost, a name removed: matched by date and words
        ["10/03/2023", "Missed clinic appointment.", "Health visitor", "HV-2"],
        ["24/03/2023", "Letter sent about the next appointment.", "Health visitor", "HV-4"],
    ]
    path = write_csv(tmp_path / "hv-corrected.csv", corrected)
    cli.refused("import", REVIEW, str(path), "--agency", "Health Visiting", "--replace",
                "import-1", says="say why")
    dry = cli.ok("import", REVIEW, str(path), "--agency", "Health Visiting", "--replace",
                 "import-1", "--reason", "names removed by the agency", "--dry-run")
    assert "1 unchanged, 1 corrected, 1 added, 1 withdrawn" in dry
    assert "health-visiting-1-2" in entries(cli) and len(entries(cli)) == 3  # dry: unchanged
    out = cli.ok("import", REVIEW, str(path), "--agency", "Health Visiting", "--replace",
                 "import-1", "--reason", "names removed by the agency")
    assert "Withdrawn: health-visiting-1-4." in out
    listed = cli.ok("chronology", REVIEW, "--imports")
    assert "(replaced by import-2)" in listed and "(replaces import-1)" in listed
    now = entries(cli)
    assert set(now) == {"health-visiting-1-2", "health-visiting-1-3", "health-visiting-2-4"}
    assert "Jane" not in now["health-visiting-1-2"]["what_happened"]
    assert json.loads(cli.ok("findings", REVIEW, "list", "--json"))[0]["evidence_ids"] == [
        "health-visiting-1-2"]
    cli.refused("import", REVIEW, str(path), "--agency", "Health Visiting", "--replace",
                "import-1", "--reason", "names removed again", says="already replaced")


def test_a_replacement_that_would_lose_a_cited_entry_is_refused(cli, review, tmp_path):
    cli.ok("findings", REVIEW, "add", "--id", "F1", "--title", "Damp", "--statement",
           "The damp flat was known.", "--evidence", "health-visiting-1-4")
    path = write_csv(tmp_path / "short.csv", ROWS[:2])
    cli.refused("import", REVIEW, str(path), "--agency", "Health Visiting", "--replace",
                "import-1", "--reason", "agency resent the file", says=("finding F1",
                                                                         "nothing was changed"))
    assert len(entries(cli)) == 3


def test_a_correction_meets_the_rules_a_new_record_must(cli, review):
    cli.ok("findings", REVIEW, "add", "--id", "F1", "--title", "Patterns", "--statement",
           "Patterns were missed.", "--evidence", "health-visiting-1-3")
    cli.refused("correct", REVIEW, "finding", "F1", "--set", "status=final", "--reason",
                "the panel agreed it", says="findings REVIEW accept|finalise|reopen")
    cli.refused("correct", REVIEW, "finding", "F1", "--set", "evidence_ids=nowhere-1",
                "--reason", "a better source", says="not in the review")
    cli.ok("recommendations", REVIEW, "add", "--text", "Look at patterns.", "--finding", "F1")
    cli.refused("correct", REVIEW, "recommendation", "R1", "--set", "finding_ids=F9",
                "--reason", "it answers another", says="no finding with the id F9")
    cli.ok("correct", REVIEW, "recommendation", "R1", "--set", "text=Look at patterns "
           "across services.", "--reason", "the board asked for wider wording")
    assert "across services" in cli.ok("recommendations", REVIEW, "list")
    cli.ok("people", REVIEW, "add", "--role", "case_group", "--title", "GP")
    cli.ok("correct", REVIEW, "person", "P1", "--set", "employers=Health Visiting, Police",
           "--reason", "their past employers were missed")
    people = json.loads(cli.ok("people", REVIEW, "list", "--json"))
    assert people[0]["employers"] == ["Health Visiting", "Police"]


def test_a_file_imported_twice_is_withdrawn_as_a_whole_import(cli, review, tmp_path):
    again = cli.ok("import", REVIEW, str(write_csv(tmp_path / "hv.csv", ROWS)), "--agency",
                   "Health Visiting", "--again")
    assert "corrected copy of import-1" in again and "withdraw CR-2026-411 import import-2" in again
    cli.refused("withdraw", REVIEW, "import", "import-2", "--reason", "x", says="say why")
    out = cli.ok("withdraw", REVIEW, "import", "import-2", "--reason", "imported twice by "
                 "mistake")
    assert "Withdrew import-2 (3 entries)" in out
    assert len(entries(cli)) == 3
    assert "(withdrawn: imported twice by mistake)" in cli.ok("chronology", REVIEW, "--imports")
    assert "withdrew import-2 (the file hv.csv from Health Visiting), because imported twice" \
        in cli.ok("history", REVIEW)
    # the next import is import-3: an import's number is never given again
    assert "as import-3" in cli.ok("import", REVIEW, str(write_csv(tmp_path / "b.csv", ROWS[:1])),
                                   "--agency", "School")


def test_the_cores_bookkeeping_is_not_a_kind_of_record_to_correct(cli, review):
    message = cli.refused("withdraw", REVIEW, "imports", "import-9", "--reason", "a test of it")
    assert "no import 'import-9'" in message
    message = cli.refused("withdraw", REVIEW, "facts", "current", "--reason", "a test of it")
    assert "'facts' is not a kind of record" in message and "entry, person" in message
