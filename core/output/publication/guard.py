"""Publication waits for a passing check of the review exactly as it will be published.

`casereview publish-check` records its outcome in the journal (problem codes, sections and
reasons only: never a snippet, so no identifying detail or real name reaches the journal). The
lifecycle guard refuses the move to "publication" unless the latest check found nothing blocking
and nothing has changed in the review since.

The identity register lives outside the journal, so the journal keeps its fingerprint (a keyed
hash, never a name) under IDENTITIES_RECORD, written whenever `casereview identity` changes the
register and by each check. A check records the fingerprint it ran with, and the guard refuses
when the two differ: a real name registered or removed after a check needs a new check.
"""

from __future__ import annotations

from typing import Any

from core.kernel.state import ReviewState, put_record

CHECK_RECORD = "publication/check"
IDENTITIES_RECORD = "publication/identities"
CURRENT = "current"


def identities_fingerprint(review: ReviewState) -> str | None:
    """The identity register's fingerprint as the journal last heard it (None: no names)."""
    return (review.record_collection(IDENTITIES_RECORD).get(CURRENT) or {}).get("fingerprint")


def identities_events(review: ReviewState,
                      fingerprint: str | None) -> list[tuple[str, dict[str, Any]]]:
    """The event telling the journal the register's fingerprint, if it has changed."""
    if fingerprint == identities_fingerprint(review):
        return []
    return [put_record(IDENTITIES_RECORD, CURRENT, {"fingerprint": fingerprint})]


def note_register(reviews: Any, review_id: str, register: Any) -> None:
    """Tell the journal the register's new fingerprint after a change to the register, so a
    passing check made before the change no longer lets the review be published."""
    state = reviews.load(review_id)
    events = identities_events(state, register.fingerprint(review_id))
    if events:
        reviews.write(state, events)


def record_event(check: Any, seq: int, *,
                 identities: str | None = None) -> tuple[str, dict[str, Any]]:
    """The journal event recording `check`, made of the review at sequence number `seq` with
    the identity register's fingerprint `identities`."""
    return put_record(CHECK_RECORD, CURRENT, {
        "seq": seq,
        "identities": identities,
        "reports": dict(check.reports),
        "checked_on": check.checked_on.isoformat(),
        "publication_date": check.publication_date.isoformat() if check.publication_date else None,
        "blocking": [{"code": p.code, "where": p.where, "why": p.why} for p in check.blocking],
        "warnings": len(check.warnings),
        "reading_ease": check.reading_ease,
    })


def refusals(review: ReviewState, target: str) -> list[str]:
    """Reasons not to move `review` to `target` (empty unless the target is publication)."""
    if target != "publication":
        return []
    check = review.record_collection(CHECK_RECORD).get(CURRENT)
    command = f"casereview publish-check {review.id}"
    if not check:
        return [f"run the publication check first (`{command}`)"]
    if check.get("identities") != identities_fingerprint(review):
        return [f"the identity register has changed since the publication check of "
                f"{check['checked_on']} (a real name was registered or removed); run "
                f"`{command}` again"]
    if check["seq"] + 1 != review.seq:
        return [f"the review has changed since the publication check of {check['checked_on']}; "
                f"run `{command}` again"]
    return [f"the publication check found a blocking problem in {p['where']}: {p['why']}"
            for p in check["blocking"]]
