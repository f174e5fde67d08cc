"""The merged chronology out again: CSV, XLSX, JSON or Markdown.

Spreadsheet cells starting with =, +, -, @, a tab or a carriage return are prefixed with an
apostrophe, so a spreadsheet shows them as text instead of running them as formulas (CSV and
XLSX injection). A CSV or XLSX export can be imported again: its headings are the importer's.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from core.kernel import codec
from core.kernel.dates import long_date, long_span
from core.kernel.model import ChronologyEntry

FORMATS = ("text", "csv", "xlsx", "json", "md")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Heading -> how to get the cell from an entry and the id of the entry it duplicates ("" if none).
COLUMNS: dict[str, Callable[[ChronologyEntry, str], str]] = {
    "Entry id": lambda e, d: e.id,
    "Agency": lambda e, d: e.agency,
    "Date": lambda e, d: str(e.date),
    "Date from": lambda e, d: e.date.start.isoformat(),
    "Date to": lambda e, d: e.date.end.isoformat(),
    "Precision": lambda e, d: e.date.precision.value,
    "Time": lambda e, d: e.time,
    "What happened": lambda e, d: e.what_happened,
    "Who": lambda e, d: e.who,
    "What was known": lambda e, d: e.what_was_known,
    "Decision or action": lambda e, d: e.decision_or_action,
    "Source reference": lambda e, d: e.source_ref,
    "Shared with": lambda e, d: "; ".join(f"{s.agency} {s.on:%d/%m/%Y}" for s in e.shared_with),
    "Recorded on": lambda e, d: f"{e.recorded_on:%d/%m/%Y}" if e.recorded_on else "",
    "Category": lambda e, d: e.category,
    "Risk grade": lambda e, d: e.risk_grade,
    "Import": lambda e, d: e.provenance.import_id,
    "File": lambda e, d: e.provenance.file,
    "Row": lambda e, d: "" if e.provenance.row is None else str(e.provenance.row),
    "Duplicate of": lambda e, d: d,
}


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def rows(entries: Sequence[ChronologyEntry], duplicate_of: dict[str, str]) -> list[list[str]]:
    getters = list(COLUMNS.values())
    return [[get(e, duplicate_of.get(e.id, "")) for get in getters] for e in entries]


def to_csv(entries: Sequence[ChronologyEntry], duplicate_of: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows(entries, duplicate_of):
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


def to_xlsx(entries: Sequence[ChronologyEntry], duplicate_of: dict[str, str]) -> bytes:
    from openpyxl import Workbook  # heavy: only when a workbook is written

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Chronology")
    sheet.append(list(COLUMNS))
    for row in rows(entries, duplicate_of):
        sheet.append([neutralise(_printable(cell)) for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_json(entries: Sequence[ChronologyEntry], duplicate_of: dict[str, str]) -> str:
    data = [
        codec.to_data(e) | ({"duplicate_of": duplicate_of[e.id]} if e.id in duplicate_of else {})
        for e in entries
    ]
    return json.dumps(data, ensure_ascii=False, indent=2)


def to_markdown(entries: Sequence[ChronologyEntry], duplicate_of: dict[str, str]) -> str:
    lines = ["| Date | Time | Agency | What happened | Who | Decision or action | Reference |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for e in entries:
        what = e.what_happened + (f" (duplicate of {duplicate_of[e.id]})" if e.id in duplicate_of
                                  else "")
        cells = [long_span(e.date), e.time, e.agency, what, e.who, e.decision_or_action,
                 e.source_ref]
        lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def to_text(entries: Sequence[ChronologyEntry], duplicate_of: dict[str, str]) -> str:
    """For reading at a terminal: one entry per line, then its detail indented."""
    lines = []
    for e in entries:
        when = f"{long_span(e.date)} {e.time}".strip()  # in words, whatever the agency typed
        mark = f"  [possible duplicate of {duplicate_of[e.id]}]" if e.id in duplicate_of else ""
        lines.append(f"{when:<22} {e.agency}  ({e.id}{', ' + e.source_ref if e.source_ref else ''})"
                     f"{mark}")
        lines.append(f"    {e.what_happened}")
        for label, value in (("Who", e.who), ("Known", e.what_was_known),
                             ("Decision", e.decision_or_action), ("Category", e.category),
                             ("Risk grade", e.risk_grade)):
            if value:
                lines.append(f"    {label}: {value}")
        if e.shared_with:
            told = "; ".join(f"{s.agency} {long_date(s.on)}" for s in e.shared_with)
            lines.append(f"    Shared with: {told}")
    return "\n".join(lines) + ("\n" if lines else "")


RENDERERS: dict[str, Callable[[Sequence[ChronologyEntry], dict[str, str]], Any]] = {
    "text": to_text, "csv": to_csv, "xlsx": to_xlsx, "json": to_json, "md": to_markdown,
}


# Characters that start Markdown inline markup: an image ![x](url), a link, emphasis, code.
_MD_MARKUP = re.compile(r"([\\`*_\[\]!~#|])")


def _md(cell: str) -> str:
    """Agency text inert in a Markdown table cell, as the report's Markdown is: no live image,
    link, emphasis or HTML."""
    escaped = _MD_MARKUP.sub(r"\\\1", cell)
    escaped = escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\r", " ").replace("\n", " ")


def _printable(cell: str) -> str:
    # XML 1.0 (inside .xlsx) cannot hold most control characters; openpyxl refuses them.
    return "".join(ch for ch in cell if ch in "\t\n\r" or ord(ch) >= 32)
