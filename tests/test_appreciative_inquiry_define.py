"""Define: the deficit-framing check and its suggested reframes, the generated guide, the
suggested topic, and the method's view of how it fits a case."""

from __future__ import annotations

import pytest

from appreciative_inquiry.framing import (
    deficit_framing,
    framing_notes,
    generated_guide,
    suggested_topic,
)
from core.plugin_api.methodology import CaseProfile


@pytest.mark.parametrize(("question", "framing", "reframe"), [
    ("Why did agencies fail to share what they knew?", "Why did agencies fail to",
     "Tell me about a time when you were able to share what you knew well."),
    ("What went wrong at the closure?", "What went wrong",
     "What happened at the closure, and what do you wish had been different?"),
    ("Who is to blame for the missed referral?", "Who is to blame",
     "How did the people involved work together"),
    ("Why was neglect missed?", "Why was neglect missed",
     "When was neglect seen and acted on well, and what made that possible?"),
    ("What mistakes were made?", "What mistakes", "What helped practice work well"),
])
def test_a_deficit_framed_question_gets_a_suggested_reframe(question, framing, reframe):
    note = deficit_framing(question)
    assert note is not None
    assert note.framing == framing
    assert note.suggestion.startswith(reframe)
    assert "This is a suggestion" in note.message


@pytest.mark.parametrize("question", [
    "Tell me about a time you did your best work with this family.",
    "What made that possible?",
    "What do you wish had been different, and what would have helped?",
    "What should we keep doing, whatever else changes?",
])
def test_an_appreciative_question_is_not_flagged(question):
    assert deficit_framing(question) is None


def test_the_first_question_is_called_out_as_the_first():
    notes = framing_notes(["What went wrong?", "What made it work?", "Whose fault was it?"])
    assert [n.first for n in notes] == [True, False]
    assert notes[0].message.startswith("The guide's first question")


def test_the_generated_guide_asks_the_five_kinds_in_order_and_passes_its_own_check():
    guide = generated_guide("Seeing and acting on a young child's needs together")
    assert [kind for kind, _ in guide] == ["peak", "enablers", "values", "continuity", "wishes"]
    assert "seeing and acting on a young child's needs together" in guide[0][1]
    assert framing_notes([q for _, q in guide]) == []


def test_the_topic_is_suggested_from_the_question_and_marked_as_a_suggestion():
    text = suggested_topic("Why were the child's needs not seen by the agencies?")
    assert text == ("Suggestion for the review team: When were the child's needs seen and "
                    "acted on well by the agencies, and what made that possible?")


def test_fit_reads_the_profile_and_says_why():
    from appreciative_inquiry.descriptor import assess_fit

    good = assess_fit(profile=CaseProfile(focus_on_good_practice=True,
                                          practitioners_available=True, agencies_involved=5),
                      methodology="appreciative-inquiry")
    poor = assess_fit(profile=CaseProfile(practitioners_available=False,
                                          statutory_threshold_met=True,
                                          parallel_proceedings=True),
                      methodology="appreciative-inquiry")
    assert good.score > 75 > 20 > poor.score
    assert any("good practice" in r for r in good.reasons_for)
    assert any("honest record" in r for r in poor.reasons_against)
    assert assess_fit(profile=CaseProfile(), methodology="rca") is None
