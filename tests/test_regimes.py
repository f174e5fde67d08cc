"""Every rule of each built-in regime, as a table (DOMAIN.md "Criteria" and "Current regimes").

Each row: the facts, the outcome, the review kind, the rule that decided it, and the facts the
engine says are missing. Edge cases from the issue are rows too.
"""

from __future__ import annotations

from typing import Any

import pytest

from core.kernel.errors import InputProblem
from core.plugin_api.plugins import PluginHost
from core.statutory.criteria import Assessment, assess, facts_used
from core.statutory.facts import CUSTODY_SETTINGS, FACTS, parse_facts
from plugins.regimes import england_cspr_2018, england_scr_2013, wales_cpr

REGIMES = {r.name: r for r in (england_scr_2013.REGIME, england_cspr_2018.REGIME, wales_cpr.REGIME)}


def judge(regime: str, **facts: Any) -> Assessment:
    spec = REGIMES[regime]
    return assess(spec, parse_facts(facts, spec.facts))


def decisive_rule(assessment: Assessment) -> str:
    """The rule that gave the outcome: the last rule/otherwise reason before kinds and advice."""
    regime = REGIMES[assessment.regime]
    ids = {r.id for r in regime.rules} | {regime.otherwise.id}
    return [r.rule for r in assessment.reasons if r.rule in ids][-1]


SCR = "england-scr-2013"
SCR_TABLE: list[tuple[dict[str, Any], str, str | None, str, set[str]]] = [
    # the child died
    ({"abuse_or_neglect": "suspected", "outcome": "died"}, "must", "serious_case_review",
     "scr-must-death", set()),
    ({"abuse_or_neglect": "known", "outcome": "died"}, "must", "serious_case_review",
     "scr-must-death", set()),
    # suicide counts as death, with or without the outcome given
    ({"abuse_or_neglect": "known", "died_by_suicide": True}, "must", "serious_case_review",
     "scr-must-death", set()),
    ({"abuse_or_neglect": "suspected", "outcome": "died", "died_by_suicide": True}, "must",
     "serious_case_review", "scr-must-death", set()),
    # seriously harmed: concern about joint working unless clearly none
    ({"abuse_or_neglect": "suspected", "outcome": "seriously_harmed",
      "concern_about_joint_working": "yes"}, "must", "serious_case_review", "scr-must-harm", set()),
    ({"abuse_or_neglect": "suspected", "outcome": "seriously_harmed",
      "concern_about_joint_working": "unclear"}, "must", "serious_case_review", "scr-must-harm",
     set()),
    ({"abuse_or_neglect": "known", "outcome": "potentially_life_threatening_injury",
      "concern_about_joint_working": "yes"}, "must", "serious_case_review", "scr-must-harm", set()),
    ({"abuse_or_neglect": "known", "outcome": "serious_permanent_impairment",
      "concern_about_joint_working": "unclear"}, "must", "serious_case_review", "scr-must-harm",
     set()),
    # seriously harmed with no concern about joint working: the partnership may still review
    ({"abuse_or_neglect": "suspected", "outcome": "seriously_harmed",
      "concern_about_joint_working": "no"}, "may", None, "scr-may", set()),
    ({"abuse_or_neglect": "suspected", "outcome": "seriously_harmed"}, "undecided", None,
     "scr-may", {"concern_about_joint_working"}),
    # no abuse or neglect: only the custody rule can apply
    ({"abuse_or_neglect": "none", "outcome": "died", "died_in_custody_setting": "none"}, "may",
     None, "scr-may", set()),
    ({"abuse_or_neglect": "none", "outcome": "died"}, "undecided", None, "scr-may",
     {"died_in_custody_setting"}),
    ({"abuse_or_neglect": "none", "outcome": "seriously_harmed"}, "may", None, "scr-may", set()),
    ({"abuse_or_neglect": "none", "outcome": "none"}, "may", None, "scr-may", set()),
    # facts missing that decide it
    ({"outcome": "died", "died_in_custody_setting": "none"}, "undecided", None, "scr-may",
     {"abuse_or_neglect"}),
    ({}, "undecided", None, "scr-may", {"abuse_or_neglect", "outcome",
                                        "concern_about_joint_working", "died_in_custody_setting"}),
    # a missing fact that cannot change the answer is not asked for (custody, once "must")
    ({"abuse_or_neglect": "suspected", "outcome": "seriously_harmed",
      "concern_about_joint_working": "yes"}, "must", "serious_case_review", "scr-must-harm", set()),
] + [
    # death in each custody setting, without abuse or neglect: should always
    ({"abuse_or_neglect": "none", "outcome": "died", "died_in_custody_setting": setting},
     "should", "serious_case_review", "scr-should-custody", set())
    for setting in CUSTODY_SETTINGS
] + [
    # the setting alone says the child died
    ({"abuse_or_neglect": "none", "died_in_custody_setting": "secure_childrens_home"}, "should",
     "serious_case_review", "scr-should-custody", set()),
]

