"""How fast does `casereview --help` start, against importing click alone?

Prints the median wall time of each over 20 runs, and their ratio (target: 1.5 or less).
`--importtime` also lists the slowest imports of `casereview --help` (python -X importtime).

    .venv/bin/python benchmarks/startup.py [--runs 20] [--importtime]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET = 1.5


def casereview_command() -> list[str]:
    script = shutil.which("casereview", path=str(Path(sys.executable).parent))
    if script is None:
        sys.exit("casereview is not installed beside this Python; run `make test` first")
    return [script, "--help"]


def median_seconds(command: list[str], runs: int) -> float:
    subprocess.run(command, capture_output=True, check=True)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def slowest_imports(limit: int = 15) -> list[tuple[int, str]]:
    """(cumulative microseconds, module) of the slowest imports of `casereview --help`."""
    code = "import sys; sys.argv = ['casereview', '--help']; from core.cli import main; main()"
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", code],
                            capture_output=True, text=True, check=False)
    rows = []
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _, cumulative, name = (part.strip() for part in line[len("import time:"):].split("|"))
            rows.append((int(cumulative), name))
    top_level = [row for row in rows if not row[1].startswith(" ")]
    return sorted(top_level, reverse=True)[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--importtime", action="store_true", help="list the slowest imports")
    options = parser.parse_args()

    click_alone = median_seconds([sys.executable, "-c", "import click"], options.runs)
    help_page = median_seconds(casereview_command(), options.runs)
    ratio = help_page / click_alone
    print(f"python -c 'import click'  median {click_alone * 1000:7.1f} ms over {options.runs} runs")
    print(f"casereview --help         median {help_page * 1000:7.1f} ms over {options.runs} runs")
    print(f"ratio {ratio:.2f} (target <= {TARGET}): {'met' if ratio <= TARGET else 'NOT met'}")
    if options.importtime:
        print("\nslowest imports of `casereview --help` (cumulative):")
        for microseconds, name in slowest_imports():
            print(f"  {microseconds / 1000:7.1f} ms  {name}")


if __name__ == "__main__":
    main()
