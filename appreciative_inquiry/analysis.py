"""The method's analysis as the core sees it: evidence grouped by theme and by concern, and the
causal graph, which the core then validates:

    event -> strength (a story at its best) <- enabler;  strength -part_of-> theme
    event -> concern (a problem acknowledged) -bears_on-> theme
    theme / concern -raises-> finding;  proposition -grounded_in-> theme, -addresses-> concern
    and the findings it answers;  commitment -addresses-> proposition, -becomes-> action
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from appreciative_inquiry import records as r
from core import hookimpl
from core.kernel.state import ReviewState
from core.plugin_api.methodology import EvidenceGroup

if TYPE_CHECKING:
    from core.plugin_api.graph import CausalGraph


@hookimpl
def structure_evidence(review: ReviewState, methodology: str) -> list[EvidenceGroup]:
    held = {i.id: i for i in r.interviews(review)}
    groups = []
    for theme in r.themes(review):
        stories = [held[s] for s in theme.stories if s in held]
        groups.append(EvidenceGroup(
            kind="positive_core_theme", title=f"{theme.id}: {theme.title}",
            entry_ids=list(dict.fromkeys(e.entry_id for i in stories for e in i.entries
                                         if e.entry_id in review.chronology)),
            evidence_ids=[i.id for i in stories if i.id in review.evidence],
            note=theme.statement))
    for concern in r.concerns(review):
        groups.append(EvidenceGroup(
            kind="what_got_in_the_way", title=f"{concern.id}: {concern.title}",
            entry_ids=[e.entry_id for e in concern.entries if e.entry_id in review.chronology],
            evidence_ids=[i for i in concern.interviews if i in review.evidence],
            note=concern.why))
    return groups


def _link_entries(g: CausalGraph, node: str, refs: tuple[r.EntryRef, ...], owner: str) -> None:
    for ref in refs:
        if g.nx.has_node(f"event:{ref.entry_id}"):
            g.add_edge(node, f"event:{ref.entry_id}", "evidenced_by")
        else:
            g.note_problem(f"{owner} refers to {ref.agency} {ref.ref}, which the chronology no "
                           "longer holds")


@hookimpl
def build_causal_graph(review: ReviewState, methodology: str, graph: CausalGraph) -> None:
    g, has = graph, graph.nx.has_node
    for interview in r.interviews(review):
        story = f"strength:{interview.id}"
        g.add_node(story, "strength", f"{interview.who}: {interview.story}")
        _link_entries(g, story, interview.entries, f"interview {interview.id}")
        if has(f"evidence:{interview.id}"):
            g.add_edge(story, f"evidence:{interview.id}", "evidenced_by")
        for number, enabler in enumerate(interview.enablers, 1):
            node = interview.enabler_node(number)
            g.add_node(node, "enabler", enabler)
            g.add_edge(node, story, "contributed_to")
            if has(f"evidence:{interview.id}"):
                g.add_edge(node, f"evidence:{interview.id}", "evidenced_by")
    for theme in r.themes(review):
        node = f"theme:{theme.id}"
        g.add_node(node, "theme", theme.title)
        for story in theme.stories:
            if has(f"strength:{story}"):
                g.add_edge(f"strength:{story}", node, "part_of")
            else:
                g.note_problem(f"theme {theme.id} cites interview {story}, which the review "
                               "does not hold")
    for concern in r.concerns(review):
        node = f"concern:{concern.id}"
        g.add_node(node, "concern", concern.title)
        _link_entries(g, node, concern.entries, f"concern {concern.id}")
        for interview in concern.interviews:
            if has(f"evidence:{interview}"):
                g.add_edge(node, f"evidence:{interview}", "evidenced_by")
        for theme in concern.themes:
            if has(f"theme:{theme}"):
                g.add_edge(node, f"theme:{theme}", "bears_on")
    for finding in sorted(review.findings.values(), key=lambda f: f.id):
        fnode = f"finding:{finding.id}"
        d = r.finding_details(finding)
        for source in [f"theme:{t}" for t in d["themes"]] + [f"concern:{c}" for c in
                                                              d["concerns"]]:
            if has(source) and has(fnode):
                g.add_edge(source, fnode, "raises")
            elif has(fnode):
                g.note_problem(f"finding {finding.id} rests on {source}, which the review "
                               "does not hold")
    _design_and_destiny(review, g)


def _design_and_destiny(review: ReviewState, g: CausalGraph) -> None:
    has = g.nx.has_node
    raised_by: dict[str, set[str]] = {}  # theme or concern node -> the findings it raises
    for source, target, kind in g.edges():
        if kind == "raises" and g.kind_of(target) == "finding":
            raised_by.setdefault(source, set()).add(target)
    for proposition in r.propositions(review):
        node = f"proposition:{proposition.id}"
        g.add_node(node, "proposition", proposition.statement)
        sources = [f"theme:{t}" for t in proposition.themes]
        for theme in sources:
            if has(theme):
                g.add_edge(node, theme, "grounded_in")
            else:
                g.note_problem(f"proposition {proposition.id} is grounded in {theme}, which the "
                               "review does not hold")
        for concern in proposition.concerns:
            if has(f"concern:{concern}"):
                g.add_edge(node, f"concern:{concern}", "addresses")
                sources.append(f"concern:{concern}")
        for finding in sorted({f for s in sources for f in raised_by.get(s, ())}):
            g.add_edge(node, finding, "addresses")
    for commitment in r.commitments(review):
        node = f"commitment:{commitment.id}"
        g.add_node(node, "commitment", commitment.description, owner=commitment.owner,
                   champion=commitment.champion)
        if has(f"proposition:{commitment.proposition}"):
            g.add_edge(node, f"proposition:{commitment.proposition}", "addresses")
        else:
            g.note_problem(f"commitment {commitment.id} realises {commitment.proposition}, "
                           "which the review does not hold")
        if has(f"action:{commitment.id}"):
            g.add_edge(node, f"action:{commitment.id}", "becomes")
        else:
            g.note_problem(f"commitment {commitment.id} has no improvement action; record it "
                           "again so it becomes one")
