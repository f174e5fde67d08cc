"""The one way a review changes: load it from the journal, check, write events, tell plugins.

`Reviews` ties an open journal to a plugin host and an actor. Every command builds its events
*before* writing, from a freshly loaded state; if anything refuses (a validator, a guard, a
plugin), nothing is written and the review is unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from itertools import takewhile
from typing import Any

import attrs

from core.kernel import codec, readmodels
from core.kernel import state as st
from core.kernel.errors import InvalidValue, NotFound, TransitionRefused
from core.kernel.ids import next_id
from core.kernel.journal import Event, Journal, NewEvent
from core.kernel.lifecycle import Stage, allowed_moves, is_allowed
from core.kernel.model import Review
from core.kernel.readmodels.project import project as keep
from core.kernel.readmodels.stored import load
from core.plugin_api.plugins import PluginHost

SNAPSHOT_EVERY = 1000  # events between cached snapshots


class Reviews:
    def __init__(self, journal: Journal, host: PluginHost, actor: str) -> None:
        self.journal = journal
        self.host = host
        self.actor = actor
        # Problems that did not stop the last command (a plugin failing to hear of a move).
        self.warnings: list[str] = []
        self._read_models: bool | None = None  # usable? (asked once, on first need)

    def read_models(self) -> bool:
        """Whether commands read the read models (core.kernel.readmodels): installed on first use;
        not in a read-only database an older casereview wrote, which is replayed instead."""
        if self._read_models is None:
            # A journal that cannot keep them (the PostgreSQL server, for now) is replayed.
            self._read_models = getattr(self.journal, "keeps_read_models", True) and \
                readmodels.ensure(self.journal)
        return self._read_models

    # -- reading ---------------------------------------------------------------------------

    def exists(self, review_id: str) -> bool:
        return self.journal.last_seq(review_id) > 0

    def load(self, review_id: str, *, use_snapshot: bool = True) -> st.ReviewState:
        """The review as it is now, from its read models (its chronology read only as far as
        it is asked for). `use_snapshot=False` replays the whole journal instead, as a check.
        Raises NotFound for an unknown id."""
        if use_snapshot and self.read_models():
            for repaired in (False, True):
                known = self.journal.last_seq(review_id)
                stored = load(self.journal.reader(), review_id, self.journal.path)
                # Read models are written in the events' own transaction, so they are at least
                # as new as the events counted before reading them: a writer who committed in
                # between is no reason to rebuild (on a busy server that deadlocked writers).
                if stored is not None and stored.seq >= known:
                    return stored
                if repaired or self.journal.read_only or not known:  # no such review
                    break
                self._repair(review_id)  # events written without their read models
        state = None
        with codec.collector_paused():
            if use_snapshot:
                cached = self.journal.latest_snapshot(review_id, st.STATE_VERSION)
                if cached is not None:
                    state = st.from_snapshot(cached[1])
            if state is None:
                state = st.ReviewState(id=review_id)
            state.apply_all(self.journal.events(review_id, after_seq=state.seq))
        if state.seq == 0:
            raise NotFound(_unknown_review(review_id, self.journal.review_ids()))
        return state

    def load_as_of(self, review_id: str, moment: dt.datetime) -> st.ReviewState:
        """The review as it stood at `moment` (UTC): replayed from the start, never cached."""
        state = st.ReviewState(id=review_id)
        with codec.collector_paused():
            state.apply_all(self.journal.events(review_id, until=moment))
        if state.seq == 0:
            if not self.exists(review_id):
                raise NotFound(_unknown_review(review_id, self.journal.review_ids()))
            raise NotFound(f"review {review_id} did not exist yet at {moment:%Y-%m-%d %H:%M} UTC")
        return state

    def history(self, review_id: str, *, until: dt.datetime | None = None) -> list[Event]:
        events = list(self.journal.events(review_id, until=until))
        if not events and not self.exists(review_id):
            raise NotFound(_unknown_review(review_id, self.journal.review_ids()))
        return events

    # -- writing ---------------------------------------------------------------------------

    def write(
        self,
        state: st.ReviewState,
        changes: Iterable[tuple[str, dict[str, Any]] | NewEvent],
    ) -> st.ReviewState:
        """Check `changes` against `state` by applying them, then append them after
        `state.seq`. On any error nothing is written; on success `state` is the new state."""
        events = [c if isinstance(c, NewEvent) else NewEvent(*c) for c in changes]
        preview = _copy(state)  # replay on a copy first: a bad event fails before any write
        with codec.collector_paused():
            for offset, new in enumerate(events, start=1):
                preview.apply(_pending(state.id, state.seq + offset, self.actor, new))
        project = None
        if self.read_models():
            def project(sql, written: list[Event]) -> None:
                kept = sql.one("SELECT seq FROM rm_reviews WHERE review_id = ?", (state.id,))
                if (kept[0] if kept else 0) != state.seq:  # behind the journal: start again
                    readmodels.rebuild_review(sql, self.journal, state.id)
                    return
                preview.seq, preview.updated_at = written[-1].seq, written[-1].recorded_at
                keep(sql, preview, written)

        written = self.journal.append(state.id, state.seq, self.actor, events, project=project)
        if written:
            # The preview is these events applied (reducers read only the payload), so it
            # becomes the state, stamped as the journal recorded it; nothing is applied twice.
            _take_over(state, preview)
            state.seq, state.updated_at = written[-1].seq, written[-1].recorded_at
            entries = state.collections["chronology"]
            if project is not None and hasattr(entries, "written"):
                entries.written(state.seq)  # its overlay is in the read model now
        if project is None:
            self._maybe_snapshot(state)  # the read models make snapshots unnecessary
        return state

    def _repair(self, review_id: str) -> None:
        self.journal.in_transaction(
            lambda sql: readmodels.rebuild_review(sql, self.journal, review_id))

    def open_review(
        self, review: Review, changes: Sequence[tuple[str, dict[str, Any]]] = ()
    ) -> st.ReviewState:
        """Record a new review's notification (and any first changes) as its first events."""
        if self.exists(review.id):
            raise InvalidValue(f"there is already a review with the id {review.id}")
        self.host.regime(review.regime)  # refuse an unknown regime before writing
        state = st.ReviewState(id=review.id)
        return self.write(state, [("review.opened", codec.to_data(review)), *changes])

    def move(self, review_id: str, target: Stage | str, *, reason: str = "") -> st.ReviewState:
        """Move a review to another stage, if the lifecycle allows it and every guard agrees."""
        state = self.load(review_id)
        if isinstance(target, str) and not isinstance(target, Stage):
            # As the README writes them: "learning events", "Improvement-actions".
            target = "_".join(target.strip().lower().replace("-", " ").split())
        if target not in {s.value for s in Stage}:
            stages = ", ".join(s.value for s in Stage)
            raise InvalidValue(f"{target!r} is not a stage of the lifecycle; stages: {stages}")
        target = Stage(target)
        reasons = self.refusals(state, target)
        if reasons:
            raise TransitionRefused(state.stage.value, target.value, reasons)
        source = state.stage
        change = {"from": source.value, "to": target.value, "reason": reason}
        self.write(state, [("stage.changed", change)])
        failures = self.host.notify_each(
            "stage_changed", review=state, source=source.value, target=target.value
        )
        self.warnings = [f"{error} (the move was recorded)" for error in failures]
        return state

    def refusals(self, state: st.ReviewState, target: Stage) -> list[str]:
        """Every reason not to move `state` to `target` now (empty: the move may happen)."""
        if not is_allowed(state.stage, target):
            moves = ", ".join(sorted(s.value for s in allowed_moves(state.stage))) or "none"
            return [f"the lifecycle does not allow {state.stage.label} -> {target.label} "
                    f"(allowed from here: {moves})"]
        reasons: list[str] = []
        for _plugin, found in self.host.call_each(
            "check_transition", review=state, source=state.stage.value, target=target.value
        ):
            reasons.extend(found or [])
        if state.methodology:
            for found in self.host.call_methodology(
                state.methodology, "check_methodology_transition",
                review=state, source=state.stage.value, target=target.value,
            ):
                reasons.extend(found or [])
        return reasons

    def _maybe_snapshot(self, state: st.ReviewState) -> None:
        # A snapshot costs time in proportion to the whole review, so one is taken only when
        # the events since the last are at least SNAPSHOT_EVERY *and* as many as the snapshot
        # already covers: snapshots at 1,000, 2,000, 4,000 ... events keep the total work in
        # proportion to the journal (one per batch made a long import quadratic), and a load
        # never replays more than half of it.
        cached = self.journal.latest_snapshot_seq(state.id, st.STATE_VERSION) or 0
        if state.seq - cached >= max(SNAPSHOT_EVERY, cached):
            self._save_snapshot(state)

    def snapshot(self, review_id: str) -> int:
        """Cache the review's state now; returns the sequence number cached."""
        return self._save_snapshot(self.load(review_id))

    def _save_snapshot(self, state: st.ReviewState) -> int:
        """Cache the review as its journal replays from the start, never as held in memory: a
        state changed by mistake (a plugin, a bug) must not become what later loads start from.
        If the two differ, the replay wins, here too, and the difference is reported."""
        replayed = st.ReviewState(id=state.id)
        with codec.collector_paused():
            replayed.apply_all(takewhile(lambda e: e.seq <= state.seq,
                                         self.journal.events(state.id)))
        text = st.to_snapshot(replayed)
        if text != st.to_snapshot(state):
            _take_over(state, replayed)
            self.warnings.append(
                f"review {state.id} as held in memory differed from its audit trail; the audit "
                "trail's version was kept (a plugin may have changed what it was given)")
        self.journal.save_snapshot(state.id, replayed.seq, st.STATE_VERSION, text)
        return replayed.seq


