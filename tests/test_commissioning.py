"""Commissioning: the methodology and variant, terms of reference, people and agencies, the lead
reviewer's independence (seed 2.6) and the number of reviewers a Welsh review needs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core import hookimpl
from core.plugin_api.methodology import PRINCIPLES, Methodology, PlannedActivity, ReviewPlan
from core.plugin_api.plugins import PluginHost
from plugins.testing import make_host

pytestmark = pytest.mark.both_backends  # storage: on SQLite and on the server


class OnlyHereMethod:
    """A methodology that exists only here, with two variants and a plan."""

    @hookimpl
    def register_methodologies(self, register) -> None:
        register(Methodology(
            name="test-method", title="Test method", summary="Only for these tests.",
            fits_when=("a test",), not_fits_when=("a real review",),
            principles={key: f"test: {text}" for key, text in PRINCIPLES.items()},
            variants={"full": "all of it", "short": "less of it"}, default_variant="full"))

    @hookimpl
    def plan_review(self, review, methodology, variant) -> ReviewPlan:
        return ReviewPlan(methodology, variant, [
            PlannedActivity("evidence", "Ask each agency for its chronology", ("coordinator",)),
            PlannedActivity("learning_events", "Hold a practitioner event", count=2),
        ], typical_weeks=12, agency_submission="a chronology and a short account")


class WelshStandIn:
    """Stands in for the child practice review, the only method the Welsh regime allows."""

    @hookimpl
    def register_methodologies(self, register) -> None:
        register(Methodology(
            name="child-practice-review", title="Welsh stand-in", summary="Only for tests.",
            fits_when=("a test",), not_fits_when=("a real review",),
            principles={key: f"test: {text}" for key, text in PRINCIPLES.items()}))


@pytest.fixture(scope="module")
def host() -> PluginHost:
    return make_host(("test-method", OnlyHereMethod()), ("welsh", WelshStandIn()))


def at_commissioning(cli, review_id: str, regime: str = "england-scr-2013",
                     *facts: str) -> None:
    cli.ok("new", "--regime", regime, "--title", "Child V (fictional)", "--area", "Westmere",
           "--child", "Child V", "--incident-date", "2025-01-02", "--notified-on", "2025-01-06",
           "--id", review_id)
    cli.ok("decide", review_id, "--abuse-or-neglect", "known", "--outcome", "died", *facts,
           "--decision", "initiate", "--by", "Chair", "--on", "2025-01-20")
    cli.ok("move", review_id, "commissioning")


def test_commission_records_method_variant_and_terms(cli, tmp_path: Path) -> None:
    at_commissioning(cli, "C1")
    terms = tmp_path / "terms.txt"
    terms.write_text("How did agencies share what they knew about Child V?\n", encoding="utf-8")
    text = cli.ok("commission", "C1", "--methodology", "test-method", "--terms-of-reference",
                  f"@{terms}")
    assert "test-method (full)" in text and "Hold a practitioner event ×2" in text
    assert "12 weeks" in text
    shown = json.loads(cli.ok("show", "C1", "--json"))["review"]
    assert shown["methodology"] == "test-method" and shown["variant"] == "full"
    assert shown["terms_of_reference"] == "How did agencies share what they knew about Child V?"
    data = json.loads(cli.ok("commission", "C1", "--methodology", "test-method", "--variant",
                             "short", "--terms-of-reference", "Text given inline", "--json"))
    assert data["variant"] == "short" and data["plan"]["variant"] == "short"


def test_commission_refuses_what_does_not_fit(cli) -> None:
    cli.ok("new", "--regime", "england-scr-2013", "--title", "T", "--area", "A", "--child",
           "Child U", "--incident-date", "2025-01-02", "--notified-on", "2025-01-06", "--id",
           "C2")
    cli.refused("commission", "C2", "--methodology", "test-method", says="commissioning stage")
    at_commissioning(cli, "C3")
    cli.refused("commission", "C3", "--methodology", "tarot", says=("tarot", "test-method"))
    cli.refused("commission", "C3", "--methodology", "test-method", "--variant", "speedy",
                says=("speedy", "full, short"))


def test_lead_reviewer_employed_by_an_involved_agency_is_refused(cli) -> None:
    at_commissioning(cli, "C4")
    cli.ok("agencies", "C4", "add", "Westmere Police (fictional)", "--kind", "police")
    cli.refused("people", "C4", "add", "--role", "lead_reviewer", "--title",
                "Independent reviewer", "--name", "Alex Reed (fictional)",
                "--employer", "westmere  POLICE (fictional)", one_line=True,
                says=("Alex Reed (fictional)", "Westmere Police (fictional)", "independent"))
    # working there now counts as much as having worked there
    cli.refused("people", "C4", "add", "--role", "lead_reviewer", "--title", "Reviewer",
                "--agency", "Westmere Police (fictional)", says="Westmere Police (fictional)")
    assert json.loads(cli.ok("people", "C4", "list", "--json")) == []
    # a practitioner of the agency is welcome, by role and never by name
    cli.ok("people", "C4", "add", "--role", "case_group", "--title", "Response officer",
           "--agency", "Westmere Police (fictional)")
    cli.refused("people", "C4", "add", "--role", "family", "--title", "Mother", "--name", "Jo",
                says="known by role")


def test_an_agency_added_later_holds_the_review_at_commissioning(cli) -> None:
    at_commissioning(cli, "C5")
    cli.ok("commission", "C5", "--methodology", "test-method")
    cli.ok("people", "C5", "add", "--role", "lead_reviewer", "--title", "Independent reviewer",
           "--name", "Sam Lee (fictional)", "--employer", "Eastfield Hospital (fictional)",
           "--appointed-on", "2025-02-03")
    result = cli("agencies", "C5", "add", "Eastfield Hospital (fictional)", "--kind", "hospital")
    assert result.exit_code == 0 and "not independent" in result.stderr
    reasons = cli.refused("move", "C5", "evidence",
                          says=("Sam Lee (fictional)", "Eastfield Hospital (fictional)"))
    assert "independent of the agencies involved" in reasons and "seed" not in reasons
    status = json.loads(cli.ok("status", "C5", "--json", "--today", "2025-02-04"))
    warnings = " ".join(status["warnings"])
    assert "Eastfield Hospital (fictional)" in warnings
    cli.ok("people", "C5", "remove", "P1", "--reason", "employed by an agency involved")
    cli.ok("people", "C5", "add", "--role", "lead_reviewer", "--title", "Independent reviewer",
           "--name", "Kim Cole (fictional)", "--appointed-on", "2025-02-05")
    cli.ok("move", "C5", "evidence")


def test_reviewer_names_go_to_the_national_panel(cli) -> None:
    at_commissioning(cli, "C6")
    cli.ok("people", "C6", "add", "--role", "lead_reviewer", "--title", "Independent reviewer",
           "--name", "Kim Cole (fictional)", "--appointed-on", "2025-02-07")  # a Friday
    status = json.loads(cli.ok("status", "C6", "--json", "--today", "2025-02-10"))
    names = next(i for s in status["sections"] for i in s["items"] if i["id"] == "reviewer-names")
    assert (names["kind"], names["due"], names["state"]) == ("notification", "2025-02-14", "due")
    cli.ok("notify", "C6", "sent", "reviewer-names", "--on", "2025-02-10")


def test_an_extended_welsh_review_needs_two_reviewers(cli) -> None:
    at_commissioning(cli, "W1", "wales-cpr", "--fact", "looked_after_within_6_months=yes",
                     "--fact", "on_child_protection_register_within_6_months=no")
    cli.ok("commission", "W1", "--methodology", "child-practice-review")
    cli.ok("people", "W1", "add", "--role", "lead_reviewer", "--title", "Reviewer", "--name",
           "Rhian Evans (fictional)")
    cli.refused("move", "W1", "evidence", says="extended cpr needs 2 lead reviewers; 1 appointed")
    cli.ok("people", "W1", "add", "--role", "lead_reviewer", "--title", "Reviewer", "--name",
           "Owen Price (fictional)")
    cli.ok("move", "W1", "evidence")


def test_the_law_and_the_chooser_are_asked_at_commissioning(cli) -> None:
    at_commissioning(cli, "W2", "wales-cpr", "--fact", "looked_after_within_6_months=no",
                     "--fact", "on_child_protection_register_within_6_months=no")
    cli.refused("commission", "W2", "--methodology", "test-method",
                says=["Test method cannot be this review's method",
                      "child practice review"])
    assert json.loads(cli.ok("show", "W2", "--json"))["review"]["methodology"] is None
    said = cli.ok("commission", "W2", "--methodology", "child-practice-review")
    assert "The chooser's view: no allowed methodology gave a view" in said


def test_agencies_list_and_duplicates(cli) -> None:
    at_commissioning(cli, "C7")
    cli.ok("agencies", "C7", "add", "Brookside Surgery (fictional)", "--kind", "gp")
    cli.refused("agencies", "C7", "add", "brookside surgery (fictional)", says="already recorded")
    assert json.loads(cli.ok("agencies", "C7", "list", "--json")) == [
        {"name": "Brookside Surgery (fictional)", "kind": "gp"}]
    assert cli("agencies", "C7", "add", "X", "--kind", "wizards").exit_code == 2
