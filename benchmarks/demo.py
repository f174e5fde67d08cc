"""How long `casereview demo` takes, start to finish, as a person runs it.

Run: .venv/bin/python benchmarks/demo.py [--runs 3]
Prints the wall time of each run of `casereview demo --out DIR` (a fresh folder each time, in a
new process, so start-up and imports count) and the median.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    command = [sys.executable, "-c", "from core.apps.cli import main; main()", "demo", "--out"]
    times = []
    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            done = subprocess.run([*command, str(Path(folder) / "demo")], cwd=ROOT,
                                  capture_output=True, text=True, check=False)
            elapsed = time.perf_counter() - started
        if done.returncode != 0:
            print(done.stdout, done.stderr, sep="\n")
            raise SystemExit(f"the demo failed (exit code {done.returncode})")
        stages = sum(1 for line in done.stdout.splitlines() if line.startswith("["))
        print(f"run {run}: {elapsed:.2f} s ({stages} stages)")
        times.append(elapsed)
    print(f"median wall time of `casereview demo`: {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
