"""Learning Together's learning events: the two joint meetings of review team and case group
(the first checks the narrative and the key practice episodes; the second tests and
prioritises the findings; both plan support for the practitioners), and the review team's own
meetings — their phases, prompts and time-boxes — and how something said
there becomes evidence.

The joint meeting walks the timeline *as it was known at the time*: its prompts come from the
knowledge horizon of the agencies involved, never from the whole chronology.
"""

from __future__ import annotations

from typing import Any

from core import hookimpl
from core.kernel.dates import long_date, long_span
from core.kernel.model import Contribution, Evidence, EvidenceKind
from core.kernel.state import ReviewState
from core.kernel.text import plural
from core.plugin_api.methodology import LearningEventPlan, Phase
from learning_together.hindsight import known_at_the_time
from learning_together.records import and_list, episodes, finding_details
from learning_together.report import in_priority_order
from learning_together.taxonomy import APPRAISALS, KPE_FRAMEWORK

GROUND_RULES = (
    "We are here to learn, not to blame: the question is why things made sense at the time.",
    "Speak from what you knew and thought then, not from what we all know now.",
    "Anything recorded names people by role and agency, never by name.",
    "What is said is recorded and may inform the report; the report names no practitioner.",
    "The child stays at the centre of the conversation.",
)

INTRODUCTION = "Introduction and ground rules"
WALK = "Walk the timeline as it was known at the time"
AGREE = "Agree the key practice episodes"
APPRAISE = "Appraise and explain"
PATTERNS = "Test emerging patterns"  # held at the one joint meeting before there were two
WENT_WELL = "What went well"
TEST = "Test the findings"
PRIORITISE = "Prioritise the findings"
BOARD = "Shape the issues for the board"
SUPPORT = "Close and support"

# How the method uses what is said in each phase (None: not evidence about the case).
USE_OF_PHASE: dict[str, str | None] = {
    INTRODUCTION: None,
    WALK: "what was known and thought at the time",
    AGREE: "a view on which episodes were key",
    APPRAISE: "an appraisal or a contributory factor",
    PATTERNS: "evidence on whether a pattern reaches beyond this case",
    WENT_WELL: "good practice to keep",
    TEST: "evidence on whether a finding reaches beyond this case, and how widely",
    PRIORITISE: "a view on which findings matter most",
    BOARD: "a view on the questions the board should consider",
    SUPPORT: None,
}

# Group events can be distressing: plan who supports the practitioners, before and after
# (quality markers: practitioner involvement, "adequate support and protection").
SUPPORT_PROMPTS = (
    "Who supports each practitioner today, and who will check on them afterwards?",
    "Where can anyone go after a distressing session: their supervisor, occupational health, "
    "an employee assistance line?",
    "What happens next, and when will the practitioners see how what they said was used?",
)


def _support() -> Phase:
    return Phase(SUPPORT, 15, "Close the meeting with care: plan the support each practitioner "
                 "has after it.", SUPPORT_PROMPTS)


def _timeline_prompts(state: ReviewState) -> list[str]:
    """For each recorded episode, what its agencies had on record by its end (the horizon)."""
    prompts = []
    for episode in episodes(state):
        known = known_at_the_time(state, episode)
        inside = [e for e in known if e.date.overlaps(episode.period.start, episode.period.end)]
        latest = f"; the latest: {long_span(inside[-1].date)}, {inside[-1].agency}: " \
                 f"{inside[-1].what_happened.rstrip('.')}" if inside else ""
        end = episode.period.end
        prompts.append(
            f"{episode.id} ({long_span(episode.period)}): by {long_date(end)} "
            f"{and_list(episode.agencies)} had {len(known)} entries on record between them, "
            f"{len(inside)} in this period{latest}. What did each of you know then, and from whom?"
        )
    if not prompts and state.chronology:
        prompts.append("Walk the merged chronology in date order; at each point show only what "
                       "the agencies had recorded or been told by then (`casereview chronology "
                       "REVIEW --as-known-by AGENCY --on DATE`).")
    return prompts


def _joint_meeting(state: ReviewState) -> LearningEventPlan:
    question = state.header.terms_of_reference if state.header else ""
    recorded = episodes(state)
    good = [e for e in recorded if e.good_practice]
    layers = "; ".join(label.split(":")[0] for label in KPE_FRAMEWORK.values())
    phases = (
        Phase(INTRODUCTION, 20, "Agree how the group works, so practitioners can speak freely.",
              ("Everyone introduces themselves by role and agency.",
               "Read and agree the ground rules.",
               f"Restate the question the review asks: {question}" if question else
               "Restate the question the review asks (its terms of reference).")),
        Phase(WALK, 60, "Rebuild how the case looked from inside, at each point in time.",
              ("At each point ask: what did you know then, and from whom? What did you think "
               "was happening? What else was competing for your time?",
               *_timeline_prompts(state)),
              as_known_then=True, asks=("at_the_time", "observation", "question")),
        Phase(AGREE, 40, "Choose the moments that mattered — good practice as well as problems.",
              ("Which actions, inactions or periods mattered most for the child?",
               "Is each one a deliberate selection rather than a full history?",
               *(f"Proposed: {e.id} {e.title} ({long_span(e.period)})" for e in recorded))),
        Phase(APPRAISE, 75, "For each episode: appraise the practice on what was known then, "
              "and explain it by its contributory factors.",
              (f"Was the practice {', '.join(v.lower() for v in APPRAISALS.values())} — judged "
               "on what was known at the time?",
               f"Which contributory factors were at work? The episode framework: {layers}.",
               "What is the evidence for each factor: a record, a conversation, what was said "
               "today?"),
              as_known_then=True, asks=("factor", "observation", "question")),
        Phase(WENT_WELL, 20, "Name what helped keep the child safe, so it is kept.",
              ("What went well, and what made it possible?",
               *(f"Good practice: {e.id} {e.title}" for e in good)),
              asks=("strength", "observation")),
        _support(),
    )
    return LearningEventPlan("joint_meeting", "First joint meeting of the review team and case "
                             "group", phases, GROUND_RULES)


