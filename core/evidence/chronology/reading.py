"""Reading an agency's chronology file into rows of cells: CSV (delimiter and encoding found
from the file) or XLSX (openpyxl, imported only when an XLSX file is read).

Rows are numbered as a spreadsheet shows them: the first line of the file is row 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from attrs import frozen

from core.evidence.chronology import limits
from core.kernel.errors import InputProblem

DELIMITERS = (",", ";", "\t", "|")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format
HEADING_SEARCH_ROWS = 10  # a title or a blank line may sit above the headings


@frozen
class Sheet:
    """A file's rows, however it was stored."""

    name: str  # the file name, for messages
    kind: str  # "csv" | "xlsx"
    rows: list[tuple[int, list[Any]]]  # (row number, cells), blank rows left out
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    epoch: dt.date | None = None  # the workbook's date system, for numbers in date columns


def read_sheet(path: str | Path, *, sheet: str | None = None) -> Sheet:
    """Read `path` as CSV or XLSX (told apart by content, not by name). Raises InputProblem."""
    path = Path(path)
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputProblem(f"cannot read the file: {error.strerror or error}", file=name) from None
    if data.startswith(ZIP_MAGIC):
        limits.check_workbook(data, name)
        return _read_xlsx(data, name, sheet)
    if data.startswith(OLE_MAGIC):
        raise InputProblem(
            "this is an old-style Excel .xls file, which cannot be read",
            file=name, expected="the file saved as .xlsx or CSV (File > Save As in Excel)",
        )
    if sheet:
        raise InputProblem("--sheet is only for XLSX workbooks; this is a CSV file", file=name)
    limits.check_file_size(len(data), name)
    text, encoding = decode(data, name)
    delimiter = sniff_delimiter(text)
    return Sheet(name, "csv", _csv_rows(text, delimiter, name), encoding, delimiter)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Text of a CSV file: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order
    mark (Excel's 'Unicode text'), else Windows-1252 (Excel's 'CSV' on a UK Windows PC)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    else:
        candidates = ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            if encoding == "utf-8" and _MULTIBYTE_UTF8.search(data):
                # Some UTF-8 in a file that is not all UTF-8: files joined from two sources.
                # Decoding it all as Windows-1252 would garble every accent ("CafÃ©").
                text, encoding = _by_line(data, name)
                if "\x00" in text:
                    break
                return text, encoding
            continue
        if "\x00" in text:
            break
        return text, encoding
    raise InputProblem(
        "this is not a text file that can be read (not UTF-8 or Windows-1252 text)",
        file=name, expected="a CSV file or an XLSX workbook",
    )


# A character of two to four bytes in UTF-8 (a lead byte and its continuation bytes).
_MULTIBYTE_UTF8 = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _by_line(data: bytes, name: str) -> tuple[str, str]:
    """A file of mixed encodings read line by line: each line UTF-8 if it is, else
    Windows-1252. A line that holds both cannot be told apart, and is refused by number."""
    lines = []
    mixed: list[int] = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        if _MULTIBYTE_UTF8.search(line):
            mixed.append(number)
        try:
            lines.append(line.decode("cp1252"))
        except UnicodeDecodeError:
            mixed.append(number)
    if mixed:
        shown = ", ".join(str(n) for n in sorted(set(mixed))[:10])
        raise InputProblem(
            f"the file mixes text encodings within a line (line {shown}), so its accented "
            "letters cannot be read for certain; nothing was imported", file=name,
            expected="the file saved again as UTF-8 (in Excel: Save As > CSV UTF-8)")
    return "\n".join(lines), "utf-8 and cp1252 (line by line)"


def sniff_delimiter(text: str) -> str:
    """The delimiter of the first lines: the candidate giving most columns, evenly across rows."""
    sample = [line for line in text[:65536].splitlines()[:20] if line.strip()]
    if not sample:
        return ","
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            widths = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        except csv.Error:
            continue
        # rows of one width agreeing with most rows, then the widest
        common = max(set(widths), key=widths.count)
        score = (widths.count(common) if common > 1 else 0, common)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(text: str, delimiter: str, name: str) -> list[tuple[int, list[Any]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[Any]]] = []
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            limits.check_row(number, cells, name, rows[0][1] if rows else None)
            if "".join(cells).strip():
                rows.append((number, cells))
    except csv.Error as error:
        if "field larger than field limit" in str(error):  # csv's own cap, above Excel's
            raise InputProblem(
                f"a cell longer than the {limits.MAX_CELL:,} characters Excel allows in one "
                "cell; nothing was imported", file=name, row=number + 1,
                expected="an entry's text in a cell of its own (a stray quote mark can run "
                         "many rows together into one cell)") from None
        raise InputProblem(
            f"the CSV cannot be read here: {error}", file=name, row=number + 1,
            expected="properly quoted CSV (a cell with a line break or delimiter inside quotes)",
        ) from None
    return rows


def _read_xlsx(data: bytes, name: str, sheet: str | None) -> Sheet:
    from openpyxl import load_workbook  # heavy: only when a workbook is read

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise InputProblem(
            f"this looks like a workbook but cannot be opened ({type(error).__name__})",
            file=name, expected="an .xlsx workbook saved by Excel, LibreOffice or Numbers",
        ) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise InputProblem(
                f"there is no sheet called {sheet!r}", file=name,
                expected=f"one of {', '.join(repr(s) for s in book.sheetnames)}",
            )
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        rows: list[tuple[int, list[Any]]] = []
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells = list(values)
            limits.check_row(number, cells, name, rows[0][1] if rows else None)
            if any(not (c is None or (isinstance(c, str) and not c.strip())) for c in cells):
                rows.append((number, cells))
        epoch = getattr(book, "epoch", None)
        return Sheet(name, "xlsx", rows, sheet=worksheet.title,
                     epoch=epoch.date() if isinstance(epoch, dt.datetime) else None)
    except InputProblem:
        raise
    except Exception as error:  # a damaged sheet inside an openable workbook
        raise InputProblem(
            f"the workbook's sheet cannot be read ({type(error).__name__}: {error})", file=name,
            expected="an .xlsx workbook saved by Excel, LibreOffice or Numbers",
        ) from None
    finally:
        book.close()
