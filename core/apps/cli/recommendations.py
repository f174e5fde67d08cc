"""`casereview recommendations REVIEW add|list`: what the review recommends, tied to findings."""

from __future__ import annotations

import click

from core.analysis.actions import add_recommendation
from core.apps.cli.base import App
from core.apps.cli.output import echo_json, group_review_id, json_option, review_argument
from core.kernel import codec
from core.output.pseudonyms import load_for_output


@click.group()
@review_argument
def recommendations_command(review_id: str) -> None:
    """The review's recommendations, each addressing one or more of its findings."""


@recommendations_command.command("add")
@click.option("--text", required=True, help="The recommendation, in plain English.")
@click.option("--finding", "findings", multiple=True, required=True, metavar="ID",
              help="A finding it addresses; repeat for several.")
@click.option("--strength", default="",
              help="How strong the remedy is, e.g. stronger / intermediate / weaker (RCA).")
@click.option("--id", "recommendation_id", default=None, help="Its id (default: R1, R2 ...).")
@json_option
@click.pass_context
def add_command(ctx: click.Context, text: str, findings: tuple[str, ...], strength: str,
                recommendation_id: str | None, as_json: bool) -> None:
    """Add a recommendation. Refused unless every finding it names exists."""
    app: App = ctx.obj
    reviews = app.reviews
    state = reviews.load(group_review_id(ctx))
    rec, event = add_recommendation(state, text=text, finding_ids=findings, strength=strength,
                                    recommendation_id=recommendation_id)
    reviews.write(state, [event])
    if as_json:
        echo_json(codec.to_data(rec))
    else:
        click.echo(f"Recommendation {rec.id} added, addressing {', '.join(rec.finding_ids)}.")


@recommendations_command.command("list")
@json_option
@click.pass_context
def list_command(ctx: click.Context, as_json: bool) -> None:
    """List the recommendations with the findings and actions that hang on each."""
    app: App = ctx.obj
    state = load_for_output(app.reviews, group_review_id(ctx))  # names read as pseudonyms
    recs = [state.recommendations[k] for k in sorted(state.recommendations)]
    if as_json:
        echo_json([codec.to_data(r) for r in recs])
        return
    if not recs:
        click.echo("No recommendations yet. Add one with `casereview recommendations REVIEW add`.")
    for r in recs:
        actions = [a.id for a in state.actions.values() if r.id in a.addresses]
        strength = f" [{r.strength}]" if r.strength else ""
        click.echo(f"{r.id}{strength}: {r.text}")
        click.echo(f"    addresses: {', '.join(r.finding_ids)}; "
                   f"actions: {', '.join(actions) or 'none yet'}")
