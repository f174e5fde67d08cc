"""The method's sections of the report, in the Welsh template's order (headings in
`taxonomy.REPORT_HEADINGS`, kept as data): the brief outline of the circumstances, the practice
and organisational learning, improving systems and practice, the reviewers' statement, the
panel chair's statement, the terms of reference and summary timeline as appendices, and the key
dates for Welsh Government. The learning replaces the core's findings section, improving
systems and practice its recommendations, and the summary timeline its timeline.

Each section is a jinja2 template in `child_practice_review/templates/`, rendered by the core
with autoescape on. What practitioners said stays in the review team's pack: the report says
where learning was heard, never quotes it.
"""

from __future__ import annotations

from typing import Any

from child_practice_review.plan import classified_type, review_type
from child_practice_review.readers import NOTICE_KEYS
from child_practice_review.records import (
    invitations,
    learning_details,
    notices,
    panel,
    terms,
    timeline,
)
from child_practice_review.taxonomy import LEARNING_KINDS, REPORT_HEADINGS
from core import hookimpl
from core.kernel.dates import long_date, long_span
from core.kernel.model import FindingStatus, ParticipantRole
from core.kernel.state import ReviewState
from core.plugin_api.methodology import ReportSection

TEMPLATES = "child_practice_review:templates/"
ORDER = {"circumstances": 150, "learning": 600, "improving": 700, "reviewers": 870,
         "chair": 880, "terms": 930, "timeline": 940, "key_dates": 960}
SECTION_IDS = {"circumstances": "cpr-circumstances", "learning": "findings",
               "improving": "recommendations", "reviewers": "cpr-reviewers",
               "chair": "cpr-chair", "terms": "cpr-terms", "timeline": "timeline",
               "key_dates": "cpr-key-dates"}
# The Welsh template's key dates are for Welsh Government's use, not the public: the pack keeps
# them. The summary timeline is the published, anonymised wording of the significant events.
INTERNAL = frozenset({"key_dates"})


def summary_rows(state: ReviewState) -> list[dict[str, str]]:
    """The published summary timeline: the significant events given a published wording."""
    rows = []
    for item in timeline(state):
        entry = state.chronology.get(item.entry.entry_id)
        if item.summary and entry is not None:
            rows.append({"id": item.id, "when": long_span(entry.date), "agency": entry.agency,
                         "summary": item.summary})
    return rows


def circumstances(state: ReviewState) -> dict[str, Any]:
    recorded = terms(state)
    chosen, classified = review_type(state), classified_type(state)
    return {
        "outline": recorded.circumstances if recorded else "",
        "type": chosen.name, "reviewers": chosen.reviewers, "family": chosen.family,
        "unified": bool(state.header and state.header.regime == "wales-susr"),
        "classified": classified if classified != chosen.name else "",
        "type_reason": recorded.type_reason if recorded else "",
        "focus": (f"{long_date(recorded.focus_from)} to {long_date(recorded.focus_to)}"
                  if recorded else ""),
        "longer_reason": recorded.longer_focus_reason if recorded else "",
    }


def learning(state: ReviewState) -> dict[str, Any]:
    events = {t.id: t for t in timeline(state)}
    when = {t.id: long_span(state.chronology[t.entry.entry_id].date)
            for t in events.values() if t.entry.entry_id in state.chronology}
    groups: dict[str, list[dict[str, Any]]] = {k: [] for k in LEARNING_KINDS}
    for finding in sorted(state.findings.values(), key=lambda f: f.id):
        if finding.status is FindingStatus.SUGGESTED:
            continue
        d = learning_details(finding)
        heard_at = sorted({state.learning_events[c.event_id].title
                           for c in (state.contributions.get(cid) for cid in d["heard"])
                           if c is not None and c.event_id in state.learning_events})
        groups.setdefault(finding.category or "practice", []).append({
            "id": finding.id, "title": finding.title, "learning": finding.statement,
            "in_this_case": d["in_this_case"], "draft": finding.status is FindingStatus.DRAFT,
            "events": [t for t in d["timeline"] if t in when],
            "heard_at": heard_at,
        })
    return {"groups": [{"title": LEARNING_KINDS.get(k, k).split(":")[0], "entries": v}
                       for k, v in groups.items() if v]}


def improving(state: ReviewState) -> dict[str, Any]:
    titles = {f.id: f.title for f in state.findings.values()}
    rows = []
    for rec in sorted(state.recommendations.values(), key=lambda r: r.id):
        actions = sorted(a.id for a in state.actions.values() if rec.id in a.addresses)
        rows.append({"id": rec.id, "text": rec.text, "actions": actions,
                     "learning": [f"{f}: {titles.get(f, '')}".rstrip(": ")
                                  for f in rec.finding_ids]})
    return {"recommendations": rows}


def reviewers(state: ReviewState) -> dict[str, Any]:
    recorded = panel(state)
    leads = [p for p in state.participants.values() if p.role is ParticipantRole.LEAD_REVIEWER]
    statements = {r.title: r for r in recorded.reviewers} if recorded else {}
    people = [{"who": p.name or p.title, "title": p.title,
               "statement": statements[p.title].statement if p.title in statements else "",
               "approved": statements[p.title].approved_list if p.title in statements else None}
              for p in sorted(leads, key=lambda p: p.id)]
    invited = invitations(state)
    events = []
    for event in sorted(state.learning_events.values(), key=lambda e: (str(e.held_on), e.id)):
        asked = invited.get(event.id)
        events.append({
            "title": event.title, "held_on": long_date(event.held_on) if event.held_on else "",
            "invited": len(asked.invited) if asked else 0,
            "attended": sum(1 for i in asked.invited if i.attended) if asked else 0,
            "agencies": len({i.agency for i in asked.invited if i.agency}) if asked else 0,
        })
    return {
        "reviewers": people, "type": review_type(state).name,
        "panel": recorded, "events": events,
        "chair": in_sentence(recorded.chair.role) if recorded else "",
    }


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


def in_sentence(role: str) -> str:
    """A role inside a sentence: "Independent chair" -> "independent chair"; acronyms stay."""
    return role if role[:2].isupper() else role[:1].lower() + role[1:]


def key_dates(state: ReviewState) -> dict[str, Any]:
    rows = []
    if state.header:
        rows.append((state.header.incident_date, "The incident"))
        rows.append((state.header.notified_on, "The notification"))
    for key, notice in notices(state).items():
        rows.append((notice.on, _sentence_start(NOTICE_KEYS.get(key, key))))
    for event in state.learning_events.values():
        if event.held_on:
            rows.append((event.held_on, event.title))
    return {"rows": [(what, long_date(day)) for day, what in sorted(rows)]}


def terms_context(state: ReviewState) -> dict[str, Any]:
    return {"questions": state.header.terms_of_reference if state.header else "",
            **circumstances(state)}


@hookimpl
def report_sections(review: ReviewState, methodology: str) -> list[ReportSection]:
    recorded = panel(review)
    contexts = {
        "circumstances": circumstances(review),
        "learning": learning(review),
        "improving": improving(review),
        "reviewers": reviewers(review),
        "chair": {"statement": recorded.chair_statement if recorded else "",
                  "independent": recorded.chair_independent if recorded else None},
        "terms": terms_context(review),
        "timeline": {"rows": summary_rows(review), "total": len(review.chronology)},
        "key_dates": key_dates(review),
    }
    return [ReportSection(SECTION_IDS[key], REPORT_HEADINGS[key],
                          f"{TEMPLATES}{key.replace('_', '-')}.html.j2", context,
                          order=ORDER[key], published=key not in INTERNAL)
            for key, context in contexts.items()]
