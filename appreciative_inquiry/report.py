"""The method's sections of the report: the inquiry (principles, topic, guide, who took part),
the strengths to amplify, what went wrong and why, the conditions to create (Dream and
Design), the findings in the method's two kinds (replacing the core's findings section), and
the commitments with their champions.

Each section is a jinja2 template in `appreciative_inquiry/templates/`, rendered by the core
with autoescape on; the contexts hold plain text only, and practitioners only by role.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from appreciative_inquiry import records as r
from appreciative_inquiry.honesty import honest_record_problems
from appreciative_inquiry.taxonomy import (
    CYCLE,
    DESIGN_ELEMENTS,
    FINDING_KINDS,
    PRINCIPLES,
    QUESTION_KINDS,
)
from core import hookimpl
from core.kernel.dates import long_date, long_span
from core.kernel.model import FindingStatus
from core.kernel.state import ReviewState
from core.plugin_api.methodology import ReportSection

TEMPLATES = "appreciative_inquiry:templates/"
CONSENT_WORDS = {"given": "took part, with their consent", "declined": "declined",
                 "not_sought": "was not asked"}


def _entry_text(state: ReviewState, ref: r.EntryRef) -> str:
    entry = state.chronology.get(ref.entry_id)
    if entry is None:
        return f"{ref.agency} {ref.ref}"
    return f"{entry.agency}, {long_span(entry.date)} ({ref.ref})"


def inquiry(state: ReviewState) -> dict[str, Any]:
    define = r.define(state)
    held = r.interviews(state)
    return {
        "principles": list(PRINCIPLES.values()),
        "cycle": list(CYCLE.values()),
        "question": define.review_question if define else "",
        "topic": define.topic if define else "",
        "guide": [(QUESTION_KINDS[q.kind].split(":")[0], q.text) for q in define.guide]
        if define else [],
        "interviewed": [i.role if i.family else f"{i.role} ({i.agency})" for i in held],
        "family": [f"{c.relationship}: {CONSENT_WORDS.get(c.consent, c.consent)}"
                   for c in define.family] if define else [],
    }


def strengths(state: ReviewState) -> dict[str, Any]:
    held = {i.id: i for i in r.interviews(state)}
    rows = []
    for theme in r.themes(state):
        stories = [held[s] for s in theme.stories if s in held]
        rows.append({
            "id": theme.id, "title": theme.title, "statement": theme.statement,
            "keep": theme.keep,
            "stories": [{"who": s.role if s.family else f"{s.role}, {s.agency}",
                         "story": s.story, "enablers": list(s.enablers),
                         "entries": [_entry_text(state, e) for e in s.entries]}
                        for s in stories],
            # what the public reads: the conditions and the records, not the stories told
            "enablers": list(dict.fromkeys(e for s in stories for e in s.enablers)),
            "entries": list(dict.fromkeys(_entry_text(state, e) for s in stories
                                          for e in s.entries)),
        })
    return {"themes": rows}


def went_wrong(state: ReviewState) -> dict[str, Any]:
    record = r.honest_record(state)
    titles = {t.id: t.title for t in r.themes(state)}
    return {
        "what_happened": record.what_happened if record else "",
        "none_identified": record.none_identified if record else "",
        "missing": honest_record_problems(state),
        "concerns": [{"id": c.id, "title": c.title, "what_happened": c.what_happened,
                      "why": c.why, "entries": [_entry_text(state, e) for e in c.entries],
                      "themes": [titles.get(t, t) for t in c.themes]}
                     for c in r.concerns(state)],
    }


def conditions(state: ReviewState) -> dict[str, Any]:
    titles = {t.id: t.title for t in r.themes(state)}
    concern_titles = {c.id: c.title for c in r.concerns(state)}
    return {
        "dreams": [d.text for d in r.dreams(state)],
        "propositions": [{
            "id": p.id, "statement": p.statement,
            "themes": [titles.get(t, t) for t in p.themes],
            "concerns": [concern_titles.get(c, c) for c in p.concerns],
            "design": [f"{DESIGN_ELEMENTS[e.kind]}: {e.text}" for e in p.design],
        } for p in r.propositions(state)],
    }


def findings_context(state: ReviewState) -> dict[str, Any]:
    titles = {t.id: t.title for t in r.themes(state)} | {
        c.id: c.title for c in r.concerns(state)}
    kinds: dict[str, list[dict[str, Any]]] = {kind: [] for kind in FINDING_KINDS}
    for finding in sorted(state.findings.values(), key=lambda f: f.id):
        if finding.status is FindingStatus.SUGGESTED:
            continue  # a suggestion is not a finding until a reviewer accepts it
        d = r.finding_details(finding)
        kinds.setdefault(d["kind"] or "what_worked", []).append({
            "id": finding.id, "title": finding.title, "statement": finding.statement,
            "draft": finding.status is not FindingStatus.FINAL,
            "rests_on": [f"{i}: {titles.get(i, '')}".rstrip(": ")
                         for i in d["themes"] + d["concerns"]],
            "conditions": d["conditions"], "board_issues": d["board_issues"],
        })
    return {"kinds": [{"title": FINDING_KINDS[k], "findings": v}
                      for k, v in kinds.items() if k in FINDING_KINDS]}


def commitments_context(state: ReviewState) -> dict[str, Any]:
    statements = {p.id: p.statement for p in r.propositions(state)}
    rows = []
    for c in r.commitments(state):
        action = state.actions.get(c.id)
        rows.append({
            "id": c.id, "proposition": c.proposition,
            "proposition_text": statements.get(c.proposition, ""),
            "description": c.description, "owner": c.owner, "champion": c.champion,
            "due": long_date(c.due), "measure": c.measure,
            "status": (action.status.value if action else c.status).replace("_", " "),
            "progress": c.progress,
        })
    return {"commitments": rows}


@hookimpl
def report_sections(review: ReviewState, methodology: str) -> list[ReportSection]:
    s = partial(ReportSection, published=True)
    return [
        s("ai-inquiry", "The appreciative inquiry: its topic, its principles and who took part",
          f"{TEMPLATES}inquiry.html.j2", inquiry(review), order=450),
        s("ai-strengths", "Strengths to amplify: what worked, and what made it possible",
          f"{TEMPLATES}strengths.html.j2", strengths(review), order=480),
        # The stories were told in the appreciative interviews: working material for the pack.
        s("ai-stories", "The appreciative interviews: stories of practice at its best",
          f"{TEMPLATES}stories.html.j2", strengths(review), order=485, published=False),
        s("ai-went-wrong", "What went wrong and why", f"{TEMPLATES}went-wrong.html.j2",
          went_wrong(review), order=500),
        s("ai-conditions", "Conditions to create: the dream and the design",
          f"{TEMPLATES}conditions.html.j2", conditions(review), order=540),
        s("findings", "Findings: what worked, what got in the way, and why",
          f"{TEMPLATES}findings.html.j2", findings_context(review), order=600),
        s("ai-commitments", "The commitments and their champions",
          f"{TEMPLATES}commitments.html.j2", commitments_context(review), order=750),
    ]
