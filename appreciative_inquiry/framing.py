"""Define: the interview guide generated from the affirmative topic, and the check that flags a
deficit-framed question and proposes an appreciative reframe.

The reframe is a suggestion for the facilitator to take or leave: nothing here ever rewrites a
question the review team wrote (the simultaneity principle: the first question is fateful, so
the people asking it choose its words).
"""

from __future__ import annotations

import re

from attrs import frozen

# Deficit framings, each with the appreciative question to suggest instead. A template keeps
# the subject of the original question: {rest} is what follows the framing words (with a
# leading space), {subject} and {verb} what a "why was ... missed" question was about.
DEFICIT_FRAMINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), reframe) for pattern, reframe in (
        (r"\bwhy\s+did\s+\w+(?:\s+\w+)?\s+(?:fail\s+to|not|never)\s+(?P<rest>[^.?!]*)",
         "Tell me about a time when you were able to {bare} well. What made that possible, and "
         "what would help it happen every time?"),
        (r"\bwhat\s+went\s+wrong(?P<rest>[^.?!]*)",
         "What happened{rest}, and what do you wish had been different? What would have "
         "helped?"),
        (r"\b(?:who|whose)\b.*?\b(?:blame|fault|responsible)(?P<rest>[^.?!]*)",
         "How did the people involved work together, and what would have helped them "
         "work together better?"),
        (r"\bwhy\s+(?P<verb>was|were)\s+(?P<subject>[^.?!]+?)\s+(?:missed|ignored|overlooked|"
         r"not\s+(?:seen\s+and\s+acted\s+on|seen|noticed|acted\s+on))(?P<rest>[^.?!]*)",
         "When {verb} {subject} seen and acted on well{rest}, and what made that possible?"),
        (r"\b(?:what|which)\s+(?:mistakes?|errors?|failures?|failings?)(?P<rest>[^.?!]*)",
         "What helped practice work well, and what got in its way?"),
        (r"\bwhat\s+(?:didn'?t|did\s+not)\s+work(?P<rest>[^.?!]*)",
         "What worked best{rest}, and what would help the rest work as well?"),
        (r"\b(?:failed|failure|failings?|mistakes?)\b(?P<rest>[^.?!]*)",
         "What would practice at its best have looked like here, and what would make it "
         "possible?"),
    )
)


@frozen
class FramingNote:
    """A deficit-framed question and the reframe the software suggests (never applied)."""

    question: str
    framing: str  # the words that frame it as a deficit
    suggestion: str
    first: bool  # it is the guide's first question, whose framing sets the conversation

    @property
    def message(self) -> str:
        where = "The guide's first question" if self.first else "A question in the guide"
        return (f"{where} is framed around a deficit ('{self.framing}'): {self.question!r}. "
                f"Suggested appreciative reframe: {self.suggestion!r}. This is a suggestion; "
                "the facilitator decides the wording.")


def _clean(words: str) -> str:
    return " ".join(words.split()).strip(" ?.!,;:")


def deficit_framing(question: str, *, first: bool = False) -> FramingNote | None:
    """A FramingNote when `question` is framed around failure or blame, else None."""
    for pattern, reframe in DEFICIT_FRAMINGS:
        match = pattern.search(question)
        if not match:
            continue
        found = {k: _clean(v or "") for k, v in match.groupdict().items()}
        rest = found.get("rest", "")
        # the practitioner is asked about themselves: "what they knew" -> "what you knew"
        bare = re.sub(r"\bthey\b", "you", re.sub(r"\btheir\b", "your", rest)) or "do this"
        suggestion = reframe.format(rest=f" {rest}" if rest else "", bare=bare,
                                    subject=found.get("subject", ""), verb=found.get("verb", ""))
        framing = _clean(question[match.start():match.start("rest") if "rest" in found
                                  else match.end()])
        return FramingNote(" ".join(question.split()), framing, suggestion, first)
    return None


def framing_notes(questions: list[str]) -> list[FramingNote]:
    """Every deficit-framed question of a guide, in its order."""
    notes = []
    for number, question in enumerate(questions):
        note = deficit_framing(question, first=number == 0)
        if note:
            notes.append(note)
    return notes


def suggested_topic(review_question: str) -> str:
    """An affirmative topic offered for the review team to consider, from the review's question:
    its deficit framing turned to what the partnership wants more of. A suggestion only."""
    note = deficit_framing(review_question, first=True)
    text = note.suggestion if note else review_question.strip()
    return f"Suggestion for the review team: {text}"


def generated_guide(topic: str) -> list[tuple[str, str]]:
    """An appreciative interview guide built from the affirmative topic: (kind, question) in
    the order an interview asks them (the five kinds of QUESTION_KINDS)."""
    subject = topic.strip().rstrip(".?!") or "this work"
    lowered = subject[:1].lower() + subject[1:]
    return [
        ("peak", f"Our topic is {lowered}. Tell me about a time in your work with this family "
                 "when you felt you were doing your best work for the children. What happened, "
                 "and who else was involved?"),
        ("enablers", "What made that possible: in you, in your team, in your agency, and in "
                     "the people you worked with?"),
        ("values", "What do you value most about the way your agency works with others to "
                   "keep young children safe?"),
        ("continuity", "What should we keep doing, whatever else changes?"),
        ("wishes", "Looking back, what do you wish had been different, and what would have "
                   "helped you then?"),
    ]
