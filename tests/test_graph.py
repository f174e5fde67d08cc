"""The causal graph's kinds and rules, and the core's part of a review's graph
(core.plugin_api.graph)."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import hookimpl
from core.analysis.causal_graph import build_graph
from core.kernel.dates import PartialDate
from core.kernel.errors import CaseReviewError, GraphInvalid, InvalidValue, PluginError
from core.kernel.model import (
    ChronologyEntry,
    Evidence,
    Finding,
    ImprovementAction,
    Recommendation,
    Review,
    Subject,
)
from core.kernel.state import ReviewState
from core.plugin_api.graph import (
    CORE_ALLOWED,
    CORE_EDGE_KINDS,
    CORE_NODE_KINDS,
    EVIDENTIAL_KINDS,
    CausalGraph,
)
from core.plugin_api.methodology import PRINCIPLES, GraphSchema, Methodology
from core.plugin_api.plugins import PluginHost


def make(*nodes: str, schema: GraphSchema | None = None, **data: dict) -> CausalGraph:
    """A graph with nodes named "<kind>:<id>"; `data` gives extra attributes by node id."""
    graph = CausalGraph(schema)
    for node in nodes:
        graph.add_node(node, node.split(":")[0], f"label of {node}", **data.get(node, {}))
    return graph


# -- kinds -------------------------------------------------------------------------------------


def test_the_core_kinds_are_the_agreed_ones():
    assert set(CORE_NODE_KINDS) == {"event", "episode", "factor", "finding", "root_cause",
                                    "strength", "recommendation", "action", "evidence"}
    assert set(CORE_EDGE_KINDS) == {"contributed_to", "led_to", "evidenced_by", "part_of",
                                    "addresses", "raises"}
    assert all(e in CORE_EDGE_KINDS and s in CORE_NODE_KINDS and t in CORE_NODE_KINDS
               for e, s, t in CORE_ALLOWED)


def test_an_unknown_node_kind_is_refused_naming_the_known_ones():
    graph = CausalGraph()
    with pytest.raises(InvalidValue, match=r"'pattern' is not a node kind.*finding.*GraphSchema"):
        graph.add_node("pattern:P1", "pattern", "A pattern")
    assert graph.nx.number_of_nodes() == 0


@pytest.mark.parametrize("node_id", ["F1", "finding:", "event:E1"])
def test_a_node_id_must_carry_its_kind(node_id):
    with pytest.raises(InvalidValue, match="'finding:<id>'"):
        CausalGraph().add_node(node_id, "finding", "A finding")


def test_a_node_cannot_change_kind_but_can_be_updated():
    graph = make("finding:F1")
    graph.add_node("finding:F1", "finding", "Renamed", status="draft")
    assert graph.label_of("finding:F1") == "Renamed"
    graph.nx.nodes["finding:F1"]["kind"] = "event"  # pretend it was added as another kind
    with pytest.raises(InvalidValue, match="another kind"):
        graph.add_node("finding:F1", "finding", "Again")


def test_an_empty_label_falls_back_to_the_id():
    graph = CausalGraph()
    graph.add_node("event:E7", "event", "   ")
    assert graph.label_of("event:E7") == "E7"


def test_an_unknown_link_kind_is_refused():
    graph = make("finding:F1", "evidence:V1")
    with pytest.raises(InvalidValue, match="'proves' is not a link kind"):
        graph.add_edge("finding:F1", "evidence:V1", "proves")


def test_a_link_to_a_missing_node_is_refused():
    graph = make("finding:F1")
    with pytest.raises(InvalidValue, match="there is no node 'evidence:V9'; add it first"):
        graph.add_edge("finding:F1", "evidence:V9", "evidenced_by")


def test_a_link_to_itself_is_refused():
    graph = make("factor:A")
    with pytest.raises(InvalidValue, match="to itself"):
        graph.add_edge("factor:A", "factor:A", "contributed_to")


@pytest.mark.parametrize(
    ("source", "target", "kind"),
    [
        ("evidence:V1", "action:A1", "addresses"),  # evidence responds to nothing
        ("evidence:V1", "finding:F1", "evidenced_by"),  # backwards
        ("action:A1", "event:E1", "contributed_to"),  # an action is not a cause in the story
        ("finding:F1", "recommendation:R1", "addresses"),  # backwards
    ],
)
def test_the_core_refuses_links_that_make_no_sense(source, target, kind):
    graph = make("evidence:V1", "action:A1", "finding:F1", "event:E1", "recommendation:R1")
    with pytest.raises(InvalidValue, match=r"may be linked that way only to.*GraphSchema\.allowed"):
        graph.add_edge(source, target, kind)


def test_the_same_link_twice_is_kept_once():
    graph = make("finding:F1", "evidence:V1")
    graph.add_edge("finding:F1", "evidence:V1", "evidenced_by")
    graph.add_edge("finding:F1", "evidence:V1", "evidenced_by")
    assert graph.edges() == [("finding:F1", "evidence:V1", "evidenced_by")]


PATTERNS = GraphSchema(
    node_kinds={"pattern": "An underlying pattern in the system"},
    edge_kinds={"shows": "A pattern shows itself in a finding"},
    allowed=[("shows", "pattern", "finding"), ("addresses", "recommendation", "episode")],
)


def test_a_schema_adds_kinds_and_its_allowed_triples_are_a_whitelist():
    graph = make("pattern:P1", "finding:F1", "event:E1", "recommendation:R1", "episode:K1",
                 schema=PATTERNS)
    graph.add_edge("pattern:P1", "finding:F1", "shows")
    graph.add_edge("recommendation:R1", "episode:K1", "addresses")  # a core triple it allowed
    graph.add_edge("recommendation:R1", "finding:F1", "addresses")  # the core's own stay allowed
    with pytest.raises(InvalidValue, match="a pattern may be linked that way only to finding"):
        graph.add_edge("pattern:P1", "event:E1", "shows")
    with pytest.raises(InvalidValue, match="an event may be linked that way only to episode"):
        graph.add_edge("event:E1", "pattern:P1", "contributed_to")


def test_a_schema_without_allowed_triples_links_its_own_kinds_freely():
    schema = GraphSchema(node_kinds={"pattern": "A pattern"}, edge_kinds={"shows": "Shows"})
    graph = make("pattern:P1", "event:E1", "finding:F1", schema=schema)
    graph.add_edge("pattern:P1", "event:E1", "shows")
    graph.add_edge("event:E1", "pattern:P1", "contributed_to")
    with pytest.raises(InvalidValue):  # core kinds by a core link kind: still the core's rules
        graph.add_edge("finding:F1", "event:E1", "led_to")


def test_nodes_of_is_sorted_by_id():
    graph = make("event:E2", "event:E1", "finding:F1")
    assert graph.nodes_of("event") == ["event:E1", "event:E2"]
    assert graph.nodes_of("strength") == []


# -- rules -------------------------------------------------------------------------------------


def sound() -> CausalGraph:
    """Evidence to action, every rule kept."""
    graph = make("event:E1", "evidence:V1", "episode:K1", "factor:K1/workload", "finding:F1",
                 "recommendation:R1", "action:A1", **{"finding:F1": {"status": "final"}})
    graph.add_edge("event:E1", "episode:K1", "part_of")
    graph.add_edge("factor:K1/workload", "episode:K1", "contributed_to")
    graph.add_edge("event:E1", "evidence:V1", "evidenced_by")
    graph.add_edge("finding:F1", "episode:K1", "evidenced_by")
    graph.add_edge("recommendation:R1", "finding:F1", "addresses")
    graph.add_edge("action:A1", "recommendation:R1", "addresses")
    return graph


def test_a_sound_graph_has_no_problems():
    graph = sound()
    assert graph.problems() == []
    graph.validate()


def test_a_causal_loop_is_found_and_shown():
    graph = make("factor:A", "factor:B", "episode:K1", "event:E1", "event:E2")
    graph.add_edge("factor:A", "factor:B", "contributed_to")
    graph.add_edge("factor:B", "episode:K1", "contributed_to")
    graph.add_edge("episode:K1", "factor:A", "contributed_to")
    graph.add_edge("event:E1", "event:E2", "led_to")
    graph.add_edge("event:E2", "event:E1", "led_to")
    loops = [p for p in graph.problems() if "loop" in p]
    assert loops == [
        "causal links form a loop: episode:K1 → factor:A → factor:B → episode:K1; a cause "
        "cannot also be its own effect",
        "causal links form a loop: event:E1 → event:E2 → event:E1; a cause cannot also be its "
        "own effect",
    ]


def test_a_loop_of_links_that_are_not_causal_is_not_a_causal_loop():
    graph = make("episode:K1", "episode:K2")
    graph.add_edge("episode:K1", "episode:K2", "part_of")
    graph.add_edge("episode:K2", "episode:K1", "part_of")
    assert not [p for p in graph.problems() if "loop" in p]


def test_an_unevidenced_finding_is_found():
    graph = make("finding:F1", "finding:F2", "evidence:V1")
    graph.add_edge("finding:F2", "evidence:V1", "evidenced_by")
    assert graph.problems() == [
        "finding:F1 (label of finding:F1) is not evidenced: no chain of evidenced_by, "
        "contributed_to or part_of links leads from it to a chronology event or evidence"
    ]


CHAINS = {
    # name: (links, evidenced?)
    "cites evidence": ([("finding:F", "evidence:V", "evidenced_by")], True),
    "cites an event": ([("finding:F", "event:E", "evidenced_by")], True),
    "through an episode made of events": (
        [("finding:F", "episode:K", "evidenced_by"), ("event:E", "episode:K", "part_of")], True),
    "through an episode with nothing in it": ([("finding:F", "episode:K", "evidenced_by")], False),
    "through factors that rest on an event": (
        [("factor:A", "finding:F", "contributed_to"), ("factor:B", "factor:A", "contributed_to"),
         ("factor:B", "event:E", "evidenced_by")], True),
    "a factor with no evidence": ([("factor:A", "finding:F", "contributed_to")], False),
    "only raised by an evidenced episode": (
        [("episode:K", "finding:F", "raises"), ("event:E", "episode:K", "part_of")], False),
    "only events that led to an episode": (
        [("finding:F", "episode:K", "evidenced_by"), ("episode:K", "event:E", "led_to")], False),
    "a recommendation is not evidence": (
        [("recommendation:R", "finding:F", "addresses"),
         ("factor:A", "finding:F", "contributed_to"),
         ("recommendation:R", "factor:A", "addresses")], False),
}


@pytest.mark.parametrize("name", list(CHAINS))
def test_what_counts_as_evidence_for_a_finding(name):
    links, evidenced = CHAINS[name]
    nodes = sorted({end for s, t, _ in links for end in (s, t)})
    graph = make(*nodes)
    for source, target, kind in links:
        graph.add_edge(source, target, kind)
    assert graph.is_evidenced("finding:F") is evidenced
    assert any("finding:F " in p for p in graph.problems()) is not evidenced


def test_suggested_findings_must_be_evidenced_too():
    graph = make("finding:F1", **{"finding:F1": {"status": "suggested"}})
    assert any("finding:F1" in p and "not evidenced" in p for p in graph.problems())


NODES = ["event:E1", "event:E2", "evidence:V1", "episode:K1", "episode:K2", "factor:A",
         "factor:B", "root_cause:C", "strength:S", "finding:F1", "finding:F2"]
POSSIBLE = [(s, t, e) for s in NODES for t in NODES if s != t for e in CORE_EDGE_KINDS
            if (e, s.split(":")[0], t.split(":")[0]) in CORE_ALLOWED]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(POSSIBLE), max_size=25))
def test_being_evidenced_is_reachability_along_the_defined_steps(links):
    graph = make(*NODES)
    steps = nx.DiGraph()  # the walk as plain reachability: evidenced_by forwards, the others back
    steps.add_nodes_from(NODES)
    for source, target, kind in links:
        graph.add_edge(source, target, kind)
        if kind == "evidenced_by":
            steps.add_edge(source, target)
        elif kind in ("contributed_to", "part_of"):
            steps.add_edge(target, source)
    for finding in ("finding:F1", "finding:F2"):
        reached = {n.split(":")[0] for n in nx.descendants(steps, finding)}
        assert graph.is_evidenced(finding) is bool(reached & EVIDENTIAL_KINDS)


def test_a_recommendation_must_address_a_finding():
    graph = make("recommendation:R1", "recommendation:R2", "root_cause:C", "finding:F1",
                 "event:E1")
    graph.add_edge("finding:F1", "event:E1", "evidenced_by")
    graph.add_edge("recommendation:R2", "finding:F1", "addresses")
    graph.add_edge("recommendation:R1", "root_cause:C", "addresses")
    assert graph.problems() == ["recommendation:R1 (label of recommendation:R1) addresses no "
                                "finding"]


def test_a_recommendation_resting_only_on_suggestions_is_a_problem():
    graph = make("recommendation:R1", "finding:F1", "event:E1",
                 **{"finding:F1": {"status": "suggested"}})
    graph.add_edge("finding:F1", "event:E1", "evidenced_by")
    graph.add_edge("recommendation:R1", "finding:F1", "addresses")
    assert graph.problems() == [
        "recommendation:R1 addresses only suggested findings (finding:F1); a reviewer must "
        "accept a finding before anything can rest on it"
    ]
    graph.nx.nodes["finding:F1"]["status"] = "draft"
    assert graph.problems() == []


def test_an_action_must_address_a_recommendation_or_a_finding():
    graph = sound()
    graph.add_node("action:A2", "action", "Audit the referrals")
    graph.add_node("action:A3", "action", "Brief the front door")
    graph.add_edge("action:A3", "finding:F1", "addresses")  # straight to a finding is fine
    assert graph.problems() == ["action:A2 (Audit the referrals) addresses no recommendation or "
                                "finding"]


def test_validate_raises_one_error_listing_every_problem():
    graph = make("finding:F1", "recommendation:R1", "action:A1")
    with pytest.raises(GraphInvalid) as caught:
        graph.validate()
    assert isinstance(caught.value, CaseReviewError)
    assert len(caught.value.problems) == 3
    assert "3 problems" in str(caught.value)
    assert caught.value.hint and "--check" in caught.value.hint


def test_changes_made_directly_on_networkx_are_still_checked():
    graph = sound()
    graph.nx.add_node("mystery")
    graph.nx.add_edge("evidence:V1", "action:A1", key="addresses", kind="addresses")
    found = graph.problems()
    assert "mystery has no known node kind (None)" in found
    assert any(p.startswith("the graph links 'evidence:V1' to 'action:A1'") for p in found)


# -- the core's part of a review's graph ---------------------------------------------------------


def review_state(methodology: str | None = None) -> ReviewState:
    state = ReviewState(id="CR-2026-900", header=Review(
        id="CR-2026-900", title="Child Q (fictional)", regime="test-regime", area="Westmere",
        subject=Subject("Child Q"), incident_date=dt.date(2025, 6, 1),
        notified_on=dt.date(2025, 6, 3), methodology=methodology))
    day = PartialDate.day
    state.chronology.update({
        "E2": ChronologyEntry("E2", "Westmere Police", day(dt.date(2025, 2, 1)), "Call to home"),
        "E1": ChronologyEntry("E1", "Westmere GP", day(dt.date(2025, 1, 5)), "Missed appointment"),
    })
    state.evidence["V1"] = Evidence("V1", "agency_report", "Police report", entry_ids=("E2", "E9"))
    state.findings["F1"] = Finding("F1", "Calls not shared", "Police calls were not shared",
                                   evidence_ids=("V1",))
    state.findings["F2"] = Finding("F2", "Missed appointments", "Not followed up",
                                   evidence_ids=("E1",), status="final")
    state.findings["F3"] = Finding("F3", "A hunch", "Not yet evidenced", evidence_ids=("V7",),
                                   status="suggested")
    state.recommendations["R1"] = Recommendation("R1", "Share police calls", ("F1", "F8"))
    state.actions["A1"] = ImprovementAction("A1", "Daily call review", "Police",
                                            dt.date(2026, 1, 1), "All calls reviewed",
                                            ("R1", "F2", "X1"))
    return state


def bare_host(*extra: tuple[str, object]) -> PluginHost:
    return PluginHost.load(entry_points=False, extra=list(extra))


def test_build_graph_adds_the_core_nodes_and_links():
    graph = build_graph(bare_host(), review_state(), check=False)
    assert graph.nodes_of("event") == ["event:E1", "event:E2"]
    assert graph.nx.nodes["event:E1"]["order"] == 0  # chronological, for drawing
    assert graph.nx.nodes["finding:F3"]["status"] == "suggested"
    assert graph.edges() == [
        ("action:A1", "finding:F2", "addresses"),
        ("action:A1", "recommendation:R1", "addresses"),
        ("event:E2", "evidence:V1", "evidenced_by"),
        ("finding:F1", "evidence:V1", "evidenced_by"),
        ("finding:F2", "event:E1", "evidenced_by"),
        ("recommendation:R1", "finding:F1", "addresses"),
    ]
    assert graph.nx.graph["review"] == "CR-2026-900"
    problems = graph.problems()
    for missing in ("evidence V1 refers to chronology entry 'E9'",
                    "finding F3 cites evidence 'V7'",
                    "recommendation R1 addresses finding 'F8'",
                    "action A1 addresses 'X1'"):
        assert any(p.startswith(missing) for p in problems), missing
    assert any(p.startswith("finding:F3 (A hunch) is not evidenced") for p in problems)


def test_build_graph_checks_unless_told_not_to():
    with pytest.raises(GraphInvalid):
        build_graph(bare_host(), review_state())
    state = review_state()
    del state.findings["F3"]
    state.evidence["V1"] = Evidence("V1", "agency_report", "Police report", entry_ids=("E2",))
    state.recommendations["R1"] = Recommendation("R1", "Share police calls", ("F1",))
    state.actions["A1"] = ImprovementAction("A1", "Daily call review", "Police",
                                            dt.date(2026, 1, 1), "All calls reviewed", ("R1",))
    assert build_graph(bare_host(), state).problems() == []


def methodology(name: str, schema: GraphSchema) -> Methodology:
    return Methodology(name=name, title="Patterns (test)", summary="A method for tests.",
                       fits_when=(), not_fits_when=(),
                       principles={p: "Shown in tests" for p in PRINCIPLES}, graph_schema=schema)


class PatternMethod:
    """A temporary methodology plugin that adds a node kind of its own."""

    @hookimpl
    def register_methodologies(self, register):
        register(methodology("patterns", PATTERNS))

    @hookimpl
    def build_causal_graph(self, review, methodology, graph):
        graph.add_node("pattern:P1", "pattern", f"Optimism about {review.review.subject.pseudonym}")
        graph.add_edge("pattern:P1", "finding:F1", "shows")


def test_a_methodology_adds_its_own_kinds_through_the_hook():
    host = bare_host(("patterns", PatternMethod()))
    graph = build_graph(host, review_state("patterns"), check=False)
    assert graph.node_kinds["pattern"] == "An underlying pattern in the system"
    assert graph.nodes_of("pattern") == ["pattern:P1"]
    assert ("pattern:P1", "finding:F1", "shows") in graph.edges()
    assert graph.label_of("pattern:P1") == "Optimism about Child Q"


class CarelessMethod:
    @hookimpl
    def register_methodologies(self, register):
        register(methodology("careless", GraphSchema()))

    @hookimpl
    def build_causal_graph(self, graph):
        graph.add_node("theme:T1", "theme", "A kind it never declared")


def test_a_methodology_using_an_undeclared_kind_is_named():
    host = bare_host(("careless", CarelessMethod()))
    with pytest.raises(PluginError, match=r"plugin 'careless' failed in build_causal_graph.*"
                                          r"'theme' is not a node kind"):
        build_graph(host, review_state("careless"), check=False)


def test_another_methodologys_kinds_are_unknown_without_its_schema():
    host = bare_host(("patterns", PatternMethod()), ("careless", CarelessMethod()))
    graph = build_graph(host, ReviewState(id="CR-2026-901"), check=False)  # no methodology
    with pytest.raises(InvalidValue):
        graph.add_node("pattern:P1", "pattern", "Not this review's method")
