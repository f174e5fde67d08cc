"""Quality markers (SCIE/NSPCC, 2016) that a review's own records can show, and the "Checks"
section of `casereview status`.

`check_stage` is the core's answer to the cross-cutting hook of the same name: each finding is
a dict with `level` ("warning" | "problem"), `check` (the quality marker it serves) and a
`message` that says what is missing and what to do. It looks only at what the journal holds —
the terms of reference, the people, the offer to the family, the improvement actions — so a
marker the data cannot show (the board's written response, say) is not guessed at.

The core's own plugin (core.apps.defaults) registers it, and imports it on the hook's first
call.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from core.kernel.dates import long_date
from core.kernel.lifecycle import ORDER, Stage
from core.kernel.model import ActionStatus, ParticipantRole
from core.kernel.text import plural
from core.plugin_api.hookspecs import hookimpl
from core.statutory.commissioning import FAMILY_OFFER_RECORD, INDEPENDENCE_RECORD, lead_reviewers
from core.statutory.status import StatusSection

if TYPE_CHECKING:
    from core.kernel.state import ReviewState
    from core.plugin_api.plugins import PluginHost
    from core.statutory.status import StatusSection

def _check(level: str, marker: str, message: str) -> dict[str, str]:
    return {"level": level, "check": marker, "message": message}


@hookimpl
def check_stage(review: ReviewState, stage: str) -> list[dict[str, str]]:
    current = Stage(stage)
    if current is Stage.CLOSED:
        return _open_actions(review, closed=True)

    def reached(since: Stage) -> bool:
        return ORDER.index(current) >= ORDER.index(since)

    found: list[dict[str, str]] = []
    if reached(Stage.COMMISSIONING):
        found += _commissioning(review)
    if reached(Stage.LEARNING_EVENTS):
        found += _involvement(review)
    if reached(Stage.IMPROVEMENT_ACTIONS):
        found += _overdue_actions(review, dt.date.today())
    if current is Stage.MONITORING:
        found += _open_actions(review, closed=False)
    return found


def _commissioning(review: ReviewState) -> list[dict[str, str]]:
    found = []
    if not review.review.terms_of_reference.strip():
        found.append(_check("warning", "clarity of purpose", "no terms of reference are "
                            "recorded: agree what the review is to find out and record it "
                            f"(`casereview commission {review.id} --methodology M "
                            "--terms-of-reference FILE`)"))
    statements = review.record_collection(INDEPENDENCE_RECORD)
    for person in lead_reviewers(review):
        if person.id not in statements:
            found.append(_check("warning", "commissioning", f"lead reviewer "
                                f"{person.name or person.title} ({person.id}) has no statement "
                                "of independence on record: ask for one and record it "
                                f"(`casereview people {review.id} independence {person.id} "
                                "--statement TEXT`)"))
    return found


def _involvement(review: ReviewState) -> list[dict[str, str]]:
    roles = {p.role for p in review.participants.values()}
    offer = review.record_collection(FAMILY_OFFER_RECORD).get("current")
    found = []
    if ParticipantRole.FAMILY not in roles and offer is None:
        found.append(_check("warning", "family involvement", "the family has not been offered "
                            "a part in the review: offer it, and record the offer "
                            f"(`casereview people {review.id} family-offer --on DATE --response "
                            "accepted|declined|awaiting`) or the family members who take part "
                            f"(`casereview people {review.id} add --role family`)"))
    elif ParticipantRole.FAMILY not in roles and offer and offer.get("response") == "awaiting":
        found.append(_check("warning", "family involvement", f"the family was offered a part on "
                            f"{offer['offered_on']} and has not answered yet: follow it up and "
                            f"record their answer (`casereview people {review.id} family-offer`)"))
    if ParticipantRole.CASE_GROUP not in roles:
        found.append(_check("warning", "practitioner involvement", "no practitioners (case "
                            "group) are recorded as taking part: add them by role "
                            f"(`casereview people {review.id} add --role case_group --title ROLE "
                            "--agency AGENCY`)"))
    return found


def _unfinished(review: ReviewState) -> list[Any]:
    done = (ActionStatus.COMPLETED, ActionStatus.CANCELLED)
    return sorted((a for a in review.actions.values() if a.status not in done),
                  key=lambda a: (a.due, a.id))


def _overdue_actions(review: ReviewState, today: dt.date) -> list[dict[str, str]]:
    return [_check("warning", "improvement action", f"action {a.id} ({a.owner}) was due on "
                   f"{long_date(a.due)} and is {a.status.value.replace('_', ' ')}: ask the owner "
                   "for progress, then record it or agree a new due day (`casereview actions "
                   f"{review.id} update {a.id} --status ... --due DATE`)")
            for a in _unfinished(review) if a.due < today]


def _open_actions(review: ReviewState, *, closed: bool) -> list[dict[str, str]]:
    open_actions = _unfinished(review)
    if not open_actions:
        return []
    ids = ", ".join(a.id for a in open_actions)
    if closed:
        return [_check("problem", "implementation and evaluation", f"the review is closed with "
                       f"actions not completed ({ids}): monitoring continues until the "
                       "improvements are in place; record each action's outcome, or cancel "
                       "it with the reason")]
    return [_check("warning", "implementation and evaluation", "monitoring: "
                   f"{plural(len(open_actions), 'action')} not completed ({ids}); audit each "
                   "until its improvement is "
                   f"sustained and record its impact (`casereview actions {review.id} update ID "
                   "--status completed --impact TEXT`) before closing the review")]


# -- the status section ----------------------------------------------------------------------


def checks_section(host: PluginHost, state: ReviewState, today: dt.date) -> StatusSection:
    """Every plugin's `check_stage` findings for the review at its stage, by plugin."""
    lines: list[str] = []
    # A plugin whose checks fail loses only its own: the core's and the others' still show.
    answers, failures = host.gather("check_stage", review=state, stage=state.stage.value)
    for failure in failures:
        lines.append(f"[{failure.plugin}] its checks could not be run, so none of them are "
                     f"shown ({failure.error}); the other checks below still ran")
    problems = 0
    for plugin, found in answers:
        for item in found or []:
            given = item if isinstance(item, dict) else {"message": str(item)}
            level = given.get("level", "warning")
            problems += level == "problem"
            marker = f" ({given['check']})" if given.get("check") else ""
            lines.append(f"[{plugin}] {level}{marker}: {given.get('message', '')}")
    if not lines:
        lines.append("nothing to look at")
    elif problems:
        warnings = len(lines) - problems - len(failures)
        lines.insert(0, f"{plural(problems, 'problem')}, {plural(warnings, 'warning')}")
    return StatusSection("checks", "Checks", (), lines)
