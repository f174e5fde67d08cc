"""Pseudonyms applied: outputs show the register's pseudonyms, and `identity apply` corrects the
stored records once a reviewer agrees. Every name here is fictional."""

from __future__ import annotations

import json

import pytest
from test_corrections import REVIEW, entries, write_csv

from core.output.pseudonyms import Substitution
from core.output.publication.identity import Identity

ROWS = [
    ["03/03/2023", "Home visit: Jane Fictional was low; Mrs Fictional asked for help.",
     "Health visitor", "HV-1"],
    ["10/03/2023", "JANE  FICTIONAL missed the clinic.", "Health visitor", "HV-2"],
    ["17/03/2023", "Telephone call about the damp flat.", "Health visitor", "HV-3"],
]


def test_whole_names_titles_and_capitalised_parts_become_the_pseudonym():
    names = Substitution([Identity("Mother", "Jane Fictional")])
    assert names.text("Jane Fictional's flat; Mrs Fictional; JANE  FICTIONAL; Jane.") == (
        "Mother's flat; Mother; Mother; Mother.")
    assert names.text("a fictional story") == "a fictional story"  # not a name when lower case


@pytest.fixture
def review(cli, open_review, tmp_path):
    open_review(REVIEW, "Child Q")
    cli.ok("import", REVIEW, str(write_csv(tmp_path / "hv.csv", ROWS)), "--agency",
           "Health Visiting")
    cli.ok("identity", REVIEW, "add", "--pseudonym", "Mother", "--real-name", "Jane Fictional")
    return REVIEW


def test_outputs_show_the_pseudonym_while_the_records_still_hold_the_name(cli, review, tmp_path):
    shown = cli.ok("chronology", REVIEW, "--format", "md")
    assert "Fictional" not in shown and "Mother was low" in shown
    report = tmp_path / "report.md"
    cli.ok("report", REVIEW, "-o", str(report))
    assert "Fictional" not in report.read_text(encoding="utf-8")


def test_apply_corrects_the_reviews_own_title_too(cli, review):
    from core.kernel.store import open_journal
    from core.plugin_api.reviews import Reviews

    cli.ok("correct", REVIEW, "entry", "health-visiting-1-2", "--set", "what_happened=Seen.",
           "--reason", "the agency's wording")
    cli.ok("correct", REVIEW, "entry", "health-visiting-1-3", "--set", "what_happened=Missed.",
           "--reason", "the agency's wording")
    with open_journal(cli.db) as journal:
        reviews = Reviews(journal, cli.host, "test")
        state = reviews.load(REVIEW)
        reviews.write(state, [("review.amended", {"title": "Learning from Jane Fictional"})])
    listed = cli.ok("identity", REVIEW, "apply", "--dry-run")
    assert "the review's title" in listed and "would read: Learning from Mother" in listed
    cli.ok("identity", REVIEW, "apply", "--all")
    assert "Learning from Mother" in cli.ok("show", REVIEW)
    assert "No stored record holds" in cli.ok("identity", REVIEW, "apply", "--dry-run")


def test_apply_asks_record_by_record_and_keeps_the_old_versions(cli, review):
    listed = cli.ok("identity", REVIEW, "apply", "--dry-run")
    assert "2 records hold registered names" in listed and "Jane" not in listed
    out = cli.ok("identity", REVIEW, "apply", input="y\nn\n")
    assert "Replaced the names in 1 record of 2" in out
    cli.ok("identity", REVIEW, "apply", "--all")
    cli.ok("identity", REVIEW, "remove", "--pseudonym", "Mother")  # outputs no longer mask
    assert "Fictional" not in json.dumps(entries(cli))
    assert "because real names replaced by their pseudonyms" in cli.ok("history", REVIEW)


def test_titled_names_are_found_and_roles_are_not():
    from core.output.publication.practitioners import titled_names

    assert titled_names("PC Jones attended; Mrs Patel did not refer; DS O'Neil and "
                        "Dr Smith-Jones spoke.") == ["PC Jones", "Mrs Patel", "DS O'Neil",
                                                    "Dr Smith-Jones"]
    assert titled_names("The Nurse Practitioner and Mrs A met the PC on duty.") == []


def test_publish_check_blocks_practitioner_names_in_findings_case_group_and_owners(cli, review):
    cli.ok("identity", REVIEW, "apply", "--all")
    cli.ok("findings", REVIEW, "add", "--id", "F1", "--title", "Referral", "--statement",
           "Mrs Patel did not refer the family.", "--evidence", "health-visiting-1-2")
    cli.ok("people", REVIEW, "add", "--role", "case_group", "--title", "Mrs Patel")
    cli.ok("actions", REVIEW, "add", "--description", "Train staff.", "--owner", "PC Jones",
           "--due", "2026-03-01", "--measure", "Audit shows referrals.", "--addresses", "F1")
    result = cli("publish-check", REVIEW, "--json", "--no-record")
    found = [p for p in json.loads(result.output)["problems"]
             if p["code"] == "practitioner_name"]
    assert {p["where"] for p in found} >= {"People taking part (P1)",
                                           "Improvement action A1 (owner)"}
    assert all(p["blocking"] for p in found)
    assert not any("Patel" in p["snippet"] + p["why"] or "Jones" in p["snippet"] + p["why"]
                   for p in found)  # masked, so the check's output is safe to pass on


def test_outputs_substitute_the_entries_they_read_and_read_them_as_the_read_models_do(
        cli, review, tmp_path):
    from core.kernel.journal import Journal
    from core.output.pseudonyms import Pseudonymised, _value, for_output
    from core.plugin_api.reviews import Reviews

    cli.ok("import", REVIEW, str(write_csv(tmp_path / "gp.csv", ROWS[:1])), "--agency",
           "Fictional Road Surgery")  # an agency whose name the substitution changes
    identities = [Identity("Mother", "Jane Fictional")]
    names = Substitution(identities)
    with Journal.open(cli.db) as journal:
        state = Reviews(journal, cli.host, "test").load(REVIEW)
        # the agency's name would change: every entry is substituted at once, as before
        assert isinstance(for_output(state, identities).chronology, dict)
        gp = [e for e in state.chronology.values() if e.agency != "Health Visiting"]
        cli.ok("withdraw", REVIEW, "entry", gp[0].id, "--reason", "sent to the wrong review")
        state = Reviews(journal, cli.host, "test").load(REVIEW)
        shown = for_output(state, identities).chronology
        assert isinstance(shown, Pseudonymised)
        first, _last = shown.first_and_last()
        assert "Fictional" not in first.what_happened
        assert state.chronology._source.all is None  # only what was shown was read
        expected = {key: _value(names, entry) for key, entry in state.chronology.items()}
        assert dict(shown.items()) == expected and "Fictional" not in repr(expected)
        assert shown.in_order() == [expected[e.id] for e in state.sorted_chronology()]
        assert shown.first_and_last() == tuple(expected[e.id] for e in
                                               state.chronology.first_and_last())
        assert list(shown.by_id()) == sorted(expected.items())
        assert shown.agencies() == {"Health Visiting"}
