"""How fast agency chronologies import and merge, against a bare `csv.reader` pass.

Run: .venv/bin/python benchmarks/import.py [--agencies 10] [--entries 100000] [--tracemalloc]

Generates a synthetic case (benchmarks/generate.py), then times: a bare csv.reader pass over
the files; importing them into a review in an on-disk journal (read, check, one transaction per
file) and merging them (the sorted chronology and the duplicate check); and loading the review
back from the journal. Prints the ratio and peak memory. Targets: ratio <= 3, peak <= 500 MB.
Times are CPU seconds of this process (steadier than the wall clock on a shared machine); the
wall-clock total is printed too.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate_case
from core import hookimpl
from core.apps import defaults as core_defaults
from core.evidence.chronology.duplicates import likely_duplicates
from core.evidence.chronology.importer import plan_import
from core.evidence.chronology.merge import chronology
from core.kernel.model import Review, Subject
from core.kernel.store import open_journal
from core.plugin_api.plugins import PluginHost
from core.plugin_api.reviews import Reviews


class BenchmarkRegime:
    @hookimpl
    def register_regimes(self, register):
        register(SimpleNamespace(name="benchmark", title="A regime for benchmarks"))


def bare_pass(files) -> int:
    rows = 0
    for found in files:
        with found.path.open(encoding=found.encoding, newline="") as handle:
            for _ in csv.reader(handle, delimiter=found.delimiter):
                rows += 1
    return rows


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=10)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--tracemalloc", action="store_true",
                        help="Also measure peak Python allocations (slows the run down).")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        files = generate_case(Path(folder) / "files", agencies=arguments.agencies,
                              entries=arguments.entries)
        print(f"{len(files)} agency files, {sum(f.entries for f in files):,} entries, "
              f"{sum(f.path.stat().st_size for f in files) / 1e6:.1f} MB")
        bare_pass(files)  # warm the page cache, so both passes read from memory
        started = time.process_time()
        rows = bare_pass(files)
        bare = time.process_time() - started
        host = PluginHost.load(entry_points=False, extra=[("core-defaults", core_defaults),
                                                          ("benchmark", BenchmarkRegime())])
        before_import = peak_mb()
        if arguments.tracemalloc:
            tracemalloc.start()
        with open_journal(Path(folder) / "bench.db") as journal:
            reviews = Reviews(journal, host, "benchmark")
            state = reviews.open_review(Review(
                id="BENCH", title="Synthetic case (fictional)", regime="benchmark",
                area="Nowhere", subject=Subject("Child Z"), incident_date=dt.date(2024, 1, 1),
                notified_on=dt.date(2024, 1, 2)))
            checking = writing = 0.0
            wall = time.perf_counter()
            for found in files:
                started = time.process_time()
                plan = plan_import(state, found.path, agency=found.name, kind=found.kind)
                checking += time.process_time() - started
                started = time.process_time()
                reviews.write(state, plan.events)
                writing += time.process_time() - started
            started = time.process_time()
            merged = chronology(state)
            merging = time.process_time() - started
            started = time.process_time()
            pairs = likely_duplicates(state)
            duplicates = time.process_time() - started
            wall = time.perf_counter() - wall
            traced = tracemalloc.get_traced_memory()[1] / 2**20 if arguments.tracemalloc else None
            tracemalloc.stop()
            started = time.process_time()
            loaded = reviews.load("BENCH", use_snapshot=False)
            loading = time.process_time() - started
        total = checking + writing + merging + duplicates
        assert len(merged) == rows - len(files) == len(loaded.chronology)
        print(f"bare csv.reader pass:      {bare:7.2f} s  ({rows:,} rows)")
        print(f"import and merge:          {total:7.2f} s  (wall clock {wall:.2f} s)")
        print(f"  read and check files:    {checking:7.2f} s")
        print(f"  journal writes:          {writing:7.2f} s  (one transaction per file)")
        print(f"  merged chronology:       {merging:7.2f} s")
        print(f"  duplicate check:         {duplicates:7.2f} s  ({len(pairs):,} pairs flagged)")
        print(f"ratio (import+merge/bare): {total / bare:7.1f}    target <= 3")
        print(f"ratio without journal:     {(total - writing) / bare:7.1f}")
        print(f"load review from journal:  {loading:7.2f} s  (replaying {len(files)} imports)")
        print(f"peak memory (RSS):         {peak_mb():7.0f} MB  (before importing: "
              f"{before_import:.0f} MB)  target <= 500")
        if traced is not None:
            print(f"peak Python allocations:   {traced:7.0f} MB  (tracemalloc, import and merge)")


if __name__ == "__main__":
    main()
