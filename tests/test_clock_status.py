"""Clocks of a review: `status`, `deadlines`, recording clocks met and notifications sent, the
planned publication day, and a slipped completion target (seed 2.7)."""

from __future__ import annotations

import json
import sys
import types
from typing import Any

import pytest

from core.apps.cli.status import STATUS_SECTIONS
from core.plugin_api.plugins import PluginHost
from core.statutory.status import DueItem, StatusSection
from plugins.testing import make_host

pytestmark = pytest.mark.both_backends  # storage: on SQLite and on the server


@pytest.fixture(scope="module")
def host() -> PluginHost:
    return make_host()


def new(cli, regime: str, notified: str, review_id: str, *facts: str) -> None:
    cli.ok("new", "--regime", regime, "--title", f"{review_id} (fictional)", "--area",
           "Westmere (fictional)", "--child", "Child Z", "--incident-date", notified,
           "--notified-on", notified, "--id", review_id, *facts)


def status(cli, review_id: str, today: str) -> dict[str, Any]:
    data = json.loads(cli.ok("status", review_id, "--today", today, "--json"))
    data["items"] = {i["id"]: i for s in data["sections"] for i in s["items"]}
    return data


SERIOUS = ("--abuse-or-neglect", "suspected", "--outcome", "seriously_harmed")


def test_cspr_clocks_from_a_friday_before_a_bank_holiday(cli) -> None:
    new(cli, "england-cspr-2018", "2025-05-02", "CSPR-1", *SERIOUS)
    items = status(cli, "CSPR-1", "2025-05-06")["items"]
    panel, rapid = items["panel-notification"], items["rapid-review"]
    assert (panel["due"], panel["days_left"], panel["state"]) == ("2025-05-12", 6, "due")
    assert panel["kind"] == "notification" and panel["applies"] is True
    assert (rapid["due"], rapid["state"]) == ("2025-05-27", "due")
    assert items["completion"]["state"] == "waiting"  # no decision to initiate yet

    cli.ok("notify", "CSPR-1", "sent", "panel-notification", "--on", "2025-05-09")
    cli.ok("clock", "CSPR-1", "met", "rapid-review", "--on", "2025-05-28")
    items = status(cli, "CSPR-1", "2025-06-02")["items"]
    assert (items["panel-notification"]["state"], items["panel-notification"]["met_on"]) == (
        "met", "2025-05-09")
    assert items["rapid-review"]["state"] == "met late"
    assert "1 day after it was due" in cli.ok("status", "CSPR-1", "--today", "2025-06-02")


def test_overdue_is_counted_in_days_and_warned(cli) -> None:
    new(cli, "england-cspr-2018", "2025-05-02", "CSPR-2", *SERIOUS)
    data = status(cli, "CSPR-2", "2025-05-15")
    assert data["items"]["panel-notification"]["days_left"] == -3
    assert data["items"]["panel-notification"]["state"] == "overdue"
    assert any("3 days overdue" in w for w in data["warnings"])
    text = cli.ok("status", "CSPR-2", "--today", "2025-05-15")
    assert "3 days overdue" in text and "panel-notification: met by" in text


def test_a_clock_that_does_not_apply_is_shown_as_such(cli) -> None:
    new(cli, "england-cspr-2018", "2025-05-02", "CSPR-3", "--abuse-or-neglect", "none",
        "--outcome", "died")
    items = status(cli, "CSPR-3", "2025-05-06")["items"]
    assert items["panel-notification"]["state"] == "does not apply"
    cli.refused("notify", "CSPR-3", "sent", "panel-notification", "--on", "2025-05-06",
                says="does not apply")
    assert "CSPR-3" not in cli.ok("deadlines", "--today", "2025-05-06")


def test_clock_without_facts_may_apply_and_says_so(cli) -> None:
    new(cli, "england-cspr-2018", "2025-05-02", "CSPR-4")
    panel = status(cli, "CSPR-4", "2025-05-06")["items"]["panel-notification"]
    assert panel["applies"] is None and panel["due"] == "2025-05-12"
    assert "applies when the criteria outcome is must" in panel["note"]


def test_deadlines_across_reviews_within_days(cli) -> None:
    new(cli, "england-cspr-2018", "2025-05-02", "CSPR-5", *SERIOUS)
    new(cli, "england-cspr-2018", "2025-04-17", "CSPR-6", *SERIOUS)  # before Easter 2025
    rows = json.loads(cli.ok("deadlines", "--today", "2025-05-09", "--json"))
    # Easter Monday 21 April and May Day 5 May 2025 are skipped
    assert [(r["review"], r["id"], r["due"]) for r in rows] == [
        ("CSPR-6", "panel-notification", "2025-04-28"),  # overdue
        ("CSPR-5", "panel-notification", "2025-05-12"),
        ("CSPR-6", "rapid-review", "2025-05-13"),
        ("CSPR-5", "rapid-review", "2025-05-27"),
    ]
    soon = json.loads(cli.ok("deadlines", "--today", "2025-05-09", "--within", "3", "--json"))
    assert [(r["review"], r["id"], r["days_left"]) for r in soon] == [
        ("CSPR-6", "panel-notification", -11), ("CSPR-5", "panel-notification", 3)]
    assert "Nothing due in the next 0 days" in cli.ok("deadlines", "--today", "2025-01-01",
                                                      "--within", "0")


