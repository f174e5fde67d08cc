"""The likely duplicates read model: pairs kept per date span, found again only for the entries
an append touched, and then only between those entries and the rest of their span: a late file
of 100 rows compares 100 rows with what shares their dates, whatever the size of the review.
Pairs of entries the append did not touch are neither read nor rewritten."""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from collections.abc import Iterable
from itertools import groupby
from operator import itemgetter
from typing import Any

from core.kernel.readmodels.entries import Values, date_of, day, join_id
from core.kernel.similarity import WORD, similar_pairs
from core.kernel.sql import Sql

_ROW = "id_prefix, id_number, agency, prov_import, time, prov_row, what_happened"


class _Spans:
    """The rows of the spans a review's appends in this process have read, as the read model
    holds them once the append marked (seq, updated_at) is in: a process that keeps writing to
    one review (a session, the journal benchmark) reads each span once, not at every append.
    Trusted only while the review's header row shows that mark, on the same connection: any
    other writer, a rollback or a rebuild changes it."""

    def __init__(self, connection: Any, review_id: str) -> None:
        self.connection, self.review_id = connection, review_id
        self.mark: tuple | None = None
        self.rows: dict[tuple[str, str], dict[str, list[tuple]]] = {}  # span: text: rows


_kept: _Spans | None = None  # one review's, the last appended to
_keeping = threading.Lock()


def moved_on(sql: Sql, review_id: str, marks: tuple[tuple | None, tuple]) -> None:
    """An append that changed no entry: the spans kept stay true, under its mark."""
    with _keeping:
        if (_kept is not None and _kept.review_id == review_id and _kept.mark == marks[0]
                and marks[0] is not None and _kept.connection is sql.cursor.connection):
            _kept.mark = marks[1]


def refresh_spans(sql: Sql, review_id: str, touched: Iterable[tuple],
                  stored: Iterable[tuple[str, str, str]] = (), values: Values | None = None,
                  marks: tuple[tuple | None, tuple] | None = None) -> None:
    """Find the pairs of the `touched` entries, given as (start, end, *_ROW) rows as they are
    now; `stored` gives the span (start, end, id) each touched entry had before, whose pairs
    are dropped first (an entry new to the review has none). `marks`, the review's (seq,
    updated_at) before and after this append, let spans read before be used again; `values`
    are the review's repeated values (core.kernel.readmodels.entries)."""
    global _kept
    named = (values or Values(lambda: sql, review_id)).text
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
        for text, listed in list(spans.rows.get((start, end), {}).items()):
            kept = [item for item in listed if item[0] != entry_id]
            if len(kept) < len(listed):
                spans.rows[(start, end)][text] = kept
                if not kept:
                    del spans.rows[(start, end)][text]
    # The spans not read before, in a few queries, not a few per span: on a server each query
    # is a round trip. Read by start date (the index), kept only for the touched spans.
    unread = {span for span in new if span not in spans.rows}
    starts = sorted({day(dt.date.fromisoformat(start)) for start, _ in unread})
    for span in unread:
        spans.rows[span] = {}
    for first in range(0, len(starts), 500):
        chunk = starts[first:first + 500]
        places = ", ".join("?" * len(chunk))
        found = sql.rows(f"SELECT date_start, date_end, {_ROW} FROM rm_entries WHERE "
                         f"review_id = ? AND date_start IN ({places}) ORDER BY date_start, "
                         "date_end", (review_id, *chunk))
        for days, group in groupby(found, key=itemgetter(0, 1)):
            span = (date_of(days[0]).isoformat(), date_of(days[1]).isoformat())
            if span in unread:
                by_text = spans.rows[span]
                for _, _, prefix, number, agency, import_id, *rest in group:
                    entry_id = join_id(named(prefix), number)
                    if entry_id not in ids:
                        by_text.setdefault(rest[-1], []).append(
                            (entry_id, named(agency), named(import_id), *rest))
    found = []
    for (start, end), added in sorted(new.items()):
        keys: dict[str, tuple] = {}
        for a, b, score in _pairs(spans.rows[(start, end)], added):
            key_a = keys.get(a[0]) or keys.setdefault(a[0], _merge_key(a))
            key_b = keys.get(b[0]) or keys.setdefault(b[0], _merge_key(b))
            first, second = (a[0], b[0]) if key_a <= key_b else (b[0], a[0])
            found.append((review_id, start, end, first, second, score))
    sql.insert("rm_duplicates", "review_id, date_start, date_end, first_id, second_id, "
               "similarity", found)
    if marks is not None:
        for span, added in new.items():
            for item in added:
                spans.rows[span].setdefault(item[5], []).append(item)
        spans.mark = marks[1]
        with _keeping:
            _kept = spans


def _pairs(old: dict[str, list[tuple]], added: list[tuple]
           ) -> list[tuple[tuple, tuple, float]]:
    """The likely duplicate pairs of one span with at least one of the `added` rows in them,
    `old` being the span's other rows by their text. Rows saying the same thing are compared
    once, by their text: entries recorded twice are what this looks for, and a span may hold
    many of them."""
    fresh: dict[str, list[tuple]] = {}
    for row in added:
        fresh.setdefault(row[5], []).append(row)
    # Texts with only stored rows first, then those with a new row: only pairs of texts with
    # a new row are compared (similar_pairs' `new_from`).
    texts = [text for text in old if text not in fresh]
    new_from = len(texts)
    texts += fresh
    found: list[tuple[tuple, tuple, float]] = []
    for j, i, score in similar_pairs(texts, new_from):
        a, b, rounded = texts[j], texts[i], round(score, 2)
        ours = [(x, y) for x in fresh.get(a, []) for y in old.get(b, []) + fresh[b]]
        ours += [(x, y) for x in old.get(a, []) for y in fresh[b]]
        found += [(x, y, rounded) for x, y in ours if not _one_file(x, y)]
    for text, rows in fresh.items():
        if WORD.search(text.casefold()):  # the same words: alike
            found += [(x, y, 1.0) for x in old.get(text, []) for y in rows]
            found += [(x, y, 1.0) for n, x in enumerate(rows) for y in rows[n + 1:]]
    return found


def _one_file(a: tuple, b: tuple) -> bool:
    """Two rows of one file that merely resemble each other (not the same words)."""
    return a[1] == b[1] and a[2] == b[2] and _words(a[5]) != _words(b[5])


def _words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def _merge_key(row: tuple) -> tuple:
    # core.kernel.model.merge_key within one date span: time, agency, import, row, id
    entry_id, agency, import_id, time, number = row[:5]
    _, _, count = import_id.rpartition("-")
    return (time, agency, int(count) if count.isdigit() else 0, number or 0, entry_id)
