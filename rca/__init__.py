"""Root Cause Analysis (NHS / NPSA style), as a casereview methodology plugin.

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
            name="rca",
            title="Root Cause Analysis",
            summary=(
                "A structured investigation from health services: map the incident, find the "
                "care and service delivery problems, trace their contributory factors to root "
                "causes, and recommend solutions graded by strength."
            ),
            fits_when=(
                "the incident centres on a health service's care or a single pathway",
                "the partnership wants findings traced to root causes with graded recommendations",
            ),
            not_fits_when=(
                "the learning lies in how many agencies worked together over years",
                "practitioners fear blame and a systems conversation is needed first",
            ),
            principles={
                "complexity": "Contributory factors span nine categories, from the individual "
                "to the organisational and strategic.",
                "who_did_what_and_why": "The tabular timeline and time-person grid show who did "
                "what; the 5 whys and fishbone ask why.",
                "no_hindsight": "Care delivery problems are judged against what was known and "
                "expected at the time, not against the outcome.",
                "transparency": "Every root cause is traced through its contributory factors to "
                "the evidence in the timeline.",
                "research_and_evidence": "Recommendations are graded by the strength the "
                "evidence on safety interventions gives them.",
            },
        )
    )
