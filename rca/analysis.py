"""The method's analysis as the core sees it: evidence grouped by problem, and the causal graph
(METHODS.md section 4.1) the core then validates:

    event -part_of-> CDP|SDP            factor -contributed_to-> CDP|SDP
    factor -evidenced_by-> event|evidence
    factor|root cause -led_to-> why step -led_to-> ... -led_to-> first why -contributed_to-> CDP|SDP
    why step -evidenced_by-> event|evidence
    root cause -contributed_to-> CDP|SDP, and factor -contributed_to-> root cause
    CDP -evidenced_by-> the standard it departs from
    finding -evidenced_by-> root cause|CDP|SDP|notable practice|incidental finding, and its
        root causes (or else its problems), notable practice, incidental finding -raises-> it
    recommendation -addresses-> root cause|finding     action -addresses-> recommendation
    notable practice (strength) -evidenced_by-> event
    incidental finding -evidenced_by-> event|evidence (no causal link needed)
    lesson -evidenced_by-> the problems it draws on

A five-whys chain reads from the problem down ("why?"), so causally its deepest step leads to
the one above it, and the first step contributed to the problem.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core import hookimpl
from core.kernel.state import ReviewState
from core.plugin_api.methodology import EvidenceGroup
from rca import records as r
from rca.taxonomy import FACTOR_TAXONOMIES, PROBLEM_KINDS

if TYPE_CHECKING:
    from core.plugin_api.graph import CausalGraph


def factor_label(factor: r.Factor) -> str:
    return FACTOR_TAXONOMIES.get(factor.taxonomy, {}).get(factor.category,
                                                           factor.category).split(":")[0]


@hookimpl
def structure_evidence(review: ReviewState, methodology: str) -> list[EvidenceGroup]:
    groups = []
    by_problem: dict[str, list[r.Factor]] = {}
    for factor in r.factors(review):
        by_problem.setdefault(factor.problem, []).append(factor)
    for problem in r.problems(review):
        evidence = [s.id for f in by_problem.get(problem.id, []) for s in f.sources
                    if s.kind == "evidence" and s.id in review.evidence]
        evidence += [s for s in problem.standards if s in review.evidence]
        groups.append(EvidenceGroup(
            kind=problem.kind,
            title=f"{problem.id}: {problem.title} "
                  f"({PROBLEM_KINDS[problem.kind].split(':')[0].lower()})",
            entry_ids=[x.entry_id for x in problem.rows if x.entry_id in review.chronology],
            evidence_ids=list(dict.fromkeys(evidence)),
            note=problem.act_or_omission,
        ))
    interviews = [e.id for e in review.evidence.values()
                  if e.details.get("rca") == "staff_interview"]
    if interviews:
        groups.append(EvidenceGroup(kind="staff_interviews", title="Staff interviews",
                                    evidence_ids=sorted(interviews),
                                    note="London Protocol style; staff by role, never by name."))
    standards = [e.id for e in review.evidence.values() if e.details.get("rca") == "standard"]
    if standards:
        groups.append(EvidenceGroup(kind="standards", title="Standards: what should have "
                                    "happened", evidence_ids=sorted(standards)))
    return groups


def _source_link(g: CausalGraph, node: str, source: r.Source) -> None:
    if g.nx.has_node(source.node):
        g.add_edge(node, source.node, "evidenced_by")
    else:
        g.note_problem(f"{node} cites {source.kind} {source.id}, which the review does not hold")


@hookimpl
def build_causal_graph(review: ReviewState, methodology: str, graph: CausalGraph) -> None:
    g, has = graph, graph.nx.has_node
    problems = {p.id: p for p in r.problems(review)}
    for p in problems.values():
        g.add_node(p.node, p.node.split(":")[0], p.title, problem=p.kind)
        for ref in p.rows:
            if has(f"event:{ref.entry_id}"):
                g.add_edge(f"event:{ref.entry_id}", p.node, "part_of")
            else:
                g.note_problem(f"{p.id} refers to {ref.agency} {ref.ref}, which the chronology "
                               "no longer holds")
        for standard in p.standards:
            if has(f"evidence:{standard}"):
                g.add_edge(p.node, f"evidence:{standard}", "evidenced_by")
    for f in r.factors(review):
        node = f"factor:{f.id}"
        g.add_node(node, "factor", f"{factor_label(f)}: {f.text}", factor=f.category,
                   taxonomy=f.taxonomy, effect=f.effect)
        if f.problem in problems:
            g.add_edge(node, problems[f.problem].node, "contributed_to")
        for source in f.sources:
            _source_link(g, node, source)
    for rc in r.root_causes(review):
        node = f"root_cause:{rc.id}"
        g.add_node(node, "root_cause", rc.title)
        for pid in rc.problems:
            if pid in problems:
                g.add_edge(node, problems[pid].node, "contributed_to")
        for fid in rc.factors:
            if has(f"factor:{fid}"):
                g.add_edge(f"factor:{fid}", node, "contributed_to")
    for chain in r.whys(review):
        for number, step in enumerate(chain.steps, 1):
            node = chain.node(number)
            g.add_node(node, "why_step", f"Why? {step.question} Because {step.answer}")
            for source in step.sources:
                _source_link(g, node, source)
            if number > 1:
                g.add_edge(node, chain.node(number - 1), "led_to")
        if chain.problem in problems and chain.steps:
            g.add_edge(chain.node(1), problems[chain.problem].node, "contributed_to")
        end = next((n for n in (f"factor:{chain.ends_at}", f"root_cause:{chain.ends_at}")
                    if has(n)), None)
        if end and chain.steps:
            g.add_edge(end, chain.node(len(chain.steps)), "led_to")
        elif chain.steps:
            g.note_problem(f"five-whys chain {chain.id} ends at {chain.ends_at}, which is "
                           "neither a contributory factor nor a root cause of the review")
    for n in r.notable_practice(review):
        node = f"strength:{n.id}"
        g.add_node(node, "strength", n.text)
        for ref in n.rows:
            if has(f"event:{ref.entry_id}"):
                g.add_edge(node, f"event:{ref.entry_id}", "evidenced_by")
    for item in r.incidental_findings(review):
        node = f"incidental_finding:{item.id}"
        g.add_node(node, "incidental_finding", item.text)
        for source in item.sources:
            _source_link(g, node, source)
    for lesson in r.lessons(review):
        node = f"lesson:{lesson.id}"
        g.add_node(node, "lesson", lesson.description, stage=lesson.stage, went=lesson.went)
        for pid in lesson.problems:
            if pid in problems:
                g.add_edge(node, problems[pid].node, "evidenced_by")
    _link_findings(review, g, problems)


def _link_findings(review: ReviewState, g: CausalGraph, problems: dict[str, r.Problem]) -> None:
    has = g.nx.has_node
    for finding in sorted(review.findings.values(), key=lambda f: f.id):
        fnode = f"finding:{finding.id}"
        if not has(fnode):
            continue
        d = r.finding_details(finding)
        roots = [f"root_cause:{x}" for x in d["root_causes"]]
        linked = [problems[x].node for x in d["problems"] if x in problems]
        others = ([f"incidental_finding:{x}" for x in d["incidental"]]
                  + [f"strength:{x}" for x in d["notable"]])
        # What raised the finding (the report's "what led to it"): its root causes, or else
        # the problems it draws together; never both, or every response to a problem's other
        # root causes would read as a response to this finding.
        raised_by = set(roots or linked) | set(others)
        for target in roots + linked + others:
            if has(target):
                g.add_edge(fnode, target, "evidenced_by")
                if target in raised_by:
                    g.add_edge(target, fnode, "raises")
            else:
                g.note_problem(f"finding {finding.id} links {target.split(':', 1)[1]}, which "
                               "the review does not hold")
    for rec in r.recommendations(review):
        rnode = f"recommendation:{rec.id}"
        if not has(rnode):
            continue
        for rc in rec.root_causes:
            if has(f"root_cause:{rc}"):
                g.add_edge(rnode, f"root_cause:{rc}", "addresses")
