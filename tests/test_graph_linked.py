"""The report's graph is built with only the chronology entries something links to: the same
drawing, problems and chains as the whole graph less its lonely entries."""

from __future__ import annotations

import pytest

from core.analysis.causal_graph import build_graph
from core.output.graph_svg import to_svg
from core.output.report.graphs import _chains, _drawable
from plugins.testing import build_sample_review


@pytest.mark.parametrize("methodology", ["rca", "learning-together"])
def test_linked_events_only_draws_the_same_graph(reviews, methodology):
    state = build_sample_review(reviews, methodology=methodology)
    whole = build_graph(reviews.host, state, check=False)
    linked = build_graph(reviews.host, state, check=False, linked_events_only=True)
    drawn = _drawable(whole)
    # numbered among the entries drawn, not all of them: the same order all the same
    assert [(n, {k: v for k, v in d.items() if k != "order"}) for n, d in linked.nx.nodes(
        data=True)] == [(n, {k: v for k, v in d.items() if k != "order"})
                        for n, d in drawn.nx.nodes(data=True)]
    orders = [[n for n, d in g.nx.nodes(data=True) if "order" in d] for g in (linked, drawn)]
    assert orders[0] == orders[1] and orders[0] == sorted(
        orders[0], key=lambda n: linked.nx.nodes[n]["order"])
    assert list(linked.nx.edges(keys=True, data=True)) == list(drawn.nx.edges(keys=True,
                                                                              data=True))
    assert linked.problems() == whole.problems()
    assert _chains(linked) == _chains(whole)
    assert to_svg(linked, "Graph") == to_svg(drawn, "Graph")
    assert any(kind == "event" for _, kind in linked.nx.nodes(data="kind"))
