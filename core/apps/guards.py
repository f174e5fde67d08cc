"""The core's own plugin at work: the lifecycle guards every review needs.

`core.apps.defaults` is the plugin's face, loaded on every run; it names this module's
`check_transition`, imported on the hook's first call (a move between stages).
"""

from __future__ import annotations

from core.kernel.model import ActionStatus, FindingStatus, ParticipantRole
from core.kernel.state import ReviewState
from core.output.publication.guard import refusals as publication_refusals
from core.statutory.commissioning import check_commissioning
from core.statutory.decisions import check_decision


def check_transition(review: ReviewState, source: str, target: str) -> list[str]:
    reasons: list[str] = []
    if source == "commissioning" and target == "evidence":
        if not review.methodology:
            reasons.append("choose a methodology for the review before gathering evidence")
        if not any(p.role is ParticipantRole.LEAD_REVIEWER for p in review.participants.values()):
            reasons.append("appoint at least one lead reviewer before gathering evidence")
    if source == "evidence" and target == "analysis" and not review.chronology:
        reasons.append("import at least one agency chronology before the analysis")
    if source == "findings" and target == "improvement_actions" and not any(
        f.status is not FindingStatus.SUGGESTED for f in review.findings.values()
    ):
        reasons.append(
            "record at least one finding that a reviewer has accepted (suggestions do not count)"
        )
    if source == "improvement_actions" and target == "report" and not review.actions:
        reasons.append("agree at least one improvement action before writing the report")
    if source == "monitoring" and target == "closed":
        reasons.extend(_unsustained_actions(review))
    # The Chair's decision and the lead reviewers' independence
    reasons.extend(check_decision(review, source, target))
    reasons.extend(check_commissioning(review, source, target))
    # Publication waits for a passing publication check of the review as it stands.
    reasons.extend(publication_refusals(review, target))
    return reasons


def _unsustained_actions(review: ReviewState) -> list[str]:
    """Monitoring ends when every action is done and its impact shown, or cancelled (seed 1.3:
    sustainability through monitoring and follow-up)."""
    reasons = []
    for action in sorted(review.actions.values(), key=lambda a: a.id):
        if action.status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS):
            where = action.status.value.replace("_", " ")
            reasons.append(f"action {action.id} ({action.owner}) is {where}; monitoring "
                           "continues until it is completed or cancelled")
        elif action.status is ActionStatus.COMPLETED and not action.impact_evidence.strip():
            reasons.append(f"action {action.id} is completed but has no evidence of its impact; "
                           f"record it with `casereview actions {review.id} update {action.id} "
                           "--impact TEXT`")
    return reasons
