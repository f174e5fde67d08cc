"""Wales, the Single Unified Safeguarding Review (reviews starting on or after 1 October 2024),
as data.

One review where the criteria of one or more of these are met: a child practice review
(concise or extended), an adult practice review, a domestic homicide review, a mental health
homicide review or an offensive weapons homicide review (gov.wales SUSR guidance, verified).
A referral goes to the regional safeguarding board's business unit; a case review group meets;
the board's chair decides; a chair and reviewer(s) come from a list Welsh Government keeps; a
review panel of the agencies involved; Welsh Government is notified; the families meet the
reviewers; practitioners attend a learning event; the case review group signs off the action
plan; reports go to the Wales Safeguarding Repository. A domestic homicide review's report
still goes to the Home Office for quality assurance (safercommunities.wales, verified).

Not verified, kept as named data (check): the SUSR timescales and report template headings.
"""

from __future__ import annotations

import datetime as dt

from core.statutory.criteria import Advice, AllOf, Always, AnyOf, Is, KindChoice, Otherwise, Rule
from core.statutory.facts import FactSpec
from core.statutory.regimes import MethodRule, Regime
from plugins.regimes.common import ABUSE_OR_NEGLECT
from plugins.regimes.wales_cpr import EXTENDED_WHEN, FOCUS_MONTHS, HARM_TEST, timescale_clocks

STARTS_ON = dt.date(2024, 10, 1)  # the statutory guidance in force (verified)
# (check) Not verified: a partnership that knows the figures sets them, and only then does a
# clock appear. Welsh Government is told whenever a review takes place (verified), by when is not.
WG_NOTICE_WORKING_DAYS: int | None = None
COMPLETION_MONTHS: int | None = None
APPROVED_LIST = "the list of approved chairs and reviewers kept by Welsh Government"
REPOSITORY = "Wales Safeguarding Repository"
HOME_OFFICE = "Home Office"

# The review components other than the child practice review: each a fact the case review
# group answers (yes or no), and a tag for the review (component -> label).
COMPONENTS: dict[str, str] = {
    "adult_practice_review_criteria_met": "an adult practice review",
    "domestic_homicide_review_criteria_met": "a domestic homicide review",
    "mental_health_homicide_review_criteria_met": "a mental health homicide review",
    "offensive_weapons_homicide_review_criteria_met": "an offensive weapons homicide review",
}

COMPONENT_FACTS = tuple(
    FactSpec(key, "bool", f"the criteria for {label} are met") for key, label in COMPONENTS.items()
)


def _component(key: str, label: str) -> Is:
    return Is(key, {True}, yes=f"the criteria for {label} are met",
              no=f"the criteria for {label} are not met",
              ask=f"{key} is not known (are the criteria for {label} met?)")


REGIME = Regime(
    name="wales-susr",
    title="Wales: single unified safeguarding review (from 1 October 2024)",
    nation="wales",
    calendar="wales",
    summary="One review in place of child and adult practice reviews, domestic, mental health "
    "and offensive weapons homicide reviews, held where the criteria of any of them are met. The "
    "case review group meets, the board's chair decides, a chair and reviewers come from Welsh "
    "Government's approved list, Welsh Government is notified, and the report goes to the Wales "
    "Safeguarding Repository.",
    facts=COMPONENT_FACTS,
    rules=[
        Rule("susr-child", "must",
             "A single unified safeguarding review must be held (child practice review "
             "component)", AllOf([ABUSE_OR_NEGLECT, HARM_TEST]), source="SUSR guidance",
             kind_choice=KindChoice(
                 "susr-extended", EXTENDED_WHEN, "extended_cpr", "concise_cpr",
                 "Child practice review component: extended or concise",
                 {"extended_cpr": "an extended child practice review component",
                  "concise_cpr": "a concise child practice review component"})),
        Rule("susr-other", "must",
             "A single unified safeguarding review must be held (another review's criteria)",
             AnyOf([_component(k, v) for k, v in COMPONENTS.items()]),
             review_kind="single_unified_safeguarding_review", source="SUSR guidance"),
    ],
    otherwise=Otherwise(
        "susr-not-met", "not_met",
        "the criteria of none of the reviews the single unified safeguarding review brings "
        "together are met; the case may still go to a multi-agency professional forum for "
        "learning"),
    advice=[
        Advice("susr-home-office", _component("domestic_homicide_review_criteria_met",
                                              COMPONENTS["domestic_homicide_review_criteria_met"]),
               met="The domestic homicide review component's report still goes to the Home "
                   "Office for quality assurance",
               not_met="No domestic homicide review component, so nothing goes to the Home "
                       "Office", outcomes={"must"}),
        Advice("susr-focus", Always(f"a child practice review component looks mainly at the "
                                    f"{FOCUS_MONTHS} months before the event"),
               met="Focus period", not_met="", outcomes={"must"}),
    ],
    # The review held is one unified review, whatever its components; the child practice review
    # component's concise or extended classification guides its shape, and the board may choose
    # otherwise with a reason (check: how the unified guidance keeps the two is not confirmed).
    decision_kinds={"initiate": "single_unified_safeguarding_review",
                    "alternative": "multi_agency_professional_forum"},
    # The child practice review component keeps its one or two reviewers (check: the unified
    # guidance says "reviewer(s)" and its numbers are not confirmed).
    reviewers_required={"concise_cpr": 1, "extended_cpr": 2},
    clocks=timescale_clocks(WG_NOTICE_WORKING_DAYS, COMPLETION_MONTHS),
    focus_months=FOCUS_MONTHS,
    # The child component of a unified review is carried out with the child practice review's
    # learning approach (its `susr` shape: panel, learning event, published bundle).
    methodology_rules=[MethodRule(
        "wales-susr-method",
        "a single unified safeguarding review in Wales is carried out with the child practice "
        "review's learning approach", requires=["child-practice-review"], statutory_only=False)],
    notes={
        "starts_on": f"{STARTS_ON.isoformat()}: reviews starting on or after this day",
        "welsh_government_notice": "Welsh Government is notified whenever a review takes place; "
        "no deadline confirmed (check), so no clock is set",
        "approved_list": f"the chair and reviewers are recommended from {APPROVED_LIST}",
        "case_review_group": "the case review group discusses the referral and signs off the "
        "action plan",
        "repository": f"the report is stored in the {REPOSITORY}",
        "home_office": "a domestic homicide review component's report goes to the Home Office "
        "for quality assurance",
        "completion": "SUSR timescales are not confirmed (check)",
        "template": "Welsh Government provides SUSR templates; their headings are not confirmed "
        "(check)",
    },
)
