"""Does every command answer in the time of the question, not the size of the review?
(issue 20). Everything through the command line, as a person runs it; ratios measured in one
run, side by side, on this machine.

    pip install -e '.[bench]'          # pandas, for the importer's comparison
    python benchmarks/readmodels.py [--entries 100000] [--agencies 10] [--runs 3]
                                    [--only import,commands,late,report,history,storage]
                                    [--keep DIR]

`--only` runs some parts (the big review is built whatever is chosen); `--keep DIR` works in
DIR and keeps the databases there, so a second run with the same DIR skips building them.

Prints, each with its target:
  * `show`, `status`, `findings list`, `list` on the big review / `casereview --help`  (<= 3)
  * a late 100-row import into the big review / the same into the demo review         (<= 1.5)
  * the agency files imported with the CLI / benchmarks/pandas_import.py              (<= 1.5)
  * the HTML report at the full size / at a tenth of it                               (<= 1.5)
  * `history --json` peak memory on the big review and on the demo review (flat)
  * bytes per entry of the database after `casereview db rebuild`                     (<= 250)
The big review is the demo's Child A review with the generated agency files imported.
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
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate_case

BIN = Path(sys.executable).parent
CASEREVIEW = str(BIN / "casereview")
REVIEW = "child-a"


# Commands run as installed: pip compiles the modules to bytecode, and Python keeps what it
# compiles. `--from-source` measures them as on a machine that sets PYTHONDONTWRITEBYTECODE,
# where every command compiles each module it imports afresh.
ENVIRONMENT = dict(os.environ)


def run(args: list[str], db: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak memory (KB) of one command."""
    env = dict(ENVIRONMENT, **({"CASEREVIEW_DB": str(db)} if db else {}))
    start = time.perf_counter()
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(args)} failed: {error}")
    return seconds, usage.ru_maxrss


def copy_database(source: Path, target: Path) -> None:
    """A database and the identity register beside it: a review that holds real names cannot
    be read without its register."""
    shutil.copy(source, target)
    register = source.with_name(f"{source.stem}.identities.db")
    if register.exists():
        shutil.copy(register, target.with_name(f"{target.stem}.identities.db"))


def median(args: list[str], db: Path | None, runs: int) -> float:
    run(args, db)  # once first, untimed: the page cache and the bytecode warm
    return statistics.median(run(args, db)[0] for _ in range(runs))


def import_all(db: Path, files, count: int | None = None) -> float:
    start = time.perf_counter()
    for found in files[:count]:
        run([CASEREVIEW, "import", REVIEW, str(found.path), "--agency", found.name], db)
    return time.perf_counter() - start


def line(label: str, value: float, target: str = "") -> None:
    print(f"  {label:<58} {value:>9.2f}  {target}")


