"""Root Cause Analysis's vocabularies, as data: the levels of investigation (the variants), the
NPSA contributory-factor categories, the London Protocol and SEIPS alternatives, the strength
of a recommendation, the levels for action, the report parts in NPSA order, and the wording a
PSIRF learning response may not use.

Facts METHODS.md marks [R] (remembered, not confirmed against a source) stay here as named data
with a "(check)" note, never as logic, so a partnership can correct them in one place.
"""

from __future__ import annotations

import re

from attrs import frozen

from core.plugin_api.methodology import Taxonomy

METHODOLOGY = "rca"

# The NPSA contributory-factor grid, with "child and family" in place of "patient" for a
# safeguarding adaptation.
NPSA_FACTORS: dict[str, str] = {
    "child_and_family": "Child and family: the child's needs, the family's circumstances, "
    "what they said and did",
    "task": "Task: the design of the task, guidelines and procedures, decision aids",
    "individual_staff": "Individual staff: knowledge, skills, experience, health and "
    "circumstances of the staff involved",
    "team_and_social": "Team and social: roles, support, leadership and how the team works "
    "together",
    "education_and_training": "Education and training: what staff were taught, and how they "
    "were supervised and supported to learn",
    "equipment_and_resources": "Equipment and resources: tools, records systems and their "
    "availability",
    "communication": "Communication: spoken, written and electronic, within the team and "
    "between services",
    "working_conditions": "Working conditions: staffing, workload, time, the place of work",
    "organisational_and_strategic": "Organisational and strategic: structures, priorities, "
    "policies, culture, commissioning",
}

# The London Protocol's fishbone, an alternative taxonomy (Taylor-Adams and Vincent).
LONDON_PROTOCOL: dict[str, str] = {
    "child_and_family": "Child and family (patient factors)",
    "individual_staff": "Individual (staff) factors",
    "task_and_technology": "Task and technology factors",
    "team": "Team factors",
    "work_environment": "Work environment factors",
    "organisational_and_management": "Organisational and management factors",
    "institutional_context": "Institutional context factors",
}

# PSIRF's work-system factors (SEIPS), for the PSIRF mode.
SEIPS: dict[str, str] = {
    "persons": "Person(s): the child, family and staff, their needs, skills and wellbeing",
    "tasks": "Tasks: what had to be done, its difficulty, timing and sequence",
    "tools_and_technology": "Tools and technology: records systems, forms, equipment",
    "organisation": "Organisation: staffing, workload, rotas, policies, culture",
    "internal_environment": "Internal environment: the place of work — space, noise, light, "
    "interruptions",
    "external_environment": "External environment: national policy, commissioning, "
    "what other services could offer",
}

FACTOR_TAXONOMIES: dict[str, dict[str, str]] = {
    "npsa": NPSA_FACTORS, "london_protocol": LONDON_PROTOCOL, "seips": SEIPS,
}
TAXONOMY_TITLES = {"npsa": "NPSA contributory factors", "london_protocol": "London Protocol",
                   "seips": "SEIPS work-system factors"}

# The action hierarchy (VA National Center for Patient Safety / RCA²), as the UK uses it.
STRENGTHS: dict[str, str] = {
    "stronger": "Stronger: changes the system so the problem cannot easily recur — forcing "
    "functions, simplified processes, standardised equipment or records, shared access to "
    "information, leadership commitment",
    "intermediate": "Intermediate: makes the right action easier — checklists and cognitive "
    "aids, extra staff or time, software enhancements, reduced distraction, redundancy",
    "weaker": "Weaker: relies on people remembering — training, a new policy or procedure, "
    "a memo or warning, double checks",
}
STRENGTH_NOTES = {"stronger": "(check) the examples follow RCA² (2015); the UK adaptation "
                  "that references the NPSA is not confirmed against its source"}

LEVELS_FOR_ACTION: dict[str, str] = {
    "organisation": "Organisation (the trust or agency as a whole)",
    "directorate": "Directorate",
    "specialty": "Specialty or service",
    "team": "Team",
    "partnership": "Safeguarding partnership (across agencies)",
}
LEVELS_FOR_ACTION_NOTES = {key: "(check) the NPSA action-plan levels are remembered, not "
                           "confirmed" for key in LEVELS_FOR_ACTION}

