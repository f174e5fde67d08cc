"""Findings as underlying patterns: reading the reviewers' findings, suggesting candidate
patterns (never final), and the method's checks before a finding is recorded or finalised.

A finding is a core Finding: `statement` is the pattern, `category` a key of the typology, and
`details` the method's shape (how it showed in this case, the linked episodes and factors,
evidence it is not peculiar to this case, why it matters, issues for the board).
"""

from __future__ import annotations

import re
from typing import Any

from core import hookimpl
from core.analysis.findings import individual_references, review_vocabulary
from core.kernel.model import Finding, FindingStatus
from core.kernel.state import ReviewState
from core.kernel.text import shorten
from learning_together.reading import Reader
from learning_together.records import Episode, episodes, finding_details
from learning_together.taxonomy import (
    CATEGORY_OF,
    CONFIDENCE,
    FINDINGS_TYPOLOGY,
    SUBCATEGORIES,
    SUBCATEGORY_LABELS,
)

FINDING_KEYS = ("id", "title", "category", "subcategory", "confidence", "priority", "pattern",
                "in_this_case", "episodes", "factors", "not_peculiar", "why_it_matters",
                "board_issues", "evidence", "status")

# A question for the board starts as a question does (not "Ensure ...") and ends with "?".
# It is a heuristic: a lead reviewer may phrase an issue differently ("Board members may wish
# to consider whether ..."), so it warns and never refuses.
_QUESTION_START = re.compile(
    r"^(how|what|why|when|where|which|who|whose|whether|is|are|was|were|does|do|did|can|could|"
    r"should|would|will|has|have|to what extent|in what ways?|board members may wish)\b",
    re.IGNORECASE)
# "Should ...?" and "Must ...?" usually carry an order dressed as a question: the answer is
# already in it.
_ORDER_AS_QUESTION = re.compile(r"^(should|must|shouldn't|mustn't)\b", re.IGNORECASE)


def question_problem(text: str) -> str | None:
    """Why `text` may not read as a question for the board, or None when it reads as one."""
    stripped = text.strip()
    if stripped.lower().startswith("board members may wish"):
        return None
    if not stripped.endswith("?"):
        return f"{shorten(stripped, 70)!r} is not a question (issues for the board are " \
               "questions, not orders; end it with '?')"
    if _ORDER_AS_QUESTION.match(stripped):
        return f"{shorten(stripped, 70)!r} may be an order dressed as a question: " \
               "'Should ...?' and 'Must ...?' usually hold their answer. Ask what the board " \
               "needs to know or decide (How ..., What ..., To what extent ...)"
    if not _QUESTION_START.match(stripped):
        return f"{shorten(stripped, 70)!r} reads as an instruction; ask it as a question " \
               "(How ..., What ..., Is ..., To what extent ...)"
    return None


def evidence_of(found: list[Episode], factors: list[str]) -> list[str]:
    """Evidence and entry ids behind the named factors of the linked episodes (all factors
    when none are named), each once, in order."""
    ids: list[str] = []
    for episode in found:
        for factor in episode.explanation:
            if not factors or factor.factor in factors:
                ids += [s.id for s in factor.sources]
    return list(dict.fromkeys(ids))


