"""The causal graph as data other tools read: node-link JSON, GraphML and Graphviz DOT.

Every export is deterministic (nodes and links sorted) and made safe: characters XML forbids and
bidirectional overrides, which can make a label read differently from what it says, are removed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from core.output.graph_layout import wrap_label
from core.plugin_api.graph import CORE_NODE_KINDS, CausalGraph

# Control characters XML 1.0 forbids, lone surrogates, non-characters, and the bidirectional
# embedding, override and isolate controls (the "Trojan Source" characters), and zero-width
# characters (which can split a name so that a search misses it).
_UNSAFE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069"
    r"\u200b-\u200f\u061c\u2060-\u2064\ufeff\u00ad\u180e]"
)


def clean_text(value: object) -> str:
    """`value` as text that any export can hold and that displays as it reads."""
    return _UNSAFE.sub("", str(value))


def _plain(value: Any) -> Any:
    """A JSON-ready copy of an attribute value."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {clean_text(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    return clean_text(value)


def _sorted_nodes(graph: CausalGraph) -> list[tuple[str, dict[str, Any]]]:
    return sorted(graph.nx.nodes(data=True), key=lambda item: item[0])


def _sorted_links(graph: CausalGraph) -> list[tuple[str, str, Any, dict[str, Any]]]:
    return sorted(graph.nx.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))


def to_node_link(graph: CausalGraph) -> dict[str, Any]:
    """The graph as networkx's node-link data (read it back with
    `networkx.node_link_graph(data, edges="links")`), with the kinds and the problems found."""
    return {
        "directed": True,
        "multigraph": True,
        "graph": {k: _plain(v) for k, v in sorted(graph.nx.graph.items())},
        "node_kinds": dict(sorted(graph.node_kinds.items())),
        "edge_kinds": dict(sorted(graph.edge_kinds.items())),
        "nodes": [{**{k: _plain(v) for k, v in data.items()}, "id": clean_text(node)}
                  for node, data in _sorted_nodes(graph)],
        "links": [
            {**{k: _plain(v) for k, v in data.items()}, "source": clean_text(source),
             "target": clean_text(target), "key": clean_text(key)}
            for source, target, key, data in _sorted_links(graph)
        ],
        "problems": graph.problems(),
    }


def _scalar_columns(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """GraphML gives each attribute one type: keep a column's numbers and booleans when they
    all agree, make everything else text, and leave out empty values."""
    types: dict[str, set[type]] = {}
    for row in rows:
        for key, value in row.items():
            if value is not None:
                types.setdefault(key, set()).add(type(value))
    keep = {key for key, found in types.items()
            if len(found) == 1 and found <= {bool, int, float}}
    out = []
    for row in rows:
        out.append({clean_text(key): (value if key in keep else _text(value))
                    for key, value in row.items() if value is not None})
    return out


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return clean_text(value)


def to_graphml(graph: CausalGraph) -> str:
    """The graph as GraphML text (for yEd, Gephi, Cytoscape), written by networkx."""
    import networkx as nx

    nodes = _sorted_nodes(graph)
    links = _sorted_links(graph)
    copy = nx.MultiDiGraph()
    copy.graph.update(_scalar_columns([dict(sorted(graph.nx.graph.items()))])[0])
    for (node, _), data in zip(nodes, _scalar_columns([d for _, d in nodes]), strict=True):
        copy.add_node(clean_text(node), **data)
    for (source, target, key, _), data in zip(
        links, _scalar_columns([d for *_, d in links]), strict=True
    ):
        copy.add_edge(clean_text(source), clean_text(target), key=clean_text(key), **data)
    return "\n".join(nx.generate_graphml(copy)) + "\n"


# Graphviz shapes per core kind, chosen to match the SVG drawing; other kinds get a dashed box.
DOT_SHAPES: dict[str, str] = {
    "event": 'shape=box',
    "episode": 'shape=box, style="rounded"',
    "factor": 'shape=hexagon',
    "root_cause": 'shape=octagon',
    "strength": 'shape=box, style="rounded,bold"',
    "finding": 'shape=box, penwidth=2.5',
    "recommendation": 'shape=parallelogram',
    "action": 'shape=cds',
    "evidence": 'shape=note',
}
DOT_LINK_STYLES: dict[str, str] = {
    "contributed_to": "solid",
    "led_to": "bold",
    "evidenced_by": "dotted",
    "part_of": "dashed",
    "addresses": "solid",
    "raises": "dashed",
}


def dot_quote(value: object) -> str:
    """`value` as a double-quoted DOT string: backslashes, quotes and line breaks escaped."""
    text = clean_text(value).replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{text}"'


def to_dot(graph: CausalGraph, title: str = "") -> str:
    """The graph in Graphviz DOT, left to right, with a shape per kind and wrapped labels."""
    heading = title or str(graph.nx.graph.get("title", "Causal graph"))
    lines = [
        f"digraph {dot_quote(heading)} {{",
        f"  graph [rankdir=LR, label={dot_quote(heading)}, labelloc=t];",
        '  node [fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=8];',
    ]
    for node, data in _sorted_nodes(graph):
        kind = str(data.get("kind", ""))
        tag = kind.replace("_", " ")
        if kind == "finding" and data.get("status") == "suggested":
            tag += " (suggested)"
        label = "\n".join([tag.upper(), *wrap_label(str(data.get("label", node)))])
        shape = DOT_SHAPES.get(kind, 'shape=box, style="dashed"')
        if kind in CORE_NODE_KINDS and data.get("status") == "suggested":
            shape = shape.replace('style="', 'style="dashed,') if "style" in shape else (
                shape + ', style="dashed"')
        lines.append(f"  {dot_quote(node)} [label={dot_quote(label)}, {shape}, "
                     f"kind={dot_quote(kind)}];")
    for source, target, _key, data in _sorted_links(graph):
        kind = str(data.get("kind", ""))
        style = DOT_LINK_STYLES.get(kind, "dashed")
        lines.append(f"  {dot_quote(source)} -> {dot_quote(target)} "
                     f"[label={dot_quote(kind.replace('_', ' '))}, style={style}, "
                     f"kind={dot_quote(kind)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
