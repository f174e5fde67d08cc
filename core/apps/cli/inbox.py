"""`casereview inbox REVIEW send|list|save`: agencies' accounts waiting for the review team."""

from __future__ import annotations

from pathlib import Path

import click

from core.apps.cli.base import App
from core.apps.cli.output import echo_json, group_review_id, json_option, review_argument
from core.evidence.inbox import content, send, waiting
from core.kernel.dates import long_date
from core.output.output_file import write_output


@click.group()
@review_argument
def inbox_command(review_id: str) -> None:
    """What agency authors send for REVIEW, waiting for the review team.

    An agency author sends their agency's written account with `send`; the review team sees
    what was sent with `list`, saves a file with `save`, and records it as the agency's
    submission with `casereview submissions REVIEW add`. An author sends only for their own
    agency and sees only what they sent.
    """


@inbox_command.command("send")
@click.argument("agency")
@click.option("--file", "path", required=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="The written account (text, Markdown, Word or any other file).")
@click.pass_context
def send_command(ctx: click.Context, agency: str, path: str) -> None:
    """Send FILE, AGENCY's written account, to the review team."""
    app: App = ctx.obj
    review_id = group_review_id(ctx)
    sent = send(app.journal, app.actor, review_id, agency, path)
    click.echo(f"Sent {sent.file_name} for {agency} to the review team of {review_id} on "
               f"{long_date(sent.sent_at.date())} (reference {sent.id}).")


@inbox_command.command("list")
@json_option
@click.pass_context
def list_command(ctx: click.Context, as_json: bool) -> None:
    """List what was sent: when, by whom, for which agency."""
    app: App = ctx.obj
    review_id = group_review_id(ctx)
    found = waiting(app.journal, app.actor, review_id)
    if as_json:
        echo_json(found)
        return
    if not found:
        click.echo(f"Nothing has been sent to the inbox of {review_id}.")
    for sent in found:
        click.echo(f"{sent.id}  {long_date(sent.sent_at.date())}  {sent.agency}: "
                   f"{sent.file_name} ({sent.size:,} bytes, from {sent.account})")


@inbox_command.command("save")
@click.argument("sent_id", metavar="REFERENCE")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="The file to write (default: the name it was sent under, in this folder).")
@click.pass_context
def save_command(ctx: click.Context, sent_id: str, output: str | None) -> None:
    """Save what was sent as REFERENCE to a file, to record with `submissions add`."""
    app: App = ctx.obj
    review_id = group_review_id(ctx)
    sent, data = content(app.journal, app.actor, review_id, sent_id)
    path = Path(output or sent.file_name)
    write_output(path, data, "the agency's account", database=str(app.journal.path))
    click.echo(f"Saved {sent.agency}'s account to {path}. Record it with `casereview "
               f"submissions {review_id} add \"{sent.agency}\" --file {path}`.")
