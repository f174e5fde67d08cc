"""How fast does `casereview --help` start, against importing click alone, and against the
`--help` of two other click-based tools, `llm` and `datasette`?

Prints the median wall time of each over 20 runs and both ratios: `casereview --help` over
`import click` (target: 2 or less) and over each other tool's `--help` (target: below 1, that
is faster). The other tools are looked for beside this Python and on the PATH; they are not
casereview's dependencies, so when neither is installed the script says so. To compare, install
them in a throw-away environment and pass its folder: `--tools /tmp/tools/bin`.
`--importtime` also lists the slowest imports of `casereview --help` (python -X importtime).

Python caches compiled modules as it would for an installed copy, in a temporary folder
(PYTHONPYCACHEPREFIX), even if the shell sets PYTHONDONTWRITEBYTECODE: otherwise every run
would compile casereview's modules again while click's come compiled with it.
`--compile-every-run` measures that way instead.

    .venv/bin/python benchmarks/startup.py [--runs 20] [--importtime] [--compile-every-run]
                                          [--tools FOLDER]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 2.0  # casereview --help over import click
OTHER_TOOLS = ("llm", "datasette")  # click applications casereview must start faster than


def casereview_command() -> list[str]:
    script = shutil.which("casereview", path=str(Path(sys.executable).parent))
    if script is None:
        sys.exit("casereview is not installed beside this Python; run `make test` first")
    return [script, "--help"]


def tool_command(name: str, folder: str | None) -> str | None:
    """`name` in `folder` if given, else beside this Python or on the PATH; None if absent."""
    places = [folder] if folder else [str(Path(sys.executable).parent), None]
    return next((found for place in places if (found := shutil.which(name, path=place))), None)


def median_seconds(command: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    subprocess.run(command, capture_output=True, check=True, env=env)  # warm the caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def slowest_imports(limit: int = 15, env: dict[str, str] | None = None) -> list[tuple[int, str]]:
    """(cumulative microseconds, module) of the slowest imports of `casereview --help`. Modules
    the plugin host imports through importlib (the plugins' own) are not listed by Python."""
    code = "import sys; sys.argv = ['casereview', '--help']; from core.apps.cli import main; main()"
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", code],
                            capture_output=True, text=True, check=False, env=env)
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
    parser.add_argument("--compile-every-run", action="store_true",
                        help="keep the shell's bytecode settings (PYTHONDONTWRITEBYTECODE)")
    parser.add_argument("--tools", default=None,
                        help="a folder holding the llm and datasette commands to compare with")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="casereview-pycache-") as pycache:
        env = None
        if not options.compile_every_run:
            env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            env["PYTHONPYCACHEPREFIX"] = pycache
        measure(options, env)


def measure(options: argparse.Namespace, env: dict[str, str] | None) -> None:
    click_alone = median_seconds([sys.executable, "-c", "import click"], options.runs, env)
    help_page = median_seconds(casereview_command(), options.runs, env)
    ratio = help_page / click_alone
    print(f"python -c 'import click'  median {click_alone * 1000:7.1f} ms over {options.runs} runs")
    print(f"casereview --help         median {help_page * 1000:7.1f} ms over {options.runs} runs")
    print(f"ratio {ratio:.2f} (target <= {TARGET}): {'met' if ratio <= TARGET else 'NOT met'}"
          f"; bytecode {'as the shell says' if env is None else 'cached, as installed'}")
    found = {name: tool_command(name, options.tools) for name in OTHER_TOOLS}
    for name, command in found.items():
        if command is None:
            continue
        other = median_seconds([command, "--help"], options.runs, env)
        faster = help_page < other
        print(f"{name + ' --help':<25} median {other * 1000:7.1f} ms over {options.runs} runs; "
              f"casereview's ratio {help_page / other:.2f} (target < 1): "
              f"{'met' if faster else 'NOT met'}")
    missing = [name for name, command in found.items() if command is None]
    if missing:
        print(f"not installed here, so not compared: {', '.join(missing)} (install them in a "
              "throw-away environment and pass its bin folder with --tools)")
    if options.importtime:
        print("\nslowest imports of `casereview --help` (cumulative):")
        for microseconds, name in slowest_imports(env=env):
            print(f"  {microseconds / 1000:7.1f} ms  {name}")


if __name__ == "__main__":
    main()
