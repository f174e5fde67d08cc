"""The agencies' inbox: an agency author sends their agency's written account here, and the
review team records it as the agency's submission (`casereview submissions REVIEW add`).

An agency author may not change the review itself: what they send waits here, kept exactly as
sent (any file: text, Markdown, Word), with who sent it and when. On the shared server the
database lets an author send only for their own agency and see only what they sent; the review
team sees everything sent for their review.
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets
from pathlib import Path
from typing import Any

from attrs import frozen

from core.kernel.accounts import current_account, may, require_submission
from core.kernel.errors import InputProblem, NotFound
from core.kernel.journal import _stamp, _unstamp

LARGEST = 20_000_000  # bytes: a written account with a chronology, not a case file


@frozen
class Sent:
    id: str
    review_id: str
    agency: str
    sent_at: dt.datetime
    account: str
    file_name: str
    size: int


def send(journal: Any, actor: str, review_id: str, agency: str, path: str | Path) -> Sent:
    """Put FILE in the inbox of the review, for `agency`: allowed to that agency's authors and
    to the review team."""
    if not journal.on_server and journal.last_seq(review_id) == 0:
        # (On the server an author cannot see the review; their role on it is checked.)
        raise NotFound(f"no review with the id {review_id!r}")
    account = current_account(journal, actor)
    require_submission(journal, account, review_id, agency)
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputProblem(f"cannot read the file: {error.strerror}", file=str(path)) from None
    if not data or len(data) > LARGEST:
        raise InputProblem(f"the file is {'empty' if not data else 'too large'}", file=str(path),
                           expected=f"a written account of up to {LARGEST // 1_000_000} MB")
    sent_id, stamp = secrets.token_hex(4), _stamp(journal.clock())
    journal.run("INSERT INTO inbox (review_id, id, agency, sent_at, account, file_name, content) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)", (review_id, sent_id, agency, stamp, account,
                                                 path.name, base64.b64encode(data).decode()))
    return Sent(sent_id, review_id, agency, _unstamp(stamp), account, path.name, len(data))


def waiting(journal: Any, actor: str, review_id: str) -> list[Sent]:
    """What has been sent for the review: all of it for the review team, and for an agency
    author what they sent themselves (on the server, the database filters it too)."""
    account = current_account(journal, actor)
    rows = journal.run("SELECT id, agency, sent_at, account, file_name, length(content) "
                       "FROM inbox WHERE review_id = ? ORDER BY sent_at, id", (review_id,))
    team = may(journal, account, review_id, "write")
    return [Sent(i, review_id, agency, _unstamp(at), who, name, size * 3 // 4)
            for i, agency, at, who, name, size in rows if team or who == account]


def content(journal: Any, actor: str, review_id: str, sent_id: str) -> tuple[Sent, bytes]:
    found = [s for s in waiting(journal, actor, review_id) if s.id == sent_id]
    if not found:
        raise NotFound(f"nothing was sent to the inbox of {review_id} as {sent_id!r}",
                       hint=f"see what was sent with `casereview inbox {review_id} list`")
    row = journal.run("SELECT content FROM inbox WHERE review_id = ? AND id = ?",
                      (review_id, sent_id))
    return found[0], base64.b64decode(row[0][0])
