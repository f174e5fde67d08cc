"""Commissioning: the methodology and variant, terms of reference, people and agencies, the lead
reviewer's independence (seed 2.6) and the number of reviewers a Welsh review needs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from core import hookimpl
from core.cli.base import App, cli
from core.methodology import PRINCIPLES, Methodology, PlannedActivity, ReviewPlan
from core.plugins import PluginHost
from plugins.testing import make_host


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


@pytest.fixture(scope="module")
def host() -> PluginHost:
    return make_host(("test-method", OnlyHereMethod()))


@pytest.fixture
def run(tmp_path: Path, host: PluginHost):
    db = str(tmp_path / "commissioning.db")

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--db", db, *args], obj=App(host=host),
                                  prog_name="casereview")

    return invoke


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.output
    return result.output


def refused(result: Result, *words: str) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.stderr, result.stderr
    return result.stderr


def at_commissioning(run, review_id: str, regime: str = "england-scr-2013",
                     *facts: str) -> None:
    ok(run("new", "--regime", regime, "--title", "Child V (fictional)", "--area", "Westmere",
           "--child", "Child V", "--incident-date", "2025-01-02", "--notified-on", "2025-01-06",
           "--id", review_id))
    ok(run("decide", review_id, "--abuse-or-neglect", "known", "--outcome", "died", *facts,
           "--decision", "initiate", "--by", "Chair", "--on", "2025-01-20"))
    ok(run("move", review_id, "commissioning"))


def test_commission_records_method_variant_and_terms(run, tmp_path: Path) -> None:
    at_commissioning(run, "C1")
    terms = tmp_path / "terms.txt"
    terms.write_text("How did agencies share what they knew about Child V?\n", encoding="utf-8")
    text = ok(run("commission", "C1", "--methodology", "test-method", "--terms-of-reference",
                  str(terms)))
    assert "test-method (full)" in text and "Hold a practitioner event ×2" in text
    assert "12 weeks" in text
    shown = json.loads(ok(run("show", "C1", "--json")))["review"]
    assert shown["methodology"] == "test-method" and shown["variant"] == "full"
    assert shown["terms_of_reference"] == "How did agencies share what they knew about Child V?"
    data = json.loads(ok(run("commission", "C1", "--methodology", "test-method", "--variant",
                             "short", "--terms-of-reference", "Text given inline", "--json")))
    assert data["variant"] == "short" and data["plan"]["variant"] == "short"


def test_commission_refuses_what_does_not_fit(run) -> None:
    ok(run("new", "--regime", "england-scr-2013", "--title", "T", "--area", "A", "--child",
           "Child U", "--incident-date", "2025-01-02", "--notified-on", "2025-01-06", "--id",
           "C2"))
    refused(run("commission", "C2", "--methodology", "test-method"), "commissioning stage")
    at_commissioning(run, "C3")
    refused(run("commission", "C3", "--methodology", "tarot"), "tarot", "test-method")
    refused(run("commission", "C3", "--methodology", "test-method", "--variant", "speedy"),
            "speedy", "full, short")


def test_lead_reviewer_employed_by_an_involved_agency_is_refused(run) -> None:
    at_commissioning(run, "C4")
    ok(run("agencies", "C4", "add", "Westmere Police (fictional)", "--kind", "police"))
    message = refused(run("people", "C4", "add", "--role", "lead_reviewer", "--title",
                          "Independent reviewer", "--name", "Alex Reed (fictional)",
                          "--employer", "westmere  POLICE (fictional)"),
                      "Alex Reed (fictional)", "Westmere Police (fictional)", "independent")
    assert "\n" not in message.strip()
    # working there now counts as much as having worked there
    refused(run("people", "C4", "add", "--role", "lead_reviewer", "--title", "Reviewer",
                "--agency", "Westmere Police (fictional)"), "Westmere Police (fictional)")
    assert json.loads(ok(run("people", "C4", "list", "--json"))) == []
    # a practitioner of the agency is welcome, by role and never by name
    ok(run("people", "C4", "add", "--role", "case_group", "--title", "Response officer",
           "--agency", "Westmere Police (fictional)"))
    refused(run("people", "C4", "add", "--role", "family", "--title", "Mother", "--name", "Jo"),
            "known by role")


def test_an_agency_added_later_holds_the_review_at_commissioning(run) -> None:
    at_commissioning(run, "C5")
    ok(run("commission", "C5", "--methodology", "test-method"))
    ok(run("people", "C5", "add", "--role", "lead_reviewer", "--title", "Independent reviewer",
           "--name", "Sam Lee (fictional)", "--employer", "Eastfield Hospital (fictional)",
           "--appointed-on", "2025-02-03"))
    result = run("agencies", "C5", "add", "Eastfield Hospital (fictional)", "--kind", "hospital")
    assert result.exit_code == 0 and "not independent" in result.stderr
    reasons = refused(run("move", "C5", "evidence"), "Sam Lee (fictional)",
                      "Eastfield Hospital (fictional)")
    assert "seed 2.6" in reasons
    status = json.loads(ok(run("status", "C5", "--json", "--today", "2025-02-04")))
    warnings = " ".join(status["warnings"])
    assert "Eastfield Hospital (fictional)" in warnings
    ok(run("people", "C5", "remove", "P1"))
    ok(run("people", "C5", "add", "--role", "lead_reviewer", "--title", "Independent reviewer",
           "--name", "Kim Cole (fictional)", "--appointed-on", "2025-02-05"))
    ok(run("move", "C5", "evidence"))


def test_reviewer_names_go_to_the_national_panel(run) -> None:
    at_commissioning(run, "C6")
    ok(run("people", "C6", "add", "--role", "lead_reviewer", "--title", "Independent reviewer",
           "--name", "Kim Cole (fictional)", "--appointed-on", "2025-02-07"))  # a Friday
    status = json.loads(ok(run("status", "C6", "--json", "--today", "2025-02-10")))
    names = next(i for s in status["sections"] for i in s["items"] if i["id"] == "reviewer-names")
    assert (names["kind"], names["due"], names["state"]) == ("notification", "2025-02-14", "due")
    ok(run("notify", "C6", "sent", "reviewer-names", "--on", "2025-02-10"))


def test_an_extended_welsh_review_needs_two_reviewers(run) -> None:
    at_commissioning(run, "W1", "wales-cpr", "--fact", "looked_after_within_6_months=yes",
                     "--fact", "on_child_protection_register_within_6_months=no")
    ok(run("commission", "W1", "--methodology", "test-method"))
    ok(run("people", "W1", "add", "--role", "lead_reviewer", "--title", "Reviewer", "--name",
           "Rhian Evans (fictional)"))
    refused(run("move", "W1", "evidence"), "extended cpr needs 2 lead reviewers; 1 appointed")
    ok(run("people", "W1", "add", "--role", "lead_reviewer", "--title", "Reviewer", "--name",
           "Owen Price (fictional)"))
    ok(run("move", "W1", "evidence"))


def test_agencies_list_and_duplicates(run) -> None:
    at_commissioning(run, "C7")
    ok(run("agencies", "C7", "add", "Brookside Surgery (fictional)", "--kind", "gp"))
    refused(run("agencies", "C7", "add", "brookside surgery (fictional)"), "already recorded")
    assert json.loads(ok(run("agencies", "C7", "list", "--json"))) == [
        {"name": "Brookside Surgery (fictional)", "kind": "gp"}]
    assert run("agencies", "C7", "add", "X", "--kind", "wizards").exit_code == 2