def _second_joint_meeting(state: ReviewState) -> LearningEventPlan:
    findings = in_priority_order([f for f in state.findings.values()
                                  if f.status.value != "suggested"])
    suggested = [f for f in state.findings.values() if f.status.value == "suggested"]
    phases = (
        Phase(INTRODUCTION, 15, "Agree how the group works, so practitioners can speak freely.",
              ("Everyone introduces themselves by role and agency.",
               "Read and agree the ground rules again.",
               "Say how what was said at the first joint meeting has been used.")),
        Phase(TEST, 75, "Test each draft finding: is it an underlying pattern in the system, "
              "and how widespread is it?",
              ("Does this happen in other cases, other teams, other agencies? What evidence do "
               "we have beyond this case (audits, research, other reviews)?",
               "Is the evidence enough for a finding, or is this an indicative finding to be "
               "tested further?",
               *(f"{f.id}: {f.title}" for f in findings),
               *(f"Suggested, not yet accepted: {f.title}" for f in suggested)),
              asks=("observation", "question")),
        Phase(PRIORITISE, 40, "Put the findings in order: the areas of greatest need for "
              "improvement first.",
              ("Which finding, if nothing changed, puts children at most risk?",
               "Which can the partnership act on, and which need others to act?")),
        Phase(BOARD, 40, "Turn each finding into questions for the board: questions, not "
              "orders.",
              ("Is each issue a question the board can answer, rather than an order dressed as "
               "a question ('Should ...?', 'Must ...?')?",
               *(f"{f.id}: {plural(len(finding_details(f)['board_issues']), 'issue')} so far"
                 for f in findings))),
        _support(),
    )
    return LearningEventPlan("second_joint_meeting", "Second joint meeting of the review team "
                             "and case group", phases, GROUND_RULES)


def _review_team_meeting(state: ReviewState) -> LearningEventPlan:
    drafts = [f for f in state.findings.values() if f.status.value != "final"]
    phases = (
        Phase("Progress and what has been gathered", 20,
              "Take stock of records, conversations and the family's involvement.",
              (f"{len(state.chronology)} chronology entries, "
               f"{len(state.record_collection('learning-together/conversation'))} structured "
               "conversations so far: who else should we hear from?",
               "Has the family been offered a way to take part?")),
        Phase("Agree the key practice episodes to look at", 40,
              "Choose the episodes the analysis will appraise and explain.",
              ("Which episodes matter most for the question the review asks?",
               "Have we included good practice?")),
        Phase("Test the emerging patterns", 45,
              "Check that each pattern is about the system, not this case alone.",
              ("What evidence shows it is not peculiar to this case?",
               *(f"Draft or suggested: {f.id} {f.title}" for f in drafts))),
        Phase("Issues for the board", 30, "Turn each pattern into questions for the board.",
              ("Is each issue a question the board can act on, not an order?",
               *(f"{f.id}: {plural(len(finding_details(f)['board_issues']), 'issue')} so far"
                 for f in state.findings.values()))),
        Phase("Next steps", 15, "Agree who does what before the next meeting.",
              ("Who is seen next, and by when?",)),
    )
    return LearningEventPlan("review_team_meeting", "Review team meeting", phases,
                             GROUND_RULES[:1] + GROUND_RULES[2:4])


PLANS = {"joint_meeting": _joint_meeting, "second_joint_meeting": _second_joint_meeting,
         "review_team_meeting": _review_team_meeting}


@hookimpl
def plan_learning_event(review: ReviewState, methodology: str, kind: str
                        ) -> LearningEventPlan | None:
    build = PLANS.get(kind)
    return build(review) if build else None


@hookimpl
def take_contribution(review: ReviewState, methodology: str, contribution: Contribution
                      ) -> Evidence | None:
    """A contribution becomes evidence of the kind its phase produces; what is said while
    agreeing ground rules stays a note."""
    use: Any = USE_OF_PHASE.get(contribution.phase, "what a practitioner said at a learning "
                                                    "event")
    if use is None:
        return None
    event = review.learning_events.get(contribution.event_id)
    where = event.title if event else f"learning event {contribution.event_id}"
    who = contribution.role + (f" ({contribution.agency})" if contribution.agency else "")
    return Evidence(
        id=f"EV-{contribution.id}",
        kind=EvidenceKind.CONTRIBUTION,
        title=f"{who}, {where}" + (f" ({contribution.phase.lower()})" if contribution.phase
                                   else ""),
        summary=contribution.text,
        agency=contribution.agency,
        received_on=event.held_on if event else None,
        details={"event": contribution.event_id, "phase": contribution.phase,
                 "role": contribution.role, "use": use, "contribution": contribution.id},
    )
