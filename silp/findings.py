"""SILP findings: each rests on learning points, which rest on the agency analyses, what was
said at the learning event and the chronology. The method's checks before a finding is recorded
or made final, and suggestions (never final) where learning points wait for a finding.
"""

from __future__ import annotations

from core import hookimpl
from core.analysis.findings import individual_references, review_vocabulary
from core.kernel.model import Finding, FindingStatus
from core.kernel.state import ReviewState
from silp.reading_findings import evidence_of
from silp.records import LearningPoint, finding_details, learning_points, scoping

Check = dict[str, str]


def _problem(check: str, message: str) -> Check:
    return {"level": "problem", "check": check, "message": message}


def grounds(points: list[LearningPoint], state: ReviewState) -> tuple[bool, bool]:
    """Whether the learning points rest on an agency analysis, and on something said at the
    learning event (a contribution taken into the evidence there)."""
    analysis = any(s.kind == "analysis" for p in points for s in p.sources)
    said = False
    for source in (s for p in points for s in p.sources if s.kind == "evidence"):
        evidence = state.evidence.get(source.id)
        event = state.learning_events.get(str(evidence.details.get("event", ""))) \
            if evidence else None
        said = said or (event is not None and event.kind == "learning_event")
    return analysis, said


@hookimpl
def check_finding(review: ReviewState, methodology: str, finding: Finding, status: str
                  ) -> list[Check]:
    d = finding_details(finding)
    found: list[Check] = []
    scope = scoping(review)
    if d["line"] and scope and scope.line(d["line"]) is None:
        found.append(_problem("key line of enquiry", f"{d['line']!r} is not a key line of "
                              "enquiry of this review"))
    known = {p.id: p for p in learning_points(review)}
    missing = [p for p in d["learning_points"] if p not in known]
    if missing:
        found.append(_problem("learning points", f"it rests on learning points the review does "
                              f"not hold: {', '.join(missing)}"))
    if status == "final":
        if not d["line"]:
            found.append(_problem("key line of enquiry", f"before {finding.id} is final: say "
                                  "which key line of enquiry it answers"))
        points = [known[p] for p in d["learning_points"] if p in known]
        if not points:
            found.append(_problem("learning points", f"before {finding.id} is final: link the "
                                  "learning points it rests on"))
        analysis, said = grounds(points, review)
        if points and not (analysis and said) and not d["not_evidenced_because"]:
            lacking = " and ".join(x for x, ok in (("no agency analysis", analysis),
                                                   ("nothing said at the learning event", said))
                                   if not ok)
            found.append(_problem("evidence", f"before {finding.id} is final: it rests on "
                                  f"{lacking}; link a learning point that does, or say why in "
                                  "not_evidenced_because"))
    names = [p.name for p in review.participants.values() if p.name]
    named = individual_references(f"{finding.title}\n{finding.statement}",
                                  allowed=review_vocabulary(review), names=names)
    if named:
        found.append({"level": "warning", "check": "names an individual",
                      "message": f"finding {finding.id} seems to point at an individual "
                      f"({', '.join(named)}); findings are about the system"})
    return found


def suggested_findings(state: ReviewState) -> list[Finding]:
    """A key line of enquiry with two or more learning points no finding uses is offered as a
    candidate finding: a suggestion a reviewer accepts, rewrites or dismisses."""
    scope = scoping(state)
    used = {p for f in state.findings.values() for p in finding_details(f)["learning_points"]}
    suggestions = []
    for line in scope.lines if scope else ():
        waiting = [p for p in learning_points(state) if p.line == line.id and p.id not in used]
        if len(waiting) < 2:
            continue
        ids = [p.id for p in waiting]
        suggestions.append(Finding(
            id=f"S-{line.id}", title=f"Candidate finding on {line.title.lower()}",
            statement=f"Learning points {', '.join(ids)} on {line.id} are not yet part of any "
                      "finding. A reviewer decides whether they make a finding and, if so, "
                      "states it.",
            evidence_ids=evidence_of(waiting), status=FindingStatus.SUGGESTED,
            details={"line": line.id, "learning_points": ids,
                     "suggested_from": {"line": line.id, "learning_points": ids}}))
    return suggestions


@hookimpl
def derive_findings(review: ReviewState, methodology: str) -> list[Finding]:
    recorded = sorted(review.findings.values(), key=lambda f: f.id)
    return recorded + [s for s in suggested_findings(review) if s.id not in review.findings]