def test_scr_decision_clock_is_met_by_the_decision(cli) -> None:
    new(cli, "england-scr-2013", "2025-01-31", "SCR-1")
    assert status(cli, "SCR-1", "2025-02-03")["items"]["decision"]["due"] == "2025-02-28"
    cli.ok("decide", "SCR-1", "--abuse-or-neglect", "known", "--outcome", "died",
           "--decision", "initiate", "--by", "Chair (fictional)", "--on", "2025-02-20")
    items = status(cli, "SCR-1", "2025-02-21")["items"]
    assert (items["decision"]["state"], items["decision"]["met_on"]) == ("met", "2025-02-20")
    # the decision notice counts 5 working days from the decision; completion 6 months
    assert items["decision-notice"]["due"] == "2025-02-27"
    assert items["completion"]["due"] == "2025-08-20"


def test_publication_clocks(cli) -> None:
    new(cli, "england-scr-2013", "2025-01-06", "SCR-2")
    cli.ok("decide", "SCR-2", "--abuse-or-neglect", "known", "--outcome", "died",
           "--decision", "initiate", "--by", "Chair", "--on", "2025-01-20")
    cli.ok("clock", "SCR-2", "date", "publication_planned", "--on", "2025-09-30")
    items = status(cli, "SCR-2", "2025-09-01")["items"]
    assert items["panel-copy"]["due"] == "2025-09-23"  # at least one week before
    assert items["dfe-ofsted-copy"]["due"] == "2025-09-30"
    cli.ok("clock", "SCR-2", "date", "published", "--on", "2025-09-30")
    assert status(cli, "SCR-2", "2025-10-01")["items"]["keep-published"]["state"] == (
        "keep until due")
    kept = status(cli, "SCR-2", "2026-10-01")["items"]["keep-published"]
    assert (kept["due"], kept["state"]) == ("2026-09-30", "met")
    cli.refused("clock", "SCR-2", "date", "decided", "--on", "2025-01-20",
                says="publication_planned")


def test_delay_needs_a_reason_then_improvements_and_actions(cli) -> None:
    new(cli, "england-scr-2013", "2025-01-06", "SCR-3")
    cli.ok("decide", "SCR-3", "--abuse-or-neglect", "known", "--outcome", "died",
           "--decision", "initiate", "--by", "Chair", "--on", "2025-01-10")

    def delay_warnings() -> list[str]:
        data = status(cli, "SCR-3", "2025-08-01")
        return [w for s in data["sections"] if s["key"] == "delay" for w in s["warnings"]]

    assert status(cli, "SCR-3", "2025-07-10")["items"]["completion"]["state"] == "due"
    warnings = delay_warnings()
    assert any("no reason is recorded" in w for w in warnings)
    assert any("improvement points" in w for w in warnings)
    assert any("corrective actions" in w for w in warnings)

    cli.ok("delay", "SCR-3", "--reason", "parallel court proceedings", "--on", "2025-07-01")
    warnings = delay_warnings()
    assert not any("no reason" in w for w in warnings) and len(warnings) == 2
    cli.ok("delay", "SCR-3", "--improvement", "Share police call-outs with health visiting",
           "--corrective-action", "Daily MASH check of domestic abuse notifications",
           "--on", "2025-07-15")
    assert delay_warnings() == []
    text = cli.ok("status", "SCR-3", "--today", "2025-08-01")
    assert "parallel court proceedings" in text and "Daily MASH check" in text
    cli.refused("delay", "SCR-3", says="--reason")


def test_recording_mistakes_are_refused(cli) -> None:
    new(cli, "england-cspr-2018", "2025-05-02", "CSPR-7", *SERIOUS)
    cli.refused("notify", "CSPR-7", "sent", "rapid-review", says="casereview clock REVIEW met")
    cli.refused("clock", "CSPR-7", "met", "panel-notification", says="casereview notify")
    cli.refused("clock", "CSPR-7", "met", "tea-break", says=("tea-break", "rapid-review"))
    cli.refused("clock", "CSPR-7", "met", "rapid-review", "--on", "2099-01-01", says="future")
    cli.refused("clock", "CSPR-7", "met", "rapid-review", "--on", "2025-04-01",
                says="before the notification")


def test_wales_regime_has_no_clocks_and_says_so(cli) -> None:
    new(cli, "wales-cpr", "2025-05-02", "CPR-1")
    data = status(cli, "CPR-1", "2025-05-06")
    clocks = next(s for s in data["sections"] if s["key"] == "clocks")
    assert clocks["items"] == [] and clocks["lines"] == ["this regime sets no clocks"]


def test_other_modules_add_sections_and_deadlines(cli, monkeypatch) -> None:
    module = types.ModuleType("casereview_test_sections")

    def overdue_requests(host, state, today) -> StatusSection:
        item = DueItem(id="request-1", title="Information request to the GP", kind="request",
                       due=state.review.notified_on, met_on=None, satisfied_by="a reply",
                       today=today)
        return StatusSection("requests", "Information requests", [item])

    module.overdue_requests = overdue_requests  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(STATUS_SECTIONS, "requests", overdue_requests)
    new(cli, "wales-cpr", "2025-05-02", "CPR-2")
    assert status(cli, "CPR-2", "2025-05-06")["items"]["request-1"]["state"] == "overdue"
    rows = json.loads(cli.ok("deadlines", "--today", "2025-05-06", "--json"))
    assert [(r["review"], r["id"], r["days_left"]) for r in rows] == [("CPR-2", "request-1", -4)]
