"""England, child safeguarding practice reviews (Working Together 2018 onward), as data.

A serious child safeguarding case is notified to the national Panel within 5 working days and
the partners hold a rapid review within 15 working days; the rapid review decides whether a local
review is appropriate. Values marked (check) in DOMAIN.md are kept as named data below.
"""

from __future__ import annotations

from core.statutory.clocks import Period, Unit
from core.statutory.criteria import DECISIONS as ALL_DECISIONS
from core.statutory.criteria import Advice, AllOf, AnyOf, Is, Otherwise, Rule
from core.statutory.facts import FactSpec
from core.statutory.regimes import Applies, Clock, Regime
from plugins.regimes.common import (
    ABUSE_OR_NEGLECT,
    CSPR_PANEL,
    ENGLAND_SERIOUS_HARM,
    ENGLAND_SYSTEMS_RULE,
)

PANEL_NOTICE_WORKING_DAYS = 5
RAPID_REVIEW_WORKING_DAYS = 15
COMPLETION_MONTHS = 6  # (check) remembered, not confirmed
PREPUBLICATION_COPY_WORKING_DAYS = 7  # (check) remembered, not confirmed

DIED_OR_SERIOUSLY_HARMED = Is(
    "outcome", {"died", *ENGLAND_SERIOUS_HARM},
    yes="the child died or was seriously harmed ({value})",
    no="the child neither died nor was seriously harmed (outcome: {value})",
    ask="outcome is not known (did the child die or come to serious harm?)",
)

# The rapid review's question: is a local review appropriate?
LOCAL_REVIEW_FACTS = (
    FactSpec("improvements_needed", "bool", "the case highlights improvements needed to "
             "safeguard and promote the welfare of children"),
    FactSpec("recurrent_themes", "bool", "the case highlights recurrent themes in "
             "safeguarding practice"),
    FactSpec("panel_advises_local_review", "bool", "the national Panel thinks a local review "
             "is more suitable than a national one"),
)

LOCAL_REVIEW_CRITERIA = AnyOf([
    Is("improvements_needed", {True}, yes="the case highlights improvements needed",
       no="the case highlights no improvements needed"),
    Is("recurrent_themes", {True}, yes="it highlights recurrent themes",
       no="it highlights no recurrent themes"),
    Is("concern_about_joint_working", {"yes"},
       yes="there are concerns about two or more agencies working together",
       no="no clear concern about agencies working together (concern: {value})"),
    Is("panel_advises_local_review", {True}, yes="the national Panel thinks a local review fits "
       "better", no="the national Panel has not advised a local review"),
])

REGIME = Regime(
    name="england-cspr-2018",
    title="England: child safeguarding practice review (2018 onward)",
    nation="england",
    calendar="england",
    summary="A serious child safeguarding case is notified to the national Panel within 5 working "
    "days; the partners hold a rapid review within 15 working days and decide whether a local "
    "child safeguarding practice review is appropriate.",
    facts=LOCAL_REVIEW_FACTS,
    rules=[
        Rule("cspr-serious-case", "must",
             "This is a serious child safeguarding case: notify the national Panel and hold a "
             "rapid review", AllOf([ABUSE_OR_NEGLECT, DIED_OR_SERIOUSLY_HARMED]),
             review_kind="rapid_review", source="Working Together 2018",
             # The rapid review decides whether a local review is held: any decision can agree,
             # unless the local-review criteria below are met.
             expects=ALL_DECISIONS),
    ],
    otherwise=Otherwise(
        "cspr-not-serious", "not_met",
        "this is not a serious child safeguarding case: no notification to the national Panel "
        "or rapid review is required; the partners may still hold a local learning review"),
    advice=[
        Advice("cspr-local-review", LOCAL_REVIEW_CRITERIA,
               met="A local child safeguarding practice review may be appropriate",
               not_met="None of the criteria for a local review is met so far",
               outcomes={"must"}, suggests="initiate"),
    ],
    clocks=[
        Clock("panel-notification", "Notify the national Panel of the serious incident",
              "notified", Period(PANEL_NOTICE_WORKING_DAYS, Unit.WORKING_DAYS),
              "the local authority's notification sent to the Panel",
              kind="notification", to=(CSPR_PANEL,), applies=Applies(outcomes={"must"})),
        Clock("rapid-review", "Hold the rapid review", "notified",
              Period(RAPID_REVIEW_WORKING_DAYS, Unit.WORKING_DAYS),
              "the rapid review held and its decision on a local review made",
              applies=Applies(outcomes={"must"})),
        Clock("completion", "Complete the local child safeguarding practice review", "initiated",
              Period(COMPLETION_MONTHS, Unit.CALENDAR_MONTHS),
              "the final report agreed by the safeguarding partners",
              applies=Applies(decisions={"initiate"}), completion_target=True,
              note="a local default taken from national guidance; check the current edition "
                   "and change it if it differs"),
        Clock("prepublication-copy",
              "Send the report to the national Panel, the Secretary of State and Ofsted",
              "publication_planned",
              Period(PREPUBLICATION_COPY_WORKING_DAYS, Unit.WORKING_DAYS, before=True),
              "a copy sent at least 7 working days before publication",
              kind="notification",
              to=(CSPR_PANEL, "Secretary of State for Education", "Ofsted"),
              applies=Applies(decisions={"initiate"}),
              note="a local default taken from national guidance (Ofsted among the "
                   "recipients too); check the current edition and change it if it differs"),
    ],
    # The rapid review is the first step; the Chair's decision says what follows it.
    decision_kinds={"initiate": "local_child_safeguarding_practice_review",
                    "alternative": "local_learning_review"},
    notes={
        "completion_months": f"{COMPLETION_MONTHS}: a local default from national guidance",
        "prepublication_copy_working_days": f"{PREPUBLICATION_COPY_WORKING_DAYS}: a local "
                                            "default from national guidance",
    },
    methodology_rules=[ENGLAND_SYSTEMS_RULE],
)
