"""Random sequences of lifecycle commands, driven by hypothesis: after every step the review
rebuilt from the journal (without snapshots) equals the live state, and every refused command
(a move the lifecycle or a guard refuses, a change a validator refuses) changed nothing."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, settings
from hypothesis import strategies as s
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from core import hookimpl
from core.kernel import state as st
from core.kernel.dates import PartialDate
from core.kernel.errors import CaseReviewError
from core.kernel.lifecycle import Stage, allowed_moves, is_allowed
from core.kernel.model import ChronologyEntry, Finding, ImprovementAction, Recommendation
from core.kernel.store import open_journal
from core.plugin_api.reviews import Reviews
from core.statutory.decisions import decide
from core.statutory.facts import parse_facts
from plugins.testing import build_sample_review, make_host

AGENCIES = ("Northwold Police", "Brookside Surgery", "Northwold Health Visiting")


class PanelGuard:
    """A cross-cutting guard of the kind a local policy adds: no publication while any finding
    is still a draft."""

    @hookimpl
    def check_transition(self, review, source, target):
        drafts = [f.id for f in review.findings.values() if f.status.value == "draft"]
        if target == "publication" and drafts:
            return [f"the panel has not agreed findings {', '.join(sorted(drafts))}"]
        return []


class ReviewLifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.journal = open_journal(":memory:")
        self.reviews = Reviews(self.journal, make_host("rca", PanelGuard()), "machine")
        self.live = build_sample_review(self.reviews, methodology="rca")
        self.counter = 0
        self.moves: list[str] = []

    def teardown(self) -> None:
        self.journal.close()

    # -- helpers ---------------------------------------------------------------------------

    def _next(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def _as_written(self) -> tuple[int, dict]:
        return self.journal.last_seq(self.live.id), st.summary(self.live)

    def _refused_changes_nothing(self, attempt) -> bool:
        """Run `attempt`; if it is refused, prove nothing changed. True if it went through."""
        before = self._as_written()
        try:
            attempt()
        except CaseReviewError:
            assert self._as_written() == before
            assert st.summary(self.reviews.load(self.live.id, use_snapshot=False)) == before[1]
            return False
        return True

    # -- rules ----------------------------------------------------------------------------

    @rule(data=s.data())
    def move(self, data: s.DataObject) -> None:
        source = self.live.stage
        # Mostly moves the lifecycle allows (so reviews get far), sometimes any stage at all.
        allowed = sorted(allowed_moves(source))
        choices = s.sampled_from(list(Stage))
        stage = data.draw(s.one_of(s.sampled_from(allowed), choices) if allowed else choices)
        moved: list[st.ReviewState] = []

        def attempt() -> None:
            moved.append(self.reviews.move(self.live.id, stage, reason="machine"))

        if self._refused_changes_nothing(attempt):
            assert is_allowed(source, stage), f"{source} -> {stage} should have been refused"
            self.live = moved[0]
            assert self.live.stage is stage
            self.moves.append(f"{source.value}->{stage.value}")

    @rule()
    def advance(self) -> None:
        """The next stage forward, as a review usually goes (guards may still refuse)."""
        forward = [stage for stage in allowed_moves(self.live.stage)
                   if list(Stage).index(stage) > list(Stage).index(self.live.stage)]
        if not forward:
            return
        stage = min(forward, key=list(Stage).index)
        moved: list[st.ReviewState] = []

        def attempt() -> None:
            moved.append(self.reviews.move(self.live.id, stage))

        if self._refused_changes_nothing(attempt):
            self.live = moved[0]
            self.moves.append(f"{stage.value}")

    @rule(decision=s.sampled_from(["initiate", "no-review"]))
    def record_the_chairs_decision(self, decision: str) -> None:
        """The regime's decision (helper B's `core.statutory.decisions`), refused past the decision
        stage."""
        facts = parse_facts({"abuse_or_neglect": "suspected", "outcome": "died"})
        decided: list[st.ReviewState] = []

        def attempt() -> None:
            decided.append(decide(self.reviews, self.live.id, facts, decision, by="Chair",
                                  rationale="fictional", on=self.live.review.notified_on)[0])

        if self._refused_changes_nothing(attempt):
            self.live = decided[0]

    @rule(agency=s.sampled_from(AGENCIES), day=s.integers(min_value=0, max_value=400),
          what=s.text(min_size=0, max_size=20))
    def add_entry(self, agency: str, day: int, what: str) -> None:
        def attempt() -> None:
            entry = ChronologyEntry(self._next("E"), agency,
                                    PartialDate.day(dt.date(2025, 1, 1) + dt.timedelta(day)), what)
            self.live = self.reviews.write(self.live, [st.put("chronology", entry)])

        went = self._refused_changes_nothing(attempt)
        assert went == bool(what.strip())  # an entry must say what happened

    @precondition(lambda self: len(self.live.chronology) > 1)
    @rule(data=s.data())
    def remove_entry(self, data: s.DataObject) -> None:
        key = data.draw(s.sampled_from(sorted(self.live.chronology)))
        self.live = self.reviews.write(self.live, [st.remove("chronology", key)])

    @rule(status=s.sampled_from(["suggested", "draft", "final"]))
    def add_finding(self, status: str) -> None:
        finding = Finding(self._next("F"), "A pattern in the system", "Fictional statement.",
                          evidence_ids=("EV1",), status=status)
        self.live = self.reviews.write(self.live, [st.put("findings", finding)])

    @precondition(lambda self: bool(self.live.findings))
    @rule(data=s.data(), owner=s.sampled_from(["", "Partnership business manager"]))
    def add_recommendation_and_action(self, data: s.DataObject, owner: str) -> None:
        finding = data.draw(s.sampled_from(sorted(self.live.findings)))

        def attempt() -> None:
            recommendation = Recommendation(self._next("R"), "Share call-outs.", (finding,))
            action = ImprovementAction(self._next("A"), "Set up a daily briefing.", owner,
                                       dt.date(2026, 9, 30), "Briefings held", (recommendation.id,))
            self.live = self.reviews.write(self.live, [st.put("recommendations", recommendation),
                                                       st.put("actions", action)])

        assert self._refused_changes_nothing(attempt) == bool(owner)  # an action needs an owner

    @rule(days=s.integers(min_value=-30, max_value=30))
    def amend_notification_date(self, days: int) -> None:
        notified = self.live.review.incident_date + dt.timedelta(days)

        def attempt() -> None:
            self.live = self.reviews.write(self.live, [st.amend(notified_on=notified)])

        assert self._refused_changes_nothing(attempt) == (days >= 0)

    @rule(key=s.sampled_from(["a", "b"]), text=s.text(max_size=10))
    def put_plugin_record(self, key: str, text: str) -> None:
        record = st.put_record("machine/notes", key, {"text": text})
        self.live = self.reviews.write(self.live, [record])

    @rule()
    def snapshot(self) -> None:
        self.reviews.snapshot(self.live.id)

    # -- the invariant --------------------------------------------------------------------

    @invariant()
    def the_journal_tells_the_same_story(self) -> None:
        replayed = self.reviews.load(self.live.id, use_snapshot=False)
        assert st.summary(replayed) == st.summary(self.live)
        assert st.summary(self.reviews.load(self.live.id)) == st.summary(self.live)
        assert self.journal.last_seq(self.live.id) == self.live.seq


ReviewLifecycle.TestCase.settings = settings(
    max_examples=25, stateful_step_count=60, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestReviewLifecycle = ReviewLifecycle.TestCase
