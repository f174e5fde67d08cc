"""The overview report's SILP sections, in the method's shape: terms of reference and key lines
of enquiry, how the review was done, the family's involvement (apart from the practitioners'),
the child, the agencies' involvement, the analysis by key line of enquiry, good practice, and the
findings with their recommendations (replacing the core's plainer findings section); an appendix
lists the agencies and their authors.

Each section is a jinja2 template in `silp/templates/`, rendered by the core with autoescape on.
The contexts hold plain text only, practitioners only by role. The agency reports' own analyses
are working material: the report gives the lead reviewers' synthesis, not the reports.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from core import hookimpl
from core.kernel.dates import long_date
from core.kernel.model import FindingStatus
from core.kernel.state import ReviewState
from core.plugin_api.methodology import ReportSection
from silp import records as r
from silp.checks import working_days
from silp.taxonomy import CHANGING, FRAMES, STANDINGS

TEMPLATES = "silp:templates/"
RESPONSE_WORDS = {"agree": "agreed", "challenge": "challenged", "add": "added",
                  "correct": "corrected"}
FAMILY_WORDS = {"accepted": "took part", "declined": "declined to take part",
                "not_offered": "was not approached"}


def by_agency(state: ReviewState) -> list[r.AgencyReport]:
    return sorted(r.reports(state), key=lambda x: x.agency)


def line_names(state: ReviewState) -> dict[str, str]:
    """Key line of enquiry id -> how the report names it: "key line of enquiry 2 (title)"."""
    scope = r.scoping(state)
    return {k.id: f"key line of enquiry {n} ({k.title.lower()})"
            for n, k in enumerate(scope.lines if scope else (), 1)}


def scope_context(state: ReviewState) -> dict[str, Any]:
    scope = r.scoping(state)
    paragraphs = r.terms_paragraphs(state)
    return {
        "lines": [{"number": n, "title": k.title, "question": k.question,
                   "terms": [paragraphs[t - 1] for t in k.terms if 0 < t <= len(paragraphs)]}
                  for n, k in enumerate(scope.lines if scope else (), 1)],
        "weeks": f"{scope.weeks:g}" if scope and scope.weeks else "",
        "proportionality": scope.proportionality if scope else "",
        "frame": FRAMES.get(scope.frame, "") if scope else "",
        "periods": [{"title": p.title, "start": long_date(p.start), "end": long_date(p.end)}
                    for p in (scope.periods if scope else ())],
    }


def _accreditation(lead: r.LeadReviewer) -> str:
    a = lead.accreditation
    if a is None:
        return ""
    scheme = f" ({a.scheme})" if a.scheme else ""
    return {"accredited": f"accredited in SILP{scheme}"
                          + (f" since {long_date(a.since)}" if a.since else ""),
            "trainee": f"in training as a SILP lead reviewer{scheme}",
            "none": "not accredited in SILP"}.get(a.status, "")


def _part_name(state: ReviewState, part: str, names: dict[str, str]) -> str:
    if part in names:
        return f"the analysis of {names[part]}"
    if part in state.findings:
        return f"finding {part}"
    return f"recommendation {part}" if part in state.recommendations else part


def method_context(state: ReviewState) -> dict[str, Any]:
    scope = r.scoping(state)
    leads = [{"standing": STANDINGS[lead.standing].split(" (")[0].lower(),
              "accreditation": _accreditation(lead)}
             for lead in (scope.lead_reviewers if scope else ())]
    held = r.reports(state)
    learning = r.events(state, "learning_event")
    first = min((e.held_on for e in state.learning_events.values()
                 if e.kind == "learning_event" and e.held_on), default=None)
    sent = [x.sent_on for x in held if x.sent_on]
    groups = Counter(a.group for e in learning for a in e.attendees)
    names = line_names(state)
    recalls = []
    for event in r.events(state, "recall_event"):
        core = state.learning_events.get(event.id)
        kinds = Counter(x.kind for x in event.responses)
        changed = dict.fromkeys(x.part for x in event.responses if x.disposition in CHANGING)
        recalls.append({
            "held_on": long_date(core.held_on) if core else "",
            "circulated": long_date(event.draft_circulated_on),
            "responses": len(event.responses),
            "kinds": [f"{n} {RESPONSE_WORDS.get(k, k)}" for k, n in sorted(kinds.items())],
            "changed": [_part_name(state, part, names) for part in changed],
        })
    return {
        "leads": leads,
        "reports": len(held),
        "excused": [{"agency": n.agency, "reason": n.reason}
                    for n in (scope.no_report if scope else ())],
        "sent": (f"on {long_date(min(sent))}" if min(sent) == max(sent) else
                 f"between {long_date(min(sent))} and {long_date(max(sent))}") if sent else "",
        "lead_days": working_days(max(sent), first) if sent and first else None,
        "event_on": long_date(first),
        "authors": groups.get("agency_author", 0),
        "practitioners": groups.get("practitioner", 0),
        "managers": groups.get("first_line_manager", 0),
        "recalls": recalls,
    }


def family_context(state: ReviewState) -> dict[str, Any]:
    involvement = r.family(state)
    if involvement is None:
        return {"offered_on": "", "members": []}
    return {"offered_on": long_date(involvement.offered_on),
            "members": [{"relationship": m.relationship,
                         "response": FAMILY_WORDS[m.response],
                         "how": m.how, "said": list(m.said), "reason": m.reason}
                        for m in involvement.members]}


def child_context(state: ReviewState) -> dict[str, Any]:
    overview = r.overview(state)
    return {"child": overview.child if overview else "",
            "pseudonym": state.review.subject.pseudonym}


def agencies_context(state: ReviewState) -> dict[str, Any]:
    return {"reports": [{"agency": x.agency, "summary": x.summary} for x in by_agency(state)]}


def analysis_context(state: ReviewState) -> dict[str, Any]:
    scope, overview = r.scoping(state), r.overview(state)
    held = r.reports(state)
    points = r.learning_points(state)
    rows = []
    for n, line in enumerate(scope.lines if scope else (), 1):
        rows.append({
            "number": n, "title": line.title, "question": line.question,
            "analysis": overview.analysis.get(line.id, "") if overview else "",
            "agencies": sorted(x.agency for x in held
                               if (a := x.analysis(line.id)) and not a.not_involved),
            "points": [p.text for p in points if p.line == line.id],
        })
    return {"lines": rows}


def good_practice_context(state: ReviewState) -> dict[str, Any]:
    overview = r.overview(state)
    return {"overall": list(overview.good_practice) if overview else [],
            "agencies": [{"agency": x.agency, "practice": list(x.good_practice)}
                         for x in by_agency(state) if x.good_practice]}


def findings_context(state: ReviewState) -> dict[str, Any]:
    names = line_names(state)
    points = {p.id: p for p in r.learning_points(state)}
    changes: dict[str, list[str]] = {}
    for event in r.events(state, "recall_event"):
        for response in event.responses:
            if response.disposition in CHANGING and response.change:
                changes.setdefault(response.part, []).append(response.change)
    rows = []
    for finding in sorted(state.findings.values(), key=lambda f: f.id):
        if finding.status is FindingStatus.SUGGESTED:
            continue  # a suggestion is not a finding until a reviewer accepts it
        d = r.finding_details(finding)
        linked = [points[p] for p in d["learning_points"] if p in points]
        agencies = sorted({state.evidence[s.id.partition("/")[0]].agency for p in linked
                           for s in p.sources if s.kind == "analysis"
                           and s.id.partition("/")[0] in state.evidence})
        rows.append({
            "id": finding.id, "title": finding.title, "statement": finding.statement,
            "line": names.get(d["line"], d["line"]),
            "draft": finding.status is not FindingStatus.FINAL,
            "points": [p.text for p in linked],
            "agencies": agencies,
            "recall": changes.get(finding.id, []),
            "recommendations": [x.text for x in sorted(state.recommendations.values(),
                                                       key=lambda x: x.id)
                                if finding.id in x.finding_ids],
        })
    return {"findings": rows}


def authors_context(state: ReviewState) -> dict[str, Any]:
    return {"reports": [{"agency": x.agency, "author": x.author_role,
                         "received": long_date(x.received_on), "sent": long_date(x.sent_on)}
                        for x in by_agency(state)]}


SECTIONS = (
    ("silp-scope", "Terms of reference and key lines of enquiry", "scope", scope_context, 150),
    ("silp-method", "How the review was done: agency reports, the learning event and the "
     "recall event", "method", method_context, 250),
    ("silp-family", "The family's involvement", "family", family_context, 320),
    ("silp-child", "The child", "child", child_context, 350),
    ("silp-agencies", "Summary of agency involvement", "agencies", agencies_context, 420),
    ("silp-analysis", "Analysis by key line of enquiry", "analysis", analysis_context, 500),
    ("silp-good-practice", "Good practice", "good_practice", good_practice_context, 550),
    ("findings", "Findings and recommendations", "findings", findings_context, 600),
    ("silp-authors", "Appendix: agencies and agency authors", "authors", authors_context, 980),
)


# The agency reports' own words (their summaries and the good practice each claims) are the
# review team's working material: the pack carries them. The rest is the overview report.
INTERNAL = frozenset({"silp-agencies", "silp-good-practice"})


@hookimpl
def report_sections(review: ReviewState, methodology: str) -> list[ReportSection]:
    return [ReportSection(sid, title, f"{TEMPLATES}{name}.html.j2", build(review), order=order,
                          published=sid not in INTERNAL)
            for sid, title, name, build, order in SECTIONS]
