"""A small fictional review for the report, publication and safety tests, with every user-text
field that reaches the report filled by a function, so a test can put any text in any field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from core import hookimpl
from core.kernel.dates import PartialDate
from core.kernel.model import (
    Agency,
    ChronologyEntry,
    Evidence,
    Finding,
    ImprovementAction,
    LearningEvent,
    Participant,
    Recommendation,
    Review,
    Subject,
)
from core.kernel.state import ReviewState, put
from core.plugin_api.methodology import PRINCIPLES, Methodology, ReportSection
from core.plugin_api.reviews import Reviews

REVIEW_ID = "CR-2026-901"
METHOD = "report-test-method"

# The section each planted field shows up in (its title in the report).
FIELD_SECTIONS = {
    "title": "Title page",
    "terms": "Introduction and terms of reference",
    "practitioner": "How practitioners and the family were involved",
    "entry": "Summary of significant events",
    "analysis": "The method's analysis",
    "statement": "Findings",
    "recommendation": "Recommendations and issues for the board",
    "action": "Improvement actions",
    "impact": "What has been done, its impact, and what more will be done",
    "evidence": "Findings",
    "summary": "Executive summary",
}


class MethodPlugin:
    """A methodology whose only contribution is one analysis section with the given text."""

    def __init__(self, text: str = "Practitioners saw the risk differently at the time.") -> None:
        self.text = text

    @hookimpl
    def register_methodologies(self, register) -> None:
        register(Methodology(
            name=METHOD, title="Report test method", summary="A method for the report tests.",
            fits_when=("a test needs it",), not_fits_when=("a real review",),
            principles={k: f"The test method meets this: {v}." for k, v in PRINCIPLES.items()},
        ))

    @hookimpl
    def report_sections(self, review: ReviewState, methodology: str) -> list[ReportSection]:
        return [ReportSection("analysis", "The method's analysis",
                              "core.output.report:templates/glossary.html.j2",
                              {"terms": [("Analysis", self.text)]}, order=500, published=True)]


def plain(field: str) -> str:
    return {
        "title": "Learning from the care of Child Q (fictional)",
        "terms": "How did the agencies share what they knew about Child Q's home?",
        "practitioner": "Health visitor",
        "entry": "Health visitor saw Child Q at home; the home was cold.",
        "statement": "Health visitors are not told when police attend a family's home.",
        "recommendation": "Share police call-outs with the health visiting service.",
        "action": "Send police call-outs to the health visiting hub each day.",
        "impact": "An audit found nine in ten call-outs shared within two days.",
        "evidence": "Health visiting agency report",
        "board": "How will the board know that call-outs reach health visitors?",
        "summary": "Child Q was hurt at home. Police and health visitors each knew part of it.",
    }.get(field, field)


def build_case(reviews: Reviews, text: Callable[[str], str] = plain, *,
               final: bool = True, regime: str = "england-cspr-2018",
               written: bool = True) -> ReviewState:
    """The review; with `written`, also the sections the reviewers write, the lead reviewer's
    statement of independence and the publication decision (all a clean report needs)."""
    state = _open_case(reviews, text, final=final, regime=regime)
    return reviews.write(state, reviewer_records(state, text)) if written else state


# The sections reviewers write, as `casereview section` would record them.
PROSE = {
    "case-summary": "Child Q lived with a parent. Police and health visitors knew the family.",
    "lived-experience": "Child Q was often cold at home and rarely seen alone.",
    "family-account": "The parent told the reviewers that help came too late.",
    "limitations": "One practitioner had left and could not be seen.",
}


def reviewer_records(state: ReviewState, text: Callable[[str], str] = plain) -> list:
    from core.kernel.state import put_record
    from core.output.report import records
    from core.output.report.written import WRITTEN_RECORD, check, kind_of
    from core.statutory.commissioning import INDEPENDENCE_RECORD

    def section(kind: str, **given) -> tuple:
        return put_record(WRITTEN_RECORD, kind, check(kind_of(kind), state, **given))

    events = [section(kind, text=words) for kind, words in PROSE.items()]
    events += [
        section("executive-summary", text=text("summary")),
        section("identity", not_relevant="The family's identity did not shape the help given."),
        section("significant-events", data={"events": [
            {"period": "March 2025", "agency": "Health visiting", "what": text("entry")}]}),
        section("partnership-response", data={
            "findings": [{"finding": "F1", "accepted": True}],
            "issues": [{"finding": "F1", "issue": "Call-outs reach health visitors.",
                        "response": "Police will share call-outs daily.",
                        "lead": "Head of health visiting", "actions": ["A1"]}],
            "monitoring": "The quality group checks progress each quarter."}),
        section("national-asks", not_relevant="The learning is local."),
        put_record(INDEPENDENCE_RECORD, "P1", {"statement": "I have no link to the agencies.",
                                               "on": "2025-12-01"}),
        put_record(records.PUBLICATION_DECISION_RECORD, records.CURRENT,
                   records.check_publication_decision({
                       "decided_on": "2026-01-10", "choice": "full",
                       "reason": "The report names no one.",
                       "impact_assessment": "The family were met and agreed.",
                       "family_told_on": "2026-01-12"}, state, "test")),
    ]
    return events


def _open_case(reviews: Reviews, text: Callable[[str], str], *, final: bool,
               regime: str) -> ReviewState:
    day = dt.date
    header = Review(
        id=REVIEW_ID, title=text("title"), regime=regime,
        area="Northwold Safeguarding Children Partnership (fictional)",
        subject=Subject("Child Q", "three years"), incident_date=day(2025, 11, 14),
        notified_on=day(2025, 11, 17), methodology=METHOD, variant=None,
        terms_of_reference=text("terms"),
    )
    police, hv = "Northwold Police", "Northwold Health Visiting"
    changes = [
        put("agencies", Agency(police, "police")),
        put("agencies", Agency(hv, "health_visiting")),
        put("participants", Participant("P1", "lead_reviewer", "Independent lead reviewer",
                                        name="Morgan Hale", employers=("Hale Reviews",))),
        put("participants", Participant("P2", "case_group", text("practitioner"), agency=hv)),
        put("chronology", ChronologyEntry("E1", hv, PartialDate.day(day(2025, 3, 4)),
                                          text("entry"), source_ref="HV-1")),
        put("chronology", ChronologyEntry("E2", police, PartialDate.month(2025, 7),
                                          "Officers attended after a neighbour called.",
                                          source_ref="POL-7")),
        put("evidence", Evidence("EV1", "agency_report", text("evidence"), agency=hv,
                                 entry_ids=("E1",))),
        put("learning_events", LearningEvent("LE1", "learning_event", "Practitioner event",
                                             held_on=day(2026, 2, 3))),
        put("findings", Finding("F1", "Call-outs do not reach health visitors",
                                text("statement"), evidence_ids=("EV1",),
                                status="final" if final else "draft",
                                details={"board_issues": [text("board")]})),
        put("recommendations", Recommendation("R1", text("recommendation"), ("F1",))),
        put("actions", ImprovementAction("A1", text("action"), "Head of health visiting",
                                         day(2026, 6, 30), "Nine in ten call-outs shared",
                                         ("R1",), agency=hv, status="completed",
                                         impact_evidence=text("impact"))),
        put("actions", ImprovementAction("A2", "Audit the sharing again in a year",
                                         "Partnership business manager", day(2027, 3, 31),
                                         "The audit is reported to the board", ("F1",))),
    ]
    return reviews.open_review(header, changes)
