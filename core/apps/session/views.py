"""What each screen shows: the phase and its clock, the ground rules and support, the room's
contributions, and the chronology as the viewer's agency knew it while the phase asks for the
case as it was known at the time (the knowledge horizon) and the whole picture is not yet
revealed. The facilitator's view adds who is in the room, the private signals and the controls.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.apps.session import records
from core.apps.session.actions import contribution_data
from core.apps.session.records import Participant, Session
from core.evidence.horizon import known_by
from core.kernel.dates import long_date
from core.kernel.model import CONTRIBUTION_KINDS, ChronologyEntry
from core.kernel.state import ReviewState
from core.plugin_api.methodology import LearningEventPlan

DISTRESS_NOTICE = ("This session looks at the harm a child suffered. Some of what is said may "
                   "be distressing: take a break whenever you need one, and use 'I need a "
                   "break' to tell the facilitator privately.")


def hindsight_guarded(session: Session, plan: LearningEventPlan) -> bool:
    """Whether the room sees the case only as it was known at the time, just now."""
    return plan.phases[session.phase].as_known_then and not session.revealed


def horizon_day(state: ReviewState, session: Session) -> dt.date:
    """The day the room looks back from: the facilitator's choice, else the incident."""
    return session.horizon or state.review.incident_date


def entry_data(entry: ChronologyEntry) -> dict[str, Any]:
    return {"id": entry.id, "date": str(entry.date), "agency": entry.agency,
            "what": entry.what_happened, "who": entry.who}


def chronology(state: ReviewState, session: Session, plan: LearningEventPlan,
               agency: str | None) -> dict[str, Any]:
    """The chronology one viewer may see now. `agency` None: the facilitator, who sees all."""
    guarded = hindsight_guarded(session, plan) and agency is not None
    day = horizon_day(state, session)
    if guarded:
        entries = known_by(state, agency or None, day)
        said = (f"As {agency or 'the agencies'} knew it on {long_date(day)}: what happened "
                "later, or was known only to others, is hidden until the facilitator reveals "
                "the whole picture.")
    else:
        entries = state.sorted_chronology()
        said = "The whole chronology, as the review knows it now."
    return {"guarded": guarded, "horizon": day.isoformat(), "horizon_words": long_date(day),
            "said": said, "entries": [entry_data(e) for e in entries]}


def _phase(session: Session, plan: LearningEventPlan, now: dt.datetime) -> dict[str, Any]:
    phase = plan.phases[session.phase]
    asked = phase.asks or tuple(CONTRIBUTION_KINDS)
    return {"number": session.phase + 1, "of": len(plan.phases), "title": phase.title,
            "purpose": phase.purpose, "prompts": list(phase.prompts), "minutes": phase.minutes,
            "running": session.running, "seconds_left": round(
                session.seconds_left(now, phase.minutes)),
            "as_known_then": phase.as_known_then,
            "asks": [{"kind": k, "label": CONTRIBUTION_KINDS[k]} for k in asked]}


def _contributions(state: ReviewState, session: Session, *, full: bool) -> list[dict[str, Any]]:
    marks = records.marks(state, session.id)
    firsts: dict[str, int] = {}
    for s in records.signals(state, session.id):
        if s["kind"] == "discuss_first":
            firsts[s["contribution"]] = firsts.get(s["contribution"], 0) + 1
    out = []
    for c in state.contributions.values():
        if c.event_id != session.event_id:
            continue
        item = contribution_data(c)
        mark = marks.get(c.id, {})
        item.update(group=mark.get("group", ""), agreed=bool(mark.get("agreed")),
                    discuss_first=firsts.get(c.id, 0))
        if full:
            item.update(role=c.role, agency=c.agency, evidence=c.evidence_id)
        out.append(item)
    return out


def common(state: ReviewState, session: Session, plan: LearningEventPlan,
           now: dt.datetime) -> dict[str, Any]:
    event = state.learning_events[session.event_id]
    return {
        "review": state.review.title, "event": event.title, "session": session.id,
        "ended": session.ended, "revealed": session.revealed,
        "ground_rules": list(plan.ground_rules), "support": session.support,
        "notice": DISTRESS_NOTICE, "phase": _phase(session, plan, now),
        "agencies": sorted(state.agencies),
    }


def participant_view(state: ReviewState, session: Session, plan: LearningEventPlan,
                     me: Participant, now: dt.datetime) -> dict[str, Any]:
    view = common(state, session, plan, now)
    view.update(me={"id": me.id, "role": me.role, "agency": me.agency},
                chronology=chronology(state, session, plan, me.agency),
                contributions=_contributions(state, session, full=False))
    for item in view["contributions"]:
        c = state.contributions[item["id"]]
        item["mine"] = c.participant == me.id
    return view


def facilitator_view(state: ReviewState, session: Session, plan: LearningEventPlan,
                     now: dt.datetime) -> dict[str, Any]:
    view = common(state, session, plan, now)
    people = records.participants(state, session.id)
    view.update(
        facilitator=True,
        chronology=chronology(state, session, plan, None),
        contributions=_contributions(state, session, full=True),
        participants=[{"id": p.id, "role": p.role, "agency": p.agency} for p in people.values()],
        signals=[s for s in records.signals(state, session.id) if s["kind"] == "break"],
        phases=[p.title for p in plan.phases],
    )
    for signal in view["signals"]:
        who = people.get(signal["participant"])
        signal["role"] = who.role if who else ""
        signal["agency"] = who.agency if who else ""
    return view


def session_record(state: ReviewState, session: Session) -> dict[str, Any]:
    """Afterwards: who took part (by role and agency), what was contributed, what was agreed."""
    people = records.participants(state, session.id)
    contributions = _contributions(state, session, full=True)
    return {
        "session": session.id, "event": state.learning_events[session.event_id].title,
        "took_part": sorted({(p.role, p.agency) for p in people.values()}),
        "contributions": contributions,
        "agreed": [c for c in contributions if c["agreed"]],
        "breaks": len([s for s in records.signals(state, session.id) if s["kind"] == "break"]),
    }
