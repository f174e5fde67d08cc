"""The causal graph in the report: a drawing, its text alternative, and the chains in words.

The drawing comes from `core.output.graph_svg`. Before it goes inline into an HTML page it is parsed
and rebuilt from a short list of drawing elements and attributes, so nothing in it can run, whatever
a label says. Chronology events linked to nothing are left out of the drawing (a chronology of
thousands of entries would bury the analysis); the graph's problems are those of the whole graph.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from core.analysis.causal_graph import build_graph
from core.output.graph_svg import to_svg
from core.output.report.model import Figure
from core.plugin_api.graph import CausalGraph

SVG_NS = "http://www.w3.org/2000/svg"
_ELEMENTS = {"svg", "g", "title", "desc", "defs", "marker", "path", "rect", "text", "tspan",
             "line", "polyline", "polygon", "circle", "ellipse"}
_ATTRIBUTES = {
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "width", "height", "d",
    "points", "viewBox", "transform", "fill", "stroke", "stroke-width", "stroke-dasharray",
    "stroke-linecap", "stroke-linejoin", "opacity", "fill-opacity", "stroke-opacity",
    "font-family", "font-size", "font-weight", "font-style", "text-anchor",
    "dominant-baseline", "id", "class", "role", "aria-labelledby", "aria-label",
    "aria-hidden", "refX", "refY", "markerWidth", "markerHeight", "orient", "markerUnits",
    "marker-end", "marker-start", "marker-mid", "version", "preserveAspectRatio", "dx", "dy",
    "letter-spacing", "rotate",
}
_SAFE_URL = re.compile(r"^url\(#[A-Za-z0-9_.:-]+\)$")
_SAFE_VALUE = re.compile(r"^[^<>\"'`]*$")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def sanitise_svg(svg: str) -> tuple[str, list[str]]:
    """(a safe SVG fragment, every text shown in it). Unknown elements and attributes go."""
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", svg)
    root = ET.fromstring(text)
    labels: list[str] = []
    clean_root = _copy(root, labels)
    if clean_root is None:
        raise ValueError("the drawing is not an SVG")
    ET.register_namespace("", SVG_NS)
    return ET.tostring(clean_root, encoding="unicode"), labels


def _copy(element: ET.Element, labels: list[str]) -> ET.Element | None:
    name = _local(element.tag)
    if name not in _ELEMENTS:
        return None
    out = ET.Element(f"{{{SVG_NS}}}{name}")
    for key, value in element.attrib.items():
        key = _local(key)
        if key not in _ATTRIBUTES:
            continue  # no on* handler, no href, no style
        if "url(" in value and not _SAFE_URL.match(value.strip()):
            continue
        if not _SAFE_VALUE.match(value) or "javascript" in value.lower():
            continue
        out.set(key, value)
    if element.text:
        out.text = element.text
        if name in ("text", "tspan") and element.text.strip():
            labels.append(element.text.strip())
    for child in element:
        copied = _copy(child, labels)
        if copied is None:
            continue  # a dropped element takes its text (and tail) with it
        copied.tail = child.tail
        out.append(copied)
    return out


def _drawable(graph: Any) -> Any:
    """The graph without chronology events that nothing links to."""
    lonely = [n for n, kind in graph.nx.nodes(data="kind")
              if kind == "event" and graph.nx.degree(n) == 0]
    if not lonely:
        return graph
    drawn = CausalGraph(graph.schema)
    drawn.nx = graph.nx.copy()
    drawn.nx.remove_nodes_from(lonely)
    return drawn


def graph_problems(host: Any, state: Any) -> list[str]:
    """Every problem of the review's causal graph, in plain English (none: the chain holds)."""
    return list(build_graph(host, state, check=False, linked_events_only=True).problems())


def graph_part(host: Any, state: Any, title: str) -> tuple[Figure | None, list[str], list[dict]]:
    """(the figure or None, the graph's problems, the chains table rows)."""
    graph = build_graph(host, state, check=False, linked_events_only=True)
    problems = list(graph.problems())
    chains = _chains(graph)
    drawn = _drawable(graph)
    try:
        svg, labels = sanitise_svg(to_svg(drawn, title))
    except (ET.ParseError, ValueError):
        return None, problems, chains
    nodes = drawn.nx.number_of_nodes()
    links = drawn.nx.number_of_edges()
    alt = (f"{title}: a drawing of {nodes} items and {len(chains)} findings, joined by {links} "
           "links, read from left to right: evidence, the analysis, findings, recommendations "
           "and improvement actions. Each kind has its own shape and its name written on it. "
           "The table after the drawing gives the same chains in words.")
    return Figure(svg=svg, alt=alt, caption=title, labels=labels), problems, chains


def _chains(graph: Any) -> list[dict[str, Any]]:
    import networkx as nx

    g = graph.nx
    rows = []
    for finding in sorted(graph.nodes_of("finding")):
        if g.nodes[finding].get("status") == "suggested":
            continue
        ancestors = nx.ancestors(g, finding)
        causes = sorted(
            f"{_kind_word(g.nodes[n]['kind'])}: {g.nodes[n]['label']}" for n in ancestors
            if g.nodes[n].get("kind") not in ("event", "evidence", "recommendation", "action")
        )
        evidence = sorted(g.nodes[n]["label"] for n in nx.descendants(g, finding)
                          if g.nodes[n].get("kind") in ("evidence", "event"))
        responses = sorted(
            f"{_kind_word(g.nodes[n]['kind'])} {n.split(':', 1)[1]}: {g.nodes[n]['label']}"
            for n in ancestors if g.nodes[n].get("kind") in ("recommendation", "action")
        )
        rows.append({"finding": g.nodes[finding]["label"], "causes": causes,
                     "evidence": evidence, "responses": responses})
    return rows


def _kind_word(kind: str) -> str:
    return kind.replace("_", " ").capitalize()
