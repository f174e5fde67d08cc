"""What the Chair's decision holds, and that a decision is recorded only with its move.

The criteria engine's kind names the first step a regime asks for (England 2018: a rapid
review); the decision record keeps it as `criteria_review_kind` and says in `review_kind` which
review is being held. A guard that refuses the move to the decision stage leaves the review as
it was: no facts, no decision, no move.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import CommandLine

from core import hookimpl
from core.kernel.errors import TransitionRefused
from core.kernel.model import Review, Subject
from core.kernel.store import open_journal
from core.plugin_api.plugins import PluginHost
from core.plugin_api.reviews import Reviews
from core.statutory.criteria import AllOf, Otherwise, Rule
from core.statutory.decisions import decide, held_kind
from core.statutory.facts import parse_facts
from core.statutory.regimes import DECISION_RECORD, Regime
from plugins.regimes.common import ABUSE_OR_NEGLECT, CHILD_DIED
from plugins.testing import make_host


@pytest.fixture(scope="module")
def host() -> PluginHost:
    return make_host()


def notified(cli, review_id: str, regime: str) -> None:
    cli.ok("new", "--regime", regime, "--title", "Child U (fictional)", "--area", "Westmere",
           "--child", "Child U", "--incident-date", "2025-01-02", "--notified-on", "2025-01-06",
           "--id", review_id)


def recorded_decision(db: Path, host: PluginHost, review_id: str) -> dict[str, Any]:
    with open_journal(db) as journal:
        state = Reviews(journal, host, "test").load(review_id)
    return state.record_collection(DECISION_RECORD)["current"]


WALES_LOOKED_AFTER = ("--fact", "looked_after_within_6_months=yes",
                      "--fact", "on_child_protection_register_within_6_months=no")


@pytest.mark.parametrize(("regime", "facts", "decision", "held", "criteria_kind", "reviewers"), [
    ("england-cspr-2018", (), "initiate", "local_child_safeguarding_practice_review",
     "rapid_review", None),
    ("england-cspr-2018", (), "alternative", "local_learning_review", "rapid_review", None),
    ("england-cspr-2018", (), "no-review", None, "rapid_review", None),
    ("england-scr-2013", (), "initiate", "serious_case_review", "serious_case_review", None),
    ("england-scr-2013", (), "alternative", "alternative_case_review", "serious_case_review",
     None),
    ("wales-cpr", WALES_LOOKED_AFTER, "initiate", "extended_cpr", "extended_cpr", 2),
    ("wales-cpr", WALES_LOOKED_AFTER, "alternative", "multi_agency_professional_forum",
     "extended_cpr", None),
])
def test_the_decision_records_the_review_it_holds(cli, host: PluginHost, regime: str,
                                                  facts: tuple[str, ...], decision: str,
                                                  held: str | None, criteria_kind: str,
                                                  reviewers: int | None) -> None:
    notified(cli, "K1", regime)
    data = json.loads(cli.ok("decide", "K1", "--abuse-or-neglect", "known", "--outcome", "died",
                             *facts, "--decision", decision, "--by", "Chair", "--rationale",
                             "fictional: tested either way", "--on", "2025-01-20", "--json"))
    assert (data["review_kind"], data["criteria_review_kind"]) == (held, criteria_kind)
    assert data["criteria"]["review_kind"] == criteria_kind  # the criteria answer is unchanged
    record = recorded_decision(cli.db, host, "K1")
    assert (record["review_kind"], record["criteria_review_kind"]) == (held, criteria_kind)
    assert record["lead_reviewers_required"] == reviewers


def test_status_shows_the_criteria_kind_and_the_review_held(cli) -> None:
    notified(cli, "K2", "england-cspr-2018")
    text = cli.ok("decide", "K2", "--abuse-or-neglect", "known", "--outcome", "died",
                  "--fact", "recurrent_themes=yes", "--decision", "initiate", "--by", "Chair",
                  "--on", "2025-01-20")
    assert "Outcome: must — rapid review" in text
    assert "Review held: local child safeguarding practice review" in text
    status = cli.ok("status", "K2", "--today", "2025-01-21")
    assert "Criteria: must — rapid review" in status
    assert "Review held: local child safeguarding practice review" in status
    assert "Review held: rapid review" not in status


def test_no_review_holds_nothing(cli) -> None:
    notified(cli, "K3", "england-cspr-2018")
    cli.ok("decide", "K3", "--abuse-or-neglect", "known", "--outcome", "died",
           "--decision", "no-review", "--by", "Chair", "--on", "2025-01-20")
    assert "Review held" not in cli.ok("status", "K3", "--today", "2025-01-21")


def test_a_regime_may_map_only_the_decisions_that_hold_a_review() -> None:
    with pytest.raises(ValueError, match="no-review"):
        local_regime(decision_kinds={"no-review": "nothing"})


def local_regime(**more: Any) -> Regime:
    """A local area's own regime that declares no decision kinds unless told."""
    return Regime(name="local-test", title="A local regime (fictional)", nation="england",
                  calendar="england", summary="For these tests only.",
                  rules=[Rule("local-death", "must", "A local review must be held",
                              AllOf([ABUSE_OR_NEGLECT, CHILD_DIED]), review_kind="local_review")],
                  otherwise=Otherwise("local-not-met", "not_met", "no local review is needed"),
                  **more)


