"""The appreciative workshop (summit) and the Destiny follow-up: their phases, prompts drawn
from what the review holds, time-boxes, and how something said there becomes evidence."""

from __future__ import annotations

from appreciative_inquiry import records as r
from appreciative_inquiry.taxonomy import FOLLOW_UP_PHASES, SUMMIT_PHASES
from core import hookimpl
from core.kernel.model import Contribution, Evidence, EvidenceKind
from core.kernel.state import ReviewState
from core.plugin_api.methodology import LearningEventPlan, Phase

GROUND_RULES = (
    "We are here to learn from what worked and from what did not, without blame.",
    "Appreciative does not mean uncritical: say honestly what got in the way.",
    "Speak from what you knew and did at the time.",
    "Anything recorded names people by role and agency, never by name.",
    "The child stays at the centre; the family takes part only with their consent.",
)

# What each summit phase's contributions become (None: a note, not evidence about the case).
USE_OF_PHASE: dict[str, str | None] = {
    SUMMIT_PHASES[0][0]: None,
    SUMMIT_PHASES[1][0]: "a story of practice at its best",
    SUMMIT_PHASES[2][0]: "an enabler of good practice, or something to keep",
    SUMMIT_PHASES[3][0]: "a dream: what practice could be",
    SUMMIT_PHASES[4][0]: "a provocative proposition or a design element",
    SUMMIT_PHASES[5][0]: "a problem acknowledged: what got in the way and why",
    SUMMIT_PHASES[6][0]: "a commitment or a champion",
    FOLLOW_UP_PHASES[0][0]: None,
    FOLLOW_UP_PHASES[1][0]: "a progress story: evidence of impact",
    FOLLOW_UP_PHASES[2][0]: "an adjustment to a commitment",
    FOLLOW_UP_PHASES[3][0]: "what is valued",
}


def _summit_prompts(state: ReviewState) -> list[tuple[str, ...]]:
    define = r.define(state)
    topic = define.topic if define else "the affirmative topic (agree it in Define)"
    guide = [q.text for q in define.guide] if define else []
    held = r.themes(state)
    concerns = r.concerns(state)
    propositions = r.propositions(state)
    question = define.review_question if define else (
        state.header.terms_of_reference if state.header else "")
    return [
        (f"Our topic: {topic}.", f"The review's question: {question}" if question else
         "Restate the review's question.", "Read and agree the ground rules."),
        ("Interview your partner with the guide; then swap.", *guide),
        ("What made these stories possible? What must we keep, whatever else changes?",
         *(f"Emerging theme {t.id}: {t.title}" for t in held)),
        ("Imagine a year from now: every child like this one is seen and helped together. What "
         "is happening? Who is doing what?",),
        ("Write bold statements, in the present tense, of how our system works at its best.",
         "Which theme grounds each statement? Which problem does it answer?",
         *(f"Draft proposition {p.id}: {p.statement}" for p in propositions)),
        ("What got in the way in this case, and why? Do our designs answer it?",
         *(f"Acknowledged {c.id}: {c.title}" for c in concerns)),
        ("Who will do what, by when? Who will champion it? How will we know it has worked?",
         *(f"For {p.id}: who owns it, and who champions it?" for p in propositions)),
    ]


def _summit(state: ReviewState) -> LearningEventPlan:
    phases = [Phase(title, minutes, purpose, prompts) for (title, minutes, purpose), prompts
              in zip(SUMMIT_PHASES, _summit_prompts(state), strict=True)]
    return LearningEventPlan("ai_summit", "Appreciative workshop (summit)", phases,
                             GROUND_RULES)


def _follow_up(state: ReviewState) -> LearningEventPlan:
    made = r.commitments(state)
    prompts: list[tuple[str, ...]] = [
        ("Recall the provocative propositions and the commitments.",
         *(f"{p.id}: {p.statement}" for p in r.propositions(state))),
        ("What has changed? What made it possible? What evidence shows it?",
         *(f"{c.id} (champion: {c.champion}): {c.description}" for c in made)),
        ("Which commitments need help, a new date or a different owner?",),
        ("What should we celebrate? When will we look at progress again?",),
    ]
    phases = [Phase(title, minutes, purpose, p) for (title, minutes, purpose), p
              in zip(FOLLOW_UP_PHASES, prompts, strict=True)]
    return LearningEventPlan("destiny_follow_up", "Destiny follow-up: valuing progress",
                             phases, GROUND_RULES[:1] + GROUND_RULES[3:4])


PLANS = {"ai_summit": _summit, "destiny_follow_up": _follow_up}


@hookimpl
def plan_learning_event(review: ReviewState, methodology: str, kind: str
                        ) -> LearningEventPlan | None:
    build = PLANS.get(kind)
    return build(review) if build else None


@hookimpl
def take_contribution(review: ReviewState, methodology: str, contribution: Contribution
                      ) -> Evidence | None:
    """A contribution becomes evidence of what its phase produces; what is said while agreeing
    ground rules stays a note."""
    use = USE_OF_PHASE.get(contribution.phase, "what a practitioner said at the workshop")
    if use is None:
        return None
    event = review.learning_events.get(contribution.event_id)
    where = event.title if event else f"learning event {contribution.event_id}"
    who = contribution.role + (f" ({contribution.agency})" if contribution.agency else "")
    return Evidence(
        id=f"EV-{contribution.id}", kind=EvidenceKind.CONTRIBUTION,
        title=f"{who}, {where}" + (f" ({contribution.phase.lower()})" if contribution.phase
                                   else ""),
        summary=contribution.text, agency=contribution.agency,
        received_on=event.held_on if event else None,
        details={"event": contribution.event_id, "phase": contribution.phase,
                 "role": contribution.role, "use": use, "contribution": contribution.id},
    )
