"""Wales, child practice reviews (January 2013 to 30 September 2024), as data.

A review is held when abuse or neglect is known or suspected and the child died, sustained a
potentially life-threatening injury, or sustained serious and permanent impairment. It is
Extended if the child was on the child protection register or looked after on any date in the 6
months before the event (for an impairment, before the day it was identified), else Concise.

Since 1 October 2024 the Single Unified Safeguarding Review (`wales-susr`) replaces child
practice reviews for reviews that start from that day; a review begun before it finishes as a
child practice review, under this regime.

Timescales: the guidance asks for reviews "completed in a timely manner" (CYSUR) and the
extended review "follows the same process and timescale as a concise review" (North Wales
Safeguarding Board), so the guidance does set a timescale, but its figures could not be read
here. They stay as named data below, None until confirmed, and no clock is invented for them.
"""

from __future__ import annotations

import datetime as dt

from core.statutory.clocks import Period, Unit
from core.statutory.criteria import (
    Advice,
    AllOf,
    Always,
    AnyOf,
    Is,
    KindChoice,
    Otherwise,
    Rule,
    WithinMonthsBefore,
)
from core.statutory.regimes import Applies, Clock, MethodRule, Regime
from plugins.regimes.common import ABUSE_OR_NEGLECT

WINDOW_MONTHS = 6
FOCUS_MONTHS = 12  # "the practice during the previous 12 months" (NSPCC, verified)
REPLACED_ON = dt.date(2024, 10, 1)  # SUSR statutory guidance in force (verified)
# (check) Timescales the guidance sets but that could not be verified here: a partnership that
# knows them sets them, and only then does a clock appear.
WG_NOTICE_WORKING_DAYS: int | None = None  # Welsh Government told of the intent to review
COMPLETION_MONTHS: int | None = None  # from the board's decision to the report



def timescale_clocks(notice_working_days: int | None, completion_months: int | None
                     ) -> list[Clock]:
    """The Welsh Government notice and completion clocks, only for timescales that are set."""
    clocks = []
    if notice_working_days is not None:
        clocks.append(Clock(
            "welsh-government-notice", "Tell Welsh Government of the intent to hold a review",
            "initiated", Period(notice_working_days, Unit.WORKING_DAYS),
            "the notice of intent sent to Welsh Government", kind="notification",
            to=("Welsh Government",), applies=Applies(decisions={"initiate"}),
            note="(check) a partnership's figure, not confirmed against the guidance"))
    if completion_months is not None:
        clocks.append(Clock(
            "completion", "Complete the review", "initiated",
            Period(completion_months, Unit.CALENDAR_MONTHS), "the report agreed by the board",
            applies=Applies(decisions={"initiate"}), completion_target=True,
            note="(check) a partnership's figure, not confirmed against the guidance"))
    return clocks


HARM_TEST = Is(
    "outcome", {"died", "potentially_life_threatening_injury", "serious_permanent_impairment"},
    yes="the harm meets the Welsh test: {value}",
    no="the harm does not meet the Welsh test (outcome: {value})",
    # England's broader "seriously harmed" does not say which Welsh harm test is met.
    undecided={"seriously_harmed"},
    ask="say which harm: died, potentially_life_threatening_injury or "
        "serious_permanent_impairment",
)

EXTENDED_WHEN = AnyOf([
    WithinMonthsBefore("on the child protection register",
                       "on_child_protection_register_within_6_months",
                       "last_on_child_protection_register", WINDOW_MONTHS),
    WithinMonthsBefore("looked after", "looked_after_within_6_months", "last_looked_after",
                       WINDOW_MONTHS),
])

REGIME = Regime(
    name="wales-cpr",
    title="Wales: child practice review (reviews begun before 1 October 2024)",
    nation="wales",
    calendar="wales",
    summary="A regional safeguarding board holds a concise (one reviewer) or extended (two "
    "reviewers) child practice review, looking mainly at the previous 12 months. For reviews "
    "begun before 1 October 2024; later reviews are single unified safeguarding reviews.",
    rules=[
        Rule("wales-cpr", "must", "A child practice review must be held",
             AllOf([ABUSE_OR_NEGLECT, HARM_TEST]), source="Welsh CPR guidance",
             kind_choice=KindChoice("wales-extended", EXTENDED_WHEN, "extended_cpr",
                                    "concise_cpr", "Extended or concise review",
                                    {"extended_cpr": "an extended child practice review",
                                     "concise_cpr": "a concise child practice review"})),
    ],
    otherwise=Otherwise(
        "wales-not-met", "not_met",
        "the criteria for a child practice review are not met; the case may still go to a "
        "multi-agency professional forum for learning"),
    advice=[
        Advice("wales-focus", Always(f"the review looks mainly at the {FOCUS_MONTHS} months "
                                     "before the event"),
               met="Focus period", not_met="", outcomes={"must"}),
    ],
    # A decision to initiate holds the concise or extended review the criteria name; a case
    # below the threshold may go to a multi-agency professional forum for learning instead.
    decision_kinds={"alternative": "multi_agency_professional_forum"},
    reviewers_required={"concise_cpr": 1, "extended_cpr": 2},
    clocks=timescale_clocks(WG_NOTICE_WORKING_DAYS, COMPLETION_MONTHS),
    focus_months=FOCUS_MONTHS,
    # The Welsh guidance sets the review's process: a child practice review, concise or
    # extended, with its panel, learning event and published bundle.
    methodology_rules=[MethodRule(
        "wales-cpr-method",
        "in Wales a review under this regime is a child practice review",
        requires=["child-practice-review"], statutory_only=False)],
    replaced_on=REPLACED_ON,
    replaced_by="wales-susr",
    notes={
        "welsh_government_notice": "Welsh Government is notified of the intent to hold a "
        "review; the guidance's deadline is not confirmed (check), so no clock is set",
        "completion": "the guidance sets a timescale (North Wales: extended reviews follow the "
        "same timescale as concise ones) whose figure is not confirmed (check)",
    },
)
