"""A review's causal graph built: the core's nodes and links (the chronology, the evidence, the
findings, the recommendations and the actions), then the methodology's through its
`build_causal_graph` hook. The graph itself, its kinds and rules are core.plugin_api.graph.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from core.kernel.dates import long_span
from core.kernel.model import merge_key
from core.kernel.state import ReviewState
from core.plugin_api.graph import CausalGraph
from core.plugin_api.plugins import PluginHost


def build_graph(host: PluginHost, state: ReviewState, *, check: bool = True,
                linked_events_only: bool = False) -> CausalGraph:
    """The review's causal graph: the core's nodes and links, then the methodology's (its
    `build_causal_graph` hook). With `check` (the default) an unsound graph raises
    GraphInvalid; pass check=False to draw a graph still being worked on.

    With `linked_events_only`, a chronology entry becomes a node only when something links to
    it (what a drawing shows): the graph of a 100,000-entry review without reading them all."""
    schema = host.methodology(state.methodology).graph_schema if state.methodology else None
    graph = CausalGraph(schema)
    if linked_events_only:
        graph.nx = _events_on_demand()(state=state)
    graph.nx.graph.update(
        review=state.id,
        title=state.header.title if state.header else state.id,
        methodology=state.methodology or "",
    )
    add_core_nodes(graph, state, events=not linked_events_only)
    if state.methodology:
        host.call_methodology(state.methodology, "build_causal_graph", review=state, graph=graph)
    if linked_events_only:
        graph.nx = graph.nx.in_chronology_order()
    if check:
        graph.validate()
    return graph


def add_core_nodes(graph: CausalGraph, state: ReviewState, *, events: bool = True) -> None:
    """Chronology events, evidence, findings, recommendations and actions, with their links.

    A finding may cite an evidence id or, failing that, a chronology entry id; an action may
    address a recommendation id or, failing that, a finding id. A reference to something the
    review does not hold is noted as a problem rather than refused, so the graph can still be
    drawn and the gap seen.
    """
    for order, entry in enumerate(state.sorted_chronology() if events else ()):
        graph.add_node(f"event:{entry.id}", "event", **_event_data(entry), order=order)
    for item in sorted(state.evidence.values(), key=lambda e: e.id):
        graph.add_node(f"evidence:{item.id}", "evidence", item.title, agency=item.agency,
                       evidence_kind=item.kind.value)
    for item in sorted(state.evidence.values(), key=lambda e: e.id):
        for entry_id in item.entry_ids:
            if entry_id in state.chronology:
                graph.add_edge(f"event:{entry_id}", f"evidence:{item.id}", "evidenced_by")
            else:
                graph.note_problem(f"evidence {item.id} refers to chronology entry {entry_id!r}, "
                                   "which the review does not hold")
    for finding in sorted(state.findings.values(), key=lambda f: f.id):
        graph.add_node(f"finding:{finding.id}", "finding", finding.title,
                       status=finding.status.value, category=finding.category)
        for cited in finding.evidence_ids:
            if cited in state.evidence:
                graph.add_edge(f"finding:{finding.id}", f"evidence:{cited}", "evidenced_by")
            elif cited in state.chronology:
                graph.add_edge(f"finding:{finding.id}", f"event:{cited}", "evidenced_by")
            else:
                graph.note_problem(f"finding {finding.id} cites evidence {cited!r}, which the "
                                   "review does not hold")
    for rec in sorted(state.recommendations.values(), key=lambda r: r.id):
        graph.add_node(f"recommendation:{rec.id}", "recommendation", rec.text,
                       strength=rec.strength)
        for finding_id in rec.finding_ids:
            if finding_id in state.findings:
                graph.add_edge(f"recommendation:{rec.id}", f"finding:{finding_id}", "addresses")
            else:
                graph.note_problem(f"recommendation {rec.id} addresses finding {finding_id!r}, "
                                   "which the review does not hold")
    for action in sorted(state.actions.values(), key=lambda a: a.id):
        graph.add_node(f"action:{action.id}", "action", action.description, owner=action.owner,
                       due=action.due.isoformat(), status=action.status.value)
        for ref in action.addresses:
            if ref in state.recommendations:
                graph.add_edge(f"action:{action.id}", f"recommendation:{ref}", "addresses")
            elif ref in state.findings:
                graph.add_edge(f"action:{action.id}", f"finding:{ref}", "addresses")
            else:
                graph.note_problem(f"action {action.id} addresses {ref!r}, which is neither a "
                                   "recommendation nor a finding of the review")


def _event_data(entry: Any) -> dict[str, Any]:
    when = long_span(entry.date)  # in words, as the report writes dates: never 11/01/2022
    return {"label": f"{when} {entry.agency}: {entry.what_happened}", "date": when,
            "agency": entry.agency}


@cache
def _events_on_demand() -> type:
    """The class of a graph that adds a chronology entry's node when it is first asked for
    (made on first use: networkx waits until a graph is made)."""
    import networkx as nx

    class EventsOnDemand(nx.MultiDiGraph):
        """A graph that adds a chronology entry's node when it is first asked for (a link to it,
        or `has_node`), and remembers the order links were made, so that `in_chronology_order`
        gives the very graph `add_core_nodes` makes, less the entries nothing links to."""

        def __init__(self, incoming_graph_data: Any = None, state: Any = None, **attr: Any) -> None:
            super().__init__(incoming_graph_data, **attr)
            self._state = state
            self._links: list[tuple[Any, Any, Any, dict[str, Any]]] = []

        def has_node(self, n: Any) -> bool:
            if super().has_node(n):
                return True
            if self._state is None or not isinstance(n, str) or not n.startswith("event:"):
                return False
            entry = self._state.chronology.get(n[len("event:"):])
            if entry is None:
                return False
            data = _event_data(entry)
            self.add_node(n, kind="event", label=data.pop("label").strip(), **data)
            return True

        def add_edge(self, u_for_edge: Any, v_for_edge: Any, key: Any = None, **attr: Any) -> Any:
            self._links.append((u_for_edge, v_for_edge, key, attr))
            return super().add_edge(u_for_edge, v_for_edge, key=key, **attr)

        def in_chronology_order(self) -> Any:
            """A plain graph: the entries first, in the merged chronology's order and numbered so,
            then the other nodes and the links in the order they were made."""
            chronology = self._state.chronology
            events = sorted((n for n, kind in self.nodes(data="kind") if kind == "event"),
                            key=lambda n: merge_key(chronology[n[len("event:"):]]))
            graph = nx.MultiDiGraph()
            graph.graph.update(self.graph)
            for order, node in enumerate(events):
                graph.add_node(node, **self.nodes[node], order=order)
            for node, data in self.nodes(data=True):
                if data.get("kind") != "event":
                    graph.add_node(node, **data)
            for u, v, key, attr in self._links:
                graph.add_edge(u, v, key=key, **attr)
            return graph

    return EventsOnDemand
