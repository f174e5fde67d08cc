"""Live sessions in a real browser (Debian's Chromium, driven by Playwright): a facilitator and
three practitioners run a Learning Together joint meeting; the hindsight guard hides what each
agency did not know; a server killed mid-phase loses nothing; hostile text stays inert. Every
methodology that holds learning events gets a session of its own. Screenshots of each screen
are written under the test's temporary folder."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.evidence.horizon import known_by
from core.kernel.store import open_journal
from core.plugin_api.plugins import PluginHost
from core.plugin_api.reviews import Reviews
from tests.sessioncase import build

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed (`apt-get install -y chromium`)",
                allow_module_level=True)

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
CASEREVIEW = str(Path(sys.executable).parent / "casereview")
SUPPORT = "Jo Hart, the named support lead, is in the quiet room today and on call after."
HOSTILE = ["<script>alert('x')</script>", '<img src=x onerror="alert(1)">',
           '"><iframe src="javascript:alert(2)"></iframe>', "{{ 7*7 }} ${7*7}",
           "right\u202eto\u202dleft"]
PEOPLE = [("Class teacher", "Brindlecote Primary School"),
          ("Health visitor", "Wendmoor Health Visiting Service"),
          ("Police constable", "Wendmoor Constabulary")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`casereview session serve` in its own process, as a facilitator would run it."""

    def __init__(self, db: Path, review_id: str, event_id: str) -> None:
        self.db, self.review_id, self.event_id = db, review_id, event_id
        self.port = free_port()
        self.process: subprocess.Popen[str] | None = None
        self.links: dict[str, str] = {}

    def start(self) -> dict[str, str]:
        self.process = subprocess.Popen(
            [CASEREVIEW, "--db", str(self.db), "session", self.review_id, "serve",
             self.event_id, "--support", SUPPORT, "--port", str(self.port)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("Facilitator"):
                self.links["facilitator"] = line.split(": ", 1)[1].strip()
            elif line.startswith("Participants join at"):
                self.links["join"] = line.split(": ", 1)[1].strip()
            elif line.startswith("Serving"):
                break
        self._wait_until_listening()
        return self.links

    def _wait_until_listening(self) -> None:
        import time

        for _ in range(200):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise AssertionError("the session server did not start")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)


@pytest.fixture(scope="module")
def host() -> PluginHost:
    return PluginHost.load()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


def room(browser, link: str, *, role: str = "", agency: str = "", phone: bool = True):
    context = browser.new_context(viewport={"width": 390, "height": 844} if phone else None)
    page = context.new_page()
    dialogs: list[str] = []
    page.confirm_dialogs = False  # only the test's own confirmation is ever accepted
    page.on("dialog", lambda d: (dialogs.append(d.message),
                                 d.accept() if page.confirm_dialogs else d.dismiss()))
    page.dialogs = dialogs
    page.goto(link)
    if role:
        page.get_by_label("Your role (not your name)").fill(role)
        page.get_by_label("Your agency").select_option(agency)
        page.get_by_role("button", name="Join").click()
    page.wait_for_selector("#phase-name:not(:text('Loading…'))")
    return page


def control(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_selector("#status:text('Done.')")
    page.evaluate("document.getElementById('status').textContent = ''")


def say(page, text: str, kind: str | None = None) -> None:
    if kind:
        page.get_by_label("What kind of point").select_option(kind)
    page.get_by_label("Your point").fill(text)
    page.get_by_role("button", name="Send").click()
    page.wait_for_selector("#status:text-matches('^Received')")


def shot(page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def entries(page) -> list[str]:
    return page.locator("#entries .entry .id").all_inner_texts()


@pytest.fixture
def child_a(host, tmp_path_factory) -> tuple[Path, str, list[str]]:
    return build(tmp_path_factory.mktemp("child-a"), host, "learning-together")


def test_a_learning_together_joint_meeting_run_live(browser, host, child_a, tmp_path):
    database, review_id, events = child_a
    server = Server(database, review_id, events[0])
    links = server.start()
    try:
        lead = room(browser, links["facilitator"], phone=False)
        shot(lead, tmp_path, "facilitator-opening")
        people = [room(browser, links["join"], role=r, agency=a) for r, a in PEOPLE]
        teacher, visitor, officer = people
        shot(teacher, tmp_path, "participant-ground-rules")
        assert SUPPORT in teacher.inner_text("#support")
        assert teacher.locator("#ground-rules li").count() > 0
        expect(lead.locator("#participants li")).to_have_count(3)

        # Phase 1, then the walk through the timeline as it was known at the time.
        control(lead, "Start phase")
        teacher.wait_for_selector("#timer:not(:text-matches('paused'))")
        control(lead, "Next phase")
        lead.get_by_label("Show the chronology as known on").fill("2024-01-15")
        lead.get_by_role("button", name="Set the day").click()
        lead.wait_for_selector("#status:text-matches('as known on')")
        teacher.wait_for_selector("#horizon-said:text-matches('15 January 2024')")
        journal = open_journal(database)
        try:
            state = Reviews(journal, host, "test").load(review_id)
        finally:
            journal.close()
        day = dt.date(2024, 1, 15)
        for page, (_role, agency) in zip(people, PEOPLE, strict=True):
            page.wait_for_selector("#horizon-said:text-matches('15 January 2024')")
            assert entries(page) == [e.id for e in known_by(state, agency, day)]
        hidden = set(state.chronology) - set(entries(teacher))
        assert hidden, "the school did not know everything"
        shot(teacher, tmp_path, "participant-hindsight-guard")

        # Contributions reach the journal, then everyone's screen.
        say(teacher, "Breakfast club was the only daily contact we had.", "at_the_time")
        say(visitor, "The move meant the new address reached us late.", "observation")
        say(officer, " ".join(HOSTILE), "question")
        for page in (lead, *people):
            expect(page.locator("#contributions li")).to_have_count(3)
        for page in (lead, *people):
            assert page.locator("#contributions script, #contributions img, "
                                "#contributions iframe").count() == 0
            assert "<script>alert('x')</script>" in page.inner_text("#contributions")
            assert "\u202e" not in page.inner_text("#contributions")  # overrides are dropped
            assert page.dialogs == []
        # the facilitator sees who said what; everyone else sees the room anonymously
        assert "Brindlecote Primary School" in lead.inner_text("#contributions")
        assert "Brindlecote Primary School" not in visitor.inner_text("#contributions")
        shot(lead, tmp_path, "facilitator-contributions")

        # A private request for a break reaches the facilitator alone.
        teacher.get_by_role("button", name="I need a break").click()
        lead.wait_for_selector("#signals li:text-matches('Class teacher')")
        assert visitor.locator("#signals").count() == 0

        # The server dies mid-phase; started again, nothing is lost and people carry on.
        server.kill()
        links = server.start()
        lead = room(browser, links["facilitator"], phone=False)
        assert lead.locator("#contributions li").count() == 3
        assert "Phase 2" in lead.inner_text("#phase-name")
        say(visitor, "After the restart: the health visitor's point still lands.", "question")
        for page in (lead, teacher, officer):
            expect(page.locator("#contributions li")).to_have_count(4)
        shot(visitor, tmp_path, "participant-after-restart")

        # Agreement is marked by the facilitator; the whole picture revealed; the session ended.
        lead.locator("#contributions li").first.get_by_role("button", name="Mark agreed").click()
        teacher.wait_for_selector("#contributions .agreed-flag")
        control(lead, "Reveal the whole picture")
        expect(teacher.locator("#entries .entry")).to_have_count(len(state.chronology))
        lead.confirm_dialogs = True
        lead.get_by_role("button", name="End the session").click()
        teacher.wait_for_selector("#status:text-matches('ended')")
        shot(teacher, tmp_path, "participant-ended")
    finally:
        server.kill()
    journal = open_journal(database)
    try:
        state = Reviews(journal, host, "test").load(review_id)
    finally:
        journal.close()
    live = [c for c in state.contributions.values() if c.participant]
    assert len(live) == 4 and all(c.event_id == events[0] for c in live)
    assert sorted((tmp_path).glob("*.png"))


def _methods_with_events(host: PluginHost) -> list[str]:
    return sorted(name for name, m in host.methodologies.items() if m.learning_events)


@pytest.mark.parametrize("methodology", _methods_with_events(PluginHost.load()))
def test_every_methodology_with_learning_events_runs_a_session(browser, host, methodology,
                                                               tmp_path):
    (tmp_path / "case").mkdir()
    database, review_id, events = build(tmp_path / "case", host, methodology)
    assert events, f"{methodology} holds learning events but none could be planned"
    for event_id in events:
        server = Server(database, review_id, event_id)
        links = server.start()
        try:
            lead = room(browser, links["facilitator"], phone=False)
            person = room(browser, links["join"], role="Practitioner",
                          agency=PEOPLE[1][1])
            phases = int(lead.inner_text("#phase-name").split(" of ")[1].split(":")[0])
            for number in range(1, phases + 1):
                lead.wait_for_selector(f"#phase-name:text-matches('Phase {number} of')")
                person.wait_for_selector(f"#phase-name:text-matches('Phase {number} of')")
                say(person, f"A point in phase {number} of {event_id}.")
                if number < phases:
                    control(lead, "Next phase")
            expect(lead.locator("#contributions li")).to_have_count(phases)
            shot(person, tmp_path, f"{methodology}-{event_id}")
        finally:
            server.kill()
    shutil.rmtree(tmp_path / "case", ignore_errors=True)
