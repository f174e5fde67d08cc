"""The live session's server, driven over HTTP: joining by role, the facilitator's controls
checked on the server, CSRF, the security headers, rate limits, the hindsight guard, and
everything written to the journal before it is acknowledged."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import shutil
from urllib.parse import urlparse

import pytest
from starlette.testclient import TestClient

from core.analysis.learning_events import plan as event_plan
from core.apps.session import actions, records
from core.apps.session.app import SessionApp
from core.apps.session.room import Room
from core.apps.session.security import csrf_for
from core.apps.session.serve import links, open_or_resume
from core.kernel.errors import InvalidValue
from core.kernel.journal import Journal
from core.kernel.store import open_journal
from core.plugin_api.plugins import PluginHost
from core.plugin_api.reviews import Reviews
from tests.sessioncase import build

SUPPORT = "Jo Hart, the named support lead, is in the quiet room today."


@pytest.fixture(scope="module")
def host() -> PluginHost:
    return PluginHost.load()


@pytest.fixture(scope="module")
def built(tmp_path_factory, host):
    return build(tmp_path_factory.mktemp("session"), host, "learning-together")


@pytest.fixture
def served(built, host, tmp_path):
    import shutil

    database, review_id, events = built
    db = tmp_path / "s.db"
    shutil.copy(database, db)

    def open_reviews() -> Reviews:
        return Reviews(open_journal(db), host, "live session test")

    reviews = open_reviews()
    opened = open_or_resume(reviews, review_id, events[0], support=SUPPORT)
    reviews.journal.close()
    app = SessionApp(Room(open_reviews, review_id, opened.session.id), host,
                     join_limit=(5, 0.01), contribute_limit=(3, 0.01))
    found = links("http://testserver", opened)
    with TestClient(app.app) as client:
        yield client, found, db, review_id, opened.session.id


def path(link: str) -> str:
    parsed = urlparse(link)
    return parsed.path + "?" + parsed.query


def join(client, link, role="Health visitor", agency="") -> TestClient:
    page = client.get(path(link))
    assert page.status_code == 200, page.text
    token = re.search(r'name="t" value="([^"]+)"', page.text).group(1)
    answer = client.post(urlparse(link).path, data={"t": token, "role": role, "agency": agency},
                         follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return client


def csrf(client, name="casereview_participant") -> dict[str, str]:
    return {"X-CSRF-Token": csrf_for(client.cookies[name])}


def facilitator(client, found):
    answer = client.get(path(found["facilitator"]), follow_redirects=False)
    assert answer.status_code == 303
    return csrf(client, "casereview_facilitator")


def test_pages_carry_the_security_headers(served):
    client, found, *_ = served
    page = client.get(path(found["join"]))
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "<script>" not in page.text  # no inline script anywhere


def test_a_wrong_token_opens_nothing(served):
    client, found, _db, _rid, sid = served
    assert client.get(f"/s/{sid}/join?t=guess").status_code == 403
    assert client.get(f"/s/{sid}/facilitate?t=guess", follow_redirects=False).status_code == 403
    assert client.get(f"/s/S99/join?{urlparse(found['join']).query}").status_code == 403
    assert client.get(f"/s/{sid}/view").status_code == 403


def test_a_contribution_is_journalled_before_it_is_acknowledged(served):
    client, found, db, review_id, sid = served
    join(client, found["join"], "School designated safeguarding lead")
    view = client.get(f"/s/{sid}/view").json()
    assert view["me"]["role"] == "School designated safeguarding lead"
    kind = view["phase"]["asks"][0]["kind"]
    said = client.post(f"/s/{sid}/contribute", headers=csrf(client),
                       json={"kind": kind, "text": "We saw the attendance drop."})
    assert said.status_code == 200, said.text
    journal = open_journal(db)
    try:
        state = Reviews(journal, PluginHost.load(), "t").load(review_id)
    finally:
        journal.close()
    stored = state.contributions[said.json()["id"]]
    assert stored.text == "We saw the attendance drop." and stored.kind == kind
    assert stored.role == "School designated safeguarding lead" and stored.participant


def test_changes_need_the_csrf_token_and_same_origin(served):
    client, found, _db, _rid, sid = served
    join(client, found["join"])
    body = {"kind": "observation", "text": "x"}
    assert client.post(f"/s/{sid}/contribute", json=body).status_code == 403
    assert client.post(f"/s/{sid}/contribute", json=body, headers={
        **csrf(client), "Origin": "http://elsewhere.example"}).status_code == 403


def test_only_the_facilitator_controls_the_session(served):
    client, found, _db, _rid, sid = served
    join(client, found["join"])
    refused = client.post(f"/s/{sid}/control", json={"action": "next"}, headers=csrf(client))
    assert refused.status_code == 403
    headers = facilitator(client, found)
    moved = client.post(f"/s/{sid}/control", json={"action": "next"}, headers=headers)
    assert moved.status_code == 200, moved.text
    assert client.get(f"/s/{sid}/view").json()["phase"]["number"] == 2


def test_the_hindsight_guard_shows_what_the_agency_knew(served, host):
    from core.evidence.horizon import known_by

    client, found, db, review_id, sid = served
    school = "Brindlecote Primary School"
    join(client, found["join"], "Class teacher", school)
    with TestClient(client.app) as admin:
        headers = facilitator(admin, found)
        # the walk through the timeline, the joint meeting's second phase, asks for the case
        # as it was known at the time
        admin.post(f"/s/{sid}/control", json={"action": "next"}, headers=headers)
        admin.post(f"/s/{sid}/control", json={"action": "horizon", "day": "2024-01-15"},
                   headers=headers)
        guarded = client.get(f"/s/{sid}/view").json()["chronology"]
        everything = admin.get(f"/s/{sid}/view").json()["chronology"]["entries"]
        journal = open_journal(db)
        try:
            state = Reviews(journal, host, "t").load(review_id)
        finally:
            journal.close()
        expected = [e.id for e in known_by(state, school, dt.date(2024, 1, 15))]
        assert guarded["guarded"] and [e["id"] for e in guarded["entries"]] == expected
        assert 0 < len(expected) < len(everything)
        admin.post(f"/s/{sid}/control", json={"action": "reveal"}, headers=headers)
        revealed = client.get(f"/s/{sid}/view").json()["chronology"]
        assert not revealed["guarded"] and len(revealed["entries"]) == len(everything)


def test_rate_limits_on_joining_and_contributing(served):
    client, found, _db, _rid, sid = served
    join(client, found["join"])
    kind = client.get(f"/s/{sid}/view").json()["phase"]["asks"][0]["kind"]
    codes = [client.post(f"/s/{sid}/contribute", json={"kind": kind, "text": f"point {i}"},
                         headers=csrf(client)).status_code for i in range(5)]
    assert codes[:3] == [200, 200, 200] and 429 in codes[3:]


def test_names_are_refused_as_roles(served):
    client, found, _db, _rid, sid = served
    page = client.get(path(found["join"]))
    token = re.search(r'name="t" value="([^"]+)"', page.text).group(1)
    answer = client.post(f"/s/{sid}/join", data={"t": token, "role": "", "agency": ""})
    assert answer.status_code == 400 and "say your role" in answer.text


def test_a_session_resumes_where_it_was(built, host, tmp_path):
    import shutil

    database, review_id, events = built
    db = tmp_path / "r.db"
    shutil.copy(database, db)
    reviews = Reviews(open_journal(db), host, "t")
    first = open_or_resume(reviews, review_id, events[0], support=SUPPORT,
                           now=dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC))
    again = open_or_resume(reviews, review_id, events[0], support=None,
                           now=dt.datetime(2026, 1, 1, 10, tzinfo=dt.UTC))
    assert again.resumed and again.session.id == first.session.id and again.join_token is None
    assert len(again.session.facilitator_digests) == 2
    state = reviews.load(review_id)
    assert records.session(state, first.session.id).join_digest == first.session.join_digest
    reviews.journal.close()


def test_a_batch_numbers_contributions_in_order_and_a_refused_one_leaves_no_gap(built, host,
                                                                                 tmp_path):
    database, review_id, events = built
    db = tmp_path / "s.db"
    shutil.copy(database, db)

    def open_reviews() -> Reviews:
        return Reviews(Journal.open(db), host, "live session test")

    reviews = open_reviews()
    sid = open_or_resume(reviews, review_id, events[0], support=SUPPORT).session.id
    reviews.journal.close()
    room = Room(open_reviews, review_id, sid)

    async def session() -> list:
        await room.start()
        try:
            await room.act(lambda work: actions.join(
                work, records.session(work, sid), role="Health visitor", agency="",
                now=room.now())[0])
            state = room.snapshot.state
            event = records.session(state, sid).event_id
            plan = event_plan(host, state, state.learning_events[event].kind)
            me = next(iter(records.participants(state, sid).values()))
            kind = (plan.phases[0].asks or ("observation",))[0]

            def saying(text):
                return lambda work: actions.contribute(
                    host, work, records.session(work, sid), plan, me, kind=kind, text=text,
                    refs=[], contribution_id=room.contribution_id(work, event))

            # sent together, so written in one batch; the empty one is refused
            return await asyncio.gather(*(room.act(saying(text)) for text in (
                "First point.", " ", "Second point.", "Third point.")), return_exceptions=True)
        finally:
            await room.stop()

    answers = asyncio.run(session())
    assert isinstance(answers[1], InvalidValue)
    given = [a.answer["id"] for a in answers if not isinstance(a, Exception)]
    assert given == [f"{events[0]}-C1", f"{events[0]}-C2", f"{events[0]}-C3"]
    journal = Journal.open(db)
    state = Reviews(journal, host, "check").load(review_id)
    journal.close()
    for key, text in zip(given, ("First point.", "Second point.", "Third point."), strict=True):
        assert state.contributions[key].text == text
