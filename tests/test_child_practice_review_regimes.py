"""The Welsh regimes: the single unified safeguarding review (from 1 October 2024), child practice
reviews begun before it, and the `cpr` commands a reviewer records the method's artefacts with."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path

import pytest

from core.plugin_api.plugins import PluginHost
from core.statutory.criteria import assess
from core.statutory.facts import gather_facts
from plugins.regimes.wales_cpr import timescale_clocks


@functools.cache
def every_plugin() -> PluginHost:
    return PluginHost.load()


@pytest.fixture
def host() -> PluginHost:
    """Every installed plugin, this one's commands and methodology included."""
    return every_plugin()


CHILD_A_IN_WALES = {
    "abuse_or_neglect": "suspected", "outcome": "potentially_life_threatening_injury",
    "on_child_protection_register_within_6_months": False,
    "looked_after_within_6_months": False, "event_date": dt.date(2025, 2, 13),
    "adult_practice_review_criteria_met": False,
    "domestic_homicide_review_criteria_met": False,
    "mental_health_homicide_review_criteria_met": False,
    "offensive_weapons_homicide_review_criteria_met": False,
}


def answer(host, facts: dict) -> object:
    regime = host.regime("wales-susr")
    return assess(regime, gather_facts(regime.facts, base=facts))


def test_susr_holds_a_child_practice_review_component_concise_or_extended(host) -> None:
    found = answer(host, CHILD_A_IN_WALES)
    assert (found.outcome, found.review_kind) == ("must", "concise_cpr")
    assert [r.rule for r in found.reasons][:2] == ["susr-child", "susr-extended"]
    looked_after = answer(host, {**CHILD_A_IN_WALES, "looked_after_within_6_months": True})
    assert looked_after.review_kind == "extended_cpr"


def test_susr_holds_a_review_for_any_components_criteria_and_the_home_office_sees_a_dhr(
        host) -> None:
    adult = {**CHILD_A_IN_WALES, "abuse_or_neglect": "none",
             "domestic_homicide_review_criteria_met": True}
    found = answer(host, adult)
    assert (found.outcome, found.review_kind) == ("must", "single_unified_safeguarding_review")
    home_office = next(r.text for r in found.reasons if r.rule == "susr-home-office")
    assert home_office.startswith("The domestic homicide review component's report still goes "
                                  "to the Home Office")
    none = answer(host, {**adult, "domestic_homicide_review_criteria_met": False})
    assert none.outcome == "not_met"


def test_unconfirmed_timescales_make_no_clock_until_a_partnership_sets_them(host) -> None:
    susr, cpr = host.regime("wales-susr"), host.regime("wales-cpr")
    assert susr.clocks == () and cpr.clocks == ()
    assert "(check)" in susr.notes["completion"] and "(check)" in cpr.notes["completion"]
    clocks = {c.id: c for c in timescale_clocks(5, 6)}
    assert clocks["welsh-government-notice"].to == ("Welsh Government",)
    assert clocks["completion"].completion_target


def test_wales_cpr_is_for_reviews_begun_before_the_unified_review(host) -> None:
    cpr = host.regime("wales-cpr")
    assert cpr.replaced_by == "wales-susr"
    assert cpr.replacement_for(dt.date(2024, 9, 30)) is None
    assert "belongs under wales-susr" in cpr.replacement_for(dt.date(2024, 10, 1))
    assert host.regime("wales-susr").replacement_for(dt.date(2030, 1, 1)) is None


NEW = ("new", "--regime", "wales-cpr", "--title", "Child X (fictional)", "--area",
       "A fictional board", "--child", "Child X", "--incident-date")


def test_new_under_wales_cpr_after_october_2024_warns_and_names_wales_susr(cli) -> None:
    result = cli(*NEW, "2025-01-10", "--notified-on", "2025-01-14")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "CR-2025-001"  # the id stays on the first line
    assert "belongs under wales-susr (`--regime wales-susr`)" in result.stderr
    data = json.loads(cli(*NEW, "2025-01-10", "--notified-on", "2025-01-14", "--json").stdout)
    assert "wales-susr" in data["warnings"][0]


