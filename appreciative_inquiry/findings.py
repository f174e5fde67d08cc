"""Findings in the method's shape: what worked and why (from the themes of the positive core),
and what got in the way and why (from the honest record). Reading the reviewers' findings,
suggesting candidates (never final), and the method's checks, with the honesty gate.

A finding is a core Finding: `category` is its kind (FINDING_KINDS), and `details` hold the
themes or concerns it rests on, the conditions that made good practice possible, and any
questions for the board.
"""

from __future__ import annotations

from typing import Any

from appreciative_inquiry.honesty import honest_record_problems
from appreciative_inquiry.reading import Reader
from appreciative_inquiry.records import (
    Concern,
    Theme,
    concerns,
    finding_details,
    interviews,
    themes,
)
from appreciative_inquiry.taxonomy import FINDING_KINDS
from core import hookimpl
from core.analysis.findings import individual_references, review_vocabulary
from core.kernel.model import Finding, FindingStatus
from core.kernel.state import ReviewState

FINDING_KEYS = ("id", "title", "kind", "statement", "themes", "concerns", "conditions",
                "board_issues", "evidence", "status")


def evidence_of(found_themes: list[Theme], found_concerns: list[Concern]) -> list[str]:
    """Evidence ids behind themes (their interviews) and concerns (their interviews and
    chronology entries), each once, in order."""
    ids = [s for t in found_themes for s in t.stories]
    for concern in found_concerns:
        ids += list(concern.interviews) + [e.entry_id for e in concern.entries]
    return list(dict.fromkeys(ids))


def read_findings(reader: Reader, data: Any, known_themes: dict[str, Theme],
                  known_concerns: dict[str, Concern]) -> list[Finding]:
    top = reader.mapping(data, "findings")
    found, seen = [], set()
    for at, item in reader.items(top, "findings"):
        reader.known_keys(item, at, FINDING_KEYS)
        fid = reader.unique_id(item, at, seen)
        kind = reader.text(item, "kind", at)
        if kind and kind not in FINDING_KINDS:
            reader.problem(f"{at}.kind", f"{kind!r} is not a kind of finding",
                           "one of " + ", ".join(FINDING_KINDS))
        linked_themes = reader.ids(item, "themes", at, known_themes, "theme",
                                   required=kind == "what_worked")
        linked_concerns = reader.ids(item, "concerns", at, known_concerns, "concern",
                                     required=kind == "what_got_in_the_way")
        status = str(item.get("status") or "draft")
        if status not in ("draft", "final"):
            reader.problem(f"{at}.status", f"{status!r}", "draft or final (suggestions come "
                           "from `casereview findings REVIEW suggest`)")
            continue
        extra = list(reader.texts(item, "evidence", at))
        for i, eid in enumerate(extra, 1):
            if eid not in reader.state.evidence and eid not in reader.state.chronology \
                    and eid not in {s for t in known_themes.values() for s in t.stories}:
                reader.problem(f"{at}.evidence[{i}]", f"no evidence {eid!r} in the review")
        title, statement = reader.text(item, "title", at), reader.text(item, "statement", at)
        if not (fid and title and statement and kind in FINDING_KINDS):
            continue
        details = {
            "kind": kind,
            "themes": list(linked_themes),
            "concerns": list(linked_concerns),
            "conditions": reader.text(item, "conditions", at,
                                      required=kind == "what_worked" and status == "final"),
            "board_issues": list(reader.texts(item, "board_issues", at)),
        }
        evidence = evidence_of([known_themes[t] for t in linked_themes],
                               [known_concerns[c] for c in linked_concerns])
        found.append(Finding(fid, title, statement, category=kind,
                             evidence_ids=list(dict.fromkeys(evidence + extra)),
                             status=status, details=details))
    return found


# -- suggestions: a theme or a concern no finding takes up yet ---------------------------------


