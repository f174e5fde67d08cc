"""The honesty gate. Appreciative Inquiry is a stance and an event design, not an exemption: a
statutory review must still say what happened and why. So the review keeps an honest record of
what went wrong beside the strengths, and no finding is final, and no report goes forward,
until that record exists: a summary of what happened, and the problems acknowledged with why
they happened (or, if the reviewers found none, their reason).
"""

from __future__ import annotations

from appreciative_inquiry.records import concerns, finding_details, honest_record
from core.kernel.model import FindingStatus
from core.kernel.state import ReviewState


def honest_record_problems(state: ReviewState) -> list[str]:
    """What the honest record still lacks, in plain English (empty when it is complete)."""
    record = honest_record(state)
    if record is None:
        return ["the review has no honest record of what went wrong. A statutory review must "
                "say what happened and why, beside the strengths: write a summary of what "
                "happened and the problems acknowledged, each with why it happened "
                f"(honest-record.yaml, or `casereview ai honest {state.id}` and `casereview ai "
                f"concern {state.id}`)"]
    found = []
    if not record.what_happened.strip():
        found.append("the honest record has no summary of what happened")
    acknowledged = concerns(state)
    if not acknowledged and not record.none_identified:
        found.append("the honest record names no problem that got in the way; record each one "
                     "with why it happened, or say why none were identified")
    for concern in acknowledged:
        if not concern.why.strip():
            found.append(f"concern {concern.id} ({concern.title}) does not say why it happened")
    return found


def unanswered_concerns(state: ReviewState) -> list[str]:
    """Concerns no accepted "what got in the way" finding takes up: the report would leave them
    out of its findings."""
    taken = {c for f in state.findings.values() if f.status is not FindingStatus.SUGGESTED
             for c in finding_details(f)["concerns"]}
    return [c.id for c in concerns(state) if c.id not in taken]
