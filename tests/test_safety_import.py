"""Agency files cannot exhaust the disk, garble text, be imported twice unseen, or leave an
interrupted import misreported; an exported chronology imports back as it was."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import Workbook

from core.evidence.chronology import limits
from core.evidence.chronology.reading import read_sheet

REVIEW = "CR-2026-401"
HEADINGS = ["Date", "What happened", "Source reference"]


@pytest.fixture
def reviews(reviews, open_review):
    open_review(REVIEW, "Child Q")
    return reviews


def _csv(path, rows, encoding="utf-8"):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def _xlsx(path, rows):
    """A workbook of `rows`, its strings written into the file as they are (openpyxl itself
    cuts a cell at Excel's limit when writing, but a hostile file need not be written by it)."""
    long = {cell: f"LONG{n}" for n, cell in enumerate(c for r in rows for c in r
                                                       if isinstance(c, str) and len(c) > 1000)}
    book = Workbook()
    for row in rows:
        book.active.append([long.get(c, c) for c in row])
    book.save(path)
    if long:
        with zipfile.ZipFile(path) as archive:
            parts = {i.filename: archive.read(i) for i in archive.infolist()}
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                for cell, marker in long.items():
                    data = data.replace(marker.encode(), cell.encode())
                archive.writestr(name, data)
    return path


def test_the_limits_are_excels_own():
    assert limits.MAX_ROWS == 1_048_576 and limits.MAX_CELL == 32_767


@pytest.mark.parametrize("write", [_csv, _xlsx], ids=["csv", "xlsx"])
def test_a_cell_longer_than_excel_allows_is_refused_naming_row_and_column(reviews, cli, tmp_path,
                                                                          write):
    path = write(tmp_path / ("big.csv" if write is _csv else "big.xlsx"),
                 [HEADINGS, ["03/03/2023", "x" * 40_000, "R1"]])
    message = cli.refused("import", REVIEW, str(path), "--agency", "HV",
                          says=["row 2", "'What happened'", "32,767"])
    assert "nothing was" in message
    assert reviews.load(REVIEW).chronology == {}


def test_a_csv_cell_beyond_the_csv_readers_own_cap_gets_the_same_message(tmp_path):
    path = _csv(tmp_path / "huge.csv", [HEADINGS, ["03/03/2023", "z" * 300_000, "R1"]])
    with pytest.raises(Exception, match=r"row 2.*32,767 characters"):
        read_sheet(path)


@pytest.mark.parametrize("write", [_csv, _xlsx], ids=["csv", "xlsx"])
def test_more_rows_than_excel_allows_are_refused(tmp_path, monkeypatch, write):
    monkeypatch.setattr(limits, "MAX_ROWS", 50)  # (a million rows is too slow for a unit test)
    rows = [HEADINGS, *[["03/03/2023", f"entry {n}", f"R{n}"] for n in range(60)]]
    path = write(tmp_path / ("many.csv" if write is _csv else "many.xlsx"), rows)
    with pytest.raises(Exception, match="more than 50 rows"):
        read_sheet(path)


def test_a_workbook_that_unpacks_too_large_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_BYTES", 1024 * 1024)
    path = _xlsx(tmp_path / "bomb.xlsx", [HEADINGS, ["03/03/2023", "a" * 30_000, "R1"]])
    with zipfile.ZipFile(path, "a") as archive:  # a part that compresses to almost nothing
        archive.writestr("xl/padding.bin", b"\0" * (2 * 1024 * 1024),
                         compress_type=zipfile.ZIP_DEFLATED)
    assert path.stat().st_size < 200_000
    with pytest.raises(Exception, match="workbook unpacked is 2 MB"):
        read_sheet(path)


def test_a_csv_file_larger_than_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_BYTES", 1000)
    path = _csv(tmp_path / "big.csv", [HEADINGS, *[["03/03/2023", "y" * 50, "R"]] * 40])
    with pytest.raises(Exception, match="more than the 0 MB"):
        read_sheet(path)


def test_a_csv_of_mixed_encodings_is_read_line_by_line(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes("Date,What happened\n03/03/2023,Café visit\n".encode()
                     + "04/03/2023,Crème brûlée at Zoë's\n".encode("cp1252"))
    sheet = read_sheet(path)
    assert [cells[1] for _, cells in sheet.rows] == [
        "What happened", "Café visit", "Crème brûlée at Zoë's"]


def test_a_line_mixing_two_encodings_is_refused_by_line(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"Date,What happened\n03/03/2023," + "Café ".encode()
                     + "Crème\n".encode("cp1252"))
    with pytest.raises(Exception, match=r"line 2.*UTF-8"):
        read_sheet(path)


def test_the_same_file_twice_is_refused_unless_asked(reviews, cli, tmp_path):
    path = _csv(tmp_path / "hv.csv", [HEADINGS, ["03/03/2023", "A visit.", "R1"]])
    cli.ok("import", REVIEW, str(path), "--agency", "HV")
    cli.refused("import", REVIEW, str(path), "--agency", "HV",
                says=["imported into", "already, as import-1", "--again"])
    assert len(reviews.load(REVIEW).chronology) == 1
    cli.ok("import", REVIEW, str(path), "--agency", "HV", "--again")
    assert len(reviews.load(REVIEW).chronology) == 2


def test_an_interrupted_duplicate_scan_says_the_import_was_committed(reviews, cli, tmp_path,
                                                                    monkeypatch):
    path = _csv(tmp_path / "hv.csv", [HEADINGS, ["03/03/2023", "A visit.", "R1"]])

    def interrupted(state, *args, **kw):
        raise KeyboardInterrupt

    monkeypatch.setattr("core.apps.cli.import_.flagged_in_import", interrupted)
    result = cli("import", REVIEW, str(path), "--agency", "HV")
    assert result.exit_code == 130
    assert "import was complete" in result.output and "import-1" in result.output
    assert "Do not import the file again" in result.output
    assert "Aborted" not in result.output
    assert len(reviews.load(REVIEW).chronology) == 1


def test_an_exported_chronology_imports_back_without_apostrophes(reviews, cli, tmp_path):
    path = _csv(tmp_path / "hv.csv", [HEADINGS, ["03/03/2023", "=1+1", "-R1"],
                                      ["04/03/2023", "@home", "+R2"]])
    cli.ok("import", REVIEW, str(path), "--agency", "HV")
    exported = tmp_path / "out.csv"
    cli.ok("chronology", REVIEW, "--format", "csv", "-o", str(exported))
    assert "'=1+1" in exported.read_text()  # neutralised for spreadsheets
    cli.ok("import", REVIEW, str(exported), "--agency", "HV copy")
    texts = sorted(e.what_happened for e in reviews.load(REVIEW).chronology.values())
    assert texts == ["=1+1", "=1+1", "@home", "@home"]
