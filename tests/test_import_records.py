"""Importing files as agencies really send them: combined files, everyday headings, two-digit
years, category and risk grade, and an error that lists the headings found. Fictional data."""

from __future__ import annotations

import json

import pytest
from test_corrections import entries

REVIEW = "CR-2026-411"


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def review(open_review):
    open_review(REVIEW, "Child Q")
    return REVIEW


def test_a_combined_health_file_is_split_by_its_service_column(cli, review, tmp_path):
    path = write(tmp_path / "health.csv",
                 "Service,Date/Time,Consultation text,Clinician\n"
                 "GP,03/03/2023 10:15,Seen with a cough.,GP\n"
                 "Hospital,04/03/2023,Attended the emergency department.,Nurse\n"
                 "GP,10/03/2023,Follow-up; chest clear.,GP\n")
    dry = cli.ok("import", REVIEW, str(path), "--agency-column", "Service", "--dry-run")
    assert "Would import 2 entries for GP as import-1" in dry
    assert "Would import 1 entry for Hospital as import-2" in dry
    cli.ok("import", REVIEW, str(path), "--agency-column", "Service")
    found = entries(cli)
    assert {e["agency"] for e in found.values()} == {"GP", "Hospital"}
    assert found["gp-1-2"]["time"] == "10:15" and found["gp-1-2"]["who"] == "GP"


def test_a_combined_file_with_an_empty_agency_imports_nothing(cli, review, tmp_path):
    path = write(tmp_path / "health.csv", "Service,Date,Concern,Consultation text\n"
                                          "GP,03/03/2023,Cough.,\n,04/03/2023,Fall.,\n")
    cli.refused("import", REVIEW, str(path), "--agency-column", "Service",
                says=("health.csv, row 3", "the agency is empty"))
    assert entries(cli) == {}
    path.write_text("Service,Date,Concern,Consultation text\nGP,03/03/2023,Cough.,\n"
                    "School,04/03/2023,Fall.,\n", encoding="utf-8")
    message = cli.refused("import", REVIEW, str(path), "--agency-column", "Service",
                          says="both look like the what happened")
    assert message.count("both look like") == 1  # found in each part, said once


def test_everyday_headings_category_and_risk_are_kept(cli, review, tmp_path):
    path = write(tmp_path / "police.csv",
                 "Date,Incident summary,Attending officer,Type,Risk grade\n"
                 "05/03/2023,Call to a domestic incident.,Response officer,Domestic,Medium\n")
    cli.ok("import", REVIEW, str(path), "--agency", "Police")
    entry = entries(cli)["police-1-2"]
    assert entry["category"] == "Domestic" and entry["risk_grade"] == "Medium"
    assert entry["who"] == "Response officer"


def test_two_digit_years_need_a_century(cli, review, tmp_path):
    path = write(tmp_path / "school.csv", "Date,Staff,Concern\n03/03/12,Teacher,Late again.\n")
    cli.refused("import", REVIEW, str(path), "--agency", "School", says="two-digit year")
    cli.ok("import", REVIEW, str(path), "--agency", "School", "--century", "2000")
    assert entries(cli)["school-1-2"]["date"]["start"] == "2012-03-03"
    cli.refused("import", REVIEW, str(path), "--agency", "School", "--century", "2012",
                says="--century takes the first year of a century")


def test_headings_not_understood_are_listed_with_a_map_suggestion(cli, review, tmp_path):
    path = write(tmp_path / "odd.csv", "When seen,Blurb\n03/03/2023,Something.\n")
    message = cli.refused("import", REVIEW, str(path), "--agency", "School")
    assert "the headings found are 'When seen', 'Blurb'" in message
    assert "--map 'When seen=date'" in message


def test_json_import_of_a_split_file_reports_each_part(cli, review, tmp_path):
    path = write(tmp_path / "h.csv", "Service,Date,Concern\nGP,03/03/2023,Cough.\n")
    data = json.loads(cli.ok("import", REVIEW, str(path), "--agency-column", "Service",
                             "--json"))
    assert data == [{"import_id": "import-1", "agency": "GP", "new_agency": True,
                     "entries": 1, "dry_run": False}]