CSPR = "england-cspr-2018"
CSPR_TABLE: list[tuple[dict[str, Any], str, str | None, str, set[str]]] = [
    ({"abuse_or_neglect": "known", "outcome": "died"}, "must", "rapid_review",
     "cspr-serious-case", set()),
    ({"abuse_or_neglect": "suspected", "died_by_suicide": True}, "must", "rapid_review",
     "cspr-serious-case", set()),
    ({"abuse_or_neglect": "suspected", "outcome": "seriously_harmed"}, "must", "rapid_review",
     "cspr-serious-case", set()),
    # serious harm includes impairment even if the child recovers; no joint-working test
    ({"abuse_or_neglect": "suspected", "outcome": "serious_permanent_impairment",
      "concern_about_joint_working": "no"}, "must", "rapid_review", "cspr-serious-case", set()),
    ({"abuse_or_neglect": "known", "outcome": "potentially_life_threatening_injury"}, "must",
     "rapid_review", "cspr-serious-case", set()),
    ({"abuse_or_neglect": "none", "outcome": "died"}, "not_met", None, "cspr-not-serious", set()),
    ({"abuse_or_neglect": "suspected", "outcome": "none"}, "not_met", None, "cspr-not-serious",
     set()),
    # no custody rule in this regime
    ({"abuse_or_neglect": "none", "died_in_custody_setting": "police_custody"}, "not_met", None,
     "cspr-not-serious", set()),
    ({"outcome": "died"}, "undecided", None, "cspr-not-serious", {"abuse_or_neglect"}),
    ({"abuse_or_neglect": "suspected"}, "undecided", None, "cspr-not-serious", {"outcome"}),
]

WALES = "wales-cpr"
OFF = {"on_child_protection_register_within_6_months": False,
       "looked_after_within_6_months": False}
WALES_TABLE: list[tuple[dict[str, Any], str, str | None, str, set[str]]] = [
    ({"abuse_or_neglect": "known", "outcome": "died", **OFF}, "must", "concise_cpr", "wales-cpr",
     set()),
    ({"abuse_or_neglect": "known", "outcome": "died", **OFF,
      "on_child_protection_register_within_6_months": True}, "must", "extended_cpr", "wales-cpr",
     set()),
    ({"abuse_or_neglect": "suspected", "outcome": "potentially_life_threatening_injury", **OFF,
      "looked_after_within_6_months": True}, "must", "extended_cpr", "wales-cpr", set()),
    ({"abuse_or_neglect": "suspected", "outcome": "serious_permanent_impairment", **OFF}, "must",
     "concise_cpr", "wales-cpr", set()),
    # looked after at death: looked after in the window
    ({"abuse_or_neglect": "known", "looked_after_at_death": True,
      "on_child_protection_register_within_6_months": False}, "must", "extended_cpr", "wales-cpr",
     set()),
    # the kind cannot be told without the register and looked-after facts
    ({"abuse_or_neglect": "known", "outcome": "died"}, "must", None, "wales-cpr",
     {"on_child_protection_register_within_6_months", "looked_after_within_6_months"}),
    # England's "seriously harmed" does not say which Welsh harm test is met
    ({"abuse_or_neglect": "known", "outcome": "seriously_harmed", **OFF}, "undecided", None,
     "wales-not-met", {"outcome"}),
    ({"abuse_or_neglect": "none", "outcome": "died", **OFF}, "not_met", None, "wales-not-met",
     set()),
    ({"abuse_or_neglect": "known", "outcome": "none"}, "not_met", None, "wales-not-met", set()),
    ({"outcome": "died"}, "undecided", None, "wales-not-met", {"abuse_or_neglect"}),
]

