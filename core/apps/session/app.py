"""The live session as a small web app (Starlette): pages for joining, the room and the
facilitator, a JSON view per screen, a stream of what happens, and the actions.

Why Starlette: a well-kept ASGI toolkit with server-sent events through a plain streaming
response, served by uvicorn; nothing else is needed, and the pages are the jinja2 templates
the reports already use. Server-sent events (not WebSockets) because the room only needs to be
told; everything a person does is an ordinary POST, checked and journalled before it is
acknowledged.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
from collections.abc import AsyncIterator
from importlib import resources
from typing import Any
from urllib.parse import parse_qs

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from core.analysis.learning_events import plan as event_plan
from core.apps.session import actions, records, views
from core.apps.session.records import Participant, Session
from core.apps.session.room import Listener, Room
from core.apps.session.security import HEADERS, Limits, csrf_for, csrf_ok, same_token
from core.kernel.errors import CaseReviewError
from core.plugin_api.methodology import LearningEventPlan

PARTICIPANT_COOKIE = "casereview_participant"
FACILITATOR_COOKIE = "casereview_facilitator"
KEEPALIVE_SECONDS = 15.0


def _templates() -> jinja2.Environment:
    folder = resources.files("core.apps.session") / "templates"
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True)


class SessionApp:
    """The app for one session of one review: it can see nothing else."""

    def __init__(self, room: Room, host: Any, *, join_limit: tuple[float, float] = (60, 1.0),
                 contribute_limit: tuple[float, float] = (20, 2.0),
                 freeze_loaded: bool = False) -> None:
        self.room, self.host = room, host
        self.freeze_loaded = freeze_loaded
        self.joins = Limits(*join_limit)
        self.posts = Limits(*contribute_limit)
        self.pages = _templates()
        self._plans: dict[int, LearningEventPlan] = {}
        self._session: tuple[Any, Session] | None = None
        self._by_token: tuple[Any, dict[str, Participant]] = (None, {})
        self._by_record: dict[str, tuple[dict[str, Any], Participant]] = {}
        static = resources.files("core.apps.session") / "static"
        self.app = Starlette(routes=[
            Route("/s/{sid}/join", self.join_page, methods=["GET"]),
            Route("/s/{sid}/join", self.join, methods=["POST"]),
            Route("/s/{sid}/facilitate", self.facilitate, methods=["GET"]),
            Route("/s/{sid}/room", self.room_page, methods=["GET"]),
            Route("/s/{sid}/facilitator", self.facilitator_page, methods=["GET"]),
            Route("/s/{sid}/view", self.view, methods=["GET"]),
            Route("/s/{sid}/stream", self.stream, methods=["GET"]),
            Route("/s/{sid}/contribute", self.contribute, methods=["POST"]),
            Route("/s/{sid}/signal", self.signal, methods=["POST"]),
            Route("/s/{sid}/control", self.control, methods=["POST"]),
            Mount("/static", app=StaticFiles(directory=str(static)), name="static"),
        ], lifespan=self._lifespan)
        self.app.add_middleware(_Headers)

    @contextlib.asynccontextmanager
    async def _lifespan(self, app: Any) -> AsyncIterator[None]:
        await self.room.start()
        if self.freeze_loaded:
            # A process that serves this one session (the command's) keeps what it loaded for
            # its life: out of the collector's full passes, which otherwise stop the room for
            # tens of milliseconds at a time as a session's objects accumulate.
            gc.freeze()
        try:
            yield
        finally:
            await self.room.stop()

    # -- what the room is now ----------------------------------------------------------------

    def _state_and_session(self) -> tuple[Any, Session]:
        snapshot = self.room.snapshot
        assert snapshot is not None, "the room has not started"
        known = self._session
        if known is None or known[0] is not snapshot:  # read once for each version written
            known = self._session = (snapshot,
                                     records.session(snapshot.state, self.room.session_id))
        return snapshot.state, known[1]

    def _plan(self) -> LearningEventPlan:
        """The methodology's plan for the event, asked again only after the facilitator changes
        something (a contribution does not change the plan, and asking costs milliseconds)."""
        found = self._plans.get(self.room.plan_epoch)
        if found is None:
            state, session = self._state_and_session()
            event = state.learning_events[session.event_id]
            found = event_plan(self.host, state, event.kind)
            self._plans = {self.room.plan_epoch: found}
        return found

    def _ours(self, request: Request) -> bool:
        return request.path_params["sid"] == self.room.session_id

    def _participant(self, request: Request) -> Participant | None:
        token = request.cookies.get(PARTICIPANT_COOKIE, "")
        if not token or not self._ours(request):
            return None
        _state, session = self._state_and_session()
        if not session.open_at(self.room.now()):
            return None
        return self._people().get(records.digest(token))

    def _people(self) -> dict[str, Participant]:
        """The room's participants by the digest of their token, once per written version;
        a participant whose record is the one read before is not read again (a version is
        written for every batch, and the room may hold hundreds)."""
        snapshot = self.room.snapshot
        assert snapshot is not None
        if self._by_token[0] is not snapshot:
            before, now = self._by_record, {}
            for key, data in snapshot.state.record_collection(records.PARTICIPANTS).items():
                if data["session"] == self.room.session_id:
                    held = before.get(key)
                    now[key] = held if held and held[0] is data else \
                        (data, records.participant(key, data))
            self._by_record = now
            self._by_token = (snapshot, {p.token_digest: p for _, p in now.values()})
        return self._by_token[1]

    def _facilitator(self, request: Request) -> bool:
        token = request.cookies.get(FACILITATOR_COOKIE, "")
        if not token or not self._ours(request):
            return False
        _, session = self._state_and_session()
        return session.open_at(self.room.now()) and \
            any(same_token(token, d) for d in session.facilitator_digests)

    def _page(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.pages.get_template(name).render(**context), status_code=status)

    def _refused(self, message: str, status: int = 403) -> HTMLResponse:
        return self._page("refused.html.j2", status, message=message)

    # -- pages -------------------------------------------------------------------------------

    async def join_page(self, request: Request) -> Response:
        state, session = self._state_and_session()
        token = request.query_params.get("t", "")
        if not self._ours(request) or not same_token(token, session.join_digest) or \
                not session.open_at(self.room.now()):
            return self._refused("This join link is not valid, or the session has ended. Ask "
                                 "the facilitator for the link.")
        if self._participant(request) is not None:
            return RedirectResponse(f"/s/{session.id}/room", 303)
        return self._page("join.html.j2", session=session, token=token,
                          event=state.learning_events[session.event_id].title,
                          agencies=sorted(state.agencies), support=session.support,
                          notice=views.DISTRESS_NOTICE, error="")

    async def join(self, request: Request) -> Response:
        form = await _form(request)
        state, session = self._state_and_session()
        token = str(form.get("t", ""))
        if not self._ours(request) or not same_token(token, session.join_digest) or \
                not session.open_at(self.room.now()):
            return self._refused("This join link is not valid, or the session has ended.")
        if not self.joins.allow(request.client.host if request.client else "?"):
            return self._refused("Too many people joined from here at once; wait a moment and "
                                 "try again.", 429)
        role, agency = str(form.get("role", "")), str(form.get("agency", ""))
        made: dict[str, str] = {}

        def joining(work: Any) -> actions.Outcome:
            outcome, made["token"] = actions.join(
                work, records.session(work, session.id), role=role, agency=agency,
                now=self.room.now())
            return outcome

        try:
            await self.room.act(joining)
        except CaseReviewError as error:
            return self._page("join.html.j2", 400, session=session, token=token,
                              event=state.learning_events[session.event_id].title,
                              agencies=sorted(state.agencies), support=session.support,
                              notice=views.DISTRESS_NOTICE, error=str(error), role=role)
        response = RedirectResponse(f"/s/{session.id}/room", 303)
        _cookie(response, PARTICIPANT_COOKIE, made["token"], session)
        return response

    async def facilitate(self, request: Request) -> Response:
        _, session = self._state_and_session()
        token = request.query_params.get("t", "")
        if not self._ours(request) or not session.open_at(self.room.now()) or \
                not any(same_token(token, d) for d in session.facilitator_digests):
            return self._refused("This facilitator link is not valid, or the session has ended.")
        response = RedirectResponse(f"/s/{session.id}/facilitator", 303)
        _cookie(response, FACILITATOR_COOKIE, token, session)
        return response

    async def room_page(self, request: Request) -> Response:
        if self._participant(request) is None:
            return self._refused("Join with the link the facilitator gave you.")
        token = request.cookies[PARTICIPANT_COOKIE]
        return self._page("room.html.j2", csrf=csrf_for(token), sid=self.room.session_id,
                          facilitator=False)

    async def facilitator_page(self, request: Request) -> Response:
        if not self._facilitator(request):
            return self._refused("Open the facilitator link printed when the session started.")
        token = request.cookies[FACILITATOR_COOKIE]
        return self._page("room.html.j2", csrf=csrf_for(token), sid=self.room.session_id,
                          facilitator=True)

    # -- data --------------------------------------------------------------------------------

    async def view(self, request: Request) -> Response:
        state, session = self._state_and_session()
        now = self.room.now()
        if self._facilitator(request):
            return JSONResponse(views.facilitator_view(state, session, self._plan(), now))
        me = self._participant(request)
        if me is None:
            return JSONResponse({"error": "not in this session"}, 403)
        return JSONResponse(views.participant_view(state, session, self._plan(), me, now))

    async def stream(self, request: Request) -> Response:
        facilitator = self._facilitator(request)
        if not facilitator and self._participant(request) is None:
            return JSONResponse({"error": "not in this session"}, 403)
        listener = Listener(facilitator)
        self.room.listeners.add(listener)

        async def events() -> AsyncIterator[str]:
            try:
                yield "retry: 2000\n\n"
                while True:
                    try:
                        told = [await asyncio.wait_for(listener.queue.get(), KEEPALIVE_SECONDS)]
                    except TimeoutError:
                        if await request.is_disconnected():
                            return
                        yield ": still here\n\n"
                        continue
                    while not listener.queue.empty():  # batches told meanwhile: one write
                        told.append(listener.queue.get_nowait())
                    yield "".join(told)
            finally:
                self.room.listeners.discard(listener)

        return StreamingResponse(events(), media_type="text/event-stream")

    # -- actions -----------------------------------------------------------------------------

    async def _body(self, request: Request, cookie: str) -> dict[str, Any] | Response:
        token = request.cookies.get(cookie, "")
        if not csrf_ok(token, request.headers.get("x-csrf-token")):
            return JSONResponse({"error": "this page is out of date; reload it"}, 403)
        origin = request.headers.get("origin")
        if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
            return JSONResponse({"error": "not from this session's page"}, 403)
        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": "expected JSON"}, 400)
        return body if isinstance(body, dict) else JSONResponse({"error": "expected JSON"}, 400)

    async def _act(self, action: Any) -> Response:
        try:
            outcome = await self.room.act(action)
        except CaseReviewError as error:
            return JSONResponse({"error": str(error)}, 400)
        return JSONResponse(outcome.answer)

    async def contribute(self, request: Request) -> Response:
        me = self._participant(request)
        if me is None:
            return JSONResponse({"error": "not in this session"}, 403)
        body = await self._body(request, PARTICIPANT_COOKIE)
        if isinstance(body, Response):
            return body
        if not self.posts.allow(me.id):
            return JSONResponse({"error": "slow down a little: too many at once"}, 429)
        refs = body.get("refs") or []
        if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
            return JSONResponse({"error": "tags are a list of entry ids"}, 400)
        plan = self._plan()

        def contributing(work: Any) -> actions.Outcome:
            session = records.session(work, me.session)
            return actions.contribute(self.host, work, session, plan, me,
                                      kind=str(body.get("kind", "")),
                                      text=str(body.get("text", "")), refs=refs[:20],
                                      contribution_id=self.room.contribution_id(
                                          work, session.event_id))

        return await self._act(contributing)

    async def signal(self, request: Request) -> Response:
        me = self._participant(request)
        if me is None:
            return JSONResponse({"error": "not in this session"}, 403)
        body = await self._body(request, PARTICIPANT_COOKIE)
        if isinstance(body, Response):
            return body
        if not self.posts.allow(me.id):
            return JSONResponse({"error": "slow down a little: too many at once"}, 429)
        kind = str(body.get("kind", ""))
        if kind not in records.SIGNAL_KINDS:
            return JSONResponse({"error": "unknown signal"}, 400)

        def signalling(work: Any) -> actions.Outcome:
            return actions.signal(work, records.session(work, me.session), me, kind,
                                  self.room.now(), str(body.get("contribution", "")))

        return await self._act(signalling)

    async def control(self, request: Request) -> Response:
        if not self._facilitator(request):
            return JSONResponse({"error": "only the facilitator can do that"}, 403)
        body = await self._body(request, FACILITATOR_COOKIE)
        if isinstance(body, Response):
            return body
        try:
            day = dt.date.fromisoformat(body["day"]) if body.get("day") else None
            minutes = int(body.get("minutes") or 0)
        except (TypeError, ValueError):
            return JSONResponse({"error": "a day is YYYY-MM-DD and minutes a whole number"}, 400)
        agreed = body.get("agreed")
        plan = self._plan()

        def controlling(work: Any) -> actions.Outcome:
            return actions.facilitate(
                work, records.session(work, self.room.session_id), plan,
                str(body.get("action", "")), self.room.now(), minutes=minutes, day=day,
                contribution=str(body.get("contribution", "")),
                group=str(body["group"]) if body.get("group") is not None else None,
                agreed=bool(agreed) if agreed is not None else None)

        return await self._act(controlling)


async def _form(request: Request) -> dict[str, str]:
    """A small url-encoded form (the join form), read without a multipart parser."""
    body = await request.body()
    if len(body) > 4096:
        return {}
    fields = parse_qs(body.decode("utf-8", "replace"), max_num_fields=10)
    return {key: values[0] for key, values in fields.items()}


def _cookie(response: Response, name: str, token: str, session: Session) -> None:
    seconds = max(0, int((session.expires_at - dt.datetime.now(dt.UTC)).total_seconds()))
    # Lax, not Strict: a link opened from an email must carry it; every change also needs the
    # CSRF header, which another site cannot make.
    response.set_cookie(name, token, max_age=seconds, path=f"/s/{session.id}/",
                        httponly=True, samesite="lax")


_ENCODED_HEADERS = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]


class _Headers:
    """Adds the security headers to every response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *_ENCODED_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)
