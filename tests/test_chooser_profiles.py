"""Realistic, fictional case profiles run through the five real methodologies: the law first,
then each method's own view of the case, with the reason each standing is expected."""

from __future__ import annotations

from typing import Any

import pytest

from core.plugin_api.plugins import PluginHost
from core.statutory.chooser import CONTRIBUTION, EXCLUDED, RANKED, Comparison, compare, explain
from core.statutory.comparison import to_markdown
from core.statutory.profile import profile_from_mapping

FIVE = {"rca", "silp", "appreciative-inquiry", "child-practice-review", "learning-together"}
SYSTEMS = FIVE - {"rca"}
ENGLAND = {"regime": "england-cspr-2018"}


@pytest.fixture(scope="module")
def host() -> PluginHost:
    loaded = PluginHost.load()
    assert set(loaded.methodologies) >= FIVE
    return loaded


def choose(host: PluginHost, **profile: Any) -> Comparison:
    comparison = compare(host, profile_from_mapping(profile))
    assert {o.methodology for o in comparison.options} >= FIVE  # never silently dropped
    return comparison


def order(comparison: Comparison, standing: str = RANKED) -> list[str]:
    return [o.methodology for o in comparison.options if o.standing == standing]


def cited(reasons: Any) -> set[str]:
    return {key for reason in reasons for key in reason.keys}


def test_every_method_gives_the_full_answer(host):
    comparison = choose(host, **ENGLAND, statutory_threshold_met=True, agencies_involved=4,
                        practitioners_available=True, months_available=6,
                        parallel_proceedings=True, proceedings=["criminal"])
    for option in comparison.options:
        answer = option.assessment
        assert answer is not None, option.methodology
        assert answer.variant and answer.timescale_weeks and answer.practitioner_hours
        assert all(reason.keys for reason in answer.reasons_for + answer.reasons_against), \
            option.methodology
        # the criminal proceedings are a caution for every method that needs the practitioners
        assert "parallel_proceedings" in cited(answer.cautions), option.methodology


def test_wales_before_october_2024_needs_a_child_practice_review(host):
    # An incident in spring 2023: the legacy Welsh regime applies and names the method.
    comparison = choose(host, regime="wales-cpr", event_date="2023-05-10",
                        statutory_threshold_met=True, outcome="seriously_harmed",
                        agencies_involved=6, years_involved=3, practitioners_available=True)
    assert comparison.regime == "wales-cpr"
    assert order(comparison) == ["child-practice-review"]
    excluded = [o for o in comparison.options if o.standing == EXCLUDED]
    assert {o.methodology for o in excluded} == FIVE - {"child-practice-review"}
    # Learning Together fits this many-agency case as well, but the law rules it out.
    assert comparison.option("learning-together").score > comparison.top.score
    assert all(r.rule == "wales-cpr-method" for o in excluded for r in o.rules)
    # an incident before the change: nothing about the unified review is said
    assert "event_date" not in cited(comparison.top.assessment.reasons_for)


def test_wales_after_october_2024_moves_to_the_unified_review(host):
    comparison = choose(host, regime="wales-cpr", event_date="2025-02-01",
                        statutory_threshold_met=True, outcome="died", agencies_involved=5,
                        practitioners_available=True)
    assert comparison.regime == "wales-susr"
    assert any("1 October 2024" in note for note in comparison.notes)
    assert order(comparison) == ["child-practice-review"]
    assert {r.rule for o in comparison.options if o.standing == EXCLUDED for r in o.rules} == \
        {"wales-susr-method"}
    top = comparison.top.assessment
    assert "event_date" in cited(top.reasons_for) and "event_date" in cited(top.cautions)
    assert "outcome" in cited(top.cautions)  # concise or extended is the criteria's to decide


def test_england_statutory_ranks_rca_as_a_contribution_even_when_it_fits_best(host):
    # A baby's injury seen mainly in one hospital's care, with a GP also involved.
    comparison = choose(host, **ENGLAND, statutory_threshold_met=True, health_led_incident=True,
                        agencies_involved=2, months_available=2)
    rca = comparison.option("rca")
    assert rca.standing == CONTRIBUTION and [r.rule for r in rca.rules] == \
        ["england-systems-method"]
    assert rca.score > max(o.score for o in comparison.options if o.standing == RANKED)
    assert comparison.top.methodology in SYSTEMS
    assert set(order(comparison)) == SYSTEMS
    assert rca.assessment.variant == "psii"  # the NHS's own current learning response


def test_england_below_the_threshold_lets_rca_lead_a_health_led_single_agency_case(host):
    comparison = choose(host, **ENGLAND, statutory_threshold_met=False, single_agency=True,
                        agencies_involved=1, health_led_incident=True,
                        practitioners_available=True, months_available=3)
    assert order(comparison)[0] == "rca"
    assert not order(comparison, CONTRIBUTION)  # the systems rule is for statutory reviews
    answer = comparison.top.assessment
    assert {"health_led_incident", "single_agency"} <= cited(answer.reasons_for)
    assert answer.variant == "psii" and answer.timescale_weeks[0] <= 13
    # Learning Together's strength is how agencies worked together: it ranks last here.
    assert order(comparison)[-1] == "learning-together"


def test_a_single_agency_case_outside_health_suits_a_mini_silp(host):
    # Children's social care alone, not a health service: RCA is not that service's method.
    comparison = choose(host, **ENGLAND, statutory_threshold_met=False, single_agency=True,
                        agencies_involved=1, health_led_incident=False,
                        practitioners_available=True)
    assert comparison.top.methodology == "silp"
    assert comparison.top.assessment.variant == "mini-silp"
    assert "health_led_incident" in cited(comparison.option("rca").assessment.reasons_against)


