"""Quality markers (SCIE/NSPCC) that the records can show, and the "Checks" section of
`casereview status`, which lists every plugin's check_stage findings under its name."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import Result
from conftest import CommandLine

from core import hookimpl
from core.analysis.quality import check_stage
from core.kernel import state as st
from core.kernel.model import ImprovementAction, Participant
from core.kernel.store import open_journal
from core.plugin_api.plugins import PluginHost
from core.plugin_api.reviews import Reviews
from plugins.testing import build_sample_review, make_host

TODAY = dt.date.today()


def quality_host(*plugins: object) -> PluginHost:
    """A host with `plugins`; the core's own plugin always brings its quality checks."""
    return make_host(*plugins)


def markers(found: list[dict[str, str]]) -> dict[str, list[str]]:
    by_marker: dict[str, list[str]] = {}
    for item in found:
        assert set(item) == {"level", "check", "message"} and item["level"] in (
            "warning", "problem")
        by_marker.setdefault(item["check"], []).append(item["message"])
    return by_marker


@pytest.fixture
def sample(reviews: Reviews):
    return build_sample_review(reviews, methodology="rca")


def at(reviews: Reviews, state, stage: str):
    """Put the review at `stage` directly (the guards are not what is tested here)."""
    return reviews.write(state, [("stage.changed", {"from": state.stage.value, "to": stage,
                                                    "reason": "test"})])


def action(action_id: str, due: dt.date, status: str = "planned") -> ImprovementAction:
    return ImprovementAction(action_id, "Share police call-outs with health visiting",
                             "Head of health visiting", due,
                             "Nine in ten call-outs shared within two working days", ("F1",),
                             status=status,
                             impact_evidence="Audit: 97% shared" if status == "completed" else "")


# -- the core's checks ---------------------------------------------------------------------------


def test_nothing_is_asked_before_commissioning(sample) -> None:
    assert check_stage(review=sample, stage="notification") == []
    assert check_stage(review=sample, stage="decision") == []


def test_terms_of_reference_and_independence_statements(reviews: Reviews, sample) -> None:
    found = markers(check_stage(review=sample, stage="commissioning"))
    assert "clarity of purpose" not in found  # the sample has terms of reference
    assert any("people CR-2025-900 independence P1" in m for m in found["commissioning"])
    state = reviews.write(sample, [st.amend(terms_of_reference="")])
    assert "commission CR-2025-900" in markers(check_stage(review=state, stage="evidence"))[
        "clarity of purpose"][0]
    from core.statutory.commissioning import record_independence

    state = record_independence(reviews, state.id, "P1", "No part in the services to this "
                                "family and no link with the agencies (fictional).", TODAY)
    assert "commissioning" not in markers(check_stage(review=state, stage="evidence"))


def test_family_and_practitioners_by_the_learning_events(reviews: Reviews, sample) -> None:
    assert "family involvement" not in markers(check_stage(review=sample, stage="analysis"))
    found = markers(check_stage(review=sample, stage="learning_events"))
    assert "family-offer" in found["family involvement"][0]
    assert "practitioner involvement" not in found  # the sample has a health visitor
    from core.statutory.commissioning import record_family_offer

    state = record_family_offer(reviews, sample.id, dt.date(2025, 12, 1), "awaiting")
    assert "not answered" in markers(check_stage(review=state, stage="findings"))[
        "family involvement"][0]
    state = record_family_offer(reviews, sample.id, dt.date(2025, 12, 1), "declined")
    assert "family involvement" not in markers(check_stage(review=state, stage="findings"))
    state = reviews.write(state, [st.remove("participants", "P2")])
    assert "--role case_group" in markers(check_stage(review=state, stage="findings"))[
        "practitioner involvement"][0]


def test_a_family_member_taking_part_counts_as_offered(reviews: Reviews, sample) -> None:
    state = reviews.write(sample, [st.put("participants", Participant("P9", "family",
                                                                      "Mother"))])
    assert "family involvement" not in markers(check_stage(review=state, stage="report"))


def test_actions_past_their_due_day(reviews: Reviews, sample) -> None:
    state = reviews.write(sample, [
        st.put("actions", action("A1", TODAY - dt.timedelta(days=3))),
        st.put("actions", action("A2", TODAY + dt.timedelta(days=30))),
        st.put("actions", action("A3", TODAY - dt.timedelta(days=40), "completed")),
        st.put("actions", action("A4", TODAY - dt.timedelta(days=40), "cancelled")),
    ])
    assert "improvement action" not in markers(check_stage(review=state, stage="findings"))
    overdue = markers(check_stage(review=state, stage="improvement_actions"))["improvement action"]
    assert len(overdue) == 1 and "CR-2025-900 update A1" in overdue[0]


