"""`casereview requests`: information requests to people and bodies, and what is overdue."""

from __future__ import annotations

import datetime as dt

import click

from core.apps.cli.base import App
from core.apps.cli.output import (
    day_or_today,
    echo_json,
    group_review_id,
    json_option,
    parse_day,
    review_argument,
)
from core.evidence import requests
from core.kernel import codec
from core.kernel.dates import long_date
from core.kernel.model import RequestStatus


@click.group(invoke_without_command=True)
@review_argument
@click.pass_context
def requests_command(ctx: click.Context, review_id: str) -> None:
    """Information requests for REVIEW: to whom, what, why, when due, and their status.

    The partnership may ask a person or body for information, but each request must be
    necessary and proportionate and must say why it is needed; a request without a reason is
    refused. A request still awaited after its due date shows as overdue (and in
    `casereview status`). With no subcommand, lists the requests.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_requests)


@requests_command.command("add")
@click.option("--to", "to", required=True, metavar="WHO",
              help="The person (by role) or body asked, e.g. 'Fenwright Medical Practice'.")
@click.option("--what", required=True, help="What information is asked for.")
@click.option("--reason", required=True,
              help="Why it is necessary and proportionate (required by the procedure).")
@click.option("--due", required=True, metavar="DATE", help="When it is due (YYYY-MM-DD).")
@click.option("--sent", "sent", metavar="DATE", help="When it was sent (default: today).")
@click.option("--note", default="", help="Anything else worth keeping with it.")
@json_option
@click.pass_context
def add_request(ctx: click.Context, to: str, what: str, reason: str, due: str,
                sent: str | None, note: str, as_json: bool) -> None:
    """Record a request for information that has been sent."""
    app: App = ctx.obj
    reviews = app.reviews
    state = reviews.load(group_review_id(ctx))
    request, event = requests.add(
        state, to=to, what=what, reason=reason, due=parse_day(due, "--due date"),
        sent_on=day_or_today(sent, "--sent date"), note=note,
    )
    reviews.write(state, [event])
    if as_json:
        echo_json(request)
        return
    linked = f" (agency: {request.agency})" if request.agency else ""
    click.echo(f"Recorded {request.id}: to {request.to}{linked}, due {long_date(request.due)}.")


@requests_command.command("list")
@click.option("--today", metavar="DATE", help="Judge overdue as of DATE (default: today).")
@json_option
@click.pass_context
def list_requests(ctx: click.Context, today: str | None = None, as_json: bool = False) -> None:
    """List the requests with their status (sent, received, overdue, withdrawn)."""
    app: App = ctx.obj
    state = app.reviews.load(group_review_id(ctx))
    day = day_or_today(today, "--today date")
    found = requests.requests(state)
    if as_json:
        echo_json([{"status_today": requests.status_of(r, day)} | _data(r) for r in found])
        return
    if not found:
        click.echo("No information requests yet. Add one with `casereview requests REVIEW add`.")
        return
    for r in found:
        status = requests.status_of(r, day)
        extra = f" on {long_date(r.received_on)}" if r.received_on else ""
        # The status in capitals is the listing's label column, scanned for OVERDUE.
        click.echo(f"{r.id:<6} {status.upper():<9}{extra}  to {r.to}, due {long_date(r.due)}")
        click.echo(f"       What: {r.what}")
        click.echo(f"       Why:  {r.reason}")


@requests_command.command("update")
@click.argument("request_id", metavar="REQUEST")
@click.option("--status", type=click.Choice([s.value for s in RequestStatus]),
              help="received, withdrawn, or sent (again).")
@click.option("--on", "on", metavar="DATE", help="When it was received (default: today).")
@click.option("--due", metavar="DATE", help="A new due date.")
@click.option("--note", default=None, help="Replace the note kept with the request.")
@json_option
@click.pass_context
def update_request(ctx: click.Context, request_id: str, status: str | None, on: str | None,
                   due: str | None, note: str | None, as_json: bool) -> None:
    """Mark REQUEST received or withdrawn, or change its due date or note."""
    app: App = ctx.obj
    reviews = app.reviews
    state = reviews.load(group_review_id(ctx))
    request, event = requests.update(
        state, request_id, status=status, on=parse_day(on, "--on date") if on else None,
        due=parse_day(due, "--due date") if due else None, note=note,
    )
    reviews.write(state, [event])
    if as_json:
        echo_json(request)
        return
    click.echo(f"{request.id} is now {requests.status_of(request, dt.date.today())}, "
               f"due {long_date(request.due)}.")


def _data(value: object) -> dict:
    return codec.to_data(value)
