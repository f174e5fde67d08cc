"""SCIE Learning Together, as a casereview methodology plugin.

For now it registers what the method is; its analysis hooks arrive with its own issue.
"""

from __future__ import annotations

from core import hookimpl
from core.methodology import Methodology


@hookimpl
def register_methodologies(register) -> None:  # noqa: ANN001
    register(
        Methodology(
            name="learning-together",
            title="SCIE Learning Together (systems model)",
            summary=(
                "A systems review led by two independent lead reviewers with a review team of "
                "senior managers and a case group of the practitioners: structured conversations, "
                "key practice episodes and their contributory factors, and findings about "
                "underlying patterns in the system, with issues for the board to consider."
            ),
            fits_when=(
                "several agencies were involved over a long period",
                "the aim is to understand why practice made sense at the time",
                "practitioners can take part in conversations and joint meetings",
            ),
            not_fits_when=(
                "a very quick, single-agency answer is needed",
                "practitioners cannot be released for conversations and meetings",
            ),
            variants={
                "full": "about six months, five review-team meetings, two with the case group",
                "intensive": "shorter and concentrated",
                "speed+": "about one week",
                "mid-range": "between full and focused",
                "focused": "a one-day event",
                "themed": "several cases around one theme",
            },
            default_variant="full",
            principles={
                "complexity": "The systems model looks at the whole multi-agency system, not "
                "one person's act.",
                "who_did_what_and_why": "Key practice episodes record what happened, an "
                "appraisal of practice, and an explanation by contributory factors.",
                "no_hindsight": "Structured conversations record each practitioner's mindset and "
                "local rationality at the time.",
                "transparency": "Every finding links through episodes and factors to the "
                "records and conversations that evidence it.",
                "research_and_evidence": "Each finding states the evidence that the pattern is "
                "not peculiar to this case.",
            },
        )
    )