def previewed(state: st.ReviewState,
              changes: Iterable[tuple[str, dict[str, Any]]]) -> st.ReviewState:
    """A copy of `state` with `changes` applied, as a plan of several steps sees it before any
    is written (`state` itself is unchanged)."""
    preview = _copy(state)
    with codec.collector_paused():
        for offset, (kind, payload) in enumerate(changes, start=1):
            preview.apply(_pending(state.id, state.seq + offset, "preview", NewEvent(kind,
                                                                                     payload)))
    return preview


def _pending(review_id: str, seq: int, actor: str, event: NewEvent) -> Event:
    return Event(review_id, seq, dt.datetime.now(dt.UTC), actor, event.kind, event.payload)


def _copy(state: st.ReviewState) -> st.ReviewState:
    # Shallow per collection: values are frozen, so only the containers need copying.
    return st.ReviewState(
        id=state.id,
        seq=state.seq,
        header=state.header,
        stage=state.stage,
        collections={name: values.copy() for name, values in state.collections.items()},
        records={name: dict(values) for name, values in state.records.items()},
        updated_at=state.updated_at,
    )


def _take_over(state: st.ReviewState, preview: st.ReviewState) -> None:
    for name in attrs.fields_dict(st.ReviewState):
        setattr(state, name, getattr(preview, name))


def _unknown_review(review_id: str, known: list[str]) -> str:
    if not known:
        return f"no review with the id {review_id!r}; this database has no reviews yet"
    hint = f"; reviews in this database: {', '.join(known[:10])}"
    return f"no review with the id {review_id!r}{hint}"


def next_review_id(journal: Journal, year: int) -> str:
    """The next id of the form CR-2026-001, counting the reviews already in the journal."""
    return next_id(journal.review_ids(), f"CR-{year}-", width=3)
