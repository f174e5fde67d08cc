"""Appreciative Inquiry, as a casereview methodology plugin.

For now it registers what the method is; its analysis hooks arrive with its own issue.
"""

from __future__ import annotations

from core import hookimpl


@hookimpl
def register_methodologies(register) -> None:
    # Imported here, not at the top: every run of the command line loads this module.
    from core.methodology import Methodology

    register(
        Methodology(
            name="appreciative-inquiry",
            title="Appreciative Inquiry",
            summary=(
                "A strengths-based, collaborative review through the Define, Discover, Dream, "
                "Design and Deliver cycle: practitioners look at what safeguarded the child, "
                "share honestly what went wrong, and design improvements together."
            ),
            fits_when=(
                "the partnership wants to learn from good practice as much as from problems",
                "practitioners are anxious and a safe, respectful setting is needed",
            ),
            not_fits_when=(
                "a detailed account of failings is required for accountability",
                "the agencies cannot commit to shared follow-up and champions",
            ),
            principles={
                "complexity": "Appreciative interviews and shared design bring the whole "
                "multi-agency system into the room.",
                "who_did_what_and_why": "Discovery interviews ask each practitioner what they did "
                "and what made it possible or hard.",
                "no_hindsight": "Interviews start from the practitioner's experience at the time, "
                "not from the outcome.",
                "transparency": "The interview guide and the affirmative topic are agreed and "
                "published with the findings.",
                "research_and_evidence": "Designs for change draw on research about what works "
                "alongside the case evidence.",
            },
        )
    )
