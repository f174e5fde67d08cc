"""The core's sections of the report: what each says, as the context of its template.

Orders leave room for a methodology's sections (ReportSection.order, default 500: the analysis
sits after the timeline and before the findings). A methodology section with the same id as a
core section replaces it — Learning Together, for example, may give the findings in its own shape.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

from core.evidence.chronology.agencies import entry_agencies
from core.evidence.chronology.duplicates import confirmed_duplicates
from core.kernel.dates import closing, long_date, opening
from core.kernel.model import ActionStatus, FindingStatus, Involvement, ParticipantRole
from core.kernel.state import ReviewState
from core.output.report.records import RAPID_DECISIONS, RAPID_REVIEW_RECORD, accreditations, current
from core.plugin_api.methodology import PRINCIPLES, ReportSection
from core.statutory.commissioning import (
    FAMILY_OFFER_RECORD,
    INDEPENDENCE_RECORD,
    choice_of,
    rationale_of,
)

TEMPLATES = "core.output.report:templates/"

# id -> (title, order). The analysis of the methodology goes at 500.
CORE_SECTIONS: dict[str, tuple[str, int]] = {
    "introduction": ("Introduction and terms of reference", 100),
    "methodology": ("The methodology and why it was chosen", 200),
    "involvement": ("How practitioners and the family were involved", 300),
    "timeline": ("The chronology entries the analysis rests on", 405),
    "findings": ("Findings", 600),
    "recommendations": ("Recommendations and issues for the board", 700),
    "actions": ("Improvement actions", 800),
    "progress": ("What has been done, its impact, and what more will be done", 850),
    "graph": ("From evidence to action: the causal graph", 900),
    "glossary": ("Glossary of acronyms", 990),
}
# Working material: the review team's pack carries these, never the published report. The
# reviewers' summary of significant events (core.output.report.written) is what the public reads.
INTERNAL_SECTIONS = frozenset({"timeline", "graph"})


def words(value: Any) -> str:
    """A stored name as words: serious_case_review -> serious case review."""
    return str(value or "").replace("_", " ").replace("-", " ").strip()


def regime_of(host: Any, state: ReviewState) -> Any | None:
    try:
        return host.regime(state.review.regime)
    except Exception:  # a review whose regime plugin is not loaded still gets its report
        return None


def _current(state: ReviewState, collection: str) -> dict[str, Any]:
    return dict(state.record_collection(collection).get("current") or {})


def review_kind(host: Any, state: ReviewState) -> str:
    # The Chair's decision says what kind of review was held. The criteria engine's own
    # review_kind names the first step the regime asks for (e.g. a rapid review), not this one.
    kind = _current(state, "regime/decision").get("review_kind")
    return words(kind) if kind else "case review"


def in_order(identifier: str) -> str:
    """An id that sorts as people count: P2 before P10."""
    return re.sub(r"\d+", lambda m: f"{int(m.group()):09d}", identifier)


def lead_reviewers(state: ReviewState) -> list[Any]:
    return sorted((p for p in state.participants.values()
                   if p.role is ParticipantRole.LEAD_REVIEWER), key=lambda p: in_order(p.id))


def title_facts(host: Any, state: ReviewState, today: dt.date) -> list[tuple[str, str]]:
    review = state.review
    regime = regime_of(host, state)
    decision = _current(state, "regime/decision")
    facts = [
        ("Review", review_kind(host, state).capitalize()),
        ("Statutory framework", getattr(regime, "title", review.regime)),
        ("Safeguarding partnership", review.area),
        ("The child", review.subject.pseudonym
         + (f", aged {review.subject.age_at_event}" if review.subject.age_at_event else "")),
        ("Incident", f"{review.incident_date:%B %Y}"),
        ("Notified", long_date(review.notified_on)),
    ]
    if getattr(review, "became_aware_on", None):
        facts.insert(-1, ("Local authority became aware", long_date(review.became_aware_on)))
    if decision.get("on"):
        day = dt.date.fromisoformat(decision["on"])
        facts.append(("Decision to review", long_date(day)))
    reviewers = [p.name or p.title for p in lead_reviewers(state)]
    if reviewers:
        facts.append(("Lead reviewer" + ("s" if len(reviewers) > 1 else ""), ", ".join(reviewers)))
    if state.methodology:
        facts.append(("Methodology", _methodology_title(host, state)))
    facts.append(("Report date", long_date(today)))
    return facts


def _methodology_title(host: Any, state: ReviewState) -> str:
    try:
        return str(host.methodology(state.methodology).title)
    except Exception:
        return words(state.methodology)


def core_sections(host: Any, state: ReviewState) -> list[ReportSection]:
    """Every core section but the glossary and the graph, which need the others first."""
    builders = {
        "introduction": _introduction,
        "methodology": _methodology,
        "involvement": _involvement,
        "timeline": _timeline,
        "findings": _findings,
        "recommendations": _recommendations,
        "actions": _actions,
        "progress": _progress,
    }
    return [section(sid, builder(host, state)) for sid, builder in builders.items()]


def section(section_id: str, context: dict[str, Any]) -> ReportSection:
    title, order = CORE_SECTIONS[section_id]
    return ReportSection(id=section_id, title=title, order=order,
                         template=f"{TEMPLATES}{section_id}.html.j2", context=context,
                         published=section_id not in INTERNAL_SECTIONS)


def _introduction(host: Any, state: ReviewState) -> dict[str, Any]:
    regime = regime_of(host, state)
    ends = _first_and_last(state)
    return {
        "review": state.review,
        "kind": review_kind(host, state),
        "regime_title": getattr(regime, "title", state.review.regime),
        "focus_months": getattr(regime, "focus_months", None),
        # The period the records cover, without inventing a day at either end.
        "first": opening(ends[0].date) if ends else None,
        "last": closing(ends[1].date) if ends else None,
        "agencies": sorted(state.agencies) or sorted(entry_agencies(state)),
        "rapid": _rapid_review(state),
        "terms_title": _terms_title(host, state),
    }


def _terms_title(host: Any, state: ReviewState) -> str:
    try:
        return str(host.methodology(state.methodology).terms_of_reference_title)
    except Exception:  # no methodology yet, or its plugin is not loaded
        return "Terms of reference"


def _first_and_last(state: ReviewState) -> tuple[Any, Any] | None:
    """The first entry of the chronology and the first of those ending last (from the read
    models, without reading every entry, when the review came from them)."""
    found = getattr(state.chronology, "first_and_last", None)
    if found is not None:
        return found()
    entries = state.sorted_chronology()
    return (entries[0], max(entries, key=lambda e: e.date.end)) if entries else None


def _rapid_review(state: ReviewState) -> dict[str, Any] | None:
    """The rapid review's decision and why, for "why this case was reviewed"."""
    rapid = current(state, RAPID_REVIEW_RECORD)
    if not rapid:
        return None
    return {"held_on": dt.date.fromisoformat(rapid["held_on"]),
            "decision": RAPID_DECISIONS[rapid["decision"]], "rationale": rapid["rationale"]}


