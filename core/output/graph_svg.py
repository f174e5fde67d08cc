"""The causal graph drawn as a standalone, accessible SVG by the project itself (no Graphviz).

Columns by kind, left to right in causal order (see core.output.graph_layout). Every node has a
shape and a written kind as well as a colour, and every link a dash pattern, so the drawing reads in
greyscale too. All text is escaped; the same graph always gives the same bytes.
"""

from __future__ import annotations

import hashlib
from xml.sax.saxutils import escape

from core.kernel.text import plural, shorten
from core.output.graph_export import clean_text
from core.output.graph_layout import KIND_RANK, LINE_HEIGHT, PADDING, TAG_HEIGHT, TOP, Box, layout
from core.plugin_api.graph import CORE_NODE_KINDS, CausalGraph

FILLS: dict[str, str] = {
    "evidence": "#eeeeee",
    "event": "#e3effa",
    "episode": "#d4e6f7",
    "factor": "#fdebd0",
    "strength": "#dff3df",
    "root_cause": "#f9d5cf",
    "finding": "#fff6bf",
    "recommendation": "#e8e0f5",
    "action": "#d9f2ee",
}
OTHER_FILLS = ("#f6e1ef", "#e6f0d5", "#dde6ee", "#f3e8d2")  # a methodology's own kinds, in turn
HEADINGS: dict[str, str] = {
    "evidence": "Evidence",
    "event": "Events",
    "episode": "Key practice episodes",
    "factor": "Contributory factors",
    "strength": "Strengths",
    "root_cause": "Root causes",
    "finding": "Findings",
    "recommendation": "Recommendations",
    "action": "Improvement actions",
}
# link kind -> (colour, dash pattern, width); patterns differ so the key reads without colour
LINK_STYLES: dict[str, tuple[str, str, float]] = {
    "contributed_to": ("#b3541e", "", 2.0),
    "led_to": ("#1f4e79", "", 1.2),
    "evidenced_by": ("#555555", "2 3", 1.2),
    "part_of": ("#2e7d32", "6 3", 1.2),
    "addresses": ("#6a3d9a", "9 3 2 3", 1.4),
    "raises": ("#8a6d00", "12 4", 1.2),
}
OTHER_LINKS = (("#7a7a7a", "1 3", 1.4), ("#00695c", "12 3 3 3 3 3", 1.2), ("#ad1457", "4 2", 1.2))
LINK_WORDS: dict[str, str] = {
    "contributed_to": "contributed to",
    "led_to": "led to",
    "evidenced_by": "is evidenced by",
    "part_of": "is part of",
    "addresses": "addresses",
    "raises": "raises",
}


def _esc(value: object) -> str:
    return escape(clean_text(value), {'"': "&quot;", "'": "&#39;"})


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _points(*pairs: tuple[float, float]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in pairs)


def shape(
    kind: str, x: float, y: float, w: float, h: float, fill: str, dashed: bool = False
) -> str:
    """The SVG outline of a node of `kind` in the box (x, y, w, h)."""
    line = ' stroke="#333333" stroke-width="1.2"'
    if kind == "finding":
        line = ' stroke="#333333" stroke-width="3"'
    if dashed or kind not in CORE_NODE_KINDS:
        line += ' stroke-dasharray="5 3"'
    paint = f' fill="{fill}"{line}'
    right, bottom, middle = x + w, y + h, y + h / 2
    if kind in ("event", "finding") or kind not in CORE_NODE_KINDS:
        rx = 0 if kind in CORE_NODE_KINDS else 4
        return f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="{rx}"{paint}/>'
    if kind in ("episode", "strength"):
        rounding = 10 if kind == "episode" else min(h / 2, 18)
        return (f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" '
                f'rx="{_n(rounding)}"{paint}/>')
    cut = min(10.0, h / 3)
    corners = {
        "factor": [(x + cut, y), (right - cut, y), (right, middle), (right - cut, bottom),
                   (x + cut, bottom), (x, middle)],
        "root_cause": [(x + cut, y), (right - cut, y), (right, y + cut), (right, bottom - cut),
                       (right - cut, bottom), (x + cut, bottom), (x, bottom - cut), (x, y + cut)],
        "recommendation": [(x + cut, y), (right, y), (right - cut, bottom), (x, bottom)],
        "action": [(x, y), (right - 14, y), (right, middle), (right - 14, bottom), (x, bottom)],
        "evidence": [(x, y), (right - 12, y), (right, y + 12), (right, bottom), (x, bottom)],
    }[kind]
    outline = f'<polygon points="{_points(*corners)}"{paint}/>'
    if kind == "evidence":  # the folded corner of a document
        fold = _points((right - 12, y), (right - 12, y + 12), (right, y + 12))
        outline += f'<polyline points="{fold}" fill="none" stroke="#333333" stroke-width="1"/>'
    return outline


def _fill(kind: str, others: list[str]) -> str:
    if kind in FILLS:
        return FILLS[kind]
    return OTHER_FILLS[others.index(kind) % len(OTHER_FILLS)] if kind in others else "#ffffff"