PROBLEM_KINDS: dict[str, str] = {
    "cdp": "Care delivery problem: care that deviated beyond safe limits, with at least a "
    "potential effect on the outcome (a failure to monitor, observe or act; a decision "
    "that proved incorrect; not seeking help)",
    "sdp": "Service delivery problem: an act or omission in how the service was run rather "
    "than in direct care — decisions, procedures, systems",
}

FINDING_KINDS: dict[str, str] = {
    "root_cause": "A root cause, with its chain of evidence",
    "problem_theme": "A theme across care or service delivery problems",
    "incidental": "An incidental finding: not causal, but worth acting on",
    "notable_practice": "Notable practice to share",
    "area_for_improvement": "An area for improvement (PSIRF: no judgement of causality)",
}

RESPONSE_TYPES: dict[str, str] = {
    "psii": "Patient safety incident investigation (PSII)",
    "after_action_review": "After action review",
    "mdt_review": "Multidisciplinary team review",
    "thematic_review": "Thematic review",
    "swarm_huddle": "Swarm huddle",
}

LESSON_STAGES = {"incident": "The incident", "investigation": "The investigation",
                 "implementation": "Implementation"}

# The report in the NPSA report-writing guide's order (cover and contents are the core's).
# part -> (title, the core section it maps onto, or "" when the method writes it itself).
REPORT_PARTS: dict[str, tuple[str, str]] = {
    "executive_summary": ("Executive summary", ""),
    "incident": ("Incident description and consequences", ""),
    "risk_assessment": ("Pre-investigation risk assessment", ""),
    "background": ("Background and context", ""),
    "terms_of_reference": ("Terms of reference", "introduction"),
    "team": ("The investigation team", ""),
    "scope_and_level": ("Scope and level of investigation", ""),
    "methods": ("Type, process and methods", "methodology"),
    "family_involvement": ("Involvement of the child and family", "involvement"),
    "staff_involvement": ("Involvement and support of staff", "involvement"),
    "information": ("Information and evidence gathered", ""),
    "chronology": ("Chronology (tabular timeline)", "timeline"),
    "detection": ("Detection of the incident", ""),
    "notable_practice": ("Notable practice", ""),
    "problems": ("Care and service delivery problems", ""),
    "factors": ("Contributory factors", ""),
    "root_causes": ("Root causes", ""),
    "lessons": ("Lessons learned", ""),
    "recommendations": ("Recommendations", "recommendations"),
    "shared_learning": ("Arrangements for shared learning", ""),
    "distribution": ("Distribution list", ""),
    "action_plan": ("Action plan", "actions"),
}


@frozen
class Variant:
    """A level of investigation (or the PSIRF mode) and what it asks for."""

    name: str
    summary: str
    level: int | None  # 1, 2 or 3; None in the PSIRF mode
    weeks: float
    independent_lead: bool
    required_parts: tuple[str, ...]
    psirf: bool = False
    note: str = ""


_CONCISE = ("executive_summary", "incident", "terms_of_reference", "scope_and_level",
            "chronology", "detection", "problems", "factors", "root_causes", "lessons",
            "recommendations", "action_plan")
_COMPREHENSIVE = tuple(REPORT_PARTS)
_PSIRF = ("executive_summary", "incident", "background", "terms_of_reference", "team",
          "scope_and_level", "methods", "family_involvement", "staff_involvement",
          "information", "chronology", "detection", "notable_practice", "problems", "factors",
          "lessons", "recommendations", "shared_learning", "distribution", "action_plan")

