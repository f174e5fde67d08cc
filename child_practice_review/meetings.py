"""The method's learning events: the practitioner learning event, the family meeting, the review
panel meeting, the follow-up (feedback) event and the lighter multi-agency professional forum —
their phases, prompts and time-boxes — and how something said there becomes evidence.

The practitioner learning event walks the timeline of significant events the panel agreed, and
asks what each practitioner knew, thought and did at each point: its prompts come from that
timeline. (check) The phases and time-boxes follow the Welsh guide to organising and
facilitating learning events as remembered; its detail could not be confirmed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from child_practice_review.records import timeline
from child_practice_review.taxonomy import BRIEFING_HEADINGS, LEARNING_KINDS
from core import hookimpl
from core.kernel.dates import long_span
from core.kernel.model import Contribution, Evidence, EvidenceKind
from core.kernel.state import ReviewState
from core.plugin_api.methodology import LearningEventPlan, Phase

GROUND_RULES = (
    "We are here to learn, not to blame: accountability, not culpability.",
    "Speak from what you knew and thought at the time, not from what we all know now.",
    "Anything recorded names people by role and agency, never by name.",
    "What is said may inform the anonymised report; the report names no practitioner.",
    "The child stays at the centre of the conversation.",
)
FAMILY_RULES = (
    "The family's account is heard in their own words and recorded by relationship, not name.",
    "The family may stop, pause or bring someone to support them.",
    "The family is told how what they say will be used, and sees the report before it is "
    "published.",
)

WELCOME = "Welcome, purpose and ground rules"
CLOSE = "Close and next steps"

# How the method uses what is said in each phase (None: not evidence about the case).
USE_OF_PHASE: dict[str, str | None] = {
    WELCOME: None,
    CLOSE: None,
    "Introductions and purpose": None,
    "The terms of reference and focus period": "a view on the review's scope",
    "Walk the timeline of significant events": "what was known, thought and done at the time",
    "Reflection: what helped and what hindered": "what helped or hindered practice",
    "Key learning points and good practice": "a learning point or good practice",
    "What would improve systems and practice": "a view on improving systems and practice",
    "The family's account": "the family's account",
    "The child's experience": "the child's lived experience, as the family saw it",
    "What the family want the review to understand": "what the family want understood",
    "Test the draft learning": "practitioners' view of the draft learning",
    "Test the recommendations": "practitioners' view of the recommendations",
}


def _timeline_prompts(state: ReviewState) -> list[str]:
    prompts = []
    for item in timeline(state):
        entry = state.chronology.get(item.entry.entry_id)
        if entry is None:
            continue
        # the record as the agency wrote it then, not the panel's view of it since
        prompts.append(f"{item.id} ({long_span(entry.date)}, {entry.agency} {entry.source_ref}):"
                       f" {entry.what_happened.rstrip('.')}. What did you know, think and do "
                       "then, and who else knew?")
    if not prompts:
        prompts.append("The panel has not yet agreed the timeline of significant events: agree "
                       "it before the event (`casereview cpr template timeline`).")
    return prompts


def learning_event(state: ReviewState) -> LearningEventPlan:
    question = state.header.terms_of_reference if state.header else ""
    kinds = "; ".join(LEARNING_KINDS.values())
    phases = (
        Phase(WELCOME, 20, "Agree how the group works, so every practitioner can speak freely.",
              ("Everyone introduces themselves by role and agency.",
               "Read and agree the ground rules: learning, not blame.")),
        Phase("The terms of reference and focus period", 10,
              "Share what the review asks and the period it looks at.",
              (f"The review asks: {question}" if question else
               "Share the terms of reference agreed by the panel.",
               "The review looks mainly at the 12 months before the event, unless the panel "
               "recorded a reason for a longer period.")),
        Phase("Walk the timeline of significant events", 60,
              "Rebuild each agency's view at each point, as it was at the time.",
              tuple(_timeline_prompts(state))),
        Phase("Reflection: what helped and what hindered", 60,
              "Understand why practice happened as it did, and how the agencies worked together.",
              ("What was working well? What got in the way?",
               "How did the agencies share what they knew, and when?",
               "What was it like to work with the family at the time?")),
        Phase("Key learning points and good practice", 40,
              "Name the learning, in the practitioners' words.",
              (f"What is the learning? ({kinds})",
               "What good practice should be kept and shared?")),
        Phase("What would improve systems and practice", 30,
              "Turn the learning into changes the board can make.",
              ("What would make a difference to the next child in the same position?",
               "Which agency, or which partnership arrangement, would need to change?")),
        Phase(CLOSE, 10, "Thank practitioners and say what happens next.",
              ("How will practitioners see the draft learning before it is final?",
               "Who needs support after today?")),
    )
    return LearningEventPlan("learning_event", "Practitioner learning event", phases,
                             GROUND_RULES)


def family_meeting(state: ReviewState) -> LearningEventPlan:
    phases = (
        Phase("Introductions and purpose", 15, "Explain what the review is for and how it works.",
              ("Who is here, by relationship, and who is supporting them?",
               "The review looks for learning for the agencies; it does not blame the family.")),
        Phase("The family's account", 45, "Hear what happened, in the family's own words.",
              ("What was happening for you and the children over the period?",
               "Which services helped, and which did not?")),
        Phase("The child's experience", 30, "Keep the child at the centre.",
              ("What was daily life like for the child? What does the child like, and fear?",
               "What does the child want people to know?")),
        Phase("What the family want the review to understand", 20,
              "Hear the family's questions for the review.",
              ("What do you want the review to look at or answer?",)),
        Phase(CLOSE, 10, "Agree how the family will see the findings before publication.",
              ("How and when would you like to hear about the report?",)),
    )
    return LearningEventPlan("family_meeting", "Meeting with the child and family", phases,
                             FAMILY_RULES)


def panel_meeting(state: ReviewState) -> LearningEventPlan:
    phases = (
        Phase("Progress and the terms of reference", 20, "Take stock of the review so far.",
              (f"{len(state.chronology)} chronology entries; {len(timeline(state))} on the "
               "timeline of significant events so far.",
               "Has Welsh Government been told of the intent to hold a review?")),
        Phase("Agree the timeline of significant events", 30,
              "Choose the events the learning event will walk.",
              ("Which events mattered for the child within the focus period?",)),
        Phase("Test the draft learning", 40, "Check each learning point against the evidence.",
              ("Does each learning point rest on the timeline and the learning event?",)),
        Phase("Test the recommendations", 30, "Agree recommendations and the action plan.",
              ("Is each recommendation addressed by an action with an owner, a date and a "
               "measure of success?",)),
        Phase(CLOSE, 10, "Agree who does what before the next meeting.",
              ("Who does what, by when, before the next meeting?",)),
    )
    return LearningEventPlan("panel_meeting", "Review panel meeting", phases, GROUND_RULES[:1])


def feedback_event(state: ReviewState) -> LearningEventPlan:
    drafts = [f for f in state.findings.values() if f.status.value != "final"]
    phases = (
        Phase(WELCOME, 10, "Explain that the draft learning is being tested, not announced.",
              GROUND_RULES[:2]),
        Phase("Test the draft learning", 45, "Does the draft learning ring true?",
              ("Is anything missing, or put in a way that would not help practitioners?",
               *(f"Draft: {f.id} {f.title}" for f in drafts))),
        Phase("Test the recommendations", 30, "Would the recommendations change practice?",
              ("What would get in the way of putting them into practice?",)),
        Phase(CLOSE, 10, "Say how the report and 7-minute briefing will reach practitioners.",
              (f"The briefing's headings: {', '.join(BRIEFING_HEADINGS.values())}.",)),
    )
    return LearningEventPlan("feedback_event", "Practitioner feedback event: testing the draft "
                             "learning", phases, GROUND_RULES)


def professional_forum(state: ReviewState) -> LearningEventPlan:
    phases = (
        Phase(WELCOME, 15, "A lighter, facilitated event for a case below the review threshold.",
              GROUND_RULES[:3]),
        Phase("Walk the timeline of significant events", 30, "The case in brief, as known then.",
              tuple(_timeline_prompts(state))),
        Phase("Key learning points and good practice", 45, "Name the learning together.",
              ("What is the learning for each agency and for the partnership?",)),
        Phase("What would improve systems and practice", 30, "Agree actions and owners.",
              ("Which actions, by whom, by when?",)),
    )
    return LearningEventPlan("professional_forum", "Multi-agency professional forum", phases,
                             GROUND_RULES[:3])


PLANS: dict[str, Callable[[ReviewState], LearningEventPlan]] = {
    "learning_event": learning_event,
    "family_meeting": family_meeting,
    "panel_meeting": panel_meeting,
    "feedback_event": feedback_event,
    "professional_forum": professional_forum,
}


@hookimpl
def plan_learning_event(review: ReviewState, methodology: str, kind: str
                        ) -> LearningEventPlan | None:
    build = PLANS.get(kind)
    return build(review) if build else None


def contribution_evidence(state: ReviewState, contribution: Contribution,
                          entry_ids: tuple[str, ...] = ()) -> Evidence | None:
    """Evidence of the kind its phase produces, citing the timeline entries it speaks to; what
    is said while agreeing ground rules or closing stays a note."""
    use = USE_OF_PHASE.get(contribution.phase, "what was said at a learning event")
    if use is None:
        return None
    event = state.learning_events.get(contribution.event_id)
    where = event.title if event else f"learning event {contribution.event_id}"
    who = contribution.role + (f" ({contribution.agency})" if contribution.agency else "")
    return Evidence(
        id=f"EV-{contribution.id}", kind=EvidenceKind.CONTRIBUTION,
        title=f"{who}, {where}" + (f" ({contribution.phase.lower()})" if contribution.phase
                                   else ""),
        summary=contribution.text, agency=contribution.agency, entry_ids=entry_ids,
        received_on=event.held_on if event else None,
        details={"event": contribution.event_id, "phase": contribution.phase,
                 "role": contribution.role, "use": use, "contribution": contribution.id},
    )


def named_events(state: ReviewState, text: str) -> tuple[str, ...]:
    """The entries of the significant events a contribution names by id (e.g. "at T04, ...")."""
    return tuple(dict.fromkeys(
        item.entry.entry_id for item in timeline(state)
        if re.search(rf"(?<![\w-]){re.escape(item.id)}(?![\w-])", text)))


@hookimpl
def take_contribution(review: ReviewState, methodology: str, contribution: Contribution
                      ) -> Evidence | None:
    """Recorded live, a contribution links to the significant events its text names by id."""
    return contribution_evidence(review, contribution, named_events(review, contribution.text))
