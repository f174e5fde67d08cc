"""A live session under load: simulated participants on loopback send contributions in bursts.

Prints the time from sending a contribution to its acknowledgement (the point at which it is
in the journal), p50 and p99, and the number written to the journal against the number sent.
Target (issue 19): p99 <= 100 ms on a 2-core machine, nothing lost.

    python benchmarks/sessions.py [--participants 200] [--each 20] [--burst 1] [--listen]

With --listen every participant's screen also keeps the room's live stream open (as the
browser page does), and the contributions each screen was told of are counted.

The server is the real app (Starlette on uvicorn) on 127.0.0.1, over a copy of the Child A
review run to its analysis, with its usual rate limits (each participant sends a burst within
its allowance, then waits a second).

The participants run in another process, each with a browser's one keep-alive connection and
its cookies, speaking plain HTTP/1.1 over asyncio streams: a general-purpose client costs
about a millisecond of processor time a request, and 200 of them sharing one process (and
this machine's two cores with the server) measured mostly the clients queueing behind one
another, which real participants, each on a phone of their own, do not.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))



def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


SERVER_TIMES: list[float] = []


class Timed:
    """Times each contribution inside the server: from the request's arrival to the start of
    the answer, which is sent once the contribution is in the journal. The clients' own time
    (200 of them in one process here) is then seen apart from the server's."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not scope["path"].endswith("/contribute"):
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()

        async def timed_send(message) -> None:
            if message["type"] == "http.response.start":
                SERVER_TIMES.append(time.perf_counter() - began)
            await send(message)

        await self.app(scope, receive, timed_send)


