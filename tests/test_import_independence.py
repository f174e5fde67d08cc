"""An import that brings in an agency employing a lead reviewer says so, as adding the agency
by hand does: the evidence still comes in, and independence (seed 2.6) must be settled."""

from __future__ import annotations

from click.testing import CliRunner

from core.apps.cli.base import cli

CSV = "Date,What happened,Ref\n03/03/2024,Reviewer's firm advised the school on attendance,H-1\n"


def test_an_imported_agency_that_employs_a_lead_reviewer_is_named(tmp_path):
    db = tmp_path / "x.db"
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, ["--db", str(db), *args])
        assert result.exit_code == 0, result.output
        return result.output

    run("new", "--regime", "england-cspr-2018", "--id", "CR-2025-001", "--title", "Child A",
        "--area", "Tessingford", "--child", "Child A", "--incident-date", "2025-02-13",
        "--notified-on", "2025-02-18")
    run("people", "CR-2025-001", "add", "--role", "lead_reviewer", "--title",
        "Independent lead reviewer", "--name", "Sam Lee", "--employer", "Hale Reviews Ltd")
    chronology = tmp_path / "hale.csv"
    chronology.write_text(CSV, encoding="utf-8")

    said = run("import", "CR-2025-001", str(chronology), "--agency", "Hale Reviews Ltd")
    assert "Sam Lee" in said and "Hale Reviews Ltd" in said and "independent" in said
    assert "1 entr" in said  # the evidence came in all the same

    other = tmp_path / "school.csv"
    other.write_text(CSV.replace("H-1", "S-1"), encoding="utf-8")
    said = run("import", "CR-2025-001", str(other), "--agency", "Brindlecote Primary School")
    assert "Sam Lee" not in said
