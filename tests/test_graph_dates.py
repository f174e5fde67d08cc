"""The causal graph writes chronology dates in words, as the report does, whatever form the
agency typed them in."""

from __future__ import annotations

import datetime as dt

from core.analysis.causal_graph import build_graph
from core.kernel.dates import PartialDate
from core.kernel.model import ChronologyEntry, Review, Subject
from core.kernel.state import ReviewState
from core.plugin_api.plugins import PluginHost


def test_event_labels_use_dates_in_words():
    state = ReviewState(id="CR-2025-001", header=Review(
        id="CR-2025-001", title="Child A", regime="england-cspr-2018", area="Tessingford",
        subject=Subject("Child A"), incident_date=dt.date(2025, 2, 13),
        notified_on=dt.date(2025, 2, 18)))
    typed = PartialDate(dt.date(2022, 1, 11), dt.date(2022, 1, 11), "day", "11/01/2022")
    state.chronology["HV-1"] = ChronologyEntry(
        id="HV-1", agency="Wendmoor Health Visiting Service", date=typed,
        what_happened="Records received from the previous area's health visitor")
    graph = build_graph(PluginHost.load(entry_points=False), state, check=False)
    data = graph.nx.nodes["event:HV-1"]
    assert data["date"] == "11 January 2022"
    assert "11/01/2022" not in str(data)
