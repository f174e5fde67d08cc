"""Quality checks a Child Practice Review shows at each stage (the `check_stage` hook).

Cross-cutting hooks are asked for every review, so these look at the review's methodology
first. Problems are things the method forbids (a briefing that does not fit one page);
warnings are things the reviewers and the panel should look at.
"""

from __future__ import annotations

from child_practice_review.plan import (
    focus_problems,
    is_forum,
    review_type,
    reviewer_problems,
    type_problems,
)
from child_practice_review.readers import words
from child_practice_review.records import (
    briefing,
    invitations,
    notices,
    panel,
    press_statement,
    terms,
    timeline,
)
from child_practice_review.taxonomy import (
    BRIEFING_WORD_BUDGET,
    METHODOLOGY,
    SUMMARY_TIMELINE_ROWS,
)
from core import hookimpl
from core.kernel.dates import long_date, long_span
from core.kernel.lifecycle import ORDER, Stage
from core.kernel.model import FindingStatus, ParticipantRole
from core.kernel.state import ReviewState

SUSR = "wales-susr"


def _check(level: str, check: str, message: str) -> dict[str, str]:
    return {"level": level, "check": check, "message": message}


def _reached(stage: str, since: Stage) -> bool:
    return ORDER.index(Stage(stage)) >= ORDER.index(since)


def _key(role: str, agency: str) -> tuple[str, str]:
    return (" ".join(role.lower().split()), " ".join(agency.lower().split()))


def invitation_problems(state: ReviewState) -> list[str]:
    """The learning event invites every practitioner involved (the case group)."""
    events = [e for e in state.learning_events.values() if e.kind == "learning_event"]
    if not events:
        return []
    invited = {_key(i.role, i.agency) for e in events
               for i in (invitations(state).get(e.id).invited if e.id in invitations(state)
                         else ())}
    missing = [f"{p.title} ({p.agency})" if p.agency else p.title
               for p in state.participants.values() if p.role is ParticipantRole.CASE_GROUP
               and _key(p.title, p.agency) not in invited]
    return [f"the learning event is for every practitioner involved; not invited: "
            f"{', '.join(sorted(missing))}"] if missing else []


def outside_focus(state: ReviewState) -> list[str]:
    """Significant events outside the focus period the panel agreed."""
    recorded = terms(state)
    if recorded is None:
        return []
    found = []
    for item in timeline(state):
        entry = state.chronology.get(item.entry.entry_id)
        if entry is not None and not entry.date.overlaps(recorded.focus_from, recorded.focus_to):
            found.append(f"{item.id} ({long_span(entry.date)}) is outside the focus period "
                         f"({long_date(recorded.focus_from)} to {long_date(recorded.focus_to)}): "
                         "extend the period with the panel's reason, or take it off the timeline")
    return found


def panel_gaps(state: ReviewState) -> list[str]:
    """The panel has senior staff from every agency involved."""
    recorded = panel(state)
    if recorded is None:
        return []
    on_panel = {_key("", m.agency)[1] for m in (*recorded.members, recorded.chair) if m.agency}
    missing = sorted(a for a in state.agencies if _key("", a)[1] not in on_panel)
    return [f"the review panel has no member from {', '.join(missing)}"] if missing else []


def summary_problems(state: ReviewState) -> list[str]:
    rows = [t for t in timeline(state) if t.summary]
    if not timeline(state):
        return []
    if not rows:
        return ["no significant event has a published wording, so the summary timeline is "
                "empty: give the events that belong in it a 'summary'"]
    if len(rows) > SUMMARY_TIMELINE_ROWS:
        return [f"the summary timeline has {len(rows)} rows; a summary timeline is reduced, "
                f"at most {SUMMARY_TIMELINE_ROWS} (a local default)"]
    return []


