"""The chooser puts the law first: a regime's rules place each method before any score does.

Fictional methods and regimes, registered for one test each, so that each rule can be seen to
win over a score that would otherwise put the method on top.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as hs

from core import hookimpl
from core.apps.cli.base import App, cli
from core.plugin_api.methodology import PRINCIPLES, CaseProfile, FitAssessment, Methodology, Reason
from core.plugin_api.plugins import PluginHost
from core.statutory.chooser import CONTRIBUTION, EXCLUDED, NO_VIEW, RANKED, compare, explain
from core.statutory.comparison import to_data, to_markdown, to_text
from core.statutory.profile import PROFILE_KEYS, profile_from_mapping
from core.statutory.regimes import MethodRule
from plugins.regimes.england_cspr_2018 import REGIME as ENGLAND
from plugins.regimes.wales_cpr import REGIME as WALES_CPR


class Method:
    """A fictional method with a fixed score, or one read from the profile."""

    def __init__(self, name: str, score: int | None, *, systems: bool = True,
                 reason: str = "fits the case") -> None:
        self.name, self.score, self.systems, self.reason = name, score, systems, reason

    @hookimpl
    def register_methodologies(self, register):
        register(Methodology(
            name=self.name, title=f"The {self.name} method", summary="A fictional method.",
            fits_when=("tests",), not_fits_when=("real reviews",),
            principles={key: "claimed for the test" for key in PRINCIPLES},
            systems_approach=self.systems))

    @hookimpl
    def assess_fit(self, profile, methodology):
        if self.score is None:
            return None
        reasons = [Reason(self.reason, ["agencies_involved"])] \
            if profile.agencies_involved else [self.reason]
        return FitAssessment(methodology, self.score, reasons_for=reasons,
                             cautions=["proceedings may delay it"]
                             if profile.parallel_proceedings else ())


class Regimes:
    """Registers copies of real regimes, so a test can give them other rules."""

    def __init__(self, *regimes) -> None:
        self.regimes = regimes

    @hookimpl
    def register_regimes(self, register):
        for regime in self.regimes:
            register(regime)


def host_with(*methods: Method, regimes=(ENGLAND, WALES_CPR)) -> PluginHost:
    extra = [(m.name, m) for m in methods] + [("regimes", Regimes(*regimes))]
    return PluginHost.load(entry_points=False, extra=extra)


def standing(comparison, name):
    return comparison.option(name).standing


def test_wales_requires_the_child_practice_review():
    host = host_with(Method("child-practice-review", 40), Method("other", 95))
    answer = compare(host, CaseProfile(regime="wales-cpr"))
    assert answer.top.methodology == "child-practice-review"
    excluded = answer.option("other")
    assert excluded.standing == EXCLUDED
    assert [r.rule for r in excluded.rules] == ["wales-cpr-method"]
    assert excluded.assessment.score == 95  # listed with its view, never silently dropped


def test_a_single_service_method_is_a_contribution_to_an_english_statutory_review():
    host = host_with(Method("systems", 50), Method("incident", 99, systems=False))
    answer = compare(host, CaseProfile(regime="england-cspr-2018"))
    assert answer.top.methodology == "systems"
    assert standing(answer, "incident") == CONTRIBUTION
    assert answer.option("incident").rules[0].rule == "england-systems-method"
    assert any("not known" in note for note in answer.notes)  # statutory assumed, and said


def test_below_the_threshold_a_single_service_method_may_lead():
    host = host_with(Method("systems", 50), Method("incident", 99, systems=False))
    answer = compare(host, CaseProfile(regime="england-cspr-2018",
                                       statutory_threshold_met=False))
    assert answer.top.methodology == "incident"
    assert answer.notes == ()


def test_wales_after_october_2024_is_a_unified_review():
    susr = ENGLAND.__class__(**{**_fields(WALES_CPR), "name": "wales-susr",
                                "title": "Wales: single unified safeguarding review",
                                "replaced_by": "", "replaced_on": None,
                                "methodology_rules": [MethodRule(
                                    "susr-method", "a unified review uses the child practice "
                                    "review's learning approach", requires=["unified"],
                                    statutory_only=False)]})
    host = host_with(Method("child-practice-review", 90), Method("unified", 40),
                     regimes=(WALES_CPR, susr))
    before = compare(host, CaseProfile(regime="wales-cpr", event_date=dt.date(2024, 9, 30)))
    after = compare(host, CaseProfile(regime="wales-cpr", event_date=dt.date(2024, 10, 1)))
    assert before.regime == "wales-cpr" and before.top.methodology == "child-practice-review"
    assert after.regime == "wales-susr" and after.top.methodology == "unified"
    assert any("1 October 2024" in note for note in after.notes)
    by_nation = compare(host, CaseProfile(nation="wales", event_date=dt.date(2025, 3, 7)))
    assert by_nation.regime == "wales-susr"


def _fields(regime) -> dict:
    import attrs

    return {f.name: getattr(regime, f.name) for f in attrs.fields(type(regime))}


def test_a_method_with_no_view_is_listed_after_those_that_answered():
    host = host_with(Method("quiet", None), Method("loud", 10))
    answer = compare(host, CaseProfile())
    assert [o.standing for o in answer.options] == [RANKED, NO_VIEW]


def test_reasons_cite_the_keys_they_rest_on():
    host = host_with(Method("m", 70))
    answer = compare(host, CaseProfile(agencies_involved=4, parallel_proceedings=True))
    fit = answer.top.assessment
    assert fit.reasons_for[0].keys == ("agencies_involved",)
    # the core notes what the method read and the profile held
    assert fit.reads == ("agencies_involved", "parallel_proceedings")
    data = to_data(answer)
    assert data["options"][0]["cautions"] == [
        {"text": "proceedings may delay it",
         "keys": ["agencies_involved", "parallel_proceedings"]}]


def test_explain_names_the_keys_that_would_change_the_top_choice():
    class Careful(Method):
        @hookimpl
        def assess_fit(self, profile, methodology):
            score = 20 if profile.practitioners_available is False else 80
            return FitAssessment(methodology, score)

    host = host_with(Careful("conversations", 0), Method("paper", 50))
    base, changes = explain(host, CaseProfile())
    assert base.top.methodology == "conversations"
    # in Wales neither fictional method is the child practice review the law requires
    assert [(c.key, c.value, c.top) for c in changes] == \
        [("nation", "wales", None), ("practitioners_available", False, "paper")]
    text = "\n".join(to_text(base, changes))
    assert "practitioners_available were no: The paper method" in text


def test_markdown_escapes_what_a_method_writes():
    host = host_with(Method("m", 60, reason="| <script>alert(1)</script> ![x](http://x/y)"))
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(to_markdown(
        compare(host, CaseProfile())))
    assert "<script>" not in html and "<img" not in html
    assert html.count("<tr>") == 2  # the header and one method
    assert html.count("<td>") == 10  # the reason's bar did not open an eleventh cell


@settings(max_examples=60, deadline=None)
@given(scores=hs.lists(hs.integers(0, 100), min_size=3, max_size=3),
       systems=hs.lists(hs.booleans(), min_size=3, max_size=3),
       regime=hs.sampled_from(["england-cspr-2018", "wales-cpr", None]),
       statutory=hs.sampled_from([True, False, None]))
def test_a_rule_always_wins_over_a_score(scores, systems, regime, statutory):
    names = ["child-practice-review", "alpha", "beta"]
    host = host_with(*[Method(n, s, systems=y) for n, s, y in zip(names, scores, systems,
                                                                   strict=True)])
    answer = compare(host, CaseProfile(regime=regime, statutory_threshold_met=statutory))
    ranked = [o for o in answer.options if o.standing == RANKED]
    assert [o.score for o in ranked] == sorted((o.score for o in ranked), reverse=True)
    for option in answer.options:
        if regime == "wales-cpr" and option.methodology != "child-practice-review":
            assert option.standing == EXCLUDED
        if regime == "england-cspr-2018" and statutory is not False and \
                not host.methodologies[option.methodology].systems_approach:
            assert option.standing == CONTRIBUTION
        if option.standing != RANKED:
            assert option.rules, "a method the law places is shown with its rule"
    if answer.top is not None:
        assert answer.top.standing == RANKED
        others = [o for o in answer.options if o.standing != RANKED]
        assert all(o is not answer.top for o in others)


@pytest.mark.parametrize(("data", "needle"), [
    ({"agency_kinds": ["police", "spaceport"]}, "a list of police"),
    ({"event_date": "yesterday"}, "a date"),
    ({"budget": "lavish"}, "one of low, medium, high"),
    ({"proceedings": "criminal"}, None),  # one item may be given on its own
])
def test_profile_values_are_checked_by_kind(data, needle):
    from core.kernel.errors import InputProblems

    if needle is None:
        assert profile_from_mapping(data).proceedings == ("criminal",)
        return
    with pytest.raises(InputProblems) as caught:
        profile_from_mapping(data, source="case.yaml")
    assert needle in str(caught.value) and "case.yaml" in str(caught.value)


def test_the_command_documents_every_profile_key():
    result = CliRunner().invoke(cli, ["choose", "--help"], obj=App(host=host_with()))
    for key in PROFILE_KEYS:
        assert f"    {key}: " in result.output


def test_choose_on_the_command_line(tmp_path):
    host = host_with(Method("systems", 60), Method("incident", 90, systems=False))
    profile = tmp_path / "case.yaml"
    profile.write_text("regime: england-cspr-2018\nagencies_involved: 5\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["choose", "--profile", str(profile), "--set",
                                 "statutory_threshold_met=yes", "--json"], obj=App(host=host))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["top"] == "systems"
    assert [(o["methodology"], o["standing"]) for o in data["options"]] == \
        [("systems", "ranked"), ("incident", "contribution")]
    assert data["profile"]["agencies_involved"] == 5
    bad = runner.invoke(cli, ["choose", "--set", "months_available"], obj=App(host=host))
    assert bad.exit_code != 0 and "KEY=VALUE" in bad.output
