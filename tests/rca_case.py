"""Child A for the Root Cause Analysis tests: the notification, the Chair's decision, the
commissioning (at a level of investigation, or the PSIRF mode) and the seven agencies'
chronologies, built through the same functions the demo and the commands use. Built once per
test module into a database file; each test copies it."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import rca
from core.apps.demo import Demo, script
from core.kernel.lifecycle import Stage
from core.kernel.store import open_journal
from core.plugin_api.plugins import PluginHost
from core.plugin_api.reviews import Reviews
from core.statutory.commissioning import add_participant, commission

MATERIAL = Path(rca.__file__).resolve().parent / "example"
PSIRF = MATERIAL / "psirf-after-action-review"
REVIEW = "child-a"


@functools.cache
def every_plugin() -> PluginHost:
    return PluginHost.load()


def build(db: Path, variant: str | None = None) -> None:
    """Child A at the analysis stage, commissioned with Root Cause Analysis at `variant`."""
    demo = Demo(db.parent, methodology="rca", echo=lambda _: None, host=every_plugin())
    demo.script = script()
    demo.host = every_plugin()
    demo.journal = open_journal(db)
    demo.reviews = Reviews(demo.journal, demo.host, "test investigator")
    try:
        demo.notify()
        demo.decide()
        demo.move(Stage.COMMISSIONING, "decided")
        commission(demo.reviews, REVIEW, "rca", variant, "How was the triage done?",
                   "A single agency's contribution: the hospital's own investigation.")
        add_participant(demo.reviews, REVIEW, role="lead_reviewer",
                        title="Independent investigator", name="Robin Ashdown",
                        employers=("Ashdown Patient Safety Ltd",))
        demo.move(Stage.EVIDENCE, "commissioned")
        demo.import_chronologies()
    finally:
        demo.journal.close()


def copy_of(template: Path, target: Path) -> Reviews:
    shutil.copy(template, target)
    return Reviews(open_journal(target), every_plugin(), "test investigator")
