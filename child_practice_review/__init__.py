"""Child Practice Review (Wales), as a casereview methodology plugin.

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
            name="child-practice-review",
            title="Child Practice Review (Wales)",
            summary=(
                "The Welsh statutory review, concise or extended: a review panel, agency "
                "timelines of significant events, a facilitated practitioner learning event, "
                "meetings with the family, an anonymised report, a 7-minute briefing and an "
                "action plan."
            ),
            fits_when=(
                "the case falls under Welsh guidance for child practice reviews",
                "a succinct report focused on improving practice is wanted",
            ),
            not_fits_when=("the case is in England and a national Panel review is expected",),
            variants={
                "concise": "one reviewer; the child was not on the register or looked after "
                "in the six months before",
                "extended": "two reviewers; the child was on the register or looked after in "
                "the six months before",
            },
            default_variant="concise",
            principles={
                "complexity": "The learning event brings practitioners from every agency "
                "together to share their understanding of the case.",
                "who_did_what_and_why": "Agency timelines of significant events are analysed "
                "with the practitioners who made the decisions.",
                "no_hindsight": "The learning event explores what was known and why decisions "
                "made sense at the time.",
                "transparency": "Terms of reference, the timeline and the anonymised report set "
                "out how information was gathered and used.",
                "research_and_evidence": "Reviewers bring research and wider learning from "
                "multi-agency professional forums to the findings.",
            },
        )
    )
