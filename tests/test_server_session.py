"""A live learning session and the command line writing to one review on the shared server at
once: 50 participants contribute while two command-line writers add notes, and nothing of
either is lost. Needs CASEREVIEW_TEST_POSTGRES (`.ci/run` starts a server)."""

from __future__ import annotations

import re
import threading
import uuid
from urllib.parse import urlparse

import pytest
from conftest import TEST_SERVER, drop_server_schema, server_schema_url
from starlette.testclient import TestClient

from core.apps.copying import copy_database
from core.apps.session.app import SessionApp
from core.apps.session.room import Room
from core.apps.session.security import csrf_for
from core.apps.session.serve import links, open_or_resume
from core.kernel import state as st
from core.kernel.errors import ConflictError
from core.kernel.store import open_journal
from core.plugin_api.plugins import PluginHost
from core.plugin_api.reviews import Reviews
from tests.sessioncase import build

pytestmark = [pytest.mark.skipif(not TEST_SERVER, reason="no PostgreSQL test server given"),
              pytest.mark.slow]

PARTICIPANTS = 50
NOTES_PER_WRITER = 15
ROLES = ("Health visitor", "Social worker", "GP", "Class teacher", "Police constable")


def _path(link: str) -> str:
    parsed = urlparse(link)
    return parsed.path + "?" + parsed.query


def _participant(main: TestClient, join_link: str, sid: str, n: int, said: list[str]) -> None:
    client = TestClient(main.app)
    client.portal = main.portal  # the served app's own event loop, which the room runs on

    def repeating(send):
        """What a person does when told someone else changed the review: repeat it."""
        while True:
            answer = send()
            if "changed by someone else" not in answer.text:
                return answer

    page = client.get(_path(join_link))
    token = re.search(r'name="t" value="([^"]+)"', page.text).group(1)
    joined = repeating(lambda: client.post(
        urlparse(join_link).path, follow_redirects=False,
        data={"t": token, "role": ROLES[n % len(ROLES)], "agency": ""}))
    assert joined.status_code == 303, joined.text
    kind = client.get(f"/s/{sid}/view").json()["phase"]["asks"][0]["kind"]
    answer = repeating(lambda: client.post(
        f"/s/{sid}/contribute", json={"kind": kind, "text": f"Seen by {n}."},
        headers={"X-CSRF-Token": csrf_for(client.cookies["casereview_participant"])}))
    assert answer.status_code == 200, answer.text
    said.append(answer.json()["id"])


def _writer(url: str, host: PluginHost, review_id: str, name: str) -> None:
    with open_journal(url, create=False) as journal:
        reviews = Reviews(journal, host, name)
        for n in range(NOTES_PER_WRITER):
            while True:  # what a person does on a conflict: look again and repeat
                try:
                    reviews.write(reviews.load(review_id), [
                        st.put_record("tests/notes", f"{name}-{n}", {"n": n})])
                    break
                except ConflictError:
                    continue


def test_a_session_and_command_line_writers_lose_nothing_on_the_server(tmp_path):
    host = PluginHost.load()
    database, review_id, events = build(tmp_path, host, "learning-together")
    name = f"test_{uuid.uuid4().hex[:12]}"
    url = server_schema_url(name)
    try:
        copy_database(str(database), url)
        with open_journal(url, create=False) as journal:
            opened = open_or_resume(Reviews(journal, host, "facilitator"), review_id, events[0],
                                    support="Sam Field, the support lead (fictional), is here.")
        app = SessionApp(Room(lambda: Reviews(open_journal(url, create=False), host, "live"),
                              review_id, opened.session.id), host,
                         join_limit=(10_000, 0.001), contribute_limit=(10_000, 0.001))
        found = links("http://testserver", opened)
        said: list[str] = []
        with TestClient(app.app) as main:
            threads = [threading.Thread(target=_participant,
                                        args=(main, found["join"], opened.session.id, n, said))
                       for n in range(PARTICIPANTS)]
            threads += [threading.Thread(target=_writer, args=(url, host, review_id, who))
                        for who in ("writer-a", "writer-b")]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        assert len(said) == PARTICIPANTS
        with open_journal(url, create=False) as journal:
            state = Reviews(journal, host, "check").load(review_id)
            seqs = [e.seq for e in journal.events(review_id)]
        assert seqs == list(range(1, len(seqs) + 1))
        assert set(said) <= set(state.contributions)
        assert sorted(c.text for c in state.contributions.values() if c.id in said) == sorted(
            f"Seen by {n}." for n in range(PARTICIPANTS))
        notes = set(state.records.get("tests/notes", {}))
        assert notes == {f"writer-{w}-{n}" for w in "ab" for n in range(NOTES_PER_WRITER)}
    finally:
        drop_server_schema(name)
