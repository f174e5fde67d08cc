"""How fast is the journal? Appends 100,000 events to one review in batches, then rebuilds the
review from scratch and loads it from its read models.

Targets: appending >= 5,000 events/s in batches; rebuilding from scratch <= 2 s.

    .venv/bin/python benchmarks/journal.py [--events 100000] [--batch 1000] [--db PATH|URL]

With --db postgresql://… the same run follows on the server, and the figures are printed side
by side with SQLite's.

Each event records one chronology entry (an invented one) through `Reviews.write`, the path
every command takes, so validation runs before each batch is written. The raw journal append
rate (no validation) is printed too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

from core.kernel import state as st
from core.kernel.dates import PartialDate
from core.kernel.journal import NewEvent
from core.kernel.model import ChronologyEntry
from core.kernel.store import open_journal
from core.plugin_api.reviews import Reviews
from plugins.testing import build_sample_review, make_host

AGENCIES = ("Northwold Police", "Brookside Surgery", "Northwold Health Visiting",
            "Northwold Children's Services", "Eastcombe Primary School")
HAPPENINGS = (
    "Home visit: the child was seen playing; the flat was cold.",
    "Mother phoned to cancel the appointment, saying the child was unwell.",
    "Referral received from school about repeated lateness and hunger.",
    "Strategy discussion held; agreed to continue under child in need.",
    "Neighbour reported shouting late at night; officers attended.",
)
ROLES = ("Health visitor", "GP", "Police constable", "Social worker", "Class teacher")


def entries(count: int, seed: int = 7):
    """`count` invented chronology entries, deterministic for a given seed."""
    rng = random.Random(seed)
    start = dt.date(2022, 1, 1)
    for n in range(count):
        day = start + dt.timedelta(days=rng.randrange(1400))
        yield ChronologyEntry(
            f"B{n:06d}", rng.choice(AGENCIES), PartialDate.day(day), rng.choice(HAPPENINGS),
            who=rng.choice(ROLES), what_was_known="Recorded at the time by the practitioner.",
            source_ref=f"REF-{n}",
        )


def timed(action, runs: int = 1):
    """The action's result, and its median wall and CPU times over `runs` runs (the machine
    may be shared: CPU time is the steadier figure)."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return result, statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--db", help="database file (default: a temporary one), or a "
                        "postgresql:// URL: then the same run on the server follows SQLite's, "
                        "in a schema of its own that is dropped afterwards")
    options = parser.parse_args()

    server = options.db if options.db and "://" in options.db else None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(options.db if options.db and not server else
                    Path(folder) / "journal-benchmark.db")
        print("SQLite:")
        results = {"SQLite": run(str(path), options)}
        size = path.stat().st_size + sum(p.stat().st_size for p in path.parent.glob(
            path.name + "-*"))
        print(f"  database size:                {size / 1e6:.1f} MB")
    if server:
        print("PostgreSQL:")
        with benchmark_schema(server) as url:
            results["PostgreSQL"] = run(url, options)
        print("\nside by side:                  " + "  ".join(f"{k:>12}" for k in results))
        for what, unit in (("append", "events/s"), ("raw append", "events/s"),
                           ("rebuild", "s"), ("load", "s")):
            print(f"  {what + ' (' + unit + ')':<29}" + "  ".join(
                f"{r[what]:>12,.{0 if unit == 'events/s' else 2}f}" for r in results.values()))


class benchmark_schema:
    """A schema of its own on the server for one run, dropped afterwards."""

    def __init__(self, url: str) -> None:
        import os

        self.url, self.name = url, f"casereview_benchmark_{os.getpid()}"

    def __enter__(self) -> str:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as admin:
            admin.execute(f"CREATE SCHEMA {self.name}")
        joiner = "&" if "?" in self.url else "?"
        return f"{self.url}{joiner}options=-csearch_path%3D{self.name}"

    def __exit__(self, *exc: object) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {self.name} CASCADE")


def run(location: str, options: argparse.Namespace) -> dict[str, float]:
    """One run against the database at `location`; the figures printed, as a dict."""
    with open_journal(location) as journal:
        reviews = Reviews(journal, make_host("rca"), "benchmark")
        state = build_sample_review(reviews, methodology="rca")
        review_id = state.id

        batch: list = []
        appended = 0
        start, cpu = time.perf_counter(), time.process_time()
        for entry in entries(options.events):
            batch.append(st.put("chronology", entry))
            if len(batch) == options.batch:
                state = reviews.write(state, batch)
                appended, batch = appended + len(batch), []
        if batch:
            state = reviews.write(state, batch)
            appended += len(batch)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        figures = {"append": appended / elapsed}
        print(f"  append through Reviews.write: {appended:,} events in {elapsed:.2f} s = "
              f"{appended / elapsed:,.0f} events/s (CPU {cpu:.2f} s; batches of "
              f"{options.batch:,}; target >= 5,000)")

        raw = [NewEvent("record.put", {"collection": "benchmark/raw", "key": str(n),
                                        "value": {"n": n, "text": HAPPENINGS[n % 5]}})
               for n in range(min(options.events, 50_000))]
        start = time.perf_counter()
        seq = journal.last_seq("CR-RAW")
        for i in range(0, len(raw), options.batch):
            journal.append("CR-RAW", seq + i, "benchmark", raw[i:i + options.batch])
        elapsed = time.perf_counter() - start
        figures["raw append"] = len(raw) / elapsed
        print(f"  raw Journal.append:           {len(raw):,} events in {elapsed:.2f} s = "
              f"{len(raw) / elapsed:,.0f} events/s")

        scratch, seconds, cpu = timed(lambda: reviews.load(review_id, use_snapshot=False), runs=3)
        figures["rebuild"] = seconds
        print(f"  rebuild from scratch:         {scratch.seq:,} events in {seconds:.2f} s "
              f"(CPU {cpu:.2f} s; median of 3; target <= 2 s)")
        # The read models (core.kernel.readmodels) replace snapshots: a load reads the header and
        # small collections, the chronology only when asked (the summary below asks for it).
        cached, seconds, cpu = timed(lambda: reviews.load(review_id), runs=3)
        figures["load"] = seconds
        where = "the read models" if reviews.read_models() else "a snapshot"
        print(f"  load from {where}: {seconds:.2f} s (CPU {cpu:.2f} s; median of 3; the "
              "chronology read when first asked for)")
        assert st.summary(cached) == st.summary(scratch), f"{where} disagrees with a replay"
    return figures


if __name__ == "__main__":
    main()
