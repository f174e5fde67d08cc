"""The merged chronology: precision-aware order, likely duplicates flagged (never dropped),
finding entries by their source reference, and exports that cannot run formulas."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from core.evidence.chronology.duplicates import confirmed_duplicates, decide, likely_duplicates
from core.evidence.chronology.export import neutralise, to_csv, to_markdown
from core.evidence.chronology.importer import plan_import
from core.evidence.chronology.merge import chronology, find_entry
from core.kernel.date_forms import parse_date
from core.kernel.errors import InvalidValue, NotFound
from core.kernel.model import ChronologyEntry

pytestmark = pytest.mark.both_backends  # storage: on SQLite and on the server

REVIEW = "CR-2026-402"
HEADINGS = ["Date", "Time", "What happened", "Ref", "Shared with"]
POLICE = [
    ["2024-03-03", "", "Strategy discussion held with police, children's social care and school.",
     "POL-1", ""],
    ["March 2024", "", "Neighbour reported shouting over the month.", "POL-2", ""],
    ["2024", "", "Several calls from neighbours during the year.", "POL-3", ""],
    ["2024-03-03", "09:00", "=HYPERLINK(\"http://example.invalid\",\"click\")", "POL-4", ""],
    ["2024-03-01", "", "-2+3 officers attended", "POL-5", "CSC 02/03/2024"],
]
CSC = [
    ["03/03/2024", "",
     "Strategy discussion held with the police, children's social care and school.",
     "CN-1", ""],
    ["03/03/2024", "", "Social worker phoned Mother about the nursery place.", "CN-2", ""],
]


@pytest.fixture
def reviews(reviews, open_review, tmp_path):
    """The shared database, holding one review with the police's and CSC's chronologies."""
    state = open_review(REVIEW, "Child P")
    for agency, rows in (("Eastcombe Police", POLICE), ("Eastcombe CSC", CSC)):
        path = tmp_path / f"{agency}.csv"
        with path.open("w", newline="", encoding="utf-8") as out:
            csv.writer(out).writerows([HEADINGS, *rows])
        reviews.write(state, plan_import(state, path, agency=agency).events)
    return reviews


def test_merged_order_is_precision_aware(reviews):
    order = [(e.agency.split()[-1], e.source_ref) for e in chronology(reviews.load(REVIEW))]
    assert order == [
        ("Police", "POL-3"),  # 2024 starts on 1 January
        ("Police", "POL-5"),  # 1 March 2024
        ("Police", "POL-2"),  # March 2024: after the day it starts on, before 3 March
        ("CSC", "CN-1"), ("CSC", "CN-2"), ("Police", "POL-1"),  # 3 March, untimed, by agency
        ("Police", "POL-4"),  # 3 March 09:00
    ]


def test_one_agency_and_an_unknown_one(reviews):
    state = reviews.load(REVIEW)
    assert {e.source_ref for e in chronology(state, "eastcombe csc")} == {"CN-1", "CN-2"}
    with pytest.raises(NotFound, match="agencies: Eastcombe CSC, Eastcombe Police"):
        chronology(state, "Westcombe")


def test_find_entry_by_source_reference(reviews):
    state = reviews.load(REVIEW)
    assert find_entry(state, "Eastcombe Police", "POL-2").date.precision.value == "month"
    with pytest.raises(NotFound, match="POL-99"):
        find_entry(state, "Eastcombe Police", "POL-99")


def test_near_identical_entries_of_two_agencies_are_flagged_and_kept(reviews):
    state = reviews.load(REVIEW)
    (pair,) = likely_duplicates(state)
    assert {pair.first.source_ref, pair.second.source_ref} == {"POL-1", "CN-1"}
    assert pair.similarity >= 0.8 and pair.decision == ""
    assert len(state.chronology) == len(POLICE) + len(CSC)  # nothing dropped


def test_the_same_file_imported_twice_flags_every_row_and_keeps_both(reviews, tmp_path):
    state = reviews.load(REVIEW)
    path = tmp_path / "again.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([HEADINGS, *CSC])
    reviews.write(state, plan_import(state, path, agency="Eastcombe CSC").events)
    pairs = likely_duplicates(state)
    twice = [p for p in pairs if p.first.agency == p.second.agency == "Eastcombe CSC"]
    assert {p.first.source_ref for p in twice} == {"CN-1", "CN-2"}
    assert len(state.chronology) == len(POLICE) + 2 * len(CSC)
    assert find_entry(state, "Eastcombe CSC", "CN-1").provenance.import_id == "import-2"


def test_a_row_exported_twice_within_one_file_is_flagged(reviews, tmp_path):
    state = reviews.load(REVIEW)
    path = tmp_path / "gp.csv"
    same = ["05/05/2024", "", "Seen with constipation.", "", ""]
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([HEADINGS, same, same,
                                   ["05/05/2024", "", "Seen with constipation again.", "", ""]])
    reviews.write(state, plan_import(state, path, agency="GP").events)
    within = [p for p in likely_duplicates(state) if p.first.agency == "GP"]
    assert [(p.first.provenance.row, p.second.provenance.row) for p in within] == [(2, 3)]


def test_decisions_are_journalled_and_confirmed_duplicates_marked(cli, reviews):
    state = reviews.load(REVIEW)
    (pair,) = likely_duplicates(state)
    with pytest.raises(InvalidValue, match="not flagged"):
        decide(state, pair.first.id, next(iter(e for e in state.chronology if e not in
                                                (pair.first.id, pair.second.id))), "confirmed")
    with pytest.raises(InvalidValue, match="confirmed or dismissed"):
        decide(state, pair.first.id, pair.second.id, "merge")
    result = cli("duplicates", REVIEW, "confirm", pair.second.id, pair.first.id,
                 "--note", "the same meeting")
    assert result.exit_code == 0, result.output
    state = reviews.load(REVIEW)
    assert reviews.history(REVIEW)[-1].payload["value"]["decision"] == "confirmed"
    # The entry given first is the one kept, whatever their order in the chronology.
    assert confirmed_duplicates(state) == {pair.first.id: pair.second.id}
    assert likely_duplicates(state, include_decided=False) == []
    assert "No likely duplicates awaiting" in cli("duplicates", REVIEW).output
    listed = json.loads(cli("duplicates", REVIEW, "list", "--all", "--json").output)
    assert listed[0]["decision"] == "confirmed" and listed[0]["note"] == "the same meeting"
    assert len(state.chronology) == len(POLICE) + len(CSC)  # confirming drops nothing
    shown = cli("chronology", REVIEW).output
    assert f"possible duplicate of {pair.second.id}" in shown
    cli.ok("duplicates", REVIEW, "confirm", pair.first.id, pair.second.id, "--keep",
           pair.first.id, "--note", "the police record is fuller")
    assert confirmed_duplicates(reviews.load(REVIEW)) == {pair.second.id: pair.first.id}


def test_every_pair_awaiting_a_decision_is_confirmed_with_a_stated_keeper(cli, reviews,
                                                                          tmp_path):
    state = reviews.load(REVIEW)
    path = tmp_path / "again.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([HEADINGS, *CSC])
    reviews.write(state, plan_import(state, path, agency="Eastcombe CSC").events)
    cli.refused("duplicates", REVIEW, "confirm-all", "--keep", "import-9",
                says="chooses in none")
    out = cli.ok("duplicates", REVIEW, "confirm-all", "--keep", "import-2", "--agency",
                 "Eastcombe CSC", "--note", "the agency resent its file")
    assert "Confirmed 3 likely duplicate pairs, keeping the entry of import-2 in each." in out
    kept = set(confirmed_duplicates(reviews.load(REVIEW)).values())
    assert all(reviews.load(REVIEW).chronology[k].provenance.import_id == "import-2"
               for k in kept)


def test_formula_cells_are_neutralised_in_csv_and_xlsx(cli, reviews, tmp_path):
    assert neutralise("=1+1") == "'=1+1" and neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("+44") == "'+44" and neutralise("\tx") == "'\tx" and neutralise("ok") == "ok"
    entries = chronology(reviews.load(REVIEW))
    rows = list(csv.reader(io.StringIO(to_csv(entries, {}))))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'=HYPERLINK(\"http://example.invalid\",\"click\")" in cells
    assert "'-2+3 officers attended" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    out = tmp_path / "chronology.xlsx"
    result = cli("chronology", REVIEW, "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    values = [c.value for row in sheet.iter_rows(min_row=2) for c in row if c.value]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert "'=HYPERLINK(\"http://example.invalid\",\"click\")" in values


def test_a_csv_export_imports_again(cli, reviews, tmp_path):
    out = tmp_path / "export.csv"
    assert cli("chronology", REVIEW, "--agency", "Eastcombe Police", "--format", "csv",
               "-o", str(out)).exit_code == 0
    state = reviews.load(REVIEW)
    plan = plan_import(state, out, agency="Eastcombe Police")
    again = {(e.date, e.time, e.what_happened.lstrip("'")) for e in plan.entry_values()}
    assert again == {(e.date, e.time, e.what_happened)
                     for e in chronology(state, "Eastcombe Police")}


def test_json_and_markdown_exports(cli, reviews):
    data = json.loads(cli("chronology", REVIEW, "--format", "json").output)
    assert len(data) == len(POLICE) + len(CSC) and data[0]["source_ref"] == "POL-3"
    markdown = to_markdown([chronology(reviews.load(REVIEW))[-1]], {})
    assert "| 3 March 2024 | 09:00 |" in markdown and "<" not in markdown.split("\n", 2)[2]


def test_usage_errors(cli, reviews):
    assert cli("chronology", REVIEW, "--format", "xlsx").exit_code == 2
    assert cli("chronology", REVIEW, "--as-known-by", "CSC").exit_code == 2
    listed = cli("chronology", REVIEW, "--imports").output
    assert "import-1" in listed and "import-2" in listed


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from("abcdefghij"), min_size=0, max_size=8), max_size=12))
def test_the_quick_similarity_check_finds_exactly_what_comparing_every_pair_finds(texts):
    from core.evidence.chronology.duplicates import _similar
    from core.kernel.similarity import SIMILARITY

    day = parse_date("2024-03-03")
    group = [ChronologyEntry(f"e{i}", "A", day, " ".join(words) or "-")
             for i, words in enumerate(texts)]
    quick = {frozenset((a.id, b.id)) for a, b, _ in _similar(group)}
    sets = [set(words) for words in texts]
    every = {frozenset((f"e{i}", f"e{j}")) for i in range(len(sets)) for j in range(i)
             if sets[i] and sets[j]
             and len(sets[i] & sets[j]) >= SIMILARITY * len(sets[i] | sets[j])}
    assert quick == every