def _link_style(kind: str, others: list[str]) -> tuple[str, str, float]:
    if kind in LINK_STYLES:
        return LINK_STYLES[kind]
    return OTHER_LINKS[others.index(kind) % len(OTHER_LINKS)] if kind in others else OTHER_LINKS[0]


def _words(kind: str) -> str:
    return kind.replace("_", " ")


def _path(a: Box, b: Box, offset: float) -> str:
    ay, by = a.y + a.height / 2 + offset, b.y + b.height / 2 + offset
    if a.column < b.column:
        x1, x2 = a.x + a.width, b.x
        dx = (x2 - x1) / 2
        controls = (x1 + dx, ay, x2 - dx, by)
    elif a.column > b.column:
        x1, x2 = a.x, b.x + b.width
        dx = (x1 - x2) / 2
        controls = (x1 - dx, ay, x2 + dx, by)
    else:  # within a column: bow out to the right
        x1 = x2 = a.x + a.width
        bulge = 30 + min(abs(ay - by) / 8, 40)
        controls = (x1 + bulge, ay, x2 + bulge, by)
    c1x, c1y, c2x, c2y = controls
    span = abs(a.column - b.column)
    if span > 1:  # a link across columns bows upwards, to pass over the nodes in between
        lift = min(40 + 20 * (span - 2), 120)
        c1y, c2y = c1y - lift, c2y - lift
    return (f"M{_n(x1)},{_n(ay)} C{_n(c1x)},{_n(c1y)} {_n(c2x)},{_n(c2y)} "
            f"{_n(x2)},{_n(by)}")


