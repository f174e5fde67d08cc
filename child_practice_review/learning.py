"""Learning in the method's shape: practice and organisational learning (and good practice),
each resting on significant events of the timeline and on what practitioners or the family said
about them. Suggestions (never final) point at significant events that several agencies spoke
about at the learning event but that no learning yet rests on.

A piece of learning is a core Finding: `statement` is the learning, `category` its kind, and
`details` the timeline ids, the contributions it was heard in, and how it showed in this case.
"""

from __future__ import annotations

from child_practice_review.records import learning_details, timeline
from child_practice_review.taxonomy import LEARNING_KINDS
from core import hookimpl
from core.analysis.findings import individual_references, review_vocabulary
from core.kernel.model import Finding, FindingStatus
from core.kernel.state import ReviewState


def _problem(check: str, message: str) -> dict[str, str]:
    return {"level": "problem", "check": check, "message": message}


def naming_warnings(state: ReviewState, finding: Finding) -> list[dict[str, str]]:
    d = learning_details(finding)
    names = [p.name for p in state.participants.values() if p.name]
    found = individual_references(" \n".join([finding.title, finding.statement,
                                              d["in_this_case"]]),
                                  allowed=review_vocabulary(state), names=names)
    if not found:
        return []
    return [{"level": "warning", "check": "names an individual",
             "message": f"learning {finding.id} seems to point at an individual "
                        f"({', '.join(found)}); the learning is about practice and systems"}]


@hookimpl
def check_finding(review: ReviewState, methodology: str, finding: Finding, status: str
                  ) -> list[dict[str, str]]:
    d = learning_details(finding)
    found = []
    if finding.category and finding.category not in LEARNING_KINDS:
        found.append(_problem("kind of learning", f"{finding.category!r} is not a kind of "
                              f"learning; one of {', '.join(LEARNING_KINDS)}"))
    on_timeline = {t.id for t in timeline(review)}
    missing = [t for t in d["timeline"] if t not in on_timeline]
    if missing:
        found.append(_problem("timeline", f"it rests on significant events not on the "
                              f"timeline: {', '.join(missing)}"))
    if status == "final":
        required = {
            "kind of learning": (finding.category, "say whether it is practice or "
                                 "organisational learning, or good practice"),
            "timeline": (d["timeline"], "link the significant events it rests on"),
            "learning event": (d["heard"], "link what practitioners or the family said about "
                               "it (the learning is identified with them)"),
        }
        found += [_problem(check, f"before {finding.id} is final: {what}")
                  for check, (value, what) in required.items() if not value]
    return found + naming_warnings(review, finding)


def suggested_learning(state: ReviewState) -> list[Finding]:
    """A significant event that practitioners from two or more agencies spoke about, and that
    no learning rests on, is offered to the reviewers — always as a suggestion."""
    covered = {t for f in state.findings.values() if f.status is not FindingStatus.SUGGESTED
               for t in learning_details(f)["timeline"]}
    suggestions = []
    for item in timeline(state):
        if item.id in covered:
            continue
        spoken = [c for c in state.contributions.values() if c.evidence_id in state.evidence
                  and item.entry.entry_id in state.evidence[c.evidence_id].entry_ids]
        agencies = sorted({c.agency for c in spoken if c.agency})
        if len(agencies) < 2:
            continue
        suggestions.append(Finding(
            id=f"S-{item.id}",
            title=f"Candidate learning: {item.id}, discussed by {len(agencies)} agencies",
            statement=f"Practitioners from {', '.join(agencies)} spoke about {item.id} "
                      f"({item.significance.rstrip('.')}). A reviewer decides whether there is "
                      "practice or organisational learning here, and if so states it.",
            evidence_ids=[c.evidence_id for c in spoken],
            status=FindingStatus.SUGGESTED,
            details={"timeline": [item.id], "heard": [c.id for c in spoken],
                     "suggested_from": {"timeline": item.id}},
        ))
    return suggestions


@hookimpl
def derive_findings(review: ReviewState, methodology: str) -> list[Finding]:
    recorded = sorted(review.findings.values(), key=lambda f: f.id)
    return recorded + [s for s in suggested_learning(review) if s.id not in review.findings]
