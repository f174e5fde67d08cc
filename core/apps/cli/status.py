"""`casereview status`: where a review stands against its regime — decision, clocks,
notifications, delay, commissioning, requests, the quality checks (core.statutory.status)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import click

from core.analysis import quality
from core.apps.cli.base import App
from core.apps.cli.output import day_or_today, echo_json, json_option, review_argument
from core.evidence import requests
from core.kernel.dates import short_date
from core.kernel.state import ReviewState
from core.output.report import records
from core.plugin_api.plugins import PluginHost
from core.statutory import commissioning, deadlines, decisions
from core.statutory.status import StatusSection

# The status column's labels: what needs someone's attention (late, overdue) in capitals, so it
# stands out when the column is scanned; the line beside it says it in words.
MARKS = {"met": "met", "met late": "LATE", "overdue": "OVERDUE", "due": "due",
         "waiting": "waiting", "does not apply": "n/a", "keep until due": "keep"}

# What status shows, in order: section key -> the function that builds it (None when it has
# nothing to say). To add a section (for example overdue information requests), add a line.
STATUS_SECTIONS: dict[str, Callable[..., StatusSection | None]] = {
    "decision": decisions.status_section,
    "statutory": records.status_section,  # becoming aware, the rapid review
    "clocks": deadlines.clock_section,
    "notifications": deadlines.notification_section,
    "delay": deadlines.delay_section,
    "commissioning": commissioning.status_section,
    "requests": requests.status_section,  # overdue information requests
    "checks": quality.checks_section,  # every plugin's check_stage: quality markers
}
# These never hold a due day: `deadlines` leaves them out.
UNDATED_SECTIONS = frozenset({"checks", "statutory"})


def sections(host: PluginHost, state: ReviewState, today: dt.date, *,
             dated_only: bool = False) -> list[StatusSection]:
    """Every section for the review, in STATUS_SECTIONS order (empty ones left out); with
    `dated_only`, only those that can hold something with a due day."""
    found = []
    for key, build in STATUS_SECTIONS.items():
        if dated_only and key in UNDATED_SECTIONS:
            continue
        section = build(host=host, state=state, today=today)
        if section is not None:
            found.append(section)
    return found


today_option = click.option(
    "--today", "today_text", metavar="DATE",
    help="Count days left from DATE instead of today (to plan ahead or check a past day).")


@click.command()
@review_argument
@today_option
@json_option
@click.pass_obj
def status_command(app: App, review_id: str, today_text: str | None, as_json: bool) -> None:
    """Show REVIEW against its regime: the decision, every clock with its due day and days left
    or overdue, the notifications to send, any delay, and commissioning.

    Clocks in working days skip weekends and bank holidays (England and Wales). Record what is
    done with `casereview clock REVIEW met CLOCK`, `casereview notify REVIEW sent TASK` and
    `casereview delay REVIEW --reason ...`.
    """
    today = day_or_today(today_text, "--today date")
    state = app.reviews.load(review_id)
    regime = app.host.regime(state.review.regime)
    found = sections(app.host, state, today)
    warnings = [w for section in found for w in section.warnings]
    if as_json:
        echo_json({"review": review_id, "title": state.review.title, "regime": regime.name,
                   "stage": state.stage.value, "today": today,
                   "sections": [s.to_data() for s in found], "warnings": warnings})
        return
    click.echo(f"{review_id}: {state.review.title}")
    click.echo(f"  {regime.title}; stage {state.stage.label}; today {short_date(today)}")
    for section in found:
        click.echo(f"\n{section.title}")
        for line in section.lines:
            click.echo(f"  {line}")
        for item in section.items:
            click.echo(f"  [{MARKS.get(item.state, item.state):>7}] {item.describe()}")
            if item.state not in ("met", "met late", "does not apply"):
                click.echo(f"            {item.id}: met by {item.satisfied_by}")
            if item.note:
                click.echo(f"            note: {item.note}")
    if warnings:
        click.echo("\nWarnings:")
        for warning in warnings:
            click.echo(f"  ! {warning}")