TABLE = ([(SCR, *row) for row in SCR_TABLE] + [(CSPR, *row) for row in CSPR_TABLE]
         + [(WALES, *row) for row in WALES_TABLE])


@pytest.mark.parametrize(("regime", "facts", "outcome", "kind", "rule", "missing"), TABLE)
def test_rule_table(regime: str, facts: dict[str, Any], outcome: str, kind: str | None,
                    rule: str, missing: set[str]) -> None:
    answer = judge(regime, **facts)
    assert (answer.outcome, answer.review_kind) == (outcome, kind), answer.reasons
    assert decisive_rule(answer) == rule
    assert set(answer.missing_facts) == missing


def test_every_rule_of_every_regime_decides_a_row() -> None:
    decided = {(regime, rule) for regime, _f, _o, _k, rule, _m in TABLE}
    for name, regime in REGIMES.items():
        rules = {r.id for r in regime.rules} | {regime.otherwise.id}
        assert {(name, r) for r in rules} <= decided


@pytest.mark.parametrize(("regime", "facts"), [(row[0], row[1]) for row in TABLE])
def test_every_reason_names_a_rule_of_the_regime(regime: str, facts: dict[str, Any]) -> None:
    spec = REGIMES[regime]
    known = ({r.id for r in spec.rules} | {spec.otherwise.id} | {a.id for a in spec.advice}
             | {r.kind_choice.id for r in spec.rules if r.kind_choice} | {"undecided"})
    answer = judge(regime, **facts)
    assert answer.reasons
    assert all(reason.rule in known and reason.text for reason in answer.reasons)


def test_suicide_is_named_as_the_source_of_the_death() -> None:
    answer = judge(SCR, abuse_or_neglect="known", died_by_suicide=True)
    assert "implied by died_by_suicide" in answer.reasons[0].text


def test_undecided_says_what_the_answer_would_otherwise_be() -> None:
    answer = judge(SCR, abuse_or_neglect="none", outcome="died")
    last = answer.reasons[-1]
    assert last.rule == "undecided"
    assert "may" in last.text and "should" in last.text and "died_in_custody_setting" in last.text
    assert answer.possible_outcomes == ("should", "may")
    assert answer.expected_decisions == ()  # any decision needs a rationale


# -- Wales: the 6-month window ------------------------------------------------------------------

EVENT = "2024-07-15"


@pytest.mark.parametrize(("last_on_register", "kind"), [
    ("2024-01-15", "extended_cpr"),  # exactly 6 months before: inside
    ("2024-01-16", "extended_cpr"),  # one day inside
    ("2024-01-14", "concise_cpr"),   # one day outside
    ("2024-07-20", "extended_cpr"),  # still on the register after the event
])
def test_wales_register_window_edges(last_on_register: str, kind: str) -> None:
    answer = judge(WALES, abuse_or_neglect="known", outcome="died", event_date=EVENT,
                   last_on_child_protection_register=last_on_register,
                   looked_after_within_6_months=False)
    assert answer.review_kind == kind
    assert any(r.rule == "wales-extended" and "15 January 2024" in r.text for r in answer.reasons)


@pytest.mark.parametrize(("last_looked_after", "kind"), [
    ("2024-02-29", "extended_cpr"),  # 31 August less 6 months is 29 February (leap year)
    ("2024-02-28", "concise_cpr"),
])
def test_wales_window_clamps_to_month_end(last_looked_after: str, kind: str) -> None:
    answer = judge(WALES, abuse_or_neglect="known", outcome="died", event_date="2024-08-31",
                   last_looked_after=last_looked_after,
                   on_child_protection_register_within_6_months=False)
    assert answer.review_kind == kind


def test_wales_impairment_is_dated_by_its_identification() -> None:
    facts = {"abuse_or_neglect": "known", "event_date": "2024-01-10",
             "last_on_child_protection_register": "2023-12-01",
             "looked_after_within_6_months": False}
    # from the event (10 January 2024) the register ended inside the 6 months ...
    assert judge(WALES, outcome="died", **facts).review_kind == "extended_cpr"
    # ... but an impairment identified on 20 July 2024 counts back from that day
    impaired = judge(WALES, outcome="serious_permanent_impairment",
                     impairment_identified_date="2024-07-20", **facts)
    assert impaired.review_kind == "concise_cpr"
    assert any("impairment_identified_date" in r.text for r in impaired.reasons)


