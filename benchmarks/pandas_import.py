"""The pandas script the importer is measured against (benchmarks/readmodels.py): the same
work in the fewest lines a data analyst would write.

For each agency file: read it (its encoding and delimiter given), find the date and "what
happened" columns by their headings, parse the dates day first; then concatenate, sort by
date, flag exact duplicate texts recorded by more than one agency, and write it all to SQLite.

    pip install -e '.[bench]'
    python benchmarks/pandas_import.py OUT.db FILE:ENCODING:DELIMITER:AGENCY ...
"""

from __future__ import annotations

import sqlite3
import sys

import pandas as pd

DATE_HEADINGS = ("Date", "Event date", "Date of contact")
TEXT_HEADINGS = ("What happened", "Details", "Description", "Summary of contact")


def read(path: str, encoding: str, delimiter: str, agency: str) -> pd.DataFrame:
    frame = pd.read_csv(path, sep=delimiter, encoding=encoding, dtype=str,
                        keep_default_na=False)
    frame.columns = [c.lstrip("\ufeff") for c in frame.columns]
    date = next(c for c in frame.columns if c in DATE_HEADINGS)
    text = next(c for c in frame.columns if c in TEXT_HEADINGS)
    return pd.DataFrame({
        "agency": agency,
        "date": pd.to_datetime(frame[date], dayfirst=True, format="mixed", errors="coerce"),
        "date_text": frame[date],
        "what_happened": frame[text],
        "row": range(2, len(frame) + 2),
    })


def main(out: str, specs: list[str]) -> None:
    frames = []
    for spec in specs:
        path, encoding, delimiter, agency = spec.split(":", 3)
        frames.append(read(path, encoding, "\t" if delimiter == "tab" else delimiter, agency))
    merged = pd.concat(frames, ignore_index=True).sort_values(["date", "agency", "row"],
                                                              kind="stable")
    agencies = merged.groupby("what_happened")["agency"].transform("nunique")
    merged["likely_duplicate"] = agencies > 1
    with sqlite3.connect(out) as db:
        merged.to_sql("chronology", db, if_exists="replace", index=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
