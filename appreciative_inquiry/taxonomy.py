"""Appreciative Inquiry's vocabularies, as data: the 5-D cycle, the five classic principles,
the kinds of interview question, the two kinds of finding, the variants and the learning events.

Facts the sources do not confirm (the summit's timings, for one) stay here as named data with
a "(check)" note, never as logic, so a partnership can correct them in one place.
"""

from __future__ import annotations

from attrs import frozen

from core.plugin_api.methodology import Taxonomy

METHODOLOGY = "appreciative-inquiry"

# The 5-D cycle, in order: Define first, then the classic 4-D.
CYCLE: dict[str, str] = {
    "define": "Define: agree the affirmative topic from the review's question, the interview "
    "guide, who takes part, and the family's consent",
    "discover": "Discover: appreciative interviews about practice at its best in this case and "
    "what made it possible; the themes of the positive core",
    "dream": "Dream: what practice would look like if the best of this case happened every time",
    "design": "Design: provocative propositions, each grounded in the discovered themes and "
    "answering what got in the way",
    "destiny": "Destiny (Deliver): commitments, each with an owner and a champion, that become "
    "the review's improvement actions; progress is valued as well as audited",
}

# The five classic principles (Cooperrider and Whitney).
PRINCIPLES: dict[str, str] = {
    "constructionist": "Constructionist: the way people talk together shapes what their "
    "organisations become",
    "simultaneity": "Simultaneity: inquiry is itself change; the first question asked is "
    "fateful",
    "poetic": "Poetic: people choose what they study; the story of a case can be read for what "
    "worked as well as what failed",
    "anticipatory": "Anticipatory: a shared image of the future guides what people do now",
    "positive": "Positive: hope and shared purpose sustain change better than blame",
}

# The questions of an appreciative interview guide, in the order an interview asks them.
QUESTION_KINDS: dict[str, str] = {
    "peak": "Peak experience: a story of practice at its best in this case",
    "enablers": "Enablers: what made that possible (the root causes of success)",
    "values": "Values: what the practitioner values in their own work and in working together",
    "continuity": "Continuity: what must be kept, whatever else changes",
    "wishes": "Wishes: what they wish had been different (honest difficulty belongs here)",
}

# The review's findings, each evidenced. Propositions and commitments, the third part of an
# appreciative review's findings, are recorded in Design and Destiny.
FINDING_KINDS: dict[str, str] = {
    "what_worked": "What worked and why: the conditions to create or sustain",
    "what_got_in_the_way": "What got in the way and why: an honest account of the problems",
}

# What an element of a design changes.
DESIGN_ELEMENTS: dict[str, str] = {
    "process": "A process or procedure",
    "tool": "A tool, form or system",
    "role": "A role or a responsibility",
    "relationship": "A way of working together",
}

TAXONOMIES = (
    Taxonomy("appreciative-inquiry/cycle", "Appreciative Inquiry: the 5-D cycle", CYCLE),
    Taxonomy("appreciative-inquiry/principles", "Appreciative Inquiry: the five classic "
             "principles", PRINCIPLES),
    Taxonomy("appreciative-inquiry/question-kinds", "Appreciative Inquiry: interview questions",
             QUESTION_KINDS),
    Taxonomy("appreciative-inquiry/finding-kinds", "Appreciative Inquiry: kinds of finding",
             FINDING_KINDS),
    Taxonomy("appreciative-inquiry/design-elements", "Appreciative Inquiry: design elements",
             DESIGN_ELEMENTS),
)

LEARNING_EVENTS: dict[str, str] = {
    "ai_summit": "The appreciative workshop (summit): practitioners, managers and, with "
    "consent, the family; paired interviews, the positive core, Dream, Design, an honest "
    "reflection on what got in the way, and first commitments",
    "destiny_follow_up": "A follow-up weeks later: progress stories from each commitment's "
    "champion, what to adjust, what is valued",
}

# The summit's phases: (title, minutes, purpose). The sequence follows summit practice; the
# minutes are a local default (check): no source fixes them, and a facilitator may change them.
SUMMIT_PHASES: tuple[tuple[str, int, str], ...] = (
    ("Welcome, topic and ground rules", 20, "Set an appreciative, honest and blame-free room "
     "and restate the affirmative topic and the review's question."),
    ("Paired appreciative interviews", 45, "Each practitioner tells a partner a story of "
     "practice at its best in this case and what made it possible."),
    ("Table sharing: stories and what made them work", 45, "Tables draw out the life-giving "
     "forces behind the stories and what must be kept."),
    ("Dream", 40, "Images of practice if the best of this case happened for every child "
     "like this one."),
    ("Design", 45, "Provocative propositions: bold statements of how the system will work, "
     "each grounded in the themes."),
    ("Honest reflection: what got in the way", 30, "Name what went wrong and why, and test "
     "whether the designs answer it."),
    ("Destiny: first commitments and champions", 25, "Who will do what, who will champion "
     "it, by when, and how we will know."),
)
SUMMIT_TIMINGS_NOTE = "(check) the minutes are a local default, not from a source"

FOLLOW_UP_PHASES: tuple[tuple[str, int, str], ...] = (
    ("Welcome and what has happened since", 15, "Recall the propositions and the "
     "commitments made."),
    ("Progress stories from the champions", 45, "Each champion tells what has changed and "
     "what made it possible."),
    ("Adjust the commitments", 30, "What needs changing, and who will help?"),
    ("What we value and what comes next", 20, "Name what to celebrate and agree the next "
     "review of progress."),
)


@frozen
class Variant:
    name: str
    summary: str
    weeks: float
    summit_days: int
    one_to_one_interviews: bool
    note: str = ""


VARIANTS: dict[str, Variant] = {
    v.name: v
    for v in (
        Variant("single-event", "a one-day summit covering Discover, Dream and Design, with "
                "Destiny in follow-up weeks later", weeks=16, summit_days=1,
                one_to_one_interviews=False,
                note="(check) the weeks are a local default; the one-day summit with Destiny "
                     "in follow-up is common practice"),
        Variant("interview-led", "one-to-one appreciative interviews with each practitioner, "
                "then a design workshop", weeks=20, summit_days=1, one_to_one_interviews=True,
                note="(check) the weeks are a local default"),
        Variant("good-practice-review", "a case put forward for its good practice (as Leeds "
                "does): interviews and a shorter workshop", weeks=12, summit_days=1,
                one_to_one_interviews=True, note="(check) the weeks are a local default"),
    )
}
DEFAULT_VARIANT = "single-event"
