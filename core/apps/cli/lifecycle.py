"""`casereview list`, `show` and `move`: the reviews in a database and their stages."""

from __future__ import annotations

from typing import Any

import click

from core.apps.cli.base import App
from core.apps.cli.output import echo_json, json_option, review_argument
from core.kernel import state as st
from core.kernel.lifecycle import Stage, allowed_moves


@click.command()
@json_option
@click.pass_obj
def list_command(app: App, as_json: bool) -> None:
    """List the reviews in the database with their stage."""
    rows = []
    for review_id in app.journal.review_ids():
        state = app.reviews.load(review_id)
        rows.append({"id": review_id, "title": state.review.title, "stage": state.stage.value,
                     "regime": state.review.regime, "methodology": state.methodology})
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("No reviews yet. Record a notification with `casereview new`.")
    for row in rows:
        click.echo(f"{row['id']:<14} {row['stage']:<20} {row['title']}")


@click.command()
@review_argument
@json_option
@click.pass_obj
def show_command(app: App, review_id: str, as_json: bool) -> None:
    """Show a review: its header, stage, and where it can move next."""
    state = app.reviews.load(review_id)
    moves = sorted(s.value for s in allowed_moves(state.stage))
    if as_json:
        echo_json(st.summary(state) | {"allowed_moves": moves})
        return
    review = state.review
    click.echo(f"{review.id}: {review.title}")
    click.echo(f"  Child:        {review.subject.pseudonym}")
    click.echo(f"  Area:         {review.area}")
    click.echo(f"  Regime:       {review.regime}")
    click.echo(f"  Methodology:  {review.methodology or 'not chosen yet'}")
    click.echo(f"  Stage:        {state.stage.label}")
    labels = [s.label for s in sorted(allowed_moves(state.stage))]
    click.echo(f"  Can move to:  {', '.join(labels) or 'nowhere (closed)'}")
    counts = ", ".join(
        f"{len(v)} {k.replace('_', ' ')}" for k, v in state.collections.items() if v
    )
    click.echo(f"  Holds:        {counts or 'nothing yet'}")


class StageName(click.Choice):
    """A stage as people write it: "learning events", "Improvement-actions", "learning_events"."""

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        written = "_".join(str(value).strip().lower().replace("-", " ").split())
        return super().convert(written, param, ctx)


@click.command()
@review_argument
@click.argument("stage", type=StageName([s.value for s in Stage]), metavar="STAGE")
@click.option("--reason", default="", help="Why, for the audit trail ('new evidence arrived').")
@click.pass_obj
def move_command(app: App, review_id: str, stage: str, reason: str) -> None:
    """Move REVIEW to STAGE, if the lifecycle allows it and every check agrees.

    Stages, in order: notification, decision, commissioning, evidence, analysis,
    learning events, findings, improvement actions, report, publication, monitoring, closed
    (written with spaces or underscores).
    Some backward moves are allowed (for example from learning_events back to analysis).
    A refused move changes nothing and lists every reason.
    """
    reviews = app.reviews
    state = reviews.move(review_id, stage, reason=reason)
    click.echo(f"{review_id} is now at stage {state.stage.label}.")
    for warning in reviews.warnings:
        click.echo(f"Warning: {warning}", err=True)
