"""The likely duplicates read model: pairs kept per date span, found again only for the entries
an append touched, and then only between those entries and the rest of their span: a late file
of 100 rows compares 100 rows with what shares their dates, whatever the size of the review.
Pairs of entries the append did not touch are neither read nor rewritten."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from itertools import groupby
from operator import itemgetter
from typing import Any

from core.chronology.duplicates import _WORD, similar_pairs
from core.readmodels.sql import Sql

_ROW = "entry_id, agency, prov_import, time, prov_row, what_happened"


class _Spans:
    """The rows of the spans a review's appends in this process have read, as the read model
    holds them once the append marked (seq, updated_at) is in: a process that keeps writing to
    one review (a session, the journal benchmark) reads each span once, not at every append.
    Trusted only while the review's header row shows that mark, on the same connection: any
    other writer, a rollback or a rebuild changes it."""

    def __init__(self, connection: Any, review_id: str) -> None:
        self.connection, self.review_id = connection, review_id
        self.mark: tuple | None = None
        self.rows: dict[tuple[str, str], list[tuple]] = {}


_kept: _Spans | None = None  # one review's, the last appended to
_keeping = threading.Lock()


def moved_on(sql: Sql, review_id: str, marks: tuple[tuple | None, tuple]) -> None:
    """An append that changed no entry: the spans kept stay true, under its mark."""
    with _keeping:
        if (_kept is not None and _kept.review_id == review_id and _kept.mark == marks[0]
                and marks[0] is not None and _kept.connection is sql.cursor.connection):
            _kept.mark = marks[1]


def refresh_spans(sql: Sql, review_id: str, touched: Iterable[tuple],
                  stored: Iterable[tuple[str, str, str]] = (),
                  marks: tuple[tuple | None, tuple] | None = None) -> None:
    """Find the pairs of the `touched` entries, given as (start, end, *_ROW) rows as they are
    now; `stored` gives the span (start, end, id) each touched entry had before, whose pairs
    are dropped first (an entry new to the review has none). `marks`, the review's (seq,
    updated_at) before and after this append, let spans read before be used again."""
    global _kept
    stored = list(stored)
    gone = [(review_id, start, end, entry_id, entry_id) for start, end, entry_id in stored]
    sql.many("DELETE FROM rm_duplicates WHERE review_id = ? AND date_start = ? AND "
             "date_end = ? AND (first_id = ? OR second_id = ?)", gone)
    new: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for start, end, *row in touched:
        new[(start, end)].append(tuple(row))
    with _keeping:
        spans, _kept = _kept, None  # taken: put back only once this append is done
    connection = sql.cursor.connection
    if (spans is None or marks is None or marks[0] is None or spans.mark != marks[0]
            or spans.connection is not connection or spans.review_id != review_id):
        spans = _Spans(connection, review_id)
    ids = {row[0] for rows in new.values() for row in rows}
    for start, end, entry_id in stored:  # what the append changed leaves its old span
        if (start, end) in spans.rows:
            spans.rows[(start, end)] = [r for r in spans.rows[(start, end)] if r[0] != entry_id]
    # The spans not read before, in a few queries, not a few per span: on a server each query
    # is a round trip. Read by start date (the index), kept only for the touched spans.
    unread = {span for span in new if span not in spans.rows}
    starts = sorted({start for start, _ in unread})
    for span in unread:
        spans.rows[span] = []
    for first in range(0, len(starts), 500):
        chunk = starts[first:first + 500]
        places = ", ".join("?" * len(chunk))
        found = sql.rows(f"SELECT date_start, date_end, {_ROW} FROM rm_entries WHERE "
                         f"review_id = ? AND date_start IN ({places})", (review_id, *chunk))
        for span, rows in groupby(found, key=itemgetter(0, 1)):
            if span in unread:
                spans.rows[span] += [row[2:] for row in rows if row[2] not in ids]
    old = {span: spans.rows[span] for span in new}
    found = []
    for (start, end), added in sorted(new.items()):
        keys: dict[str, tuple] = {}
        for a, b, score in _pairs(old[(start, end)], added):
            key_a = keys.get(a[0]) or keys.setdefault(a[0], _merge_key(a))
            key_b = keys.get(b[0]) or keys.setdefault(b[0], _merge_key(b))
            first, second = (a[0], b[0]) if key_a <= key_b else (b[0], a[0])
            found.append((review_id, start, end, first, second, score))
    sql.insert("rm_duplicates", "review_id, date_start, date_end, first_id, second_id, "
               "similarity", found)
    if marks is not None:
        for span, added in new.items():
            spans.rows[span] = old[span] + added
        spans.mark = marks[1]
        with _keeping:
            _kept = spans


def _pairs(old: list[tuple], added: list[tuple]) -> list[tuple[tuple, tuple, float]]:
    """The likely duplicate pairs of one span with at least one of the `added` rows in them.
    Rows saying the same thing are compared once, by their text: entries recorded twice are
    what this looks for, and a span may hold many of them."""
    if len(old) + len(added) < 2:
        return []
    rows: dict[str, list[tuple[tuple, bool]]] = {}
    for row in old:
        rows.setdefault(row[5], []).append((row, False))
    fresh: dict[str, None] = {}
    for row in added:
        rows.setdefault(row[5], []).append((row, True))
        fresh[row[5]] = None
    # Texts with only stored rows first, then those with a new row: only pairs of texts with
    # a new row are compared (similar_pairs' `new_from`).
    texts = [text for text in rows if text not in fresh]
    new_from = len(texts)
    texts += fresh
    found = []
    for j, i, score in similar_pairs(texts, new_from):
        found += _across(rows[texts[j]], rows[texts[i]], round(score, 2))
    for text in texts[new_from:]:
        if len(rows[text]) > 1 and _WORD.search(text.casefold()):  # the same words: alike
            found += _across(rows[text], rows[text], 1.0)
    return found


def _across(these: list[tuple[tuple, bool]], those: list[tuple[tuple, bool]], score: float
            ) -> list[tuple[tuple, tuple, float]]:
    """Each pair of a row of `these` and a row of `those` not both stored before (nor the same
    row twice, nor, texts differing, two rows of one file that merely resemble each other)."""
    same = these is those
    found = []
    for n, (a, a_new) in enumerate(these):
        for b, b_new in those[n + 1:] if same else those:
            if not (a_new or b_new):
                continue
            if not same and a[1] == b[1] and a[2] == b[2] and _words(a[5]) != _words(b[5]):
                continue  # one file's rows that merely resemble each other
            found.append((a, b, score))
    return found


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _merge_key(row: tuple) -> tuple:
    # core.chronology.merge.merge_key within one date span: time, agency, import, row, id
    entry_id, agency, import_id, time, number = row[:5]
    _, _, count = import_id.rpartition("-")
    return (time, agency, int(count) if count.isdigit() else 0, number or 0, entry_id)
