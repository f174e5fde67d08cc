"""What people do in a live session, each as a function of the review as it stands: the changes
to journal, what to answer the person, and what to tell the room.

The same core functions as the command line do the work (`core.analysis.learning_events.contribute`
and `take`, which asks the methodology's `take_contribution`), so a contribution made live is
checked exactly as one recorded afterwards.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import Any

from attrs import evolve, field, frozen

from core.analysis import learning_events
from core.apps.session import records
from core.apps.session.records import Participant, Session
from core.kernel.errors import InvalidValue
from core.kernel.ids import next_id
from core.kernel.journal import Event
from core.kernel.model import CONTRIBUTION_KINDS, Contribution
from core.kernel.state import ReviewState
from core.plugin_api.methodology import LearningEventPlan

MAX_TEXT = 2000  # characters in one contribution: a point, not a document
MAX_ROLE = 80
FACILITATOR_ACTIONS = ("start", "pause", "resume", "extend", "next", "previous", "horizon",
                       "reveal", "hide", "group", "agree", "end")


def _changes(values: Any) -> list[records.Change]:
    return list(values)


@frozen
class Outcome:
    """What an action did: journal changes, the answer for the person, a note for the room.

    `room` goes to everyone's screen; `facilitator` only to the facilitator's (a private
    signal, a new participant); `refresh` asks every screen to reload its view."""

    changes: list[records.Change] = field(factory=list, converter=_changes)
    answer: dict[str, Any] = field(factory=dict)
    room: dict[str, Any] | None = None
    facilitator: dict[str, Any] | None = None
    refresh: bool = False


def contribution_data(c: Contribution) -> dict[str, Any]:
    """A contribution as the room sees it: no role, agency or participant, so the room stays
    anonymous; the facilitator's own view adds them."""
    return {"id": c.id, "text": c.text, "kind": c.kind,
            "kind_label": CONTRIBUTION_KINDS.get(c.kind, ""), "phase": c.phase,
            "refs": list(c.refs)}


def join(state: ReviewState, session: Session, *, role: str, agency: str,
         now: dt.datetime) -> tuple[Outcome, str]:
    """A participant joins by role and agency (never a name); returns their secret token."""
    role = " ".join(visible(role).split())
    if not role:
        raise InvalidValue("say your role, e.g. 'Health visitor' (not your name)")
    if len(role) > MAX_ROLE:
        raise InvalidValue(f"a role is a few words, at most {MAX_ROLE} characters")
    if agency and agency not in state.agencies:
        raise InvalidValue("choose your agency from the list, or none")
    learning_events.refuse_names(state, "the role", [role])
    token = secrets.token_urlsafe(32)  # 256 bits, kept by the participant's browser alone
    key = next_id(state.record_collection(records.PARTICIPANTS), f"{session.id}-P")
    participant = Participant(key, session.id, role, agency, records.digest(token), now)
    return Outcome([records.put_participant(participant)], {"participant": key},
                   facilitator={"type": "joined", "id": key, "role": role,
                                "agency": agency}), token


def contribute(host: Any, state: ReviewState, session: Session, plan: LearningEventPlan,
               participant: Participant, *, kind: str, text: str, refs: list[str],
               contribution_id: str | None = None) -> Outcome:
    """A contribution in the current phase, journalled and taken through the methodology.
    `contribution_id`: its id when the caller keeps count (the room does), else the next free."""
    if session.ended:
        raise InvalidValue("the session has ended; nothing more can be added")
    phase = plan.phases[session.phase]
    asked = phase.asks or tuple(CONTRIBUTION_KINDS)
    if kind not in asked:
        wanted = ", ".join(CONTRIBUTION_KINDS[k].lower() for k in asked)
        raise InvalidValue(f"this phase asks for {wanted}")
    text = visible(text).strip()
    if not text:
        raise InvalidValue("write something before sending")
    if len(text) > MAX_TEXT:
        raise InvalidValue(f"keep a contribution under {MAX_TEXT} characters; send a second "
                           "one for the next point")
    known = _taggable(host, state)
    unknown = [r for r in refs if r not in known]
    if unknown:
        raise InvalidValue(f"unknown tag {unknown[0]!r}: tag chronology entries by the id shown")
    said = learning_events.Said(participant.role, text, phase.title, participant.agency,
                                kind=kind, refs=tuple(refs), participant=participant.id)
    contribution, changes, warnings = learning_events.contribute(
        host, state, session.event_id, said, contribution_id=contribution_id, event_plan=plan)
    # The methodology takes it into the evidence (or leaves it a note) in the same write.
    evidence, taken = learning_events.take(host, copy_with(state, changes), contribution.id)
    if evidence is not None:
        contribution = evolve(contribution, evidence_id=evidence.id)
    # Taken, it is journalled once, already tied to its evidence (`taken` puts it again).
    return Outcome(taken or changes, {"id": contribution.id, "warnings": warnings},
                   room={"type": "contribution", **contribution_data(contribution)})


# Characters that change how text displays without being seen: controls (but line breaks and
# tabs), bidirectional overrides and isolates, zero-width characters. A contribution keeps none.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u2069\ufeff]")


def visible(text: str) -> str:
    return _INVISIBLE.sub("", text)


