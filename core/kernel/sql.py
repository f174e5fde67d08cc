"""The little SQL the read models need, on any DB-API cursor.

Projections are written as plain SQL with `?` placeholders (INSERT ... ON CONFLICT, SELECT,
DELETE) that SQLite and PostgreSQL both run. `Sql` wraps the cursor of whichever journal is
open and turns the placeholders into the driver's own style, so the same projection code runs
inside the SQLite journal's transaction or, later, a PostgreSQL one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any


class Sql:
    """A DB-API cursor in the caller's transaction (or none, for reads)."""

    def __init__(self, cursor: Any, paramstyle: str = "qmark") -> None:
        self.cursor = cursor
        self._format = paramstyle in ("format", "pyformat")
        self.server = self._format  # PostgreSQL (psycopg), whose tables differ a little

    def _sql(self, text: str) -> str:
        return text.replace("?", "%s") if self._format else text

    def run(self, text: str, params: Sequence[Any] = ()) -> None:
        self.cursor.execute(self._sql(text), tuple(params))

    def many(self, text: str, rows: Iterable[Sequence[Any]]) -> None:
        self.cursor.executemany(self._sql(text), list(rows))

    def insert(self, table: str, columns: str, rows: Iterable[Sequence[Any]]) -> None:
        """Insert rows into `table`: on a server, all in one statement taking them as one JSON
        parameter (a statement a row costs a round trip's overhead each time)."""
        found = list(rows)
        if not found:
            return
        if not self.server:
            marks = ", ".join("?" * len(found[0]))
            self.many(f"INSERT INTO {table} ({columns}) VALUES ({marks})", found)
            return
        names = [name.strip() for name in columns.split(",")]
        self.run(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM "
                 f"json_populate_recordset(NULL::{table}, ?)",
                 (json.dumps([dict(zip(names, row, strict=True)) for row in found],
                             ensure_ascii=False),))

    def rows(self, text: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self.cursor.execute(self._sql(text), tuple(params))
        return list(self.cursor.fetchall())

    def stream(self, text: str, params: Sequence[Any] = (), size: int = 2000
               ) -> Iterator[tuple[Any, ...]]:
        """Rows a batch at a time, so a long result never sits whole in memory."""
        self.cursor.execute(self._sql(text), tuple(params))
        while batch := self.cursor.fetchmany(size):
            yield from batch

    def one(self, text: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        self.cursor.execute(self._sql(text), tuple(params))
        row = self.cursor.fetchone()
        return tuple(row) if row is not None else None
