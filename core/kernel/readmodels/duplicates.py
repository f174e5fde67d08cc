"""The likely duplicates read model: pairs kept per date span, found again only where an
import (or a correction) touched a span, and then only between the touched entries and the
rest of it: a late file of 100 rows compares 100 rows, whatever the size of the review."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from core.kernel.similarity import WORD, similar_pairs
from core.kernel.sql import Sql


def refresh_spans(sql: Sql, review_id: str, spans: Iterable[tuple[str, str]],
                  touched: set[str]) -> None:
    wanted = set(spans)
    stale: list[tuple[str, str, str, str, str]] = []
    groups: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    # Every span's pairs and entries in a few queries, not a few per span: on a server each
    # query is a round trip. Read by start date (the index), kept only for the wanted spans.
    starts = sorted({start for start, _ in wanted})
    for first in range(0, len(starts), 500):
        chunk = starts[first:first + 500]
        marks = ", ".join("?" * len(chunk))
        for start, end, a, b in sql.rows(
                "SELECT date_start, date_end, first_id, second_id FROM rm_duplicates WHERE "
                f"review_id = ? AND date_start IN ({marks})", (review_id, *chunk)):
            if (start, end) in wanted and (a in touched or b in touched):
                stale.append((review_id, start, end, a, b))
        for start, end, *row in sql.rows(
                "SELECT date_start, date_end, entry_id, agency, prov_import, time, prov_row, "
                f"what_happened FROM rm_entries WHERE review_id = ? AND date_start IN ({marks})",
                (review_id, *chunk)):
            if (start, end) in wanted:
                groups[(start, end)].append(tuple(row))
    sql.many("DELETE FROM rm_duplicates WHERE review_id = ? AND date_start = ? AND "
             "date_end = ? AND first_id = ? AND second_id = ?", stale)
    found = []
    for start, end in sorted(wanted):
        group = groups[(start, end)]
        if len(group) < 2:
            continue
        group.sort(key=lambda row: (row[0] in touched, row[0]))  # what was there, then the new
        new_from = sum(1 for row in group if row[0] not in touched)
        for j, i, score in similar_pairs([row[5] for row in group], new_from):
            a, b = group[j], group[i]
            if a[1] == b[1] and a[2] == b[2] and _words(a[5]) != _words(b[5]):
                continue  # one file's rows that merely resemble each other
            first_row, second_row = sorted((a, b), key=_merge_key)
            found.append((review_id, start, end, first_row[0], second_row[0], round(score, 2)))
    sql.many("INSERT INTO rm_duplicates (review_id, date_start, date_end, first_id, "
             "second_id, similarity) VALUES (?, ?, ?, ?, ?, ?)", found)


def _words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def _merge_key(row: tuple) -> tuple:
    # core.evidence.chronology.merge.merge_key within one date span: time, agency, import, row, id
    entry_id, agency, import_id, time, number = row[:5]
    _, _, count = import_id.rpartition("-")
    return (time, agency, int(count) if count.isdigit() else 0, number or 0, entry_id)
