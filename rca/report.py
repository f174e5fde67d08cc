"""The method's sections of the report, in the NPSA report-writing guide's order, placed among
the core's sections where they overlap rather than repeating them: the terms of reference stay
in the core's introduction, the methods in its methodology section, the involvement in its
involvement section; the chronology becomes the tabular timeline, and the findings,
recommendations and action plan take the method's shape (same ids: they replace the core's).

In the PSIRF mode the words change (areas for improvement, work-system factors, safety
actions) and the root causes are left out. Each section is a jinja2 template in
`rca/templates/`, rendered by the core with autoescape on; the contexts hold plain text only.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from core import hookimpl
from core.kernel.dates import long_date
from core.kernel.model import FindingStatus
from core.kernel.state import ReviewState
from core.output.report.written import written
from core.plugin_api.methodology import ReportSection
from rca import records as r
from rca.fishbone import npsa_grid
from rca.plan import variant_of
from rca.taxonomy import (
    FINDING_KINDS,
    LESSON_STAGES,
    LEVELS_FOR_ACTION,
    RESPONSE_TYPES,
    STRENGTHS,
)
from rca.timeline import change_analysis, tabular_timeline, time_person_grid

T = "rca:templates/"


def _label(mapping: dict[str, str], key: str) -> str:
    return mapping.get(key, key).split(":")[0]


def incident_context(state: ReviewState) -> dict[str, Any]:
    incident = r.incident(state)
    v = variant_of(state, None)
    if incident is None:
        return {"incident": None}
    lead = incident.lead
    return {
        "incident": incident,
        "occurred": long_date(incident.occurred_on),
        "level": v.summary,
        "psirf": v.psirf,
        "response": RESPONSE_TYPES.get(incident.response_type, ""),
        "lead": lead,
        "team": [m for m in incident.team if not m.lead],
    }


def problems_context(state: ReviewState) -> dict[str, Any]:
    factors = r.factors(state)
    return {
        "psirf": r.psirf(state),
        "problems": change_analysis(state),
        "grids": npsa_grid(state),
        "factor_count": len(factors),
        "helped": sum(1 for f in factors if f.effect == "helped"),
    }


def root_causes_context(state: ReviewState) -> dict[str, Any]:
    chains = []
    for chain in r.whys(state):
        chains.append({"id": chain.id, "problem": chain.problem, "ends_at": chain.ends_at,
                       "steps": [{"why": s.question, "because": s.answer} for s in chain.steps]})
    return {"root_causes": r.root_causes(state), "chains": chains}


def findings_context(state: ReviewState) -> dict[str, Any]:
    rows = []
    for finding in sorted(state.findings.values(), key=lambda f: f.id):
        if finding.status is FindingStatus.SUGGESTED:
            continue  # a suggestion is not a finding until a reviewer accepts it
        d = r.finding_details(finding)
        rows.append({"id": finding.id, "title": finding.title, "statement": finding.statement,
                     "kind": _label(FINDING_KINDS, d["kind"]) if d["kind"] else "",
                     "draft": finding.status is not FindingStatus.FINAL,
                     "links": [*d["root_causes"], *d["problems"], *d["incidental"],
                               *d["notable"]]})
    return {"findings": rows, "psirf": r.psirf(state),
            "incidental": r.incidental_findings(state),
            "notable": [{"id": n.id, "text": n.text,
                         "refs": [f"{x.agency} {x.ref}" for x in n.rows]}
                        for n in r.notable_practice(state)]}


def recommendations_context(state: ReviewState) -> dict[str, Any]:
    recs = r.recommendations(state)
    return {
        "psirf": r.psirf(state),
        "recommendations": [{
            "id": x.id, "text": x.text, "strength": _label(STRENGTHS, x.strength),
            "level": _label(LEVELS_FOR_ACTION, x.level), "owner": x.owner,
            "due": long_date(x.due), "measure": x.measure, "findings": list(x.findings),
            "root_causes": list(x.root_causes),
            "options": [{"solution": o.solution, "strength": _label(STRENGTHS, o.strength),
                         "benefits": o.benefits, "drawbacks": o.drawbacks,
                         "chosen": "chosen" if o.chosen else "not chosen"} for o in x.options],
        } for x in recs],
        "all_weaker": bool(recs) and all(x.strength == "weaker" for x in recs),
        "counts": {k: sum(1 for x in recs if x.strength == k) for k in STRENGTHS},
    }


def action_plan_context(state: ReviewState) -> dict[str, Any]:
    recs = {x.id: x for x in r.recommendations(state)}
    rows = []
    for action in sorted(state.actions.values(), key=lambda a: a.id):
        linked = [recs[x] for x in action.addresses if x in recs]
        rows.append({
            "recommendation": ", ".join(action.addresses),
            "action": f"{action.id}: {action.description}",
            "level": ", ".join(dict.fromkeys(_label(LEVELS_FOR_ACTION, x.level)
                                             for x in linked)) or "Not stated",
            "lead": action.owner, "due": long_date(action.due),
            "measure": action.measure_of_success,
            "completion": action.impact_evidence or action.status.value.replace("_", " "),
            "sign_off": ", ".join(dict.fromkeys(x.sign_off for x in linked if x.sign_off))
            or "Not yet named",
        })
    return {"rows": rows, "psirf": r.psirf(state)}


def lessons_context(state: ReviewState) -> dict[str, Any]:
    incident = r.incident(state)
    return {
        "lessons": [{"id": x.id, "stage": LESSON_STAGES[x.stage], "went": x.went,
                     "description": x.description, "conclusion": x.conclusion,
                     "recommendation": x.recommendation, "sharing": x.sharing}
                    for x in r.lessons(state)],
        "shared_learning": incident.shared_learning if incident else "",
        "distribution": list(incident.distribution) if incident else [],
    }


def timeline_context(state: ReviewState) -> dict[str, Any]:
    timeline = r.timeline(state)
    return {"rows": tabular_timeline(state), "grid": time_person_grid(state),
            "period": f"{long_date(timeline.start)} to {long_date(timeline.end)}"
            if timeline else ""}


@hookimpl
def report_sections(review: ReviewState, methodology: str) -> list[ReportSection]:
    psirf = r.psirf(review)
    s = partial(ReportSection, published=True)  # the NPSA report is published whole
    sections = [
        s("rca-incident", "The incident, its consequences and background",
          f"{T}incident.html.j2", incident_context(review), order=95),
        s("rca-investigation", "The investigation: team, scope, level and methods",
          f"{T}investigation.html.j2", incident_context(review), order=150),
        s("timeline", "Chronology: the tabular timeline", f"{T}timeline.html.j2",
          timeline_context(review), order=400),
        s("rca-detection", "Detection of the incident and notable practice",
          f"{T}detection.html.j2", incident_context(review) | findings_context(review),
          order=450),
        s("rca-problems", "What was different from what was expected" if psirf
          else "Care and service delivery problems, and their contributory factors",
          f"{T}problems.html.j2", problems_context(review), order=500),
        s("findings", "Areas for improvement" if psirf else "Findings",
          f"{T}findings.html.j2", findings_context(review), order=600),
        s("rca-lessons", "Lessons learned, shared learning and distribution",
          f"{T}lessons.html.j2", lessons_context(review), order=650),
        s("recommendations", "Safety actions" if psirf else "Recommendations, graded by "
          "strength", f"{T}recommendations.html.j2", recommendations_context(review),
          order=700),
        s("actions", "Action plan", f"{T}action-plan.html.j2", action_plan_context(review),
          order=800),
    ]
    if written(review, "executive-summary") is None:  # the reviewers' own takes its place
        sections.append(s("rca-summary", "Executive summary", f"{T}summary.html.j2",
                          incident_context(review), order=90))
    if not psirf:
        sections.append(s("rca-root-causes", "Root causes and the five whys",
                          f"{T}root-causes.html.j2", root_causes_context(review), order=550))
    return sections
