"""Findings, methodology-agnostic: record them, take up the software's suggestions, finalise.

Findings are the reviewers' judgement. A methodology may *suggest* (status SUGGESTED) but only a
reviewer's `accept` makes a suggestion a draft, and only `finalise` makes a draft final — after
the core's checks and the methodology's own (`check_finding`) find no problem. Every function
here builds events and checks them; the caller writes them, so a refusal changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from attrs import evolve, field, frozen

from core.kernel.corrections import refuse_reuse
from core.kernel.errors import CaseReviewError, lookup
from core.kernel.model import Finding, FindingStatus
from core.kernel.state import ReviewState, put, put_record, remove

DISMISSED = "core/dismissed-suggestions"  # record collection: suggestions a reviewer turned down

Check = dict[str, str]  # {"level": "warning" | "problem", "check": ..., "message": ...}


class FindingRefused(CaseReviewError):
    """A finding cannot take the status asked for; `problems` says every reason."""

    def __init__(self, finding_id: str, status: str, problems: list[str]) -> None:
        self.finding_id, self.status, self.problems = finding_id, status, problems
        listed = "\n  - ".join(problems)
        super().__init__(
            f"finding {finding_id} cannot be recorded as {status}; nothing was changed:\n"
            f"  - {listed}"
        )


@frozen
class FindingChange:
    """The events that record a finding, and the warnings the reviewer should read."""

    finding: Finding
    events: list[tuple[str, dict[str, Any]]] = field(factory=list)
    warnings: list[Check] = field(factory=list)


# -- checks ---------------------------------------------------------------------------------


def checks(host: Any, state: ReviewState, finding: Finding, status: FindingStatus) -> list[Check]:
    """The core's checks and the methodology's, for `finding` about to have `status`."""
    found: list[Check] = []
    missing = [e for e in finding.evidence_ids
               if e not in state.evidence and e not in state.chronology]
    if missing:
        found.append(_problem("evidence", f"it cites evidence that is not in the review: "
                                          f"{', '.join(missing)}"))
    if status is FindingStatus.FINAL and not finding.evidence_ids:
        found.append(_problem("evidence", "a final finding must cite at least one piece of "
                                          "evidence"))
    if status is FindingStatus.FINAL and finding.status is FindingStatus.SUGGESTED:
        found.append(_problem("judgement", "it is a software suggestion; a reviewer must accept "
                                           "it (`casereview findings REVIEW accept ID`) first"))
    if state.methodology:
        for result in host.call_methodology(
            state.methodology, "check_finding", review=state, finding=finding, status=status.value
        ):
            found.extend(result or [])
    return found


def _problem(check: str, message: str) -> Check:
    return {"level": "problem", "check": check, "message": message}


def _change(host: Any, state: ReviewState, finding: Finding) -> FindingChange:
    found = checks(host, state, finding, finding.status)
    problems = [c["message"] for c in found if c.get("level") == "problem"]
    if problems:
        raise FindingRefused(finding.id, finding.status.value, problems)
    warnings = [c for c in found if c.get("level") != "problem"]
    return FindingChange(finding, [put("findings", finding)], warnings)


# -- changes --------------------------------------------------------------------------------


def record(host: Any, state: ReviewState, finding: Finding) -> FindingChange:
    """Record (add or replace) a finding a reviewer wrote, as a draft or final.

    A reviewer records their own findings; status SUGGESTED is for the software alone."""
    if finding.status is FindingStatus.SUGGESTED:
        raise FindingRefused(finding.id, "suggested", [
            "suggestions come from the methodology (`casereview findings REVIEW suggest`); "
            "record a reviewer's finding as draft or final"])
    refuse_reuse(state, "findings", finding.id)
    existing = state.findings.get(finding.id)
    if existing is not None and existing.status is FindingStatus.SUGGESTED:
        raise FindingRefused(finding.id, finding.status.value, [
            f"{finding.id} is a suggestion; accept it first or choose another id"])
    return _change(host, state, finding)


def suggestions(host: Any, state: ReviewState) -> list[Finding]:
    """What the methodology suggests now and the review does not hold yet, always SUGGESTED.

    Whatever status the methodology gives a new finding, the core records it as a suggestion:
    only a reviewer makes a finding a draft or final."""
    if not state.methodology:
        return []
    derived = host.call_methodology(state.methodology, "derive_findings", review=state) or []
    dismissed = state.record_collection(DISMISSED)
    return [
        evolve(f, status=FindingStatus.SUGGESTED)
        for f in derived
        if f.id not in state.findings and f.id not in dismissed
    ]


def suggest(host: Any, state: ReviewState) -> tuple[list[Finding], list[tuple[str, dict]]]:
    """The current suggestions and the events that store them (none when there are none)."""
    new = suggestions(host, state)
    missing = sorted({e for f in new for e in f.evidence_ids
                      if e not in state.evidence and e not in state.chronology})
    if missing:
        raise FindingRefused(new[0].id, "suggested", [
            f"the methodology suggested findings citing unknown evidence: {', '.join(missing)}"])
    return new, [put("findings", f) for f in new]


def get(state: ReviewState, finding_id: str) -> Finding:
    return lookup(state.findings, finding_id, f"no finding {finding_id!r} in review {state.id}")


def accept(host: Any, state: ReviewState, finding_id: str, *, title: str | None = None,
           statement: str | None = None, category: str | None = None) -> FindingChange:
    """A reviewer takes up a suggestion: it becomes a draft (which they can edit)."""
    finding = get(state, finding_id)
    if finding.status is not FindingStatus.SUGGESTED:
        raise FindingRefused(finding_id, "draft", [
            f"{finding_id} is already {finding.status.value}; only suggestions are accepted"])
    changes: dict[str, Any] = {"status": FindingStatus.DRAFT}
    for name, value in (("title", title), ("statement", statement), ("category", category)):
        if value is not None:
            changes[name] = value
    return _change(host, state, evolve(finding, **changes))


def dismiss(state: ReviewState, finding_id: str, reason: str = "") -> list[tuple[str, dict]]:
    """A reviewer turns a suggestion down: it goes, and is not suggested again."""
    finding = get(state, finding_id)
    if finding.status is not FindingStatus.SUGGESTED:
        raise FindingRefused(finding_id, "dismissed", [
            f"{finding_id} is {finding.status.value}; only suggestions are dismissed"])
    return [remove("findings", finding_id),
            put_record(DISMISSED, finding_id, {"title": finding.title, "reason": reason})]


def finalise(host: Any, state: ReviewState, finding_id: str) -> FindingChange:
    """Make a draft final, if the core's and the methodology's checks find no problem."""
    finding = get(state, finding_id)
    if finding.status is FindingStatus.FINAL:
        raise FindingRefused(finding_id, "final", [f"{finding_id} is already final"])
    problems = [c["message"] for c in checks(host, state, finding, FindingStatus.FINAL)
                if c.get("level") == "problem"]
    if problems:
        raise FindingRefused(finding_id, "final", problems)
    return _change(host, state, evolve(finding, status=FindingStatus.FINAL))


def reopen(host: Any, state: ReviewState, finding_id: str) -> FindingChange:
    """Back from final to draft, e.g. when a recall session changes a finding."""
    finding = get(state, finding_id)
    if finding.status is not FindingStatus.FINAL:
        raise FindingRefused(finding_id, "draft", [f"{finding_id} is not final"])
    return _change(host, state, evolve(finding, status=FindingStatus.DRAFT))


# -- naming individuals (a helper any methodology can use in its checks) ---------------------

_HONORIFIC = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|PC|DC|DS|DI|Sgt|Sister|Nurse)\.?\s+[A-Z][a-z'’-]+"
)
_ROLES = (r"social\s+worker|health\s+visitor|practitioner|nurse|midwife|teacher|officer|"
          r"doctor|GP|manager|paediatrician|worker|clinician|SW|HV")
# "Social Worker 2", "HV1", "Practitioner B": a role numbered or lettered is one person.
_NUMBERED_ROLE = re.compile(rf"\b(?i:{_ROLES})\s?(?:\d+|[A-Z])\b")
# "the health visitor who ..." ties a role to the person who did something in this case.
_THE_ROLE_WHO = re.compile(rf"\b(?i:the\s+(?:{_ROLES})\s+who)\b")
# "Child A's social worker", "Mother's GP": the one person who held that role for this family.
_POSSESSED_ROLE = re.compile(
    rf"\b(?:Child\s+[A-Z]|Mother|Father|[A-Z][a-z]+)['’]s\s+(?i:{_ROLES})\b")
_CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)+\b")
# Words that start sentences or headings and are not names.
_NOT_NAMES = frozenset([
    "a", "an", "the", "this", "that", "these", "those", "when", "where", "while", "what",
    "which", "who", "why", "how", "in", "on", "at", "for", "from", "of", "to", "by", "with",
    "each", "every", "both", "all", "some", "many", "most", "one", "two", "three", "after",
    "before", "during", "across", "within", "without", "although", "because", "but", "and", "or",
    "so", "such", "any", "no", "not", "it", "its", "there", "their", "her", "his", "as", "if",
    "several", "practitioners", "agencies", "agency", "professionals", "staff", "however",
    "between", "since", "until",
])
_DOMAIN_TERMS = (
    "Child Protection", "Child Protection Conference", "Child Protection Plan", "Child in Need",
    "Early Help", "Multi-Agency Safeguarding Hub", "Working Together", "National Panel",
    "Child Safeguarding Practice Review Panel", "Local Authority", "Safeguarding Partnership",
    "Learning Together", "Key Practice Episode", "Strategy Discussion", "Strategy Meeting",
    "Domestic Abuse", "Section", "Children's Social Care", "Health Visiting", "Accident and "
    "Emergency", "Emergency Department", "General Practice", "Ofsted",
)
_CALENDAR = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)


def review_vocabulary(state: ReviewState) -> list[str]:
    """Proper nouns a review may use that are not people: its agencies, area and child."""
    words = [*state.agencies]
    if state.header is not None:
        words += [state.header.subject.pseudonym, state.header.area]
    return words


def individual_references(
    text: str, *, allowed: Iterable[str] = (), names: Iterable[str] = ()
) -> list[str]:
    """Phrases in `text` that seem to point at one individual rather than the system.

    A heuristic for a warning, not a rule: honorific + surname ("Mrs Patel"), a numbered or
    lettered role ("Social Worker 2"), "the <role> who ...", a known name from `names`, and a run
    of capitalised words that is not an allowed proper noun (`allowed`, the calendar, common
    safeguarding terms). Returns each phrase once, in order of appearance.
    """
    if not text:
        return []
    found: list[str] = []
    for name in names:
        if name.strip() and name.strip() in text and \
                re.search(rf"\b{re.escape(name.strip())}\b", text):
            found.append(name.strip())
    for pattern in (_HONORIFIC, _NUMBERED_ROLE, _THE_ROLE_WHO, _POSSESSED_ROLE):
        found += [m.group(0) for m in pattern.finditer(text)]
    known = [*allowed, *_DOMAIN_TERMS, *_CALENDAR]
    masked = text
    # Only phrases that occur at all are matched as words (a plain `in` is far cheaper than a
    # regular expression, and this runs for every contribution in a live session).
    for phrase in sorted((p for p in known if p and p in text), key=len, reverse=True):
        masked = re.sub(rf"\b{re.escape(phrase)}\b", lambda m: "_" * len(m.group(0)), masked)
    for match in _CAPITALISED_RUN.finditer(masked):
        words = match.group(0).split()
        while words and words[0].lower() in _NOT_NAMES:
            words = words[1:]
        if len(words) >= 2 and not any(match.group(0) in f for f in found):
            found.append(" ".join(words))
    return list(dict.fromkeys(found))
