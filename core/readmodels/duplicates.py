"""The likely duplicates read model: pairs kept per date span, found again only for the entries
an append touched, and then only between those entries and the rest of their span: a late file
of 100 rows compares 100 rows with what shares their dates, whatever the size of the review.
Pairs of entries the append did not touch are neither read nor rewritten."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from core.chronology.duplicates import _WORD, similar_pairs
from core.readmodels.sql import Sql

_PAIR_COLUMNS = "review_id, date_start, date_end, first_id, second_id"


def refresh_spans(sql: Sql, review_id: str, spans: Iterable[tuple[str, str]],
                  touched: set[str], stored: Iterable[tuple[str, str, str]] = ()) -> None:
    """Find again the pairs of the `touched` entries, now in `spans`; `stored` gives the span
    (start, end, id) each touched entry had before, whose pairs are dropped first (an entry
    new to the review has none)."""
    gone = [(review_id, start, end, entry_id, entry_id) for start, end, entry_id in stored]
    sql.many("DELETE FROM rm_duplicates WHERE review_id = ? AND date_start = ? AND "
             "date_end = ? AND (first_id = ? OR second_id = ?)", gone)
    wanted = set(spans)
    groups: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    # Every span's entries in a few queries, not a few per span: on a server each query is a
    # round trip. Read by start date (the index), kept only for the wanted spans.
    starts = sorted({start for start, _ in wanted})
    for first in range(0, len(starts), 500):
        chunk = starts[first:first + 500]
        marks = ", ".join("?" * len(chunk))
        for start, end, *row in sql.rows(
                "SELECT date_start, date_end, entry_id, agency, prov_import, time, prov_row, "
                f"what_happened FROM rm_entries WHERE review_id = ? AND date_start IN ({marks})",
                (review_id, *chunk)):
            if (start, end) in wanted:
                groups[(start, end)].append(tuple(row))
    found = []
    for (start, end), group in sorted(groups.items()):
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
    sql.many(f"INSERT INTO rm_duplicates ({_PAIR_COLUMNS}, similarity) "
             "VALUES (?, ?, ?, ?, ?, ?)", found)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _merge_key(row: tuple) -> tuple:
    # core.chronology.merge.merge_key within one date span: time, agency, import, row, id
    entry_id, agency, import_id, time, number = row[:5]
    _, _, count = import_id.rpartition("-")
    return (time, agency, int(count) if count.isdigit() else 0, number or 0, entry_id)
