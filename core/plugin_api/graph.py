"""The review's causal graph: typed nodes and links from the evidence to the actions, and its rules.

One graph per review (a networkx MultiDiGraph). The core adds the chronology, the evidence, the
findings, the recommendations and the improvement actions; the review's methodology adds its
analysis (episodes, factors, root causes, ...) through the `build_causal_graph` hook, with the
kinds it declared in its GraphSchema. `problems()` checks the rules; `validate()` raises.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from core.kernel.errors import GraphInvalid, InvalidValue
from core.kernel.model import FindingStatus
from core.kernel.text import shorten
from core.plugin_api.methodology import GraphSchema

CORE_NODE_KINDS: dict[str, str] = {
    "event": "Something that happened, as an agency recorded it in the chronology",
    "episode": "A key practice episode: a significant action, inaction or period of practice",
    "factor": "A contributory factor: something that helped or hindered practice",
    "root_cause": "A root cause: the most fundamental factor, whose removal most prevents a "
    "recurrence",
    "strength": "Good practice, or a strength to build on",
    "finding": "A finding of the review",
    "recommendation": "A recommendation to the partnership",
    "action": "An improvement action, with an owner and a date",
    "evidence": "Evidence the review holds: an agency report, a conversation, a document",
}

CORE_EDGE_KINDS: dict[str, str] = {
    "contributed_to": "A helped to bring B about (causal)",
    "led_to": "A happened and, because of it, B happened (causal)",
    "evidenced_by": "A rests on B as its evidence",
    "part_of": "A is part of B, such as an event within a key practice episode",
    "addresses": "A responds to B: a recommendation to a finding, an action to a recommendation",
    "raises": "A prompts B: an episode or a factor raises a finding to consider",
}

# Causal links must never loop: a cause cannot also be its own effect.
CAUSAL_EDGE_KINDS = frozenset({"contributed_to", "led_to"})
# What a finding's evidence must finally rest on: a recorded event or an item of evidence.
EVIDENTIAL_KINDS = frozenset({"event", "evidence"})

_ANALYSIS = ("event", "episode", "factor", "root_cause", "strength")


def _triples(
    edge: str, sources: tuple[str, ...], targets: tuple[str, ...]
) -> set[tuple[str, str, str]]:
    return {(edge, source, target) for source in sources for target in targets}


# The links between core kinds that make sense. A methodology may allow more in its
# GraphSchema.allowed; it cannot take these away, because the core's own links use them.
CORE_ALLOWED: frozenset[tuple[str, str, str]] = frozenset(
    _triples("contributed_to", _ANALYSIS, (*_ANALYSIS, "finding"))
    | _triples("led_to", ("event", "episode"), ("event", "episode"))
    | _triples("evidenced_by", (*_ANALYSIS, "finding"), ("evidence", "event", "episode"))
    | _triples("part_of", ("event", "episode"), ("episode",))
    | {("part_of", "factor", "factor"), ("part_of", "evidence", "evidence")}
    | _triples("addresses", ("recommendation",), ("finding", "root_cause", "factor"))
    | _triples("addresses", ("action",), ("recommendation", "finding"))
    | _triples("raises", _ANALYSIS, ("finding",))
)


class CausalGraph:
    """A review's typed graph. Node ids have the form "<kind>:<id>", e.g. "episode:KPE-1".

    Rules, all reported by `problems()`:

    * every node and link has a known kind (the core's, or the methodology's GraphSchema), and
      each link joins kinds that may be joined: a triple in CORE_ALLOWED or in the schema's
      `allowed`. A methodology that declares no `allowed` triples may link its own kinds freely;
      links between core kinds by core link kinds must always be in CORE_ALLOWED or `allowed`;
    * causal links (contributed_to, led_to) form no loop;
    * every finding is evidenced. Precisely: walking from the finding, one may step from a node
      to the target of its `evidenced_by` links, and back from a node to the source of any
      `contributed_to` or `part_of` link that ends at it (what contributed to it, what it is
      made of); the finding is evidenced when such a walk reaches an event or evidence node.
      `led_to` and `raises` do not count: what came before or what prompted a finding is not
      its evidence. Suggested findings are held to this rule too: a suggestion that cannot
      point to its evidence is the one a reviewer most needs to see flagged;
    * every recommendation addresses a finding, and at least one a reviewer has accepted (not
      status "suggested"): the chain from evidence to action runs through human judgement;
    * every action addresses a recommendation, or an accepted finding.
    """

    def __init__(self, schema: GraphSchema | None = None) -> None:
        self.schema = schema or GraphSchema()
        self.node_kinds: dict[str, str] = {**self.schema.node_kinds, **CORE_NODE_KINDS}
        self.edge_kinds: dict[str, str] = {**self.schema.edge_kinds, **CORE_EDGE_KINDS}
        import networkx as nx  # networkx waits until a graph is made

        self.nx: Any = nx.MultiDiGraph()
        self._noted: list[str] = []

    # -- building --------------------------------------------------------------------------

    def add_node(self, node_id: str, kind: str, label: str, **data: Any) -> None:
        """Add a node (or update one of the same kind). Refuses unknown kinds and ids that do
        not have the form "<kind>:<id>"."""
        if kind not in self.node_kinds:
            raise InvalidValue(
                f"cannot add {node_id!r}: {kind!r} is not a node kind of this graph (known: "
                f"{', '.join(sorted(self.node_kinds))}); a methodology declares its own kinds "
                "in its GraphSchema"
            )
        prefix = f"{kind}:"
        if not node_id.startswith(prefix) or len(node_id) == len(prefix):
            raise InvalidValue(f"a {kind} node's id has the form '{kind}:<id>', not {node_id!r}")
        if self.nx.has_node(node_id) and self.nx.nodes[node_id].get("kind") != kind:
            raise InvalidValue(f"{node_id!r} is already in the graph as another kind of node")
        text = str(label).strip() or node_id[len(prefix):]
        self.nx.add_node(node_id, kind=kind, label=text, **data)

    def add_edge(self, source: str, target: str, kind: str, **data: Any) -> None:
        """Link two nodes already in the graph. Refuses unknown link kinds, links to itself,
        and links between kinds that may not be joined this way. Adding the same link twice
        keeps one."""
        for end in (source, target):
            if not self.nx.has_node(end):
                raise InvalidValue(
                    f"cannot link {source!r} to {target!r}: there is no node {end!r}; add it first"
                )
        if source == target:
            raise InvalidValue(f"cannot link {source!r} to itself")
        refusal = self._refusal(source, target, kind)
        if refusal:
            raise InvalidValue(refusal)
        self.nx.add_edge(source, target, key=kind, kind=kind, **data)

    def note_problem(self, problem: str) -> None:
        """Record a problem found while building, such as a finding citing missing evidence."""
        self._noted.append(problem)

    def _refusal(self, source: str, target: str, kind: str) -> str | None:
        if kind not in self.edge_kinds:
            return (
                f"cannot link {source!r} to {target!r}: {kind!r} is not a link kind of this "
                f"graph (known: {', '.join(sorted(self.edge_kinds))})"
            )
        source_kind, target_kind = self.kind_of(source), self.kind_of(target)
        triple = (kind, source_kind, target_kind)
        if triple in CORE_ALLOWED or triple in self.schema.allowed:
            return None
        core_only = kind in CORE_EDGE_KINDS and {source_kind, target_kind} <= set(CORE_NODE_KINDS)
        if not core_only and not self.schema.allowed:
            return None
        may = sorted(t for (e, s, t) in CORE_ALLOWED | set(self.schema.allowed)
                     if e == kind and s == source_kind)
        return (
            f"cannot link {source!r} to {target!r} by {kind!r}: {_a(source_kind)} may be linked "
            f"that way only to {', '.join(may) or 'nothing'}; a methodology that needs this "
            "link declares it in its GraphSchema.allowed"
        )

    # -- reading ---------------------------------------------------------------------------

    def kind_of(self, node_id: str) -> str:
        return str(self.nx.nodes[node_id].get("kind", ""))

    def label_of(self, node_id: str) -> str:
        return str(self.nx.nodes[node_id].get("label", node_id))

    def nodes_of(self, kind: str) -> list[str]:
        """The ids of every node of `kind`, sorted."""
        return sorted(n for n, k in self.nx.nodes(data="kind") if k == kind)

    def edges(self) -> list[tuple[str, str, str]]:
        """Every link as (source, target, kind), sorted."""
        return sorted((s, t, str(k)) for s, t, k in self.nx.edges(data="kind"))

    def is_evidenced(self, node_id: str) -> bool:
        """True when a walk from `node_id`, as the class docstring defines it, reaches an
        event or evidence node."""
        seen, stack = {node_id}, [node_id]
        while stack:
            for step in self._supports(stack.pop()):
                if step in seen:
                    continue
                if self.kind_of(step) in EVIDENTIAL_KINDS:
                    return True
                seen.add(step)
                stack.append(step)
        return False

    def _supports(self, node_id: str) -> Iterator[str]:
        for _, target, kind in self.nx.out_edges(node_id, data="kind"):
            if kind == "evidenced_by":
                yield target
        for source, _, kind in self.nx.in_edges(node_id, data="kind"):
            if kind in ("contributed_to", "part_of"):
                yield source

    def _targets(self, node_id: str, edge_kind: str) -> list[str]:
        return sorted(t for _, t, k in self.nx.out_edges(node_id, data="kind") if k == edge_kind)

    def _accepted(self, node_id: str) -> bool:
        return self.nx.nodes[node_id].get("status") != FindingStatus.SUGGESTED.value

    # -- checking --------------------------------------------------------------------------

    def problems(self) -> list[str]:
        """Every rule the graph breaks, in plain English; empty when it is sound."""
        return [
            *self._noted,
            *self._kind_problems(),
            *self._causal_loops(),
            *self._unevidenced_findings(),
            *self._unaddressing("recommendation", ("finding",)),
            *self._unaddressing("action", ("recommendation", "finding")),
        ]

    def validate(self) -> None:
        """Raise GraphInvalid listing every problem, or return quietly."""
        found = self.problems()
        if found:
            raise GraphInvalid(found)

    def _kind_problems(self) -> list[str]:
        # add_node/add_edge refuse these; this catches changes made directly on `.nx`.
        found = [
            f"{node} has no known node kind ({kind!r})"
            for node, kind in sorted(self.nx.nodes(data="kind"), key=lambda item: item[0])
            if kind not in self.node_kinds
        ]
        for source, target, kind in self.edges():
            if {self.kind_of(source), self.kind_of(target)} <= set(self.node_kinds):
                refusal = self._refusal(source, target, kind)
                if refusal:
                    found.append(refusal.replace("cannot link", "the graph links", 1))
        return found

    def _causal_loops(self) -> list[str]:
        import networkx as nx

        causal = nx.DiGraph()
        causal.add_edges_from(sorted((s, t) for s, t, k in self.edges() if k in CAUSAL_EDGE_KINDS))
        found = []
        for component in sorted(nx.strongly_connected_components(causal), key=min):
            start = min(component)
            if len(component) == 1 and not causal.has_edge(start, start):
                continue
            loop = nx.find_cycle(causal.subgraph(component), source=start)
            path = " → ".join([edge[0] for edge in loop] + [loop[0][0]])
            found.append(f"causal links form a loop: {path}; a cause cannot also be its own effect")
        return found

    def _unevidenced_findings(self) -> list[str]:
        return [
            f"{node} ({shorten(self.label_of(node), 60)}) is not evidenced: no chain of "
            "evidenced_by, contributed_to or part_of links leads from it to a chronology event or "
            "evidence"
            for node in self.nodes_of("finding")
            if not self.is_evidenced(node)
        ]

    def _unaddressing(self, kind: str, targets: tuple[str, ...]) -> list[str]:
        found = []
        wanted = " or ".join(targets)
        for node in self.nodes_of(kind):
            addressed = [t for t in self._targets(node, "addresses") if self.kind_of(t) in targets]
            if not addressed:
                found.append(f"{node} ({shorten(self.label_of(node), 60)}) addresses no {wanted}")
            elif not any(self.kind_of(t) != "finding" or self._accepted(t) for t in addressed):
                found.append(
                    f"{node} addresses only suggested findings ({', '.join(addressed)}); a "
                    "reviewer must accept a finding before anything can rest on it"
                )
        return found


def _a(kind: str) -> str:
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}"
