"""`casereview submissions`: each agency's written account, in the methodology's form."""

from __future__ import annotations

import click

from core.apps.cli.base import App
from core.apps.cli.output import (
    day_or_today,
    echo_json,
    group_review_id,
    json_option,
    review_argument,
)
from core.evidence import submissions
from core.evidence.submissions import form_for
from core.kernel.accounts import current_account, require_submission
from core.kernel.dates import long_date


@click.group(invoke_without_command=True)
@review_argument
@click.pass_context
def submissions_command(ctx: click.Context, review_id: str) -> None:
    """Agency submissions for REVIEW: the written account each agency is asked for.

    `form AGENCY` shows what the agency is asked to write (the review's methodology decides
    the form; without one, a plain form). `add AGENCY --file FILE` records the account as
    evidence, attaches the agency's chronology and marks it received. With no subcommand,
    lists which agencies have sent theirs.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_submissions)


@submissions_command.command("form")
@click.argument("agency")
@json_option
@click.pass_context
def show_form(ctx: click.Context, agency: str, as_json: bool) -> None:
    """Show the form AGENCY is asked to write its account in."""
    app: App = ctx.obj
    state = app.reviews.load(group_review_id(ctx))
    form = form_for(app.host, state, agency)
    if as_json:
        echo_json(form)
        return
    click.echo(form.title)
    click.echo("=" * len(form.title))
    for heading, guidance in form.sections.items():
        click.echo(f"\n{heading}\n  {guidance}")
    if form.include_chronology:
        click.echo("\nWith it, send the agency's chronology (CSV or XLSX), imported with "
                   "`casereview import`.")


@submissions_command.command("add")
@click.argument("agency")
@click.option("--file", "path", required=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="The account: text, Markdown or Word (.docx); other files are kept by "
                   "reference.")
@click.option("--chronology", "import_id", metavar="IMPORT-ID",
              help="The agency's chronology import to attach (default: all its imports).")
@click.option("--request", "request_id", metavar="REQUEST",
              help="The information request this answers; it is marked received.")
@click.option("--received", metavar="DATE", help="When it arrived (default: today).")
@json_option
@click.pass_context
def add_submission(ctx: click.Context, agency: str, path: str, import_id: str | None,
                   request_id: str | None, received: str | None, as_json: bool) -> None:
    """Record AGENCY's written account from FILE as evidence, marked received."""
    app: App = ctx.obj
    reviews = app.reviews
    state = reviews.load(group_review_id(ctx))
    day = day_or_today(received, "--received date")
    found = submissions.add(app.host, state, agency, path, import_id=import_id,
                            request_id=request_id, received_on=day)
    # An agency author records only their own agency's account (checked by its full name).
    require_submission(app.journal, current_account(app.journal, app.actor), state.id,
                       found.evidence.agency)
    reviews.write(state, found.events)
    evidence = found.evidence
    if as_json:
        echo_json(evidence)
        return
    click.echo(f"Recorded {evidence.id}: {evidence.title}, received {long_date(day)}, with "
               f"{len(evidence.entry_ids)} chronology entries attached.")
    if found.missing_sections:
        click.echo(f"Not found in the text: {', '.join(found.missing_sections)} "
                   "(the form's headings); ask the agency if they are needed.")
    if not evidence.details.get("text_read"):
        click.echo("The file's text was not read (not text, Markdown or Word); it is kept by "
                   "reference and checksum.")
    if found.request_marked and request_id:
        click.echo(f"Information request {request_id.upper()} marked received.")


@submissions_command.command("list")
@json_option
@click.pass_context
def list_submissions(ctx: click.Context, as_json: bool = False) -> None:
    """Which agencies have sent their account, and when."""
    app: App = ctx.obj
    state = app.reviews.load(group_review_id(ctx))
    found = submissions.submissions(state)
    if as_json:
        echo_json({agency: [e.id for e in items] for agency, items in found.items()})
        return
    if not found:
        click.echo("The review has no agencies yet.")
    for agency, items in found.items():
        if not items:
            click.echo(f"{agency}: not received")
            continue
        latest = items[-1]
        when = long_date(latest.received_on) if latest.received_on else "date unknown"
        click.echo(f"{agency}: received {when} ({latest.id}"
                   f"{f', {len(items)} versions' if len(items) > 1 else ''})")