def suggested_findings(state: ReviewState) -> list[Finding]:
    """Each theme and each concern that no reviewer's finding takes up is offered as a
    candidate finding, always as a suggestion for a reviewer to accept, edit or dismiss."""
    recorded = [finding_details(f) for f in state.findings.values()
                if f.status is not FindingStatus.SUGGESTED]
    used_themes = {t for d in recorded for t in d["themes"]}
    used_concerns = {c for d in recorded for c in d["concerns"]}
    held = {i.id for i in interviews(state)}
    suggestions = []
    for theme in themes(state):
        if theme.id in used_themes:
            continue
        suggestions.append(Finding(
            f"S-{theme.id}", f"Candidate: what worked — {theme.title}",
            f"The theme '{theme.title}' rests on {len(theme.stories)} appreciative "
            "interviews. A reviewer decides whether it is a finding about what worked, and "
            "states the conditions that made it possible.",
            category="what_worked",
            evidence_ids=[s for s in theme.stories if s in held],
            status=FindingStatus.SUGGESTED,
            details={"kind": "what_worked", "themes": [theme.id],
                     "suggested_from": {"theme": theme.id}}))
    for concern in concerns(state):
        if concern.id in used_concerns:
            continue
        suggestions.append(Finding(
            f"S-{concern.id}", f"Candidate: what got in the way — {concern.title}",
            f"The honest record acknowledges '{concern.title}'. A reviewer decides how it "
            "stands as a finding about what got in the way, and why.",
            category="what_got_in_the_way",
            evidence_ids=evidence_of([], [concern]),
            status=FindingStatus.SUGGESTED,
            details={"kind": "what_got_in_the_way", "concerns": [concern.id],
                     "suggested_from": {"concern": concern.id}}))
    return suggestions


@hookimpl
def derive_findings(review: ReviewState, methodology: str) -> list[Finding]:
    recorded = sorted(review.findings.values(), key=lambda f: f.id)
    return recorded + [s for s in suggested_findings(review) if s.id not in review.findings]


# -- the method's checks on a finding ---------------------------------------------------------


def _problem(check: str, message: str) -> dict[str, str]:
    return {"level": "problem", "check": check, "message": message}


def naming_warnings(state: ReviewState, finding: Finding) -> list[dict[str, str]]:
    d = finding_details(finding)
    texts = [finding.title, finding.statement, d["conditions"], *d["board_issues"]]
    names = [p.name for p in state.participants.values() if p.name]
    found = individual_references(" \n".join(texts), allowed=review_vocabulary(state),
                                  names=names)
    if not found:
        return []
    return [{"level": "warning", "check": "names an individual",
             "message": f"finding {finding.id} seems to point at an individual ({', '.join(found)})"
                        "; an appreciative review does not apportion blame — refer to roles"}]


@hookimpl
def check_finding(review: ReviewState, methodology: str, finding: Finding, status: str
                  ) -> list[dict[str, str]]:
    d = finding_details(finding)
    found = []
    if finding.category and finding.category not in FINDING_KINDS:
        found.append(_problem("kind", f"{finding.category!r} is not a kind of finding: "
                              f"{', '.join(FINDING_KINDS)}"))
    held_themes = {t.id for t in themes(review)}
    held_concerns = {c.id for c in concerns(review)}
    missing = [t for t in d["themes"] if t not in held_themes] + [
        c for c in d["concerns"] if c not in held_concerns]
    if missing:
        found.append(_problem("links", f"it links themes or concerns the review does not hold: "
                              f"{', '.join(missing)}"))
    if status == "final":
        found += [_problem("honest record", f"before {finding.id} is final: {m}")
                  for m in honest_record_problems(review)]
        if d["kind"] == "what_worked" and not d["themes"]:
            found.append(_problem("themes", f"before {finding.id} is final: link the themes "
                                  "of the positive core that show it"))
        if d["kind"] == "what_worked" and not d["conditions"]:
            found.append(_problem("conditions", f"before {finding.id} is final: say what made "
                                  "the good practice possible (the conditions to create)"))
        if d["kind"] == "what_got_in_the_way" and not d["concerns"]:
            found.append(_problem("concerns", f"before {finding.id} is final: link the "
                                  "concerns of the honest record it rests on"))
    return found + naming_warnings(review, finding)
