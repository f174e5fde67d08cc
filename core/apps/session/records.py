"""A live learning session as journal records: the session and its phase clock, the anonymous
participants, their private signals, and the facilitator's grouping and agreement marks.

Everything here builds the changes to journal (nothing writes) or reads them back from a
`ReviewState`, so a restarted server carries on exactly where the journal says it was.
Tokens are never stored, only their SHA-256 digests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from attrs import evolve, frozen

from core.kernel.errors import InvalidValue, NotFound
from core.kernel.ids import next_id
from core.kernel.state import ReviewState, put_record

SESSIONS = "session/session"
PARTICIPANTS = "session/participant"
SIGNALS = "session/signal"
MARKS = "session/mark"

Change = tuple[str, dict[str, Any]]
SIGNAL_KINDS = ("break", "discuss_first")


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _moment(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


@frozen
class Session:
    """One live session of a learning event, and where its facilitator has taken it."""

    id: str
    event_id: str
    support: str  # who supports participants during and after the session
    join_digest: str
    facilitator_digests: tuple[str, ...]
    expires_at: dt.datetime
    phase: int = 0  # index into the event plan's phases
    running: bool = False
    phase_started_at: dt.datetime | None = None  # when the running clock last (re)started
    remaining_seconds: float | None = None  # what was left on the clock when it last stopped
    horizon: dt.date | None = None  # the day the room's chronology is seen as of
    revealed: bool = False
    ended: bool = False

    def seconds_left(self, now: dt.datetime, minutes: int) -> float:
        """Seconds left on the phase clock (negative when over time)."""
        left = self.remaining_seconds if self.remaining_seconds is not None else minutes * 60.0
        if self.running and self.phase_started_at is not None:
            left -= (now - self.phase_started_at).total_seconds()
        return left

    def open_at(self, now: dt.datetime) -> bool:
        return not self.ended and now < self.expires_at

    def to_data(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id, "support": self.support, "join": self.join_digest,
            "facilitators": list(self.facilitator_digests), "expires_at": _iso(self.expires_at),
            "phase": self.phase, "running": self.running,
            "phase_started_at": _iso(self.phase_started_at),
            "remaining_seconds": self.remaining_seconds,
            "horizon": self.horizon.isoformat() if self.horizon else None,
            "revealed": self.revealed, "ended": self.ended,
        }

    @classmethod
    def from_data(cls, key: str, data: dict[str, Any]) -> Session:
        started = _moment(data.get("phase_started_at"))
        expires = _moment(data["expires_at"])
        assert expires is not None
        return cls(
            key, data["event_id"], data["support"], data["join"],
            tuple(data["facilitators"]), expires, data.get("phase", 0),
            bool(data.get("running")), started, data.get("remaining_seconds"),
            dt.date.fromisoformat(data["horizon"]) if data.get("horizon") else None,
            bool(data.get("revealed")), bool(data.get("ended")))


@frozen
class Participant:
    """Someone in the room, known by role and agency only, and by a random id."""

    id: str
    session: str
    role: str
    agency: str
    token_digest: str
    joined_at: dt.datetime


def put_session(session: Session) -> Change:
    return put_record(SESSIONS, session.id, session.to_data())


def sessions(state: ReviewState) -> dict[str, Session]:
    return {key: Session.from_data(key, data)
            for key, data in state.record_collection(SESSIONS).items()}


def session(state: ReviewState, session_id: str) -> Session:
    found = sessions(state).get(session_id)
    if found is None:
        raise NotFound(f"no live session {session_id!r} in review {state.id}")
    return found


def open_session(state: ReviewState, event_id: str) -> Session | None:
    """The event's session that has not ended, if there is one (a restarted server resumes it)."""
    return next((s for s in sessions(state).values()
                 if s.event_id == event_id and not s.ended), None)


def new_session(state: ReviewState, event_id: str, *, support: str, join_token: str,
                facilitator_token: str, expires_at: dt.datetime) -> Session:
    if len(support.split()) < 3:
        raise InvalidValue("say who supports participants during and after the session "
                           "(--support), e.g. 'Jo, the named support lead, in room 2 today and "
                           "on 01632 960 000 afterwards'")
    return Session(next_id(sessions(state), "S"), event_id, support.strip(), digest(join_token),
                   (digest(facilitator_token),), expires_at)


def with_facilitator(session: Session, token: str) -> Session:
    """The session with one more facilitator link (each start of the server prints a new one)."""
    return evolve(session, facilitator_digests=(*session.facilitator_digests, digest(token)))


def participants(state: ReviewState, session_id: str) -> dict[str, Participant]:
    return {key: participant(key, data)
            for key, data in state.record_collection(PARTICIPANTS).items()
            if data["session"] == session_id}


def participant(key: str, data: dict[str, Any]) -> Participant:
    return Participant(key, data["session"], data["role"], data["agency"], data["token"],
                       dt.datetime.fromisoformat(data["joined_at"]))


def put_participant(p: Participant) -> Change:
    return put_record(PARTICIPANTS, p.id, {
        "session": p.session, "role": p.role, "agency": p.agency, "token": p.token_digest,
        "joined_at": p.joined_at.isoformat()})


def signal(state: ReviewState, session_id: str, participant: Participant, kind: str,
           at: dt.datetime, contribution: str = "") -> Change:
    if kind not in SIGNAL_KINDS:
        raise InvalidValue(f"unknown signal {kind!r}")
    key = next_id(state.record_collection(SIGNALS), f"{session_id}-SIG")
    return put_record(SIGNALS, key, {"session": session_id, "participant": participant.id,
                                     "kind": kind, "contribution": contribution,
                                     "at": at.isoformat()})


def signals(state: ReviewState, session_id: str) -> list[dict[str, Any]]:
    return [{"id": key, **data} for key, data in state.record_collection(SIGNALS).items()
            if data["session"] == session_id]


def mark(state: ReviewState, session_id: str, contribution: str, *, group: str | None = None,
         agreed: bool | None = None) -> Change:
    """The facilitator's mark on a contribution: the group it is in, and whether the room
    agreed the point. A mark is never a vote on a finding: findings are the reviewers'."""
    now = dict(state.record_collection(MARKS).get(contribution) or
               {"session": session_id, "group": "", "agreed": False})
    if group is not None:
        now["group"] = " ".join(group.split())[:80]
    if agreed is not None:
        now["agreed"] = agreed
    return put_record(MARKS, contribution, now)


def marks(state: ReviewState, session_id: str) -> dict[str, dict[str, Any]]:
    return {key: data for key, data in state.record_collection(MARKS).items()
            if data["session"] == session_id}
