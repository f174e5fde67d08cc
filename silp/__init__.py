"""SILP (Significant Incident Learning Process), as a casereview methodology plugin.

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
            name="silp",
            title="Significant Incident Learning Process (SILP)",
            summary=(
                "A proportionate systems review: key lines of enquiry, agency reports written by "
                "agency authors, a learning event with frontline practitioners and managers, a "
                "recall session to test the draft, then the overview report."
            ),
            fits_when=(
                "the case is above or just below the statutory threshold",
                "the review should finish in about three to six months",
                "agencies can each provide an author for an agency report",
            ),
            not_fits_when=(
                "the case needs one-to-one conversations with each practitioner",
                "agencies cannot release staff for a learning event and a recall session",
            ),
            principles={
                "complexity": "Agency reports and the learning event bring every agency's view "
                "of the case together in one room.",
                "who_did_what_and_why": "Agency authors analyse their own chronology; the "
                "learning event asks practitioners why they acted as they did.",
                "no_hindsight": "Practitioners and first-line managers speak to what they knew "
                "then; the recall session tests the draft with them.",
                "transparency": "Agency reports are shared with participants before the "
                "learning event, and the draft is tested at the recall session.",
                "research_and_evidence": "Lead reviewers bring research to the key lines of "
                "enquiry and the overview report.",
            },
        )
    )