def read_findings(reader: Reader, data: Any, known: dict[str, Episode]) -> list[Finding]:
    found, seen = [], set()
    for at, item in reader.items(data, "findings", required=False):
        reader.known_keys(item, at, FINDING_KEYS)
        fid = reader.unique_id(item, at, seen)
        category = reader.text(item, "category", at)
        if category and category not in FINDINGS_TYPOLOGY:
            reader.problem(f"{at}.category", f"{category!r} is not in the findings typology",
                           "one of " + ", ".join(FINDINGS_TYPOLOGY))
        linked = []
        for i, eid in enumerate(reader.texts(item, "episodes", at, required=True), 1):
            if eid in known:
                linked.append(known[eid])
            else:
                reader.problem(f"{at}.episodes[{i}]", f"no key practice episode {eid!r}",
                               "an id from episodes.yaml or the review")
        factors = []
        for i, key in enumerate(reader.texts(item, "factors", at), 1):
            key = reader.factor_key(key, f"{at}.factors[{i}]")
            if key and linked and not any(f.factor == key for e in linked for f in e.explanation):
                reader.problem(f"{at}.factors[{i}]", f"none of the linked episodes is explained "
                               f"by {key!r}")
            elif key:
                factors.append(key)
        issues = reader.texts(item, "board_issues", at, required=True)  # checked as warnings
        subcategory = reader.subcategory(item["subcategory"], f"{at}.subcategory", category) \
            if item.get("subcategory") and category in FINDINGS_TYPOLOGY else ""
        confidence = str(item.get("confidence") or "finding").strip()
        if confidence not in CONFIDENCE:
            reader.problem(f"{at}.confidence", f"{confidence!r}", "finding or indicative")
        priority = item.get("priority")
        if priority is not None and (isinstance(priority, bool) or not isinstance(priority, int)
                                     or priority < 1):
            reader.problem(f"{at}.priority", f"{priority!r} is not a priority",
                           "a whole number, 1 for the highest")
            priority = None
        extra = list(reader.texts(item, "evidence", at))
        for i, eid in enumerate(extra, 1):
            if eid not in reader.state.evidence and eid not in reader.state.chronology:
                reader.problem(f"{at}.evidence[{i}]", f"no evidence {eid!r} in the review")
        status = str(item.get("status") or "draft")
        if status not in ("draft", "final"):
            reader.problem(f"{at}.status", f"{status!r}", "draft or final (suggestions come "
                           "from `casereview findings REVIEW suggest`)")
            continue
        title, pattern = reader.text(item, "title", at), reader.text(item, "pattern", at)
        if not (fid and title and pattern):
            continue
        details: dict[str, Any] = {
            "in_this_case": reader.text(item, "in_this_case", at),
            "episodes": [e.id for e in linked],
            "factors": factors,
            "not_peculiar": reader.text(item, "not_peculiar", at, required=status == "final"),
            "why_it_matters": reader.text(item, "why_it_matters", at),
            "board_issues": list(issues),
            "confidence": confidence,
            "subcategory": subcategory,
        }
        if priority is not None:
            details["priority"] = priority
        evidence_ids = list(dict.fromkeys(evidence_of(linked, factors) + extra))
        found.append(Finding(fid, title, pattern, category=category, evidence_ids=evidence_ids,
                             status=status, details=details))
    return found


# -- suggestions: recurring typology sub-categories as candidate patterns ------------------------


def suggested_patterns(state: ReviewState) -> list[Finding]:
    """A typology sub-category tagged on the contributory factors of two or more episodes, and
    that no reviewer's finding already takes up, is offered as a candidate pattern — always as
    a suggestion. A recurring conversation prompt ("family", "role") is rarely a pattern in the
    typology's sense, so prompts alone suggest nothing."""
    recorded = [f for f in state.findings.values() if f.status is not FindingStatus.SUGGESTED]
    covered = {finding_details(f)["subcategory"] for f in recorded}
    all_episodes = episodes(state)
    suggestions = []
    for sub, label in SUBCATEGORY_LABELS.items():
        shown = [e for e in all_episodes if any(f.subcategory == sub for f in e.explanation)]
        if len(shown) < 2 or sub in covered:
            continue
        ids = [e.id for e in shown]
        keys = list(dict.fromkeys(f.factor for e in shown for f in e.explanation
                                  if f.subcategory == sub))
        name = SUBCATEGORIES[CATEGORY_OF[sub]][sub]
        suggestions.append(Finding(
            id=f"S-{sub.replace('_', '-')}",
            title=f"Candidate pattern: {name.rstrip('?').lower()} in {len(shown)} key practice "
                  "episodes",
            statement=f"Contributory factors tagged '{label}' help explain {', '.join(ids)}. A "
                      "reviewer decides whether this is an underlying pattern in the system, "
                      "and if so states it and tests it beyond this case.",
            category=CATEGORY_OF[sub],
            evidence_ids=_evidence_of_subcategory(shown, sub),
            status=FindingStatus.SUGGESTED,
            details={"episodes": ids, "factors": keys, "subcategory": sub,
                     "suggested_from": {"subcategory": sub, "episodes": ids}},
        ))
    return suggestions


