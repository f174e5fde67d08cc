"""Write the Child A agency chronologies from their sources in `source/*.yaml`.

The example case is fictional. Each agency "sends" its chronology in the form agencies really
use: CSV in Windows-1252 from Excel, CSV in UTF-8 with a byte order mark, a semicolon-delimited
export, plain UTF-8 CSV, and XLSX workbooks with real Excel date cells. The YAML beside each file
is the source of truth; run this script after editing it:

    python examples/child-a/build_files.py           # rewrite the files
    python examples/child-a/build_files.py --check   # exit 1 if a file is out of date
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "source"

# Output file -> how the agency sends it. `encoding` is the Python codec name.
FILES: dict[str, dict[str, Any]] = {
    "police.csv": {"source": "police.yaml", "encoding": "utf-8", "delimiter": ","},
    "childrens-social-care.xlsx": {"source": "childrens-social-care.yaml", "sheet": "Chronology"},
    "school.csv": {"source": "school.yaml", "encoding": "utf-8", "delimiter": ","},
    "gp.csv": {"source": "gp.yaml", "encoding": "utf-8", "delimiter": ";"},
    "health-visiting.csv": {
        "source": "health-visiting.yaml", "encoding": "utf-8-sig", "delimiter": ",",
    },
    "hospital.xlsx": {"source": "hospital.yaml", "sheet": "ED chronology"},
    "housing.csv": {"source": "housing.yaml", "encoding": "cp1252", "delimiter": ","},
}

# A fixed timestamp keeps the workbook metadata the same from one build to the next.
BUILT = dt.datetime(2025, 2, 24, 9, 0, 0)
STAMP = BUILT.strftime("%Y-%m-%dT%H:%M:%SZ").encode()


def load_source(name: str) -> dict[str, Any]:
    """The agency's columns, rows (heading -> value) and optional title lines."""
    import yaml

    data = yaml.safe_load((SOURCES / name).read_text(encoding="utf-8"))
    columns = list(data["columns"])
    for number, row in enumerate(data["rows"], start=1):
        if list(row) != columns:
            raise ValueError(f"{name} row {number}: headings {list(row)} differ from {columns}")
    return {"columns": columns, "rows": data["rows"], "title": data.get("title", [])}


def _text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def csv_bytes(source: dict[str, Any], encoding: str, delimiter: str) -> bytes:
    """The file exactly as Excel would save it: CRLF line ends, quotes only where needed."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(source["columns"])
    for row in source["rows"]:
        writer.writerow([_text(row[column]) for column in source["columns"]])
    return buffer.getvalue().encode(encoding)


def _cell_value(column: str, value: Any) -> Any:
    """Dates become Excel date cells and "HH:MM" in a Time column an Excel time cell."""
    if isinstance(value, dt.date):
        return value
    if column == "Time" and value:
        hours, minutes = str(value).split(":")
        return dt.time(int(hours), int(minutes))
    return value if value != "" else None


def xlsx_rows(source: dict[str, Any]) -> list[list[Any]]:
    """Every row of the sheet as openpyxl should read it back: title, headings, entries."""
    rows: list[list[Any]] = [[line] for line in source["title"]]
    if source["title"]:
        rows.append([])
    rows.append(list(source["columns"]))
    for row in source["rows"]:
        rows.append([_cell_value(column, row[column]) for column in source["columns"]])
    return rows


def write_xlsx(path: Path, source: dict[str, Any], sheet: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    heading_row = len(source["title"]) + (1 if source["title"] else 0) + 1
    for values in xlsx_rows(source):
        worksheet.append(values)
    for cell in worksheet[heading_row]:
        cell.font = Font(bold=True)
    for line in range(1, heading_row):
        worksheet.cell(line, 1).font = Font(bold=True)
    for row in worksheet.iter_rows(min_row=heading_row + 1):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "dd/mm/yyyy"
            elif isinstance(cell.value, dt.time):
                cell.number_format = "hh:mm"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(source["columns"], start=1):
        letter = worksheet.cell(heading_row, index).column_letter
        longest = max(len(_text(row[column])) for row in source["rows"])
        worksheet.column_dimensions[letter].width = min(max(len(column), longest) + 2, 60)
    worksheet.freeze_panes = worksheet.cell(heading_row + 1, 1)
    workbook.properties.creator = "Fictional example data"
    workbook.properties.created = BUILT
    workbook.properties.modified = BUILT
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(_stable_zip(buffer.getvalue()))


def _stable_zip(data: bytes) -> bytes:
    """The same workbook with fixed zip timestamps, so an unchanged source builds the same bytes."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as target:
        for item in source.infolist():
            fixed = zipfile.ZipInfo(item.filename, date_time=BUILT.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + STAMP, content
                )
            target.writestr(fixed, content)
    return out.getvalue()


def read_xlsx(path: Path, sheet: str) -> list[list[Any]]:
    """The sheet's rows as values; dates read back as dates, times as times, blanks as None."""
    from openpyxl import load_workbook

    worksheet = load_workbook(path)[sheet]
    rows = []
    for row in worksheet.iter_rows(values_only=True):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        rows.append([v.date() if isinstance(v, dt.datetime) else v for v in values])
    return rows


def _expected_xlsx(source: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for values in xlsx_rows(source):
        values = list(values)
        while values and values[-1] is None:
            values.pop()
        rows.append(values)
    return rows


def stale_files() -> list[str]:
    """Names of the files that differ from what their sources would build."""
    stale = []
    for name, spec in FILES.items():
        path = HERE / name
        source = load_source(spec["source"])
        if not path.exists():
            stale.append(name)
        elif name.endswith(".xlsx"):
            if read_xlsx(path, spec["sheet"]) != _expected_xlsx(source):
                stale.append(name)
        elif path.read_bytes() != csv_bytes(source, spec["encoding"], spec["delimiter"]):
            stale.append(name)
    return stale


def build() -> None:
    for name, spec in FILES.items():
        source = load_source(spec["source"])
        if name.endswith(".xlsx"):
            write_xlsx(HERE / name, source, spec["sheet"])
        else:
            (HERE / name).write_bytes(csv_bytes(source, spec["encoding"], spec["delimiter"]))


def main(argv: list[str]) -> int:
    if argv[1:] == ["--check"]:
        stale = stale_files()
        for name in stale:
            print(f"{name} is out of date with its source; run build_files.py", file=sys.stderr)
        return 1 if stale else 0
    if argv[1:]:
        print("usage: build_files.py [--check]", file=sys.stderr)
        return 2
    build()
    print(f"wrote {len(FILES)} files in {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