def _commissioning(state: ReviewState) -> list[dict[str, str]]:
    found = [_check("warning", "reviewers", m) for m in reviewer_problems(state)]
    found += [_check("warning", "review type", m) for m in type_problems(state)]
    held = notices(state)
    if "welsh_government" not in held:
        found.append(_check("warning", "Welsh Government", "Welsh Government has not been told "
                            "of the intent to hold a review: record the day it was told "
                            "(notices.yaml, welsh_government)"))
    recorded = panel(state)
    if recorded is None:
        found.append(_check("warning", "review panel", "no review panel is recorded yet "
                            "(panel.yaml: its chair and senior members from each agency)"))
    else:
        found += [_check("warning", "review panel", m) for m in panel_gaps(state)]
    if recorded is not None and state.header and state.header.regime == SUSR:
        if not recorded.chair_approved_list:
            found.append(_check("warning", "approved list", "the review panel's chair is not "
                                "recorded as on Welsh Government's approved list "
                                "(panel.yaml, chair: approved_list: true)"))
        for reviewer in recorded.reviewers:
            if not reviewer.approved_list:
                found.append(_check("warning", "approved list", f"the reviewer "
                                    f"'{reviewer.title}' is not recorded as on Welsh "
                                    "Government's approved list (approved_list: true)"))
    if state.header and state.header.regime == SUSR and "case_review_group" not in held:
        found.append(_check("warning", "case review group", "the case review group's meeting "
                            "on the referral is not recorded (notices.yaml, case_review_group)"))
    return found


@hookimpl
def check_stage(review: ReviewState, stage: str) -> list[dict[str, str]]:
    if review.methodology != METHODOLOGY:
        return []
    found: list[dict[str, str]] = []
    if _reached(stage, Stage.COMMISSIONING):
        found += _commissioning(review)
    if _reached(stage, Stage.ANALYSIS):
        found += [_check("warning", "focus period", m) for m in focus_problems(review)]
        if terms(review) is None:
            found.append(_check("warning", "terms of reference", "the focus period and brief "
                                "outline are not recorded (terms-of-reference.yaml)"))
        found += [_check("warning", "summary timeline", m) for m in summary_problems(review)]
        found += [_check("warning", "focus period", m) for m in outside_focus(review)]
    if _reached(stage, Stage.LEARNING_EVENTS):
        found += [_check("warning", "learning event", m) for m in invitation_problems(review)]
        kinds = {e.kind for e in review.learning_events.values()}
        wanted, name = (("professional_forum", "multi-agency professional forum")
                        if is_forum(review) else ("learning_event", "practitioner learning event"))
        if wanted not in kinds:
            found.append(_check("warning", "learning event", f"no {name} is recorded yet"))
        if not is_forum(review) and review_type(review).name == "extended" and \
                "family_meeting" not in kinds:
            found.append(_check("warning", "family", "an extended review engages the child and "
                                "family directly: no meeting with them is recorded"))
    if _reached(stage, Stage.FINDINGS):
        for finding in review.findings.values():
            if finding.status is FindingStatus.SUGGESTED:
                found.append(_check("warning", "suggestions", f"{finding.id} is a suggestion "
                                    "waiting for a reviewer to accept or dismiss it"))
    if _reached(stage, Stage.IMPROVEMENT_ACTIONS):
        acted = {ref for a in review.actions.values() for ref in a.addresses}
        for rec in sorted(review.recommendations.values(), key=lambda r: r.id):
            if rec.id not in acted:
                found.append(_check("warning", "action plan", f"recommendation {rec.id} has no "
                                    "action in the action plan"))
    if _reached(stage, Stage.REPORT):
        found += _outputs(review)
    return found


def _outputs(state: ReviewState) -> list[dict[str, str]]:
    found = []
    recorded = briefing(state)
    if recorded is None:
        found.append(_check("warning", "7-minute briefing", "no 7-minute briefing is recorded "
                            "(briefing.yaml)"))
    elif (total := sum(words(t) for t in recorded.boxes.values())) > BRIEFING_WORD_BUDGET:
        found.append(_check("problem", "7-minute briefing", f"the briefing has {total} words; "
                            f"it must fit one page ({BRIEFING_WORD_BUDGET} words)"))
    if press_statement(state) is None:
        found.append(_check("warning", "press statement", "no press statement is recorded "
                            "(press-statement.yaml)"))
    if state.header and state.header.regime == SUSR and \
            "case_review_group_sign_off" not in notices(state):
        found.append(_check("warning", "case review group", "the case review group has not "
                            "signed off the action plan (notices.yaml, "
                            "case_review_group_sign_off)"))
    return found