def test_without_decision_kinds_the_criteria_kind_is_held() -> None:
    regime = local_regime()
    assert regime.held_kind("initiate", "local_review") == "local_review"
    assert regime.held_kind("alternative", "local_review") == "alternative_review"
    assert regime.held_kind("no-review", "local_review") is None


def test_a_decision_journalled_before_the_split_is_read_through_the_regime(
        host: PluginHost, tmp_path: Path) -> None:
    """Older decision records kept the engine's kind as review_kind; the regime says again
    what that decision holds, so status does not call a local review a rapid review."""
    with open_journal(tmp_path / "decision.db") as journal:
        reviews = Reviews(journal, host, "test")
        state = open_review(reviews, "K4", "england-cspr-2018")
        from core.kernel import state as st

        state = reviews.write(state, [st.put_record(DECISION_RECORD, "current", {
            "decision": "initiate", "by": "Chair", "rationale": "", "on": "2025-01-20",
            "engine_outcome": "must", "review_kind": "rapid_review", "agrees_with_engine": True,
            "lead_reviewers_required": None})])
        assert held_kind(host, state) == "local_child_safeguarding_practice_review"


def open_review(reviews: Reviews, review_id: str, regime: str):
    return reviews.open_review(Review(
        id=review_id, title="Child U (fictional)", regime=regime, area="Westmere",
        subject=Subject("Child U", ""), incident_date=dt.date(2025, 1, 2),
        notified_on=dt.date(2025, 1, 6)))


# -- a refused move records nothing ------------------------------------------------------------


class HoldsAtNotification:
    """A local guard: a decision of no review is moved on only after peer challenge. It reads
    the decision, so it must be asked with the decision in view."""

    def __init__(self) -> None:
        self.seen: list[str | None] = []

    @hookimpl
    def check_transition(self, review, source: str, target: str) -> list[str]:
        if (source, target) != ("notification", "decision"):
            return []
        decided = review.record_collection(DECISION_RECORD).get("current", {}).get("decision")
        self.seen.append(decided)
        if decided == "no-review":
            return ["a decision of no review waits for peer challenge from another Chair"]
        return []


def test_a_refused_move_leaves_the_review_unchanged(tmp_path: Path) -> None:
    guard = HoldsAtNotification()
    guarded = make_host(("peer-challenge", guard))
    with open_journal(tmp_path / "refused.db") as journal:
        reviews = Reviews(journal, guarded, "test")
        open_review(reviews, "K5", "england-scr-2013")
        before = journal.last_seq("K5")
        facts = parse_facts({"abuse_or_neglect": "none", "outcome": "none",
                             "died_in_custody_setting": "none"}, ())
        with pytest.raises(TransitionRefused, match="peer challenge"):
            decide(reviews, "K5", facts, "no-review", by="Chair", rationale="",
                   on=dt.date(2025, 1, 20))
        assert guard.seen == ["no-review"]  # the guard saw the decision it was refusing
        assert journal.last_seq("K5") == before
        state = reviews.load("K5")
        assert state.stage.value == "notification"
        assert not state.record_collection(DECISION_RECORD)
        assert not state.record_collection("regime/facts")
        # a decision the guard accepts: decision and move in one write
        state, _ = decide(reviews, "K5", facts, "alternative", by="Chair", rationale="",
                          on=dt.date(2025, 1, 20))
        assert state.stage.value == "decision"
        kinds = [e.kind for e in reviews.history("K5")][1:]
        assert kinds == ["record.put", "record.put", "record.put", "stage.changed"]
        assert len({e.recorded_at for e in reviews.history("K5")[1:]}) == 1


def test_a_refused_decision_on_the_command_line(tmp_path: Path) -> None:
    cli = CommandLine(make_host(("peer-challenge", HoldsAtNotification())), tmp_path / "cli.db")
    cli.ok("new", "--regime", "england-scr-2013", "--title", "Child U (fictional)", "--area",
           "Westmere", "--child", "Child U", "--incident-date", "2025-01-02",
           "--notified-on", "2025-01-06", "--id", "K6")
    before = cli.ok("history", "K6")
    cli.refused("decide", "K6", "--abuse-or-neglect", "none", "--outcome", "none",
                "--died-in-custody-setting", "none", "--decision", "no-review", "--by", "Chair",
                "--on", "2025-01-20", says=("the review is unchanged", "peer challenge"))
    assert cli.ok("history", "K6") == before


def test_regimes_say_what_each_decision_holds_and_which_set_no_clocks(cli) -> None:
    data = {r["name"]: r for r in json.loads(cli.ok("regimes", "--json"))}
    assert data["england-cspr-2018"]["decision_kinds"] == {
        "initiate": "local_child_safeguarding_practice_review",
        "alternative": "local_learning_review"}
    assert data["wales-cpr"]["decision_kinds"]["initiate"] is None  # concise or extended
    assert data["wales-cpr"]["clocks"] == []
    text = cli.ok("regimes")
    assert "on a decision of initiate: local child safeguarding practice review" in text
    assert "clocks: none set by this regime" in text