def test_monitoring_until_every_action_is_done(reviews: Reviews, sample) -> None:
    state = reviews.write(sample, [
        st.put("actions", action("A1", TODAY + dt.timedelta(days=30), "in_progress")),
        st.put("actions", action("A2", TODAY - dt.timedelta(days=30), "completed")),
    ])
    found = check_stage(review=state, stage="monitoring")
    monitoring = [f for f in found if f["check"] == "implementation and evaluation"]
    assert [f["level"] for f in monitoring] == ["warning"] and "(A1)" in monitoring[0]["message"]
    closed = check_stage(review=state, stage="closed")
    assert [(f["level"], f["check"]) for f in closed] == [
        ("problem", "implementation and evaluation")]
    done = reviews.write(state, [st.put("actions", action("A1", TODAY, "completed"))])
    assert check_stage(review=done, stage="closed") == []
    assert not [f for f in check_stage(review=done, stage="monitoring")
                if f["check"] == "implementation and evaluation"]


# -- the status section --------------------------------------------------------------------------


class Sloppy:
    """Another plugin's checks: one problem, one warning."""

    calls = 0

    @hookimpl
    def check_stage(self, review, stage):
        Sloppy.calls += 1
        return [{"level": "problem", "check": "analysis", "message": "an episode cites hindsight"},
                {"level": "warning", "check": "report", "message": "long sentences"}]


class Broken:
    @hookimpl
    def check_stage(self, review, stage):
        raise RuntimeError("the checker fell over")


def status_of(cli: CommandLine, stage: str = "commissioning", *args: str) -> Result:
    """`casereview status` on the kit's sample review, first put at `stage` in cli's database."""
    with open_journal(cli.db) as journal:
        reviews = Reviews(journal, cli.host, "test")
        if not reviews.exists("CR-2025-900"):
            at(reviews, build_sample_review(reviews, methodology="rca"), stage)
    return cli("status", "CR-2025-900", *args)


def test_status_lists_every_plugins_checks_by_name(tmp_path: Path) -> None:
    cli = CommandLine(quality_host("rca", ("sloppy", Sloppy())), tmp_path / "quality.db")
    result = status_of(cli)
    assert result.exit_code == 0, result.output
    checks = result.output.split("\nChecks\n", 1)[1]
    assert "1 problem, 2 warnings" in checks
    assert "[sloppy] problem (analysis): an episode cites hindsight" in checks
    assert "[sloppy] warning (report): long sentences" in checks
    core_line = next(line for line in checks.splitlines() if "(commissioning)" in line)
    assert "statement of independence" in core_line and "[core-" in core_line
    data = json.loads(status_of(cli, "commissioning", "--json").output)
    section = next(s for s in data["sections"] if s["key"] == "checks")
    assert section["title"] == "Checks" and len(section["lines"]) == 4


def test_a_failing_checker_hides_only_its_own_checks_and_says_so(tmp_path: Path) -> None:
    cli = CommandLine(quality_host("rca", ("broken", Broken()), ("sloppy", Sloppy())),
                      tmp_path / "q.db")
    result = status_of(cli)
    assert result.exit_code == 0, result.output
    checks = result.output.split("\nChecks\n", 1)[1]
    assert "[broken] its checks could not be run" in checks
    # the core's quality checks and the other plugin's still show
    assert "[sloppy] problem (analysis)" in checks
    assert any("(commissioning)" in line and "[core-" in line for line in checks.splitlines())


def test_nothing_to_look_at(tmp_path: Path) -> None:
    result = status_of(CommandLine(make_host("rca", core=True), tmp_path / "q.db"), "decision")
    assert result.exit_code == 0, result.output
    assert "Checks\n  nothing to look at" in result.output


def test_deadlines_does_not_run_the_checks(tmp_path: Path) -> None:
    cli = CommandLine(make_host("rca", ("sloppy", Sloppy())), tmp_path / "quality.db")
    status_of(cli)
    before = Sloppy.calls
    cli.ok("deadlines")
    assert Sloppy.calls == before


# -- recording what the checks look for ----------------------------------------------------------


def test_statements_and_offers_on_the_command_line(tmp_path: Path) -> None:
    host = quality_host("rca")
    cli = CommandLine(host, tmp_path / "quality.db")
    status_of(cli)

    def run(*args: str) -> Result:
        return cli("people", "CR-2025-900", *args)

    assert run("independence", "P1", "--statement", "No link with the agencies (fictional).",
               "--on", "2025-12-01").exit_code == 0
    refused = run("independence", "P2", "--statement", "I am independent.")
    assert refused.exit_code == 1 and "not a lead reviewer" in refused.stderr
    assert "P1" in refused.stderr
    early = run("family-offer", "--on", "2025-01-01")
    assert early.exit_code == 1 and "before the notification" in early.stderr
    assert run("family-offer", "--on", "2025-12-02", "--response", "accepted").exit_code == 0
    with open_journal(cli.db) as journal:
        state = Reviews(journal, host, "test").load("CR-2025-900")
    assert state.record_collection("commissioning/family-offer")["current"] == {
        "offered_on": "2025-12-02", "response": "accepted"}
    assert "commissioning" not in markers(check_stage(review=state, stage="learning_events"))
    # removing the reviewer removes their statement
    assert run("remove", "P1", "--reason", "appointed by mistake").exit_code == 0
    with open_journal(cli.db) as journal:
        state = Reviews(journal, host, "test").load("CR-2025-900")
    assert not state.record_collection("commissioning/independence")