def _taggable(host: Any, state: ReviewState) -> set[str]:
    return set(state.chronology) | set(state.evidence)


def facilitate(state: ReviewState, session: Session, plan: LearningEventPlan, action: str,
               now: dt.datetime, *, minutes: int = 0, day: dt.date | None = None,
               contribution: str = "", group: str | None = None,
               agreed: bool | None = None) -> Outcome:
    """One of the facilitator's controls. Every one is checked here, on the server."""
    if action not in FACILITATOR_ACTIONS:
        raise InvalidValue(f"unknown action {action!r}")
    if session.ended:
        raise InvalidValue("the session has ended")
    phase = plan.phases[session.phase]
    left = session.seconds_left(now, phase.minutes)
    changed: Session | None = None
    if action in ("start", "resume"):
        changed = evolve(session, running=True, phase_started_at=now, remaining_seconds=left)
    elif action == "pause":
        changed = evolve(session, running=False, phase_started_at=None, remaining_seconds=left)
    elif action == "extend":
        if not 1 <= minutes <= 120:
            raise InvalidValue("extend a phase by 1 to 120 minutes")
        changed = evolve(session, remaining_seconds=left + minutes * 60,
                         phase_started_at=now if session.running else None)
    elif action in ("next", "previous"):
        step = 1 if action == "next" else -1
        target = session.phase + step
        if not 0 <= target < len(plan.phases):
            raise InvalidValue("there is no phase " + ("after" if step > 0 else "before")
                               + " this one")
        changed = evolve(session, phase=target, running=False, phase_started_at=None,
                         remaining_seconds=None)
    elif action == "horizon":
        changed = evolve(session, horizon=day)
    elif action in ("reveal", "hide"):
        changed = evolve(session, revealed=action == "reveal")
    elif action == "end":
        changed = evolve(session, ended=True, running=False, remaining_seconds=left,
                         phase_started_at=None)
    else:
        if contribution not in state.contributions or \
                state.contributions[contribution].event_id != session.event_id:
            raise InvalidValue(f"no contribution {contribution!r} in this session")
        change = records.mark(state, session.id, contribution, group=group, agreed=agreed)
        mark = change[1]["value"]
        return Outcome([change], {"ok": True},
                       room={"type": "mark", "id": contribution, "group": mark["group"],
                             "agreed": mark["agreed"]})
    assert changed is not None
    return Outcome([records.put_session(changed)], {"ok": True}, refresh=True)


def signal(state: ReviewState, session: Session, participant: Participant, kind: str,
           now: dt.datetime, contribution: str = "") -> Outcome:
    """A private signal: 'I need a break' to the facilitator alone, or 'discuss this first',
    which orders the discussion (it is not a vote: findings are the reviewers' judgement)."""
    if kind == "discuss_first" and contribution not in state.contributions:
        raise InvalidValue(f"no contribution {contribution!r} in this session")
    change = records.signal(state, session.id, participant, kind, now, contribution)
    note = {"type": "signal", "kind": kind, "contribution": contribution,
            "role": participant.role, "agency": participant.agency, "at": now.isoformat()}
    room = None
    if kind == "discuss_first":
        room = {"type": "discuss_first", "id": contribution}
    return Outcome([change], {"ok": True}, room=room, facilitator=note)


def copy_with(state: ReviewState, changes: list[records.Change]) -> ReviewState:
    """A copy of `state` with `changes` applied; `state` itself is untouched. Only what the
    changes touch is copied (the rest is shared, and only read): a batch of contributions
    would otherwise copy the whole review once for each."""
    copy = shared(state)
    own(copy, changes, set())
    advance(copy, changes)
    return copy


def shared(state: ReviewState) -> ReviewState:
    """A new review object over the same collections and records, to be read, or changed only
    after `own` has copied what the change touches."""
    return ReviewState(id=state.id, seq=state.seq, header=state.header, stage=state.stage,
                       collections=dict(state.collections), records=dict(state.records),
                       updated_at=state.updated_at)


def own(state: ReviewState, changes: list[records.Change], owned: set[str]) -> None:
    """Give `state` (made by `shared`) its own copy of each collection or record collection
    `changes` touch that is not in `owned` yet; `owned` is kept up to date."""
    touched = set()
    for kind, payload in changes:
        name, _, verb = kind.rpartition(".")
        if kind in ("record.put", "record.removed"):
            touched.add(("records", payload["collection"]))
        elif name in state.collections and verb in ("put", "removed"):
            touched.add(("collections", name))
        else:  # a change of another kind may touch anything
            touched |= {("collections", n) for n in state.collections}
            touched |= {("records", n) for n in state.records}
    for where, name in touched:
        if f"{where}/{name}" not in owned:
            held = getattr(state, where)
            if name in held:
                held[name] = held[name].copy()
            owned.add(f"{where}/{name}")


def advance(state: ReviewState, changes: list[records.Change]) -> None:
    """Apply `changes` to `state` in place, for the next action of the same batch; the
    journal numbers the real events when the batch is written."""
    moment = dt.datetime.now(dt.UTC)
    seq = state.seq
    for offset, (kind, payload) in enumerate(changes, 1):
        state.apply(Event(state.id, seq + offset, moment, "session", kind, payload))
    state.seq = seq