def test_wales_date_without_its_reference_day_is_missing_not_guessed() -> None:
    answer = judge(WALES, abuse_or_neglect="known", outcome="serious_permanent_impairment",
                   event_date=EVENT, last_on_child_protection_register="2024-05-01",
                   looked_after_within_6_months=False)
    assert answer.review_kind is None
    assert answer.missing_facts == ("impairment_identified_date",)


def test_wales_flag_contradicting_the_date_is_refused() -> None:
    with pytest.raises(InputProblem, match="on_child_protection_register_within_6_months"):
        judge(WALES, abuse_or_neglect="known", outcome="died", event_date=EVENT,
              last_on_child_protection_register="2023-06-01",
              on_child_protection_register_within_6_months=True)


def test_wales_reviewers_and_focus() -> None:
    assert wales_cpr.REGIME.reviewers_required == {"concise_cpr": 1, "extended_cpr": 2}
    answer = judge(WALES, abuse_or_neglect="known", outcome="died", **OFF)
    assert any(r.rule == "wales-focus" and "12 months" in r.text for r in answer.reasons)


# -- England CSPR: notifications and the local-review question -----------------------------------


def test_cspr_serious_case_notifies_the_panel_and_not_otherwise() -> None:
    serious = judge(CSPR, abuse_or_neglect="known", outcome="died")
    assert [n["id"] for n in serious.notifications if n["applies"] == "yes"] == [
        "panel-notification"]
    assert "5 working days" in serious.notifications[0]["when"]
    not_serious = judge(CSPR, abuse_or_neglect="none", outcome="died")
    assert "panel-notification" not in [n["id"] for n in not_serious.notifications]
    undecided = judge(CSPR, outcome="died")
    panel = [n for n in undecided.notifications if n["id"] == "panel-notification"]
    assert panel and panel[0]["applies"] != "yes"  # listed, but only if the outcome is must


@pytest.mark.parametrize("criterion", [
    {"improvements_needed": True}, {"recurrent_themes": True},
    {"concern_about_joint_working": "yes"}, {"panel_advises_local_review": True},
])
def test_cspr_local_review_criteria_suggest_a_local_review(criterion: dict[str, Any]) -> None:
    answer = judge(CSPR, abuse_or_neglect="known", outcome="seriously_harmed", **criterion)
    local = [r for r in answer.reasons if r.rule == "cspr-local-review"]
    assert local and "may be appropriate" in local[0].text
    assert answer.expected_decisions == ("initiate",)


def test_cspr_rapid_review_leaves_the_local_review_open_when_no_criterion_is_met() -> None:
    answer = judge(CSPR, abuse_or_neglect="known", outcome="seriously_harmed",
                   improvements_needed=False, recurrent_themes=False,
                   concern_about_joint_working="no", panel_advises_local_review=False)
    assert set(answer.expected_decisions) == {"initiate", "alternative", "no-review"}
    assert answer.missing_facts == ()


# -- the regimes as data ------------------------------------------------------------------------


def test_every_fact_a_regime_reads_is_documented() -> None:
    for regime in REGIMES.values():
        conditions = [r.when for r in regime.rules]
        conditions += [r.kind_choice.when for r in regime.rules if r.kind_choice]
        conditions += [a.when for a in regime.advice]
        documented = set(FACTS) | {spec.key for spec in regime.facts}
        assert facts_used(conditions) <= documented, regime.name


def test_check_values_are_named_data_with_a_caveat() -> None:
    cspr = england_cspr_2018.REGIME
    assert cspr.clock("completion").note.startswith("a local default")
    assert cspr.clock("prepublication-copy").period.amount == (
        england_cspr_2018.PREPUBLICATION_COPY_WORKING_DAYS)
    assert all("a local default" in text for text in cspr.notes.values())


def test_the_regimes_are_registered_through_the_hook() -> None:
    host = PluginHost.load(allow=["england-scr-2013", "england-cspr-2018", "wales-cpr"])
    assert set(host.regimes) == set(REGIMES)
    assert host.regime(SCR) is england_scr_2013.REGIME
