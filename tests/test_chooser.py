"""Choosing a methodology: every methodology is asked, answers are ranked, bad profiles refused."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from core import hookimpl
from core.apps.cli.base import App, cli
from core.kernel.errors import InputProblems
from core.plugin_api.methodology import PRINCIPLES, FitAssessment, Methodology
from core.plugin_api.plugins import PluginHost
from core.statutory.chooser import profile_from_mapping, rank


class QuickMethod:
    """A fictional method that fits short reviews and says so."""

    def __init__(self, name: str, short_is_good: bool) -> None:
        self.name, self.short_is_good = name, short_is_good
        self.asked: list[str] = []

    @hookimpl
    def register_methodologies(self, register):
        register(Methodology(
            name=self.name, title=self.name.title(), summary="A test method.",
            fits_when=("short reviews",), not_fits_when=("long reviews",),
            principles={key: "claimed for the test" for key in PRINCIPLES},
        ))

    @hookimpl
    def assess_fit(self, profile, methodology):
        self.asked.append(methodology)
        quick = profile.months_available is not None and profile.months_available <= 3
        good = quick == self.short_is_good
        return FitAssessment(
            methodology, 80 if good else 30,
            reasons_for=("fits the time available",) if good else (),
            reasons_against=() if good else ("needs a different amount of time",),
        )


@pytest.fixture
def methods():
    quick, slow = QuickMethod("quick", True), QuickMethod("slow", False)
    host = PluginHost.load(entry_points=False, extra=[("quick", quick), ("slow", slow)])
    return host, quick, slow


def test_ranks_best_fit_first_and_asks_each_plugin_only_for_its_own(methods):
    host, quick, slow = methods
    assessed, silent = rank(host, profile_from_mapping({"months_available": 2}))
    assert [a.methodology for a in assessed] == ["quick", "slow"]
    assert silent == []
    assert quick.asked == ["quick"] and slow.asked == ["slow"]

    assessed, _ = rank(host, profile_from_mapping({"months_available": 6}))
    assert [a.methodology for a in assessed] == ["slow", "quick"]


class SilentMethod:
    """A fictional method that registers itself but has no view on fit."""

    @hookimpl
    def register_methodologies(self, register):
        register(Methodology(
            name="silent", title="Silent", summary="A test method.",
            fits_when=("any review",), not_fits_when=("none",),
            principles={key: "claimed for the test" for key in PRINCIPLES},
        ))


def test_methodologies_without_a_view_are_named(methods):
    host = PluginHost.load(entry_points=False, extra=[("silent", SilentMethod())])
    assessed, silent = rank(host, profile_from_mapping({}))
    assert assessed == [] and silent == ["silent"]


@pytest.mark.parametrize(
    ("data", "needle"),
    [({"colour": "red"}, "unknown key 'colour'"),
     ({"months_available": "six"}, "months_available"),
     ({"statutory_threshold_met": "maybe"}, "yes or no")],
)
def test_bad_profiles_are_refused_with_the_key(data, needle):
    with pytest.raises(InputProblems) as caught:
        profile_from_mapping(data, source="profile.yaml")
    assert needle in str(caught.value) and "profile.yaml" in str(caught.value)


def test_cli_json_and_text(methods, tmp_path):
    host, _, _ = methods
    runner = CliRunner()
    result = runner.invoke(cli, ["choose", "--months", "2", "--json"], obj=App(host=host))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["top"] == "quick"
    assert data["options"][0]["methodology"] == "quick"

    profile = tmp_path / "case.yaml"
    profile.write_text("months_available: 9\nnation: england\n", encoding="utf-8")
    result = runner.invoke(cli, ["choose", "--profile", str(profile)], obj=App(host=host))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("1. Slow")
    assert "+ fits the time available [months_available]" in result.output


def test_cli_bad_profile_exits_1_with_the_file(methods, tmp_path):
    host, _, _ = methods
    profile = tmp_path / "case.yaml"
    profile.write_text("- not a mapping\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["choose", "--profile", str(profile)], obj=App(host=host))
    assert result.exit_code == 1
    assert "case.yaml" in result.output
