"""Quality checks a Learning Together review shows at each stage (the `check_stage` hook).

Cross-cutting hooks are asked for every review, so these look at the review's methodology
first. Problems are things the method forbids (hindsight, a lead reviewer who is not
independent); warnings are things a lead reviewer should look at.
"""

from __future__ import annotations

from core import hookimpl
from core.kernel.lifecycle import ORDER, Stage
from core.kernel.model import FindingStatus, ParticipantRole
from core.kernel.state import ReviewState
from core.output.report.written import written
from core.statutory.commissioning import FAMILY_OFFER_RECORD
from learning_together.commissioning import accreditation_warnings, review_question_warnings
from learning_together.hindsight import elsewhere_problems, hindsight_problems
from learning_together.patterns import naming_warnings
from learning_together.plan import independence_problems, lead_reviewer_problems
from learning_together.records import episodes, finding_details
from learning_together.taxonomy import METHODOLOGY


def _check(level: str, check: str, message: str) -> dict[str, str]:
    return {"level": level, "check": check, "message": message}


def _reached(stage: str, since: Stage) -> bool:
    return ORDER.index(Stage(stage)) >= ORDER.index(since)


@hookimpl
def check_stage(review: ReviewState, stage: str) -> list[dict[str, str]]:
    if review.methodology != METHODOLOGY:
        return []
    found: list[dict[str, str]] = []
    if _reached(stage, Stage.COMMISSIONING):
        found += [_check("warning", "lead reviewers", m) for m in lead_reviewer_problems(review)]
        found += [_check("problem", "independence", m) for m in independence_problems(review)]
        found += [_check("warning", "accreditation", m) for m in accreditation_warnings(review)]
        found += [_check("warning", "review question", m)
                  for m in review_question_warnings(review)]
        roles = {p.role for p in review.participants.values()}
        # a family that was offered a place and answered has had the method's offer
        offer = review.record_collection(FAMILY_OFFER_RECORD).get("current") or {}
        if offer.get("response") in ("accepted", "declined"):
            roles.add(ParticipantRole.FAMILY)
        for role, message in (
            (ParticipantRole.REVIEW_TEAM, "no review team of senior managers is recorded yet"),
            (ParticipantRole.CASE_GROUP, "no case group of practitioners is recorded yet"),
            (ParticipantRole.FAMILY, "no family member takes part yet: offer the family a "
                                     "place, and record their choice (`casereview people "
                                     f"{review.id} family-offer`)"),
        ):
            if role not in roles:
                found.append(_check("warning", "roles", message))
    if _reached(stage, Stage.ANALYSIS):
        recorded = episodes(review)
        for episode in recorded:
            found += [_check("problem", "hindsight", m)
                      for m in hindsight_problems(review, episode) +
                      elsewhere_problems(review, episode)]
            missing = [r.ref for r in episode.entries if r.entry_id not in review.chronology]
            if missing:
                found.append(_check("problem", "episodes", f"{episode.id} refers to entries the "
                                    f"chronology no longer holds: {', '.join(missing)}"))
        if recorded and not any(e.good_practice for e in recorded):
            found.append(_check("warning", "good practice", "no key practice episode records "
                                "good practice; the method looks for what went well too"))
    if _reached(stage, Stage.FINDINGS):
        for finding in review.findings.values():
            if finding.status is FindingStatus.SUGGESTED:
                found.append(_check("warning", "suggestions", f"{finding.id} is a suggestion "
                                    "waiting for a reviewer to accept or dismiss it"))
            else:
                found += naming_warnings(review, finding)
        found += priority_warnings(review)
    if _reached(stage, Stage.REPORT):
        for kind, what in (("window-on-the-system", "in what ways this case gives a useful "
                            "window on the partnership's system"),
                           ("practice-appraisal", "an overview appraisal of practice in the "
                            "case, good and problematic, naming no one"),
                           ("limitations", "the methodological comment and limitations")):
            if written(review, kind) is None:
                found.append(_check("warning", "the model's last step", f"the report does not "
                                    f"yet say {what} (`casereview section {review.id} {kind} "
                                    "--file FILE`)"))
    return found


def priority_warnings(review: ReviewState) -> list[dict[str, str]]:
    """The model's last step prioritises the findings: each accepted finding has its place."""
    accepted = [f for f in review.findings.values() if f.status is not FindingStatus.SUGGESTED]
    missing = sorted(f.id for f in accepted if finding_details(f)["priority"] is None)
    if not missing:
        return []
    return [_check("warning", "priorities", f"{', '.join(missing)} "
                   f"{'has' if len(missing) == 1 else 'have'} no priority; Learning Together "
                   "prioritises its findings (priority: 1 for the highest)")]
