"""Commented YAML files for a review team to fill in, ready-made from the review: its terms of
reference, agencies, lead reviewers and family. Never overwrites a file; loading an unfilled
file reports each empty field, so nothing half-written reaches the review."""

from __future__ import annotations

import json
from pathlib import Path

from core.analysis.material_text import commented, review_notes
from core.kernel.model import ParticipantRole
from core.kernel.state import ReviewState
from silp.records import scoping, terms_paragraphs
from silp.taxonomy import ANALYSIS_HEADINGS


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML string


def scoping_text(state: ReviewState) -> str:
    lines = ["# SILP scoping for review " + state.id + ": the key lines of enquiry the terms of",
             "# reference turn into, the timescale and its rationale, the periods the learning",
             "# event walks, and the lead reviewers. See silp/example/scoping.yaml.",
             "frame: chronology   # chronology | key_episodes | timeline",
             "weeks: 26           # SILP's published range: 16 weeks to six months",
             "proportionality: \"\"  # why this scope and timescale suit the case",
             "key_lines_of_enquiry:"]
    for n, paragraph in enumerate(terms_paragraphs(state) or ["(no terms of reference yet)"], 1):
        lines += [f"  # terms of reference, paragraph {n}: {paragraph}",
                  f"  - id: KLOE-{n}", "    title: \"\"", "    question: \"\"",
                  f"    terms: [{n}]"]
    lines += ["periods:   # walked in turn at the learning event, as known at the time",
              "  - id: P1", "    title: \"\"", "    from: YYYY-MM-DD", "    to: YYYY-MM-DD",
              "lead_reviewers:"]
    for person in state.participants.values():
        if person.role is ParticipantRole.LEAD_REVIEWER:
            lines += [f"  - participant: {person.id}   # {person.title}",
                      "    standing: independent   # independent | employed (by the "
                      "partnership)",
                      "    accreditation: {status: accredited, scheme: \"\", since: YYYY-MM-DD}"
                      "   # accredited | trainee (+ supervisor) | none"]
    lines += ["agencies_without_report: []   # {agency, reason} for an agency that writes none"]
    return "\n".join(lines) + "\n"


def reports_text(state: ReviewState) -> str:
    scope = scoping(state)
    keys = [k.id for k in scope.lines] if scope else ["KLOE-1"]
    lines = ["# One agency report per agency, by an agency author (a role, never a name) not",
             "# involved in the case: the agency's chronology (its own source references) and",
             "# an analysis against every key line of enquiry (or not_involved: WHY).",
             "# 'distributed' records who received the report and when: SILP shares every",
             "# report with the learning event's participants before the event.",
             "reports:"]
    for n, agency in enumerate(sorted(state.agencies), 1):
        lines += [f"  - id: AR-{n}", f"    agency: {_q(agency)}", "    author: \"\"",
                  "    author_independent: true   # false if the author worked on the case",
                  "    received_on: YYYY-MM-DD", "    summary: \"\"",
                  "    chronology: []   # source references, e.g. [REF-001, REF-002]",
                  "    analysis:"]
        for key in keys:
            lines += [f"      - line: {key}", "        entries: []"]
            lines += [f"        {field}: \"\"   # {label}"
                      for field, label in ANALYSIS_HEADINGS.items()]
        lines += ["    good_practice: []", "    learning: []", "    recommendations: []",
                  "    distributed:", "      - {to: learning event participants, sent_on: "
                  "YYYY-MM-DD}"]
    return "\n".join(lines) + "\n"


def family_text(state: ReviewState) -> str:
    lines = ["# The family's involvement, kept apart from the practitioners' material.",
             "# response: accepted (with how) | declined | not_offered (with reason).",
             "family:", "  offered_on: YYYY-MM-DD", "  members:"]
    for person in state.participants.values():
        if person.role is ParticipantRole.FAMILY:
            lines += [f"    - relationship: {_q(person.title)}", "      response: accepted",
                      "      how: \"\"", "      said: []"]
    return "\n".join(lines) + "\n"


STATIC = {
    "learning-event.yaml": """# The learning event's record: attendees by role, agency and group
# (agency_author | practitioner | first_line_manager), and what was said, phase by phase
# (`casereview event REVIEW plan learning_event` lists the phases), each tagged with its key line
# of enquiry and question (what_happened | why | went_well | learned); evidence: true takes it
# into the evidence the learning points cite.
learning_event:
  id: LE-1
  held_on: YYYY-MM-DD
  facilitator: the lead reviewers
  attendees:
    - {role: "", agency: "", group: agency_author}
  contributions:
    - {id: LE-1-C1, phase: 4, line: KLOE-1, question: why, role: "", agency: "", text: "",
       evidence: true}
""",
    "findings.yaml": """# Learning points (each resting on agency analyses REPORT/LINE,
# learning-event contributions or chronology entries), findings (each on a key line of
# enquiry, resting on learning points) and recommendations (each addressing findings).
learning_points:
  - {id: LP-1, line: KLOE-1, text: "",
     evidence: [{analysis: AR-1/KLOE-1}, {contribution: LE-1-C1}]}
findings:
  - {id: F1, title: "", line: KLOE-1, finding: "", learning_points: [LP-1], status: draft}
recommendations:
  - {id: R1, text: "", findings: [F1]}
""",
    "recall-event.yaml": """# The draft overview report as circulated (the parts a response
# can change, by the id of a finding, recommendation or key line of enquiry), then the recall
# event and each response: kind agree | challenge | add | correct; disposition accepted |
# partly_accepted | not_accepted | noted; change says what changed in the draft, or why not.
draft:
  circulated_on: YYYY-MM-DD
  parts:
    - {id: F1, text: ""}
recall_event:
  id: LE-2
  held_on: YYYY-MM-DD
  attendees:
    - {role: "", agency: "", group: practitioner}
  responses:
    - {id: LE-2-C1, role: "", agency: "", kind: challenge, part: F1, said: "",
       disposition: accepted, change: ""}
""",
    "overview.yaml": """# The lead reviewers' own text of the overview report: the child's lived
# experience, the analysis under each key line of enquiry, and the good practice found.
the_child: ""
analysis:
  KLOE-1: ""
good_practice: []
""",
}


def template_texts(state: ReviewState) -> dict[str, str]:
    """{file name load_material reads: its form, ready-made from the review}."""
    return {"scoping.yaml": scoping_text(state), "agency-reports.yaml": reports_text(state),
            "family.yaml": family_text(state), **STATIC}


def material_templates(review: ReviewState) -> dict[str, str]:
    """The same forms for `casereview material REVIEW --template DIR`, wholly commented under
    the review's agencies and entries: unlike `silp template`'s (which refuse to load until
    every field is filled), they load back as nothing until a reviewer uncomments them."""
    notes = review_notes(review)
    return {name: notes + commented(text) for name, text in template_texts(review).items()}


def write_templates(state: ReviewState, folder: Path) -> tuple[list[Path], list[Path]]:
    texts = template_texts(state)
    folder.mkdir(parents=True, exist_ok=True)
    written, kept = [], []
    for name, text in texts.items():
        path = folder / name
        if path.exists():
            kept.append(path)
            continue
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written, kept