def _methodology(host: Any, state: ReviewState) -> dict[str, Any]:
    method = None
    if state.methodology:
        try:
            method = host.methodology(state.methodology)
        except Exception:
            method = None
    return {
        "choice": choice_of(state),
        "method": method,
        "name": state.methodology,
        "variant": state.review.variant,
        "variant_text": (method.variants.get(state.review.variant or "", "") if method else ""),
        "rationale": rationale_of(state),
        "principles": [(PRINCIPLES[key], (method.principles.get(key, "") if method else ""))
                       for key in PRINCIPLES],
    }


def _involvement(host: Any, state: ReviewState) -> dict[str, Any]:
    by_role: dict[ParticipantRole, list[Any]] = {}
    for person in sorted(state.participants.values(), key=lambda p: in_order(p.id)):
        by_role.setdefault(person.role, []).append(person)
    conversations = [e for e in state.evidence.values() if e.kind.value == "conversation"]
    events = sorted(state.learning_events.values(), key=lambda e: (e.held_on or dt.date.max, e.id))
    contributions = Counter(c.event_id for c in state.contributions.values())
    family = by_role.get(ParticipantRole.FAMILY, [])
    offer = state.record_collection(FAMILY_OFFER_RECORD).get("current") or {}
    statements = state.record_collection(INDEPENDENCE_RECORD)
    return {
        "lead_reviewers": lead_reviewers(state),
        # What each lead reviewer stated and holds, as recorded: never asserted for them.
        "independence": {p.id: _dated(statements[p.id]) for p in lead_reviewers(state)
                         if p.id in statements},
        "accreditations": {p.id: [_dated(a) for a in accreditations(state, p.id)]
                           for p in lead_reviewers(state)},
        "review_team": by_role.get(ParticipantRole.REVIEW_TEAM, []),
        "practitioners": practitioners(state, by_role.get(ParticipantRole.CASE_GROUP, [])),
        "agency_authors": by_role.get(ParticipantRole.AGENCY_AUTHOR, []),
        "conversations": len(conversations),
        "conversation_agencies": sorted({e.agency for e in conversations if e.agency}),
        "events": [(e, contributions.get(e.id, 0)) for e in events],
        "agencies": sorted(state.agencies),
        "offered_on": dt.date.fromisoformat(offer["offered_on"]) if offer.get("offered_on")
        else None,
        "offer_response": offer.get("response", ""),
        "family": {answer.value: [p for p in family if p.involvement is answer]
                   for answer in Involvement},
        "family_unrecorded": [p for p in family if p.involvement is None],
    }


