"""Starting a live session: open it in the journal (or resume the one the server left), make
its links, and serve it with uvicorn.

The join link and each facilitator link are printed once; the journal keeps only their digests.
A server started again on the same event resumes the open session: participants' links and
cookies still work, and the facilitator gets a fresh link (the earlier ones stay valid until the
session ends or expires).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from typing import Any

from attrs import evolve, frozen

from core.analysis.learning_events import get_event
from core.analysis.learning_events import plan as event_plan
from core.apps.session import records
from core.apps.session.app import SessionApp
from core.apps.session.room import Room
from core.kernel.errors import InvalidValue

LOOPBACK = ("127.0.0.1", "localhost", "::1")
EXPIRES_AFTER = dt.timedelta(hours=12)  # a session lasts a working day at most


@frozen
class Opened:
    session: records.Session
    join_token: str | None  # None when resumed: the participants already have their link
    facilitator_token: str
    resumed: bool


def open_or_resume(reviews: Any, review_id: str, event_id: str, *, support: str | None,
                   now: dt.datetime | None = None) -> Opened:
    """Open a live session for the learning event, or resume its open one."""
    now = now or dt.datetime.now(dt.UTC)
    state = reviews.load(review_id)
    event = get_event(state, event_id)
    event_plan(reviews.host, state, event.kind)  # the methodology must hold this kind of event
    facilitator = secrets.token_urlsafe(32)
    current = records.open_session(state, event_id)
    if current is not None and current.open_at(now):
        resumed = records.with_facilitator(current, facilitator)
        reviews.write(state, [records.put_session(resumed)])
        return Opened(resumed, None, facilitator, True)
    if support is None:
        raise InvalidValue("say who supports participants during and after the session, with "
                           "--support 'TEXT': the session opens with it, beside the ground rules")
    join = secrets.token_urlsafe(32)
    session = records.new_session(state, event_id, support=support, join_token=join,
                                  facilitator_token=facilitator, expires_at=now + EXPIRES_AFTER)
    reviews.write(state, [records.put_session(session)])
    return Opened(session, join, facilitator, False)


def end(reviews: Any, review_id: str, event_id: str) -> records.Session:
    """End the event's open session: its links stop working."""
    state = reviews.load(review_id)
    current = records.open_session(state, event_id)
    if current is None:
        raise InvalidValue(f"learning event {event_id} has no open session")
    ended = evolve(current, ended=True, running=False, phase_started_at=None)
    reviews.write(state, [records.put_session(ended)])
    return ended


def links(base: str, opened: Opened) -> dict[str, str]:
    sid = opened.session.id
    found = {"facilitator": f"{base}/s/{sid}/facilitate?t={opened.facilitator_token}"}
    if opened.join_token:
        found["join"] = f"{base}/s/{sid}/join?t={opened.join_token}"
    return found


def serve(open_reviews: Callable[[], Any], host: Any, review_id: str, session_id: str, *,
          interface: str, port: int, **limits: Any) -> None:
    """Serve the session until interrupted (Ctrl-C)."""
    import uvicorn

    app = SessionApp(Room(open_reviews, review_id, session_id), host, freeze_loaded=True,
                     **limits)
    # No access log: join and facilitator links carry their tokens in the address.
    uvicorn.run(app.app, host=interface, port=port, log_level="warning", access_log=False,
                timeout_graceful_shutdown=2)
