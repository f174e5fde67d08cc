"""Where each node of a causal graph goes in a drawing: one column per kind, left to right in
causal order, and an order within each column chosen to keep links from crossing.

A plain layered ("Sugiyama-style") layout: columns by kind, then a few barycentre sweeps that
move each node towards the average place of its neighbours, keeping the best order seen.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from itertools import groupby
from typing import Any

from attrs import frozen

from core.plugin_api.graph import CausalGraph

# Columns, left to right: evidence, what happened, the analysis, findings, then the response.
# Strengths sit beside the contributory factors: both say what helped or hindered practice.
KIND_RANK: dict[str, float] = {
    "evidence": 0,
    "event": 1,
    "episode": 2,
    "factor": 3,
    "strength": 3,
    "root_cause": 4,
    "finding": 5,
    "recommendation": 6,
    "action": 7,
}

NODE_WIDTH = 190
LAYER_GAP = 110  # room for the curves between columns and for links within a column
NODE_GAP = 14
LINE_HEIGHT = 15
TAG_HEIGHT = 14  # the small line naming the node's kind
PADDING = 7
WRAP = 25  # characters per line at 12px in a 190px box
MAX_LINES = 4
LEFT = 24
TOP = 78  # the title and the column headings
SWEEPS = 4


@frozen
class Box:
    node: str
    kind: str
    column: int
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]


@frozen
class Layout:
    boxes: dict[str, Box]
    columns: tuple[tuple[str, ...], ...]  # node ids, top to bottom, per column
    column_kinds: tuple[tuple[str, ...], ...]  # the kinds in each column
    width: float
    height: float


def wrap_label(text: str, width: int = WRAP, max_lines: int = MAX_LINES) -> list[str]:
    """`text` in lines of at most `width` characters; words longer than a line are broken, and
    text beyond `max_lines` is cut with an ellipsis (the full text stays in the tooltip)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        lines = [*lines[: max_lines - 1], last[: width - 1] + "…"]
    return lines or [""]


def _natural(text: str) -> tuple[Any, ...]:
    # "event:E-2" before "event:E-10".
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


def kind_ranks(graph: CausalGraph) -> dict[str, float]:
    """A column rank for every kind in the graph. A methodology's own kind goes just right of
    the average column of the core kinds it is linked to (far right if it links to none);
    each such kind gets a column of its own, in name order."""
    kinds = {graph.kind_of(n) for n in graph.nx.nodes}
    ranks = {k: KIND_RANK[k] for k in kinds if k in KIND_RANK}
    linked: dict[str, list[float]] = defaultdict(list)
    for source, target, _ in graph.edges():
        a, b = graph.kind_of(source), graph.kind_of(target)
        if a not in KIND_RANK and b in KIND_RANK:
            linked[a].append(KIND_RANK[b])
        if b not in KIND_RANK and a in KIND_RANK:
            linked[b].append(KIND_RANK[a])
    far_right = max(KIND_RANK.values()) + 1
    for index, kind in enumerate(sorted(kinds - set(ranks))):
        near = linked.get(kind)
        base = sum(near) / len(near) + 0.5 if near else far_right
        ranks[kind] = base + index / 1000
    return ranks


def layout(graph: CausalGraph) -> Layout:
    ranks = kind_ranks(graph)
    order = sorted(set(ranks.values()))
    column_of_rank = {rank: i for i, rank in enumerate(order)}
    column_of = {n: column_of_rank[ranks[graph.kind_of(n)]] for n in graph.nx.nodes}
    columns: list[list[str]] = [[] for _ in order]
    for node in sorted(graph.nx.nodes, key=lambda n: _start_key(graph, n)):
        columns[column_of[node]].append(node)
    near: dict[str, set[str]] = defaultdict(set)
    for source, target, _ in graph.edges():
        near[source].add(target)
        near[target].add(source)
    # sorted, so sums of positions (floats) are added in the same order on every run
    neighbours = {n: sorted(near[n]) for n in sorted(near)}
    column_kinds = tuple(
        tuple(sorted(k for k, r in ranks.items() if r == rank)) for rank in order
    )
    # The chronology keeps its time order: readers follow it down the page.
    fixed = {i for i, kinds in enumerate(column_kinds) if kinds == ("event",)}
    columns = _reduce_crossings(columns, column_of, neighbours, fixed)
    return _place(graph, columns, column_kinds, neighbours)


def _start_key(graph: CausalGraph, node: str) -> tuple[Any, ...]:
    # Events come in chronological order ("order"); everything else by its id.
    order = graph.nx.nodes[node].get("order")
    number = order if isinstance(order, int | float) and not isinstance(order, bool) else None
    return (number is None, number or 0, _natural(node))