def _dated(record: dict[str, Any]) -> dict[str, Any]:
    """A record whose "on" is read as a day, so the template writes it in words."""
    on = record.get("on")
    return {**record, "on": dt.date.fromisoformat(on) if on else None}


def practitioners(state: ReviewState, case_group: list[Any]) -> list[dict[str, Any]]:
    """The practitioners who took part, by role and agency: the case group as recorded, and
    anyone who spoke at a learning event without being recorded in it, each once, with how
    they took part where the records show it."""
    def key(role: str, agency: str) -> tuple[str, str]:
        return (" ".join(role.casefold().split()), " ".join(agency.casefold().split()))

    found: dict[tuple[str, str], dict[str, Any]] = {}
    for person in case_group:
        if person.involvement not in (None, Involvement.TOOK_PART):
            continue  # declined or not approached: not someone who took part
        found.setdefault(key(person.title, person.agency), {
            "role": person.title, "agency": person.agency, "note": person.involvement_note,
            "spoke_at_event": False})
    others = {key(p.title, p.agency) for p in state.participants.values()
              if p.role is not ParticipantRole.CASE_GROUP}
    for said in sorted(state.contributions.values(), key=lambda c: c.id):
        if key(said.role, said.agency) in others:
            continue  # a reviewer or review team member speaking at the event
        row = found.setdefault(key(said.role, said.agency), {
            "role": said.role, "agency": said.agency, "note": "", "spoke_at_event": False})
        row["spoke_at_event"] = True
    return list(found.values())


def _timeline(host: Any, state: ReviewState) -> dict[str, Any]:
    rows, kinds = summary_timeline(host, state)
    return {"rows": rows, "kinds": kinds, "total": len(state.chronology),
            "agencies": len(entry_agencies(state)),
            "review_id": state.id}


