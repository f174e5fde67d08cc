"""SILP's events — the learning event, the recall event and the review panel's meetings — with
their phases, prompts and time-boxes, and how something said there becomes evidence.

The learning event walks the merged chronology period by period *as it was known at the time*:
its prompts come from the knowledge horizon (`core.evidence.horizon`) of the agencies in the room on
the last day of each period, never from the whole chronology. The phase timings are a facilitator's
guide (check: not published; the sequence follows SILP's published features).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from core import hookimpl
from core.evidence.chronology.merge import merged
from core.evidence.horizon import known_by, known_by_any
from core.kernel.dates import long_date
from core.kernel.model import Contribution, Evidence, EvidenceKind, LearningEvent
from core.kernel.state import ReviewState
from core.kernel.text import plural
from core.plugin_api.methodology import LearningEventPlan, Phase
from silp.records import Period, and_list, events, finding_details, reports, scoping

TITLES = {"learning_event": "Learning event", "recall_event": "Recall event",
          "panel_meeting": "Review panel meeting"}

GROUND_RULES = (
    "We are here to learn, not to blame: the point is to understand why things happened as "
    "they did.",
    "Speak from what you knew and thought at the time, not from what we all know now.",
    "What is said here stays here, except in the anonymised overview report.",
    "People are recorded by role and agency, never by name.",
    "The child stays at the centre of the conversation.",
)

WELCOME = "Welcome, purpose and ground rules"
INTRODUCTIONS = "Introductions by role and agency"
WALK = "Walk the merged chronology by period"
LINES = "Each key line of enquiry: what happened, why, what was good, what is learned"
THEMES = "Themes and learning across agencies"
GOOD = "Good practice to keep"
CLOSE = "Close and support"

# How the method uses what is said in each phase (None: not evidence about the case).
USE_OF_PHASE: dict[str, str | None] = {
    WELCOME: None, INTRODUCTIONS: None, CLOSE: None,
    WALK: "what was known and thought at the time",
    LINES: "what happened and why, on a key line of enquiry",
    THEMES: "learning across agencies",
    GOOD: "good practice to keep",
    "Restate the ground rules": None,
    "Present the draft overview report": None,
    "Test the draft findings": "a response to the draft overview report",
    "Check the facts and anonymity": "a correction to the draft overview report",
    "Test the draft recommendations": "a response to the draft recommendations",
    "Next steps": None,
    "Scoping and terms of reference": "the panel's view of the scope",
    "Quality of the agency reports": "the panel's view of the agency reports",
    "The draft overview report": "the panel's view of the draft overview report",
}


def room(state: ReviewState) -> list[str]:
    """The agencies at the learning event: its recorded attendees', else every report's."""
    held = events(state, "learning_event")
    named = [a.agency for e in held for a in e.attendees if a.agency]
    return sorted(set(named or [r.agency for r in reports(state)] or state.agencies))


def period_walk(state: ReviewState, period: Period, agencies: list[str]
                ) -> tuple[list[Any], list[Any]]:
    """The entries dated in a period that the agencies in the room knew by its end (in the
    merged order), and those dated in it that reached none of them until later."""
    inside = [e for e in known_by_any(state, agencies, period.end)
              if e.date.overlaps(period.start, period.end)]
    seen = {e.id for e in inside}
    later = merged(e for e in state.chronology.values()
                   if e.date.overlaps(period.start, period.end) and e.id not in seen)
    return inside, later


def period_prompt(state: ReviewState, period: Period, agencies: list[str]) -> str:
    """What the agencies in the room had on record by the end of a period (the horizon)."""
    inside, later = period_walk(state, period, agencies)
    each = "; ".join(f"{agency} {len([e for e in known_by(state, agency, period.end) if e.date.overlaps(period.start, period.end)])}"  # noqa: E501
                     for agency in agencies)
    return (f"{period.id} {period.title} ({long_date(period.start)} to {long_date(period.end)}): "
            f"by {long_date(period.end)} the agencies in the room had "
            f"{plural(len(inside), 'entry', 'entries')} for this period between them (what each "
            f"agency knew: {each}). {plural(len(later), 'entry', 'entries')} dated in it reached "
            "no one in the room until later: leave these out of the walk. What did you know "
            "then, and from whom?")


def learning_event_plan(state: ReviewState) -> LearningEventPlan:
    scope = scoping(state)
    lines = scope.lines if scope else ()
    held = reports(state)
    question = state.header.terms_of_reference.split("\n\n")[0] if state.header and \
        state.header.terms_of_reference else ""
    agencies = room(state)
    walk = [period_prompt(state, p, agencies) for p in (scope.periods if scope else ())]
    if not walk:
        walk = ["Walk the merged chronology in date order, showing at each point only what the "
                "agencies had recorded or been told by then (`casereview chronology REVIEW "
                "--as-known-by AGENCY --on DATE`)."]
    per_line = []
    for line in lines:
        analysed = [r.agency for r in held if (a := r.analysis(line.id)) and not a.not_involved]
        per_line.append(f"{line.id} {line.title}: {line.question}"
                        + (f" Agency reports on it: {and_list(analysed)}." if analysed else ""))
    phases = (
        Phase(WELCOME, 20, "Agree how the group works, so practitioners can speak freely.",
              ("Read and agree the ground rules.",
               f"Restate what the review asks: {question}" if question else
               "Restate what the review asks (its terms of reference).",
               "Check that everyone has read the agency reports.")),
        Phase(INTRODUCTIONS, 15, "Know who is in the room: agency authors, frontline "
              "practitioners and first-line managers.",
              ("Each person gives their role, their agency and their part in the case.",)),
        Phase(WALK, 60, "Each agency speaks from its report, period by period, as the case was "
              "known at the time.", tuple(walk)),
        Phase(LINES, 90, "For each key line of enquiry: what happened; why (what influenced "
              "decisions: workload, procedures, information, relationships); what went well; "
              "what could have been different.",
              ("The 'why' is the point: what made this the sensible thing to do then?",
               *per_line)),
        Phase(THEMES, 40, "Name the learning that runs across agencies.",
              ("What did more than one agency see, or miss, for the same reason?",
               "What would help practitioners next time?")),
        Phase(GOOD, 15, "Name what helped, so it is kept.",
              ("What went well, and what made it possible?",
               *(f"{r.agency}: {g}" for r in held for g in r.good_practice[:1]))),
        Phase(CLOSE, 10, "End safely: what happens next, and support for those affected.",
              ("The draft overview report will come back to this group at the recall event.",
               "Who needs support after today, and from whom?")),
    )
    return LearningEventPlan("learning_event", TITLES["learning_event"], phases, GROUND_RULES)


def recall_event_plan(state: ReviewState) -> LearningEventPlan:
    recalled = events(state, "recall_event")
    draft = recalled[-1].draft if recalled else ()
    circulated = recalled[-1].draft_circulated_on if recalled else None
    findings = sorted(state.findings.values(), key=lambda f: f.id)
    phases = (
        Phase("Restate the ground rules", 10, "The same rules as at the learning event.",
              GROUND_RULES[:3]),
        Phase("Present the draft overview report", 20, "Walk through the draft everyone has "
              "read.", (f"The draft went out on {long_date(circulated)}." if circulated else
                        "Check everyone received the draft before today.",)),
        Phase("Test the draft findings", 75, "For each part of the draft: agree, challenge or "
              "add. Each response is traced to the part it would change.",
              ("Does this match what you knew and did at the time?",
               *(f"{p.id}: {p.text}" for p in draft),
               *(f"{f.id}: {f.title}" for f in findings if not draft))),
        Phase("Check the facts and anonymity", 20, "Correct facts; check no one can be "
              "identified.", ("Is any fact wrong?", "Could anyone be identified from this?")),
        Phase("Test the draft recommendations", 30, "Are the recommendations the right ones, "
              "and could the partnership act on them?",
              tuple(f"{r.id}: {r.text}" for r in sorted(state.recommendations.values(),
                                                         key=lambda r: r.id))
              or ("What should the partnership do about each finding?",)),
        Phase("Next steps", 10, "What happens to the responses, and when the final report "
              "comes.", ("Who will see the final overview report, and when?",)),
    )
    return LearningEventPlan("recall_event", TITLES["recall_event"], phases, GROUND_RULES[:4])


def panel_meeting_plan(state: ReviewState) -> LearningEventPlan:
    scope = scoping(state)
    held = reports(state)
    open_responses = [r for e in events(state, "recall_event") for r in e.responses
                      if r.kind in ("challenge", "correct") and not r.disposition]
    phases = (
        Phase("Scoping and terms of reference", 30, "Agree the key lines of enquiry and the "
              "timescale.", tuple(f"{k.id}: {k.question}" for k in (scope.lines if scope else ()))
              or ("Which key lines of enquiry do the terms of reference turn into?",)),
        Phase("Quality of the agency reports", 45, "Is each report analytical, honest about "
              "why, and does it cover every key line of enquiry?",
              tuple(f"{r.agency}: received {long_date(r.received_on) or 'not yet'}, "
                    f"{len(r.analyses)} lines analysed" for r in held)
              or ("Which agency reports are still awaited?",)),
        Phase("The draft overview report", 45, "Does each finding rest on the agency analyses "
              "and the learning event? Are the recommendations the right ones?",
              (*(f"{f.id}: {f.title} ({f.status.value}; "
                 f"{len(finding_details(f)['learning_points'])} learning points)"
                 for f in sorted(state.findings.values(), key=lambda f: f.id)),
               *(f"A response to {r.part} at the recall event still needs a decision"
                 for r in open_responses))),
        Phase("Next steps", 15, "Agree who does what before the next meeting.",
              ("Who does what, by when?",)),
    )
    return LearningEventPlan("panel_meeting", TITLES["panel_meeting"], phases, GROUND_RULES[:1]
                             + GROUND_RULES[3:4])


PLANS = {"learning_event": learning_event_plan, "recall_event": recall_event_plan,
         "panel_meeting": panel_meeting_plan}


@hookimpl
def plan_learning_event(review: ReviewState, methodology: str, kind: str
                        ) -> LearningEventPlan | None:
    build = PLANS.get(kind)
    return build(review) if build else None


def evidence_for(contribution: Contribution, event: LearningEvent | None) -> Evidence | None:
    """The evidence a contribution becomes, or None when its phase is not about the case."""
    use: Any = USE_OF_PHASE.get(contribution.phase, "what a participant said at an event")
    if use is None:
        return None
    where = event.title if event else f"event {contribution.event_id}"
    when: dt.date | None = event.held_on if event else None
    who = contribution.role + (f" ({contribution.agency})" if contribution.agency else "")
    return Evidence(
        id=f"EV-{contribution.id}", kind=EvidenceKind.CONTRIBUTION,
        title=f"{who}, at the {where[:1].lower() + where[1:]}",
        summary=contribution.text, agency=contribution.agency, received_on=when,
        details={"event": contribution.event_id, "phase": contribution.phase, "use": use,
                 "role": contribution.role, "contribution": contribution.id})


@hookimpl
def take_contribution(review: ReviewState, methodology: str, contribution: Contribution
                      ) -> Evidence | None:
    return evidence_for(contribution, review.learning_events.get(contribution.event_id))