def test_new_under_wales_cpr_before_october_2024_does_not_warn(cli) -> None:
    result = cli(*NEW, "2024-09-02", "--notified-on", "2024-09-05")
    assert result.exit_code == 0 and result.stderr == ""


@pytest.fixture
def cpr_review(cli) -> str:
    cli.ok("new", "--regime", "wales-susr", "--title", "Child X (fictional)", "--area",
           "A fictional board", "--child", "Child X", "--incident-date", "2025-01-10",
           "--notified-on", "2025-01-14", "--id", "W1")
    cli.ok("import", "W1", str(Path(__file__).resolve().parent.parent / "examples" / "child-a"
                              / "police.csv"), "--agency", "Wendmoor Constabulary",
           "--map", "Date=date", "--map", "Ref=source_ref", "--map", "Details=what_happened")
    cli.ok("decide", "W1", "--decision", "initiate", "--by", "Chair of the board", "--on",
           "2025-01-28", "--rationale", "A review is held to learn from the case.")
    cli.ok("move", "W1", "commissioning")
    cli.ok("commission", "W1", "--methodology", "child-practice-review")
    return "W1"


def test_cpr_date_records_the_welsh_government_notice(cli, cpr_review) -> None:
    from child_practice_review.records import notices
    from core.kernel.store import open_journal
    from core.plugin_api.reviews import Reviews

    assert "Welsh Government" in cli.ok("cpr", "check", cpr_review)
    cli.ok("cpr", "date", cpr_review, "welsh_government", "--on", "2025-02-03")
    journal = open_journal(cli.db)
    try:
        held = notices(Reviews(journal, cli.host, "test").load(cpr_review))
    finally:
        journal.close()
    assert held["welsh_government"].on == dt.date(2025, 2, 3)
    cli.refused("cpr", "date", cpr_review, "welsh_government", "--on", "3rd Feb",
                says=["notices.welsh_government.on", "YYYY-MM-DD"])
    assert "Welsh Government" not in cli.ok("cpr", "check", cpr_review)


def test_cpr_template_lists_the_focus_periods_entries_as_candidates(cli, cpr_review) -> None:
    text = cli.ok("cpr", "template", "timeline", "--review", cpr_review)
    assert "{agency: Wendmoor Constabulary, ref: POL-006}" in text  # September 2024
    assert "ref: POL-003}" not in text  # November 2023: before the 12 months
    assert "focus_period" in cli.ok("cpr", "template", "terms")


def test_cpr_record_names_the_file_and_field_and_changes_nothing(cli, cpr_review,
                                                                 tmp_path) -> None:
    bad = tmp_path / "timeline.yaml"
    bad.write_text("timeline:\n  - id: T1\n    entry: {agency: Wendmoor Constabulary, "
                   "ref: POL-999}\n    significance: x\n", encoding="utf-8")
    cli.refused("cpr", "record", cpr_review, "timeline", str(bad),
                says=[str(bad), "timeline[1].entry", "POL-999"])
    assert "No significant events yet" in cli.ok("cpr", "timeline", cpr_review)


def test_the_method_guards_its_reviewers_and_the_timeline_before_the_learning_event(
        cli, cpr_review) -> None:
    cli.refused("move", cpr_review, "evidence",
                says="a concise child practice review has 1 reviewer; this review has 0")
    cli.ok("people", cpr_review, "add", "--role", "lead_reviewer", "--title",
           "Independent reviewer", "--name", "Rhian Powell", "--employer", "Powell Reviews")
    cli.ok("move", cpr_review, "evidence")
    cli.ok("move", cpr_review, "analysis")
    cli.refused("move", cpr_review, "learning_events",
                says="the panel has not agreed one yet")


