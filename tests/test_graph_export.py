"""Exports of the causal graph (JSON, GraphML, DOT), its layout, and the SVG drawing."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.output.graph_export import clean_text, dot_quote, to_dot, to_graphml, to_node_link
from core.output.graph_layout import count_crossings, layout, wrap_label
from core.output.graph_svg import to_svg
from core.plugin_api.graph import CausalGraph
from core.plugin_api.methodology import GraphSchema

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = [
    "<script>alert('x')</script>",
    "Tom & Jerry's \"house\"",
    "\u202eevil.exe\u202c and \u2066isolated\u2069",
    "line one\nline two\r\nline three\\n not a newline",
    "control \x00\x1b\x7f characters",
    "]]> <!-- --> <![CDATA[",
    "x" * 5000,
    "a " * 3000,
]


def chain(labels: dict[str, str] | None = None, order: list[str] | None = None) -> CausalGraph:
    """Evidence to action; `order` chooses the order nodes are added in."""
    labels = labels or {}
    nodes = {
        "evidence:V1": ("evidence", {}),
        "event:E1": ("event", {"order": 0, "date": "2025-01-05"}),
        "event:E2": ("event", {"order": 1, "date": "2025-02-01"}),
        "episode:K1": ("episode", {}),
        "factor:K1/workload": ("factor", {}),
        "strength:S1": ("strength", {}),
        "root_cause:C1": ("root_cause", {}),
        "finding:F1": ("finding", {"status": "final", "category": "multi-agency working"}),
        "finding:F2": ("finding", {"status": "suggested"}),
        "recommendation:R1": ("recommendation", {"strength": ""}),
        "action:A1": ("action", {"due": "2026-03-31", "tags": ["a", "b"], "score": 3}),
    }
    links = [
        ("event:E1", "episode:K1", "part_of"),
        ("event:E1", "event:E2", "led_to"),
        ("event:E2", "evidence:V1", "evidenced_by"),
        ("factor:K1/workload", "episode:K1", "contributed_to"),
        ("root_cause:C1", "factor:K1/workload", "contributed_to"),
        ("strength:S1", "episode:K1", "contributed_to"),
        ("finding:F1", "episode:K1", "evidenced_by"),
        ("finding:F2", "evidence:V1", "evidenced_by"),
        ("root_cause:C1", "finding:F1", "raises"),
        ("recommendation:R1", "finding:F1", "addresses"),
        ("action:A1", "recommendation:R1", "addresses"),
        ("action:A1", "finding:F1", "addresses"),
    ]
    graph = CausalGraph()
    for node in order or list(nodes):
        kind, data = nodes[node]
        graph.add_node(node, kind, labels.get(node, f"What {node} says"), **data)
    for source, target, kind in sorted(links, reverse=order is not None):
        graph.add_edge(source, target, kind)
    graph.nx.graph.update(review="CR-2026-900", title="Child Q (fictional)")
    return graph


# -- node-link JSON ------------------------------------------------------------------------------


def test_node_link_data_round_trips_through_networkx():
    data = to_node_link(chain())
    text = json.dumps(data)
    back = nx.node_link_graph(json.loads(text), edges="links")
    assert back.is_directed() and back.is_multigraph()
    assert sorted(back.nodes) == sorted(chain().nx.nodes)
    assert back.number_of_edges() == 12
    assert back.nodes["action:A1"]["tags"] == ["a", "b"]
    assert back.edges["action:A1", "finding:F1", "addresses"]["kind"] == "addresses"
    assert data["problems"] == []
    assert data["node_kinds"]["root_cause"].startswith("A root cause")
    assert data["graph"] == {"review": "CR-2026-900", "title": "Child Q (fictional)"}


def test_node_link_data_says_what_is_wrong():
    graph = chain()
    graph.add_node("finding:F9", "finding", "Alone")
    assert any("finding:F9" in p for p in to_node_link(graph)["problems"])


# -- GraphML ------------------------------------------------------------------------------------


def test_graphml_reads_back_with_types_kept():
    text = to_graphml(chain())
    back = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    assert sorted(back.nodes) == sorted(chain().nx.nodes)
    assert back.number_of_edges() == 12
    assert back.nodes["event:E2"]["order"] == 1  # numbers stay numbers
    assert back.nodes["action:A1"]["tags"] == "a; b"  # lists become text
    assert back.nodes["finding:F2"]["status"] == "suggested"
    assert {d["kind"] for *_, d in back.edges(data=True)} == {
        "part_of", "led_to", "evidenced_by", "contributed_to", "raises", "addresses"}


def test_graphml_makes_a_column_of_mixed_values_text():
    graph = chain()
    graph.nx.nodes["event:E1"]["weight"] = 2
    graph.nx.nodes["event:E2"]["weight"] = "heavy"
    back = nx.read_graphml(io.BytesIO(to_graphml(graph).encode("utf-8")))
    assert (back.nodes["event:E1"]["weight"], back.nodes["event:E2"]["weight"]) == ("2", "heavy")


# -- DOT ----------------------------------------------------------------------------------------

QUOTED = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def dot_strings(text: str) -> list[str]:
    return [re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), s)
            for s in QUOTED.findall(text)]


def test_dot_is_a_well_formed_digraph():
    text = to_dot(chain(), "Child Q")
    lines = text.splitlines()
    assert lines[0] == 'digraph "Child Q" {' and lines[-1] == "}"
    body = lines[1:-1]
    assert all(line.endswith(";") for line in body)
    statements = [QUOTED.sub("S", line) for line in body]  # no stray quote outside a string
    assert all('"' not in s for s in statements)
    assert sum(" -> " in line for line in body) == 12
    assert '"finding:F2" [label="FINDING (SUGGESTED)\\nWhat finding:F2 says", shape=box, ' \
           'penwidth=2.5, style="dashed", kind="finding"];' in text


@pytest.mark.parametrize("label", HOSTILE)
def test_dot_escapes_hostile_labels(label):
    text = to_dot(chain({"finding:F1": label}), label)
    assert "\r" not in text
    assert text.count("\n") == len(text.splitlines())  # raw line breaks only end statements
    title = dot_strings(text.splitlines()[0])[0]
    assert title == clean_text(label).replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=80, deadline=None)
@given(st.text())
def test_dot_quote_round_trips_any_text(text):
    quoted = dot_quote(text)
    assert QUOTED.fullmatch(quoted)
    expected = clean_text(text).replace("\r\n", "\n").replace("\r", "\n")
    assert dot_strings(quoted) == [expected]


# -- layout -------------------------------------------------------------------------------------


def test_columns_follow_the_causal_order():
    plan = layout(chain())
    assert plan.column_kinds == (("evidence",), ("event",), ("episode",), ("factor", "strength"),
                                 ("root_cause",), ("finding",), ("recommendation",), ("action",))
    xs = [plan.boxes[c[0]].x for c in plan.columns]
    assert xs == sorted(xs)


def test_a_methodologys_kind_sits_beside_what_it_links_to():
    schema = GraphSchema(node_kinds={"pattern": "A pattern", "theme": "A theme"},
                         edge_kinds={"shows": "Shows"})
    graph = CausalGraph(schema)
    for node in ("finding:F1", "pattern:P1", "recommendation:R1", "theme:T1"):
        graph.add_node(node, node.split(":")[0], node)
    graph.add_edge("pattern:P1", "finding:F1", "shows")
    assert layout(graph).column_kinds == (("finding",), ("pattern",), ("recommendation",),
                                          ("theme",))


def test_barycentre_sweeps_untangle_crossed_links():
    graph = CausalGraph()
    for i in range(1, 6):
        graph.add_node(f"event:E{i}", "event", f"Event {i}", order=i)
        graph.add_node(f"episode:K{i}", "episode", f"Episode {i}")
    for i in range(1, 6):  # event i belongs to episode 6 - i: every pair crosses at first
        graph.add_edge(f"event:E{i}", f"episode:K{6 - i}", "part_of")
    column_of = {n: (0 if n.startswith("event") else 1) for n in graph.nx.nodes}
    neighbours = {n: sorted(set(graph.nx.successors(n)) | set(graph.nx.predecessors(n)))
                  for n in graph.nx.nodes}
    naive = [graph.nodes_of("event"), graph.nodes_of("episode")]
    assert count_crossings(naive, column_of, neighbours) == 10
    plan = layout(graph)
    assert count_crossings([list(c) for c in plan.columns], column_of, neighbours) == 0
    assert plan.columns[0] == ("event:E1", "event:E2", "event:E3", "event:E4", "event:E5")


def test_events_start_in_chronological_order_not_id_order():
    graph = CausalGraph()
    graph.add_node("event:B", "event", "later", order=1)
    graph.add_node("event:A", "event", "earlier", order=0)
    graph.add_node("event:E10", "event", "unordered ids sort naturally")
    graph.add_node("event:E9", "event", "before E10")
    assert layout(graph).columns[0] == ("event:A", "event:B", "event:E9", "event:E10")


def test_wrapping_breaks_long_words_and_cuts_long_text():
    assert wrap_label("") == [""]
    assert wrap_label("short words here", width=10) == ["short", "words here"]
    assert wrap_label("x" * 23, width=10) == ["x" * 10, "x" * 10, "xxx"]
    cut = wrap_label("word " * 50, width=10, max_lines=3)
    assert len(cut) == 3 and cut[-1].endswith("…") and all(len(line) <= 10 for line in cut)


# -- SVG ----------------------------------------------------------------------------------------


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))


def test_svg_is_standalone_and_accessible():
    svg = to_svg(chain(), "Causal graph of Child Q")
    root = parse(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    title_id, desc_id = root.get("aria-labelledby").split()
    assert {title_id, desc_id} <= ids
    assert root.find(f"{SVG}title").text == "Causal graph of Child Q"
    desc = root.find(f"{SVG}desc").text
    assert "11 nodes and 12 links" in desc and "No problems" in desc
    nodes = root.findall(f".//{SVG}g[@class='node']")
    assert len(nodes) == 11
    assert all(n.find(f"{SVG}title") is not None for n in nodes)  # a tooltip names each node
    kinds_written = {n.find(f"{SVG}text").text for n in nodes}  # written, not only coloured
    assert kinds_written == {"EVIDENCE", "EVENT", "EPISODE", "FACTOR", "STRENGTH", "ROOT CAUSE",
                             "FINDING", "FINDING (SUGGESTED)", "RECOMMENDATION", "ACTION"}
    assert len(root.findall(f".//{SVG}g[@class='links']/{SVG}path")) == 12
    key = root.find(f".//{SVG}g[@class='key']")
    key_text = " ".join(key.itertext())
    for words in ("root cause", "finding (suggested, not yet accepted)", "is evidenced by",
                  "contributed to", "addresses"):
        assert words in key_text
    markers = {f"url(#{m.get('id')})" for m in root.iter(f"{SVG}marker")}
    assert {p.get("marker-end") for p in root.iter(f"{SVG}path") if p.get("marker-end")} <= markers


def test_svg_says_how_many_problems_there_are():
    graph = chain()
    graph.add_node("finding:F9", "finding", "Alone")
    desc = parse(to_svg(graph, "t")).find(f"{SVG}desc").text
    assert "It has 1 problem: finding:F9" in desc


@pytest.mark.parametrize("label", HOSTILE)
def test_svg_escapes_hostile_labels(label):
    svg = to_svg(chain({"finding:F1": label, "event:E1": label}), label)
    root = parse(svg)  # well-formed whatever the label
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert not re.search("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b\x0c\x0e-\x1f]", svg)
    assert root.find(f"{SVG}title").text == " ".join(clean_text(label).split())
    node = next(n for n in root.iter(f"{SVG}g") if n.get("data-kind") == "finding"
                and "finding:F1" in n.find(f"{SVG}title").text)
    shown = [t.text for t in node.iter(f"{SVG}tspan")]
    assert 1 <= len(shown) <= 4 and all(len(line) <= 25 for line in shown)
    assert len(node.find(f"{SVG}title").text) < 1100  # the tooltip is capped too


def test_svg_keeps_the_text_it_escapes():
    root = parse(to_svg(chain({"finding:F1": "Tom & Jerry's <b>"}), "t"))
    lines = [t.text for t in root.iter(f"{SVG}tspan")]
    assert "Tom & Jerry's <b>" in lines


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=200), st.text(max_size=60))
def test_svg_parses_whatever_the_labels(label, title):
    parse(to_svg(chain({"factor:K1/workload": label, "action:A1": label}), title))


def test_svg_is_the_same_for_the_same_graph_however_it_was_built():
    first = chain()
    backwards = chain(order=list(reversed(list(first.nx.nodes))))
    assert to_svg(first, "t") == to_svg(first, "t") == to_svg(backwards, "t")
    assert to_dot(first) == to_dot(backwards)
    assert to_graphml(first) == to_graphml(backwards)
    assert to_node_link(first) == to_node_link(backwards)


def test_svg_of_an_empty_graph_says_so():
    root = parse(to_svg(CausalGraph(), "Nothing yet"))
    assert "Nothing to draw yet" in " ".join(root.itertext())


def test_svg_draws_a_methodologys_kinds_dashed_with_their_names():
    schema = GraphSchema(node_kinds={"pattern": "A pattern"}, edge_kinds={"shows": "Shows"})
    graph = CausalGraph(schema)
    graph.add_node("finding:F1", "finding", "F")
    graph.add_node("pattern:P1", "pattern", "P")
    graph.add_edge("pattern:P1", "finding:F1", "shows")
    root = parse(to_svg(graph, "t"))
    pattern = next(n for n in root.iter(f"{SVG}g") if n.get("data-kind") == "pattern")
    assert pattern.find(f"{SVG}rect").get("stroke-dasharray")
    assert "PATTERN" in "".join(pattern.itertext())
    assert "shows" in " ".join(root.find(f".//{SVG}g[@class='key']").itertext())


def test_a_large_graph_is_drawn_whole():
    graph = CausalGraph()
    for i in range(200):
        graph.add_node(f"event:E{i}", "event", f"Event {i} " * 5, order=i)
    for k in range(60):
        graph.add_node(f"episode:K{k}", "episode", f"Episode {k}")
        for i in range(k * 3, k * 3 + 4):
            graph.add_edge(f"event:E{i}", f"episode:K{k}", "part_of")
    for f in range(50):
        graph.add_node(f"factor:K{f}/x", "factor", "A factor")
        graph.add_edge(f"factor:K{f}/x", f"episode:K{(f * 7) % 60}", "contributed_to")
    root = parse(to_svg(graph, "Big"))
    assert len(root.findall(f".//{SVG}g[@class='node']")) == 310
