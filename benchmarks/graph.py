"""How long the causal graph takes to check, export and draw, for graphs of growing size.

Run: .venv/bin/python benchmarks/graph.py [--svg-out FILE]
Prints one line per size. The target: a 300-node graph drawn as SVG in well under a second.
The graphs are synthetic and fictional: events grouped into episodes, factors behind the
episodes, findings evidenced by episodes, recommendations and actions.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.output.graph_export import to_dot, to_graphml, to_node_link
from core.output.graph_svg import to_svg
from core.plugin_api.graph import CausalGraph


def synthetic(nodes: int, seed: int = 7) -> CausalGraph:
    """`nodes` nodes: episodes, factors, findings with their responses, and the rest events."""
    rng = random.Random(seed)
    graph = CausalGraph()
    episodes = max(1, nodes // 12)
    factors = max(1, nodes // 10)
    findings = max(1, nodes // 30)
    events = max(1, nodes - episodes - factors - 3 * findings - 1)
    for i in range(events):
        graph.add_node(f"event:E{i}", "event", f"Home visit {i}: the family was seen and the "
                       "worker recorded what was said", order=i)
    graph.add_node("evidence:V1", "evidence", "Agency report")
    for k in range(episodes):
        graph.add_node(f"episode:K{k}", "episode", f"Key practice episode {k}")
        start = k * events // episodes
        for i in range(start, min(events, start + rng.randint(2, 6))):
            graph.add_edge(f"event:E{i}", f"episode:K{k}", "part_of")
    for f in range(factors):
        graph.add_node(f"factor:F{f}", "factor", f"Contributory factor {f}: workload")
        graph.add_edge(f"factor:F{f}", f"episode:K{rng.randrange(episodes)}", "contributed_to")
    for n in range(findings):
        graph.add_node(f"finding:N{n}", "finding", f"Finding {n}: an underlying pattern",
                       status="draft")
        for k in rng.sample(range(episodes), min(3, episodes)):
            graph.add_edge(f"finding:N{n}", f"episode:K{k}", "evidenced_by")
        graph.add_node(f"recommendation:R{n}", "recommendation", f"Recommendation {n}")
        graph.add_edge(f"recommendation:R{n}", f"finding:N{n}", "addresses")
        graph.add_node(f"action:A{n}", "action", f"Improvement action {n}")
        graph.add_edge(f"action:A{n}", f"recommendation:R{n}", "addresses")
    return graph


def timed(function, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg-out", help="also write the 300-node drawing here")
    args = parser.parse_args()
    print(f"{'nodes':>6} {'links':>6} {'check':>8} {'json':>8} {'graphml':>8} {'dot':>8} "
          f"{'svg':>8}  (seconds)")
    for size in (100, 300, 1000, 3000):
        graph = synthetic(size)
        check, problems = timed(graph.problems)
        as_json, _ = timed(to_node_link, graph)
        graphml, _ = timed(to_graphml, graph)
        dot, _ = timed(to_dot, graph)
        svg, drawing = timed(to_svg, graph, f"Synthetic graph of {size} nodes")
        print(f"{graph.nx.number_of_nodes():>6} {graph.nx.number_of_edges():>6} {check:>8.3f} "
              f"{as_json:>8.3f} {graphml:>8.3f} {dot:>8.3f} {svg:>8.3f}"
              + (f"  ({len(problems)} problems)" if problems else ""))
        if size == 300 and args.svg_out:
            Path(args.svg_out).write_text(str(drawing), encoding="utf-8")


if __name__ == "__main__":
    main()
