"""The method's analysis as the core sees it: evidence grouped by key practice episode, and the
causal graph — chronology entries → episodes → contributory factors → patterns (findings) →
issues for the board — which the core then validates.

Links (the core's kinds): event -part_of-> episode; factor -contributed_to-> episode and
-> finding; factor -evidenced_by-> evidence (a conversation, a contribution) or event;
finding -evidenced_by-> episode; finding -raises-> board_issue (the method's own node kind);
action -addresses-> board_issue, from the partnership's response (who acts on each issue, and
through which improvement actions).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from core import hookimpl
from core.kernel.state import ReviewState
from core.output.report.written import written
from core.plugin_api.methodology import EvidenceGroup
from learning_together.records import conversations, episodes, finding_details
from learning_together.taxonomy import APPRAISALS, CONTRIBUTORY_FACTORS

if TYPE_CHECKING:
    from core.plugin_api.graph import CausalGraph


@hookimpl
def structure_evidence(review: ReviewState, methodology: str) -> list[EvidenceGroup]:
    groups = []
    for episode in episodes(review):
        evidence_ids = [s.id for f in episode.explanation for s in f.sources
                        if s.kind != "entry" and s.id in review.evidence]
        entry_ids = [r.entry_id for r in episode.entries if r.entry_id in review.chronology]
        groups.append(EvidenceGroup(
            kind="key_practice_episode",
            title=f"{episode.id}: {episode.title} ({episode.period}; "
                  f"{APPRAISALS.get(episode.appraisal.judgement, episode.appraisal.judgement)})",
            entry_ids=entry_ids,
            evidence_ids=list(dict.fromkeys(evidence_ids)),
            note=episode.appraisal.text,
        ))
    talked = [c.id for c in conversations(review) if c.id in review.evidence]
    if talked:
        groups.append(EvidenceGroup(kind="structured_conversations",
                                    title="Structured conversations with practitioners",
                                    evidence_ids=talked,
                                    note="One per practitioner, by role and agency."))
    return groups


@hookimpl
def build_causal_graph(review: ReviewState, methodology: str, graph: CausalGraph) -> None:
    g = graph
    has = g.nx.has_node
    for episode in episodes(review):
        node = f"episode:{episode.id}"
        g.add_node(node, "episode", episode.title,
                   period=str(episode.period), appraisal=episode.appraisal.judgement,
                   good_practice=episode.good_practice)
        for ref in episode.entries:
            if has(f"event:{ref.entry_id}"):
                g.add_edge(f"event:{ref.entry_id}", node, "part_of")
            else:
                g.note_problem(f"{episode.id} refers to {ref.agency} {ref.ref}, which "
                               "the chronology no longer holds")
        for factor in episode.explanation:
            fnode = episode.factor_node(factor)
            label = CONTRIBUTORY_FACTORS.get(factor.factor, factor.factor).split(":")[0]
            g.add_node(fnode, "factor", f"{label}: {factor.text}",
                       factor=factor.factor, effect=factor.effect)
            g.add_edge(fnode, node, "contributed_to")
            for source in factor.sources:
                if has(source.node):
                    g.add_edge(fnode, source.node, "evidenced_by")
                else:
                    g.note_problem(f"{fnode} cites {source.kind} {source.id}, which the "
                                   "review does not hold")
    for finding in sorted(review.findings.values(), key=lambda f: f.id):
        fnode = f"finding:{finding.id}"
        if not has(fnode):
            continue
        d = finding_details(finding)
        for episode_id in d["episodes"]:
            enode = f"episode:{episode_id}"
            if not has(enode):
                g.note_problem(f"finding {finding.id} links episode {episode_id}, which the "
                               "review does not hold")
                continue
            g.add_edge(fnode, enode, "evidenced_by")
            for key in d["factors"]:
                if has(f"factor:{episode_id}/{key}"):
                    g.add_edge(f"factor:{episode_id}/{key}", fnode, "contributed_to")
        for number, question in enumerate(d["board_issues"], 1):
            inode = f"board_issue:{finding.id}/{number}"
            g.add_node(inode, "board_issue", question)
            g.add_edge(fnode, inode, "raises")
    for finding_id, number, action in response_links(review):
        if has(f"action:{action}") and has(f"board_issue:{finding_id}/{number}"):
            g.add_edge(f"action:{action}", f"board_issue:{finding_id}/{number}", "addresses")


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3}


def matched_responses(review: ReviewState) -> list[tuple[str, int, dict[str, Any]]]:
    """(finding id, issue number, the response's item) for each issue the partnership's
    response answers. The response words an issue in its own way, so it is matched to the
    finding's question that shares most words with it."""
    found = []
    for item in (written(review, "partnership-response") or {}).get("issues", []):
        finding = review.findings.get(item.get("finding") or "")
        if finding is None:
            continue
        questions = finding_details(finding)["board_issues"]
        if not questions:
            continue
        said = _words(item.get("issue", ""))
        number = max(range(len(questions)),
                     key=lambda i: (len(said & _words(questions[i])), -i)) + 1
        found.append((finding.id, number, item))
    return found


def response_links(review: ReviewState) -> list[tuple[str, int, str]]:
    """(finding id, issue number, action id): the improvement actions that answer each issue."""
    return [(finding_id, number, str(action))
            for finding_id, number, item in matched_responses(review)
            for action in item.get("actions", [])]
