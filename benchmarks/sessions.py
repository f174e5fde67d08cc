"""A live session under load: simulated participants on loopback send contributions in bursts.

Prints the time from sending a contribution to its acknowledgement (the point at which it is
in the journal), p50 and p99, and the number written to the journal against the number sent.
Target (issue 19): p99 <= 100 ms on a 2-core machine, nothing lost.

    python benchmarks/sessions.py [--participants 200] [--each 20] [--burst 1]

The server is the real app (Starlette on uvicorn) on 127.0.0.1, over a copy of the Child A
review run to its analysis, with its usual rate limits (each participant sends a burst within
its allowance, then waits a second).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

try:
    import httpx2 as httpx
except ImportError:  # the older name of the same client
    import httpx  # type: ignore[no-redef]


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
    app = SessionApp(room, host, join_limit=(participants + 10, 10.0))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(Timed(app.app), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread, room, links(f"http://127.0.0.1:{port}", opened), database, review_id


async def participant(join: str, number: int, each: int, burst: int,
                      times: list[float], failed: list[str]) -> None:
    from core.apps.session.security import csrf_for

    async with httpx.AsyncClient(timeout=30) as client:
        page = await client.get(join)
        token = re.search(r'name="t" value="([^"]+)"', page.text).group(1)
        base = join.split("/join")[0]
        joined = await client.post(f"{base}/join", data={"t": token, "role": f"Role {number}",
                                                         "agency": ""})
        if joined.status_code != 303:
            failed.append(f"join {joined.status_code}")
            return
        headers = {"X-CSRF-Token": csrf_for(client.cookies["casereview_participant"])}
        view = (await client.get(f"{base}/view")).json()
        kind = view["phase"]["asks"][0]["kind"]
        sent = 0
        while sent < each:
            batch = min(burst, each - sent)

            async def send(i: int) -> None:
                began = time.perf_counter()
                answer = await client.post(f"{base}/contribute", headers=headers, json={
                    "kind": kind, "text": f"Point {i} from participant {number}."})
                if answer.status_code == 200:
                    times.append(time.perf_counter() - began)
                else:
                    failed.append(f"{answer.status_code} {answer.text[:80]}")

            await asyncio.gather(*(send(sent + i) for i in range(batch)))
            sent += batch
            await asyncio.sleep(1.0)


def load(join: str, participants: int, each: int, burst: int):
    return asyncio.run(run(join, participants, each, burst))


async def run(join: str, participants: int, each: int, burst: int):
    times: list[float] = []
    failed: list[str] = []
    await asyncio.gather(*(participant(join, n, each, burst, times, failed)
                           for n in range(participants)))
    return times, failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--each", type=int, default=20)
    # A burst is what each participant sends at once; all of them send together, then wait a
    # second: with one each, every wave is the whole room answering a prompt at the same time.
    parser.add_argument("--burst", type=int, default=1)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        server, thread, _room, found, database, review_id = start(Path(folder),
                                                                  options.participants)
        began = time.perf_counter()
        # The participants are other machines: here, another process, so that their clients
        # do not share the server's interpreter.
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            times, failed = pool.apply(load, (found["join"], options.participants,
                                              options.each, options.burst))
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
    print(f"acknowledged {len(times)}, refused {len(failed)}, written to the journal {written} "
          f"(target: all {sent}, none lost)")
    if failed:
        print("first refusals:", "; ".join(failed[:3]))


if __name__ == "__main__":
    main()