def to_svg(graph: CausalGraph, title: str) -> str:
    """The graph as a standalone SVG document, with `title` as its heading and accessible name."""
    title = " ".join(clean_text(title).split())  # one line, as a heading and a name
    plan = layout(graph)
    node_kinds = sorted({b.kind for b in plan.boxes.values()},
                        key=lambda k: (KIND_RANK.get(k, 99), k))
    other_nodes = [k for k in node_kinds if k not in CORE_NODE_KINDS]
    links = graph.edges()
    link_kinds = sorted({k for *_, k in links}, key=lambda k: (k not in LINK_STYLES, k))
    other_links = [k for k in link_kinds if k not in LINK_STYLES]
    prefix = "cg" + hashlib.sha1(clean_text(title).encode("utf-8")).hexdigest()[:8]
    arrows = {kind: f"{prefix}-arrow{index}" for index, kind in enumerate(link_kinds)}
    width = max(plan.width, 640.0)
    per_row = max(1, int((width - 24) // 200))
    key_rows, key_height = _key(graph, node_kinds, other_nodes, link_kinds, other_links, arrows,
                                per_row)
    height = plan.height + key_height
    problems = graph.problems()
    headings = "; ".join(_column_heading(kinds) for kinds in plan.column_kinds)
    desc = (f"A causal graph of {len(plan.boxes)} nodes and {len(links)} links, read from left to "
            f"right in columns: {headings or 'none'}. ")
    if problems:
        more = f" ... and {len(problems) - 5} more." if len(problems) > 5 else ""
        desc += f"It has {plural(len(problems), 'problem')}: " + " ".join(problems[:5]) + more
    else:
        desc += "No problems were found in it."
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{_n(width)}" '
        f'height="{_n(height)}" viewBox="0 0 {_n(width)} {_n(height)}" role="img" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" '
        'font-family="Helvetica, Arial, sans-serif" font-size="12">',
        f'<title id="{prefix}-title">{_esc(title)}</title>',
        f'<desc id="{prefix}-desc">{_esc(desc)}</desc>',
        "<defs>",
    ]
    for kind in link_kinds:
        colour = _link_style(kind, other_links)[0]
        out.append(f'<marker id="{arrows[kind]}" viewBox="0 0 10 10" refX="9" '
                   'refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
                   f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>')
    out.append("</defs>")
    out.append(f'<rect width="{_n(width)}" height="{_n(height)}" fill="#ffffff"/>')
    out.append(f'<text x="24" y="30" font-size="17" font-weight="bold" fill="#111111">'
               f'{_esc(shorten(title, int(width / 9)))}</text>')
    for kinds, column in zip(plan.column_kinds, plan.columns, strict=True):
        if column:
            box = plan.boxes[column[0]]
            out.append(f'<text x="{_n(box.x + box.width / 2)}" y="{_n(TOP - 16)}" '
                       'text-anchor="middle" font-weight="bold" fill="#333333">'
                       f'{_esc(_column_heading(kinds))}</text>')
    if not plan.boxes:
        out.append(f'<text x="24" y="{_n(TOP + 10)}" fill="#333333">Nothing to draw yet: the '
                   "review has no chronology, evidence, findings or actions.</text>")
    out.append('<g class="links" fill="none">')
    out.extend(_links(graph, plan.boxes, links, other_links, arrows))
    out.append("</g>")
    out.append('<g class="nodes">')
    for node in sorted(plan.boxes):
        out.append(_node(graph, plan.boxes[node], other_nodes))
    out.append("</g>")
    out.append(f'<g class="key" transform="translate(0,{_n(plan.height)})">')
    out.extend(key_rows)
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _column_heading(kinds: tuple[str, ...]) -> str:
    names = [HEADINGS.get(k, _words(k).capitalize()) for k in kinds]
    return " and ".join([*names[:1], *(name.lower() for name in names[1:])])


def _links(
    graph: CausalGraph,
    boxes: dict[str, Box],
    links: list[tuple[str, str, str]],
    other_links: list[str],
    arrows: dict[str, str],
) -> list[str]:
    between: dict[frozenset[str], int] = {}
    for source, target, _ in links:
        pair = frozenset((source, target))
        between[pair] = between.get(pair, 0) + 1
    drawn: dict[frozenset[str], int] = {}
    out = []
    for source, target, kind in links:
        pair = frozenset((source, target))
        index = drawn.get(pair, 0)
        drawn[pair] = index + 1
        offset = (index - (between[pair] - 1) / 2) * 5  # parallel links side by side
        colour, dashes, stroke = _link_style(kind, other_links)
        dash = f' stroke-dasharray="{dashes}"' if dashes else ""
        says = (f"{shorten(graph.label_of(source), 80)} {LINK_WORDS.get(kind, _words(kind))} "
                f"{shorten(graph.label_of(target), 80)}")
        out.append(f'<path d="{_path(boxes[source], boxes[target], offset)}" stroke="{colour}" '
                   f'stroke-width="{_n(stroke)}"{dash} '
                   f'marker-end="url(#{arrows[kind]})"><title>{_esc(says)}</title>'
                   "</path>")
    return out


def _node(graph: CausalGraph, box: Box, other_nodes: list[str]) -> str:
    suggested = box.kind == "finding" and graph.nx.nodes[box.node].get("status") == "suggested"
    tag = _words(box.kind) + (" (suggested)" if suggested else "")
    tip = f"{tag.capitalize()}: {shorten(graph.label_of(box.node), 1000)} [{box.node}]"
    text_x = _n(box.x + 13)
    parts = [
        f'<g class="node" data-kind="{_esc(box.kind)}">',
        f"<title>{_esc(tip)}</title>",
        shape(box.kind, box.x, box.y, box.width, box.height, _fill(box.kind, other_nodes),
              dashed=suggested),
        f'<text x="{text_x}" y="{_n(box.y + PADDING + 10)}" font-size="9.5" font-weight="bold" '
        f'letter-spacing="0.6" fill="#333333">{_esc(tag.upper())}</text>',
        '<text fill="#111111">',
    ]
    for index, line in enumerate(box.lines):
        y = box.y + PADDING + TAG_HEIGHT + LINE_HEIGHT * (index + 1) - 3
        parts.append(f'<tspan x="{text_x}" y="{_n(y)}">{_esc(line)}</tspan>')
    parts.append("</text></g>")
    return "".join(parts)


def _key(
    graph: CausalGraph,
    node_kinds: list[str],
    other_nodes: list[str],
    link_kinds: list[str],
    other_links: list[str],
    arrows: dict[str, str],
    per_row: int,
) -> tuple[list[str], float]:
    """The key under the drawing: each kind of node and link drawn, with its name."""
    rows = ['<text x="24" y="18" font-weight="bold" fill="#333333">Key</text>']
    y = 30.0
    suggested = any(graph.nx.nodes[n].get("status") == "suggested"
                    for n in graph.nodes_of("finding"))
    items = [(k, False) for k in node_kinds] + ([("finding", True)] if suggested else [])
    for index, (kind, dashed) in enumerate(items):
        x = 24 + (index % per_row) * 200
        top = y + (index // per_row) * 30
        name = _words(kind) + (" (suggested, not yet accepted)" if dashed else "")
        description = graph.node_kinds.get(kind, "")
        rows.append(f'<g><title>{_esc(description)}</title>'
                    f'{shape(kind, x, top, 36, 20, _fill(kind, other_nodes), dashed)}'
                    f'<text x="{_n(x + 44)}" y="{_n(top + 14)}" fill="#111111">{_esc(name)}'
                    "</text></g>")
    y += -(-len(items) // per_row) * 30 + 6
    for index, kind in enumerate(link_kinds):
        x = 24 + (index % per_row) * 200
        top = y + (index // per_row) * 22
        colour, dashes, stroke = _link_style(kind, other_links)
        dash = f' stroke-dasharray="{dashes}"' if dashes else ""
        rows.append(f'<g><title>{_esc(graph.edge_kinds.get(kind, ""))}</title>'
                    f'<path d="M{_n(x)},{_n(top + 8)} L{_n(x + 40)},{_n(top + 8)}" '
                    f'stroke="{colour}" stroke-width="{_n(stroke)}"{dash} fill="none" '
                    f'marker-end="url(#{arrows[kind]})"/>'
                    f'<text x="{_n(x + 48)}" y="{_n(top + 12)}" fill="#111111">'
                    f"{_esc(LINK_WORDS.get(kind, _words(kind)))}</text></g>")
    y += -(-len(link_kinds) // per_row) * 22 + 10
    return rows, y
