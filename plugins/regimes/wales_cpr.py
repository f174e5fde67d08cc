"""Wales, child practice reviews (2013 onward), as data.

A review is held when abuse or neglect is known or suspected and the child died, sustained a
potentially life-threatening injury, or sustained serious and permanent impairment. It is
Extended if the child was on the child protection register or looked after on any date in the 6
months before the event (for an impairment, before the day it was identified), else Concise.
Wales has since moved to the Single Unified Safeguarding Review; a plugin may add that regime.
"""

from __future__ import annotations

import datetime as dt

from core.criteria import (
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
from core.regimes import MethodRule, Regime
from plugins.regimes.common import ABUSE_OR_NEGLECT

WINDOW_MONTHS = 6
FOCUS_MONTHS = 12

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
    title="Wales: child practice review (2013 onward)",
    nation="wales",
    calendar="wales",
    summary="A regional safeguarding board holds a concise (one reviewer) or extended (two "
    "reviewers) child practice review, looking mainly at the previous 12 months.",
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
    focus_months=FOCUS_MONTHS,
    # The Welsh guidance sets the review's process: a child practice review, concise or
    # extended, with its panel, learning event and published bundle.
    methodology_rules=[MethodRule(
        "wales-cpr-method",
        "in Wales a review under this regime is a child practice review",
        requires=["child-practice-review"], statutory_only=False)],
    # Reviews that start from 1 October 2024 are single unified safeguarding reviews; a child
    # practice review begun before then finishes as one.
    superseded_by="wales-susr",
    superseded_on=dt.date(2024, 10, 1),
)
