"""How long a large review's report takes to build and render, and the memory it needs.

Run: .venv/bin/python benchmarks/report.py [--entries 10000] [--episodes 300] [--findings 40]
Prints the time to import the generated chronology (for context), to build the report, to write
it as HTML and as Word, and the peak memory (traced Python allocations and the process maximum).
Targets: HTML and Word each within 5 s; peak memory within 1 GB.

The case is synthetic and fictional: agency CSV files from benchmarks/generate.py, imported the
way a coordinator would, then a benchmark-only methodology that adds the episodes, their
contributory factors and their report section, and 40 findings with recommendations and actions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate_case
from core import hookimpl
from core.plugin_api.methodology import PRINCIPLES, Methodology, ReportSection

METHOD = "benchmark-method"


class BenchmarkMethod:
    """Episodes and factors kept in records, drawn into the graph and listed in the report."""

    def __init__(self, episodes: int) -> None:
        self.episodes = episodes

    @hookimpl
    def register_methodologies(self, register) -> None:
        register(Methodology(
            name=METHOD, title="Benchmark method", summary="A synthetic method for timing.",
            fits_when=("timing the report",), not_fits_when=("a real review",),
            principles={k: f"Synthetic: {v}." for k, v in PRINCIPLES.items()},
        ))

    @hookimpl
    def build_causal_graph(self, review, methodology, graph) -> None:
        for key, episode in review.record_collection("benchmark/episode").items():
            graph.add_node(f"episode:{key}", "episode", episode["title"])
            graph.add_node(f"factor:{key}", "factor", episode["factor"])
            graph.add_edge(f"episode:{key}", f"factor:{key}", "contributed_to")
            for entry in episode["entries"]:
                graph.add_edge(f"event:{entry}", f"episode:{key}", "part_of")
            graph.add_edge(f"factor:{key}", f"finding:{episode['finding']}", "contributed_to")

    @hookimpl
    def report_sections(self, review, methodology) -> list[ReportSection]:
        rows = [(e["title"], e["factor"]) for e in
                review.record_collection("benchmark/episode").values()]
        return [ReportSection("episodes", "Key practice episodes",
                              "core.output.report:templates/glossary.html.j2", {"terms": rows})]


def build_case(reviews, out: Path, entries: int, episodes: int, findings: int):
    from core.evidence.chronology.importer import plan_import
    from core.kernel.model import (
        Agency,
        Evidence,
        Finding,
        ImprovementAction,
        Recommendation,
        Review,
        Subject,
    )
    from core.kernel.state import put, put_record

    rng = random.Random(5)
    files = generate_case(out, agencies=10, entries=entries)
    header = Review(id="BENCH-1", title="Learning from the care of Child Z (synthetic)",
                    regime="england-cspr-2018", area="Harrowby Partnership (fictional)",
                    subject=Subject("Child Z", "four years"), incident_date=dt.date(2024, 2, 1),
                    notified_on=dt.date(2024, 2, 5), methodology=METHOD,
                    terms_of_reference="How did the agencies share what they knew?")
    state = reviews.open_review(header, [put("agencies", Agency(f.name, f.kind))
                                         for f in files])
    started = time.perf_counter()
    for f in files:
        state = reviews.write(state, plan_import(state, f.path, agency=f.name).events)
    imported = time.perf_counter() - started
    ids = sorted(state.chronology)
    changes = []
    for n in range(1, findings + 1):
        changes.append(put("evidence", Evidence(f"EV{n}", "agency_report", f"Agency report {n}",
                                                entry_ids=tuple(rng.sample(ids, 3)))))
        changes.append(put("findings", Finding(
            f"F{n}", f"Pattern {n}: information held by one agency does not reach another",
            "Practitioners could not see what other agencies knew when they decided.",
            evidence_ids=(f"EV{n}",), status="final",
            details={"board_issues": [f"How will the board know pattern {n} has changed?"]})))
        changes.append(put("recommendations", Recommendation(
            f"R{n}", f"Share what each agency knows about pattern {n}.", (f"F{n}",))))
        changes.append(put("actions", ImprovementAction(
            f"A{n}", f"Put recommendation R{n} into practice.", "Partnership business manager",
            dt.date(2025, 6, 30), "An audit shows the change", (f"R{n}",),
            status="completed" if n % 3 == 0 else "planned",
            impact_evidence="Audit results improved." if n % 3 == 0 else "")))
    for k in range(1, episodes + 1):
        start = rng.randrange(0, len(ids) - 6)
        changes.append(put_record("benchmark/episode", f"KPE-{k}", {
            "title": f"Episode {k}: a visit and what followed",
            "factor": f"Factor {k}: workload on the day",
            "entries": ids[start:start + rng.randint(2, 6)],
            "finding": f"F{rng.randint(1, findings)}",
        }))
    return reviews.write(state, changes), imported


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--episodes", type=int, default=300)
    parser.add_argument("--findings", type=int, default=40)
    args = parser.parse_args()

    from core.kernel.store import open_journal
    from core.output.report.build import build
    from core.output.report.renderers import to_html
    from core.output.report.word import to_docx
    from core.plugin_api.reviews import Reviews
    from plugins.testing import make_host

    host = make_host(("benchmark", BenchmarkMethod(args.episodes)))
    with tempfile.TemporaryDirectory() as folder:
        journal = open_journal(Path(folder) / "bench.db")
        reviews = Reviews(journal, host, "benchmark")
        state, imported = build_case(reviews, Path(folder) / "files", args.entries,
                                     args.episodes, args.findings)
        print(f"case: {len(state.chronology)} chronology entries, {args.episodes} episodes and "
              f"factors, {len(state.findings)} findings (import took {imported:.2f} s)")
        timings = {}
        started = time.perf_counter()
        report = build(host, state)
        timings["build"] = time.perf_counter() - started
        started = time.perf_counter()
        html = to_html(report)
        timings["html"] = time.perf_counter() - started
        started = time.perf_counter()
        docx = to_docx(report)
        timings["docx"] = time.perf_counter() - started
        # Memory in a second pass: tracing allocations slows Python down several times over.
        tracemalloc.start()
        to_html(build(host, state))
        to_docx(build(host, state))
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        journal.close()
    built, html_time, docx_time = timings["build"], timings["html"], timings["docx"]
    maximum = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"build the report:  {built:6.2f} s")
    print(f"render HTML:       {html_time:6.2f} s  (build + render {built + html_time:.2f} s, "
          f"{len(html) / 1e6:.1f} MB)")
    print(f"render Word:       {docx_time:6.2f} s  (build + render {built + docx_time:.2f} s, "
          f"{len(docx) / 1e6:.1f} MB)")
    print(f"peak traced memory while reporting: {peak / 1e6:.0f} MB; "
          f"process maximum resident: {maximum:.0f} MB")
    ok = built + html_time <= 5 and built + docx_time <= 5 and maximum <= 1024
    print("targets (each format within 5 s including the build, within 1 GB):",
          "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