def _positions(columns: list[list[str]]) -> dict[str, float]:
    return {n: (i + 0.5) / len(col) for col in columns for i, n in enumerate(col)}


def _reduce_crossings(
    columns: list[list[str]],
    column_of: dict[str, int],
    neighbours: dict[str, list[str]],
    fixed: set[int],
) -> list[list[str]]:
    """Barycentre sweeps, left to right then right to left; keep the order with fewest
    crossings (the starting order wins ties, so sweeping never makes things worse)."""
    best = [list(c) for c in columns]
    best_count = count_crossings(best, column_of, neighbours)
    current = [list(c) for c in columns]
    for _ in range(SWEEPS):
        if best_count == 0:
            break
        for forward in (True, False):
            steps = range(1, len(current)) if forward else range(len(current) - 2, -1, -1)
            for index in (i for i in steps if i not in fixed):
                _sort_by_barycentre(current, index, forward, column_of, neighbours)
            count = count_crossings(current, column_of, neighbours)
            if count < best_count:
                best, best_count = [list(c) for c in current], count
    return best


def _sort_by_barycentre(
    columns: list[list[str]],
    index: int,
    forward: bool,
    column_of: dict[str, int],
    neighbours: dict[str, list[str]],
) -> None:
    """Order one column by the average place of each node's neighbours in the columns already
    swept; a node with none there keeps its place."""
    position = _positions(columns)

    def centre(node: str) -> float:
        near = [position[m] for m in neighbours.get(node, ())
                if (column_of[m] < index if forward else column_of[m] > index)]
        return sum(near) / len(near) if near else position[node]

    columns[index].sort(key=lambda n: (centre(n), position[n]))


def count_crossings(
    columns: list[list[str]], column_of: dict[str, int], neighbours: dict[str, list[str]]
) -> int:
    """How many pairs of links cross, counting links that join the same two columns (links
    spanning different pairs of columns are not compared: a cheap, stable measure)."""
    position = _positions(columns)
    groups: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
    for node, near in neighbours.items():
        for other in near:
            a, b = column_of[node], column_of[other]
            if a < b:
                groups[(a, b)].append((position[node], position[other]))
    total = 0
    for links in groups.values():
        seen: list[float] = []  # targets of the links from higher sources, sorted
        for _source, same in groupby(sorted(links), key=lambda link: link[0]):
            targets = [target for _, target in same]
            # links from one source never cross each other; each crosses every link from a
            # higher source that ends lower down
            total += sum(len(seen) - bisect.bisect_right(seen, t) for t in targets)
            for target in targets:
                bisect.insort(seen, target)
    return total


def _place(
    graph: CausalGraph,
    columns: list[list[str]],
    column_kinds: tuple[tuple[str, ...], ...],
    neighbours: dict[str, list[str]],
) -> Layout:
    """Stack the tallest column from the top; place every other column, working outwards from
    it, with each node level with the average of its neighbours already placed where there is
    room, and never overlapping the node above it."""
    lines = {n: tuple(wrap_label(graph.label_of(n))) for n in graph.nx.nodes}
    height = {n: 2 * PADDING + TAG_HEIGHT + LINE_HEIGHT * len(lines[n]) for n in graph.nx.nodes}
    totals = [sum(height[n] for n in col) + NODE_GAP * max(len(col) - 1, 0) for col in columns]
    anchor = totals.index(max(totals)) if totals else 0
    outwards = sorted(range(len(columns)), key=lambda i: (abs(i - anchor), i))
    middle: dict[str, float] = {}
    boxes = {}
    for index in outwards:
        x = LEFT + index * (NODE_WIDTH + LAYER_GAP)
        cursor = float(TOP)
        for node in columns[index]:
            near = [middle[m] for m in neighbours.get(node, ()) if m in middle]
            wanted = sum(near) / len(near) - height[node] / 2 if near else cursor
            top = max(wanted, cursor)
            middle[node] = top + height[node] / 2
            boxes[node] = Box(node, graph.kind_of(node), index, x, top, NODE_WIDTH, height[node],
                              lines[node])
            cursor = top + height[node] + NODE_GAP
    bottom = max((b.y + b.height for b in boxes.values()), default=float(TOP))
    width = 2 * LEFT + len(columns) * NODE_WIDTH + max(len(columns) - 1, 0) * LAYER_GAP + 40
    return Layout(boxes, tuple(tuple(c) for c in columns), column_kinds, width, bottom + 24)
