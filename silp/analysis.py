"""SILP's analysis as the core sees it: the evidence grouped by key line of enquiry, and the
causal graph — chronology entries → key lines of enquiry → agency analyses → learning points →
findings → recommendations → actions, with the recall event's responses beside the findings
they changed — which the core then validates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core import hookimpl
from core.kernel.state import ReviewState
from core.plugin_api.methodology import EvidenceGroup
from silp.records import events, finding_details, learning_points, reports, scoping
from silp.taxonomy import CHANGING, DISPOSITIONS

if TYPE_CHECKING:
    from core.plugin_api.graph import CausalGraph


@hookimpl
def structure_evidence(review: ReviewState, methodology: str) -> list[EvidenceGroup]:
    scope = scoping(review)
    held = reports(review)
    tags = {t.contribution: t.line for e in events(review, "learning_event") for t in e.tags}
    groups = []
    for line in scope.lines if scope else ():
        analyses = [(x, a) for x in held if (a := x.analysis(line.id)) and not a.not_involved]
        said = [c.evidence_id for c in sorted(review.contributions.values(), key=lambda c: c.id)
                if tags.get(c.id) == line.id and c.evidence_id in review.evidence]
        groups.append(EvidenceGroup(
            kind="key_line_of_enquiry", title=f"{line.id}: {line.title}",
            entry_ids=list(dict.fromkeys(e.entry_id for _, a in analyses for e in a.entries
                                         if e.entry_id in review.chronology)),
            evidence_ids=[x.id for x, _ in analyses if x.id in review.evidence] + said,
            note=line.question))
    if held:
        groups.append(EvidenceGroup(kind="agency_reports", title="Agency reports",
                                    evidence_ids=[x.id for x in held if x.id in review.evidence],
                                    note="One per agency, by an agency author."))
    return groups


@hookimpl
def build_causal_graph(review: ReviewState, methodology: str, graph: CausalGraph) -> None:
    g, has = graph, graph.nx.has_node
    scope = scoping(review)
    numbered: dict[str, int] = {}
    for n, line in enumerate(scope.lines if scope else (), 1):
        numbered[line.id] = n
        g.add_node(f"line_of_enquiry:{line.id}", "line_of_enquiry",
                   f"Key line of enquiry {n}: {line.title}", question=line.question)
    for report in reports(review):
        report_node = f"evidence:{report.id}"
        for number, good in enumerate(report.good_practice, 1):
            if has(report_node):
                g.add_node(f"strength:{report.id}/{number}", "strength", good)
                g.add_edge(f"strength:{report.id}/{number}", report_node, "evidenced_by")
        for analysis in report.analyses:
            line_node = f"line_of_enquiry:{analysis.line}"
            if analysis.not_involved or not has(line_node):
                continue
            node = analysis.node(report.id)
            # The label names the analysis, not its words: agency reports are working papers.
            g.add_node(node, "agency_analysis", f"{report.agency}: analysis of key line of "
                       f"enquiry {numbered[analysis.line]}", agency=report.agency)
            g.add_edge(node, line_node, "part_of")
            if has(report_node):
                g.add_edge(node, report_node, "evidenced_by")
            for ref in analysis.entries:
                if has(f"event:{ref.entry_id}"):
                    g.add_edge(node, f"event:{ref.entry_id}", "evidenced_by")
                    g.add_edge(f"event:{ref.entry_id}", line_node, "part_of")
                else:
                    g.note_problem(f"{report.agency}'s analysis of {analysis.line} cites "
                                   f"{ref.ref}, which the chronology no longer holds")
    for point in learning_points(review):
        node = f"learning_point:{point.id}"
        g.add_node(node, "learning_point", point.text, line=point.line)
        if has(f"line_of_enquiry:{point.line}"):
            g.add_edge(node, f"line_of_enquiry:{point.line}", "part_of")
        for source in point.sources:
            if has(source.node):
                g.add_edge(node, source.node, "evidenced_by")
            else:
                g.note_problem(f"learning point {point.id} rests on {source.id}, which the "
                               "review does not hold")
    for finding in sorted(review.findings.values(), key=lambda f: f.id):
        fnode = f"finding:{finding.id}"
        for point_id in finding_details(finding)["learning_points"]:
            if has(f"learning_point:{point_id}"):
                g.add_edge(fnode, f"learning_point:{point_id}", "evidenced_by")
                g.add_edge(f"learning_point:{point_id}", fnode, "raises")
            else:
                g.note_problem(f"finding {finding.id} rests on learning point {point_id}, which "
                               "the review does not hold")
    _recall(review, g)


def _recall(review: ReviewState, g: CausalGraph) -> None:
    has = g.nx.has_node
    for event in events(review, "recall_event"):
        for response in event.responses:
            said = review.contributions.get(response.contribution)
            node = f"recall_response:{response.contribution}"
            what = DISPOSITIONS.get(response.disposition, "no decision yet").split(":")[0]
            g.add_node(node, "recall_response", f"Recall event: {response.kind} "
                       f"({what.lower()})", response=response.kind,
                       disposition=response.disposition)
            if said and said.evidence_id and has(f"evidence:{said.evidence_id}"):
                g.add_edge(node, f"evidence:{said.evidence_id}", "evidenced_by")
            if response.disposition not in CHANGING:
                continue
            if has(f"finding:{response.part}"):
                g.add_edge(f"finding:{response.part}", node, "evidenced_by")
            elif has(f"line_of_enquiry:{response.part}"):
                g.add_edge(node, f"line_of_enquiry:{response.part}", "part_of")