VARIANTS: dict[str, Variant] = {
    v.name: v
    for v in (
        Variant("level-1-concise", "Level 1, concise: a short investigation of a lower-harm "
                "incident by the service's own staff, on the NPSA concise template",
                level=1, weeks=4, independent_lead=False, required_parts=_CONCISE,
                note="(check) the typical duration is remembered, not confirmed"),
        Variant("level-2-comprehensive", "Level 2, comprehensive: a full investigation by a "
                "team not involved in the incident, every part of the NPSA report",
                level=2, weeks=12, independent_lead=False, required_parts=_COMPREHENSIVE,
                note="(check) 12 weeks follows the 60 working days of the 2015 framework"),
        Variant("level-3-independent", "Level 3, independent: as comprehensive, led by an "
                "investigator independent of the organisation",
                level=3, weeks=26, independent_lead=True, required_parts=_COMPREHENSIVE,
                note="(check) the typical duration is remembered, not confirmed"),
        Variant("psii", "PSIRF learning response (PSII or after action review): system "
                "learning with SEIPS work-system factors and safety actions; no judgement of "
                "causality or avoidability", level=None, weeks=12, independent_lead=False,
                required_parts=_PSIRF, psirf=True,
                note="(check) PSIRF sets no fixed timescale; the time is agreed with those "
                "affected, and 12 weeks is a local default you can change"),
    )
}
DEFAULT_VARIANT = "level-2-comprehensive"

# Words a PSIRF learning response does not use: it makes no judgement of causality or
# avoidability (NCMD guidance on PSIRF).
CAUSALITY_WORDING: tuple[tuple[str, str], ...] = (
    (r"\broot[- ]causes?\b", "root cause"),
    (r"\bcaus(?:e|es|ed|ing|al|ation|ality)\b", "cause"),
    (r"\b(?:un)?avoidab(?:le|ility)\b", "avoidable"),
    (r"\bpreventab(?:le|ility)\b", "preventable"),
    (r"\bcould have been (?:prevented|avoided)\b", "could have been prevented"),
    (r"\bwould have prevented\b", "would have prevented"),
    (r"\b(?:to blame|blameworthy|at fault)\b", "blame"),
)
_CAUSALITY = [(re.compile(pattern, re.IGNORECASE), label) for pattern, label in CAUSALITY_WORDING]


def causality_words(text: str) -> list[str]:
    """The causality or avoidability wording found in `text`, each once."""
    return list(dict.fromkeys(label for pattern, label in _CAUSALITY if pattern.search(text)))


# Wording that justifies a problem by what happened afterwards rather than by the standard.
OUTCOME_WORDING = re.compile(
    r"\b(in hindsight|with hindsight|as it turned out|given (?:the|what) (?:outcome|happened)|"
    r"later (?:harm|injur\w*|death)|went on to|subsequent (?:harm|injur\w*))\b", re.IGNORECASE)

TAXONOMIES = (
    Taxonomy("rca/npsa-factors", "Root Cause Analysis: NPSA contributory factors (child and "
             "family for patient)", NPSA_FACTORS),
    Taxonomy("rca/london-protocol", "Root Cause Analysis: London Protocol contributory "
             "factors", LONDON_PROTOCOL),
    Taxonomy("rca/seips", "PSIRF: SEIPS work-system factors", SEIPS),
    Taxonomy("rca/strengths", "Root Cause Analysis: strength of a recommendation (action "
             "hierarchy)", STRENGTHS, STRENGTH_NOTES),
    Taxonomy("rca/levels-for-action", "Root Cause Analysis: level for action",
             LEVELS_FOR_ACTION, LEVELS_FOR_ACTION_NOTES),
    Taxonomy("rca/problem-kinds", "Root Cause Analysis: care and service delivery problems",
             PROBLEM_KINDS),
    Taxonomy("rca/finding-kinds", "Root Cause Analysis: kinds of finding", FINDING_KINDS),
)

LEARNING_EVENTS: dict[str, str] = {
    "rca_meeting": "The RCA meeting of the investigation team: walk the tabular timeline, "
    "agree the care and service delivery problems, their contributory factors, five whys on "
    "the top problems, the root causes and the options for solutions",
    "fishbone_workshop": "A fishbone workshop: the same steps, with the contributory factors "
    "drawn on a fishbone per problem",
    "staff_interview": "An interview with a member of staff involved, London Protocol style: "
    "their part in the chronology, the problems they saw, the factors behind them, what "
    "would help",
    "after_action_review": "PSIRF after action review: what was expected, what happened, "
    "why it was different, what can be learned",
}
