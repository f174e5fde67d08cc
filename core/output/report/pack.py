"""The two parts of a review's report: what the public reads, and the review team's pack.

Every section says whether it is published (`Section.published`). The published report carries
only those; the pack carries the working material: the conversation records, the analysis
tables, the full chronology, the agencies' submissions, the chain behind each finding drawn on
its own, and the whole causal graph as an appendix. The pack is confidential to the review team
and is never checked for, or put up for, publication.
"""

from __future__ import annotations

from typing import Any

from attrs import evolve

from core.analysis.causal_graph import build_graph
from core.kernel.dates import long_date, long_span
from core.kernel.model import EvidenceKind
from core.output.graph_svg import to_svg
from core.output.report.graphs import sanitise_svg
from core.output.report.model import Block, Figure, Heading, Paragraph, Report, Section, Table
from core.output.report.records import PUBLICATION_DECISION_RECORD, current
from core.plugin_api.graph import CausalGraph

PACK_NOTICE = ("This pack is for the review team only. It holds working material: what "
               "practitioners said in confidence, the agencies' records and the analysis behind "
               "the findings. Do not publish it or pass it on.")


# When the partners publish information about the improvements instead of the report (the
# regime allows it where the report would harm the family), the public reads only these.
IMPROVEMENTS_SECTIONS = frozenset({
    "executive-summary", "introduction", "findings", "recommendations", "actions", "progress",
    "partnership-response", "national-asks", "glossary"})


def published(report: Report, state: Any = None) -> Report:
    """The report the public reads: the published sections only; with `state`, only those
    the partners' publication decision allows (see IMPROVEMENTS_SECTIONS)."""
    keep = [s for s in report.sections if s.published]
    if state is not None and improvements_only(state):
        keep = [s for s in keep if s.id in IMPROVEMENTS_SECTIONS]
    return evolve(report, sections=keep, part="published")


def improvements_only(state: Any) -> bool:
    decision = current(state, PUBLICATION_DECISION_RECORD) or {}
    return decision.get("choice") == "improvements_only"


def pack(report: Report, extra: list[Section]) -> Report:
    """The review team's pack: a notice, the internal sections, and `extra` (the sections that
    exist only in the pack, from `pack_sections`)."""
    notice = Section("pack-notice", "About this pack", [Paragraph(PACK_NOTICE)], order=0)
    sections = [notice, *(s for s in report.sections if not s.published), *extra]
    sections.sort(key=lambda s: (s.order, s.id))
    return evolve(report, title=f"{report.title}: review team pack", sections=sections,
                  part="pack")


def pack_sections(host: Any, state: Any) -> list[Section]:
    """The sections only the pack holds."""
    return [_chronology(state), _evidence(state, EvidenceKind.CONVERSATION),
            _evidence(state, EvidenceKind.AGENCY_REPORT), _finding_chains(host, state)]


def _chronology(state: Any) -> Section:
    entries = state.sorted_chronology()
    rows = [(long_span(e.date), e.agency, e.what_happened, e.what_was_known,
             e.decision_or_action) for e in entries]
    blocks: list[Block] = [Paragraph(
        f"Every entry in the agencies' chronologies ({len(rows)}), merged in date order.")]
    if rows:
        blocks.append(Table(("Date", "Agency", "What happened", "What was known",
                             "Decision or action"), rows, caption="The full chronology"))
    return Section("pack-chronology", "The full chronology", blocks, order=410)


_EVIDENCE = {
    EvidenceKind.CONVERSATION: ("pack-conversations", "Conversation records", 455,
                                "held in confidence with practitioners"),
    EvidenceKind.AGENCY_REPORT: ("pack-submissions", "The agencies' submissions", 460,
                                 "the agencies' own accounts of their involvement"),
}


def _evidence(state: Any, kind: EvidenceKind) -> Section:
    sid, title, order, what = _EVIDENCE[kind]
    items = sorted((e for e in state.evidence.values() if e.kind is kind), key=lambda e: e.id)
    blocks: list[Block] = [Paragraph(f"{len(items)} record{'s' if len(items) != 1 else ''}, "
                                     f"{what}.")]
    if items:
        blocks.append(Table(("Record", "Agency", "Received", "Summary"), [
            (f"{e.id}: {e.title}", e.agency, long_date(e.received_on) if e.received_on else "",
             e.summary) for e in items]))
    return Section(sid, title, blocks, order=order)


def _finding_chains(host: Any, state: Any) -> Section:
    """The chain behind each accepted finding, drawn on its own so it can be read in print."""
    import xml.etree.ElementTree as ET

    import networkx as nx

    graph = build_graph(host, state, check=False)
    blocks: list[Block] = [Paragraph(
        "Each finding with what it rests on and what answers it, one drawing each. The "
        "chronology entries are left out of these drawings so each fits a page; the whole graph, "
        "with them, is in the appendix.")]
    for node in sorted(graph.nodes_of("finding")):
        if graph.nx.nodes[node].get("status") == "suggested":
            continue
        keep = {n for n in (node, *nx.ancestors(graph.nx, node), *nx.descendants(graph.nx, node))
                if graph.nx.nodes[n].get("kind") != "event"}
        chain = CausalGraph(graph.schema)
        chain.nx = graph.nx.subgraph(keep).copy()
        label = graph.nx.nodes[node].get("label", node)
        title = f"The chain behind {node.split(':', 1)[-1]}: {label}"
        blocks.append(Heading(1, title))
        try:
            svg, labels = sanitise_svg(to_svg(chain, title))
        except (ET.ParseError, ValueError):
            blocks.append(Paragraph("This chain could not be drawn."))
            continue
        blocks.append(Figure(svg=svg, alt=f"{title}: {chain.nx.number_of_nodes()} items joined "
                             f"by {chain.nx.number_of_edges()} links.", caption=title,
                             labels=labels))
    return Section("pack-chains", "The chain behind each finding", blocks, order=610)
