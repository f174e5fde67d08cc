"""Conditions the built-in regimes share."""

from __future__ import annotations

from core.statutory.criteria import Is
from core.statutory.regimes import MethodRule

ABUSE_OR_NEGLECT = Is(
    "abuse_or_neglect", {"known", "suspected"},
    yes="abuse or neglect is {value}",
    no="abuse or neglect is neither known nor suspected",
    ask="abuse_or_neglect is not known (known, suspected or none?)",
)

CHILD_DIED = Is(
    "outcome", {"died"},
    yes="the child died",
    no="the child did not die (outcome: {value})",
    ask="outcome is not known (did the child die or come to serious harm?)",
)

# England: "seriously harmed" covers a potentially life-threatening injury and serious or
# long-term impairment of health or development (Working Together's definition) (check).
ENGLAND_SERIOUS_HARM = frozenset(
    {"seriously_harmed", "potentially_life_threatening_injury", "serious_permanent_impairment"}
)

SERIOUSLY_HARMED = Is(
    "outcome", ENGLAND_SERIOUS_HARM,
    yes="the child was seriously harmed ({value})",
    no="the child was not seriously harmed (outcome: {value})",
    ask="outcome is not known (did the child die or come to serious harm?)",
)

NATIONAL_PANEL = "National Panel of Independent Experts"
CSPR_PANEL = "Child Safeguarding Practice Review Panel"


# England's statutory reviews look at how the agencies worked together as a system: Working
# Together 2013 required a systems methodology for serious case reviews, and the 2018 guidance
# expects systemic analysis. A single-service incident method (root cause analysis) can still
# feed such a review as one agency's contribution.
ENGLAND_SYSTEMS_RULE = MethodRule(
    "england-systems-method",
    "a statutory review in England needs a method that looks at the whole multi-agency system; "
    "a single-service incident method can only contribute to it",
    systems_only=True,
)
