"""`casereview actions REVIEW add|list|update|import`: the improvement action plan."""

from __future__ import annotations

import click

from core.analysis.actions import add_action, due_day, plan_events, update_action
from core.apps.cli.base import App
from core.apps.cli.output import echo_json, group_review_id, json_option, review_argument
from core.kernel import codec
from core.kernel.corrections import with_reason
from core.kernel.dates import long_date, short_date
from core.kernel.text import plural
from core.output.pseudonyms import load_for_output

STATUSES = ["planned", "in_progress", "completed", "cancelled"]


@click.group()
@review_argument
def actions_command(review_id: str) -> None:
    """The improvement actions agreed with the partners, and their progress.

    Each action has an owner, a due date, a measure of success, a status and, once done, the
    evidence of its impact. Each must address a recommendation or a finding of the review.
    """


@actions_command.command("add")
@click.option("--description", required=True, help="What will be done.")
@click.option("--owner", required=True, help="Who answers for it: a role or a body, not a person.")
@click.option("--agency", default="", help="The agency that will do it.")
@click.option("--due", required=True, metavar="DATE",
              help="When it is due: a day (YYYY-MM-DD or DD/MM/YYYY) or a month (March 2014, "
                   "due by its last day).")
@click.option("--measure", "measure", required=True,
              help="How the partnership will know it worked (the measure of success).")
@click.option("--addresses", "addresses", multiple=True, required=True, metavar="ID",
              help="The recommendation or finding it addresses; repeat for several.")
@click.option("--status", type=click.Choice(STATUSES), default="planned", show_default=True,
              help="Where it stands (completed needs --impact).")
@click.option("--impact", default="", help="Evidence of the difference it has made so far.")
@click.option("--id", "action_id", default=None, help="Its id (default: the next A1, A2 ...).")
@json_option
@click.pass_context
def add_command(ctx: click.Context, description: str, owner: str, agency: str, due: str,
                measure: str, addresses: tuple[str, ...], status: str, impact: str,
                action_id: str | None, as_json: bool) -> None:
    """Add an improvement action. Refused unless it addresses an existing recommendation or
    finding."""
    app: App = ctx.obj
    reviews = app.reviews
    state = reviews.load(group_review_id(ctx))
    action, event = add_action(
        state, description=description, owner=owner, agency=agency,
        due=due_day(due), measure_of_success=measure, addresses=addresses,
        status=status, impact_evidence=impact, action_id=action_id,
    )
    reviews.write(state, [event])
    _report(action, "added", as_json)


@actions_command.command("update")
@click.argument("action_id", metavar="ACTION")
@click.option("--status", type=click.Choice(STATUSES), default=None,
              help="Where it stands now (completed needs evidence of impact).")
@click.option("--impact", default=None, help="Evidence of the difference it has made.")
@click.option("--due", default=None, metavar="DATE",
              help="A new due date: a day or a month (March 2014).")
@click.option("--reason", default="", metavar="TEXT",
              help="Why it changes; required when an action is cancelled, and kept in the "
                   "audit trail.")
@click.option("--owner", default=None, help="A new owner: a role or a body, not a person.")
@click.option("--agency", default=None, help="A new agency to do it.")
@click.option("--measure", default=None, help="A new measure of success.")
@click.option("--description", default=None, help="A new wording of what will be done.")
@json_option
@click.pass_context
def update_command(ctx: click.Context, action_id: str, status: str | None, impact: str | None,
                   due: str | None, owner: str | None, agency: str | None,
                   measure: str | None, description: str | None, as_json: bool,
                   reason: str = "") -> None:
    """Record progress on ACTION: its status, impact evidence, or a changed date or owner.

    Marking an action completed needs evidence of its impact (the partnership publishes
    what was done and the difference it made); cancelling one needs --reason.
    """
    app: App = ctx.obj
    reviews = app.reviews
    state = reviews.load(group_review_id(ctx))
    action, event = update_action(
        state, action_id, status=status, impact_evidence=impact,
        due=due_day(due) if due else None, owner=owner, agency=agency,
        measure_of_success=measure, description=description,
    )
    if status == "cancelled" or reason:
        if status == "cancelled" and not reason:
            raise click.UsageError("say why the action is cancelled with --reason; the "
                                   "report's account of what was done gives it")
        event = with_reason(event, reason)
    reviews.write(state, [event])
    _report(action, "updated", as_json)


@actions_command.command("list")
@click.option("--status", type=click.Choice(STATUSES), default=None, help="Only these.")
@json_option
@click.pass_context
def list_command(ctx: click.Context, status: str | None, as_json: bool) -> None:
    """List the improvement actions, soonest due first."""
    app: App = ctx.obj
    state = load_for_output(app.reviews, group_review_id(ctx))  # names read as pseudonyms
    rows = sorted(state.actions.values(), key=lambda a: (a.due, a.id))
    if status:
        rows = [a for a in rows if a.status.value == status]
    if as_json:
        echo_json([codec.to_data(a) for a in rows])
        return
    if not rows:
        click.echo("No improvement actions yet. Add one with `casereview actions REVIEW add`.")
    for a in rows:
        click.echo(f"{a.id:<5} due {short_date(a.due):<15} {a.status.value:<11} "
                   f"{a.owner}: {a.description}")
        click.echo(f"      measure: {a.measure_of_success}")
        click.echo(f"      addresses: {', '.join(a.addresses)}")
        if a.impact_evidence:
            click.echo(f"      impact: {a.impact_evidence}")


@actions_command.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False), metavar="FILE")
@click.pass_context
def import_command(ctx: click.Context, path: str) -> None:
    """Add the recommendations and actions of a YAML plan (see examples/child-a/actions.yaml).

    All or nothing: one bad item and nothing is added.
    """
    app: App = ctx.obj
    reviews = app.reviews
    state = reviews.load(group_review_id(ctx))
    before_r, before_a = len(state.recommendations), len(state.actions)
    reviews.write(state, plan_events(state, path))
    click.echo(f"Added {plural(len(state.recommendations) - before_r, 'recommendation')} and "
               f"{plural(len(state.actions) - before_a, 'improvement action')} from {path}.")


def _report(action, verb: str, as_json: bool) -> None:
    if as_json:
        echo_json(codec.to_data(action))
    else:
        click.echo(f"Action {action.id} {verb}: {action.description} "
                   f"(owner {action.owner}, due {long_date(action.due)}, {action.status.value}).")