def test_a_good_practice_focus_puts_appreciative_inquiry_first(host):
    # A case put forward because the agencies worked well together.
    comparison = choose(host, **ENGLAND, statutory_threshold_met=False,
                        focus_on_good_practice=True, agencies_involved=4,
                        practitioners_available=True)
    assert order(comparison)[0] == "appreciative-inquiry"
    assert comparison.top.assessment.variant == "good-practice-review"
    assert "focus_on_good_practice" in cited(comparison.top.assessment.reasons_for)
    # RCA looks for problems: the same wish counts against it
    assert "focus_on_good_practice" in cited(comparison.option("rca").assessment.reasons_against)
    assert order(comparison)[-1] == "rca"


def test_anxious_practitioners_in_a_statutory_case_point_to_interviews_first(host):
    comparison = choose(host, **ENGLAND, statutory_threshold_met=True,
                        focus_on_good_practice=True, impact_on_practitioners="high",
                        agencies_involved=4, practitioners_available=True, months_available=6)
    ai = comparison.option("appreciative-inquiry")
    assert ai.standing == RANKED and order(comparison).index("appreciative-inquiry") <= 1
    assert ai.assessment.variant == "interview-led"
    assert "impact_on_practitioners" in cited(ai.assessment.reasons_for)
    # the statutory duty to explain failings is still named against it
    assert "statutory_threshold_met" in cited(ai.assessment.reasons_against)


def test_many_agencies_over_years_with_practitioners_favour_the_systems_methods(host):
    comparison = choose(host, **ENGLAND, statutory_threshold_met=True, agencies_involved=7,
                        years_involved=5, practitioners_available=True, months_available=7)
    assert order(comparison)[:2] == ["learning-together", "silp"]
    assert comparison.option("silp").assessment.variant == "full"
    for name in ("learning-together", "silp"):
        assert {"agencies_involved", "years_involved"} <= \
            cited(comparison.option(name).assessment.reasons_for)
    rca = comparison.option("rca")
    assert rca.standing == CONTRIBUTION
    assert "agencies_involved" in cited(rca.assessment.reasons_against)


def test_short_time_and_few_agencies(host):
    # Three and a half months, two agencies, below the threshold.
    comparison = choose(host, **ENGLAND, statutory_threshold_met=False, agencies_involved=2,
                        months_available=3.5, practitioners_available=True)
    top = comparison.top
    weeks_available = 3.5 * 52 / 12
    assert top.methodology == "learning-together" and top.assessment.variant == "intensive"
    assert top.assessment.timescale_weeks[0] <= weeks_available
    silp = comparison.option("silp").assessment
    assert any("16 weeks" in r and "months_available" in r.keys for r in silp.reasons_against)
    assert silp.variant == "proportionate"
    assert comparison.option("rca").assessment.variant == "level-2-comprehensive"


def test_parallel_proceedings_give_cautions_and_longer_timescales(host):
    plain = dict(ENGLAND, statutory_threshold_met=True, agencies_involved=5,
                 practitioners_available=False)
    quiet = choose(host, **plain)
    busy = choose(host, **plain, parallel_proceedings=True, proceedings=["criminal", "coroner"])
    assert busy.top.methodology == "learning-together"
    assert busy.top.assessment.variant == "focused"  # its one-day event may still be possible
    for name in FIVE - {"learning-together"}:  # its own timescale depends on the variant only
        before = quiet.option(name).assessment
        after = busy.option(name).assessment
        assert after.timescale_weeks[1] > before.timescale_weeks[1], name
        assert not {"parallel_proceedings"} & cited(before.cautions)
        assert "parallel_proceedings" in cited(after.cautions), name


def test_explain_shows_what_would_change_the_top_choice(host):
    profile = profile_from_mapping(dict(
        ENGLAND, statutory_threshold_met=False, single_agency=True, agencies_involved=1,
        health_led_incident=True, practitioners_available=True, months_available=3))
    comparison, changes = explain(host, profile)
    assert comparison.top.methodology == "rca"
    found = {(c.key, c.value): c.top for c in changes}
    # Statutory: RCA becomes a contribution and a systems method leads.
    assert found[("statutory_threshold_met", True)] in SYSTEMS
    # Not a health service's incident: the single agency's mini-SILP leads instead.
    assert found[("health_led_incident", False)] == "silp"
    # The regime is given, so the nation alone does not move it.
    assert ("nation", "wales") not in found
    assert all(top != "rca" for top in found.values())
    # The budget or media interest do not move the choice on this profile.
    assert not {c.key for c in changes} & {"budget", "media_interest"}


def test_the_board_paper_table_lists_every_method(host):
    comparison = choose(host, **ENGLAND, statutory_threshold_met=True, agencies_involved=7,
                        years_involved=5, practitioners_available=True, months_available=7)
    table = to_markdown(comparison)
    rows = [line for line in table.splitlines() if line.startswith("| ")][1:]
    rows = [r for r in rows if not r.startswith("| ---")]
    assert len(rows) == len(comparison.options)
    for option in comparison.options:
        row = next(r for r in rows if f"({option.methodology})" in r)
        assert option.title.split(" (")[0] in row
        assert "hours" in row and "weeks" in row
    rca_row = next(r for r in rows if "(rca)" in r)
    assert rca_row.startswith("| \\- |") and "as a contribution only" in rca_row
    assert rows[0].startswith("| 1 |") and "(learning-together)" in rows[0]
