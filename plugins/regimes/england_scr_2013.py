"""England, serious case reviews under Working Together 2013: the seed's regime (sections 2.1,
2.2, 2.3, 2.6, 2.7 and 2.10), as data."""

from __future__ import annotations

from core.statutory.clocks import Period, Unit
from core.statutory.criteria import AllOf, Is, Otherwise, Rule
from core.statutory.facts import CUSTODY_SETTINGS
from core.statutory.regimes import Applies, Clock, Regime
from plugins.regimes.common import (
    ABUSE_OR_NEGLECT,
    CHILD_DIED,
    ENGLAND_SYSTEMS_RULE,
    NATIONAL_PANEL,
    SERIOUSLY_HARMED,
)

# The seed names no deadline for these two notices; five working days is a local default a
# partnership can change by registering its own regime (check).
NOTICE_WORKING_DAYS = 5
LOCAL_DEFAULT = ("national guidance sets no deadline; five working days is a local default you "
                 "can change")

CONCERN_NOT_RULED_OUT = Is(
    "concern_about_joint_working", {"yes", "unclear"},
    yes="there is cause for concern about how the agencies worked together "
        "(concern: {value}; only a clear 'no' rules it out)",
    no="it is clear there is no concern about how the agencies worked together",
    ask="concern_about_joint_working is not known (yes, no or unclear?)",
)

DIED_IN_CUSTODY = Is(
    "died_in_custody_setting", set(CUSTODY_SETTINGS),
    yes="the child died in a custody setting ({value})",
    no="the child did not die in custody or detained",
    ask="died_in_custody_setting is not known (none, or where the child was held?)",
)

REGIME = Regime(
    name="england-scr-2013",
    title="England: serious case review (Working Together 2013)",
    nation="england",
    calendar="england",
    summary="The LSCB or partnership decides within one month of notification whether a serious "
    "case review must, should or may be held; notifies Ofsted and the National Panel; aims to "
    "complete within six months; publishes the report for at least 12 months.",
    rules=[
        Rule("scr-must-death", "must", "A serious case review must be initiated",
             AllOf([ABUSE_OR_NEGLECT, CHILD_DIED]), review_kind="serious_case_review",
             source="Working Together 2013, chapter 4"),
        Rule("scr-must-harm", "must", "A serious case review must be initiated",
             AllOf([ABUSE_OR_NEGLECT, SERIOUSLY_HARMED, CONCERN_NOT_RULED_OUT]),
             review_kind="serious_case_review",
             source="Working Together 2013, chapter 4"),
        Rule("scr-should-custody", "should", "A serious case review should always be carried out",
             AllOf([CHILD_DIED, DIED_IN_CUSTODY]), review_kind="serious_case_review",
             source="Working Together 2013, chapter 4"),
    ],
    otherwise=Otherwise(
        "scr-may", "may",
        "the criteria for a serious case review are not met; the partnership may still "
        "commission one, or an alternative form of case review"),
    clocks=[
        Clock("decision", "Decide whether the criteria are met", "notified",
              Period(1, Unit.CALENDAR_MONTHS),
              "the Chair's decision, recorded with `casereview decide`", met_by="decided"),
        Clock("decision-notice", "Notify Ofsted and the National Panel of the decision",
              "decided", Period(NOTICE_WORKING_DAYS, Unit.WORKING_DAYS),
              "the decision (either way) sent to Ofsted and the National Panel",
              kind="notification", to=("Ofsted", NATIONAL_PANEL),
              note=LOCAL_DEFAULT),
        Clock("reviewer-names", "Give the National Panel the lead reviewers' names",
              "reviewers_appointed", Period(NOTICE_WORKING_DAYS, Unit.WORKING_DAYS),
              "the names sent, and any advice from the Panel considered",
              kind="notification", to=(NATIONAL_PANEL,),
              applies=Applies(decisions={"initiate"}),
              note=LOCAL_DEFAULT),
        Clock("completion", "Complete the serious case review", "initiated",
              Period(6, Unit.CALENDAR_MONTHS), "the final report agreed by the partnership",
              applies=Applies(decisions={"initiate"}), completion_target=True),
        Clock("panel-copy", "Send the report to the National Panel before publication",
              "publication_planned", Period(7, Unit.CALENDAR_DAYS, before=True),
              "a copy sent at least one week before publication",
              kind="notification", to=(NATIONAL_PANEL,), applies=Applies(decisions={"initiate"})),
        Clock("dfe-ofsted-copy", "Share the report with the Department for Education and Ofsted",
              "publication_planned", Period(0, Unit.CALENDAR_DAYS),
              "a copy shared by the day of publication",
              kind="notification", to=("Department for Education", "Ofsted"),
              applies=Applies(decisions={"initiate"})),
        Clock("keep-published", "Keep the report on the partnership's website", "published",
              Period(12, Unit.CALENDAR_MONTHS),
              "the report left on the website for at least 12 months, then available on request",
              kind="keep_until", applies=Applies(decisions={"initiate"})),
    ],
    # Seed 2.2: where the criteria are not met the partnership may commission a serious case
    # review anyway, or another kind of case review.
    decision_kinds={"initiate": "serious_case_review", "alternative": "alternative_case_review"},
    notes={"notice_working_days": f"{NOTICE_WORKING_DAYS}: a local default (national "
                                          "guidance sets no deadline)"},
    methodology_rules=[ENGLAND_SYSTEMS_RULE],
)