def test_the_chooser_ranks_the_welsh_review_first_in_wales_and_low_in_england(host) -> None:
    from child_practice_review.descriptor import assess_fit
    from core.plugin_api.methodology import CaseProfile

    wales = assess_fit(profile=CaseProfile(nation="wales", agencies_involved=7,
                                           practitioners_available=True),
                       methodology="child-practice-review")
    england = assess_fit(profile=CaseProfile(regime="england-cspr-2018", agencies_involved=7),
                         methodology="child-practice-review")
    # the score is fit only: that Wales requires this method is the chooser's rule to apply
    assert wales.score == 75 and england.score == 15
    assert any("single unified safeguarding review" in r for r in wales.reasons_for)
    assert any("Working Together" in r for r in england.reasons_against)


def test_regimes_lists_the_replacement(cli) -> None:
    shown = cli.ok("regimes")
    assert "replaced by wales-susr for reviews starting on or after 1 October 2024" in shown
    data = {r["name"]: r for r in json.loads(cli.ok("regimes", "--json"))}
    assert (data["wales-cpr"]["replaced_on"], data["wales-cpr"]["replaced_by"]) == (
        "2024-10-01", "wales-susr")
    assert data["wales-susr"]["replaced_by"] is None


def test_below_the_threshold_a_professional_forum_is_planned(cli) -> None:
    cli.ok("new", "--regime", "wales-susr", "--title", "Child Y (fictional)", "--area",
           "A fictional board", "--child", "Child Y", "--incident-date", "2025-01-10",
           "--notified-on", "2025-01-14", "--id", "W2")
    cli.ok("decide", "W2", "--decision", "alternative", "--by", "Chair of the board", "--on",
           "2025-01-28", "--rationale", "Below the threshold; a forum will draw out the learning.")
    cli.ok("move", "W2", "commissioning")
    cli.ok("commission", "W2", "--methodology", "child-practice-review")
    plan = cli.ok("cpr", "plan", "W2")
    assert "professional_forum" in plan and "The multi-agency professional forum" in plan
    assert "Engage the child and family directly" not in plan
    cli.refused("move", "W2", "evidence", says="lead reviewer")  # the core wants someone
    cli.ok("people", "W2", "add", "--role", "lead_reviewer", "--title",
           "Independent facilitator", "--name", "Ffion Rees", "--employer", "Rees Facilitation")
    cli.ok("move", "W2", "evidence")


def test_under_wales_cpr_the_criteria_set_the_type(cli) -> None:
    cli.ok("new", "--regime", "wales-cpr", "--title", "Child Z (fictional)", "--area",
           "A fictional board", "--child", "Child Z", "--incident-date", "2024-06-10",
           "--notified-on", "2024-06-12", "--id", "W3", "--fact", "abuse_or_neglect=suspected",
           "--fact", "outcome=died", "--fact", "on_child_protection_register_within_6_months=no",
           "--fact", "looked_after_within_6_months=no")
    cli.ok("decide", "W3", "--decision", "initiate", "--by", "Chair of the board", "--on",
           "2024-06-20")
    cli.ok("move", "W3", "commissioning")
    cli.ok("commission", "W3", "--methodology", "child-practice-review", "--variant", "extended")
    shown = cli.ok("cpr", "check", "W3")
    assert "under wales-cpr the criteria set the type: this is a concise review, not extended" \
        in shown


def test_under_susr_the_chair_and_reviewers_come_from_the_approved_list(cli, cpr_review,
                                                                       tmp_path) -> None:
    panel = tmp_path / "panel.yaml"
    panel.write_text("chair: {role: Independent chair, independent: true}\n"
                     "members:\n  - {role: Head of public protection, "
                     "agency: Wendmoor Constabulary}\n"
                     "reviewers:\n  - {title: Independent reviewer, statement: I am "
                     "independent of the agencies., approved_list: false}\n", encoding="utf-8")
    cli.ok("cpr", "record", cpr_review, "panel", str(panel))
    shown = cli.ok("cpr", "check", cpr_review)
    assert "the review panel's chair is not recorded as on Welsh Government's approved list" \
        in shown
    assert "the reviewer 'Independent reviewer' is not recorded as on Welsh Government's" in shown
