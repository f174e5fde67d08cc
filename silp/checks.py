"""SILP's checks: who leads, accreditation, agency reports in and shared before the learning
event, who came to it, the recall event's responses traced to what they changed, the family kept
apart, and every key line of enquiry answered. `check_stage` shows them at each stage; the plan's
transition guard and the loader use the same functions.
"""

from __future__ import annotations

import datetime as dt

from core import hookimpl
from core.kernel.dates import long_date
from core.kernel.lifecycle import ORDER, Stage
from core.kernel.model import ParticipantRole
from core.kernel.state import ReviewState
from core.kernel.text import plural
from silp import records as r
from silp.taxonomy import (
    ALLOWED_MIXES,
    CHANGING,
    DISTRIBUTION_LEAD_DAYS,
    LONGEST_WEEKS,
    METHODOLOGY,
    SHORTEST_WEEKS,
    STANDINGS,
)

Check = dict[str, str]


def _check(level: str, check: str, message: str) -> Check:
    return {"level": level, "check": check, "message": message}


def _reached(stage: str, since: Stage) -> bool:
    return ORDER.index(Stage(stage)) >= ORDER.index(since)


def _who(state: ReviewState, pid: str) -> str:
    person = state.participants.get(pid)
    return f"{person.name or person.title} ({pid})" if person else pid


# -- lead reviewers --------------------------------------------------------------------------------


def lead_ids(state: ReviewState) -> list[str]:
    return sorted(p.id for p in state.participants.values()
                  if p.role is ParticipantRole.LEAD_REVIEWER)


def mix_problems(state: ReviewState) -> list[str]:
    """SILP is led by one or two lead reviewers: one independent, two independent, or one
    independent and one employed by the commissioning partnership."""
    leads = lead_ids(state)
    if len(leads) > 2:
        return [f"SILP is led by one or two lead reviewers; this review has {len(leads)}"]
    scope = r.scoping(state)
    standing = {x.participant: x.standing for x in (scope.lead_reviewers if scope else ())}
    mix = tuple(sorted(standing[p] for p in leads if p in standing))
    if len(mix) == len(leads) and leads and mix not in ALLOWED_MIXES:
        said = " and ".join(STANDINGS[s].split(" (")[0].lower() for s in mix)
        return [f"the lead reviewers are {said}; SILP needs one independent lead reviewer, "
                "two, or one independent and one employed by the partnership"]
    return []


def lead_reviewer_warnings(state: ReviewState) -> list[str]:
    scope = r.scoping(state)
    recorded = {x.participant: x for x in (scope.lead_reviewers if scope else ())}
    found = []
    for pid in lead_ids(state):
        lead = recorded.get(pid)
        if lead is None:
            found.append(f"say whether lead reviewer {_who(state, pid)} is independent or "
                         "employed by the partnership, and their SILP accreditation "
                         "(lead_reviewers in scoping.yaml)")
            continue
        accreditation = lead.accreditation
        if accreditation is None:
            found.append(f"no SILP accreditation is recorded for lead reviewer "
                         f"{_who(state, pid)}")
        elif accreditation.status == "none":
            found.append(f"lead reviewer {_who(state, pid)} is not accredited in SILP")
        elif accreditation.status == "trainee" and not any(
                x.accreditation and x.accreditation.status == "accredited"
                for x in recorded.values() if x.participant != pid):
            found.append(f"lead reviewer {_who(state, pid)} is in training; SILP pairs a "
                         "trainee with an accredited lead reviewer")
    return found


# -- agency reports and the learning event -------------------------------------------------------


def missing_reports(state: ReviewState) -> list[str]:
    """Agencies involved with neither a report nor a recorded reason for having none."""
    scope = r.scoping(state)
    excused = {n.agency for n in (scope.no_report if scope else ())}
    have = {x.agency for x in r.reports(state)}
    return sorted(a for a in state.agencies if a not in have and a not in excused)


def working_days(start: dt.date, end: dt.date) -> int:
    """Working days (Monday to Friday) from `start` up to, not including, `end`."""
    days = (end - start).days
    return sum(1 for n in range(max(0, days)) if (start + dt.timedelta(n)).weekday() < 5)


def distribution_warnings(state: ReviewState) -> list[str]:
    held = [e for e in state.learning_events.values() if e.kind == "learning_event" and e.held_on]
    if not held:
        return []
    day = min(e.held_on for e in held if e.held_on)
    found = []
    for report in r.reports(state):
        sent = report.sent_on
        if sent is None:
            found.append(f"{report.agency}'s agency report has no record of going to the "
                         f"learning event's participants; the event was held on {long_date(day)}")
        elif sent >= day:
            found.append(f"the learning event ({long_date(day)}) was held before "
                         f"{report.agency}'s agency report went out ({long_date(sent)}); SILP "
                         "shares every report with the participants before the event")
        elif (gap := working_days(sent, day)) < DISTRIBUTION_LEAD_DAYS:
            found.append(f"{report.agency}'s agency report went out {plural(gap, 'working day')} "
                         f"before the learning event; the local default is at least "
                         f"{DISTRIBUTION_LEAD_DAYS}, so participants have time to read it")
    return found


