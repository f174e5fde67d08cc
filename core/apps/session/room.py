"""One live session's room: the journal behind it, every change written before anyone is told,
and what is said passed on to every screen.

The journal is SQLite, which wants one thread per connection, so one worker thread owns it.
Actions queue up and are written in batches (a group commit): everything that arrived while
the last batch was being written goes in the next transaction, so a burst of contributions
costs one write, not one each. An action that is refused is left out of its batch and its
sender told why; the others are written. Nobody is answered before their change is in the
journal.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from typing import Any

from attrs import frozen

from core.apps.session import actions, records
from core.apps.session.actions import Outcome
from core.kernel.corrections import used_ids
from core.kernel.errors import CaseReviewError, ConflictError
from core.kernel.ids import next_id
from core.kernel.state import ReviewState

MAX_BATCH = 500
Action = Callable[[ReviewState], Outcome]


@frozen
class Snapshot:
    """The room as last written: immutable, so screens read it without locks."""

    state: ReviewState  # a copy nobody changes
    version: int


class Listener:
    """One open screen: what it may be told, and its queue of server-sent events (each item
    the events of one batch, already written out)."""

    def __init__(self, facilitator: bool) -> None:
        self.facilitator = facilitator
        self.queue: asyncio.Queue[str] = asyncio.Queue(maxsize=1000)

    def tell(self, events: str) -> None:
        # a screen that stopped reading reloads its whole view when it comes back
        with suppress(asyncio.QueueFull):
            self.queue.put_nowait(events)


def event_text(note: dict[str, Any]) -> str:
    """One note as a server-sent event."""
    return f"data: {json.dumps(note)}\n\n"


class Room:
    def __init__(self, open_reviews: Callable[[], Any], review_id: str, session_id: str) -> None:
        self._open_reviews = open_reviews
        self.review_id, self.session_id = review_id, session_id
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journal")
        self._reviews: Any = None
        self._state: ReviewState | None = None  # touched only on the worker thread
        self._queue: asyncio.Queue[tuple[Action, asyncio.Future[Outcome]]] | None = None
        self._writer: asyncio.Task[None] | None = None
        self.listeners: set[Listener] = set()
        self.snapshot: Snapshot | None = None
        self.written = 0  # events this room has written, for the benchmark
        self.plan_epoch = 0  # moves on whenever screens are told to reload their view
        self._numbers: dict[str, int] = {}  # id prefix -> highest number known given (worker)

    # -- the worker thread -------------------------------------------------------------------

    def _load(self) -> Snapshot:
        if self._reviews is None:
            self._reviews = self._open_reviews()
        self._state = self._reviews.load(self.review_id)
        self._numbers = {}
        return self._freeze(0)

    def _freeze(self, version: int) -> Snapshot:
        # Nothing changes the review's collections once written: a write replays onto copies
        # and a batch copies what it touches (actions.own), so the snapshot shares them.
        assert self._state is not None
        return Snapshot(actions.shared(self._state), version)

    def contribution_id(self, work: ReviewState, event_id: str) -> str:
        """The next contribution id for the event, on the worker thread. The ids given so far
        are counted once, then the count is carried on: reading every id for each contribution
        would make a long session slower with every point made. An action refused after
        asking leaves no gap (the next asker gets the same id)."""
        prefix = f"{event_id}-C"
        number = self._numbers.get(prefix)
        if number is None:
            number = int(next_id(used_ids(work, "contributions"), prefix)[len(prefix):]) - 1
        while f"{prefix}{number + 1}" in work.contributions:
            number += 1
        self._numbers[prefix] = number
        return f"{prefix}{number + 1}"

    def _apply(self, batch: list[Action], version: int) -> tuple[list[Any], Snapshot | None]:
        try:
            return self._apply_once_or_twice(batch, version)
        except BaseException:
            self._numbers = {}  # the batch was not written: count again from the journal's
            raise

    def _apply_once_or_twice(self, batch: list[Action],
                             version: int) -> tuple[list[Any], Snapshot | None]:
        for attempt in (1, 2):
            assert self._state is not None
            work, owned = actions.shared(self._state), set[str]()
            results: list[Any] = []
            changes: list[records.Change] = []
            for action in batch:
                try:
                    outcome = action(work)
                except CaseReviewError as error:
                    results.append(error)
                    continue
                actions.own(work, outcome.changes, owned)  # copied once a batch, when touched
                actions.advance(work, outcome.changes)
                changes.extend(outcome.changes)
                results.append(outcome)
            if not changes:
                return results, None
            try:
                self._reviews.write(self._state, changes)
            except ConflictError:
                if attempt == 2:
                    raise
                # Someone wrote with the command line meanwhile: read the review again and
                # redo the batch on it.
                self._state = self._reviews.load(self.review_id)
                self._numbers = {}
                continue
            self.written += len(changes)
            return results, self._freeze(version)
        raise AssertionError("unreachable")

    # -- the event loop ----------------------------------------------------------------------

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self.snapshot = await loop.run_in_executor(self._worker, self._load)
        self._queue = asyncio.Queue()
        self._writer = asyncio.create_task(self._write_forever())

    async def stop(self) -> None:
        if self._writer is not None:
            self._writer.cancel()
        self._worker.shutdown(wait=True)

    async def act(self, action: Action) -> Outcome:
        """Queue `action`; its outcome once written (or its refusal, raised)."""
        assert self._queue is not None, "the room has not started"
        done: asyncio.Future[Outcome] = asyncio.get_running_loop().create_future()
        await self._queue.put((action, done))
        return await done

    async def _write_forever(self) -> None:
        assert self._queue is not None
        loop = asyncio.get_running_loop()
        while True:
            batch = [await self._queue.get()]
            while len(batch) < MAX_BATCH and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            version = (self.snapshot.version if self.snapshot else 0) + 1
            try:
                results, snapshot = await loop.run_in_executor(
                    self._worker, self._apply, [a for a, _ in batch], version)
            except Exception as error:  # the journal could not be written: tell every sender
                for _, done in batch:
                    if not done.done():
                        done.set_exception(error)
                continue
            if snapshot is not None:
                self.snapshot = snapshot
            for (_, done), result in zip(batch, results, strict=True):
                if isinstance(result, Exception):
                    done.set_exception(result)
                else:
                    done.set_result(result)
            self._announce([r for r in results if not isinstance(r, Exception)])

    def _announce(self, outcomes: list[Outcome]) -> None:
        """Tell every screen what a batch did: written out once for the room and once for the
        facilitator, then one item for each screen (not one for each note and screen)."""
        everyone, facilitator = [], []
        for outcome in outcomes:
            if outcome.room is not None:
                everyone.append(event_text(outcome.room))
                facilitator.append(everyone[-1])
            if outcome.facilitator is not None:
                facilitator.append(event_text(outcome.facilitator))
            if outcome.refresh:
                self.plan_epoch += 1
                everyone.append(event_text({"type": "refresh"}))
                facilitator.append(everyone[-1])
        told = {False: "".join(everyone), True: "".join(facilitator)}
        for listener in list(self.listeners):
            if told[listener.facilitator]:
                listener.tell(told[listener.facilitator])

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)