def _evidence_of_subcategory(found: list[Episode], sub: str) -> list[str]:
    return list(dict.fromkeys(s.id for e in found for f in e.explanation
                              if f.subcategory == sub for s in f.sources))


@hookimpl
def derive_findings(review: ReviewState, methodology: str) -> list[Finding]:
    recorded = sorted(review.findings.values(), key=lambda f: f.id)
    return recorded + [s for s in suggested_patterns(review) if s.id not in review.findings]


# -- the method's checks on a finding ---------------------------------------------------------


def _problem(check: str, message: str) -> dict[str, str]:
    return {"level": "problem", "check": check, "message": message}


def naming_warnings(state: ReviewState, finding: Finding) -> list[dict[str, str]]:
    """A finding is about the system: warn when its words point at one practitioner."""
    d = finding_details(finding)
    texts = [finding.title, finding.statement, d["in_this_case"], d["why_it_matters"],
             d["not_peculiar"], *d["board_issues"]]
    names = [p.name for p in state.participants.values() if p.name]
    found = individual_references(" \n".join(texts), allowed=review_vocabulary(state),
                                  names=names)
    if not found:
        return []
    return [{"level": "warning", "check": "names an individual",
             "message": f"finding {finding.id} seems to point at an individual practitioner "
                        f"({', '.join(found)}); findings are about the system — refer to roles "
                        "in general"}]


@hookimpl
def check_finding(review: ReviewState, methodology: str, finding: Finding, status: str
                  ) -> list[dict[str, str]]:
    d = finding_details(finding)
    found = []
    if finding.category and finding.category not in FINDINGS_TYPOLOGY:
        found.append(_problem("typology", f"{finding.category!r} is not a category of the "
                              "findings typology"))
    for issue in d["board_issues"]:
        problem = question_problem(issue)
        if problem:
            found.append({"level": "warning", "check": "issues for the board",
                          "message": f"{finding.id}: {problem}"})
    sub = d["subcategory"]
    if sub and CATEGORY_OF.get(sub) != finding.category:
        found.append(_problem("typology", f"the sub-category {sub!r} belongs to "
                              f"{CATEGORY_OF.get(sub, 'no category')!r}, not to the finding's "
                              f"category {finding.category or 'none yet'!r}"))
    if d["confidence"] not in CONFIDENCE:
        found.append(_problem("confidence", f"{d['confidence']!r} is not 'finding' or "
                              "'indicative'"))
    missing = [e for e in d["episodes"] if e not in review.record_collection(
        "learning-together/episode")]
    if missing:
        found.append(_problem("episodes", f"it links episodes the review does not hold: "
                              f"{', '.join(missing)}"))
    if status == "final":
        required = {
            "typology": (finding.category, "place it in one category of the findings typology"),
            "episodes": (d["episodes"], "link the key practice episodes that show it"),
            "in this case": (d["in_this_case"], "say how the pattern showed in this case"),
            "not peculiar to this case": (d["not_peculiar"], "give the evidence that the "
                                          "pattern is not peculiar to this case (research, "
                                          "audits, other reviews)"),
            "why it matters": (d["why_it_matters"], "say why it matters"),
            "issues for the board": (d["board_issues"], "put at least one question to the "
                                     "board"),
        }
        found += [_problem(check, f"before {finding.id} is final: {what}")
                  for check, (value, what) in required.items() if not value]
    return found + naming_warnings(review, finding)
