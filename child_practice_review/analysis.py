"""The method's analysis as the core sees it: the evidence grouped as the timeline of significant
events and the events where it was discussed, and the causal graph's chain —

    significant event (a chronology `event` on the timeline)
      -> what practitioners or the family said about it (a contribution, as `evidence`)
      -> the learning (a `finding`) -> recommendations -> improvement actions.

The core draws the links from the values themselves (a contribution's evidence cites the
entries it speaks to; learning cites the contributions it was heard in; recommendations and
actions say what they address); this hook marks the timeline on the graph and notes learning
that cites events no longer on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from child_practice_review.records import learning_details, timeline
from core import hookimpl
from core.kernel.state import ReviewState
from core.plugin_api.methodology import EvidenceGroup

if TYPE_CHECKING:
    from core.plugin_api.graph import CausalGraph


@hookimpl
def structure_evidence(review: ReviewState, methodology: str) -> list[EvidenceGroup]:
    items = timeline(review)
    groups = [EvidenceGroup(
        kind="timeline_of_significant_events", title="The timeline of significant events",
        entry_ids=[t.entry.entry_id for t in items if t.entry.entry_id in review.chronology],
        note=f"{len(items)} significant events chosen by the review panel from the agencies' "
             "records.")] if items else []
    for event in sorted(review.learning_events.values(), key=lambda e: e.id):
        taken = [c.evidence_id for c in review.contributions.values()
                 if c.event_id == event.id and c.evidence_id in review.evidence]
        if taken:
            groups.append(EvidenceGroup(kind=event.kind, title=event.title,
                                        evidence_ids=sorted(taken),
                                        note="What was said, by role and agency or relationship."))
    return groups


@hookimpl
def build_causal_graph(review: ReviewState, methodology: str, graph: CausalGraph) -> None:
    g = graph
    ids = set()
    for item in timeline(review):
        ids.add(item.id)
        node = f"event:{item.entry.entry_id}"
        if g.nx.has_node(node):
            g.add_node(node, "event", g.label_of(node), significant=True, timeline_id=item.id)
        else:
            g.note_problem(f"significant event {item.id} is {item.entry.agency} "
                           f"{item.entry.ref}, which the chronology no longer holds")
    for finding in sorted(review.findings.values(), key=lambda f: f.id):
        missing = [t for t in learning_details(finding)["timeline"] if t not in ids]
        if missing:
            g.note_problem(f"learning {finding.id} rests on significant events no longer on the "
                           f"timeline: {', '.join(missing)}")