def attendance_warnings(state: ReviewState) -> list[str]:
    found = []
    wanted = {"agency_author": "agency authors", "practitioner": "frontline practitioners",
              "first_line_manager": "first-line managers"}
    for event in r.events(state, "learning_event"):
        groups = {a.group for a in event.attendees}
        missing = [label for group, label in wanted.items() if group not in groups]
        if missing:
            found.append(f"the learning event {event.id} brings together agency authors, "
                         f"frontline practitioners and first-line managers; no "
                         f"{r.and_list(missing)} recorded as attending")
        authors = {(a.role.casefold(), a.agency) for a in event.attendees
                   if a.group == "agency_author"}
        for report in r.reports(state):
            if (report.author_role.casefold(), report.agency) not in authors and authors:
                found.append(f"the author of {report.agency}'s agency report is not recorded "
                             f"at learning event {event.id}")
    return found


# -- the recall event: each response traced to what it changed -----------------------------------


def current_text(state: ReviewState, part: str) -> str | None:
    if part in state.findings:
        return state.findings[part].statement
    if part in state.recommendations:
        return state.recommendations[part].text
    overview = r.overview(state)
    return overview.analysis.get(part) if overview else None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def recall_trace(state: ReviewState) -> tuple[list[str], list[str]]:
    """Problems: a response recorded as changing a part the final text leaves as drafted.
    Warnings: a challenge or correction without a decision; a part changed after the recall
    event with no response to explain it."""
    problems, warnings = [], []
    for event in r.events(state, "recall_event"):
        changed_by: dict[str, list[str]] = {}
        for response in event.responses:
            if response.kind in ("challenge", "correct") and not response.disposition:
                warnings.append(f"the {response.kind} {response.contribution} to {response.part}"
                                f" at recall event {event.id} has no decision recorded")
            if response.disposition in CHANGING:
                changed_by.setdefault(response.part, []).append(response.contribution)
        for part in event.draft:
            now = current_text(state, part.id)
            if now is None:
                continue
            if part.id in changed_by and _same(now, part.text):
                problems.append(f"{', '.join(changed_by[part.id])} changed {part.id} at recall "
                                f"event {event.id}, but {part.id} still reads as drafted; "
                                "record the changed text, or the decision as not accepted")
            elif part.id not in changed_by and not _same(now, part.text):
                warnings.append(f"{part.id} differs from the draft tested at recall event "
                                f"{event.id}, and no response there explains the change")
    return problems, warnings


def family_problems(state: ReviewState) -> list[str]:
    family = {" ".join(p.title.casefold().split()) for p in state.participants.values()
              if p.role is ParticipantRole.FAMILY}
    return [f"contribution {c.id} is recorded as from {c.role}, a member of the family; the "
            "family's account is kept apart from the practitioners' (family.yaml)"
            for c in sorted(state.contributions.values(), key=lambda c: c.id)
            if " ".join(c.role.casefold().split()) in family]


# -- the stages ----------------------------------------------------------------------------------


def scoping_warnings(state: ReviewState) -> list[str]:
    scope = r.scoping(state)
    if scope is None:
        return ["no scoping is recorded yet: the key lines of enquiry the terms of reference "
                f"turn into (`casereview silp template {state.id} FOLDER`, then scoping.yaml)"]
    found = []
    covered = {t for k in scope.lines for t in k.terms}
    for number, _text in enumerate(r.terms_paragraphs(state), 1):
        if number not in covered:
            found.append(f"paragraph {number} of the terms of reference turns into no key line "
                         "of enquiry")
    if scope.weeks is not None and not SHORTEST_WEEKS <= scope.weeks <= LONGEST_WEEKS:
        found.append(f"the timescale of {scope.weeks:g} weeks lies outside SILP's published "
                     f"range of {SHORTEST_WEEKS} weeks to six months; say why in the "
                     "proportionality rationale")
    if scope.weeks is not None and not scope.proportionality:
        found.append("the scoping gives no proportionality rationale for its timescale")
    return found


@hookimpl
def check_stage(review: ReviewState, stage: str) -> list[Check]:
    if review.methodology != METHODOLOGY:
        return []
    found: list[Check] = []
    if _reached(stage, Stage.COMMISSIONING):
        found += [_check("problem", "lead reviewers", m) for m in mix_problems(review)]
        found += [_check("warning", "accreditation", m) for m in lead_reviewer_warnings(review)]
        found += [_check("warning", "scoping", m) for m in scoping_warnings(review)]
    if _reached(stage, Stage.ANALYSIS):
        found += [_check("warning", "agency reports", f"{a} has no agency report and no reason "
                         "recorded for having none") for a in missing_reports(review)]
        found += [_check("warning", "agency authors", f"the author of {x.agency}'s agency "
                         "report was involved in the case; SILP asks for an author who was "
                         "not, so the analysis can stand back from the work")
                  for x in r.reports(review) if not x.author_independent]
    if _reached(stage, Stage.LEARNING_EVENTS):
        found += [_check("warning", "reports shared", m) for m in distribution_warnings(review)]
        found += [_check("warning", "learning event", m) for m in attendance_warnings(review)]
        found += [_check("problem", "family kept apart", m) for m in family_problems(review)]
    if _reached(stage, Stage.FINDINGS):
        problems, warnings = recall_trace(review)
        found += [_check("problem", "recall event", m) for m in problems]
        found += [_check("warning", "recall event", m) for m in warnings]
    if _reached(stage, Stage.REPORT):
        scope, overview = r.scoping(review), r.overview(review)
        for line in scope.lines if scope else ():
            if not (overview and overview.analysis.get(line.id)):
                found.append(_check("problem", "key lines of enquiry", f"the overview report "
                                    f"does not address {line.id} ({line.title})"))
    return found