PARTS = ("import", "commands", "late", "report", "history", "storage")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--agencies", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default=",".join(PARTS),
                        help=f"comma-separated parts to run, of: {', '.join(PARTS)}")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="work in DIR and keep the databases, to reuse them next time")
    parser.add_argument("--from-source", action="store_true",
                        help="do not keep compiled bytecode: every command compiles its modules")
    options = parser.parse_args()
    parts = set(options.only.split(","))
    if parts - set(PARTS):
        parser.error(f"unknown parts: {', '.join(sorted(parts - set(PARTS)))}")
    if options.keep:
        options.keep.mkdir(parents=True, exist_ok=True)
    with (nullcontext(str(options.keep)) if options.keep
          else tempfile.TemporaryDirectory()) as folder:
        work = Path(folder)
        if options.from_source:
            ENVIRONMENT["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            ENVIRONMENT.pop("PYTHONDONTWRITEBYTECODE", None)
            ENVIRONMENT["PYTHONPYCACHEPREFIX"] = str(work / "bytecode")  # not in the project
            run([CASEREVIEW, "--help"])  # compiles what start-up imports; `demo` the rest
        files = generate_case(work / "files", agencies=options.agencies,
                              entries=options.entries)
        csv_bytes = sum(f.path.stat().st_size for f in files)
        demo, big, tenth = work / "demo.db", work / "big.db", work / "tenth.db"
        if not demo.exists():
            run([CASEREVIEW, "demo", "--out", str(work / "demo")])
            copy_database(work / "demo" / "casereview.db", demo)
        print("\nseconds (wall clock)                                              value  target")
        if "import" in parts or not big.exists():
            build_big(work, demo, big, files, options.agencies, options.entries,
                      compare="import" in parts)
        if "commands" in parts:
            commands(big, demo, options.entries, options.runs)
        if "late" in parts:
            late_import(work, big, demo, files, options.runs)
        if "report" in parts:
            report(work, big, demo, tenth, files, options.agencies, options.runs)
        if "history" in parts:
            history(big, demo, tenth)
        if "storage" in parts:
            storage(work, big, csv_bytes, options.entries)


def build_big(work: Path, demo: Path, big: Path, files, agencies: int, entries: int,
              compare: bool) -> None:
    """The demo review with every agency file imported, one CLI process per file; and,
    when `compare`, the pandas script doing the same work."""
    big.unlink(missing_ok=True)
    copy_database(demo, big)
    print(f"  (importing {agencies} files of {entries // agencies:,} rows through the CLI"
          f"{', and the same with pandas' if compare else ''})")
    cli_seconds = import_all(big, files)
    if compare:
        specs = [f"{f.path}:{f.encoding}:{'tab' if f.delimiter == chr(9) else f.delimiter}:"
                 f"{f.name}" for f in files]
        script = [sys.executable, str(Path(__file__).with_name("pandas_import.py"))]
        run([*script, str(work / "pandas-warm.db"), specs[0]])  # its bytecode too, untimed
        pandas_seconds = run([*script, str(work / "pandas.db"), *specs])[0]
        line(f"{agencies} agency files: casereview import, one process each", cli_seconds)
        line(f"{agencies} agency files: the pandas script", pandas_seconds)
        line("ratio CLI / pandas", cli_seconds / pandas_seconds, "<= 1.5")


def commands(big: Path, demo: Path, entries: int, runs: int) -> None:
    help_seconds = median([CASEREVIEW, "--help"], None, runs)
    line("casereview --help", help_seconds)
    for command in (["show", REVIEW], ["status", REVIEW], ["findings", REVIEW, "list"],
                    ["list"]):
        seconds = median([CASEREVIEW, *command], big, runs)
        line(f"{' '.join(command)} ({entries:,} entries)", seconds)
        line("  ratio to --help", seconds / help_seconds, "<= 3")
        small = median([CASEREVIEW, *command], demo, runs)
        line("  the same on the demo review (what does not grow)", small)


def late_import(work: Path, big: Path, demo: Path, files, runs: int) -> None:
    late = work / "late.csv"
    with files[0].path.open(encoding=files[0].encoding) as source:
        late.write_text("".join(next(source) for _ in range(101)), encoding="utf-8")
    times = {}
    for name, base in (("big", big), ("demo", demo)):
        spent = []
        for _ in range(runs):
            copy = work / f"{name}-late.db"
            copy_database(base, copy)
            spent.append(run([CASEREVIEW, "import", REVIEW, str(late), "--agency",
                              "Late Agency"], copy)[0])
        times[name] = statistics.median(spent)
    line("late 100-row import into the big review", times["big"])
    line("the same into the demo review", times["demo"])
    line("  ratio", times["big"] / times["demo"], "<= 1.5")


def report(work: Path, big: Path, demo: Path, tenth: Path, files, agencies: int,
           runs: int) -> None:
    if not tenth.exists():
        copy_database(demo, tenth)
        import_all(tenth, files, max(1, agencies // 10))
    reports = {}
    for name, db in (("big", big), ("tenth", tenth)):
        reports[name] = median([CASEREVIEW, "report", REVIEW, "--format", "html", "-o",
                                str(work / f"{name}.html")], db, runs)
    line("HTML report, full size", reports["big"])
    line("HTML report, a tenth", reports["tenth"])
    line("  ratio", reports["big"] / reports["tenth"], "<= 1.5")


def history(big: Path, demo: Path, tenth: Path) -> None:
    print("\nmemory (peak, MB)")
    for name, db in (("demo review", demo), ("a tenth", tenth), ("full size", big)):
        if db.exists():
            line(f"history --json, {name}",
                 run([CASEREVIEW, "history", REVIEW, "--json"], db)[1] / 1024)


def storage(work: Path, big: Path, csv_bytes: int, entries: int) -> None:
    run([CASEREVIEW, "db", "rebuild"], big)
    size = sum(p.stat().st_size for p in work.glob("big.db*"))
    print("\nstorage")
    line("database after db rebuild, MB", size / 1e6)
    # the demo's own few dozen entries, near enough
    line("bytes per entry", size / (entries + 50), "<= 250")
    line("the agency CSV files, bytes per entry", csv_bytes / entries)


if __name__ == "__main__":
    main()
