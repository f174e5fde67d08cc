"""Who saw what: every read of a review's identity register or of its review team pack is
recorded (account, moment, what) in the database itself, and `casereview audit` lists them.

The record is written before the material is shown, so a read that could not be recorded does
not happen (except from a read-only copy of an SQLite file, which anyone able to open it can
read whole; the command then says the read was not recorded). On the shared server an account
may record only its own reads (a row-level policy), and only a review's lead reviewers and
business manager may list them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs import frozen

from core.kernel.accounts import current_account, require
from core.kernel.journal import _stamp, _unstamp

WHAT = {
    "identity": "the identity register",
    "pack": "the review team's pack",
}


@frozen
class Access:
    review_id: str
    at: dt.datetime
    account: str
    what: str
    detail: str

    @property
    def described(self) -> str:
        return WHAT.get(self.what, self.what) + (f" ({self.detail})" if self.detail else "")


def record(journal: Any, review_id: str, account: str, what: str, detail: str = "") -> None:
    journal.run("INSERT INTO access_log (review_id, at, account, what, detail) "
                "VALUES (?, ?, ?, ?, ?)",
                (review_id, _stamp(journal.clock()), account, what, detail))


def entries(journal: Any, review_id: str) -> list[Access]:
    rows = journal.run("SELECT review_id, at, account, what, detail FROM access_log "
                       "WHERE review_id = ? ORDER BY at, account", (review_id,))
    return [Access(r, _unstamp(at), who, what, detail) for r, at, who, what, detail in rows]


def seen(journal: Any, actor: str, review_id: str, what: str, detail: str = "") -> bool:
    """Check the acting account may see `what` of the review, then record that it did. False
    when it could not be recorded because the database file is read-only here (an archived
    copy): whoever can read that copy can read all of it, so refusing would protect nothing."""
    account = current_account(journal, actor)
    require(journal, account, review_id, what)
    if journal.read_only:
        return False
    record(journal, review_id, account, what, detail)
    return True
