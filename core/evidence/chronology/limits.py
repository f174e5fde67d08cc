"""How big an agency's file may be: the limits Excel itself has, so no real chronology is
refused, and a file made to exhaust the disk or memory is refused before it is unpacked.

A workbook is a zip file; its parts' unpacked sizes are read from the zip's directory (Python's
zipfile never unpacks more than a part declares), so a small file that would unpack to gigabytes
is refused before openpyxl reads it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from typing import Any

from core.kernel.errors import InputProblem

MAX_ROWS = 1_048_576  # Excel's own limit on a sheet's rows
MAX_CELL = 32_767  # Excel's own limit on the characters in one cell
MAX_BYTES = 256 * 1024 * 1024  # a CSV file, or a workbook's parts unpacked: 256 MB
_MB = 1024 * 1024


def check_file_size(size: int, name: str, what: str = "the file") -> None:
    if size > MAX_BYTES:
        raise InputProblem(
            f"{what} is {size // _MB:,} MB, more than the {MAX_BYTES // _MB} MB a chronology "
            "may be; nothing was imported", file=name,
            expected="one agency's chronology (split a larger file by year and import each)")


def check_workbook(data: bytes, name: str) -> None:
    """Refuse a workbook whose parts unpack to more than MAX_BYTES (a 'zip bomb')."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a readable zip: openpyxl says so in its own words
    check_file_size(unpacked, name, "the workbook unpacked")


def check_row(number: int, cells: Sequence[Any], name: str, headings: Sequence[Any] | None = None
              ) -> None:
    """Refuse row `number` past Excel's last row, or with a cell longer than Excel allows."""
    if number > MAX_ROWS:
        raise InputProblem(
            f"the file has more than {MAX_ROWS:,} rows, Excel's own limit; nothing was imported",
            file=name, row=number, expected="one agency's chronology")
    try:
        if sum(map(len, cells)) <= MAX_CELL:  # the usual row, checked at C speed
            return
    except TypeError:  # a workbook's numbers and dates: look at each cell
        pass
    for index, cell in enumerate(cells):
        if isinstance(cell, str) and len(cell) > MAX_CELL:
            heading = headings[index] if headings and index < len(headings) else None
            raise InputProblem(
                f"a cell of {len(cell):,} characters, more than the {MAX_CELL:,} Excel allows in "
                "one cell; nothing was imported", file=name, row=number,
                field=str(heading) if heading else f"column {index + 1}",
                expected="an entry's text in a cell of its own")
