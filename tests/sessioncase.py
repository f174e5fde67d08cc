"""A review ready for a live learning session: the Child A demo run through its analysis for a
methodology, with one learning event of each kind the method holds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from core.analysis import learning_events as le
from core.apps.demo import Demo, example_material, script
from core.kernel.store import open_journal
from core.plugin_api.reviews import Reviews

STEPS_BEFORE_EVENTS = 5  # notification, decision, commissioning, chronologies, analysis


def build(folder: Path, host: Any, methodology: str) -> tuple[Path, str, list[str]]:
    """The database, the review id and the ids of the planned learning events."""
    demo = Demo(folder, methodology=methodology, echo=lambda _line: None, host=host)
    demo.host, demo.material = host, example_material(host, methodology)
    demo.script = script(demo.material)
    database = folder / "session.db"
    demo.journal = open_journal(database)
    demo.reviews = Reviews(demo.journal, host, "session test")
    try:
        for _title, step in demo.steps()[:STEPS_BEFORE_EVENTS]:
            step()
        state = demo.state()
        events = []
        for kind in le.kinds(host, state):
            event, changes = le.record_event(host, state, kind=kind,
                                             held_on=dt.date(2025, 9, 1))
            state = demo.reviews.write(state, changes)
            events.append(event.id)
    finally:
        demo.journal.close()
    return database, demo.review_id, events
