"""Importing agency chronology files: formats, headings, all-or-nothing, and the error list."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from core.evidence.chronology.importer import MAX_PROBLEMS, plan_import
from core.kernel import codec
from core.kernel import state as states
from core.kernel.errors import InputProblems
from core.kernel.model import AgencyKind, ChronologyEntry

pytestmark = pytest.mark.both_backends  # storage: on SQLite and on the server

REVIEW = "CR-2026-401"
FIXTURES = [HealthCheck.function_scoped_fixture]  # examples share one review; each reloads it
HEADINGS = ["Date", "Time", "What happened", "Who", "What was known", "Decision or action",
            "Source reference", "Shared with", "Recorded on"]
GOOD_ROWS = [
    ["03/03/2023", "14:30", "Health visitor's home visit: flat cold and cluttered.",
     "Health visitor",
     "Two missed clinic appointments.", "Referral to early help.", "HV-1",
     "GP 06/03/2023", "04/03/2023"],
    ["March 2023", "", "Mother told the GP she felt low.", "GP", "", "Talking therapies.", "HV-2",
     "", ""],
    ["2022–2023", "", "On the housing register, band C.", "Housing officer", "", "", "HV-3",
     "", ""],
]


@pytest.fixture
def reviews(reviews, open_review):
    """The shared database, holding one bare review."""
    open_review(REVIEW, "Child Q")
    return reviews


def write_csv(path, rows, *, encoding="utf-8", delimiter=","):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def write_xlsx(path, rows, *, sheets=("Chronology",), above=()):
    book = Workbook()
    book.active.title = sheets[0]
    for name in sheets[1:]:
        book.create_sheet(name)
    for sheet in book.worksheets:
        for row in [*above, *rows]:
            sheet.append(list(row))
    book.save(path)
    return path


def import_into(reviews, path, agency="Eastcombe Health Visiting", **options):
    state = reviews.load(REVIEW)
    plan = plan_import(state, path, agency=agency, **options)
    reviews.write(state, plan.events)
    return state, plan


def test_a_clean_csv_becomes_entries_with_provenance(reviews, tmp_path):
    path = write_csv(tmp_path / "hv.csv", [HEADINGS, *GOOD_ROWS])
    state, plan = import_into(reviews, path, kind="health_visiting")
    assert plan.import_id == "import-1"
    entries = {e.source_ref: e for e in state.chronology.values()}
    first = entries["HV-1"]
    assert first.id == "eastcombe-health-visiting-1-2"  # <agency>-<import>-<row>
    assert (first.date.start, first.time, first.who) == (dt.date(2023, 3, 3), "14:30",
                                                         "Health visitor")
    assert first.recorded_on == dt.date(2023, 3, 4)
    assert [(s.agency, s.on) for s in first.shared_with] == [("GP", dt.date(2023, 3, 6))]
    assert (first.provenance.agency, first.provenance.file, first.provenance.row,
            first.provenance.import_id) == ("Eastcombe Health Visiting", "hv.csv", 2, "import-1")
    assert entries["HV-2"].date.precision.value == "month"
    assert entries["HV-3"].date.precision.value == "range"
    assert state.agencies["Eastcombe Health Visiting"].kind is AgencyKind.HEALTH_VISITING
    note = state.record_collection("core/imports")["import-1"]
    assert note["entries"] == 3 and note["file"] == "hv.csv" and len(note["sha256"]) == 64
    # the journal holds the import as one event, and replaying it gives the same state
    assert [e.kind for e in reviews.history(REVIEW)][-2:] == ["agencies.put", "chronology.imported"]
    assert states.summary(reviews.load(REVIEW, use_snapshot=False)) == states.summary(state)


def test_entry_data_is_the_codec_form_without_its_defaults(reviews, tmp_path):
    path = write_csv(tmp_path / "hv.csv", [HEADINGS, *GOOD_ROWS])
    plan = plan_import(reviews.load(REVIEW), path, agency="HV")
    for data in plan.entries:
        full = codec.to_data(codec.from_data(data, ChronologyEntry))
        assert {k: v for k, v in full.items() if v not in ("", None, [])} == data
        assert codec.from_data(full, ChronologyEntry) == codec.from_data(data, ChronologyEntry)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_encodings_and_delimiters_are_found(reviews, tmp_path, encoding, delimiter):
    rows = [HEADINGS, ["05/06/2024", "", "Rent arrears of £1,240 – notice served; “urgent”",
                       "Housing officer", "", "", "H-1", "", ""]]
    path = write_csv(tmp_path / "h.csv", rows, encoding=encoding, delimiter=delimiter)
    state, _ = import_into(reviews, path, agency="Housing")
    (entry,) = state.chronology.values()
    assert entry.what_happened == "Rent arrears of £1,240 – notice served; “urgent”"


def test_xlsx_with_typed_cells_a_title_and_a_chosen_sheet(reviews, tmp_path):
    rows = [["Attendance date", "Time", "ED ref", "Seen by", "Presentation and findings"],
            [dt.datetime(2023, 8, 12), dt.time(14, 35), "ED-01", "ED nurse", "Scald to the hand."],
            [45153, 0.75, 1002, "Registrar", "Seen again; dressing changed."],
            [2024, None, "ED-03", "Nurse", "A year typed as a number."]]
    path = write_xlsx(tmp_path / "ed.xlsx", rows, sheets=("Cover", "ED chronology"),
                      above=[["Wendmoor General Hospital (fictional)"], []])
    state, plan = import_into(reviews, path, agency="Hospital", sheet="ED chronology")
    assert plan.heading_row == 3
    entries = sorted(state.chronology.values(), key=lambda e: e.provenance.row)
    assert [(e.date.start, e.time, e.source_ref) for e in entries[:2]] == [
        (dt.date(2023, 8, 12), "14:35", "ED-01"), (dt.date(2023, 8, 15), "18:00", "1002")]
    assert entries[2].date.precision.value == "year"
    with pytest.raises(InputProblems, match="no sheet called 'Missing'"):
        plan_import(reviews.load(REVIEW), path, agency="Hospital", sheet="Missing")


def test_headings_match_loosely_and_unknown_ones_are_listed(reviews, tmp_path):
    rows = [["DATE OF CONTACT", "description", "Practitioner role", "Case note ref",
             "Outcome/decision",
             "Contact type"], ["2024-01-02", "Visit.", "Social worker", "CN-1", "Plan.", "Visit"]]
    plan = plan_import(reviews.load(REVIEW), write_csv(tmp_path / "c.csv", rows), agency="CSC")
    assert set(plan.columns.fields) == {"date", "what_happened", "who", "source_ref",
                                        "decision_or_action", "category"}
    assert plan.columns.unused == ()


def test_column_problems_and_map_overrides(reviews, tmp_path):
    state = reviews.load(REVIEW)
    path = write_csv(tmp_path / "gp.csv", [["Entry date", "Consultation date", "Notes"],
                                           ["02/01/2024", "02/01/2024", "Seen with a cough."]])
    with pytest.raises(InputProblems) as caught:
        plan_import(state, path, agency="GP")
    text = str(caught.value)
    assert "no column for what happened" in text and "--map" in text and "gp.csv, row 1" in text
    plan = plan_import(state, path, agency="GP",
                       mapping={"Notes": "what happened", "Entry date": "ignore"})
    assert plan.columns.fields == {"date": 1, "what_happened": 2}
    both = write_csv(tmp_path / "two.csv",
                     [["Date", "Event date", "Details"], ["2024", "2024", "x"]])
    with pytest.raises(InputProblems, match="both look like the date"):
        plan_import(state, both, agency="GP")
    with pytest.raises(InputProblems, match="does not have"):
        plan_import(state, path, agency="GP", mapping={"Nowhere": "date", "Notes": "what_happened"})


def test_a_saved_map_is_reused_for_the_agency(reviews, tmp_path):
    rows = [["Entry date", "Notes"], ["02/01/2024", "Seen with a cough."]]
    import_into(reviews, write_csv(tmp_path / "gp1.csv", rows), agency="Fenwright GP",
                mapping={"Entry date": "date", "Notes": "what_happened"}, save_map=True)
    state, plan = import_into(reviews, write_csv(tmp_path / "gp2.csv", rows), agency="fenwright gp")
    assert plan.agency == "Fenwright GP" and not plan.new_agency
    assert state.record_collection("core/column-map")["Fenwright GP"]["columns"] == {
        "Entry date": "date", "Notes": "what_happened"}
    with pytest.raises(InputProblems):  # another agency does not get Fenwright's map
        plan_import(state, write_csv(tmp_path / "gp3.csv", rows), agency="Other GP")


def test_one_bad_row_imports_nothing_and_the_journal_is_unchanged(cli, reviews, tmp_path):
    rows = [HEADINGS, *GOOD_ROWS,
            ["2012/13/01", "", "A bad date.", "", "", "", "HV-4", "", ""]]
    path = write_csv(tmp_path / "hv.csv", rows)
    before = reviews.load(REVIEW)
    seq, summary = reviews.journal.last_seq(REVIEW), states.summary(before)
    result = cli("import", REVIEW, str(path), "--agency", "HV")
    assert result.exit_code == 1
    assert "hv.csv, row 5, column 'Date': '2012/13/01': there is no month 13" in result.output
    assert "nothing was changed" in result.output
    assert reviews.journal.last_seq(REVIEW) == seq
    assert states.summary(reviews.load(REVIEW)) == summary


def test_every_problem_is_listed_at_once_naming_row_column_and_expectation(reviews, tmp_path):
    rows = [HEADINGS,
            ["31/02/2023", "", "x", "", "", "", "", "", ""],
            ["03/03/2023", "25:00", "", "", "", "", "", "", ""],
            ["03/03/2023", "", "y", "", "", "", "", "School", "01/03/2023"],
            ["03/03/2023", "", "z", "", "", "", "", "School 01/03/2023", ""],
            ["03/03/2023", "", "w", "", "", "", "", "", "", "stray"]]
    with pytest.raises(InputProblems) as caught:
        plan_import(reviews.load(REVIEW), write_csv(tmp_path / "bad.csv", rows), agency="HV")
    found = {(p.row, p.field): p for p in caught.value.problems}
    assert set(found) == {(2, "Date"), (3, "Time"), (3, "What happened"), (4, "Shared with"),
                          (4, "Recorded on"), (5, "Shared with"), (6, None)}
    assert all(p.file == "bad.csv" for p in found.values())
    assert "no day 31 in February" in str(found[2, "Date"])
    assert found[2, "Date"].expected and found[4, "Shared with"].expected
    assert "before the entry's date" in str(found[5, "Shared with"])
    assert "has no heading" in str(found[6, None])


def test_the_problem_list_stops_at_the_limit(reviews, tmp_path):
    rows = [HEADINGS] + [["not a date", "", "x", "", "", "", "", "", ""]] * (MAX_PROBLEMS + 30)
    with pytest.raises(InputProblems) as caught:
        plan_import(reviews.load(REVIEW), write_csv(tmp_path / "bad.csv", rows), agency="HV")
    assert len(caught.value.problems) == MAX_PROBLEMS and caught.value.limit_reached
    assert "fix these first" in str(caught.value)


@pytest.mark.parametrize(("content", "message"), [
    (b"", "no column for date"),
    (b"Date,What happened\r\n", "no entries"),
    (b"\x00\x01\x02binary", "not a text file"),
    (b"\xd0\xcf\x11\xe0old excel", "old-style Excel"),
    (b"PK\x03\x04not really a zip", "cannot be opened"),
    (b'Date,What happened\r\n2024,"unclosed', "cannot be read here"),
])
def test_files_that_cannot_be_read_are_refused_plainly(reviews, tmp_path, content, message):
    path = tmp_path / "agency.csv"
    path.write_bytes(content)
    with pytest.raises(InputProblems, match=message):
        plan_import(reviews.load(REVIEW), path, agency="HV")


def test_a_missing_file_is_a_user_error(cli, reviews, tmp_path):
    result = cli("import", REVIEW, str(tmp_path / "nowhere.csv"), "--agency", "HV")
    assert result.exit_code == 1 and "cannot read the file" in result.output


def test_dry_run_shows_and_writes_nothing(cli, reviews, tmp_path):
    path = write_csv(tmp_path / "hv.csv", [HEADINGS, *GOOD_ROWS])
    seq = reviews.journal.last_seq(REVIEW)
    result = cli("import", REVIEW, str(path), "--agency", "HV", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Would import 3 entries" in result.output
    assert "Dry run: nothing was written" in result.output
    assert "Health visitor's home visit" in result.output
    assert reviews.journal.last_seq(REVIEW) == seq
    result = cli("import", REVIEW, str(path), "--agency", "HV", "--kind", "police",
                 "--alias", "Health visiting", "--json")
    data = json.loads(result.output)
    assert data["import_id"] == "import-1" and len(data["entries"]) == 3 and data["new_agency"]
    state = reviews.load(REVIEW)
    assert state.agencies["HV"].kind is AgencyKind.POLICE
    assert state.record_collection("core/agency-alias")["healthvisiting"]["agency"] == "HV"


def test_bad_map_options_are_refused(cli, reviews, tmp_path):
    path = write_csv(tmp_path / "hv.csv", [HEADINGS, *GOOD_ROWS])
    result = cli("import", REVIEW, str(path), "--agency", "HV", "--map", "Date=colour")
    assert result.exit_code == 1 and "is not a field" in result.output


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURES)
@given(content=st.binary(max_size=400))
def test_arbitrary_bytes_give_the_error_list_or_a_clean_plan(reviews, tmp_path, content):
    path = tmp_path / "any.csv"
    path.write_bytes(content)
    try:
        plan = plan_import(reviews.load(REVIEW), path, agency="HV")
    except InputProblems as problems:
        assert problems.problems
        return
    assert plan.entries


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURES)
@given(cells=st.lists(st.tuples(st.text(max_size=25), st.text(max_size=25), st.text(max_size=25),
                                st.text(max_size=25)), min_size=1, max_size=4))
def test_arbitrary_cell_text_gives_the_error_list_or_an_import_the_journal_accepts(
    reviews, tmp_path, cells
):
    rows = [["Date", "What happened", "Shared with", "Time"], *[list(c) for c in cells]]
    path = write_csv(tmp_path / "cells.csv", rows)
    state = reviews.load(REVIEW)
    seq = state.seq
    try:
        plan = plan_import(state, path, agency="HV")
    except InputProblems as problems:
        assert problems.problems and reviews.journal.last_seq(REVIEW) == seq
        return
    reviews.write(state, plan.events)  # the model's validators accept every entry
    assert len(state.chronology) >= len(plan.entries)


XLSX_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)
XLSX_CELL = st.one_of(st.none(), XLSX_TEXT, st.integers(-10**6, 10**7),
                      st.floats(allow_nan=True, allow_infinity=True),
                      st.datetimes(min_value=dt.datetime(1900, 3, 1)))


@settings(max_examples=25, deadline=None, suppress_health_check=FIXTURES)
@given(cells=st.lists(st.tuples(XLSX_CELL, XLSX_CELL, XLSX_CELL), min_size=1, max_size=4))
def test_arbitrary_workbook_cells_give_the_error_list_or_an_import(reviews, tmp_path, cells):
    path = write_xlsx(tmp_path / "cells.xlsx", [["Date", "What happened", "Time"], *cells])
    state = reviews.load(REVIEW)
    try:
        plan = plan_import(state, path, agency="HV")
    except InputProblems as problems:
        assert problems.problems
        return
    reviews.write(state, plan.events)
