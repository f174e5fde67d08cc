"""Commissioning records the chooser's answer beside the partnership's choice: a departure from
the suggestion, or a method the regime allows only as a contribution, needs a rationale, and the
report's "why this methodology" gives both."""

from __future__ import annotations

import json

import pytest

from core import hookimpl
from core.plugin_api.methodology import PRINCIPLES, FitAssessment, Methodology
from core.plugin_api.plugins import PluginHost
from plugins.testing import make_host


class Scored:
    def __init__(self, name: str, score: int, systems: bool = True) -> None:
        self.name, self.score, self.systems = name, score, systems

    @hookimpl
    def register_methodologies(self, register) -> None:
        register(Methodology(
            name=self.name, title=f"The {self.name} method", summary="Only for these tests.",
            fits_when=("a test",), not_fits_when=("a real review",),
            principles={key: f"test: {text}" for key, text in PRINCIPLES.items()},
            systems_approach=self.systems))

    @hookimpl
    def assess_fit(self, profile, methodology):
        return FitAssessment(methodology, self.score, reasons_for=["a fictional reason"])


@pytest.fixture(scope="module")
def host() -> PluginHost:
    return make_host(("favoured", Scored("favoured", 80)), ("other", Scored("other", 40)),
                     ("incident", Scored("incident", 95, systems=False)))


def at_commissioning(cli, review_id: str) -> None:
    cli.ok("new", "--regime", "england-cspr-2018", "--title", "Child V (fictional)", "--area",
           "Westmere", "--child", "Child V", "--incident-date", "2025-01-02",
           "--notified-on", "2025-01-06", "--id", review_id)
    cli.ok("decide", review_id, "--abuse-or-neglect", "known", "--outcome", "died",
           "--concern-about-joint-working", "yes",
           "--decision", "initiate", "--by", "Chair", "--on", "2025-01-20")
    cli.ok("move", review_id, "commissioning")


WHY = "The partnership wants practitioners' own account of a short, intense period of work."


def test_the_suggestion_needs_no_rationale_and_is_recorded(cli) -> None:
    at_commissioning(cli, "K1")
    said = cli.ok("commission", "K1", "--methodology", "favoured")
    assert "The chooser's view: The favoured method fitted best, 80/100" in said
    chooser = json.loads(cli.ok("commission", "K1", "--methodology", "favoured", "--json"))[
        "chooser"]
    assert (chooser["chosen"], chooser["suggested"], chooser["suggested_score"]) == \
        ("favoured", "favoured", 80)
    assert chooser["profile"]["regime"] == "england-cspr-2018"
    assert chooser["profile"]["statutory_threshold_met"] is True


def test_a_departure_needs_a_rationale_and_the_report_gives_both(cli, tmp_path) -> None:
    at_commissioning(cli, "K2")
    cli.refused("commission", "K2", "--methodology", "other",
                says=["say why the partnership chose The other method",
                      "the chooser suggested The favoured method"])
    cli.ok("commission", "K2", "--methodology", "other", "--rationale", WHY)
    out = tmp_path / "report.html"
    cli.ok("report", "K2", "--format", "html", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert "put The favoured method first (80 out of 100)" in page
    assert "the partnership chose The other method for the reasons above" in page
    assert WHY.replace("'", "&#39;") in page


def test_a_contribution_only_method_needs_a_rationale(cli) -> None:
    at_commissioning(cli, "K3")
    cli.refused("commission", "K3", "--methodology", "incident",
                says=["the regime allows it only as a contribution",
                      "needs a method that looks at the whole multi-agency system"])
    said = cli.ok("commission", "K3", "--methodology", "incident", "--rationale", WHY)
    assert "fitted best" in said
