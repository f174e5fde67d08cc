"""`casereview clock`, `notify` and `delay`: record what has been done about the regime's clocks."""

from __future__ import annotations

import click

from core.apps.cli.base import App
from core.apps.cli.output import day_or_today, review_argument
from core.kernel.dates import long_date
from core.kernel.text import plural
from core.statutory.deadlines import record_delay, record_met, set_date

on_option = click.option("--on", "on", metavar="DATE", help="The day (default today).")


@click.command()
@review_argument
@click.argument("action", type=click.Choice(["met", "date"]))
@click.argument("name", metavar="CLOCK|DATE_NAME")
@on_option
@click.option("--note", default="", help="Anything worth keeping with it, e.g. who confirmed.")
@click.pass_obj
def clock_command(app: App, review_id: str, action: str, name: str, on: str | None,
                  note: str) -> None:
    """Record that a clock of REVIEW was met, or set a day clocks count from.

    \b
    casereview clock REVIEW met rapid-review --on 2025-03-07
    casereview clock REVIEW date publication_planned --on 2025-09-30
    casereview clock REVIEW date published --on 2025-09-30

    `casereview status REVIEW` lists the clocks with their ids.
    """
    day = day_or_today(on, "day")
    if action == "met":
        record_met(app.reviews, review_id, name, day, notification=False, note=note)
        click.echo(f"Recorded {name} as met on {long_date(day)}.")
    else:
        set_date(app.reviews, review_id, name, day)
        click.echo(f"Recorded {name.replace('_', ' ')}: {long_date(day)}.")


@click.command()
@review_argument
@click.argument("action", type=click.Choice(["sent"]))
@click.argument("task", metavar="TASK")
@on_option
@click.option("--note", default="", help="e.g. how it was sent, a reference.")
@click.pass_obj
def notify_command(app: App, review_id: str, action: str, task: str, on: str | None,
                   note: str) -> None:
    """Record that a notification the regime requires was sent (e.g. to the national Panel).

    casereview notify REVIEW sent panel-notification --on 2025-02-20
    """
    day = day_or_today(on, "day")
    record_met(app.reviews, review_id, task, day, notification=True, note=note)
    click.echo(f"Recorded {task} as sent on {long_date(day)}.")


@click.command()
@review_argument
@click.option("--reason", default="", help="Why the completion target slipped "
              "(e.g. parallel court proceedings).")
@click.option("--improvement", multiple=True, metavar="TEXT",
              help="An improvement point captured while the review continues. Repeatable.")
@click.option("--corrective-action", "corrective_actions", multiple=True, metavar="TEXT",
              help="Corrective action taken meanwhile. Repeatable.")
@on_option
@click.pass_obj
def delay_command(app: App, review_id: str, reason: str, improvement: tuple[str, ...],
                  corrective_actions: tuple[str, ...], on: str | None) -> None:
    """Record why REVIEW will miss (or has missed) its completion target, and what is being
    learned and done meanwhile. Each call adds to what is recorded."""
    day = day_or_today(on, "day")
    record_delay(app.reviews, review_id, day, reason=reason, improvements=improvement,
                 corrective_actions=corrective_actions)
    added = ["the reason" if reason.strip() else "",
             plural(len(improvement), "improvement point") if improvement else "",
             plural(len(corrective_actions), "corrective action") if corrective_actions else ""]
    click.echo(f"Recorded for {review_id}: {', '.join(a for a in added if a)}.")
