"""`casereview db copy`: a whole database moved between SQLite and PostgreSQL, event for event.

Every review's events are written exactly as recorded (sequence number, time, who, what), one
review per transaction, then read back from the copy and compared with the original; the
partnership's accounts, roles, record of who saw what, and the identity register go with them.
The copy must start empty: copying never merges into a database that already holds reviews.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import zip_longest
from pathlib import Path
from typing import Any

from attrs import frozen

from core.kernel.accounts import _add_login
from core.kernel.errors import StoreError
from core.kernel.store import open_journal
from core.output.publication.identity import IdentityRegister, register_path

# The partnership's own tables, copied row for row (column lists as in core.kernel.migrations).
TABLES = {
    "accounts": ("name", "full_name", "created_at", "created_by"),
    "review_roles": ("account", "review_id", "role", "agency", "granted_at", "granted_by"),
    "access_log": ("review_id", "at", "account", "what", "detail"),
    "inbox": ("review_id", "id", "agency", "sent_at", "account", "file_name", "content"),
}


@frozen
class Copied:
    reviews: int
    events: int
    rows: int
    identities: int


def copy_database(source: str, target: str,
                  progress: Callable[[str, int], None] = lambda review, n: None) -> Copied:
    with open_journal(source, create=False) as old, open_journal(target) as new:
        if old.path == new.path:
            raise StoreError("the copy must go to another database; nothing was copied")
        held = new.review_ids()
        if held:
            raise StoreError(
                f"{_where(new)} already holds {len(held)} review(s) ({', '.join(held[:3])}); "
                "a copy only goes into an empty database, so nothing was copied",
                hint="give a new file or an empty PostgreSQL database as the destination")
        reviews = old.review_ids()
        events = 0
        for review_id in reviews:
            written = list(old.events(review_id))
            new.copy_in(written)
            events += len(written)
            progress(review_id, len(written))
        rows = _copy_tables(old, new)
        _verify(old, new, reviews)
    identities = _copy_register(source, target)
    return Copied(len(reviews), events, rows, identities)


def _where(journal: Any) -> str:
    return str(getattr(journal, "where", journal.path))


def _copy_tables(old: Any, new: Any) -> int:
    copied = 0
    for table, columns in TABLES.items():
        names = ", ".join(columns)
        rows = old.run(f"SELECT {names} FROM {table}")
        if new.run(f"SELECT 1 FROM {table} LIMIT 1"):
            raise StoreError(f"{_where(new)} already has rows in {table}; nothing more was "
                             "copied", hint="copy into an empty database")
        marks = ", ".join("?" for _ in columns)
        for row in rows:
            new.run(f"INSERT INTO {table} ({names}) VALUES ({marks})", row)
        if sorted(new.run(f"SELECT {names} FROM {table}")) != sorted(rows):
            raise StoreError(f"the {table} in the copy in {_where(new)} differ from the "
                             "original; do not use the copy", hint="delete it and run again")
        copied += len(rows)
    if _server(new):  # each account needs its login there (a password is set by its owner)
        for (name,) in new.run("SELECT name FROM accounts"):
            _add_login(new, name, None)
    return copied


def _server(journal: Any) -> bool:
    return bool(journal.on_server)


def _verify(old: Any, new: Any, reviews: list[str]) -> None:
    """Read every event back from the copy and compare it with the original."""
    if new.review_ids() != reviews:
        raise StoreError(f"the copy in {_where(new)} does not hold the same reviews as the "
                         "original; do not use it", hint="delete the copy and run again")
    for review_id in reviews:
        for original, copy in zip_longest(old.events(review_id), new.events(review_id)):
            if original != copy:
                seq = (original or copy).seq
                raise StoreError(
                    f"change {seq} of {review_id} differs in the copy in {_where(new)}; do not "
                    "use the copy", hint="delete the copy and run again")


def _copy_register(source: str, target: str) -> int:
    """The real names behind the pseudonyms, with the key their fingerprint in the journal was
    made with (without it the copy's register would not match its journal)."""
    source_register = register_path(source)
    if "://" not in source_register and not Path(source_register).exists():
        return 0
    old = IdentityRegister.open(source_register)
    try:
        entries, key = old.all_entries(), old.key_text()
    finally:
        old.close()
    if not entries:
        return 0
    new = IdentityRegister.open(register_path(target))
    try:
        new.adopt(key, entries)
        if new.all_entries() != entries or new.key_text() != key:
            raise StoreError(f"the identity register copied to {new.path} differs from the "
                             "original; do not use the copy", hint="delete it and run again")
    finally:
        new.close()
    return len(entries)
