"""Publication waits for a passing check of the review exactly as it will be published.

`casereview publish-check` records its outcome in the journal (problem codes, sections and
reasons only: never a snippet, so no identifying detail or real name reaches the journal). The
lifecycle guard refuses the move to "publication" unless the latest check found nothing blocking
and nothing has changed in the review since.
"""

from __future__ import annotations

from typing import Any

from core.state import ReviewState, put_record

CHECK_RECORD = "publication/check"
CURRENT = "current"


def record_event(check: Any, seq: int) -> tuple[str, dict[str, Any]]:
    """The journal event recording `check`, made of the review at sequence number `seq`."""
    return put_record(CHECK_RECORD, CURRENT, {
        "seq": seq,
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
    if check["seq"] + 1 != review.seq:
        return [f"the review has changed since the publication check of {check['checked_on']}; "
                f"run `{command}` again"]
    return [f"the publication check found a blocking problem in {p['where']}: {p['why']}"
            for p in check["blocking"]]