def summary_timeline(host: Any, state: ReviewState) -> tuple[list[dict[str, Any]], list[str]]:
    """The entries the analysis rests on, in date order: those in the methodology's evidence
    groups (Learning Together's key practice episodes ...) and those the findings cite, each
    confirmed duplicate shown once. The whole chronology stays with the panel (`casereview
    chronology`): a published report gives the events that matter, not every record."""
    groups: list[Any] = []
    if state.methodology:
        groups = host.call_methodology(state.methodology, "structure_evidence",
                                       review=state) or []
    wanted: set[str] = set()

    def cite(ids: Any) -> set[str]:
        found = set()
        for cited in ids:
            if cited in state.chronology:
                found.add(cited)
            elif cited in state.evidence:
                found.update(e for e in state.evidence[cited].entry_ids if e in state.chronology)
        wanted.update(found)
        return found

    kinds = [words(g.kind) for g in groups if cite([*g.entry_ids, *g.evidence_ids])]
    for finding in accepted_findings(state):
        cite(finding.evidence_ids)
    first_of = confirmed_duplicates(state)

    def first(entry_id: str) -> str:
        seen = set()
        while entry_id in first_of and entry_id not in seen and first_of[entry_id] in \
                state.chronology:
            seen.add(entry_id)
            entry_id = first_of[entry_id]
        return entry_id

    same: dict[str, set[str]] = {}
    for entry_id in wanted:
        same.setdefault(first(entry_id), set()).add(entry_id)
    for entry_id in first_of:  # name every agency that recorded a shown event
        if entry_id in state.chronology and first(entry_id) in same:
            same[first(entry_id)].add(entry_id)
    rows: list[dict[str, Any]] = []
    for shown, ids in same.items():
        entry = state.chronology[shown]
        others = sorted(state.chronology[i].agency for i in ids if i != shown)
        rows.append({"entry": entry, "agencies": list(dict.fromkeys([entry.agency, *others]))})
    rows.sort(key=lambda r: (r["entry"].date.sort_key, r["entry"].agency, r["entry"].id))
    return rows, list(dict.fromkeys(kinds))


def accepted_findings(state: ReviewState) -> list[Any]:
    """Findings a reviewer has accepted: software suggestions never reach a report."""
    return sorted((f for f in state.findings.values() if f.status is not FindingStatus.SUGGESTED),
                  key=lambda f: f.id)


def _category_labels(host: Any, state: ReviewState) -> dict[str, str]:
    labels: dict[str, str] = {}
    try:
        names = host.methodology(state.methodology).taxonomies if state.methodology else ()
    except Exception:
        names = ()
    for name in names:
        taxonomy = host.taxonomies.get(name)
        if taxonomy is not None:
            labels.update(taxonomy.categories)
    return labels


def _findings(host: Any, state: ReviewState) -> dict[str, Any]:
    labels = _category_labels(host, state)
    return {
        "findings": [
            {"finding": f, "category": labels.get(f.category, words(f.category)),
             "evidence": [state.evidence[e].title if e in state.evidence else e
                          for e in f.evidence_ids],
             "draft": f.status is FindingStatus.DRAFT}
            for f in accepted_findings(state)
        ],
    }


def board_issues(finding: Any) -> list[str]:
    """Issues for the board a methodology recorded with a finding (Learning Together's shape)."""
    for key in ("issues_for_the_board", "issues_for_board", "board_issues", "issues"):
        value = finding.details.get(key)
        if value:
            return [str(v) for v in (value if isinstance(value, list | tuple) else [value])]
    return []


def _recommendations(host: Any, state: ReviewState) -> dict[str, Any]:
    findings = {f.id: f for f in accepted_findings(state)}
    return {
        "recommendations": [
            {"rec": r, "findings": [findings[f].title if f in findings else f
                                    for f in r.finding_ids]}
            for r in sorted(state.recommendations.values(), key=lambda r: r.id)
        ],
        "issues": [(f, board_issues(f)) for f in findings.values() if board_issues(f)],
        "issues_with_findings": False,
    }


def _actions(host: Any, state: ReviewState) -> dict[str, Any]:
    actions = sorted(state.actions.values(), key=lambda a: (a.due, a.id))
    return {"actions": actions}


def _progress(host: Any, state: ReviewState) -> dict[str, Any]:
    actions = sorted(state.actions.values(), key=lambda a: (a.due, a.id))
    done = [a for a in actions if a.status is ActionStatus.COMPLETED]
    started = [a for a in actions if a.status is ActionStatus.IN_PROGRESS]
    return {
        "taken": done + started,
        "impact": [a for a in done + started if a.impact_evidence],
        "more": [a for a in actions
                 if a.status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)],
    }
