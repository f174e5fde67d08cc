"""`casereview deadlines`: everything due or overdue, across every review in the database."""

from __future__ import annotations

import click

from core.apps.cli.base import App
from core.apps.cli.output import day_or_today, echo_json, json_option
from core.apps.cli.status import sections, today_option
from core.kernel.dates import short_date
from core.kernel.text import plural


@click.command()
@click.option("--within", type=click.IntRange(min=0), metavar="DAYS",
              help="Only what falls due within DAYS days (overdue items are always shown).")
@today_option
@json_option
@click.pass_obj
def deadlines_command(app: App, within: int | None, today_text: str | None,
                      as_json: bool) -> None:
    """List what is due or overdue in every review, soonest first: statutory clocks,
    notifications to send, and anything else with a due day (see `casereview status`)."""
    today = day_or_today(today_text, "--today date")
    rows = []
    for review_id in app.journal.review_ids():
        state = app.reviews.load(review_id)
        for section in sections(app.host, state, today, dated_only=True):
            for item in section.items:
                if not item.open or item.due is None:
                    continue
                if within is not None and item.days_left is not None and item.days_left > within:
                    continue
                rows.append((item.due, review_id, state.review.title, item))
    rows.sort(key=lambda row: (row[0], row[1], row[3].id))
    if as_json:
        echo_json([{"review": rid, "review_title": title} | item.to_data()
                   for _due, rid, title, item in rows])
        return
    if not rows:
        span = f" in the next {within} days" if within is not None else ""
        click.echo(f"Nothing due{span}.")
    for due, review_id, _title, item in rows:
        days = item.days_left or 0
        left = f"{plural(days, 'day')} left" if days >= 0 else f"{plural(-days, 'day')} overdue"
        click.echo(f"{short_date(due):<15}  {left:>18}  {review_id:<14} {item.title} ({item.id})")