def start(folder: Path, participants: int):
    import uvicorn

    from core.apps.session.app import SessionApp
    from core.apps.session.room import Room
    from core.apps.session.serve import links, open_or_resume
    from core.kernel.store import open_journal
    from core.plugin_api.plugins import PluginHost
    from core.plugin_api.reviews import Reviews
    from tests.sessioncase import build

    host = PluginHost.load()
    database, review_id, events = build(folder, host, "learning-together")

    def open_reviews() -> Reviews:
        return Reviews(open_journal(database), host, "benchmark")

    reviews = open_reviews()
    opened = open_or_resume(reviews, review_id, events[0], support="The facilitator, here.")
    reviews.journal.close()
    room = Room(open_reviews, review_id, opened.session.id)
    # Everyone joins from one address here, so joining is allowed for the whole room at once.
    app = SessionApp(room, host, join_limit=(participants + 10, 10.0), freeze_loaded=True)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(Timed(app.app), host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread, room, links(f"http://127.0.0.1:{port}", opened), database, review_id


class Browser:
    """One participant's browser: its cookies, and keep-alive HTTP/1.1 connections (one, or
    one for each request of a burst sent at once, as a browser opens them)."""

    def __init__(self, address: str) -> None:
        self.host, port = address.removeprefix("http://").split(":")
        self.port = int(port)
        self.cookies: dict[str, str] = {}
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self.opened: list[asyncio.StreamWriter] = []

    async def request(self, method: str, target: str, body: bytes = b"",
                      headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        if not self.idle:
            streams = await asyncio.open_connection(self.host, self.port)
            self.opened.append(streams[1])
            self.idle.append(streams)
        reader, writer = streams = self.idle.pop()
        lines = [f"{method} {target} HTTP/1.1", f"Host: {self.host}:{self.port}",
                 f"Content-Length: {len(body)}"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status, length = int(head[0].split()[1]), 0
        for line in head[1:]:
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "content-length":
                length = int(value)
            elif name == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";")[0]
        answer = await reader.readexactly(length)
        self.idle.append(streams)
        return status, answer

    def close(self) -> None:
        for writer in self.opened:
            writer.close()


class Participant:
    """One simulated participant: joins by the link, opens the room, then contributes."""

    def __init__(self, join: str, number: int) -> None:
        base, _, self.query = join.partition("/join?")
        origin, _, sid = base.partition("/s/")
        self.path, self.number = f"/s/{sid}", number
        self.browser = Browser(origin)
        self.headers: dict[str, str] = {}
        self.kind = ""
        self.heard = 0  # contributions the live stream told this screen of

    async def arrive(self, failed: list[str]) -> float | None:
        """Join and open the room's view; the time it took, or None if refused."""
        from core.apps.session.security import csrf_for

        began = time.perf_counter()
        status, page = await self.browser.request("GET", f"{self.path}/join?{self.query}")
        token = re.search(rb'name="t" value="([^"]+)"', page).group(1).decode()
        form = urlencode({"t": token, "role": f"Role {self.number}", "agency": ""}).encode()
        status, _ = await self.browser.request(
            "POST", f"{self.path}/join", form,
            {"Content-Type": "application/x-www-form-urlencoded"})
        if status != 303:
            failed.append(f"join {status}")
            return None
        self.headers = {"Content-Type": "application/json", "X-CSRF-Token": csrf_for(
            self.browser.cookies["casereview_participant"])}
        status, view = await self.browser.request("GET", f"{self.path}/view")
        self.kind = json.loads(view)["phase"]["asks"][0]["kind"]
        return time.perf_counter() - began

    async def listen(self) -> None:
        """Keep the room's live stream open on a connection of its own, as the page does, and
        count the contributions it tells of."""
        reader, writer = await asyncio.open_connection(self.browser.host, self.browser.port)
        self.browser.opened.append(writer)
        cookie = "; ".join(f"{k}={v}" for k, v in self.browser.cookies.items())
        writer.write(f"GET {self.path}/stream HTTP/1.1\r\nHost: {self.browser.host}\r\n"
                     f"Cookie: {cookie}\r\n\r\n".encode())
        said, tail = b'"type": "contribution"', b""
        while chunk := await reader.read(65536):
            seen = tail + chunk
            self.heard += seen.count(said)
            tail = seen[-(len(said) - 1):]

    async def contribute(self, each: int, burst: int, times: list[float],
                         failed: list[str]) -> None:
        sent = 0
        while sent < each:
            batch = min(burst, each - sent)
            await asyncio.gather(*(self.send(sent + i, times, failed) for i in range(batch)))
            sent += batch
            await asyncio.sleep(1.0)

    async def send(self, i: int, times: list[float], failed: list[str]) -> None:
        began = time.perf_counter()
        body = json.dumps({"kind": self.kind,
                           "text": f"Point {i} from participant {self.number}."})
        status, answer = await self.browser.request("POST", f"{self.path}/contribute",
                                                    body.encode(), self.headers)
        # acknowledged: answered with the id the contribution was written under
        if status == 200 and "id" in json.loads(answer):
            times.append(time.perf_counter() - began)
        else:
            failed.append(f"{status} {answer[:80]!r}")


def load(join: str, participants: int, each: int, burst: int, listen: bool):
    return asyncio.run(run(join, participants, each, burst, listen))


async def run(join: str, participants: int, each: int, burst: int, listen: bool):
    """Everyone joins (all at once), then the room answers in waves: the first wave starts
    when the last participant has the room open, as a phase starts once people are in."""
    times: list[float] = []
    failed: list[str] = []
    people = [Participant(join, n) for n in range(participants)]
    try:
        arrived = await asyncio.gather(*(p.arrive(failed) for p in people))
        streams = [asyncio.create_task(p.listen()) for p in people if listen]
        await asyncio.sleep(0.5 if listen else 0)  # the streams are open
        await asyncio.gather(*(p.contribute(each, burst, times, failed)
                               for p, took in zip(people, arrived, strict=True)
                               if took is not None))
        if listen:
            await asyncio.sleep(1.0)  # the last batches reach every screen
            for stream in streams:
                stream.cancel()
    finally:
        for p in people:
            p.browser.close()
    return (times, [took for took in arrived if took is not None], failed,
            [p.heard for p in people] if listen else [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--each", type=int, default=20)
    # A burst is what each participant sends at once; all of them send together, then wait a
    # second: with one each, every wave is the whole room answering a prompt at the same time.
    parser.add_argument("--burst", type=int, default=1)
    parser.add_argument("--listen", action="store_true",
                        help="every screen keeps the room's live stream open")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        server, thread, _room, found, database, review_id = start(Path(folder),
                                                                  options.participants)
        began = time.perf_counter()
        # The participants are other machines: here, another process, so that their clients
        # do not share the server's interpreter.
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            times, joins, failed, heard = pool.apply(
                load, (found["join"], options.participants, options.each, options.burst,
                       options.listen))
        took = time.perf_counter() - began
        server.should_exit = True
        thread.join(10)
        from core.kernel.store import open_journal
        from core.plugin_api.plugins import PluginHost
        from core.plugin_api.reviews import Reviews

        journal = open_journal(database)
        state = Reviews(journal, PluginHost.load(), "benchmark").load(review_id)
        journal.close()
        written = sum(1 for c in state.contributions.values() if c.participant)
    sent = options.participants * options.each
    ordered = sorted(times)
    p50 = statistics.median(ordered) * 1000 if ordered else float("nan")
    p99 = ordered[int(len(ordered) * 0.99) - 1] * 1000 if ordered else float("nan")
    print(f"participants: {options.participants}, contributions sent: {sent} in bursts of "
          f"{options.burst}, over {took:.1f} s")
    print(f"send to acknowledgement: p50 {p50:.1f} ms, p99 {p99:.1f} ms (target p99 <= 100 ms)")
    inside = sorted(SERVER_TIMES)
    if inside:
        print(f"  of which inside the server: p50 {statistics.median(inside) * 1000:.1f} ms, "
              f"p99 {inside[int(len(inside) * 0.99) - 1] * 1000:.1f} ms")
    if joins:
        joins.sort()
        print(f"joining (the join page, joining, the room's first view), all at once: p50 "
              f"{statistics.median(joins) * 1000:.0f} ms, slowest {joins[-1] * 1000:.0f} ms")
    if heard:
        print(f"live streams: each screen was told of {min(heard)} to {max(heard)} of the "
              f"{sent} contributions")
    print(f"acknowledged {len(times)}, refused {len(failed)}, written to the journal {written} "
          f"(target: all {sent}, none lost)")
    if failed:
        print("first refusals:", "; ".join(failed[:3]))


if __name__ == "__main__":
    main()
